package graph_test

import (
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/loader"
)

const coverageYAML = `agendas:
  - {id: POC, name: Protection of civilians, description: x, provenance: {source: https://example.org, status: unverified}}
  - {id: SSR, name: Security sector reform, description: x, provenance: {source: https://example.org, status: unverified}}
missions:
  - {id: UNTM, name: Test mission, hostCountries: [ATA], start: 2080-01-01, provenance: {source: https://example.org, status: unverified}}
  - {id: UNTN, name: Other mission, hostCountries: [ATA], start: 2080-01-01, provenance: {source: https://example.org, status: unverified}}
mandates:
  - id: S/RES/9001(2080)
    kind: RESOLUTION
    adopted: 2080-02-01
    missions: [UNTM]
    provenance: {source: https://example.org, status: unverified}
    clauses:
      - {paragraph: 1, summary: Our words., agendas: [POC]}
  - id: S/RES/9002(2081)
    kind: RESOLUTION
    adopted: 2081-02-01
    missions: [UNTM, UNTN]
    provenance: {source: https://example.org, status: unverified}
  - id: S/RES/9003(2082)
    kind: RESOLUTION
    adopted: 2082-02-01
    missions: [UNTM]
    allParagraphs: true
    provenance: {source: https://example.org, status: unverified}
    clauses:
      - {paragraph: 1, agendas: [POC, SSR]}
      - {paragraph: 2}
`

// A mandate with no recorded paragraph says so, and the timeline and the
// overlap treat it as unknown, never as "no agendas".
func TestCoverage(t *testing.T) {
	ds, diags := loader.Parse(map[string][]byte{"d.yaml": []byte(coverageYAML)})
	if len(diags) > 0 {
		t.Fatal(diags.Lines())
	}
	a := newAPI(t, ds, testLimits)
	res := a.post(t, `{
		mandateTimeline(mission: "UNTM") { mandate { id coverage paragraphsRecorded } coverage agendas { id } added { id } dropped { id } }
		agendaOverlap(agendas: ["POC", "SSR"]) { mission { id } since unrecordedMandates }
	}`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	jsonEqual(t, res.Data, `{
	"mandateTimeline": [
		{"mandate": {"id": "S/RES/9001(2080)", "coverage": "SELECTED", "paragraphsRecorded": true}, "coverage": "SELECTED",
		 "agendas": [{"id": "POC"}], "added": [{"id": "POC"}], "dropped": []},
		{"mandate": {"id": "S/RES/9002(2081)", "coverage": "UNRECORDED", "paragraphsRecorded": false}, "coverage": "UNRECORDED",
		 "agendas": null, "added": null, "dropped": null},
		{"mandate": {"id": "S/RES/9003(2082)", "coverage": "COMPLETE", "paragraphsRecorded": true}, "coverage": "COMPLETE",
		 "agendas": [{"id": "POC"}, {"id": "SSR"}], "added": null, "dropped": null}
	],
	"agendaOverlap": [
		{"mission": {"id": "UNTM"}, "since": "2082-02-01", "unrecordedMandates": 1},
		{"mission": {"id": "UNTN"}, "since": null, "unrecordedMandates": 1}
	]}`)
}

// The bundled data: every MINUSMA mandate without clauses is UNRECORDED in
// its timeline, with agendas null, and the others have agendas.
func TestCoverageBundledMINUSMA(t *testing.T) {
	ds, diags := loader.Read("../data")
	if len(diags) > 0 {
		t.Fatal(strings.Join(diags.Lines(), "\n"))
	}
	unrecorded := map[string]bool{}
	for _, m := range ds.Mandates {
		for _, id := range m.Missions {
			if id == "MINUSMA" && len(m.Clauses) == 0 {
				unrecorded[m.ID] = true
			}
		}
	}
	a := newAPI(t, ds, testLimits)
	var got struct {
		MandateTimeline []struct {
			Mandate  struct{ ID string }
			Coverage string
			Agendas  *[]struct{ ID string }
		}
	}
	a.query(t, `{ mandateTimeline(mission: "MINUSMA") { mandate { id } coverage agendas { id } } }`, nil, &got)
	if len(got.MandateTimeline) == 0 {
		t.Fatal("no MINUSMA timeline")
	}
	n := 0
	for _, e := range got.MandateTimeline {
		switch {
		case unrecorded[e.Mandate.ID]:
			n++
			if e.Coverage != "UNRECORDED" || e.Agendas != nil {
				t.Errorf("%s has no clauses in data/, but coverage %s, agendas %v", e.Mandate.ID, e.Coverage, e.Agendas)
			}
		case e.Coverage == "UNRECORDED" || e.Agendas == nil:
			t.Errorf("%s has clauses, but coverage %s, agendas %v", e.Mandate.ID, e.Coverage, e.Agendas)
		}
	}
	t.Logf("MINUSMA: %d of %d mandates unrecorded", n, len(got.MandateTimeline))
	if n != len(unrecorded) {
		t.Errorf("%d unrecorded mandates in the timeline, %d in data/", n, len(unrecorded))
	}
}

// An imported clause has no summary of ours: the API says null, never "".
func TestClauseWithoutSummaryIsNull(t *testing.T) {
	ds, diags := loader.Parse(map[string][]byte{"d.yaml": []byte(coverageYAML)})
	if len(diags) > 0 {
		t.Fatal(diags.Lines())
	}
	a := newAPI(t, ds, testLimits)
	res := a.post(t, `{
		a: mandate(id: "S/RES/9001(2080)") { clauses { paragraph summary } }
		b: mandate(id: "S/RES/9003(2082)") { clauses { paragraph summary } }
		c: clauses(filter: {text: "our words"}) { totalCount }
	}`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	jsonEqual(t, res.Data, `{
	"a": {"clauses": [{"paragraph": "1", "summary": "Our words."}]},
	"b": {"clauses": [{"paragraph": "1", "summary": null}, {"paragraph": "2", "summary": null}]},
	"c": {"totalCount": 1}}`)
}
