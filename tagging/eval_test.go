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

// TestEvalLabels reports the embedded rules' precision and recall per agenda on
// the hand labels (tagging/testdata/labels.tsv), dev and test separately.
// Clause texts come from the UN's XML (then the EOSG JSON) in shared/data.
// Rules are tuned on dev rows only; the test rows are reported as they are.
// It is also a regression guard: POC and SSR on dev must stay at the level
// the rules reached (devFloors), which tolerates about one more error each.
func TestEvalLabels(t *testing.T) {
	const path = "testdata/labels.tsv"
	f, err := os.Open(path)
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
	if os.Getenv("MANDATEGRAPH_LIST_DEV_ERRORS") == "1" {
		listDevErrors(t, labels, clauses, tagger)
	}
	for agenda, floor := range devFloors {
		s := scores["dev"][agenda]
		if s == nil {
			t.Errorf("dev %s: no labelled units", agenda)
			continue
		}
		if p := s.Precision(); p < floor.precision {
			t.Errorf("dev %s precision %.2f fell below its floor %.2f: a rule change added false positives (list them on dev rows, never test)", agenda, p, floor.precision)
		}
		if r := s.Recall(); r < floor.recall {
			t.Errorf("dev %s recall %.2f fell below its floor %.2f: a rule change lost true positives (list them on dev rows, never test)", agenda, r, floor.recall)
		}
	}
}

// devFloors are the least precision and recall TestEvalLabels accepts on
// the dev split. Reached on 2026-12-02: POC 1.00 / 1.00 (18 positives), SSR
// 1.00 / 1.00 (26 positives); each floor lets one more error through (POC
// 17/18 = 0.94; SSR 26/27 = 0.96 precision, 25/26 = 0.96 recall). Raise them
// when the rules improve; lowering one needs a reason in the commit.
var devFloors = map[string]struct{ precision, recall float64 }{
	"POC": {precision: 0.94, recall: 0.94},
	"SSR": {precision: 0.96, recall: 0.96},
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

// listDevErrors logs, for the dev split only, every POC and SSR label the
// rules miss or contradict, with the clause's text and headings, so that
// rules can be written from dev errors without seeing test ones
// (MANDATEGRAPH_LIST_DEV_ERRORS=1). There is no switch for the test split
// on purpose.
func listDevErrors(t *testing.T, labels []tagging.Label, clauses map[string]importer.Clause, tagger *tagging.Tagger) {
	for _, l := range labels {
		if l.Split != "dev" {
			continue
		}
		c, ok := clauses[l.Symbol+"#"+l.Locator]
		if !ok {
			continue
		}
		got := map[string]tagging.Tag{}
		for _, tg := range tagger.Tag(c.Text, c.Headings) {
			got[tg.Agenda] = tg
		}
		for _, a := range []string{"POC", "SSR"} {
			want, judged := l.Judged[a]
			tg, has := got[a]
			switch {
			case !judged || want == has:
				continue
			case want:
				t.Logf("dev FN %s %s %s: %q under %q", a, l.Symbol, l.Locator, c.Text, c.Headings)
			default:
				t.Logf("dev FP %s %s %s (%s: %q): %q under %q", a, l.Symbol, l.Locator, tg.Rule, tg.Phrase, c.Text, c.Headings)
			}
		}
	}
}
