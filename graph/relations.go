package graph

// A page of relations with its neighbours. When the selection of
// relations(...) asks for the relations' ends or their evidence documents,
// the page is read with them in one query (RelationNeighbourReader)
// instead of one query per level, and they are preloaded into the batches
// under the loaders' own keys, so the same resolvers answer from them.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

// The batch keys of a relation's ends (load.go, relationResolver.end), of
// the documents of a relation batch's evidence, preloaded here and handed
// to the evidence batch (preloadDocuments), and of an evidence's document
// (evidenceResolver.Document).
const (
	endsKey              = "ends"
	evidenceDocumentsKey = "evidenceDocuments"
	documentKey          = "document"
)

// relationPage reads a page of relations, as a batch whose ends and
// evidence documents are preloaded when the selection of the connection
// being resolved under ctx asks for them and the store can read them
// together.
func (r *Resolver) relationPage(ctx context.Context, f policy.RelationFilter, p policy.PageRequest) (policy.Page[policy.Relation], *model.Batch, error) {
	b := model.NewBatch()
	with := relationNeighboursOf(ctx)
	if r.Neighbours == nil || with == (policy.RelationNeighbours{}) {
		page, err := r.Store.FindRelations(ctx, f, p)
		return page, b, err
	}
	page, neighbours, err := r.Neighbours.FindRelationsWith(ctx, f, p, with)
	if err != nil {
		return page, b, err
	}
	nodes := func(ids func(policy.Relation) []string) map[string]model.Node {
		next := model.NewBatch()
		out := map[string]model.Node{}
		for _, rel := range page.Items {
			for _, id := range ids(rel) {
				if e, ok := neighbours[id]; ok && out[id] == nil {
					out[id] = model.NewNode(next, e)
				}
			}
		}
		return out
	}
	if with.Ends {
		b.Preload(endsKey, nodes(func(rel policy.Relation) []string { return []string{rel.Source, rel.Target} }))
	}
	if with.Documents {
		b.Preload(evidenceDocumentsKey, nodes(func(rel policy.Relation) []string {
			var ids []string
			for _, e := range rel.Evidence {
				ids = append(ids, e.Document)
			}
			return ids
		}))
	}
	return page, b, nil
}

// relationNeighboursOf says which neighbours the Relation selection of the
// connection being resolved under ctx reads.
func relationNeighboursOf(ctx context.Context) policy.RelationNeighbours {
	var with policy.RelationNeighbours
	if graphql.GetFieldContext(ctx) == nil {
		return with
	}
	opCtx := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFields(opCtx, connectionNodes(ctx, "RelationConnection", "RelationEdge"), relationImplementors) {
		switch f.Name {
		case "source", "target":
			with.Ends = true
		case "evidence":
			for _, e := range graphql.CollectFields(opCtx, f.Selections, evidenceImplementors) {
				if e.Name == "document" {
					with.Documents = true
				}
			}
		}
	}
	return with
}

// preloadDocuments hands the documents preloaded for the relation batch
// rels to the batch of their evidence, under the key Evidence.document
// loads by.
func preloadDocuments(rels, evidence *model.Batch) {
	if docs, ok := rels.Peek(evidenceDocumentsKey); ok {
		evidence.Preload(documentKey, docs)
	}
}
