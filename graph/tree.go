package graph

// Compiling a selection into one tree read. The Mission objects of a root
// field (mission, missions) and the levels below them that a
// policy.TreeRequest can express (mandates → clauses → agendas) are read
// with one query (neo4jdb.Store.MissionTrees) instead of one per level.
// The read's children are handed to the same resolvers the per-level path
// runs: each level's batch is preloaded (model.Batch.Preload) under the
// keys its resolvers load by (linkKey, clausesKey), with values of the
// types their loads return, so every field, alias, fragment, directive and
// argument is resolved by the same code either way. What the tree cannot
// express (other relationship fields, two different `agenda` arguments of
// Mandate.clauses) is left to the per-level batch loaders on the same
// batches; a selection with no `mandates` is not compiled at all.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

// missionTreeRequest compiles the Mission selection sel (of the root field
// being resolved under ctx) into a tree read, without its mission ids; nil
// when the tree would read nothing the Mission objects' own loads do not,
// or when the store reads no trees.
func (r *Resolver) missionTreeRequest(ctx context.Context, sel ast.SelectionSet) *policy.TreeRequest {
	if r.Trees == nil || graphql.GetFieldContext(ctx) == nil || len(sel) == 0 {
		return nil
	}
	opCtx := graphql.GetOperationContext(ctx)
	var mandates ast.SelectionSet
	found := false
	for _, f := range graphql.CollectFields(opCtx, sel, []string{"Mission", "Node"}) {
		if f.Name == "mandates" {
			found = true
			mandates = append(mandates, f.Selections...)
		}
	}
	if !found {
		return nil
	}
	return &policy.TreeRequest{Mandates: &policy.MandateLevel{Clauses: clauseLevel(opCtx, mandates)}}
}

// clauseLevel compiles the Mandate selection sel's clauses, nil when none
// is selected or when they are asked with different `agenda` arguments
// (each would be its own list; the batch loaders serve them). coverage and
// paragraphsRecorded count Mandate.clauses(agenda: null).
func clauseLevel(opCtx *graphql.OperationContext, sel ast.SelectionSet) *policy.ClauseLevel {
	var (
		clauses ast.SelectionSet
		agendas []*string
	)
	addAgenda := func(a *string) {
		for _, x := range agendas {
			if (x == nil) == (a == nil) && (x == nil || *x == *a) {
				return
			}
		}
		agendas = append(agendas, a)
	}
	for _, f := range graphql.CollectFields(opCtx, sel, []string{"Mandate", "Node"}) {
		switch f.Name {
		case "clauses":
			var a *string
			if s, ok := f.ArgumentMap(opCtx.Variables)["agenda"].(string); ok {
				a = &s
			}
			addAgenda(a)
			clauses = append(clauses, f.Selections...)
		case "coverage", "paragraphsRecorded":
			addAgenda(nil)
		}
	}
	if len(agendas) != 1 {
		return nil
	}
	cl := &policy.ClauseLevel{Agenda: agendas[0], Props: clauseSelectionProps(opCtx, clauses)}
	for _, f := range graphql.CollectFields(opCtx, clauses, []string{"Clause", "Node"}) {
		if f.Name == "agendas" || f.Name == "tags" { // tags reads the clause's agendas too
			cl.Agendas = true
		}
	}
	return cl
}

