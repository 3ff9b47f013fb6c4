package graph

import (
	"github.com/mandategraph/mandategraph/policy"
)

// setOperationComplexity gives the graph operations (full-text search,
// traversals, the whole-graph read, the aggregations) the cost of what
// they make the database do: l.GraphOpCost per operation, times its reach
// for the traversals (neighborhood: its depth; shortestPath: a third of its
// hops, rounded up; graph: 5, the whole graph). Counted as one field each,
// 2,000 aliases of neighborhood(depth: 3) scored 4,000, under the limit,
// and ran 2,000 Neo4j traversals; now each costs 3*GraphOpCost and a few
// fit in one request. It runs after setListComplexity, whose list weight
// agendaOverlap and mandateTimeline keep.
func setOperationComplexity(c *ComplexityRoot, l Limits) {
	op := max(l.GraphOpCost, 1)
	clamp := func(v *int, def, lo, hi int) int {
		n := def
		if v != nil {
			n = *v
		}
		return min(max(n, lo), hi) // the resolver rejects values out of range
	}
	search := c.Query.Search
	c.Query.Search = func(child int, text string, first *int) int { return op + search(child, text, first) }
	c.Query.Neighborhood = func(child int, _ string, depth *int, _ *policy.GraphFilter) int {
		return 1 + child + op*clamp(depth, 1, 1, 3)
	}
	c.Query.ShortestPath = func(child int, _, _ string, maxHops *int, _ *policy.GraphFilter) int {
		return 1 + child + op*((clamp(maxHops, 6, 1, 10)+2)/3)
	}
	c.Query.Graph = func(child int, _ *policy.GraphFilter) int { return 1 + child + op*5 }
	overlap := c.Query.AgendaOverlap
	c.Query.AgendaOverlap = func(child int, agendas []string, from, to *policy.Date) int {
		return op + overlap(child, agendas, from, to)
	}
	timeline := c.Query.MandateTimeline
	c.Query.MandateTimeline = func(child int, mission string) int { return op + timeline(child, mission) }
	c.Query.AgendaCooccurrence = func(child int, _, _ *policy.Date) int { return 1 + child + op }
}
