package policy

// Traversal names a way from a node to related nodes, as the API's
// relationship fields follow them (the storage's Related reads them in
// batches).
type Traversal int

// The traversals.
const (
	MissionMandates    Traversal = iota // mission → the mandates that task it, by adoption date
	MissionAgendas                      // mission → the agendas its mandates' clauses address
	MissionPredecessor                  // mission → the mission it succeeded
	MissionSuccessor                    // mission → the missions that succeeded it, by start date
	MandateMissions                     // mandate → the missions it tasks
	Cites                               // mandate or document → what it cites
	CitedBy                             // mandate or document → what cites it
	AgendasAddressed                    // clause or document → the agendas it addresses
	AgendaDocuments                     // agenda → the documents that address it, by year
)

// DefaultPathHops is the longest path, in relationships, that a shortest
// path search tries when the request names no bound.
const DefaultPathHops = 6
