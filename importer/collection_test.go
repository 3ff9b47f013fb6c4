package importer_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/loader"
)

// locatorPattern is the loader's locator rule, read from the JSON Schema
// the loader embeds (and keeps in step with loader/decode.go): every
// locator the importer derives must be one a dataset may hold.
var locatorPattern = func() *regexp.Regexp {
	var s struct {
		Defs struct {
			Clause struct {
				Properties struct {
					Paragraph struct {
						AnyOf []struct {
							Pattern string `json:"pattern"`
						} `json:"anyOf"`
					} `json:"paragraph"`
				} `json:"properties"`
			} `json:"clause"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(loader.Schema, &s); err != nil {
		panic(err)
	}
	return regexp.MustCompile(s.Defs.Clause.Properties.Paragraph.AnyOf[0].Pattern)
}()

var (
	xmlOnce   sync.Once
	xmlResult *importer.Result
)

// importXML imports the whole AKN collection once per test binary.
func importXML(t testing.TB) *importer.Result {
	t.Helper()
	requireShared(t, xmlDir)
	xmlOnce.Do(func() {
		r, err := importer.Import([]string{xmlDir})
		if err != nil {
			t.Fatal(err)
		}
		xmlResult = r
	})
	return xmlResult
}

func bySymbol(r *importer.Result) map[string]*importer.Resolution {
	m := map[string]*importer.Resolution{}
	for _, res := range r.Resolutions {
		m[res.Symbol] = res
	}
	return m
}

func locators(res *importer.Resolution) []string {
	out := make([]string, len(res.Clauses))
	for i, c := range res.Clauses {
		out[i] = c.Locator
	}
	return out
}

// The named reasons a file may be rejected for.
var rejectReasons = []string{
	"not a resolution:",
	"broken numbering:",
	"no numbered operative paragraph:",
	"no operative part found",
	"not well-formed XML",
	"not a resolution text:",
}

func TestAKNCollection(t *testing.T) {
	r := importXML(t)
	if r.Files != 1503 {
		t.Errorf("read %d files, want the 1,503 of SOURCE.md", r.Files)
	}
	reasons := map[string]int{}
	for _, e := range r.Errors {
		named := ""
		for _, reason := range rejectReasons {
			if strings.Contains(e.Message, reason) {
				named = reason
			}
		}
		if named == "" {
			t.Errorf("rejected without a named reason: %v", e)
		}
		reasons[named]++
	}
	also := 0
	for _, res := range r.Resolutions {
		also += len(res.Source.Also)
	}
	if got := len(r.Resolutions) + len(r.Errors) + also; got != r.Files {
		t.Errorf("%d resolutions + %d rejected + %d duplicates = %d, want every one of %d files accounted for", len(r.Resolutions), len(r.Errors), also, got, r.Files)
	}
	t.Logf("%d files: %d resolutions imported, %d identical duplicates, %d rejected %v, %d warnings", r.Files, len(r.Resolutions), also, len(r.Errors), reasons, len(r.Warnings))

	m := bySymbol(r)
	clauses, folded := 0, 0
	for _, res := range r.Resolutions {
		clauses += len(res.Clauses)
		folded += res.Folded
		seen := map[string]bool{}
		for _, c := range res.Clauses {
			if !locatorPattern.MatchString(c.Locator) {
				t.Errorf("%s (%s): locator %q breaks the loader's locator rule", res.Symbol, res.Source.File, c.Locator)
			}
			if seen[c.Locator] {
				t.Errorf("%s: locator %s twice", res.Symbol, c.Locator)
			}
			seen[c.Locator] = true
		}
		if res.Adopted == "" {
			t.Errorf("%s: no adoption date", res.Symbol)
		}
	}
	t.Logf("%d clauses; %d unnumbered or third-level items folded into their clause", clauses, folded)

	// Quirks of SOURCE.md, each checked.
	rejected := func(file, reason string) {
		for _, e := range r.Errors {
			if strings.HasSuffix(e.File, file) && strings.Contains(e.Message, reason) {
				return
			}
		}
		t.Errorf("%s: not rejected with %q", file, reason)
	}
	rejected("S_PRST_2020_11.xml", "not a resolution: its symbol is S/PRST/2020/11")
	warned := func(file string, parts ...string) {
		for _, w := range r.Warnings {
			if strings.HasSuffix(w.File, file) && containsAll(w.Message, parts) {
				return
			}
		}
		t.Errorf("%s: no warning with %q", file, parts)
	}
	warned("S_RES_1291_N0031335.xml", `"0001-01-01"`, "2000-02-24")
	warned("S_RES_2423_1810687E.xml", "2018-06-28", "2016-06-29")
	for _, sym := range []string{"S/RES/2193(2014)", "S/RES/2194(2014)", "S/RES/2195(2014)", "S/RES/2464(2019)"} {
		if res := m[sym]; res == nil || len(res.Source.Also) != 1 {
			t.Errorf("%s: want one resolution read from two identical files, have %+v", sym, res)
		}
	}
	if res := m["S/RES/2423(2018)"]; res == nil || res.Adopted != "2018-06-28" || res.Meeting != 8277 {
		t.Errorf("S/RES/2423(2018): want the metadata's 2018-06-28 (the cover's meeting 8277 kept as printed), have %+v", res)
	}

	// 2098 flattens 12(a)(i): the hierarchy is rebuilt from the numbering.
	res := m["S/RES/2098(2013)"]
	if res == nil {
		t.Fatal("S/RES/2098(2013) not imported")
	}
	want := map[string]string{"12(a)": "12", "12(a)(i)": "12(a)", "12(b)": "12", "12(d)": "12"}
	heads := map[string]bool{}
	for _, c := range res.Clauses {
		if p, ok := want[c.Locator]; ok {
			if c.Parent != p {
				t.Errorf("2098 %s: parent %q, want %q", c.Locator, c.Parent, p)
			}
			delete(want, c.Locator)
		}
		if c.Locator == "12(a)(i)" {
			for _, h := range c.Headings {
				heads[h] = true
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("2098: locators %v missing", want)
	}
	if !heads["Protection of civilians"] {
		t.Errorf("2098 12(a)(i) does not inherit the heading of 12(a)")
	}
	if !res.ChapterVII || res.Meeting != 6943 || res.Adopted != "2013-03-28" || !contains(res.Missions, "MONUSCO") {
		t.Errorf("2098: chapterVII %v meeting %d adopted %s missions %v", res.ChapterVII, res.Meeting, res.Adopted, res.Missions)
	}
	cites := map[string]importer.Citation{}
	for _, c := range res.Citations {
		cites[c.Symbol] = c
	}
	for _, sym := range []string{"S/RES/1925(2010)", "S/RES/2078(2012)", "S/PRST/2012/28"} {
		if c, ok := cites[sym]; !ok || c.Part != importer.Preamble {
			t.Errorf("2098 does not cite %s in its preamble (%+v)", sym, c)
		}
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
