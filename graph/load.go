package graph

// Batched loading. Every object a resolver returns belongs to a
// model.Batch: the objects one database read returned together. A
// relationship field is loaded for all members of its parent's batch with
// one query (keyed by the field and its arguments), and what that query
// returns forms the next level's batch. So a request costs one query per
// field per level of its selection, however many objects it returns.

import (
	"context"
	"fmt"
	"strconv"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

// byParent loads field for every member of b once and returns the result
// map (parent key → value).
func byParent[V any](ctx context.Context, b *model.Batch, field string,
	load func(ctx context.Context, members []any) (map[string]V, error)) (map[string]V, error) {
	v, err := b.Load(ctx, field, func(ctx context.Context, members []any) (any, error) {
		return load(ctx, members)
	})
	if err != nil {
		return nil, ownError(err)
	}
	m, ok := v.(map[string]V)
	if !ok {
		return nil, fmt.Errorf("batch field %s holds %T", field, v)
	}
	return m, nil
}

// ownError returns err for one caller of a batch load. Every member of the
// batch gets the same error value, and gqlgen sets the path of a
// *gqlerror.Error in place when it has none: shared, the first field's path
// would stick to every other (and they would write it concurrently).
func ownError(err error) error {
	if g, ok := err.(*gqlerror.Error); ok {
		c := *g
		c.Path = nil
		return &c
	}
	return err
}

// nodeIDs returns the ids of the Node members.
func nodeIDs(members []any) []string {
	ids := make([]string, 0, len(members))
	for _, m := range members {
		if n, ok := m.(model.Node); ok {
			ids = append(ids, n.GetID())
		}
	}
	return ids
}

// memberKeys returns f of every member of type T.
func memberKeys[T any](members []any, f func(T) []string) []string {
	var out []string
	for _, m := range members {
		if t, ok := m.(T); ok {
			out = append(out, f(t)...)
		}
	}
	return out
}

// nodesAs wraps entities as members of b, keeping those of type T.
func nodesAs[T model.Node](b *model.Batch, es []policy.Entity) []T {
	out := make([]T, 0, len(es))
	for _, e := range es {
		if t, ok := model.NewNode(b, e).(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// related follows a traversal for obj's batch and returns obj's share.
func related[T model.Node](ctx context.Context, store Reader, b *model.Batch, link policy.Traversal, id string) ([]T, error) {
	m, err := byParent(ctx, b, linkKey(link), func(ctx context.Context, members []any) (map[string][]T, error) {
		byID, err := store.Related(ctx, link, nodeIDs(members))
		if err != nil {
			return nil, err
		}
		next := model.NewBatch()
		out := make(map[string][]T, len(byID))
		for pid, es := range byID {
			out[pid] = nodesAs[T](next, es)
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return orEmpty(m[id]), nil
}

// linkKey is the batch key of a traversal's load (also what a tree read
// preloads, tree.go).
// (strconv, not fmt: it runs once per parent object, and Sprintf was 14% of
// the server CPU of a MONUSCO mandates → clauses → agendas request.)
func linkKey(link policy.Traversal) string { return "link:" + strconv.Itoa(int(link)) }

// clausesKey is the batch key of Mandate.clauses(agenda).
func clausesKey(agenda *string) string { return "clauses:" + argKey(agenda) }

// relatedOne is related for fields with at most one value.
func relatedOne[T model.Node](ctx context.Context, store Reader, b *model.Batch, link policy.Traversal, id string) (T, error) {
	list, err := related[T](ctx, store, b, link, id)
	if err != nil || len(list) == 0 {
		var zero T
		return zero, err
	}
	return list[0], nil
}

// entityByID loads the entities with the ids keys(members) for obj's batch
// and returns the one with id.
func entityByID(ctx context.Context, store Reader, b *model.Batch, field string,
	keys func(members []any) []string, id string) (model.Node, error) {
	m, err := byParent(ctx, b, field, func(ctx context.Context, members []any) (map[string]model.Node, error) {
		es, err := store.FindEntities(ctx, keys(members))
		if err != nil {
			return nil, err
		}
		next := model.NewBatch()
		out := make(map[string]model.Node, len(es))
		for eid, e := range es {
			out[eid] = model.NewNode(next, e)
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return m[id], nil
}

// relations loads relations per parent for obj's batch.
func relations(ctx context.Context, b *model.Batch, field string,
	load func(ctx context.Context, ids []string) (map[string][]policy.Relation, error), id string) ([]*model.Relation, error) {
	m, err := byParent(ctx, b, field, func(ctx context.Context, members []any) (map[string][]*model.Relation, error) {
		byID, err := load(ctx, nodeIDs(members))
		if err != nil {
			return nil, err
		}
		next := model.NewBatch()
		out := make(map[string][]*model.Relation, len(byID))
		for pid, rs := range byID {
			for _, r := range rs {
				out[pid] = append(out[pid], model.NewRelation(next, r))
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return orEmpty(m[id]), nil
}

func orEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// argKey renders an optional argument for a batch key: absent and "" are
// different requests.
func argKey[S ~string](p *S) string {
	if p == nil {
		return "-"
	}
	return strconv.Quote(string(*p))
}

// deref is *p, or T's zero value (for a filter: no filtering) when p is nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// end resolves Relation.source or Relation.target: both ends of every
// relation in the batch are loaded with one query.
func (r *relationResolver) end(ctx context.Context, obj *model.Relation, id string) (model.Node, error) {
	n, err := entityByID(ctx, r.Store, obj.Batch, endsKey, func(members []any) []string {
		return memberKeys(members, func(rel *model.Relation) []string { return []string{rel.Source, rel.Target} })
	}, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, fmt.Errorf("relation %s: end %s not found", obj.ID, id)
	}
	return n, nil
}
