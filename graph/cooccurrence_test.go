package graph_test

import (
	"fmt"
	"testing"
)

// agendaCooccurrence over policytest.Dataset(4), counted by hand from its
// documentation: each mission's mandates carry [POC SSR], [DDR POC SSR]
// and [HR POC]; each mission has a POC–SSR clause tension and a
// convergence from a [POC SSR] clause to the [HR POC SSR] document; plus
// the agenda-level POC→SSR tension and DDR→SSR convergence.
func TestAgendaCooccurrence(t *testing.T) {
	a := fixture(t)
	const fields = `a { id } b { id } mandates missionIds tensions convergences`
	res := a.post(t, `{ all: agendaCooccurrence { `+fields+` }
		y2002: agendaCooccurrence(from: "2002-01-01", to: "2002-12-31") { `+fields+` }
		none: agendaCooccurrence(from: "1990-01-01", to: "1990-12-31") { mandates } }`, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	jsonEqual(t, res.Data, `{
		"all": [
			{"a": {"id": "POC"}, "b": {"id": "SSR"}, "mandates": 8, "missionIds": ["SYN01", "SYN02", "SYN03", "SYN04"], "tensions": 5, "convergences": 4},
			{"a": {"id": "DDR"}, "b": {"id": "POC"}, "mandates": 4, "missionIds": ["SYN01", "SYN02", "SYN03", "SYN04"], "tensions": 0, "convergences": 0},
			{"a": {"id": "DDR"}, "b": {"id": "SSR"}, "mandates": 4, "missionIds": ["SYN01", "SYN02", "SYN03", "SYN04"], "tensions": 0, "convergences": 1},
			{"a": {"id": "HR"}, "b": {"id": "POC"}, "mandates": 4, "missionIds": ["SYN01", "SYN02", "SYN03", "SYN04"], "tensions": 0, "convergences": 4}],
		"y2002": [
			{"a": {"id": "POC"}, "b": {"id": "SSR"}, "mandates": 2, "missionIds": ["SYN02"], "tensions": 5, "convergences": 4},
			{"a": {"id": "DDR"}, "b": {"id": "POC"}, "mandates": 1, "missionIds": ["SYN02"], "tensions": 0, "convergences": 0},
			{"a": {"id": "DDR"}, "b": {"id": "SSR"}, "mandates": 1, "missionIds": ["SYN02"], "tensions": 0, "convergences": 1},
			{"a": {"id": "HR"}, "b": {"id": "POC"}, "mandates": 1, "missionIds": ["SYN02"], "tensions": 0, "convergences": 4}],
		"none": []}`)

	// The counts are the lengths of the lists one click away.
	for _, p := range [][2]string{{"POC", "SSR"}, {"HR", "POC"}, {"DDR", "SSR"}} {
		res := a.post(t, fmt.Sprintf(`{ t: relations(filter: {agendas: [%q, %q], kind: TENSION}) { totalCount }
			c: relations(filter: {agendas: [%q, %q], kind: CONVERGENCE}) { totalCount } }`, p[0], p[1], p[0], p[1]), nil)
		want := map[[2]string]string{
			{"POC", "SSR"}: `{"t": {"totalCount": 5}, "c": {"totalCount": 4}}`,
			{"HR", "POC"}:  `{"t": {"totalCount": 0}, "c": {"totalCount": 4}}`,
			{"DDR", "SSR"}: `{"t": {"totalCount": 0}, "c": {"totalCount": 1}}`,
		}[p]
		jsonEqual(t, res.Data, want)
	}

	res = a.post(t, `{ agendaCooccurrence(from: "2003-01-01", to: "2002-01-01") { mandates } }`, nil)
	if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("to before from: errors %+v, want one BAD_USER_INPUT", res.Errors)
	}
}
