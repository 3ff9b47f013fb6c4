package graph_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// TestBundledGraphAnswersTheChapter: with the bundled dataset (curated and
// imported) loaded, agendaOverlap(POC, SSR) lists the eight missions the
// chapter names, each with the adoption date of its first mandate carrying
// both, and each of the ten missions' mandateTimeline holds every mandate
// since 2000 that data/import/selection.tsv selects for it and every
// curated one, each with its agendas (recorded).
func TestBundledGraphAnswersTheChapter(t *testing.T) {
	ds, diags := loader.Read("../data")
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	store := neo4jtest.Open(t)
	if _, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{}); err != nil {
		t.Fatalf("load the bundled dataset: %v", err)
	}
	a := &api{store: store, handler: graph.NewHandler(store, graph.DefaultLimits, quietLogger())}

	res := a.post(t, `{ agendaOverlap(agendas: ["POC", "SSR"]) { mission { acronym } since unrecordedMandates } }`, nil)
	if res.Status != 200 || len(res.Errors) > 0 {
		t.Fatalf("agendaOverlap: status %d, errors %+v", res.Status, res.Errors)
	}
	var ov struct {
		AgendaOverlap []struct {
			Mission            struct{ Acronym string }
			Since              *string
			UnrecordedMandates int
		}
	}
	if err := json.Unmarshal(res.Data, &ov); err != nil {
		t.Fatal(err)
	}
	since := map[string]*string{}
	for _, o := range ov.AgendaOverlap {
		since[o.Mission.Acronym] = o.Since
	}
	// The date each mission should have: the adoption of its first mandate
	// with a clause addressing POC and one addressing SSR, from the dataset.
	first := map[string]string{}
	for _, m := range ds.Mandates {
		has := map[string]bool{}
		for _, c := range m.Clauses {
			for _, a := range c.Agendas {
				has[a] = true
			}
		}
		if !has["POC"] || !has["SSR"] {
			continue
		}
		for _, id := range m.Missions {
			if d := m.Adopted.String(); first[id] == "" || d < first[id] {
				first[id] = d
			}
		}
	}
	for _, m := range []string{"MONUSCO", "MINUSCA", "UNISFA", "UNMIL", "UNOCI", "MINUSTAH", "UNAMID", "MINUSMA"} {
		switch s, ok := since[m]; {
		case !ok || s == nil:
			t.Errorf("agendaOverlap(POC, SSR) lacks %s or its first date (the dataset's first such mandate: %q)", m, first[m])
		case *s != first[m]:
			t.Errorf("agendaOverlap(POC, SSR): %s since %s, want %s (its first mandate carrying both)", m, *s, first[m])
		default:
			t.Logf("%s: POC and SSR since %s", m, *s)
		}
	}

	// A curated mandate keeps its own missions (the import does not
	// rewrite it), so the selection's rows count only for the others.
	curated := map[string]bool{}
	for _, m := range ds.Mandates {
		if !strings.HasPrefix(m.Provenance.Method, "imported by") {
			curated[m.ID] = true
		}
	}
	want := map[string]map[string]bool{}
	b, err := os.ReadFile("../data/import/selection.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 5 || !strings.HasPrefix(f[0], "S/RES/") || curated[f[0]] {
			continue
		}
		for _, m := range strings.Split(f[2], ",") {
			if want[m] == nil {
				want[m] = map[string]bool{}
			}
			want[m][f[0]] = true
		}
	}
	for _, m := range ds.Mandates {
		if m.Adopted.Year() < 2000 {
			continue
		}
		for _, id := range m.Missions {
			if want[id] == nil {
				want[id] = map[string]bool{}
			}
			want[id][m.ID] = true
		}
	}
	for _, mission := range []string{"MONUC", "MONUSCO", "MINUSMA", "MINUSCA", "UNMIL", "UNOCI", "MINUSTAH", "MINUJUSTH", "UNAMID", "UNISFA"} {
		res := a.post(t, `query($m: ID!) { mandateTimeline(mission: $m) { mandate { symbol } agendas { id } } }`, map[string]any{"m": mission})
		if res.Status != 200 || len(res.Errors) > 0 {
			t.Fatalf("mandateTimeline(%s): status %d, errors %+v", mission, res.Status, res.Errors)
		}
		var tl struct {
			MandateTimeline []struct {
				Mandate struct{ Symbol string }
				Agendas *[]struct{ ID string }
			}
		}
		if err := json.Unmarshal(res.Data, &tl); err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		var unrecorded []string
		for _, e := range tl.MandateTimeline {
			got[e.Mandate.Symbol] = true
			if e.Agendas == nil {
				unrecorded = append(unrecorded, e.Mandate.Symbol)
			}
		}
		// Every mandate since 2000 is recorded: imported whole, or curated
		// and completed by its supplement.
		for _, e := range tl.MandateTimeline {
			if e.Agendas == nil && want[mission][e.Mandate.Symbol] {
				t.Errorf("mandateTimeline(%s): %s has unknown agendas (no clause recorded)", mission, e.Mandate.Symbol)
			}
		}
		if len(unrecorded) > 0 {
			t.Logf("mandateTimeline(%s): %d of %d mandates with unknown agendas: %v", mission, len(unrecorded), len(tl.MandateTimeline), unrecorded)
		}
		if len(want[mission]) == 0 {
			t.Errorf("%s: no mandate expected; the selection is empty", mission)
		}
		for s := range want[mission] {
			if !got[s] {
				t.Errorf("mandateTimeline(%s) lacks %s", mission, s)
			}
		}
	}

	// The direct writer (direct.go) on real data, official texts and null
	// summaries included: the executor's answer byte for byte.
	limits := graph.DefaultLimits
	limits.MaxComplexity = 1 << 30
	direct := graph.NewHandler(store, limits, quietLogger())
	levels := graph.NewHandler(levelByLevel{store}, limits, quietLogger())
	every := `__typename id acronym name hostCountries startDate endDate active mandates { __typename id symbol kind
		adopted chapterVII url coverage paragraphsRecorded clauses { __typename id paragraph summary text
		agendas { __typename id name description } } }`
	for _, q := range []string{
		`{ mission(id: "MONUSCO") { ` + every + ` } }`,
		`{ missions(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ` + every + ` } } } }`,
	} {
		before := graph.DirectAnswers(direct)
		d, l := postTo(t, direct, q, nil), postTo(t, levels, q, nil)
		if graph.DirectAnswers(direct) != before+1 {
			t.Errorf("%.40s: not answered directly", q)
		}
		if len(d.Errors) > 0 || d.Body != l.Body {
			t.Errorf("%.40s: direct and per-level answers differ (%d and %d bytes; errors %+v)", q, len(d.Body), len(l.Body), d.Errors)
		}
		if len(d.Body) < 100_000 {
			t.Errorf("%.40s: %d bytes, too small an answer to prove anything", q, len(d.Body))
		}
	}
}
