package graph

// What a selection needs from storage. A batch load serves every field of
// its key at one level of a request, so the properties it reads are those
// of all the sibling fields that share it (aliases included), computed the
// same way by whichever of them loads first.

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// clauseFieldProps are the stored properties each Clause field reads (see
// neo4jdb/kinds.go); fields not listed (agendas, relations, __typename)
// read none of the clause's own. id and kind are always read.
var clauseFieldProps = map[string][]string{
	"paragraph": {"paragraph"},
	"summary":   {"summary"},
	"text":      {"text"},
	"mandate":   {"mandateId"},
	"tags":      {"tagAgendas", "tagSources", "tagRules", "tagPhrases", "tagReasons"},
}

// clauseProps returns the clause properties that Mandate.clauses must read
// for the mandate being resolved under ctx: those of every `clauses` field
// of its selection (whatever its arguments: a superset is safe). coverage
// and paragraphsRecorded count the clauses and need no property. nil (read
// whole nodes) when the selection cannot be found.
func clauseProps(ctx context.Context) []string {
	sel := parentSelection(ctx)
	if sel == nil {
		return nil
	}
	opCtx := graphql.GetOperationContext(ctx)
	props := []string{"mandateId"} // cheap, and what a clause's mandate is found by
	for _, f := range graphql.CollectFields(opCtx, sel, []string{"Mandate", "Node"}) {
		if f.Name != "clauses" {
			continue
		}
		for _, cf := range graphql.CollectFields(opCtx, f.Selections, []string{"Clause", "Node"}) {
			for _, p := range clauseFieldProps[cf.Name] {
				if !slices.Contains(props, p) {
					props = append(props, p)
				}
			}
		}
	}
	slices.Sort(props)
	return props
}

// parentSelection is the selection set of the object whose field is being
// resolved under ctx: that of the nearest enclosing field (list indices
// have none).
func parentSelection(ctx context.Context) ast.SelectionSet {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return nil
	}
	for p := fc.Parent; p != nil; p = p.Parent {
		if p.Field.Field != nil {
			return p.Field.Selections
		}
	}
	return nil
}

// graphPropsSelected says whether the Graph being resolved under ctx has
// nodes or edges with `properties` selected: only then are they read.
func graphPropsSelected(ctx context.Context) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return true
	}
	opCtx := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Graph"}) {
		if f.Name != "nodes" && f.Name != "edges" {
			continue
		}
		for _, sub := range graphql.CollectFields(opCtx, f.Selections, []string{"GraphNode", "GraphEdge"}) {
			if sub.Name == "properties" {
				return true
			}
		}
	}
	return false
}
