package graph_test

import (
	"bytes"
	"encoding/base64"
	"log/slog"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
)

// TestUserErrorsAreNotInternal: a forged cursor at the edge of Neo4j's
// integers and a search of more than 1,024 Lucene clauses were INTERNAL
// and logged as server errors; they are BAD_USER_INPUT, logged as nothing,
// and a long search text is not echoed back whole.
func TestUserErrorsAreNotInternal(t *testing.T) {
	a := fixture(t)
	var logs bytes.Buffer
	limits := testLimits
	limits.MaxBodyBytes = graph.DefaultLimits.MaxBodyBytes
	h := &api{store: a.store, handler: graph.NewHandler(a.store, limits, slog.New(slog.NewTextHandler(&logs, nil)))}
	cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	long := strings.Repeat("civilians ", 1100)
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"cursor 2^31-2", `query($c: String) { missions(after: $c) { totalCount } }`, map[string]any{"c": cursor("offset:2147483646")}},
		{"cursor 2^62", `query($c: String) { missions(after: $c) { totalCount } }`, map[string]any{"c": cursor("offset:4611686018427387904")}},
		{"1,100 search terms", `query($t: String!) { search(text: $t) { score } }`, map[string]any{"t": long}},
		{"900 KB invalid search", `query($t: String!) { search(text: $t) { score } }`, map[string]any{"t": strings.Repeat("x", 900_000) + " AND ("}},
		{"1,100 OR terms", `query($t: String!) { search(text: $t) { score } }`, map[string]any{"t": strings.Repeat("a OR ", 1100) + "b"}},
	} {
		res := h.post(t, tc.query, tc.vars)
		if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("%s: errors %.300v", tc.name, res.Errors)
			continue
		}
		if len(res.Errors[0].Message) > 300 {
			t.Errorf("%s: a %d-byte message echoes the input", tc.name, len(res.Errors[0].Message))
		}
	}
	if logs.Len() > 0 {
		t.Errorf("user errors were logged:\n%.2000s", logs.String())
	}
}
