package graph

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/mandategraph/mandategraph/policy"
)

// Limits bounds what one request may ask. Every limit is enforced before
// any database work: an over-limit request is a BAD_USER_INPUT error.
type Limits struct {
	// MaxDepth bounds the nesting of fields in an operation (introspection
	// fields excluded: GraphiQL's introspection query is deep).
	MaxDepth int
	// MaxComplexity bounds gqlgen's complexity score: one per field, with
	// paginated fields (first) and search multiplying their children by the
	// page size.
	MaxComplexity int
	// MaxPageSize caps `first` on connections and search.
	MaxPageSize int
	// ListFanOut is what an unpaginated list field (a mission's mandates,
	// an agenda's documents) multiplies its items' complexity by.
	ListFanOut int
	// GraphOpCost is what one graph operation (search, a traversal, an
	// aggregation) adds to the complexity score, times its reach
	// (opcost.go); zero means DefaultLimits'.
	GraphOpCost int
	// MaxDBQueries is the budget of database queries of one request
	// (budget.go); zero means DefaultLimits'.
	MaxDBQueries int
	// MaxResultObjects is the budget of objects (nodes, relations, list
	// elements) the database reads of one request may return (budget.go);
	// zero means DefaultLimits'.
	MaxResultObjects int
	// MaxConcurrentTrees bounds the tree reads (tree.go), with the direct
	// answers written from them (direct.go), that run at once; a request
	// beyond it waits for a slot, within its deadline (treeslots.go); zero
	// means DefaultLimits'.
	MaxConcurrentTrees int
	// MaxTokens bounds the tokens of a query: the parser stops there,
	// before any validation (validation.go); zero means DefaultLimits'.
	MaxTokens int
	// Introspection allows __schema and __type queries.
	Introspection bool
	// MaxBodyBytes caps the size of a POST body (413 beyond it).
	MaxBodyBytes int64
}

// The environment variables LimitsFromEnv reads.
const (
	EnvMaxDepth           = "GRAPHQL_MAX_DEPTH"
	EnvMaxComplexity      = "GRAPHQL_MAX_COMPLEXITY"
	EnvMaxPageSize        = "GRAPHQL_MAX_PAGE_SIZE"
	EnvListFanOut         = "GRAPHQL_LIST_FANOUT"
	EnvGraphOpCost        = "GRAPHQL_GRAPH_OP_COST"
	EnvMaxDBQueries       = "GRAPHQL_MAX_DB_QUERIES"
	EnvMaxResultObjects   = "GRAPHQL_MAX_RESULT_OBJECTS"
	EnvMaxTokens          = "GRAPHQL_MAX_TOKENS"
	EnvMaxConcurrentTrees = "GRAPHQL_MAX_CONCURRENT_TREES"
	EnvIntrospection      = "GRAPHQL_INTROSPECTION"
	EnvMaxBodyBytes       = "GRAPHQL_MAX_BODY_BYTES"
)

// DefaultLimits are the limits when the environment sets none.
var DefaultLimits = Limits{
	MaxDepth:      12,
	MaxComplexity: 5000,
	MaxPageSize:   100,
	ListFanOut:    8,
	GraphOpCost:   100,
	MaxDBQueries:  100,
	// 200,000 objects: the benchmark's operation 2 on its large dataset
	// (50 missions, 1,794 mandates, 64,958 clauses, 97,512 agenda
	// references: about 164,400 objects, a 13 MB answer) passes; an answer
	// much larger is refused (docs/performance.md).
	MaxResultObjects: 200000,
	// Two tree reads at once: on the benchmark's 2-core machine, where
	// Neo4j shares the cores, 16 at once of operation 2 at scale all
	// timed out (docs/performance.md).
	MaxConcurrentTrees: 2,
	MaxTokens:          10000,
	Introspection:      true,
	MaxBodyBytes:       1 << 20,
}

