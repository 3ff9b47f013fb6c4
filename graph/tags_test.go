package graph_test

import (
	"testing"

	"github.com/mandategraph/mandategraph/loader"
)

const tagsYAML = `agendas:
  - {id: POC, name: Protection of civilians, description: x, provenance: {source: https://example.org, status: unverified}}
  - {id: SSR, name: Security sector reform, description: x, provenance: {source: https://example.org, status: unverified}}
  - {id: HR, name: Human rights, description: x, provenance: {source: https://example.org, status: unverified}}
missions:
  - {id: UNTM, name: Test mission, hostCountries: [ATA], start: 2080-01-01, provenance: {source: https://example.org, status: unverified}}
mandates:
  - id: S/RES/9001(2080)
    kind: RESOLUTION
    adopted: 2080-02-01
    missions: [UNTM]
    provenance: {source: https://example.org, status: unverified}
    clauses:
      - paragraph: 1
        summary: Our words.
        agendas: [HR, POC, SSR]
        tags:
          - {agenda: POC, rule: poc-x, phrase: protect civilians, reason: the task's name}
          - {agenda: SSR, reason: the vetting of the army is reform}
      - paragraph: 2
        summary: Our words.
        agendas: [POC]
        notTagged:
          - {agenda: HR, reason: human rights named only as a condition}
`

// Clause.tags says, per agenda, whether a rule (with the words it matched)
// or a curator (with the reason, or none recorded) gave it.
func TestClauseTags(t *testing.T) {
	ds, diags := loader.Parse(map[string][]byte{"d.yaml": []byte(tagsYAML)})
	if len(diags) > 0 {
		t.Fatal(diags.Lines())
	}
	a := newAPI(t, ds, testLimits)
	res := a.post(t, `{ node(id: "S/RES/9001(2080)#1") { ... on Clause { tags { agenda { id } source rule phrase reason } } } }`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	jsonEqual(t, res.Data, `{"node": {"tags": [
		{"agenda": {"id": "HR"}, "source": "curated", "rule": null, "phrase": null, "reason": "tagged by the curator; no reason recorded"},
		{"agenda": {"id": "POC"}, "source": "rule", "rule": "poc-x", "phrase": "protect civilians", "reason": "the task's name"},
		{"agenda": {"id": "SSR"}, "source": "curated", "rule": null, "phrase": null, "reason": "the vetting of the army is reform"}
	]}}`)
}

// Clause.notTagged lists the agendas a rule gives that the curator
// rejects, with the reason; a clause with none has an empty list.
func TestClauseNotTagged(t *testing.T) {
	ds, diags := loader.Parse(map[string][]byte{"d.yaml": []byte(tagsYAML)})
	if len(diags) > 0 {
		t.Fatal(diags.Lines())
	}
	a := newAPI(t, ds, testLimits)
	for _, tc := range []struct{ id, want string }{
		{"S/RES/9001(2080)#1", `{"node": {"notTagged": []}}`},
		{"S/RES/9001(2080)#2", `{"node": {"notTagged": [{"agenda": "HR", "reason": "human rights named only as a condition"}]}}`},
	} {
		res := a.post(t, `query($id: ID!) { node(id: $id) { ... on Clause { notTagged { agenda reason } } } }`, map[string]any{"id": tc.id})
		if len(res.Errors) > 0 {
			t.Fatalf("%s: errors: %+v", tc.id, res.Errors)
		}
		jsonEqual(t, res.Data, tc.want)
	}
}
