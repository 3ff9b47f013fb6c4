package graph

import "github.com/vektah/gqlparser/v2/ast"

// expander counts the fields an operation selects once every fragment
// spread is expanded, which is what gqlgen's complexity calculation and the
// executor walk. A fragment spread twice in each of k nested fragments
// expands to 2^k copies from a request of a few hundred bytes, so the count
// memoises each fragment (computed once, however often it is spread) and
// stops at limit+1: the check itself costs one pass over the document.
type expander struct {
	fragments ast.FragmentDefinitionList
	memo      map[string]int
	limit     int
}

func (e *expander) count(set ast.SelectionSet, visiting map[string]bool) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n += 1 + e.count(s.SelectionSet, visiting)
		case *ast.InlineFragment:
			n += e.count(s.SelectionSet, visiting)
		case *ast.FragmentSpread:
			c, ok := e.memo[s.Name]
			if !ok {
				def := e.fragments.ForName(s.Name)
				if def == nil || visiting[s.Name] {
					continue // validation reports unknown or cyclic fragments
				}
				visiting[s.Name] = true
				c = e.count(def.SelectionSet, visiting)
				delete(visiting, s.Name)
				e.memo[s.Name] = c
			}
			n += c
		}
		if n > e.limit {
			return e.limit + 1
		}
	}
	return n
}
