// Package graph is mandategraph's GraphQL API: the gqlgen executor
// generated from schema.graphqls (generated.go, model/), thin resolvers
// over the storage's reads (*.resolvers.go), per-request batch loading so
// a request costs one query per relationship field per level (load.go),
// the limits on depth, complexity and page size (limits.go), the error
// presenter that turns errors into extensions.code (errors.go) and the
// GraphQL-over-HTTP transport with persisted queries (http.go).
package graph
