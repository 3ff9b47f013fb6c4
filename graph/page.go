package graph

// Relay-style pagination over offsets. A cursor is the opaque base64 of
// "offset:N", the position of an item in its list's stable order; `after`
// starts the page at the item following it.

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

// DefaultPageSize is the page size when `first` is absent (capped at the
// configured maximum).
const DefaultPageSize = 20

const cursorPrefix = "offset:"

// maxCursorOffset bounds the offset a cursor may carry: no list is that
// long, and Neo4j's SKIP and LIMIT take 32-bit integers (a forged cursor
// at 2^31-2 was an INTERNAL error).
const maxCursorOffset = 1 << 30

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	bad := policy.Errorf(policy.EINVALID, "invalid cursor %q: use a cursor this API returned", c)
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, bad
	}
	s, ok := strings.CutPrefix(string(b), cursorPrefix)
	if !ok {
		return 0, bad
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxCursorOffset || strconv.Itoa(n) != s {
		return 0, bad
	}
	return n, nil
}

// pageSize returns first, or the default, capped by the limits; first
// above the maximum or below zero is BAD_USER_INPUT.
func (l Limits) pageSize(first *int) (int, error) {
	if first == nil {
		return min(DefaultPageSize, l.MaxPageSize), nil
	}
	switch {
	case *first < 0:
		return 0, policy.Errorf(policy.EINVALID, "first must not be negative, got %d", *first)
	case *first > l.MaxPageSize:
		return 0, policy.Errorf(policy.EINVALID, "first must be at most %d (GRAPHQL_MAX_PAGE_SIZE), got %d", l.MaxPageSize, *first)
	}
	return *first, nil
}

// page turns connection arguments into a page request.
func (l Limits) page(first *int, after *string) (policy.PageRequest, error) {
	n, err := l.pageSize(first)
	if err != nil {
		return policy.PageRequest{}, err
	}
	offset := 0
	if after != nil {
		c, err := decodeCursor(*after)
		if err != nil {
			return policy.PageRequest{}, err
		}
		offset = c + 1
	}
	return policy.PageRequest{Offset: offset, Limit: n}, nil
}

// withoutTotal marks req as not needing its list's total when the
// connection field being resolved under ctx does not select totalCount.
func withoutTotal(ctx context.Context, req policy.PageRequest) policy.PageRequest {
	if graphql.GetFieldContext(ctx) == nil {
		return req
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			return req
		}
	}
	req.SkipTotal = true
	return req
}

// connection builds a connection of type C, whose edges are of type E,
// from one page; node makes each item's node. Every XConnection and XEdge
// type gqlgen generates has these fields (a changed shape fails to compile
// here, not at run time).
func connection[C ~struct {
	Edges      []*E            `json:"edges"`
	PageInfo   *model.PageInfo `json:"pageInfo"`
	TotalCount int             `json:"totalCount"`
}, E ~struct {
	Cursor string `json:"cursor"`
	Node   N      `json:"node"`
}, T, N any](page policy.Page[T], req policy.PageRequest, node func(T) N) *C {
	out := make([]*E, 0, len(page.Items))
	info := &model.PageInfo{
		HasPreviousPage: req.Offset > 0,
		HasNextPage:     req.Offset+len(page.Items) < page.Total,
	}
	for i, it := range page.Items {
		c := encodeCursor(req.Offset + i)
		if i == 0 {
			info.StartCursor = &c
		}
		if i == len(page.Items)-1 {
			info.EndCursor = &c
		}
		out = append(out, &E{Cursor: c, Node: node(it)})
	}
	return &C{Edges: out, PageInfo: info, TotalCount: page.Total}
}

// clauseConnection builds a ClauseConnection whose clauses form one batch.
func clauseConnection(page policy.Page[policy.Clause], req policy.PageRequest, b *model.Batch) *model.ClauseConnection {
	return connection[model.ClauseConnection, model.ClauseEdge](page, req, func(c policy.Clause) *model.Clause { return model.NewClause(b, c) })
}
