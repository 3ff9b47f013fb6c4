package policy

// This file holds the read side of the domain: the filters the API offers,
// pages, and the shapes of analytic answers. Storage implements them; the
// GraphQL layer translates its arguments into them.

// Entity is any addressable thing in the graph. Exactly one field is set.
type Entity struct {
	Mission  *Mission
	Mandate  *Mandate
	Clause   *Clause
	Document *Document
	Agenda   *Agenda
	Relation *Relation
}

// ID returns the id of whichever entity is set, or "".
func (e Entity) ID() string {
	switch {
	case e.Mission != nil:
		return e.Mission.ID
	case e.Mandate != nil:
		return e.Mandate.ID
	case e.Clause != nil:
		return e.Clause.ID
	case e.Document != nil:
		return e.Document.ID
	case e.Agenda != nil:
		return e.Agenda.ID
	case e.Relation != nil:
		return e.Relation.ID
	}
	return ""
}

// PageRequest asks for Limit items starting at Offset in a list's stable order.
type PageRequest struct {
	Offset int
	Limit  int
}

// Page is one page of a list plus the size of the whole list.
type Page[T any] struct {
	Items []T
	Total int
}

// MissionFilter narrows a mission listing; zero fields do not filter.
type MissionFilter struct {
	HostCountry string
	Agenda      string
	ActiveOn    Date
	Active      *bool
}

// ClauseFilter narrows a clause listing; zero fields do not filter.
type ClauseFilter struct {
	Mission string
	Agenda  string
	Mandate string
	From    Date // mandate adopted on or after
	To      Date // mandate adopted on or before
	Text    string
}

// DocumentFilter narrows a document listing; zero fields do not filter.
type DocumentFilter struct {
	Kind   DocumentKind
	Issuer string
	Agenda string
	Year   int
}

// RelationFilter narrows a relation listing; zero fields do not filter.
type RelationFilter struct {
	Kind RelationKind
	// Agendas has at most two ids: with one, either end touches it; with
	// two, one end touches the first and the other end the second.
	Agendas     []string
	Mechanism   string
	Mission     string
	Strength    int
	MinStrength int
}

// GraphFilter restricts a subgraph to some node kinds (labels) and edge
// kinds (relationship types); empty lists do not restrict.
type GraphFilter struct {
	NodeKinds []string
	EdgeKinds []string
	Limit     int // maximum number of nodes
}

// Graph is a subgraph for visualization.
type Graph struct {
	Nodes     []GraphNode
	Edges     []GraphEdge
	Truncated bool
}

// GraphNode is a node of a Graph.
type GraphNode struct {
	ID         string
	Kind       string
	Label      string
	Properties map[string]any
}

// GraphEdge is an edge of a Graph.
type GraphEdge struct {
	ID         string
	Kind       string
	Source     string
	Target     string
	Properties map[string]any
}

// SearchHit is one full-text search result.
type SearchHit struct {
	Entity Entity
	Score  float64
}

// MissionOverlap says since when a mission's mandates carry a set of
// agendas together, and how many relations among them the mission has.
type MissionOverlap struct {
	Mission       Mission
	Since         Date
	RelationCount int
}

// TimelineEntry is one mandate of a mission's timeline.
type TimelineEntry struct {
	Mandate Mandate
	Agendas []Agenda
	Added   []Agenda
	Dropped []Agenda
}
