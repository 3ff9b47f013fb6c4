package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/policy"
	"github.com/mandategraph/mandategraph/policy/policytest"
)

// counting is a Reader that counts the calls that reach the store.
type counting struct {
	graph.Reader
	calls atomic.Int64
}

func (c *counting) FindAgendas(ctx context.Context) ([]policy.Agenda, error) {
	c.calls.Add(1)
	return c.Reader.FindAgendas(ctx)
}

func (c *counting) Neighborhood(ctx context.Context, id string, depth int, f policy.GraphFilter, props bool) (policy.Graph, error) {
	c.calls.Add(1)
	return c.Reader.Neighborhood(ctx, id, depth, f, props)
}

func (c *counting) Search(ctx context.Context, text string, limit int) ([]policy.SearchHit, error) {
	c.calls.Add(1)
	return c.Reader.Search(ctx, text, limit)
}

// aliases is { a0: field a1: field ... } with n aliases.
func aliases(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	b.WriteString(" }")
	return b.String()
}

// TestGraphOperationsCostWhatTheyDo: an alias bomb of graph operations
// under the old score (2,000 neighborhoods scored 4,000 < 5,000 and ran
// 2,000 traversals) is rejected before any database work; a few aliases
// still run.
func TestGraphOperationsCostWhatTheyDo(t *testing.T) {
	a := fixture(t)
	store := &counting{Reader: a.store}
	limits := testLimits
	limits.MaxBodyBytes = graph.DefaultLimits.MaxBodyBytes // 2,000 aliases are 110 KB
	limits.MaxTokens = 1 << 20                             // the token limit alone would reject 2,000 aliases: test the cost
	h := &api{store: a.store, handler: graph.NewHandler(store, limits, quietLogger())}
	for _, tc := range []struct {
		name  string
		query string
	}{
		{"2000 neighborhoods of depth 3", aliases(2000, `neighborhood(id: "POC", depth: 3) { truncated }`)},
		{"20 neighborhoods of depth 3", aliases(20, `neighborhood(id: "POC", depth: 3) { truncated }`)},
		{"200 searches", aliases(200, `search(text: "civilians", first: 1) { score }`)},
		{"2000 shortest paths", aliases(2000, `shortestPath(from: "POC", to: "SSR") { truncated }`)},
		{"200 agenda overlaps", aliases(200, `agendaOverlap(agendas: ["POC"]) { since }`)},
	} {
		res := h.post(t, tc.query, nil)
		if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
			res.Errors[0].Extensions["limit"] != "complexity" {
			t.Errorf("%s: status %d errors %.300v", tc.name, res.Status, res.Errors)
		}
		if n := store.calls.Load(); n != 0 {
			t.Errorf("%s: %d database calls before the rejection, want 0", tc.name, n)
		}
	}
	res := h.post(t, aliases(5, `neighborhood(id: "POC", depth: 3) { truncated }`), nil)
	if res.Status != http.StatusOK || len(res.Errors) != 0 {
		t.Errorf("5 neighborhoods: status %d errors %v", res.Status, res.Errors)
	}
	if n := store.calls.Load(); n != 5 {
		t.Errorf("5 neighborhoods: %d database calls, want 5", n)
	}
}

// TestQueryBudgetBoundsDatabaseWork: past MaxDBQueries, the rest of a
// request's reads fail with BAD_USER_INPUT (limit "queries") without
// reaching the store.
func TestQueryBudgetBoundsDatabaseWork(t *testing.T) {
	a := fixture(t)
	store := &counting{Reader: a.store}
	limits := testLimits
	limits.MaxDBQueries = 5
	h := &api{store: a.store, handler: graph.NewHandler(store, limits, quietLogger())}
	res := h.post(t, aliases(12, `agendas { id }`), nil)
	if n := store.calls.Load(); n != 5 {
		t.Errorf("%d database calls, want the budget of 5", n)
	}
	if len(res.Errors) != 7 {
		t.Fatalf("%d errors, want 7 (one per alias over the budget): %v", len(res.Errors), res.Errors)
	}
	for _, e := range res.Errors {
		if e.Extensions["code"] != "BAD_USER_INPUT" || e.Extensions["limit"] != "queries" || !strings.Contains(e.Message, graph.EnvMaxDBQueries) {
			t.Errorf("error %+v: want BAD_USER_INPUT, limit queries, naming %s", e, graph.EnvMaxDBQueries)
		}
	}
	// The budget is per request: the next one starts afresh.
	store.calls.Store(0)
	if res := h.post(t, aliases(5, `agendas { id }`), nil); len(res.Errors) != 0 || store.calls.Load() != 5 {
		t.Errorf("a request within the budget: %d calls, errors %v", store.calls.Load(), res.Errors)
	}
}

// BenchmarkAliasBomb sends 2,000 aliases of neighborhood(depth: 3) to the
// handler over the test server and reports the database calls they made.
// docs/operations.md has the figures before and after the operation cost.
func BenchmarkAliasBomb(b *testing.B) {
	a := newAPI(b, policytest.Dataset(4), testLimits)
	store := &counting{Reader: a.store}
	limits := testLimits
	limits.MaxBodyBytes = 1 << 20
	limits.MaxTokens = 1 << 20
	h := graph.NewHandler(store, limits, quietLogger())
	body := fmt.Sprintf(`{"query": %q}`, aliases(2000, `neighborhood(id: "POC", depth: 3) { truncated }`))
	for b.Loop() {
		h.ServeHTTP(&recorder{header: http.Header{}}, postRequest(body))
	}
	b.ReportMetric(float64(store.calls.Load())/float64(b.N), "dbcalls/op")
}

// TestFailedLevelReportedOnce: when the load of one level fails (here the
// clauses of every mandate, past the query budget), the response has one
// error for that field of the query, not one per mandate; errors of other
// fields (aliases) are still each reported.
func TestFailedLevelReportedOnce(t *testing.T) {
	a := fixture(t)
	limits := testLimits
	limits.MaxDBQueries = 2
	// Level by level: a tree read would serve mandates and clauses in one
	// query, within the budget.
	h := &api{store: a.store, handler: graph.NewHandler(levelByLevel{a.store}, limits, quietLogger())}
	query := `{ missions(first: 50) { edges { node { id mandates { id clauses { id } } } } } }`
	var data struct {
		Missions struct {
			Edges []struct {
				Node struct {
					Mandates []any `json:"mandates"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"missions"`
	}
	a.post(t, query, nil).decode(t, &data) // within the default budget
	mandates := 0
	for _, e := range data.Missions.Edges {
		mandates += len(e.Node.Mandates)
	}
	if mandates < 4 {
		t.Fatalf("%d mandates; the test needs several parents of the failed level", mandates)
	}
	res := h.post(t, query, nil)
	if len(res.Errors) != 1 {
		t.Fatalf("%d errors for one failed level over %d mandates, want 1: %v", len(res.Errors), mandates, res.Errors)
	}
	if e := res.Errors[0]; e.Extensions["limit"] != "queries" || len(e.Path) != 7 || e.Path[6] != "clauses" {
		t.Errorf("error %+v: want the query budget's, at a clauses path", e)
	}

	// Two aliases of the failed field are two fields of the query.
	res = h.post(t, `{ missions(first: 5) { edges { node { mandates { a: clauses { id } b: clauses { id } } } } } }`, nil)
	if len(res.Errors) != 2 {
		t.Errorf("%d errors for two failed aliases, want 2: %v", len(res.Errors), res.Errors)
	}
}
