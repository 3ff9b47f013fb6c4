package graph

// Resolver is the root resolver: it holds the store and the limits.
type Resolver struct {
	Store  Reader
	Limits Limits
}
