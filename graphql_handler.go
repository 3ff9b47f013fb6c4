package main

import (
	"log/slog"
	"net/http"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/neo4jdb"
)

// The store the binary serves from is what the API reads from.
var (
	_ graph.Reader                  = (*neo4jdb.Store)(nil)
	_ graph.TreeReader              = (*neo4jdb.Store)(nil)
	_ graph.RelationNeighbourReader = (*neo4jdb.Store)(nil)
)

// graphQLHandler builds the /graphql handler, with its limits from the
// environment (see graph.LimitsFromEnv and envVars).
func graphQLHandler(store *neo4jdb.Store, getenv func(string) string, logger *slog.Logger) (http.Handler, error) {
	limits, err := graph.LimitsFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	return graph.NewHandler(store, limits, logger), nil
}
