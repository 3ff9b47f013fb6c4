package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mandategraph/mandategraph/importer"
)

// clauseView is what a heading test compares of a clause.
type clauseView struct {
	Locator  string
	Heading  bool
	Headings string // joined with " | "
	Text     string
}

func view(res *importer.Resolution) []clauseView {
	out := make([]clauseView, len(res.Clauses))
	for i, c := range res.Clauses {
		out[i] = clauseView{c.Locator, c.Heading, strings.Join(c.Headings, " | "), c.Text}
	}
	return out
}

// testdata/headings.xml and headings.txt are one invented resolution, as
// Akoma Ntoso and as plain text, with the heading shapes of the real files
// (the comment in the XML names them). Both paths must give these clauses.
func TestHeadingsAndSections(t *testing.T) {
	want := []clauseView{
		{"1", false, "", "Decides that the mission shall have these tasks:"},
		// Headings ending in a colon between lettered items title the
		// items after them; they are not the text of the item before.
		{"1(a)", false, "Watching the Truce:", "to watch the truce lines;"},
		{"1(b)", false, "Watching the Truce:", "to report breaches of the truce;"},
		{"1(c)", false, "Keeping People, Staff and Sites Safe:", "to keep people in danger safe, within its means;"},
		{"1(d)", false, "Help with Police Reform:", "to help train a new police service;"},
		// Capital roman sections of a paragraph: N(I), N(I)(a); letters
		// restart; the section's title is its lettered items' heading.
		{"2", false, "", "Acting under Chapter VII, decides that the mission shall also:"},
		{"2(I)", true, "", "Safe Surroundings:"},
		{"2(I)(a)", false, "Safe Surroundings:", "keep the capital calm;"},
		{"2(I)(b)", false, "Safe Surroundings:", "guard its own staff;"},
		{"2(II)", true, "", "Talks:"},
		{"2(II)(a)", false, "Talks:", "host talks between the parties;"},
		{"2(III)", true, "", "Rights:"},
		{"2(III)(a)", false, "Rights:", "watch and report on rights;"},
		{"2(III)(b)", false, "Rights:", "train rights workers;"},
		// A heading among second-level items comes after its first-level
		// item's heading, and ends with that item.
		{"3", false, "", "Decides further that the mission shall:"},
		{"3(a)", true, "", "Justice and order"},
		{"3(a)(i)", false, "Justice and order", "To help the courts sit again;"},
		{"3(a)(ii)", false, "Justice and order | Quick Steps:", "To arrest, when asked, those who attack the mission;"},
		{"3(b)", false, "", "To clear mines;"},
		// After a heading item, a line ending in a colon is the intro of
		// its sub-items: it stays the item's text.
		{"3(c)", true, "", "Police Matters Work with the Government:"},
		{"3(c)(i)", false, "Police Matters", "to plan the police reform;"},
		{"4", false, "", "Decides to remain seized of the matter."},
	}
	for _, file := range []string{"testdata/headings.xml", "testdata/headings.txt"} {
		t.Run(filepath.Ext(file)[1:], func(t *testing.T) {
			res, _, p := importer.ImportFile(file)
			if p != nil {
				t.Fatal(p)
			}
			if res.Symbol != "S/RES/9101(2031)" || res.Adopted != "2031-03-04" || res.Meeting != 9500 {
				t.Errorf("got %s adopted %s meeting %d", res.Symbol, res.Adopted, res.Meeting)
			}
			if diff := cmp.Diff(want, view(res)); diff != "" {
				t.Errorf("clauses (-want +got):\n%s", diff)
			}
		})
	}
}

