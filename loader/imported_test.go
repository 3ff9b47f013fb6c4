package loader_test

import (
	"bytes"
	"testing"

	"github.com/mandategraph/mandategraph/loader"
)

// An imported mandate (allParagraphs: true) may leave its clauses without a
// summary; a curated one may not; the importer's locators are accepted.
func TestImportedMandateClauses(t *testing.T) {
	head := fixtureMandate
	for _, tc := range []struct {
		name, mandate, want string // want: "" or a substring of the one diagnostic
	}{
		{"imported, no summaries", `    allParagraphs: true
    clauses:
      - {paragraph: 1}
      - {paragraph: 41(viii), agendas: [POC]}
      - {paragraph: 35(i)}
      - {paragraph: 35(i)(a)}
`, ""},
		{"curated, no summary", `    clauses:
      - {paragraph: 1, agendas: [POC]}
`, `mandates[0].clauses[0]: missing required field "summary" (write the clause's summary in your own words; only a mandate with allParagraphs: true, as imported, may leave it out)`},
		{"curated, no agendas", `    clauses:
      - {paragraph: 1, summary: a summary}
`, `mandates[0].clauses[0]: missing required field "agendas" (name at least one agenda`},
		{"allParagraphs false, no summary", `    allParagraphs: false
    clauses:
      - {paragraph: 1, agendas: [POC]}
`, `missing required field "summary"`},
		{"imported, empty summary", `    allParagraphs: true
    clauses:
      - {paragraph: 1, summary: "", agendas: [POC]}
`, `mandates[0].clauses[0].summary`},
		{"roman with two lettered levels", `    allParagraphs: true
    clauses:
      - {paragraph: 35(i)(a)(b)}
`, `invalid paragraph "35(i)(a)(b)"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, diags := loader.Parse(map[string][]byte{"d.yaml": []byte(head + tc.mandate)})
			if tc.want == "" {
				if len(diags) > 0 {
					t.Fatalf("unexpected diagnostics: %v", diags.Lines())
				}
				m := ds.Mandates[0]
				if !m.AllParagraphs || len(m.Clauses) != 4 || m.Clauses[1].Paragraph != "41(viii)" {
					t.Fatalf("read %+v", m)
				}
				// It writes back the same.
				var out bytes.Buffer
				if err := loader.WriteYAML(&out, ds); err != nil {
					t.Fatal(err)
				}
				again, diags := loader.Parse(map[string][]byte{"d.yaml": out.Bytes()})
				if len(diags) > 0 || !again.Mandates[0].AllParagraphs || again.Mandates[0].Clauses[0].Summary != "" {
					t.Fatalf("write and read back: %v\n%s", diags.Lines(), out.String())
				}
				return
			}
			wantOneDiagnostic(t, diags, tc.want)
		})
	}
}
