package graph_test

import (
	"testing"

	"github.com/mandategraph/mandategraph/policy/policytest"
)

// TestRoundTripsDependOnShapeOnly proves there is no N+1: a nested query
// costs one database round trip per field per level of its selection, the
// same over a dataset and over one twice as large.
func TestRoundTripsDependOnShapeOnly(t *testing.T) {
	queries := []struct {
		name  string
		query string
		// trips is the bound: one per root field and one per relationship
		// field in the selection (Evidence.document included; Relation.evidence
		// is read from the relation and costs nothing).
		trips int64
		count func(data map[string]any) int // objects at the deepest level, to show the data grew
	}{
		{"missions → mandates → clauses → agendas, relations → evidence → document", `{
			missions(first: 50) { totalCount edges { node { id
				mandates { id clauses { id agendas { id name } } }
				relations { id evidence { locator document { id title } } } } } } }`,
			6, func(d map[string]any) int { return len(dig(d, "missions", "edges")) }},
		{"relations → source/target (interface) → mandate → missions", `{
			relations(first: 50) { edges { node { id
				source { id ... on Clause { mandate { id missions { id predecessor { id } } } } }
				target { id ... on Document { agendas { id } } } } } } }`,
			6, func(d map[string]any) int { return len(dig(d, "relations", "edges")) }},
		{"agendas → clause pages → mandate → cites / citedBy", `{
			agendas { id clauses(first: 50) { totalCount edges { node { id
				mandate { cites { id } citedBy { id } } relations(kind: TENSION) { mission { id } } } } } } }`,
			7, func(d map[string]any) int {
				return int(dig(d, "agendas")[2].(map[string]any)["clauses"].(map[string]any)["totalCount"].(float64))
			}},
		{"timeline and overlap → missions → mandates", `{
			mandateTimeline(mission: "SYN02") { mandate { missions { id } clauses { id } } added { documents { id } } }
			agendaOverlap(agendas: ["POC", "SSR"]) { mission { mandates { id } successor { id } } } }`,
			7, func(d map[string]any) int { return len(dig(d, "agendaOverlap")) }},
	}
	type result struct {
		trips int64
		size  int
	}
	results := map[string][]result{}
	for _, n := range []int{10, 20} {
		a := newAPI(t, policytest.Dataset(n), unweightedLists)
		for _, q := range queries {
			before := a.store.RoundTrips()
			res := a.post(t, q.query, nil)
			trips := a.store.RoundTrips() - before
			var data map[string]any
			res.decode(t, &data)
			results[q.name] = append(results[q.name], result{trips, q.count(data)})
			if trips != q.trips {
				t.Errorf("%s over %d missions: %d round trips, want %d", q.name, n, trips, q.trips)
			}
		}
	}
	for name, rs := range results {
		if rs[1].size <= rs[0].size {
			t.Errorf("%s: result did not grow with the dataset (%d, then %d)", name, rs[0].size, rs[1].size)
		}
		t.Logf("%s: %d round trips for %d and for %d top-level results", name, rs[0].trips, rs[0].size, rs[1].size)
	}
}

// dig follows keys through decoded JSON objects and returns the list at the end.
func dig(v any, keys ...string) []any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	list, _ := v.([]any)
	return list
}
