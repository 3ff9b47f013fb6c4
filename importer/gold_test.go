package importer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
)

// TestGoldTexts reads the 71 hand-corrected plain texts of cr-unsc: each
// parses or is rejected with a named reason, and the covers of three eras
// give the right symbol and date.
func TestGoldTexts(t *testing.T) {
	requireShared(t, goldDir)
	files, _ := filepath.Glob(filepath.Join(goldDir, "*.txt"))
	if len(files) != 71 {
		t.Errorf("%d gold files, want the 71 of SOURCE.md", len(files))
	}
	got := map[string]*importer.Resolution{}
	ok, clauses := 0, 0
	for _, f := range files {
		res, _, p := importer.ImportFile(f)
		if p != nil {
			named := false
			for _, r := range rejectReasons {
				named = named || strings.Contains(p.Message, r)
			}
			if !named {
				t.Errorf("rejected without a named reason: %v", p)
			} else {
				t.Logf("rejected: %v", p)
			}
			continue
		}
		ok++
		clauses += len(res.Clauses)
		got[res.Symbol] = res
		// The symbol read from the cover must be the one the file is named after.
		base := filepath.Base(f) // S_RES_0872_1993_EN_GOLD.txt
		parts := strings.Split(base, "_")
		if want := "S/RES/" + strings.TrimLeft(parts[2], "0") + "(" + parts[3] + ")"; res.Symbol != want {
			t.Errorf("%s: symbol %s, want %s", base, res.Symbol, want)
		}
		if res.Adopted == "" {
			// 818 and 891: OCR noise in the cover ("at _ its 3198th meeting").
			t.Logf("%s: no adoption date read from its cover", base)
		}
		for _, c := range res.Clauses {
			if !locatorPattern.MatchString(c.Locator) {
				t.Errorf("%s: bad locator %q", base, c.Locator)
			}
		}
	}
	t.Logf("%d of %d gold texts imported, %d clauses", ok, len(files), clauses)
	if ok < 60 {
		t.Errorf("only %d gold texts imported", ok)
	}
	for _, tc := range []struct {
		symbol, adopted string
		meeting         int
		mission         string
	}{
		{"S/RES/1445(2002)", "2002-12-04", 4653, "MONUC"}, // born-digital cover
		{"S/RES/866(1993)", "1993-09-22", 3281, "UNOMIL"}, // 1990s cover over two lines
		{"S/RES/143(1960)", "1960-07-14", 0, ""},          // yearbook cover: "Resolution of 14 July 1960"
	} {
		res := got[tc.symbol]
		if res == nil {
			t.Errorf("%s not imported", tc.symbol)
			continue
		}
		if res.Adopted != tc.adopted || res.Meeting != tc.meeting || (tc.mission != "" && !contains(res.Missions, tc.mission)) {
			t.Errorf("%s: adopted %s meeting %d missions %v; want %s %d %s", tc.symbol, res.Adopted, res.Meeting, res.Missions, tc.adopted, tc.meeting, tc.mission)
		}
	}
	// Footnote numbers of the printed yearbook are gone: 872's preamble
	// "... Rwandese Patriotic Front, 16 and urging" and 143's "Secretary-General 6 on".
	if res := got["S/RES/143(1960)"]; res != nil {
		for _, c := range res.Clauses {
			if strings.Contains(c.Text, "General 6 on") {
				t.Errorf("143 %s keeps a footnote number: %q", c.Locator, c.Text)
			}
		}
	}
}
