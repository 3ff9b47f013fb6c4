package graph

import (
	"github.com/mandategraph/mandategraph/policy"
)

// setListComplexity weights the unpaginated list fields (a mission's
// mandates, an agenda's documents, ...) by l.ListFanOut: each counts its
// items that many times. Unweighted, agendas { documents { agendas { ... } } }
// scored about 17 at depth 9 while its result grew about 32-fold every two
// levels (65 MB); weighted, every nesting multiplies the score as it
// multiplies the result, and the complexity limit bounds both.
func setListComplexity(c *ComplexityRoot, l Limits) {
	k := max(l.ListFanOut, 1)
	list := func(child int) int { return 1 + child*k }
	c.Agenda.Documents = list
	c.Agenda.Relations = func(child int, _ *policy.RelationKind, _ *string) int { return list(child) }
	c.Clause.Agendas = list
	c.Clause.Relations = func(child int, _ *policy.RelationKind) int { return list(child) }
	c.Document.Agendas = list
	c.Document.CitedBy = list
	c.Document.Cites = list
	c.Mandate.CitedBy = list
	c.Mandate.Cites = list
	c.Mandate.Clauses = func(child int, _ *string) int { return list(child) }
	c.Mandate.Missions = list
	c.Mission.Agendas = list
	c.Mission.Mandates = list
	c.Mission.Relations = func(child int, _ *policy.RelationKind) int { return list(child) }
	c.Relation.Evidence = list
	c.TimelineEntry.Added = list
	c.TimelineEntry.Agendas = list
	c.TimelineEntry.Dropped = list
	c.Query.Agendas = list
	c.Query.AgendaOverlap = func(child int, _ []string, _, _ *policy.Date) int { return list(child) }
	c.Query.MandateTimeline = func(child int, _ string) int { return list(child) }
}
