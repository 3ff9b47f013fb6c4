package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mandategraph/mandategraph/importer"
)

// synthetic writes a small AKN resolution of our own words.
func synthetic(symbolN, year, date, body string) string {
	return `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution"><meta><identification><FRBRWork>
<FRBRthis value="/akn/un/statement/deliberation/unsc/` + date + `/` + symbolN + `-` + year + `/!main/"/>
<FRBRdate date="` + date + `" name="adoption"/></FRBRWork></identification></meta>
<coverPage><p><docNumber>S/RES/` + symbolN + ` (` + year + `)</docNumber></p>
<p><docTitle refersTo="#adoption">Adopted by the Security Council at its <inline name="adoptionMeeting" title="9001st">9001st meeting</inline>, on<docDate date="` + date + `">2 May ` + year + `</docDate></docTitle></p></coverPage>
<preamble><container><p>Recalling its resolution 1234 (2001) and S/PRST/2002/3,</p></container>
<container><p>Acting under Chapter VII of the Charter,</p></container></preamble>
<mainBody>` + body + `</mainBody></statement></akomaNtoso>`
}

func para(num, text string) string {
	return `<paragraph><num>` + num + `</num><content><p>` + text + `</p></content></paragraph>`
}

func TestBuildLocators(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want []string
	}{
		{"flattened letters and romans", para("1.", "Decides:") + para("(a)", "Patrols") + para("(i)", "Day") + para("(ii)", "Night") + para("(b)", "Talks") + para("2.", "Ends."),
			[]string{"1", "1(a)", "1(a)(i)", "1(a)(ii)", "1(b)", "2"}},
		{"(i) after (h) is a letter", para("1.", "Tasks:") + para("(a)", "a") + para("(b)", "b") + para("(c)", "c") + para("(d)", "d") + para("(e)", "e") + para("(f)", "f") + para("(g)", "g") + para("(h)", "h") + para("(i)", "i") + para("(j)", "j"),
			[]string{"1", "1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)", "1(i)", "1(j)"}},
		{"(i) after (h) with (ii) next is roman", para("1.", "Tasks:") + para("(a)", "a") + para("(b)", "b") + para("(c)", "c") + para("(d)", "d") + para("(e)", "e") + para("(f)", "f") + para("(g)", "g") + para("(h)", "h") + para("(i)", "i") + para("(ii)", "ii"),
			[]string{"1", "1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)", "1(h)(i)", "1(h)(ii)"}},
		{"roman sections with lettered items", para("1.", "Mandate:") + para("(i)", "Protection of civilians") + para("(a)", "x;") + para("(b)", "y;") + para("(ii)", "Support") + para("(a)", "z."),
			[]string{"1", "1(i)", "1(i)(a)", "1(i)(b)", "1(ii)", "1(ii)(a)"}},
		{"nested list", `<paragraph><num>1.</num><list><intro><p>Decides:</p></intro><point><num>(a)</num><content><p>one;</p></content></point><sublist><point><num>(i)</num><content><p>deep</p></content></point></sublist><point><num>(b)</num><content><p>two</p></content></point></list></paragraph>`,
			[]string{"1", "1(a)", "1(a)(i)", "1(b)"}},
		{"bullets fold into their item", para("1.", "Decides:") + para("(a)", "a:") + para("–", "bullet") + para("2.", "Ends."),
			[]string{"1", "1(a)", "2"}},
		{"annex after the closing paragraph is left out", para("1.", "Decides.") + para("2.", "Decides to remain seized of the matter.") + para("1.", "Annex text"),
			[]string{"1", "2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := importer.ReadAKN(strings.NewReader(synthetic("9999", "2030", "2030-05-02", tc.body)), "x.xml")
			if err != nil {
				t.Fatal(err)
			}
			res, _, p := importer.Build(d)
			if p != nil {
				t.Fatal(p)
			}
			if diff := cmp.Diff(tc.want, locators(res)); diff != "" {
				t.Errorf("locators (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildMetadata(t *testing.T) {
	d, err := importer.ReadAKN(strings.NewReader(synthetic("9999", "2030", "2030-05-02", para("1.", "Decides that MONUSCO and the United Nations Mission in Liberia and UNFOOBAR shall act."))), "x.xml")
	if err != nil {
		t.Fatal(err)
	}
	res, warns, p := importer.Build(d)
	if p != nil {
		t.Fatal(p)
	}
	if res.Symbol != "S/RES/9999(2030)" || res.Adopted != "2030-05-02" || res.Meeting != 9001 || !res.ChapterVII {
		t.Errorf("got %+v", res)
	}
	if diff := cmp.Diff([]string{"MONUSCO", "UNMIL"}, res.Missions); diff != "" {
		t.Errorf("missions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"UNFOOBAR"}, res.UnknownAcronyms); diff != "" {
		t.Errorf("unknown acronyms (-want +got):\n%s", diff)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Message, "UNFOOBAR") {
		t.Errorf("warnings %v, want one naming UNFOOBAR", warns)
	}
	var cites []string
	for _, c := range res.Citations {
		cites = append(cites, c.Symbol+" "+string(c.Part))
	}
	if diff := cmp.Diff([]string{"S/RES/1234(2001) preamble", "S/PRST/2002/3 preamble"}, cites); diff != "" {
		t.Errorf("citations (-want +got):\n%s", diff)
	}

	// A cover that disagrees with the metadata is a warning naming both.
	d, _ = importer.ReadAKN(strings.NewReader(strings.Replace(synthetic("9999", "2030", "2030-05-02", para("1.", "Decides.")), `<docDate date="2030-05-02">2 May 2030`, `<docDate>3 May 2030`, 1)), "y.xml")
	_, warns, _ = importer.Build(d)
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), "y.xml") || !strings.Contains(warns[0].Message, "2030-05-02") || !strings.Contains(warns[0].Message, "2030-05-03") {
		t.Errorf("warnings %v, want one naming the file and both dates", warns)
	}
}

func TestBuildRejects(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"gap", para("1.", "a") + para("3.", "b"), "line 8: broken numbering: paragraph 3 follows paragraph 1"},
		{"first not 1", para("2.", "a"), "the first operative paragraph is numbered 2, not 1"},
		{"letter gap", para("1.", "a") + para("(a)", "x") + para("(c)", "y"), "item (c) does not follow 1(a)"},
		{"unnumbered only", `<paragraph><content><p>Recommends that a State be admitted.</p></content></paragraph>`, "no numbered operative paragraph"},
	} {
		d, err := importer.ReadAKN(strings.NewReader(synthetic("9999", "2030", "2030-05-02", tc.body)), "x.xml")
		if err != nil {
			t.Fatal(err)
		}
		_, _, p := importer.Build(d)
		if p == nil || !strings.Contains(p.Error(), tc.want) || !strings.HasPrefix(p.Error(), "x.xml") {
			t.Errorf("%s: got %v, want an error with %q", tc.name, p, tc.want)
		}
	}
}

func TestImportDuplicates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(synthetic("9999", "2030", "2030-05-02", body)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.xml", para("1.", "Decides."))
	write("b.xml", para("1.", "Decides."))
	write("c.xml", "<broken")
	r, err := importer.Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Resolutions) != 1 || len(r.Resolutions[0].Source.Also) != 1 || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "c.xml") {
		t.Fatalf("identical copies: got %d resolutions, errors %v", len(r.Resolutions), r.Errors)
	}
	write("b.xml", para("1.", "Decides otherwise."))
	r, _ = importer.Import([]string{dir})
	found := false
	for _, e := range r.Errors {
		found = found || strings.Contains(e.Error(), "b.xml") && strings.Contains(e.Message, "a.xml") && strings.Contains(e.Message, "different content")
	}
	if len(r.Resolutions) != 0 || !found {
		t.Errorf("different copies: got %d resolutions, errors %v; want none and an error naming both files", len(r.Resolutions), r.Errors)
	}
}

func TestMissionTable(t *testing.T) {
	ms := importer.Missions()
	if len(ms) < 90 {
		t.Errorf("%d missions", len(ms))
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.ID] || m.Name == "" || (m.Kind != "peacekeeping" && m.Kind != "political") {
			t.Errorf("bad row %+v", m)
		}
		seen[m.ID] = true
	}
	for _, id := range []string{"MONUSCO", "MINUSMA", "UNMIL", "UNOCI", "MINUSTAH", "UNAMID", "UNISFA", "MINUSCA", "MINUJUSTH", "MONUC"} {
		if !seen[id] {
			t.Errorf("bundled mission %s not in the table", id)
		}
	}
}
