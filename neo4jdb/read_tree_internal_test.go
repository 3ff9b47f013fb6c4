package neo4jdb

import (
	"slices"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

// TestTreeQueryReadsWhatItIsAsked: each level of a tree request adds its
// subquery, clause properties are checked against the Clause kind's keys
// and listed after the id in the order the scan is told, and the agenda
// filter is a parameter.
func TestTreeQueryReadsWhatItIsAsked(t *testing.T) {
	agenda := "POC"
	for _, c := range []struct {
		name       string
		req        policy.TreeRequest
		has, lacks []string
		keys       []string
	}{
		{"missions only", policy.TreeRequest{}, []string{"RETURN m AS mission, [] AS mandates"}, []string{"MANDATES"}, nil},
		{"mandates", policy.TreeRequest{Mandates: &policy.MandateLevel{}}, []string{"<-[:MANDATES]-(md)", "RETURN [md, null]"}, []string{"HAS_CLAUSE"}, nil},
		{"clauses with props and agendas", policy.TreeRequest{Mandates: &policy.MandateLevel{Clauses: &policy.ClauseLevel{
			Props: []string{"paragraph", "kind", "summary", "id"}, Agendas: true}}},
			[]string{"c.id, c.paragraph, c.summary]", "-[:ADDRESSES]->(g)", "g.id IN gids"}, []string{"$agenda", "c.text", "c.kind"},
			[]string{"id", "paragraph", "summary"}},
		{"clauses of one agenda, whole nodes", policy.TreeRequest{Mandates: &policy.MandateLevel{Clauses: &policy.ClauseLevel{Agenda: &agenda}}},
			[]string{"{id: $agenda}", "RETURN [null, c]"}, []string{"POC", "gids"}, nil},
	} {
		q, keys, err := treeQuery(c.req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(keys, c.keys) {
			t.Errorf("%s: keys %v, want %v", c.name, keys, c.keys)
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
	_, _, err := treeQuery(policy.TreeRequest{Mandates: &policy.MandateLevel{Clauses: &policy.ClauseLevel{Props: []string{"title"}}}})
	if err == nil || !strings.Contains(err.Error(), `"title" is no property of Clause`) {
		t.Errorf("a Document property as a clause's: error %v", err)
	}
}
