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
	// SkipTotal says the caller does not need the list's total (a
	// connection whose totalCount is not selected): a store may then leave
	// it uncounted and set Page.Total to a lower bound, the items up to the
	// page's end plus one when more follow.
	SkipTotal bool
}

// Page is one page of a list plus the size of the whole list.
type Page[T any] struct {
	Items []T
	Total int
}

// The filters below go unchanged from the GraphQL arguments (gqlgen.yml
// binds them) to storage. A nil field does not filter; a set one does,
// whatever its value (so year: 0 matches nothing rather than everything).
// Validate (validate.go) checks their bounds.

// MissionFilter narrows a mission listing.
type MissionFilter struct {
	HostCountry *string // ISO 3166-1 alpha-3, any case
	Agenda      *string
	ActiveOn    *Date
	Active      *bool
}

// RelationNeighbours asks a relations listing for the entities its
// relations point at as well: their ends, the documents their evidence
// cites.
type RelationNeighbours struct {
	Ends, Documents bool
}

// ClauseFilter narrows a clause listing.
type ClauseFilter struct {
	Mission *string
	Agenda  *string
	Mandate *string
	From    *Date   // mandate adopted on or after
	To      *Date   // mandate adopted on or before
	Text    *string // case-insensitive substring of summary or text
}

// DocumentFilter narrows a document listing.
type DocumentFilter struct {
	Kind   *DocumentKind
	Issuer *string // case-insensitive substring
	Agenda *string
	Year   *int
}

// RelationFilter narrows a relation listing.
type RelationFilter struct {
	Kind *RelationKind
	// Agendas has at most two ids: with one, either end touches it; with
	// two, one end touches the first and the other end the second. Empty
	// does not filter.
	Agendas     []string
	Mechanism   *string
	Mission     *string
	Strength    *int
	MinStrength *int
}

// NodeKind is a kind of graph node (a label).
type NodeKind string

// The node kinds.
const (
	NodeMission  NodeKind = "Mission"
	NodeMandate  NodeKind = "Mandate"
	NodeClause   NodeKind = "Clause"
	NodeDocument NodeKind = "Document"
	NodeAgenda   NodeKind = "Agenda"
)

// NodeKinds lists every NodeKind.
var NodeKinds = []NodeKind{NodeMission, NodeMandate, NodeClause, NodeDocument, NodeAgenda}

// EdgeKind is a kind of graph edge (a relationship type).
type EdgeKind string

// The edge kinds.
const (
	EdgeMandates    EdgeKind = "MANDATES"
	EdgeHasClause   EdgeKind = "HAS_CLAUSE"
	EdgeAddresses   EdgeKind = "ADDRESSES"
	EdgeCites       EdgeKind = "CITES"
	EdgeSucceededBy EdgeKind = "SUCCEEDED_BY"
	EdgeTension     EdgeKind = "TENSION"
	EdgeConvergence EdgeKind = "CONVERGENCE"
)

// EdgeKinds lists every EdgeKind.
var EdgeKinds = []EdgeKind{EdgeMandates, EdgeHasClause, EdgeAddresses, EdgeCites, EdgeSucceededBy, EdgeTension, EdgeConvergence}

// GraphFilter restricts a subgraph to some node kinds and edge kinds;
// empty lists do not restrict.
type GraphFilter struct {
	NodeKinds []NodeKind
	EdgeKinds []EdgeKind
	Limit     *int // maximum number of nodes; nil: MaxGraphNodes
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
	Mission Mission
	// Since is the adoption date of the first recorded mandate carrying
	// all the agendas; zero when none does but some mandates of the
	// period are unrecorded, so the overlap is unknown.
	Since         Date
	RelationCount int
	// Unrecorded counts the mission's mandates in the period whose
	// paragraphs are not recorded (CoverageUnrecorded).
	Unrecorded int
}

// TimelineEntry is one mandate of a mission's timeline.
type TimelineEntry struct {
	Mandate  Mandate
	Coverage Coverage
	// Agendas is nil when the mandate's paragraphs are unrecorded
	// (unknown), else the agendas its clauses address.
	Agendas []Agenda
	// Added and Dropped compare with the previous mandate; nil when this
	// one or the previous one is unrecorded.
	Added   []Agenda
	Dropped []Agenda
}
