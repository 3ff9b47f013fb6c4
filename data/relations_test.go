package data_test

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/policy"
)

// The bundled dataset is checked here against what the project promises about it: it loads
// without a single diagnostic, has enough documented relations of both kinds, evidence that
// points at real documents, endpoints that exist, and no orphan agendas or documents. The loader
// validates the format and cross-references; these tests check the content promises on top.

var (
	loadOnce sync.Once
	loaded   *policy.Dataset
	loadErr  loader.Diagnostics
)

// index is the bundled dataset with every id (including derived clause ids) mapped to its kind.
type index struct {
	*policy.Dataset
	kinds map[string]string
}

func load(t *testing.T) index {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = loader.Read(".") })
	if len(loadErr) > 0 {
		for _, d := range loadErr {
			t.Error(d)
		}
		t.Fatalf("the dataset has %d diagnostics", len(loadErr))
	}
	ix := index{Dataset: loaded, kinds: map[string]string{}}
	for _, a := range loaded.Agendas {
		ix.kinds[a.ID] = "Agenda"
	}
	for _, m := range loaded.Missions {
		ix.kinds[m.ID] = "Mission"
	}
	for _, m := range loaded.Mandates {
		ix.kinds[m.ID] = "Mandate"
		for _, c := range m.Clauses {
			ix.kinds[c.ID] = "Clause"
		}
	}
	for _, d := range loaded.Documents {
		ix.kinds[d.ID] = "Document"
	}
	for _, r := range loaded.Relations {
		ix.kinds[r.ID] = "Relation"
	}
	return ix
}

func TestDatasetLoadsWithoutDiagnostics(t *testing.T) {
	ix := load(t)
	t.Logf("counts: %v", ix.Counts())
}

// agreedAgendas are the codes agreed by the project; agendas.yaml must define exactly these.
var agreedAgendas = []string{"POC", "SSR", "DDR", "ROL", "HR", "ELECT", "CAAC", "CRSV", "WPS", "HUM", "STATE", "PEACE"}

func TestAgendasAreTheAgreedCodes(t *testing.T) {
	ix := load(t)
	var got []string
	for _, a := range ix.Agendas {
		got = append(got, a.ID)
	}
	want := append([]string(nil), agreedAgendas...)
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("agenda codes = %v, want %v", got, want)
	}
}

func TestRelationCounts(t *testing.T) {
	ix := load(t)
	if n := len(ix.Relations); n < 34 {
		t.Errorf("%d relations, want at least 34", n)
	}
	byKind := map[policy.RelationKind]int{}
	pocSSR := map[policy.RelationKind]int{}
	missionLevel := 0
	for _, r := range ix.Relations {
		byKind[r.Kind]++
		if (r.Source == "POC" && r.Target == "SSR") || (r.Source == "SSR" && r.Target == "POC") {
			pocSSR[r.Kind]++
		}
		if r.Mission != "" {
			missionLevel++
		}
	}
	for _, k := range policy.RelationKinds {
		if byKind[k] == 0 {
			t.Errorf("no %s relations", k)
		}
		if pocSSR[k] == 0 {
			t.Errorf("no agenda-level POC-SSR %s relation", k)
		}
	}
	if missionLevel < 5 {
		t.Errorf("%d mission-level relations, want at least 5", missionLevel)
	}
	t.Logf("%d relations %v; agenda-level POC-SSR %v; mission level %d", len(ix.Relations), byKind, pocSSR, missionLevel)
}

func TestRelationMechanismsFitTheirKind(t *testing.T) {
	ix := load(t)
	for _, r := range ix.Relations {
		mech, ok := policy.MechanismByCode(r.Mechanism)
		if !ok {
			t.Errorf("relation %s: unknown mechanism %q", r.ID, r.Mechanism)
			continue
		}
		allowed := false
		for _, k := range mech.Kinds {
			allowed = allowed || k == r.Kind
		}
		if !allowed {
			t.Errorf("relation %s: mechanism %s does not allow kind %s", r.ID, r.Mechanism, r.Kind)
		}
		if r.Strength < 1 || r.Strength > 3 {
			t.Errorf("relation %s: strength %d, want 1..3", r.ID, r.Strength)
		}
	}
}

