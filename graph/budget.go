package graph

import (
	"context"
	"strconv"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/mandategraph/mandategraph/policy"
)

// A per-request budget of database work. The complexity score bounds what a
// request may ask; the budget bounds what it may make Neo4j do and the
// server hold, whatever the score missed:
//
//   - every Reader call spends one query, and once Limits.MaxDBQueries are
//     spent the rest fail at once with BAD_USER_INPUT (extensions.limit
//     "queries") without reaching the database;
//   - every object a Reader call returns (a node, a relation, a clause of a
//     page, an agenda once per clause that addresses it) is charged to
//     Limits.MaxResultObjects, and past it the call fails with
//     BAD_USER_INPUT (extensions.limit "objects"). A tree read is charged
//     mission by mission as its rows arrive (Store.MissionTrees), so an
//     answer too large is refused after at most the budget's worth of
//     objects is held, never buffered whole.

type budgetKey struct{}

type budget struct {
	queries, objects atomic.Int64
	maxQueries       int
	maxObjects       int
}

// withBudget returns ctx carrying a budget of queries database queries and
// objects result objects.
func withBudget(ctx context.Context, queries, objects int) context.Context {
	b := &budget{maxQueries: queries, maxObjects: objects}
	b.queries.Store(int64(queries))
	b.objects.Store(int64(objects))
	return context.WithValue(ctx, budgetKey{}, b)
}

// spend takes one query from ctx's budget; no budget means no bound.
func spend(ctx context.Context) error {
	b, _ := ctx.Value(budgetKey{}).(*budget)
	if b == nil || b.queries.Add(-1) >= 0 {
		return nil
	}
	return &gqlerror.Error{
		Message: "this request needs more than " + strconv.Itoa(b.maxQueries) + " database queries (" + EnvMaxDBQueries +
			"); ask for fewer fields or aliases per request",
		Extensions: map[string]any{"code": policy.EINVALID, "limit": "queries"},
	}
}

// charge takes n result objects from ctx's budget; no budget means no
// bound.
func charge(ctx context.Context, n int) error {
	b, _ := ctx.Value(budgetKey{}).(*budget)
	if b == nil || b.objects.Add(-int64(n)) >= 0 {
		return nil
	}
	return &gqlerror.Error{
		Message: "this request's answer has more than " + strconv.Itoa(b.maxObjects) + " objects (" + EnvMaxResultObjects +
			"); ask for a smaller page (first), filter (e.g. clauses(agenda:)), or fewer nested lists per request",
		Extensions: map[string]any{"code": policy.EINVALID, "limit": "objects"},
	}
}

// call spends one query, runs read and charges the size of its result.
func call[T any](ctx context.Context, read func() (T, error), size func(T) int) (T, error) {
	var zero T
	if err := spend(ctx); err != nil {
		return zero, err
	}
	v, err := read()
	if err != nil {
		return zero, err
	}
	if err := charge(ctx, size(v)); err != nil {
		return zero, err
	}
	return v, nil
}

// The sizes of Reader results, in objects.
func sliceSize[T any](s []T) int                 { return len(s) }
func pageSize[T any](p policy.Page[T]) int       { return len(p.Items) }
func mapSize[K comparable, V any](m map[K]V) int { return len(m) }
func listsSize[T any](m map[string][]T) int {
	n := 0
	for _, l := range m {
		n += len(l)
	}
	return n
}
func pagesSize[T any](m map[string]policy.Page[T]) int {
	n := 0
	for _, p := range m {
		n += len(p.Items)
	}
	return n
}
func graphSize(g policy.Graph) int { return len(g.Nodes) + len(g.Edges) }
func pathSize(g *policy.Graph) int {
	if g == nil {
		return 0
	}
	return graphSize(*g)
}

// budgeted is a Reader whose every call spends one query of the request's
// budget before it reaches the store, and charges what it returns.
type budgeted struct{ r Reader }

func (b budgeted) FindAgendas(ctx context.Context) ([]policy.Agenda, error) {
	return call(ctx, func() ([]policy.Agenda, error) { return b.r.FindAgendas(ctx) }, sliceSize)
}

func (b budgeted) FindMissions(ctx context.Context, f policy.MissionFilter, p policy.PageRequest) (policy.Page[policy.Mission], error) {
	return call(ctx, func() (policy.Page[policy.Mission], error) { return b.r.FindMissions(ctx, f, p) }, pageSize)
}

func (b budgeted) FindClauses(ctx context.Context, f policy.ClauseFilter, p policy.PageRequest) (policy.Page[policy.Clause], error) {
	return call(ctx, func() (policy.Page[policy.Clause], error) { return b.r.FindClauses(ctx, f, p) }, pageSize)
}

func (b budgeted) FindDocuments(ctx context.Context, f policy.DocumentFilter, p policy.PageRequest) (policy.Page[policy.Document], error) {
	return call(ctx, func() (policy.Page[policy.Document], error) { return b.r.FindDocuments(ctx, f, p) }, pageSize)
}

func (b budgeted) FindRelations(ctx context.Context, f policy.RelationFilter, p policy.PageRequest) (policy.Page[policy.Relation], error) {
	return call(ctx, func() (policy.Page[policy.Relation], error) { return b.r.FindRelations(ctx, f, p) }, pageSize)
}

