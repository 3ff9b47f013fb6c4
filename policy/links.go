package policy

import "iter"

// LinkKind names a structural link of a dataset: an edge that the
// entities' own fields imply (a mandate's missions, a clause's agendas),
// as opposed to a Relation, which is an entity of its own.
type LinkKind string

// The structural links, named as the graph's relationship types.
const (
	LinkMandates    LinkKind = "MANDATES"     // Mandate -> Mission
	LinkHasClause   LinkKind = "HAS_CLAUSE"   // Mandate -> Clause
	LinkAddresses   LinkKind = "ADDRESSES"    // Clause or Document -> Agenda
	LinkCites       LinkKind = "CITES"        // Mandate or Document -> Mandate or Document
	LinkSucceededBy LinkKind = "SUCCEEDED_BY" // Mission -> Mission (predecessor to successor)
)

// Link is one structural link, between entity ids.
type Link struct {
	Kind     LinkKind
	From, To string
}

// Links yields every structural link of the dataset, in a fixed order
// (succession, documents' links, mandates' links), repeats included: a
// list that names an id twice yields its link twice. A clause without an
// id is named by ClauseID. It is an iterator rather than a slice because
// a dataset of a million relationships would otherwise be held twice.
func (d *Dataset) Links() iter.Seq[Link] {
	return func(yield func(Link) bool) {
		for i := range d.Missions {
			if m := &d.Missions[i]; m.Predecessor != "" {
				if !yield(Link{LinkSucceededBy, m.Predecessor, m.ID}) {
					return
				}
			}
		}
		for i := range d.Documents {
			doc := &d.Documents[i]
			for _, a := range doc.Agendas {
				if !yield(Link{LinkAddresses, doc.ID, a}) {
					return
				}
			}
			for _, c := range doc.Cites {
				if !yield(Link{LinkCites, doc.ID, c}) {
					return
				}
			}
		}
		for i := range d.Mandates {
			m := &d.Mandates[i]
			for _, mission := range m.Missions {
				if !yield(Link{LinkMandates, m.ID, mission}) {
					return
				}
			}
			for _, c := range m.Cites {
				if !yield(Link{LinkCites, m.ID, c}) {
					return
				}
			}
			for j := range m.Clauses {
				c := &m.Clauses[j]
				id := c.ID
				if id == "" {
					id = ClauseID(m.ID, c.Paragraph)
				}
				if !yield(Link{LinkHasClause, m.ID, id}) {
					return
				}
				for _, a := range c.Agendas {
					if !yield(Link{LinkAddresses, id, a}) {
						return
					}
				}
			}
		}
	}
}
