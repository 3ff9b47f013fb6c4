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
