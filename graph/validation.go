package graph

import (
	"fmt"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/mandategraph/mandategraph/policy"
)

// Bounds on the work of parsing and validating one query, before any limit
// that needs a valid document (depth, complexity) can run.
//
// Tokens: the parser stops at Limits.MaxTokens, so 50,000 spreads of one
// fragment or 5,000 identical fields (9.5 to 20.8 s of validation before)
// are a parse error at once; every field, alias and spread is at least
// one token, so this bounds them all.
//
// Errors: validation stops at MaxValidationErrors. 3,000 same-name fields
// with different arguments made the overlap rule report every pair (1.03
// GB of errors); now the first error past the cap ends the walk.

// MaxValidationErrors is the number of validation errors a response lists.
const MaxValidationErrors = 100

// errTooManyErrors is the panic that stops gqlparser's walk at the cap;
// Handler.createOperation recovers it (the walk has no way to stop).
type errTooManyErrors struct{ first gqlerror.List }

// cappedRules returns gqlparser's default rules, each reporting through a
// counter that stops validation once MaxValidationErrors are reported. It
// is called once per validation, so each query counts from zero.
func cappedRules() *rules.Rules {
	inner := rules.NewDefaultRules()
	out := &rules.Rules{}
	var first gqlerror.List
	for name, f := range inner.GetInner() {
		out.AddRule(name, func(observers *core.Events, addError core.AddErrFunc) {
			f(observers, func(options ...core.ErrorOption) {
				if len(first) == MaxValidationErrors {
					panic(errTooManyErrors{first})
				}
				// What gqlparser's validator makes of options, kept here
				// because the panic loses its list.
				err := &gqlerror.Error{Rule: name}
				for _, o := range options {
					o(err)
				}
				errcode.Set(err, errcode.ValidationFailed)
				first = append(first, err)
				addError(options...)
			})
		})
	}
	return out
}

// tooManyErrors is the response to a query validation stopped: the first
// MaxValidationErrors errors and one saying validation stopped.
func (e errTooManyErrors) errors() gqlerror.List {
	return append(e.first, &gqlerror.Error{Message: fmt.Sprintf("the query has more than %d validation errors; validation stopped there (fix the first ones and resend)", MaxValidationErrors),
		Extensions: map[string]any{"code": policy.EINVALID, "limit": "errors"}})
}
