package importer_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mandategraph/mandategraph/importer"
)

// eosgFiles imports every EOSG paragraph file.
func eosgFiles(t *testing.T) []*importer.Resolution {
	t.Helper()
	requireShared(t, eosgDir)
	r, err := importer.Import([]string{eosgDir})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range r.Errors {
		t.Errorf("EOSG file rejected: %v", e)
	}
	if r.Files != 38 {
		t.Errorf("read %d EOSG files, want the 38 of SOURCE.md", r.Files)
	}
	return r.Resolutions
}

// TestEOSGMatchesAKN: for each resolution in both the EOSG JSON and the
// XML, the two paths give the same locators, date and meeting.
func TestEOSGMatchesAKN(t *testing.T) {
	xml := bySymbol(importXML(t))
	both := 0
	for _, e := range eosgFiles(t) {
		a := xml[e.Symbol]
		if a == nil {
			continue
		}
		both++
		if d := cmp.Diff(locators(a), locators(e)); d != "" {
			t.Errorf("%s: locators differ (-xml +eosg):\n%s", e.Symbol, d)
		}
		if a.Adopted != e.Adopted || a.Meeting != e.Meeting || a.ChapterVII != e.ChapterVII {
			t.Errorf("%s: xml adopted %s meeting %d chapterVII %v; eosg %s %d %v", e.Symbol, a.Adopted, a.Meeting, a.ChapterVII, e.Adopted, e.Meeting, e.ChapterVII)
		}
	}
	t.Logf("%d resolutions in both the EOSG JSON and the XML compared", both)
	if both < 30 {
		t.Errorf("only %d resolutions in both formats", both)
	}
}

// TestTextFromEOSG writes each EOSG file as the plain text of an official
// document would look (cover lines, paragraphs separated by blank lines,
// hard-wrapped at 72 columns, the no-break spaces kept), reads it back
// through the text path and wants the same resolution.
func TestTextFromEOSG(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(eosgDir, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no EOSG files in %s", eosgDir)
	}
	for _, f := range files {
		res, _, p := importer.ImportFile(f)
		if p != nil {
			t.Errorf("%v", p)
			continue
		}
		text := eosgAsText(t, f)
		d, err := importer.ReadText(text, f+".txt")
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		got, _, p := importer.Build(d)
		if p != nil {
			t.Errorf("text of %s: %v", filepath.Base(f), p)
			continue
		}
		if d := cmp.Diff(locators(res), locators(got)); d != "" {
			t.Errorf("%s: locators differ (-json +text):\n%s", res.Symbol, d)
		}
		if got.Symbol != res.Symbol || got.Adopted != res.Adopted || got.Meeting != res.Meeting {
			t.Errorf("%s: text path gives %s %s %d", res.Symbol, got.Symbol, got.Adopted, got.Meeting)
		}
		for i := range res.Clauses {
			if i < len(got.Clauses) && importer.Normalize(got.Clauses[i].Text) != res.Clauses[i].Text {
				t.Errorf("%s %s: text differs:\n json %q\n text %q", res.Symbol, res.Clauses[i].Locator, res.Clauses[i].Text, got.Clauses[i].Text)
				break
			}
		}
	}
}

func eosgAsText(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var ps []struct {
		Text   string  `json:"text"`
		Type   string  `json:"type"`
		Prefix *string `json:"prefix"`
	}
	if err := json.Unmarshal(data, &ps); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range ps {
		text := p.Text
		if p.Prefix != nil && *p.Prefix != "" {
			text = *p.Prefix + " " + text
		}
		if p.Type == "title" {
			// The cover of a born-digital resolution ("United Nations S/RES/...").
			b.WriteString("United Nations\n\n")
		}
		b.WriteString(wrap(text, 72))
		b.WriteString("\n\n")
	}
	return b.String()
}

// wrap hard-wraps at width columns on ASCII spaces only, as a copied
// document does (no-break spaces stay inside their line).
func wrap(s string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Split(strings.ReplaceAll(s, "\n", " "), " ") {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
