package graph

import (
	"context"

	"github.com/mandategraph/mandategraph/policy"
)

// Reader is what the API reads from storage: the domain in, the domain
// out. graph owns it so it depends on the domain and this interface, not
// on a database (neo4jdb.Store implements it, checked at compile time where
// the binary wires the two together; the tests run against it on a real
// server).
type Reader interface {
	FindAgendas(ctx context.Context) ([]policy.Agenda, error)
	FindMissions(ctx context.Context, f policy.MissionFilter, p policy.PageRequest) (policy.Page[policy.Mission], error)
	FindClauses(ctx context.Context, f policy.ClauseFilter, p policy.PageRequest) (policy.Page[policy.Clause], error)
	FindDocuments(ctx context.Context, f policy.DocumentFilter, p policy.PageRequest) (policy.Page[policy.Document], error)
	FindRelations(ctx context.Context, f policy.RelationFilter, p policy.PageRequest) (policy.Page[policy.Relation], error)
	FindEntities(ctx context.Context, ids []string) (map[string]policy.Entity, error)
	Related(ctx context.Context, link policy.Traversal, ids []string) (map[string][]policy.Entity, error)
	// MandateClauses reads only props of each clause (besides id) when
	// props is not nil.
	MandateClauses(ctx context.Context, ids []string, agenda *string, props []string) (map[string][]policy.Clause, error)
	AgendaClauses(ctx context.Context, ids []string, mission *string, p policy.PageRequest) (map[string]policy.Page[policy.Clause], error)
	EntityRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error)
	MissionRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error)
	AgendaRelations(ctx context.Context, ids []string, kind *policy.RelationKind, with *string) (map[string][]policy.Relation, error)
	Search(ctx context.Context, text string, limit int) ([]policy.SearchHit, error)
	Subgraph(ctx context.Context, f policy.GraphFilter) (policy.Graph, error)
	Neighborhood(ctx context.Context, id string, depth int, f policy.GraphFilter, props bool) (policy.Graph, error)
	ShortestPath(ctx context.Context, from, to string, maxHops int, f policy.GraphFilter) (*policy.Graph, error)
	AgendaOverlap(ctx context.Context, agendas []string, from, to policy.Date) ([]policy.MissionOverlap, error)
	MandateTimeline(ctx context.Context, mission string) ([]policy.TimelineEntry, error)
	AgendaCooccurrence(ctx context.Context, from, to policy.Date) ([]policy.AgendaPair, error)
}

// TreeReader is what a store implements to serve the nested levels of a
// selection in one read (tree.go). NewHandler uses it when the store has
// it; a store without it is served level by level, with the same answers.
type TreeReader interface {
	// MissionTrees reads missions and the levels below them that req asks
	// for in one query (policy.TreeRequest) and hands them to consume one
	// by one as they arrive, in req's order: next returns nil, nil after
	// the last; a retried read calls consume again. charge, when not nil,
	// is told each mission tree's objects as it arrives and may end the
	// read with its error.
	MissionTrees(ctx context.Context, req policy.TreeRequest, charge func(n int) error,
		consume func(next func() (*policy.MissionTree, error)) error) error
}

// RelationNeighbourReader is what a store implements to read a page of
// relations with the entities they point at in one query (relations.go).
// NewHandler uses it when the store has it; without it the ends and the
// evidence documents are batch loads of their own, with the same answers.
type RelationNeighbourReader interface {
	// FindRelationsWith is Reader.FindRelations that also returns, by id,
	// the entities with asks for.
	FindRelationsWith(ctx context.Context, f policy.RelationFilter, p policy.PageRequest, with policy.RelationNeighbours) (policy.Page[policy.Relation], map[string]policy.Entity, error)
}
