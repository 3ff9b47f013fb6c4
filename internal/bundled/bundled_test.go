package bundled

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/internal/shareddata"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/policy"
)

// sharedData is MANDATEGRAPH_SHARED_DATA, else ../shared/data beside the checkout.
func sharedData(t *testing.T) string {
	t.Helper()
	dir := shareddata.Dir()
	if _, err := os.Stat(filepath.Join(dir, "external", "unxml-scresolutions")); err != nil {
		t.Fatalf("shared data missing: %v (set %s to the shared/data directory)", err, shareddata.Env)
	}
	return dir
}

func TestSelectRule(t *testing.T) {
	tests := []struct {
		name     string
		preamble bool
		clauses  []importer.Clause
		want     []string
	}{
		{"extension", false, []importer.Clause{{Locator: "1", Text: "Decides to extend the mandate of MONUSCO until 20 December 2025;"}}, []string{"MONUSCO"}},
		{"establishment by full name", false, []importer.Clause{{Locator: "1", Text: "Decides to establish the United Nations Mission in Liberia for a period of twelve months;"}}, []string{"UNMIL"}},
		{"named in a sub-item", false, []importer.Clause{
			{Locator: "3", Text: "Decides that the mandate shall include the following tasks:"},
			{Locator: "3(a)", Parent: "3", Text: "To support MINUSCA's partners;"},
		}, []string{"MINUSCA"}},
		{"after a comma", false, []importer.Clause{{Locator: "10", Text: "Takes note of the report, endorses the recommendations on MONUC's concept of operations;"}}, []string{"MONUC"}},
		{"after and", false, []importer.Clause{{Locator: "6", Text: "Expresses its full support for UNFICYP and decides to extend its mandate for a further period;"}}, []string{"UNFICYP"}},
		{"MINURCA's name inside MINURCAT's", false, []importer.Clause{{Locator: "1", Text: "Decides to establish the United Nations Mission in the Central African Republic and Chad (MINURCAT) with the following mandate:"}}, []string{"MINURCAT"}},
		{"welcomes is not a decision", false, []importer.Clause{{Locator: "1", Text: "Welcomes the work of MONUSCO under its mandate;"}}, nil},
		{"a decision on something else", false, []importer.Clause{{Locator: "2", Text: "Decides to remain seized of the matter, and commends UNMIL;"}}, nil},
		{"missions lent from: only the one decided on alone", false, []importer.Clause{
			{Locator: "7", Text: "Decides to establish MINUSMA with the mandate set out below;"},
			{Locator: "14", Text: "Authorizes the transfer of troops from UNMIL and UNOCI to MINUSMA for the duration of its mandate;"},
		}, []string{"MINUSMA"}},
		{"several missions, none alone: all kept", false, []importer.Clause{
			{Locator: "1", Text: "Decides to extend the mandates of UNMIL and UNOCI until 30 September;"},
		}, []string{"UNMIL", "UNOCI"}},
		{"two missions each decided on alone", false, []importer.Clause{
			{Locator: "1", Text: "Decides to extend the mandate of MONUC;"},
			{Locator: "2", Text: "Decides to extend the mandate of ONUB;"},
			{Locator: "3", Text: "Authorizes MONUC to lend ONUB its helicopters under their mandates;"},
		}, []string{"MONUC", "ONUB"}},
		{"MONUC is not MONUSCO", false, []importer.Clause{{Locator: "1", Text: "Decides to extend the mandate of MONUSCO;"}}, []string{"MONUSCO"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &importer.Resolution{Symbol: "S/RES/9999(2020)", Year: 2020, Adopted: "2020-01-01", Clauses: tt.clauses}
			rows, err := Select([]*importer.Resolution{r}, Missions, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			if len(rows) == 1 {
				got = rows[0].Missions
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("missions %v, want %v", got, tt.want)
			}
		})
	}
	old := &importer.Resolution{Symbol: "S/RES/1279(1999)", Year: 1999, Adopted: "1999-11-30",
		Clauses: []importer.Clause{{Locator: "1", Text: "Decides to establish MONUC;"}}}
	if rows, _ := Select([]*importer.Resolution{old}, Missions, ""); len(rows) != 0 {
		t.Errorf("a 1999 resolution was selected: %v", rows)
	}
}

// TestGeneratedUpToDate regenerates the imported files into a temporary
// directory and requires them to equal the committed ones, byte for byte
// (run `make import-bundled` after changing the importer, the tagging
// rules, the selection rule or the curated files).
func TestGeneratedUpToDate(t *testing.T) {
	root := filepath.Join(sharedData(t), "external", "unxml-scresolutions")
	data := filepath.Join("..", "..", "data")
	tmp := t.TempDir()
	if err := Generate(root, data, tmp); err != nil {
		t.Fatal(err)
	}
	list := func(dir string) map[string][]byte {
		out := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if rel, _ := filepath.Rel(dir, p); strings.HasPrefix(rel, ImportedDir+string(filepath.Separator)) || rel == filepath.FromSlash(SelectionFile) {
				b, err := os.ReadFile(p)
				out[filepath.ToSlash(rel)] = b
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	got, want := list(tmp), list(data)
	var stale []string
	for name, b := range got {
		if w, ok := want[name]; !ok {
			stale = append(stale, "data/"+name+": generated but not committed")
		} else if !bytes.Equal(b, w) {
			stale = append(stale, "data/"+name+": differs from a fresh generation")
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			stale = append(stale, "data/"+name+": committed but no longer generated")
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		if len(stale) > 20 {
			stale = append(stale[:20], fmt.Sprintf("... and %d more", len(stale)-20))
		}
		t.Errorf("the committed import output is out of date (the importer, the tagging rules, the selection rule "+
			"or the curated files changed): run `make import-bundled` and commit data/imported and data/import/selection.tsv\n%s",
			strings.Join(stale, "\n"))
	}
}

// TestSelectionCoversCurated: every curated mandate from 2000 on of the ten
// missions is selected by the rule, except those listed with a reason.
func TestSelectionCoversCurated(t *testing.T) {
	notByRule := map[string]string{
		// Establishes BINUH; MINUJUSTH is named only in requests and in the
		// handover of its role, not in a decision on its mandate.
		"S/RES/2476(2019)": "ends MINUJUSTH by establishing its successor",
	}
	paths, err := curatedPaths(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	ds, diags := loader.Read(paths...)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "data", SelectionFile))
	if err != nil {
		t.Fatal(err)
	}
	selected := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 5 && strings.HasPrefix(f[0], "S/RES/") {
			selected[f[0]] = true
		}
	}
	for _, m := range ds.Mandates {
		if m.Adopted.Year() < 2000 || notByRule[m.ID] != "" {
			continue
		}
		if !selected[m.ID] {
			t.Errorf("curated mandate %s (%v) is not in %s", m.ID, m.Missions, SelectionFile)
		}
	}
}

// TestCuratedSurvivesSupplements: with data/imported read beside the
// curated files, every curated mandate keeps its own clauses (summaries,
// tags, agendas) first and unchanged, and each one the selection holds is
// completed by its supplement: every operative paragraph recorded.
func TestCuratedSurvivesSupplements(t *testing.T) {
	data := filepath.Join("..", "..", "data")
	paths, err := curatedPaths(data)
	if err != nil {
		t.Fatal(err)
	}
	curated, diags := loader.Read(paths...)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	all, diags := loader.Read(data)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(data, SelectionFile))
	if err != nil {
		t.Fatal(err)
	}
	selected := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 5 {
			selected[f[0]] = true
		}
	}
	byID := map[string]policy.Mandate{}
	for _, m := range all.Mandates {
		byID[m.ID] = m
	}
	completed := 0
	for _, cm := range curated.Mandates {
		m, ok := byID[cm.ID]
		if !ok {
			t.Errorf("%s: curated, but not in the whole dataset", cm.ID)
			continue
		}
		if len(m.Clauses) < len(cm.Clauses) {
			t.Errorf("%s: %d clauses, fewer than its %d curated ones", cm.ID, len(m.Clauses), len(cm.Clauses))
			continue
		}
		if diff := cmp.Diff(cm.Clauses, m.Clauses[:len(cm.Clauses)], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: the curated clauses changed (-curated +with imported):\n%s", cm.ID, diff)
		}
		for _, c := range m.Clauses[len(cm.Clauses):] {
			if c.Summary != "" || !strings.HasPrefix(c.Provenance.Method, "imported by mandategraph import") {
				t.Errorf("%s: supplement clause with summary %q, provenance %q", c.ID, c.Summary, c.Provenance.Method)
			}
		}
		if selected[cm.ID] {
			if !m.AllParagraphs || len(m.Clauses) == 0 {
				t.Errorf("%s: selected but not completed (allParagraphs %v, %d clauses)", cm.ID, m.AllParagraphs, len(m.Clauses))
			} else if len(m.Clauses) > len(cm.Clauses) {
				completed++
			}
		}
	}
	if completed == 0 {
		t.Error("no curated mandate was completed by a supplement")
	}
	t.Logf("%d curated mandates, %d completed by a supplement", len(curated.Mandates), completed)
}
