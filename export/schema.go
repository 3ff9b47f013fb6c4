package export

// The property columns an export declares before it writes the first
// node: GraphML and GEXF declare their keys up front, and CSV has one
// header, so a streamed export needs the full list in advance. They follow
// the graph model (neo4jdb/model.go); a stored property missing here makes
// the export fail with an error that says to add it, never drop it
// silently (TestSchemaCoversTheBundledGraph keeps them in step).

// Type is a property's type in an export.
type Type int

const (
	String Type = iota
	Int         // int64
	Bool
	Date // policy.Date; written as YYYY-MM-DD
	List // []string
)

// Column is one property of nodes or edges.
type Column struct {
	Name string
	Type Type
}

// NodeColumns are every node property, whatever the kind; a node has the
// ones its kind stores. "kind" and "label" come first, as every node has
// them.
var NodeColumns = []Column{
	{"kind", String}, {"label", String},
	// Mission
	{"acronym", String}, {"name", String}, {"hostCountries", List}, {"startDate", Date}, {"endDate", Date},
	// Mandate
	{"symbol", String}, {"mandateKind", String}, {"adopted", Date}, {"chapterVII", Bool}, {"url", String}, {"allParagraphs", Bool},
	// Clause
	{"mandateId", String}, {"paragraph", String}, {"summary", String}, {"text", String}, {"position", Int},
	{"tagAgendas", List}, {"tagSources", List}, {"tagRules", List}, {"tagPhrases", List}, {"tagReasons", List},
	{"notTaggedAgendas", List}, {"notTaggedReasons", List},
	// Document
	{"title", String}, {"documentKind", String}, {"issuer", String}, {"published", Date}, {"year", Int},
	// Agenda
	{"description", String},
	// every kind
	{"provenanceSource", String}, {"provenanceStatus", String}, {"provenanceMethod", String},
}

// EdgeColumns are every edge property: "kind" for all, the rest for
// TENSION and CONVERGENCE relations (evidence as three parallel lists, as
// stored: the i-th document, locator and note belong together; an absent
// locator is "").
var EdgeColumns = []Column{
	{"kind", String},
	{"mechanism", String}, {"summary", String}, {"strength", Int}, {"mission", String},
	{"evidenceDocuments", List}, {"evidenceLocators", List}, {"evidenceNotes", List},
}

// Columns the writers use by position.
var (
	nodeLabelCol    = columnIndex(NodeColumns)["label"]
	edgeKindCol     = columnIndex(EdgeColumns)["kind"]
	edgeStrengthCol = columnIndex(EdgeColumns)["strength"]
)

func columnIndex(cols []Column) map[string]int {
	m := make(map[string]int, len(cols))
	for i, c := range cols {
		m[c.Name] = i
	}
	return m
}
