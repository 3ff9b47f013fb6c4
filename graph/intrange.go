package graph

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// GraphQL's Int is a signed 32-bit integer; gqlgen takes any int64. An Int
// argument or variable outside the 32-bit range is a request error here,
// before any resolver sees it.

// outOfRangeInt returns the first Int literal or variable of the operation
// outside the 32-bit range, or "".
func outOfRangeInt(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) string {
	for _, def := range op.VariableDefinitions {
		if baseName(def.Type) == "Int" {
			if bad := intValueOutOfRange(vars[def.Variable]); bad != "" {
				return "$" + def.Variable + " = " + bad
			}
		}
	}
	sets := []ast.SelectionSet{op.SelectionSet}
	for _, f := range doc.Fragments {
		sets = append(sets, f.SelectionSet)
	}
	for len(sets) > 0 {
		set := sets[len(sets)-1]
		sets = sets[:len(sets)-1]
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				for _, a := range s.Arguments {
					if bad := literalOutOfRange(a.Value); bad != "" {
						return s.Name + "(" + a.Name + ": " + bad + ")"
					}
				}
				sets = append(sets, s.SelectionSet)
			case *ast.InlineFragment:
				sets = append(sets, s.SelectionSet)
			}
		}
	}
	return ""
}

func baseName(t *ast.Type) string {
	for t.Elem != nil {
		t = t.Elem
	}
	return t.NamedType
}

func literalOutOfRange(v *ast.Value) string {
	if v == nil {
		return ""
	}
	if v.Kind == ast.IntValue {
		if _, err := strconv.ParseInt(v.Raw, 10, 32); err != nil {
			return v.Raw
		}
	}
	for _, c := range v.Children {
		if bad := literalOutOfRange(c.Value); bad != "" {
			return bad
		}
	}
	return ""
}

func intValueOutOfRange(v any) string {
	switch n := v.(type) {
	case json.Number:
		if _, err := strconv.ParseInt(string(n), 10, 32); err != nil {
			if f, ferr := n.Float64(); ferr == nil && f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32 {
				return "" // 3.0 is an Int
			}
			return string(n)
		}
	case int64:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return strconv.FormatInt(n, 10)
		}
	case int:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return strconv.Itoa(n)
		}
	case float64:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return strconv.FormatFloat(n, 'g', -1, 64)
		}
	case []any:
		for _, e := range n {
			if bad := intValueOutOfRange(e); bad != "" {
				return bad
			}
		}
	}
	return ""
}

// shortText cuts s to 80 bytes for a message.
func shortText(s string) string {
	if len(s) <= 80 {
		return s
	}
	return s[:80] + "..."
}
