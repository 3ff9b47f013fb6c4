package tagging_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/tagging"
)

// TestEvaluateFixture checks the evaluator's counting on a small fixture:
// the tagger's answers are given per clause.
func TestEvaluateFixture(t *testing.T) {
	f, err := os.Open("testdata/eval_fixture.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels, err := tagging.ReadLabels(f, "eval_fixture.tsv")
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string][]string{"1": {"POC"}, "2": {"POC"}, "3": {}, "4": {"SSR"}}
	scores, missing := tagging.Evaluate(labels, func(l tagging.Label) ([]tagging.Tag, bool) {
		if l.Symbol != "S/RES/1" {
			return nil, false
		}
		var tags []tagging.Tag
		for _, a := range answers[l.Locator] {
			tags = append(tags, tagging.Tag{Agenda: a})
		}
		return tags, true
	})
	want := map[string]map[string]tagging.Score{
		"dev":  {"POC": {TP: 1, FP: 1}, "SSR": {FN: 1, TN: 1}},
		"test": {"POC": {FN: 1, TN: 1}, "SSR": {FP: 1}},
	}
	for split, m := range want {
		for agenda, w := range m {
			if got := scores[split][agenda]; got == nil || *got != w {
				t.Errorf("%s %s = %+v, want %+v", split, agenda, got, w)
			}
		}
	}
	if len(missing) != 1 || missing[0].Symbol != "S/RES/9" {
		t.Errorf("missing = %+v, want the S/RES/9 line", missing)
	}
	if p := (tagging.Score{TP: 3, FP: 1}).Precision(); p != 0.75 {
		t.Errorf("precision = %v", p)
	}
}

func TestReadLabelsErrors(t *testing.T) {
	_, err := tagging.ReadLabels(strings.NewReader("symbol\tlocator\tmission\tsplit\tPOC\nS/RES/1\t1\tX\ttrain\t2\n"), "l.tsv")
	if err == nil || !strings.Contains(err.Error(), `l.tsv:2: split "train"`) || !strings.Contains(err.Error(), `l.tsv:2: POC: "2"`) {
		t.Errorf("err = %v, want both problems of line 2", err)
	}
}

// TestLabels reports the embedded rules' precision and recall per agenda on
// the hand labels (tagging/testdata/labels.tsv), dev and test separately.
// Clause texts come from the UN's XML (then the EOSG JSON) in shared/data.
// Rules are tuned on dev rows only; the test rows are reported as they are.
func TestLabels(t *testing.T) {
	const path = "testdata/labels.tsv"
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s not there yet (hand labels come from another helper); nothing evaluated", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels, err := tagging.ReadLabels(f, path)
	if err != nil {
		t.Fatal(err)
	}
	clauses := labelledClauses(t)
	tagger := tagging.Default()
	scores, missing := tagging.Evaluate(labels, func(l tagging.Label) ([]tagging.Tag, bool) {
		c, ok := clauses[l.Symbol+"#"+l.Locator]
		if !ok {
			return nil, false
		}
		return tagger.Tag(c.Text, c.Headings), true
	})
	for _, l := range missing {
		t.Errorf("%s:%d: %s %s: no such clause in the imported resolutions", path, l.Line, l.Symbol, l.Locator)
	}
	for _, split := range []string{"dev", "test"} {
		for _, a := range tagging.Agendas {
			s := scores[split][a]
			if s == nil {
				continue
			}
			t.Logf("%-4s %-5s precision %.2f recall %.2f (TP %d FP %d FN %d TN %d)", split, a, s.Precision(), s.Recall(), s.TP, s.FP, s.FN, s.TN)
		}
	}
}

func labelledClauses(t *testing.T) map[string]importer.Clause {
	t.Helper()
	shared := sharedData
	var dirs []string
	for _, d := range []string{"unxml-scresolutions", "un-mandates-housekeeping/paragraphs"} {
		dir := filepath.Join(shared, "external", d)
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("shared data missing: %v (set MANDATEGRAPH_SHARED_DATA)", err)
		}
		dirs = append(dirs, dir)
	}
	out := map[string]importer.Clause{}
	for _, dir := range dirs {
		r, err := importer.Import([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range r.Resolutions {
			for _, c := range res.Clauses {
				k := res.Symbol + "#" + c.Locator
				if _, ok := out[k]; !ok {
					out[k] = c
				}
			}
		}
	}
	return out
}
