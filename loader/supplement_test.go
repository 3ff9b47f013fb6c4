package loader_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/policy"
)

// supCurated is a curated mandate with two clauses of its own.
const supCurated = `agendas:
  - id: POC
    name: Protection of civilians
    description: x
    provenance: {source: https://example.org, status: unverified}
  - id: SSR
    name: Security sector reform
    description: x
    provenance: {source: https://example.org, status: unverified}
missions:
  - id: UNTM
    name: Test mission
    hostCountries: [ATA]
    start: 2080-01-01
    provenance: {source: https://example.org, status: unverified}
mandates:
  - id: S/RES/9001(2080)
    kind: RESOLUTION
    adopted: 2080-02-01
    missions: [UNTM]
    clauses:
      - paragraph: 3
        summary: Our own words.
        agendas: [POC]
        tags:
          - {agenda: POC, reason: the curator's reason}
      - {paragraph: 1, summary: More of our words., agendas: [SSR]}
    provenance: {source: https://example.org, status: verified, method: curated}
`

// A supplement adds the paragraphs a curated mandate lacks: the curated
// clauses keep their summaries, tags and places, the supplement's follow
// (with its provenance, and neither summary nor agendas required), a
// relation may point at one of them, and the mandate becomes complete.
func TestSupplementCompletesCuratedMandate(t *testing.T) {
	files := map[string][]byte{
		"a/curated.yaml": []byte(supCurated),
		"a/relations.yaml": []byte(`documents:
  - id: doc-1
    title: A report
    kind: REPORT
    issuer: UN
    published: 2080
    provenance: {source: https://example.org, status: unverified}
relations:
  - id: r1
    kind: TENSION
    source: S/RES/9001(2080)#3
    target: S/RES/9001(2080)#2
    mechanism: RESOURCE_COMPETITION
    summary: x
    strength: 1
    evidence: [{document: doc-1, note: x}]
`),
		"b/imported.yaml": []byte(`supplements:
  - mandate: S/RES/9001(2080)
    clauses:
      - {paragraph: 2}
      - paragraph: 4
        agendas: [SSR]
        tags:
          - {agenda: SSR, rule: ssr-x, phrase: security sector, reason: the rule's reason}
    provenance: {source: https://example.org, status: verified, method: imported}
`),
	}
	ds, diags := loader.Parse(files)
	if len(diags) > 0 {
		t.Fatal(diags.Lines())
	}
	if len(ds.Mandates) != 1 {
		t.Fatalf("%d mandates", len(ds.Mandates))
	}
	m := ds.Mandates[0]
	if !m.AllParagraphs || policy.MandateCoverage(m.AllParagraphs, len(m.Clauses)) != policy.CoverageComplete {
		t.Errorf("allParagraphs %v: the supplement should complete the mandate", m.AllParagraphs)
	}
	type row struct {
		ID, Summary, Method string
		Order               int
		Agendas             []string
		Tags                int
	}
	var got []row
	for _, c := range m.Clauses {
		got = append(got, row{c.ID, c.Summary, c.Provenance.Method, c.Order, c.Agendas, len(c.Tags)})
	}
	want := []row{
		{"S/RES/9001(2080)#3", "Our own words.", "curated", 1, []string{"POC"}, 1},
		{"S/RES/9001(2080)#1", "More of our words.", "curated", 2, []string{"SSR"}, 0},
		{"S/RES/9001(2080)#2", "", "imported", 3, nil, 0},
		{"S/RES/9001(2080)#4", "", "imported", 4, []string{"SSR"}, 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clauses (-want +got):\n%s", diff)
	}
	if m.Clauses[0].Tags[0].Source != policy.TagCurated || m.Clauses[3].Tags[0].Source != policy.TagRule {
		t.Errorf("tag sources %v %v", m.Clauses[0].Tags, m.Clauses[3].Tags)
	}

	// Written by WriteSupplementsYAML, the supplement reads back the same.
	var b bytes.Buffer
	if err := loader.WriteSupplementsYAML(&b, []loader.Supplement{{
		Mandate: m.ID, Clauses: m.Clauses[2:], Provenance: m.Clauses[2].Provenance,
	}}); err != nil {
		t.Fatal(err)
	}
	again, diags := loader.Parse(map[string][]byte{"a/curated.yaml": []byte(supCurated), "a/relations.yaml": files["a/relations.yaml"], "b/imported.yaml": b.Bytes()})
	if len(diags) > 0 {
		t.Fatalf("%v\n%s", diags.Lines(), b.String())
	}
	if diff := cmp.Diff(ds, again); diff != "" {
		t.Errorf("after WriteSupplementsYAML (-first +again):\n%s\n%s", diff, b.String())
	}
}

func TestSupplementErrors(t *testing.T) {
	prov := "    provenance: {source: https://example.org, status: unverified}\n"
	for _, tc := range []struct{ name, file, want string }{
		{"a paragraph the mandate has", "supplements:\n  - mandate: S/RES/9001(2080)\n    clauses: [{paragraph: 3}]\n" + prov,
			`b.yaml:3:27: supplements[0].clauses[0].paragraph: paragraph "3" is already a clause of S/RES/9001(2080) (the supplement gives only the paragraphs the mandate lacks)`},
		{"twice the same paragraph", "supplements:\n  - mandate: S/RES/9001(2080)\n    clauses: [{paragraph: 5}, {paragraph: 5}]\n" + prov,
			`b.yaml:3:43: supplements[0].clauses[1].paragraph: duplicate paragraph "5" in the supplement of S/RES/9001(2080) (first at b.yaml:3:27)`},
		{"two supplements", "supplements:\n  - mandate: S/RES/9001(2080)\n    clauses: [{paragraph: 5}]\n" + prov +
			"  - mandate: S/RES/9001(2080)\n    clauses: [{paragraph: 6}]\n" + prov,
			`b.yaml:5:14: supplements[1].mandate: a second supplement of S/RES/9001(2080) (first at b.yaml:2:14; give all its clauses in one)`},
		{"unknown mandate", "supplements:\n  - mandate: S/RES/9002(2080)\n    clauses: [{paragraph: 5}]\n" + prov,
			`unknown mandate "S/RES/9002(2080)"`},
		{"no clauses", "supplements:\n  - mandate: S/RES/9001(2080)\n    clauses: []\n" + prov, `b.yaml:3:14: supplements[0].clauses: must have at least one item`},
		{"no provenance", "supplements:\n  - mandate: S/RES/9001(2080)\n    clauses: [{paragraph: 5}]\n", `missing required field "provenance"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := loader.Parse(map[string][]byte{"a.yaml": []byte(supCurated), "b.yaml": []byte(tc.file)})
			wantOneDiagnostic(t, diags, tc.want)
		})
	}
}