// The real files whose headings and sections the fixture imitates.
func TestHeadingsInRealFiles(t *testing.T) {
	requireShared(t, xmlDir)
	for _, tc := range []struct {
		file string
		want map[string]clauseView // by locator; Text is a suffix the text must end with
		none []string              // locators that must not exist
	}{
		{"Pre-2020/2003/S_RES_1509_N0352570.xml", map[string]clauseView{
			"3":    {Headings: "", Text: "the following mandate:"},
			"3(a)": {Headings: "Support for Implementation of the Ceasefire Agreement:", Text: "violations of the ceasefire;"},
			"3(i)": {Headings: "Support for Implementation of the Ceasefire Agreement:", Text: "other vital infrastructure;"},
			"3(j)": {Headings: "Protection of United Nations Staff, Facilities and Civilians:", Text: "within its capabilities;"},
			"3(m)": {Headings: "Support for Humanitarian and Human Rights Assistance:", Text: "monitoring activities;"},
			"3(n)": {Headings: "Support for Security Reform:", Text: "interested States;"},
			"3(o)": {Headings: "Support for Security Reform:", Text: "interested States;"},
			"3(p)": {Headings: "Support for Implementation of the Peace Process:", Text: "local levels;"},
		}, nil},
		{"Pre-2020/2004/S_RES_1542_N0433298.xml", map[string]clauseView{
			"7":         {Text: "the following mandate:"},
			"7(I)":      {Heading: true, Text: "Secure and Stable Environment:"},
			"7(I)(b)":   {Headings: "Secure and Stable Environment:", Text: "Haitian National Police;"},
			"7(I)(f)":   {Headings: "Secure and Stable Environment:", Text: "police authorities;"},
			"7(II)":     {Heading: true, Text: "Political Process:"},
			"7(II)(c)":  {Headings: "Political Process:", Text: "including women;"},
			"7(III)":    {Heading: true, Text: "Human Rights:"},
			"7(III)(b)": {Headings: "Human Rights:", Text: "displaced persons;"},
			// The sections end with their paragraph.
			"8": {Text: "to the Transitional Government:"},
		}, []string{"7(a)", "7(f)"}},
		{"2020/English/S_RES_2552 (2020)-2015117E.xml", map[string]clauseView{
			"32(e)(ii)":  {Headings: "Other tasks | Support for national and international justice, the fight against impunity, and the rule of law", Text: "as appropriate;"},
			"32(e)(iii)": {Headings: "Other tasks | Support for national and international justice, the fight against impunity, and the rule of law | Urgent temporary measures:"},
			"32(e)(vi)":  {Headings: "Other tasks | Support for national and international justice, the fight against impunity, and the rule of law | Rule of law:"},
			// (e) is a heading by its bold type, although 14 words long.
			"32(e)": {Heading: true, Headings: "Other tasks"},
			"33":    {Headings: "Additional tasks"},
		}, nil},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			file := filepath.Join(xmlDir, tc.file)
			if _, err := os.Stat(file); err != nil {
				t.Fatal(err)
			}
			res, _, p := importer.ImportFile(file)
			if p != nil {
				t.Fatal(p)
			}
			got := map[string]importer.Clause{}
			for _, c := range res.Clauses {
				got[c.Locator] = c
			}
			for loc, w := range tc.want {
				c, ok := got[loc]
				if !ok {
					t.Errorf("%s: no clause %s", res.Symbol, loc)
					continue
				}
				if h := strings.Join(c.Headings, " | "); h != w.Headings || c.Heading != w.Heading {
					t.Errorf("%s %s: heading %v, headings %q; want %v, %q", res.Symbol, loc, c.Heading, h, w.Heading, w.Headings)
				}
				if !strings.HasSuffix(c.Text, w.Text) {
					// Only the clause's end is shown: the official text is not ours to print.
					t.Errorf("%s %s: text ends %q, want it to end %q", res.Symbol, loc, tail(c.Text, len(w.Text)+20), w.Text)
				}
			}
			for _, loc := range tc.none {
				if _, ok := got[loc]; ok {
					t.Errorf("%s: clause %s should not exist", res.Symbol, loc)
				}
			}
		})
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
