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

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
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

func presentError(ctx context.Context, err error, logger *slog.Logger) *gqlerror.Error {
	var gqlErr *gqlerror.Error
	isGQL := errors.As(err, &gqlErr)
	out := &gqlerror.Error{}
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
			logger.ErrorContext(ctx, "graphql: request failed", "code", perr.Code, "path", out.Path.String(), "err", err)
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
				logger.ErrorContext(ctx, "graphql: field failed", "path", out.Path.String(), "err", gqlErr.Message)
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
		logger.ErrorContext(ctx, "graphql: request failed", "code", out.Extensions["code"], "path", out.Path.String(), "err", err)
	}
	return out
}

// recoverFunc turns a panic in a resolver into an INTERNAL error, logging
// the stack instead of returning it.
func recoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql: panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return policy.Errorf(policy.EINTERNAL, "internal error")
	}
}
