package graph_test

import (
	"bytes"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
)

// TestRelationPagesAnswerAsLevelByLevel: a page of relations read with its
// ends and evidence documents in one query answers byte for byte as the
// per-level loads do, at the cost in queries it should.
func TestRelationPagesAnswerAsLevelByLevel(t *testing.T) {
	a := newAPI(t, treeDataset(), unweightedLists)
	levels := graph.NewHandler(levelByLevel{a.store}, unweightedLists, quietLogger())
	ends := `source { kind: __typename id } target { kind: __typename id }`
	evidence := `evidence { locator note document { id title } }`
	cases := []struct {
		name             string
		query            string
		compiled, levels int64
	}{
		{"operation 3", `{ relations(filter: {kind: TENSION, agendas: ["POC", "SSR"]}, first: 50) {
			totalCount edges { node { id mechanism strength ` + ends + ` ` + evidence + ` } } } }`, 1, 3},
		{"every relation, no total", `{ relations(first: 50) { edges { node { id ` + ends + ` ` + evidence + ` } } } }`, 1, 3},
		{"a second page", `{ relations(first: 2, after: "b2Zmc2V0OjA") { pageInfo { hasNextPage } edges { node { id ` + ends + ` } } } }`, 1, 2},
		{"ends only, with their own loads", `{ relations(first: 50) { edges { node {
			source { id ... on Clause { paragraph mandate { id } agendas { id } } ... on Agenda { name } }
			target { id ... on Document { title agendas { id } } } } } } }`, 3, 4},
		{"documents only, through a fragment", `fragment E on Evidence { document { id year } }
			{ relations(first: 50) { edges { node { id evidence { ...E } } } } }`, 1, 2},
		{"aliases", `{ relations(first: 50) { a: edges { node { s: source { id } } } b: edges { node { evidence { d: document { id } } } } } }`, 1, 3},
		{"neither", `{ relations(first: 50) { edges { node { id mechanism mission { id } } } } }`, 2, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := a.store.RoundTrips()
			one := a.post(t, c.query, nil)
			mid := a.store.RoundTrips()
			perLevel := postTo(t, levels, c.query, nil)
			after := a.store.RoundTrips()
			if len(one.Errors) > 0 || len(perLevel.Errors) > 0 {
				t.Fatalf("errors: one query %+v, per level %+v", one.Errors, perLevel.Errors)
			}
			if !bytes.Equal(one.Data, perLevel.Data) {
				t.Errorf("answers differ\none query: %s\nper level: %s", one.Data, perLevel.Data)
			}
			if bytes.Count(one.Data, []byte(`"id"`)) < 4 {
				t.Errorf("answer too small to prove anything: %s", one.Data)
			}
			if got := mid - before; got != c.compiled {
				t.Errorf("with neighbours: %d queries, want %d", got, c.compiled)
			}
			if got := after - mid; got != c.levels {
				t.Errorf("per level: %d queries, want %d", got, c.levels)
			}
		})
	}
}
