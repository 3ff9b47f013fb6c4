package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/mandategraph/mandategraph/policy"
)

func TestPresentError(t *testing.T) {
	secret := errors.New("Neo.ClientError.Statement.SyntaxError: MATCH (n:Mission) RETURN n")
	tests := []struct {
		name    string
		err     error
		code    string
		message string
		logged  bool
	}{
		{"driver error", fmt.Errorf("find missions: %w", secret), "INTERNAL", "internal error", true},
		{"wrapped in gqlerror", &gqlerror.Error{Message: secret.Error(), Err: secret}, "INTERNAL", "internal error", true},
		{"domain not found", policy.Errorf(policy.ENOTFOUND, "no mission with id %q", "X"), "NOT_FOUND", `no mission with id "X"`, false},
		{"domain invalid", fmt.Errorf("ctx: %w", policy.Errorf(policy.EINVALID, "bad")), "BAD_USER_INPUT", "bad", false},
		{"unavailable", &policy.Error{Code: policy.EUNAVAILABLE, Message: "the graph database is unavailable; try again shortly", Err: secret},
			"UNAVAILABLE", "the graph database is unavailable; try again shortly", true},
		{"timeout", fmt.Errorf("read: %w", context.DeadlineExceeded), "UNAVAILABLE", "the request was cancelled or timed out", true},
		{"validation", &gqlerror.Error{Message: "Cannot query field", Extensions: map[string]any{"code": "GRAPHQL_VALIDATION_FAILED"}},
			"BAD_USER_INPUT", "Cannot query field", false},
		{"apq", &gqlerror.Error{Message: "PersistedQueryNotFound", Extensions: map[string]any{"code": "PERSISTED_QUERY_NOT_FOUND"}},
			"PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound", false},
		{"gqlgen field error", &gqlerror.Error{Message: "must not be null", Path: ast.Path{ast.PathName("mission")}},
			"INTERNAL", "must not be null", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log bytes.Buffer
			got := presentError(context.Background(), tt.err, slog.New(slog.NewTextHandler(&log, nil)))
			if got.Extensions["code"] != tt.code || got.Message != tt.message {
				t.Errorf("got %q %v, want %q %s", got.Message, got.Extensions["code"], tt.message, tt.code)
			}
			if strings.Contains(got.Message, "MATCH") {
				t.Errorf("message leaks Cypher: %q", got.Message)
			}
			if tt.logged != (log.Len() > 0) {
				t.Errorf("logged = %q, want logged %v", log.String(), tt.logged)
			}
			if tt.logged && tt.err != nil && strings.Contains(tt.err.Error(), "MATCH") && !strings.Contains(log.String(), "MATCH") {
				t.Errorf("log lacks the internal detail: %s", log.String())
			}
		})
	}
}

func TestRecoverFunc(t *testing.T) {
	var log bytes.Buffer
	err := recoverFunc(slog.New(slog.NewTextHandler(&log, nil)))(context.Background(), "boom")
	if policy.ErrorCode(err) != policy.EINTERNAL || policy.ErrorMessage(err) != "internal error" {
		t.Errorf("err = %v", err)
	}
	if !strings.Contains(log.String(), "boom") || !strings.Contains(log.String(), "stack") {
		t.Errorf("log = %s", log.String())
	}
}

func TestCursors(t *testing.T) {
	for _, n := range []int{0, 1, 99} {
		got, err := decodeCursor(encodeCursor(n))
		if err != nil || got != n {
			t.Errorf("round trip of %d = %d, %v", n, got, err)
		}
	}
	for _, c := range []string{"", "!!", "b2Zmc2V0Oi0x" /* offset:-1 */, "b2Zmc2V0OjAx" /* offset:01 */, "eDox" /* x:1 */} {
		if _, err := decodeCursor(c); policy.ErrorCode(err) != policy.EINVALID {
			t.Errorf("decodeCursor(%q) err = %v, want BAD_USER_INPUT", c, err)
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := map[string]string{
		"":                                  MediaJSON,
		"application/json":                  MediaJSON,
		"*/*":                               MediaJSON,
		"application/graphql-response+json": MediaGraphQLResponse,
		"application/json, application/graphql-response+json;q=0.5": MediaGraphQLResponse,
		"application/graphql-response+json;q=0":                     MediaJSON,
		"text/html":                                                 MediaJSON,
	}
	for accept, want := range tests {
		if got := negotiate(accept); got != want {
			t.Errorf("negotiate(%q) = %s, want %s", accept, got, want)
		}
	}
}

// TestFieldErrorsOnce: in one request, an execution error at a field path
// already reported (list indices aside) is dropped and not logged again;
// the same error at another field, errors without a path (validation) and
// errors of another request are all kept.
func TestFieldErrorsOnce(t *testing.T) {
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	failure := errors.New("connection reset")
	at := func(path ...any) error {
		var p ast.Path
		for _, x := range path {
			switch v := x.(type) {
			case string:
				p = append(p, ast.PathName(v))
			case int:
				p = append(p, ast.PathIndex(v))
			}
		}
		return &gqlerror.Error{Message: failure.Error(), Err: failure, Path: p}
	}
	ctx := withFieldErrors(context.Background())
	kept := 0
	for i := range 50 {
		if presentError(ctx, at("missions", i, "mandates", i%3, "clauses"), logger) != nil {
			kept++
		}
	}
	if kept != 1 || strings.Count(log.String(), "request failed") != 1 {
		t.Errorf("50 failures of one field: %d kept, %d logged; want 1 and 1", kept, strings.Count(log.String(), "request failed"))
	}
	if presentError(ctx, at("missions", 0, "mandates", 0, "cites"), logger) == nil {
		t.Error("the same failure at another field was dropped")
	}
	invalid := &gqlerror.Error{Message: "Cannot query field \"x\"", Extensions: map[string]any{"code": "GRAPHQL_VALIDATION_FAILED"}}
	for range 3 {
		if presentError(ctx, invalid, logger) == nil {
			t.Error("a validation error (no path) was dropped")
		}
	}
	if presentError(withFieldErrors(context.Background()), at("missions", 0, "mandates", 0, "clauses"), logger) == nil {
		t.Error("another request's error was dropped")
	}
}
