package graph

import (
	"container/list"
	"context"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
)

// queryCache is the parsed-query cache, bounded by the bytes of the query
// texts it holds (a parsed document is some tens of times its text: about
// 20 MB for a 1 MB query), least recently used out first. A query longer
// than a tenth of the bound is not cached at all. gqlgen adds a document
// only once it passed validation; the bound keeps large ones (even those
// the complexity limit then rejects) from piling up: unbounded, 30 large
// distinct queries kept 575 MB.
type queryCache struct {
	mu    sync.Mutex
	max   int
	bytes int
	order *list.List // of *cached, most recent first
	byKey map[string]*list.Element
}

type cached struct {
	key string
	doc *ast.QueryDocument
}

// DefaultQueryCacheBytes bounds the query texts the cache holds.
const DefaultQueryCacheBytes = 1 << 20

func newQueryCache(maxBytes int) *queryCache {
	return &queryCache{max: maxBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *queryCache) Get(_ context.Context, key string) (*ast.QueryDocument, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cached).doc, true
}

func (c *queryCache) Add(_ context.Context, key string, doc *ast.QueryDocument) {
	if len(key) > c.max/10 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&cached{key, doc})
	c.bytes += len(key)
	for c.bytes > c.max {
		last := c.order.Back()
		old := c.order.Remove(last).(*cached)
		delete(c.byKey, old.key)
		c.bytes -= len(old.key)
	}
}

// size returns the number of queries and their bytes (for tests).
func (c *queryCache) size() (n, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byKey), c.bytes
}
