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
// of its selection (whatever its arguments: a superset is safe), and of
// its aliases' (`a: mandates { clauses { id } } b: mandates { clauses {
// text } }` share one batch of mandates, hence one load of their clauses).
// coverage and paragraphsRecorded count the clauses and need no property.
// nil (read whole nodes) when the selection cannot be found.
func clauseProps(ctx context.Context) []string {
	sel := aliasedSelection(ctx)
	if sel == nil {
		return nil
	}
	opCtx := graphql.GetOperationContext(ctx)
	var clauses ast.SelectionSet
	for _, f := range graphql.CollectFields(opCtx, sel, []string{"Mandate", "Node"}) {
		if f.Name == "clauses" {
			clauses = append(clauses, f.Selections...)
		}
	}
	return clauseSelectionProps(opCtx, clauses)
}

// clauseSelectionProps returns the clause properties that the Clause
// selection sel reads, sorted.
func clauseSelectionProps(opCtx *graphql.OperationContext, sel ast.SelectionSet) []string {
	props := []string{"mandateId"} // cheap, and what a clause's mandate is found by
	for _, cf := range graphql.CollectFields(opCtx, sel, []string{"Clause", "Node"}) {
		for _, p := range clauseFieldProps[cf.Name] {
			if !slices.Contains(props, p) {
				props = append(props, p)
			}
		}
	}
	slices.Sort(props)
	return props
}

// aliasedSelection is the selection set of the object whose field is
// being resolved under ctx (that of the nearest enclosing field), with
// those of the fields of the same name beside that field (its aliases),
// whose objects share its batch.
func aliasedSelection(ctx context.Context) ast.SelectionSet {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return nil
	}
	p := enclosingField(fc.Parent)
	if p == nil {
		return nil
	}
	q := enclosingField(p.Parent)
	if q == nil {
		return p.Field.Selections // a root field: no siblings of another object
	}
	var sel ast.SelectionSet
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), q.Field.Selections, []string{p.Object, "Node"}) {
		if f.Name == p.Field.Name {
			sel = append(sel, f.Selections...)
		}
	}
	return sel
}

// enclosingField is fc or its nearest parent that is a field (list indices
// are not).
func enclosingField(fc *graphql.FieldContext) *graphql.FieldContext {
	for ; fc != nil; fc = fc.Parent {
		if fc.Field.Field != nil {
			return fc
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
