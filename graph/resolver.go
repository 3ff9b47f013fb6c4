package graph

// Resolver is the root resolver: it holds the store and the limits.
type Resolver struct {
	Store Reader
	// Trees, when not nil, reads compiled selections in one query
	// (tree.go); nil serves every level with its own batch load.
	Trees  TreeReader
	Limits Limits
	// Neighbours, when not nil, reads a page of relations with their ends
	// and evidence documents in one query (relations.go).
	Neighbours RelationNeighbourReader
	// treeSlots bounds the tree reads that run at once (treeslots.go).
	treeSlots slots
}
