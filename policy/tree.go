package policy

// A tree read: missions with their mandates, the mandates' clauses and the
// clauses' agendas, read together in one query instead of one query per
// level. The API compiles a request's selection into a TreeRequest when it
// can (graph/tree.go); the answer holds each level only when it was asked.

// TreeRequest asks for the missions with the given ids (in that order;
// ids that are no mission are left out) and, when Mandates is set, their
// mandates and what Mandates asks below them.
type TreeRequest struct {
	Missions []string
	Mandates *MandateLevel
}

// MandateLevel asks for a mission's mandates (by adoption date, then id)
// and, when Clauses is set, their clauses.
type MandateLevel struct {
	Clauses *ClauseLevel
}

// ClauseLevel asks for a mandate's clauses in paragraph order, only those
// addressing Agenda when it is not nil. Props are the clause properties to
// read besides id (nil: all); Agendas asks for the agendas each clause
// addresses.
type ClauseLevel struct {
	Agenda  *string
	Props   []string
	Agendas bool
}

// MissionTree is one mission of a tree read.
type MissionTree struct {
	Mission  Mission
	Mandates []MandateTree
}

// MandateTree is one mandate of a tree read; Clauses is nil when the
// request did not ask for them.
type MandateTree struct {
	Mandate Mandate
	Clauses []ClauseTree
}

// ClauseTree is one clause of a tree read with the agendas it addresses in
// id order (nil when the request did not ask for them). Both are pointers:
// an agenda is the same object for every clause of a read that addresses
// it, and a read of 100,000 clauses does not copy each one.
type ClauseTree struct {
	Clause  *Clause
	Agendas []*Agenda
}

// Objects counts the objects t holds: the mission, its mandates, their
// clauses and each clause's agendas (an agenda counts once per clause that
// addresses it, as it appears in an answer once per clause).
func (t MissionTree) Objects() int {
	n := 1 + len(t.Mandates)
	for _, md := range t.Mandates {
		n += len(md.Clauses)
		for _, c := range md.Clauses {
			n += len(c.Agendas)
		}
	}
	return n
}
