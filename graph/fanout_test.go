package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/neo4jdb"
)

// fanOutQuery is fragment F_k on Query { ...F_k-1 ...F_k-1 } for k levels:
// a request of a few hundred bytes that expands to 2^levels fields.
func fanOutQuery(levels int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{ ...F%d }\nfragment F0 on Query { agendas { id } }\n", levels)
	for k := 1; k <= levels; k++ {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", k, k-1, k-1)
	}
	return b.String()
}

// TestFragmentFanOutIsRejected: the expanded field count is bounded before
// gqlgen's complexity walk (which follows every spread) runs; at 60 levels
// that walk never finished before.
func TestFragmentFanOutIsRejected(t *testing.T) {
	a := fixture(t)
	for _, levels := range []int{13, 22, 60} {
		res := a.post(t, fanOutQuery(levels), nil)
		if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
			res.Errors[0].Extensions["limit"] != "fields" {
			t.Errorf("%d levels: status %d errors %+v", levels, res.Status, res.Errors)
		}
	}
	// Under the bound the same shape runs: 2^5 spreads of one field.
	res := a.post(t, fanOutQuery(5), nil)
	if res.Status != http.StatusOK || len(res.Errors) != 0 || !strings.Contains(string(res.Data), `"agendas"`) {
		t.Errorf("5 levels: status %d errors %+v", res.Status, res.Errors)
	}
}

// BenchmarkFragmentFanOut times the rejection of a 22-level fan-out (no
// database work happens: the handler's store points at a closed port).
// docs/operations.md has the figures before and after the bound.
func BenchmarkFragmentFanOut(b *testing.B) {
	store, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "x"})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close(context.Background())
	h := graph.NewHandler(store, graph.DefaultLimits, quietLogger())
	q := fanOutQuery(22)
	for b.Loop() {
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, postRequest(fmt.Sprintf(`{"query": %q}`, q)))
	}
}

type recorder struct {
	header http.Header
	status int
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(p []byte) (int, error) { return len(p), nil }
func (r *recorder) WriteHeader(s int)           { r.status = s }
