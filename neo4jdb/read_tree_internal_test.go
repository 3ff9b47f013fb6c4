package neo4jdb

import (
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

// TestTreeQueryReadsWhatItIsAsked: each level of a tree request adds its
// subquery, clause properties are checked against the Clause kind's keys,
// and the agenda filter is a parameter.
func TestTreeQueryReadsWhatItIsAsked(t *testing.T) {
	agenda := "POC"
	for _, c := range []struct {
		name       string
		req        policy.TreeRequest
		has, lacks []string
	}{
		{"missions only", policy.TreeRequest{}, []string{"RETURN m AS mission, [] AS mandates"}, []string{"MANDATES"}},
		{"mandates", policy.TreeRequest{Mandates: &policy.MandateLevel{}}, []string{"<-[:MANDATES]-(md)", "clauses: null"}, []string{"HAS_CLAUSE"}},
		{"clauses with props and agendas", policy.TreeRequest{Mandates: &policy.MandateLevel{Clauses: &policy.ClauseLevel{
			Props: []string{"paragraph", "summary"}, Agendas: true}}},
			[]string{"c {.id, .paragraph, .summary, kind: 'Clause'}", "-[:ADDRESSES]->(g)", "g.id IN gids"}, []string{"$agenda", "c.text"}},
		{"clauses of one agenda, whole nodes", policy.TreeRequest{Mandates: &policy.MandateLevel{Clauses: &policy.ClauseLevel{Agenda: &agenda}}},
			[]string{"{id: $agenda}", "{node: c, agendas: null}"}, []string{"POC", "gids"}},
	} {
		q, err := treeQuery(c.req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, s := range c.has {
			if !strings.Contains(q, s) {
				t.Errorf("%s: query lacks %q:\n%s", c.name, s, q)
			}
		}
		for _, s := range c.lacks {
			if strings.Contains(q, s) {
				t.Errorf("%s: query has %q:\n%s", c.name, s, q)
			}
		}
	}
	_, err := treeQuery(policy.TreeRequest{Mandates: &policy.MandateLevel{Clauses: &policy.ClauseLevel{Props: []string{"title"}}}})
	if err == nil || !strings.Contains(err.Error(), `"title" is no property of Clause`) {
		t.Errorf("a Document property as a clause's: error %v", err)
	}
}
