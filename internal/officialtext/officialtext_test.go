package officialtext_test

import (
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/internal/officialtext"
)

// testdata/S_RES_9001(2030).json is an invented resolution in the
// paragraphs JSON layout, with the structures locators depend on: a
// lettered (i) after (h), roman sections whose letters restart, an
// unlabelled heading and an annex. The real texts are tested in data/.
func TestParseJSONStructures(t *testing.T) {
	o, err := officialtext.Find(officialtext.Dirs{Paragraphs: "testdata", Plain: "testdata"}, "S/RES/9001(2030)")
	if err != nil || o == nil {
		t.Fatalf("Find: %v, %v", o, err)
	}
	for _, loc := range []string{"1", "2(a)", "2(h)", "2(i)", "3(i)", "3(ii)", "3(i)(a)", "3(ii)(a)", "4"} {
		if err := o.Check(loc); err != nil {
			t.Error(err)
		}
	}
	if n := o.Count("3(a)"); n != 2 {
		t.Errorf("3(a) occurs %d times, want 2 (letters restart under each roman section)", n)
	}
	if err := o.Check("3(a)"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("Check(3(a)) = %v, want ambiguous", err)
	}
	if err := o.Check("5"); err == nil {
		t.Error("paragraph 5 sits in the annex, yet Check found it")
	}
	if s := o.TextOf("3(ii)"); !strings.Contains(s, "reform the police") || strings.Contains(s, "protect people") {
		t.Errorf("TextOf(3(ii)) = %q, want its own lettered item only", s)
	}
	if s := o.TextOf("3(ii)(a)"); s != "reform the police;" {
		t.Errorf("TextOf(3(ii)(a)) = %q", s)
	}
	if s := o.TextOf("3"); strings.Contains(s, "remain seized") {
		t.Errorf("TextOf(3) ran into paragraph 4: %q", s)
	}
	if got := o.CitedMandates(map[string]bool{"S/RES/9000(2029)": true}); len(got) != 1 || got[0] != "S/RES/9000(2029)" {
		t.Errorf("CitedMandates = %v", got)
	}
	if o.ChapterVII() {
		t.Error("ChapterVII true for a text that never says it")
	}
}

func TestFindWithoutText(t *testing.T) {
	for _, sym := range []string{"S/RES/9002(2030)", "not a symbol"} {
		if o, err := officialtext.Find(officialtext.Dirs{Paragraphs: "testdata", Plain: "testdata"}, sym); o != nil || err != nil {
			t.Errorf("Find(%q) = %v, %v; want nil, nil", sym, o, err)
		}
	}
}

// testdata/akn/S_RES_9003.xml is an invented resolution whose paragraph 2
// is split into capital roman sections, as S/RES/1542(2004) 7 is: a section
// is N(I), its lettered items N(I)(a), and the letters, which restart, are
// ambiguous as N(a).
func TestParseAKNCapitalSections(t *testing.T) {
	o, err := officialtext.Find(officialtext.Dirs{AKN: "testdata/akn"}, "S/RES/9003(2030)")
	if err != nil || o == nil {
		t.Fatalf("Find: %v, %v", o, err)
	}
	for _, tc := range []struct {
		loc, text string // text "" = must not exist
	}{
		{"2(I)", "Safe Surroundings: keep the capital calm; guard its own staff;"},
		{"2(I)(a)", "keep the capital calm;"},
		{"2(I)(b)", "guard its own staff;"},
		{"2(II)", "Talks: host talks between the parties;"},
		{"2(II)(a)", "host talks between the parties;"},
		{"3", "Decides to remain seized of the matter."},
		{"2(II)(b)", ""},
		{"3(II)", ""},
	} {
		if tc.text == "" {
			if o.Count(tc.loc) != 0 {
				t.Errorf("%s should not exist", tc.loc)
			}
			continue
		}
		if err := o.Locate(tc.loc); err != nil {
			t.Error(err)
		}
		if got := o.TextOf(tc.loc); got != tc.text {
			t.Errorf("TextOf(%s) = %q, want %q", tc.loc, got, tc.text)
		}
	}
	if n := o.Count("2(a)"); n != 2 {
		t.Errorf("2(a) occurs %d times, want 2 (letters restart in each section)", n)
	}
	if err := o.Locate("2(b)"); err == nil || !strings.Contains(err.Error(), "write it within its section as 2(I)(b)") {
		t.Errorf("Locate(2(b)) = %v, want the section form asked for", err)
	}
}
