package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// TestQueryCacheIsBoundedByBytes: distinct large queries are not kept, and
// many small ones never hold more than the bound.
func TestQueryCacheIsBoundedByBytes(t *testing.T) {
	ctx := context.Background()
	c := newQueryCache(1000)
	doc := &ast.QueryDocument{}
	for i := range 30 {
		c.Add(ctx, fmt.Sprintf("%d%s", i, strings.Repeat("x", 200)), doc)
	}
	if n, bytes := c.size(); n != 0 || bytes != 0 {
		t.Errorf("30 queries over a tenth of the bound: %d cached (%d bytes), want none", n, bytes)
	}
	for i := range 500 {
		c.Add(ctx, fmt.Sprintf("{ q%04d }", i), doc) // 9 bytes each
	}
	if n, bytes := c.size(); bytes > 1000 || n != 111 {
		t.Errorf("500 small queries: %d cached (%d bytes), want 111 within 1000", n, bytes)
	}
	if _, ok := c.Get(ctx, "{ q0499 }"); !ok {
		t.Error("the most recent query was evicted")
	}
	if _, ok := c.Get(ctx, "{ q0000 }"); ok {
		t.Error("the oldest query was kept")
	}
}
