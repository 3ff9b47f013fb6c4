package graph

import (
	"context"
	"strconv"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/mandategraph/mandategraph/policy"
)

// A per-request budget of database queries. The complexity score bounds
// what a request may ask; the budget bounds what it may make Neo4j do,
// whatever the score missed: every Reader call spends one query, and once
// Limits.MaxDBQueries are spent the rest fail at once with BAD_USER_INPUT
// (extensions.limit "queries") without reaching the database.

type budgetKey struct{}

type budget struct {
	left  atomic.Int64
	limit int
}

// withQueryBudget returns ctx carrying a budget of n database queries.
func withQueryBudget(ctx context.Context, n int) context.Context {
	b := &budget{limit: n}
	b.left.Store(int64(n))
	return context.WithValue(ctx, budgetKey{}, b)
}

// spend takes one query from ctx's budget; no budget means no bound.
func spend(ctx context.Context) error {
	b, _ := ctx.Value(budgetKey{}).(*budget)
	if b == nil || b.left.Add(-1) >= 0 {
		return nil
	}
	return &gqlerror.Error{
		Message: "this request needs more than " + strconv.Itoa(b.limit) + " database queries (" + EnvMaxDBQueries +
			"); ask for fewer fields or aliases per request",
		Extensions: map[string]any{"code": policy.EINVALID, "limit": "queries"},
	}
}

// budgeted is a Reader whose every call spends one query of the request's
// budget before it reaches the store.
type budgeted struct{ r Reader }

func (b budgeted) FindAgendas(ctx context.Context) ([]policy.Agenda, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.FindAgendas(ctx)
}

func (b budgeted) FindMissions(ctx context.Context, f policy.MissionFilter, p policy.PageRequest) (policy.Page[policy.Mission], error) {
	if err := spend(ctx); err != nil {
		return policy.Page[policy.Mission]{}, err
	}
	return b.r.FindMissions(ctx, f, p)
}

func (b budgeted) FindClauses(ctx context.Context, f policy.ClauseFilter, p policy.PageRequest) (policy.Page[policy.Clause], error) {
	if err := spend(ctx); err != nil {
		return policy.Page[policy.Clause]{}, err
	}
	return b.r.FindClauses(ctx, f, p)
}

func (b budgeted) FindDocuments(ctx context.Context, f policy.DocumentFilter, p policy.PageRequest) (policy.Page[policy.Document], error) {
	if err := spend(ctx); err != nil {
		return policy.Page[policy.Document]{}, err
	}
	return b.r.FindDocuments(ctx, f, p)
}

func (b budgeted) FindRelations(ctx context.Context, f policy.RelationFilter, p policy.PageRequest) (policy.Page[policy.Relation], error) {
	if err := spend(ctx); err != nil {
		return policy.Page[policy.Relation]{}, err
	}
	return b.r.FindRelations(ctx, f, p)
}

func (b budgeted) FindEntities(ctx context.Context, ids []string) (map[string]policy.Entity, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.FindEntities(ctx, ids)
}

func (b budgeted) Related(ctx context.Context, link policy.Traversal, ids []string) (map[string][]policy.Entity, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.Related(ctx, link, ids)
}

func (b budgeted) MandateClauses(ctx context.Context, ids []string, agenda *string, props []string) (map[string][]policy.Clause, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.MandateClauses(ctx, ids, agenda, props)
}

func (b budgeted) AgendaClauses(ctx context.Context, ids []string, mission *string, p policy.PageRequest) (map[string]policy.Page[policy.Clause], error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.AgendaClauses(ctx, ids, mission, p)
}

func (b budgeted) EntityRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.EntityRelations(ctx, ids, kind)
}

func (b budgeted) MissionRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.MissionRelations(ctx, ids, kind)
}

func (b budgeted) AgendaRelations(ctx context.Context, ids []string, kind *policy.RelationKind, with *string) (map[string][]policy.Relation, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.AgendaRelations(ctx, ids, kind, with)
}

func (b budgeted) Search(ctx context.Context, text string, limit int) ([]policy.SearchHit, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.Search(ctx, text, limit)
}

func (b budgeted) Subgraph(ctx context.Context, f policy.GraphFilter) (policy.Graph, error) {
	if err := spend(ctx); err != nil {
		return policy.Graph{}, err
	}
	return b.r.Subgraph(ctx, f)
}

func (b budgeted) Neighborhood(ctx context.Context, id string, depth int, f policy.GraphFilter, props bool) (policy.Graph, error) {
	if err := spend(ctx); err != nil {
		return policy.Graph{}, err
	}
	return b.r.Neighborhood(ctx, id, depth, f, props)
}

func (b budgeted) ShortestPath(ctx context.Context, from, to string, maxHops int, f policy.GraphFilter) (*policy.Graph, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.ShortestPath(ctx, from, to, maxHops, f)
}

func (b budgeted) AgendaOverlap(ctx context.Context, agendas []string, from, to policy.Date) ([]policy.MissionOverlap, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.AgendaOverlap(ctx, agendas, from, to)
}

func (b budgeted) MandateTimeline(ctx context.Context, mission string) ([]policy.TimelineEntry, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.MandateTimeline(ctx, mission)
}

func (b budgeted) AgendaCooccurrence(ctx context.Context, from, to policy.Date) ([]policy.AgendaPair, error) {
	if err := spend(ctx); err != nil {
		return nil, err
	}
	return b.r.AgendaCooccurrence(ctx, from, to)
}
