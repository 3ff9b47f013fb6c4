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

// conflicts is n fields named search with different arguments: every pair
// is a field-merge conflict (n² errors unbounded).
func conflicts(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, ` search(text: "x%d", first: 1) { score }`, i)
	}
	b.WriteString(" }")
	return b.String()
}

// TestValidationStopsAtTheErrorCap: 800 conflicting fields (319,600 pairs)
// get the first MaxValidationErrors errors and one saying validation
// stopped, not one error per pair.
func TestValidationStopsAtTheErrorCap(t *testing.T) {
	a := fixture(t)
	res := a.post(t, conflicts(800), nil)
	if res.Status != http.StatusBadRequest || len(res.Errors) != graph.MaxValidationErrors+1 {
		t.Fatalf("status %d, %d errors, want 400 and %d", res.Status, len(res.Errors), graph.MaxValidationErrors+1)
	}
	for _, e := range res.Errors {
		if e.Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("error %+v: want BAD_USER_INPUT", e)
		}
	}
	if last := res.Errors[len(res.Errors)-1]; last.Extensions["limit"] != "errors" || !strings.Contains(last.Message, "validation stopped") {
		t.Errorf("last error %+v: want the cap's", last)
	}
	// Under the cap every error is listed.
	if res := a.post(t, conflicts(5), nil); res.Status != http.StatusBadRequest || len(res.Errors) != 10 {
		t.Errorf("5 conflicting fields: status %d, %d errors, want 10 (one per pair)", res.Status, len(res.Errors))
	}
}

// TestTokenLimitComesBeforeValidation: queries of more than MaxTokens
// tokens (50,000 spreads of one fragment, 5,000 identical fields) are a
// parse error, never validated.
func TestTokenLimitComesBeforeValidation(t *testing.T) {
	a := fixture(t)
	limits := testLimits
	limits.MaxBodyBytes = graph.DefaultLimits.MaxBodyBytes
	h := &api{store: a.store, handler: graph.NewHandler(a.store, limits, quietLogger())}
	for _, tc := range []struct{ name, query string }{
		{"50,000 spreads", "{" + strings.Repeat(" ...F", 50_000) + " }\nfragment F on Query { agendas { id } }"},
		{"5,000 identical fields", "{" + strings.Repeat(" agendas { id }", 5_000) + " }"},
	} {
		res := h.post(t, tc.query, nil)
		if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
			!strings.Contains(res.Errors[0].Message, "token limit") {
			t.Errorf("%s: status %d errors %.300v", tc.name, res.Status, res.Errors)
		}
	}
}

// BenchmarkValidationBombs times the rejection of the validation
// bombs (no database work: the store points at a closed port).
// docs/operations.md has the figures before and after the bounds.
func BenchmarkValidationBombs(b *testing.B) {
	store, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "x"})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close(context.Background())
	limits := graph.DefaultLimits
	limits.MaxBodyBytes = 4 << 20
	h := graph.NewHandler(store, limits, quietLogger())
	for _, tc := range []struct{ name, query string }{
		{"conflicts-800", conflicts(800)},
		{"spreads-50000", "{" + strings.Repeat(" ...F", 50_000) + " }\nfragment F on Query { agendas { id } }"},
		{"fields-5000", "{" + strings.Repeat(" agendas { id }", 5_000) + " }"},
	} {
		body := fmt.Sprintf(`{"query": %q}`, tc.query)
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				h.ServeHTTP(&recorder{header: http.Header{}}, postRequest(body))
			}
		})
	}
}