// missionTrees reads req and returns its missions by id, each a member of
// one batch whose levels below are preloaded with what req asked.
func (r *Resolver) missionTrees(ctx context.Context, req policy.TreeRequest) (map[string]*model.Mission, error) {
	trees, release, err := r.heldMissionTrees(ctx, req)
	if err != nil {
		return nil, err
	}
	// The slot is held for the read only: the executor resolves the
	// answer from the batches afterwards (direct answers hold it longer).
	release()
	missions, mandates, clauses, agendas := model.NewBatch(), model.NewBatch(), model.NewBatch(), model.NewBatch()
	out := make(map[string]*model.Mission, len(trees))
	mandatesOf := make(map[string][]*model.Mandate, len(trees))
	clausesOf := map[string][]*model.Clause{}
	agendasOf := map[string][]*model.Agenda{}
	var cl *policy.ClauseLevel
	if req.Mandates != nil {
		cl = req.Mandates.Clauses
	}
	for _, t := range trees {
		out[t.Mission.ID] = model.NewMission(missions, t.Mission)
		for _, md := range t.Mandates {
			mandatesOf[t.Mission.ID] = append(mandatesOf[t.Mission.ID], model.NewMandate(mandates, md.Mandate))
			if _, seen := clausesOf[md.Mandate.ID]; seen {
				continue // a mandate of several missions: its clauses are the same lists
			}
			clausesOf[md.Mandate.ID] = []*model.Clause{}
			for _, c := range md.Clauses {
				clausesOf[md.Mandate.ID] = append(clausesOf[md.Mandate.ID], model.NewClause(clauses, *c.Clause))
				for _, g := range c.Agendas {
					agendasOf[c.Clause.ID] = append(agendasOf[c.Clause.ID], model.NewAgenda(agendas, *g))
				}
			}
		}
	}
	if req.Mandates != nil {
		missions.Preload(linkKey(policy.MissionMandates), mandatesOf)
	}
	if cl != nil {
		mandates.Preload(clausesKey(cl.Agenda), clausesOf)
		if cl.Agendas {
			clauses.Preload(linkKey(policy.AgendasAddressed), agendasOf)
		}
	}
	return out, nil
}

// missionPage reads the page of missions that missions(filter, first,
// after) asks for.
func (r *Resolver) missionPage(ctx context.Context, filter *policy.MissionFilter, first *int, after *string) (policy.Page[policy.Mission], policy.PageRequest, error) {
	req, err := r.Limits.page(first, after)
	if err != nil {
		return policy.Page[policy.Mission]{}, req, err
	}
	page, err := r.Store.FindMissions(ctx, deref(filter), req)
	return page, req, err
}

// slottedTrees reads req in one of the tree slots (treeslots.go), handing
// the trees to consume; the caller gives the slot back with release once
// it is done with what consume kept. On an error the slot is already given
// back.
func (r *Resolver) slottedTrees(ctx context.Context, req policy.TreeRequest,
	consume func(next func() (*policy.MissionTree, error)) error) (release func(), err error) {
	release, err = r.treeSlots.acquire(ctx)
	if err != nil {
		return nil, err
	}
	if err := r.Trees.MissionTrees(ctx, req, nil, consume); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// heldMissionTrees reads req's trees whole in one of the tree slots
// (slottedTrees).
func (r *Resolver) heldMissionTrees(ctx context.Context, req policy.TreeRequest) (trees []policy.MissionTree, release func(), err error) {
	release, err = r.slottedTrees(ctx, req, func(next func() (*policy.MissionTree, error)) error {
		trees = trees[:0] // a retried read starts again
		for {
			t, err := next()
			if t == nil || err != nil {
				return err
			}
			trees = append(trees, *t)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return trees, release, nil
}

// pageTrees reads the trees of a page's missions when the Mission
// selection sel compiles (missionTreeRequest), and returns nil when not.
func (r *Resolver) pageTrees(ctx context.Context, sel ast.SelectionSet, ms []policy.Mission) (map[string]*model.Mission, error) {
	req := r.missionTreeRequest(ctx, sel)
	if req == nil || len(ms) == 0 {
		return nil, nil
	}
	for _, m := range ms {
		req.Missions = append(req.Missions, m.ID)
	}
	return r.missionTrees(ctx, *req)
}

// connectionNodes returns the selection of the nodes of the connection
// field being resolved under ctx (all its `edges { node }` fields, aliases
// included), of types conn and edge.
func connectionNodes(ctx context.Context, conn, edge string) ast.SelectionSet {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return nil
	}
	opCtx := graphql.GetOperationContext(ctx)
	var nodes ast.SelectionSet
	for _, e := range graphql.CollectFields(opCtx, fc.Field.Selections, []string{conn}) {
		if e.Name != "edges" {
			continue
		}
		for _, n := range graphql.CollectFields(opCtx, e.Selections, []string{edge}) {
			if n.Name == "node" {
				nodes = append(nodes, n.Selections...)
			}
		}
	}
	return nodes
}
