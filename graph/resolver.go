package graph

import "github.com/mandategraph/mandategraph/neo4jdb"

// Resolver is the root resolver: it holds the store and the limits.
type Resolver struct {
	Store  *neo4jdb.Store
	Limits Limits
}
