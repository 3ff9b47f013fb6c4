package policy

// AgendaPair is how often two agendas share a mandate in a period, and how
// many documented relations join them.
type AgendaPair struct {
	A, B Agenda // A.ID < B.ID
	// Mandates is the number of mandates (adopted in the period) whose
	// clauses address both agendas.
	Mandates int
	// Missions are the ids of the missions those mandates task, by id.
	Missions []string
	// Tensions and Convergences count the relations with one end touching
	// A and the other touching B (as RelationFilter with two agendas),
	// whatever the period: relations have no date.
	Tensions, Convergences int
}