func (b budgeted) FindEntities(ctx context.Context, ids []string) (map[string]policy.Entity, error) {
	return call(ctx, func() (map[string]policy.Entity, error) { return b.r.FindEntities(ctx, ids) }, mapSize)
}

func (b budgeted) Related(ctx context.Context, link policy.Traversal, ids []string) (map[string][]policy.Entity, error) {
	return call(ctx, func() (map[string][]policy.Entity, error) { return b.r.Related(ctx, link, ids) }, listsSize)
}

func (b budgeted) MandateClauses(ctx context.Context, ids []string, agenda *string, props []string) (map[string][]policy.Clause, error) {
	return call(ctx, func() (map[string][]policy.Clause, error) { return b.r.MandateClauses(ctx, ids, agenda, props) }, listsSize)
}

// budgetedNeighbours is budgeted for a RelationNeighbourReader: the page's
// relations and the entities with them are charged together.
type budgetedNeighbours struct{ r RelationNeighbourReader }

type relationsWith struct {
	page       policy.Page[policy.Relation]
	neighbours map[string]policy.Entity
}

func (b budgetedNeighbours) FindRelationsWith(ctx context.Context, f policy.RelationFilter, p policy.PageRequest, with policy.RelationNeighbours) (policy.Page[policy.Relation], map[string]policy.Entity, error) {
	v, err := call(ctx, func() (relationsWith, error) {
		page, n, err := b.r.FindRelationsWith(ctx, f, p, with)
		return relationsWith{page, n}, err
	}, func(v relationsWith) int { return len(v.page.Items) + len(v.neighbours) })
	return v.page, v.neighbours, err
}

// budgetedTrees is budgeted for a TreeReader.
type budgetedTrees struct{ r TreeReader }

// MissionTrees charges each mission's tree as it arrives (the store calls
// charge per row), so a refused read stops early; the caller's charge is
// not used: the request's budget is the bound.
func (b budgetedTrees) MissionTrees(ctx context.Context, req policy.TreeRequest, _ func(n int) error,
	consume func(next func() (*policy.MissionTree, error)) error) error {
	if err := spend(ctx); err != nil {
		return err
	}
	return b.r.MissionTrees(ctx, req, func(n int) error { return charge(ctx, n) }, consume)
}

func (b budgeted) AgendaClauses(ctx context.Context, ids []string, mission *string, p policy.PageRequest) (map[string]policy.Page[policy.Clause], error) {
	return call(ctx, func() (map[string]policy.Page[policy.Clause], error) { return b.r.AgendaClauses(ctx, ids, mission, p) }, pagesSize)
}

func (b budgeted) EntityRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error) {
	return call(ctx, func() (map[string][]policy.Relation, error) { return b.r.EntityRelations(ctx, ids, kind) }, listsSize)
}

func (b budgeted) MissionRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error) {
	return call(ctx, func() (map[string][]policy.Relation, error) { return b.r.MissionRelations(ctx, ids, kind) }, listsSize)
}

func (b budgeted) AgendaRelations(ctx context.Context, ids []string, kind *policy.RelationKind, with *string) (map[string][]policy.Relation, error) {
	return call(ctx, func() (map[string][]policy.Relation, error) { return b.r.AgendaRelations(ctx, ids, kind, with) }, listsSize)
}

func (b budgeted) Search(ctx context.Context, text string, limit int) ([]policy.SearchHit, error) {
	return call(ctx, func() ([]policy.SearchHit, error) { return b.r.Search(ctx, text, limit) }, sliceSize)
}

func (b budgeted) Subgraph(ctx context.Context, f policy.GraphFilter) (policy.Graph, error) {
	return call(ctx, func() (policy.Graph, error) { return b.r.Subgraph(ctx, f) }, graphSize)
}

func (b budgeted) Neighborhood(ctx context.Context, id string, depth int, f policy.GraphFilter, props bool) (policy.Graph, error) {
	return call(ctx, func() (policy.Graph, error) { return b.r.Neighborhood(ctx, id, depth, f, props) }, graphSize)
}

func (b budgeted) ShortestPath(ctx context.Context, from, to string, maxHops int, f policy.GraphFilter) (*policy.Graph, error) {
	return call(ctx, func() (*policy.Graph, error) { return b.r.ShortestPath(ctx, from, to, maxHops, f) }, pathSize)
}

func (b budgeted) AgendaOverlap(ctx context.Context, agendas []string, from, to policy.Date) ([]policy.MissionOverlap, error) {
	return call(ctx, func() ([]policy.MissionOverlap, error) { return b.r.AgendaOverlap(ctx, agendas, from, to) }, sliceSize)
}

func (b budgeted) MandateTimeline(ctx context.Context, mission string) ([]policy.TimelineEntry, error) {
	return call(ctx, func() ([]policy.TimelineEntry, error) { return b.r.MandateTimeline(ctx, mission) }, sliceSize)
}

func (b budgeted) AgendaCooccurrence(ctx context.Context, from, to policy.Date) ([]policy.AgendaPair, error) {
	return call(ctx, func() ([]policy.AgendaPair, error) { return b.r.AgendaCooccurrence(ctx, from, to) }, sliceSize)
}