func TestEvidencePointsAtDocuments(t *testing.T) {
	ix := load(t)
	for _, r := range ix.Relations {
		if len(r.Evidence) == 0 {
			t.Errorf("relation %s: no evidence", r.ID)
		}
		for i, e := range r.Evidence {
			if kind := ix.kinds[e.Document]; kind != "Document" {
				t.Errorf("relation %s: evidence[%d]: %q is %q, want a document", r.ID, i, e.Document, kind)
			}
			if strings.TrimSpace(e.Note) == "" {
				t.Errorf("relation %s: evidence[%d]: empty note", r.ID, i)
			}
		}
	}
}

func TestRelationEndpointsExist(t *testing.T) {
	ix := load(t)
	for _, r := range ix.Relations {
		for _, end := range []string{r.Source, r.Target} {
			switch kind := ix.kinds[end]; kind {
			case "Clause", "Agenda", "Document", "Mandate":
			case "":
				t.Errorf("relation %s: endpoint %q does not exist", r.ID, end)
			default:
				t.Errorf("relation %s: endpoint %q is a %s; want a clause, agenda, document or mandate", r.ID, end, kind)
			}
		}
	}
}

func TestMissionRelationsStayInTheirMission(t *testing.T) {
	ix := load(t)
	mandateMissions := map[string][]string{}
	for _, m := range ix.Mandates {
		mandateMissions[m.ID] = m.Missions
	}
	for _, r := range ix.Relations {
		if r.Mission == "" {
			continue
		}
		for _, end := range []string{r.Source, r.Target} {
			mandateID, _, _ := strings.Cut(end, "#")
			ms, ok := mandateMissions[mandateID]
			if !ok {
				continue // an agenda or document end
			}
			found := false
			for _, m := range ms {
				found = found || m == r.Mission
			}
			if !found {
				t.Errorf("relation %s: mission %s, but %s belongs to %v", r.ID, r.Mission, end, ms)
			}
		}
	}
}

func TestDocuments(t *testing.T) {
	ix := load(t)
	if n := len(ix.Documents); n < 10 {
		t.Errorf("%d documents, want at least 10", n)
	}
	for _, id := range []string{
		"S/PRST/2005/20",
		"dpko-dfs-poc-coordination-2012",
		"un-ssr-itgn-2012",
		"chappuis-gorur-2015",
		"conflicting-means-converging-goals",
	} {
		if ix.kinds[id] != "Document" {
			t.Errorf("document %q is missing", id)
		}
	}
	// The chapter's footnotes 1-3 cite the brief, the 2005 statement and both 2012 guidance texts.
	for _, d := range ix.Documents {
		if d.ID != "conflicting-means-converging-goals" {
			continue
		}
		cites := map[string]bool{}
		for _, c := range d.Cites {
			cites[c] = true
		}
		for _, w := range []string{"chappuis-gorur-2015", "S/PRST/2005/20", "dpko-dfs-poc-coordination-2012", "un-ssr-itgn-2012"} {
			if !cites[w] {
				t.Errorf("the chapter should cite %s (explicit in its footnotes)", w)
			}
		}
	}
}

func TestNoOrphans(t *testing.T) {
	ix := load(t)
	used := map[string]bool{}
	for _, d := range ix.Documents {
		if len(d.Cites) > 0 || len(d.Agendas) > 0 {
			used[d.ID] = true
		}
		for _, c := range d.Cites {
			used[c] = true
		}
		for _, a := range d.Agendas {
			used[a] = true
		}
	}
	for _, m := range ix.Mandates {
		for _, c := range m.Cites {
			used[c] = true
		}
		for _, c := range m.Clauses {
			for _, a := range c.Agendas {
				used[a] = true
			}
		}
	}
	for _, r := range ix.Relations {
		used[r.Source], used[r.Target] = true, true
		for _, e := range r.Evidence {
			used[e.Document] = true
		}
	}
	for _, a := range ix.Agendas {
		if !used[a.ID] {
			t.Errorf("agenda %s is used by no clause, document or relation", a.ID)
		}
	}
	for _, d := range ix.Documents {
		if !used[d.ID] {
			t.Errorf("document %s is cited by nothing, cites nothing, addresses no agenda and is no evidence", d.ID)
		}
	}
}
