package graph

// One translation point for errors: every error a response carries passes
// through presentError, which gives it an extensions.code and a message
// that leaks nothing (no Cypher, no driver detail, no stack), and logs the
// details of server-side failures.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/mandategraph/mandategraph/policy"
)

// CodePersistedQueryNotFound is kept as is: APQ clients (Apollo) look for it.
const CodePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"

// errorPresenter returns gqlgen's error presenter for the API.
func errorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		return presentError(ctx, err, logger)
	}
}

// fieldErrors is the set of execution errors a request has reported, by
// field path with the list indices left out (see errorKey).
type fieldErrors struct {
	mu   sync.Mutex
	seen map[string]bool
}

type fieldErrorsKey struct{}

// withFieldErrors makes the execution errors of the request under ctx
// reported once per field path: when one batch load fails, every object
// of its level gets the same error, and it is one failure, not one per
// parent object (773,000 log lines for one request at scale). Only errors
// with a path are merged; validation and request errors have none and
// are all reported.
func withFieldErrors(ctx context.Context) context.Context {
	return context.WithValue(ctx, fieldErrorsKey{}, &fieldErrors{seen: map[string]bool{}})
}

// errorKey is the path of err with its list indices left out, and its code
// and message: ["missions", 3, "mandates", 0, "clauses"] and ["missions",
// 7, "mandates", 2, "clauses"] are one field of the query.
func errorKey(e *gqlerror.Error) string {
	var b strings.Builder
	for _, p := range e.Path {
		if name, ok := p.(ast.PathName); ok {
			b.WriteString(string(name))
			b.WriteByte('.')
		}
	}
	code, _ := e.Extensions["code"].(string)
	return b.String() + "\x00" + code + "\x00" + e.Message
}

// repeated says whether the request has already reported an execution
// error like e (same field path, code and message), and records e.
func repeated(ctx context.Context, e *gqlerror.Error) bool {
	set, _ := ctx.Value(fieldErrorsKey{}).(*fieldErrors)
	if set == nil || len(e.Path) == 0 {
		return false
	}
	k := errorKey(e)
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.seen[k] {
		return true
	}
	set.seen[k] = true
	return false
}

// presentError presents err, or returns nil (gqlgen then drops it) for an
// execution error the request has already reported at the same field path.
func presentError(ctx context.Context, err error, logger *slog.Logger) *gqlerror.Error {
	out, log := translateError(ctx, err, logger)
	if repeated(ctx, out) {
		return nil
	}
	if log != nil {
		log()
	}
	return out
}

// translateError gives err its code and a message that leaks nothing, and
// returns what logs it when it is a server-side failure (else nil).
func translateError(ctx context.Context, err error, logger *slog.Logger) (out *gqlerror.Error, log func()) {
	var gqlErr *gqlerror.Error
	isGQL := errors.As(err, &gqlErr)
	out = &gqlerror.Error{}
	if isGQL {
		out.Path, out.Locations, out.Rule = gqlErr.Path, gqlErr.Locations, gqlErr.Rule
		for k, v := range gqlErr.Extensions {
			if out.Extensions == nil {
				out.Extensions = map[string]any{}
			}
			out.Extensions[k] = v
		}
	} else if fc := graphql.GetFieldContext(ctx); fc != nil {
		out.Path = fc.Path()
	}
	setCode := func(code string) {
		if out.Extensions == nil {
			out.Extensions = map[string]any{}
		}
		out.Extensions["code"] = code
	}

	var perr *policy.Error
	switch {
	case errors.As(err, &perr):
		// A domain error: its message is written for API clients.
		out.Message = perr.Message
		setCode(perr.Code)
		if perr.Code == policy.EINTERNAL || perr.Code == policy.EUNAVAILABLE {
			log = func() {
				logger.ErrorContext(ctx, "graphql: request failed", "code", perr.Code, "path", out.Path.String(), "err", err)
			}
		}
	case isGQL && gqlErr.Err == nil:
		// An error gqlgen or gqlparser made (parse, validation, limits,
		// APQ): its message is about the request, not our internals.
		out.Message = gqlErr.Message
		code, _ := gqlErr.Extensions["code"].(string)
		switch code {
		case policy.EINVALID, policy.ENOTFOUND, policy.EUNAVAILABLE, policy.EINTERNAL, CodePersistedQueryNotFound:
		case errcode.ParseFailed, errcode.ValidationFailed, "COMPLEXITY_LIMIT_EXCEEDED":
			if code == "COMPLEXITY_LIMIT_EXCEEDED" {
				out.Extensions["limit"] = "complexity"
			}
			setCode(policy.EINVALID)
		default:
			if len(out.Path) == 0 {
				setCode(policy.EINVALID) // a request-level error
			} else {
				setCode(policy.EINTERNAL) // e.g. a non-null field resolved to null
				log = func() {
					logger.ErrorContext(ctx, "graphql: field failed", "path", out.Path.String(), "err", gqlErr.Message)
				}
			}
		}
	default:
		// Anything else is a bug or an unexpected driver error: log it,
		// show nothing of it.
		out.Message = policy.ErrorMessage(err)
		setCode(policy.EINTERNAL)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			out.Message = "the request was cancelled or timed out"
			setCode(policy.EUNAVAILABLE)
		}
		log = func() {
			logger.ErrorContext(ctx, "graphql: request failed", "code", out.Extensions["code"], "path", out.Path.String(), "err", err)
		}
	}
	return out, log
}

// recoverFunc turns a panic in a resolver into an INTERNAL error, logging
// the stack instead of returning it.
func recoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql: panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return policy.Errorf(policy.EINTERNAL, "internal error")
	}
}