// LimitsFromEnv reads the limits from the environment (getenv is os.Getenv
// in production), starting from DefaultLimits.
func LimitsFromEnv(getenv func(string) string) (Limits, error) {
	l := DefaultLimits
	for _, v := range []struct {
		key string
		dst *int
	}{{EnvMaxDepth, &l.MaxDepth}, {EnvMaxComplexity, &l.MaxComplexity}, {EnvMaxPageSize, &l.MaxPageSize}, {EnvListFanOut, &l.ListFanOut}, {EnvGraphOpCost, &l.GraphOpCost}, {EnvMaxDBQueries, &l.MaxDBQueries}, {EnvMaxResultObjects, &l.MaxResultObjects}, {EnvMaxConcurrentTrees, &l.MaxConcurrentTrees}, {EnvMaxTokens, &l.MaxTokens}} {
		if s := getenv(v.key); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return l, fmt.Errorf("%s=%q: want a positive integer", v.key, s)
			}
			*v.dst = n
		}
	}
	if s := getenv(EnvMaxBodyBytes); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			return l, fmt.Errorf("%s=%q: want a positive number of bytes", EnvMaxBodyBytes, s)
		}
		l.MaxBodyBytes = n
	}
	if s := getenv(EnvIntrospection); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return l, fmt.Errorf("%s=%q: want true or false", EnvIntrospection, s)
		}
		l.Introspection = b
	}
	return l, nil
}

// operationLimits is a gqlgen extension that rejects operations nested
// deeper than MaxDepth and, when introspection is off, operations that
// ask for __schema or __type.
type operationLimits struct{ Limits }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = operationLimits{}

func (operationLimits) ExtensionName() string                          { return "OperationLimits" }
func (operationLimits) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l operationLimits) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	// Before anything that walks the expanded operation (the depth below
	// memoises too; gqlgen's complexity limit, which runs next, does not).
	e := expander{fragments: opCtx.Doc.Fragments, memo: map[string]int{}, limit: l.MaxComplexity}
	if n := e.count(opCtx.Operation.SelectionSet, map[string]bool{}); n > l.MaxComplexity {
		return limitError("fields", "operation selects more than %d fields once its fragments are expanded, which exceeds the limit of %d (%s)", l.MaxComplexity, l.MaxComplexity, EnvMaxComplexity)
	}
	if bad := outOfRangeInt(opCtx.Doc, opCtx.Operation, opCtx.Variables); bad != "" {
		return limitError("int", "%s is outside GraphQL's Int range (-2147483648 to 2147483647)", shortText(bad))
	}
	m := measurer{fragments: opCtx.Doc.Fragments, depths: map[string]int{}}
	depth := m.depth(opCtx.Operation.SelectionSet, map[string]bool{})
	if m.introspects && !l.Introspection {
		return limitError("introspection", "introspection is disabled on this server (%s=false)", EnvIntrospection)
	}
	if depth > l.MaxDepth {
		return limitError("depth", "operation has depth %d, which exceeds the limit of %d (%s)", depth, l.MaxDepth, EnvMaxDepth)
	}
	return nil
}

func limitError(limit, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...),
		Extensions: map[string]any{"code": policy.EINVALID, "limit": limit}}
}

// measurer computes the field depth of a selection set through fragments,
// remembering each fragment's depth so repeated spreads cost nothing.
type measurer struct {
	fragments   ast.FragmentDefinitionList
	depths      map[string]int
	introspects bool
}

func (m *measurer) depth(set ast.SelectionSet, visiting map[string]bool) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				if s.Name == "__schema" || s.Name == "__type" {
					m.introspects = true
				}
				continue
			}
			d = 1 + m.depth(s.SelectionSet, visiting)
		case *ast.InlineFragment:
			d = m.depth(s.SelectionSet, visiting)
		case *ast.FragmentSpread:
			if known, ok := m.depths[s.Name]; ok {
				d = known
				break
			}
			def := m.fragments.ForName(s.Name)
			if def == nil || visiting[s.Name] {
				continue // validation reports unknown or cyclic fragments
			}
			visiting[s.Name] = true
			d = m.depth(def.SelectionSet, visiting)
			delete(visiting, s.Name)
			m.depths[s.Name] = d
		}
		deepest = max(deepest, d)
	}
	return deepest
}
