package graph_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/mandategraph/mandategraph/graph"

	"github.com/mandategraph/mandategraph/policy/policytest"
)

// TestRoundTripsDependOnShapeOnly proves there is no N+1: a nested query
// costs one database round trip per field per level of its selection, the
// same over a dataset and over one twice as large.
func TestRoundTripsDependOnShapeOnly(t *testing.T) {
	queries := []struct {
		name  string
		query string
		// trips is the bound: one per root field and one per relationship
		// field in the selection (Evidence.document included; Relation.evidence
		// is read from the relation and costs nothing), except that a
		// mission's mandates → clauses → agendas are one tree read (tree.go).
		trips int64
		count func(data map[string]any) int // objects at the deepest level, to show the data grew
	}{
		{"missions → mandates → clauses → agendas, relations → evidence → document", `{
			missions(first: 50) { totalCount edges { node { id
				mandates { id clauses { id agendas { id name } } }
				relations { id evidence { locator document { id title } } } } } } }`,
			4 /* missions, the tree, relations, documents: 6 level by level */, func(d map[string]any) int { return len(dig(d, "missions", "edges")) }},
		{"relations → source/target (interface) → mandate → missions", `{
			relations(first: 50) { edges { node { id
				source { id ... on Clause { mandate { id missions { id predecessor { id } } } } }
				target { id ... on Document { agendas { id } } } } } } }`,
			5 /* the page with its ends, mandates, missions, predecessors, documents' agendas: 6 level by level */, func(d map[string]any) int { return len(dig(d, "relations", "edges")) }},
		{"agendas → clause pages → mandate → cites / citedBy", `{
			agendas { id clauses(first: 50) { totalCount edges { node { id
				mandate { cites { id } citedBy { id } } relations(kind: TENSION) { mission { id } } } } } } }`,
			7, func(d map[string]any) int {
				return int(dig(d, "agendas")[2].(map[string]any)["clauses"].(map[string]any)["totalCount"].(float64))
			}},
		{"timeline and overlap → missions → mandates", `{
			mandateTimeline(mission: "SYN02") { mandate { missions { id } clauses { id } } added { documents { id } } }
			agendaOverlap(agendas: ["POC", "SSR"]) { mission { mandates { id } successor { id } } } }`,
			7, func(d map[string]any) int { return len(dig(d, "agendaOverlap")) }},
	}
	type result struct {
		trips int64
		size  int
	}
	results := map[string][]result{}
	for _, n := range []int{10, 20} {
		a := newAPI(t, policytest.Dataset(n), unweightedLists)
		for _, q := range queries {
			before := a.store.RoundTrips()
			res := a.post(t, q.query, nil)
			trips := a.store.RoundTrips() - before
			var data map[string]any
			res.decode(t, &data)
			results[q.name] = append(results[q.name], result{trips, q.count(data)})
			if trips != q.trips {
				t.Errorf("%s over %d missions: %d round trips, want %d", q.name, n, trips, q.trips)
			}
		}
	}
	for name, rs := range results {
		if rs[1].size <= rs[0].size {
			t.Errorf("%s: result did not grow with the dataset (%d, then %d)", name, rs[0].size, rs[1].size)
		}
		t.Logf("%s: %d round trips for %d and for %d top-level results", name, rs[0].trips, rs[0].size, rs[1].size)
	}
}

// dig follows keys through decoded JSON objects and returns the list at the end.
func dig(v any, keys ...string) []any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	list, _ := v.([]any)
	return list
}

// TestSiblingSelectionsShareOneLoad: fields of one level that share a batch
// load (aliases of Mandate.clauses with different selections, and
// coverage, which counts the clauses) cost one query, and each gets the
// fields it selected, though the load reads only the selected properties;
// level by level and compiled into a tree read.
func TestSiblingSelectionsShareOneLoad(t *testing.T) {
	a := newAPI(t, policytest.Dataset(4), unweightedLists)
	whole := `{ mission(id: "SYN02") { mandates { clauses { id paragraph summary text mandate { id } tags { source } } } } }`
	want := a.post(t, whole, nil)
	for _, path := range []struct {
		name  string
		h     http.Handler
		trips int64
		why   string
	}{
		{"level by level", graph.NewHandler(levelByLevel{a.store}, unweightedLists, quietLogger()), 5,
			"mission, mandates, clauses, their mandates, their agendas for tags"},
		{"compiled", a.handler, 2, "the tree of mission, mandates, clauses and agendas; the clauses' mandates"},
	} {
		t.Run(path.name, func(t *testing.T) { siblingsShareOneLoad(t, a, want, path.h, path.trips, path.why) })
	}
}

func siblingsShareOneLoad(t *testing.T, a *api, want response, h http.Handler, wantTrips int64, why string) {
	before := a.store.RoundTrips()
	got := postTo(t, h, `{ mission(id: "SYN02") { mandates { coverage
		a: clauses { id paragraph } b: clauses { summary text mandate { id } } c: clauses { tags { source } } } } }`, nil)
	if trips := a.store.RoundTrips() - before; trips != wantTrips {
		t.Errorf("%d round trips, want %d (%s)", trips, wantTrips, why)
	}
	var w, g struct {
		Mission struct {
			Mandates []struct {
				Coverage string           `json:"coverage"`
				Clauses  []map[string]any `json:"clauses"`
				A        []map[string]any `json:"a"`
				B        []map[string]any `json:"b"`
				C        []map[string]any `json:"c"`
			} `json:"mandates"`
		} `json:"mission"`
	}
	want.decode(t, &w)
	got.decode(t, &g)
	if len(w.Mission.Mandates) == 0 || len(g.Mission.Mandates) != len(w.Mission.Mandates) {
		t.Fatalf("%d and %d mandates", len(w.Mission.Mandates), len(g.Mission.Mandates))
	}
	for i, md := range w.Mission.Mandates {
		gm := g.Mission.Mandates[i]
		if len(gm.A) != len(md.Clauses) || len(gm.B) != len(md.Clauses) || len(gm.C) != len(md.Clauses) || gm.Coverage == "" {
			t.Fatalf("mandate %d: %d/%d/%d clauses, want %d; coverage %q", i, len(gm.A), len(gm.B), len(gm.C), len(md.Clauses), gm.Coverage)
		}
		for j, c := range md.Clauses {
			for k, v := range c {
				var gv any
				switch k {
				case "id", "paragraph":
					gv = gm.A[j][k]
				case "summary", "text", "mandate":
					gv = gm.B[j][k]
				case "tags":
					gv = gm.C[j][k]
				}
				if fmt.Sprint(gv) != fmt.Sprint(v) {
					t.Errorf("mandate %d clause %d %s: %v, want %v", i, j, k, gv, v)
				}
			}
		}
	}
}
