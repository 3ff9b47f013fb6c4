package neo4jdb

// The graph model. Every node of the graph has the label Entity plus
// exactly one kind label, and a unique string property id (global across
// kinds). Labels and relationship types are these constants only: never
// taken from data.
//
// Nodes and their properties, as the per-kind table in kinds.go writes and
// reads them (dates are Neo4j DATE values; absent optional
// values are absent properties, not empty strings):
//
//	(:Entity:Mission  {id, kind:"Mission", acronym, name, hostCountries: [string], startDate, endDate?})
//	(:Entity:Mandate  {id, kind:"Mandate", symbol, mandateKind, adopted, chapterVII?, url?})
//	(:Entity:Clause   {id, kind:"Clause", mandateId, paragraph, summary?, text?, position: int})
//	(:Entity:Document {id, kind:"Document", title, documentKind, issuer, published?, year: int, symbol?, url?})
//	(:Entity:Agenda   {id, kind:"Agenda", name, description})
//
// Every node also has provenanceSource, provenanceStatus and, when set,
// provenanceMethod.
//
// Relationships:
//
//	(:Mandate)-[:MANDATES]->(:Mission)
//	(:Mandate)-[:HAS_CLAUSE]->(:Clause)
//	(:Clause|Document)-[:ADDRESSES]->(:Agenda)
//	(:Mandate|Document)-[:CITES]->(:Mandate|Document)
//	(:Mission)-[:SUCCEEDED_BY]->(:Mission)
//	(a)-[:TENSION|CONVERGENCE {id, mechanism, summary, strength, mission?,
//	      evidenceDocuments: [string], evidenceLocators: [string], evidenceNotes: [string]}]->(b)
//
// where a and b are Clause, Agenda, Document or Mandate nodes. Evidence is
// stored as three parallel lists (Neo4j properties cannot hold maps); an
// absent locator is "". The mission context is the mission's id.
const (
	LabelEntity   = "Entity"
	LabelMission  = "Mission"
	LabelMandate  = "Mandate"
	LabelClause   = "Clause"
	LabelDocument = "Document"
	LabelAgenda   = "Agenda"

	// A staged load (stage.go) writes the new graph on nodes with
	// LabelStaged and their kind label, and retires the old one by trading
	// its nodes' LabelEntity for LabelRetired. Read queries never reach
	// either: each starts from :Entity nodes (a kind label alone is not
	// enough), and copies' relationships stay within their copy.
	LabelStaged  = "StagedEntity"
	LabelRetired = "RetiredEntity"
	// LabelLoadLock is the label of the node loads lock to take turns; it
	// is never committed (Store.lockLoads).
	LabelLoadLock = "LoadLock"

	RelMandates    = "MANDATES"
	RelHasClause   = "HAS_CLAUSE"
	RelAddresses   = "ADDRESSES"
	RelCites       = "CITES"
	RelSucceededBy = "SUCCEEDED_BY"
	RelTension     = "TENSION"
	RelConvergence = "CONVERGENCE"
)

// RelTypes lists every relationship type of the model.
var RelTypes = []string{RelMandates, RelHasClause, RelAddresses, RelCites, RelSucceededBy, RelTension, RelConvergence}
