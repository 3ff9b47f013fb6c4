package graph

// The GraphQL-over-HTTP transport of /graphql:
//
//   - POST with Content-Type application/json (anything else: 415), body
//     at most Limits.MaxBodyBytes (beyond: 413 with a BAD_USER_INPUT error);
//   - GET with query, operationName, variables and extensions in the URL,
//     for queries only: a mutation or subscription over GET is 405 with
//     Allow: POST (the operation type is read from the parsed document);
//   - other methods: 405 with Allow: GET, POST;
//   - the response is application/graphql-response+json when the Accept
//     header lists it, else application/json;
//   - a request that is not a well-formed GraphQL-over-HTTP request (bad
//     JSON, no query) is 400; a request error (GraphQL syntax, validation,
//     limits) is 400 with application/graphql-response+json and 200 with
//     application/json, as the spec says; a response with data is 200,
//     whatever its field errors; PERSISTED_QUERY_NOT_FOUND is 200 so APQ
//     clients retry with the full query;
//   - automatic persisted queries (sha256 hashes, an LRU of 1000 queries).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/mandategraph/mandategraph/policy"
)

// Media types of the transport.
const (
	MediaGraphQLResponse = "application/graphql-response+json"
	MediaJSON            = "application/json"
)

// APQCacheSize is the number of persisted queries the server remembers.
const APQCacheSize = 1000

// Handler serves GraphQL over HTTP.
type Handler struct {
	exec   *executor.Executor
	apq    *lru.LRU[string]
	limits Limits
	logger *slog.Logger
	// directAnswers counts the root fields answered by the direct writer
	// (direct.go).
	directAnswers atomic.Int64
}

// NewHandler returns the /graphql handler over store with the given limits.
func NewHandler(store Reader, limits Limits, logger *slog.Logger) *Handler {
	if limits.GraphOpCost <= 0 {
		limits.GraphOpCost = DefaultLimits.GraphOpCost
	}
	if limits.MaxTokens <= 0 {
		limits.MaxTokens = DefaultLimits.MaxTokens
	}
	if limits.MaxDBQueries <= 0 {
		limits.MaxDBQueries = DefaultLimits.MaxDBQueries
	}
	if limits.MaxResultObjects <= 0 {
		limits.MaxResultObjects = DefaultLimits.MaxResultObjects
	}
	if limits.MaxConcurrentTrees <= 0 {
		limits.MaxConcurrentTrees = DefaultLimits.MaxConcurrentTrees
	}
	res := &Resolver{Store: budgeted{store}, Limits: limits, treeSlots: make(slots, limits.MaxConcurrentTrees)}
	if tr, ok := store.(TreeReader); ok {
		res.Trees = budgetedTrees{tr}
	}
	if nr, ok := store.(RelationNeighbourReader); ok {
		res.Neighbours = budgetedNeighbours{nr}
	}
	cfg := Config{Resolvers: res}
	setComplexity(&cfg.Complexity, limits)
	setListComplexity(&cfg.Complexity, limits)
	setOperationComplexity(&cfg.Complexity, limits)
	schema := NewExecutableSchema(cfg)
	exec := executor.New(schema)
	exec.SetErrorPresenter(errorPresenter(logger))
	exec.SetRecoverFunc(recoverFunc(logger))
	exec.SetQueryCache(newQueryCache(DefaultQueryCacheBytes))
	exec.SetParserTokenLimit(limits.MaxTokens)
	exec.SetDefaultRulesFn(cappedRules)
	apq := lru.New[string](APQCacheSize)
	exec.Use(extension.AutomaticPersistedQuery{Cache: apq})
	if limits.Introspection {
		exec.Use(extension.Introspection{})
	}
	exec.Use(operationLimits{limits})
	exec.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	h := &Handler{exec: exec, apq: apq, limits: limits, logger: logger}
	exec.AroundRootFields(directAnswers(res, schema.(*executableSchema), &h.directAnswers))
	return h
}

// setComplexity weights the fields whose size an argument sets: a page of
// `first` items costs `first` times its items.
func setComplexity(c *ComplexityRoot, l Limits) {
	size := func(first *int) int {
		n, err := l.pageSize(first)
		if err != nil {
			return 1 // the resolver reports the error
		}
		return max(n, 1)
	}
	c.Query.Missions = func(child int, _ *policy.MissionFilter, first *int, _ *string) int { return 1 + child*size(first) }
	c.Query.Clauses = func(child int, _ *policy.ClauseFilter, first *int, _ *string) int { return 1 + child*size(first) }
	c.Query.Documents = func(child int, _ *policy.DocumentFilter, first *int, _ *string) int { return 1 + child*size(first) }
	c.Query.Relations = func(child int, _ *policy.RelationFilter, first *int, _ *string) int { return 1 + child*size(first) }
	c.Query.Search = func(child int, _ string, first *int) int { return 1 + child*size(first) }
	c.Agenda.Clauses = func(child int, _ *string, first *int, _ *string) int { return 1 + child*size(first) }
}

type requestError struct {
	status  int
	message string
	allow   string
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	media := negotiate(r.Header.Get("Accept"))
	params, rerr := h.readParams(w, r)
	if rerr != nil {
		if rerr.allow != "" {
			w.Header().Set("Allow", rerr.allow)
		}
		h.write(w, media, rerr.status, &graphql.Response{Errors: gqlerror.List{{
			Message: rerr.message, Extensions: map[string]any{"code": policy.EINVALID}}}})
		return
	}

	ctx := graphql.StartOperationTrace(withBudget(r.Context(), h.limits.MaxDBQueries, h.limits.MaxResultObjects))
	opCtx, errs := h.createOperation(ctx, params)
	if errs != nil {
		status := http.StatusOK
		if media == MediaGraphQLResponse && !persistedQueryNotFound(errs) {
			status = http.StatusBadRequest
		}
		h.write(w, media, status, h.exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs))
		return
	}
	if opCtx.Operation.Operation != ast.Query {
		// Unreachable while the schema has queries only; kept so a future
		// mutation is never run over GET.
		if r.Method == http.MethodGet {
			w.Header().Set("Allow", http.MethodPost)
			h.write(w, media, http.StatusMethodNotAllowed, &graphql.Response{Errors: gqlerror.List{{
				Message: "GET runs queries only; send mutations with POST", Extensions: map[string]any{"code": policy.EINVALID}}}})
			return
		}
	}
	ctx, parts := withDirectParts(ctx)
	responses, ctx := h.exec.DispatchOperation(withFieldErrors(ctx), opCtx)
	h.writeResponse(w, media, http.StatusOK, responses(ctx), parts)
}

// createOperation parses and validates the request, stopping validation
// at MaxValidationErrors (validation.go).
func (h *Handler) createOperation(ctx context.Context, params *graphql.RawParams) (opCtx *graphql.OperationContext, errs gqlerror.List) {
	defer func() {
		if p := recover(); p != nil {
			stop, ok := p.(errTooManyErrors)
			if !ok {
				panic(p)
			}
			opCtx, errs = &graphql.OperationContext{RawQuery: params.Query}, stop.errors()
		}
	}()
	return h.exec.CreateOperationContext(ctx, params)
}

// readParams reads the GraphQL request from r, or says why it is not one.
func (h *Handler) readParams(w http.ResponseWriter, r *http.Request) (*graphql.RawParams, *requestError) {
	params := &graphql.RawParams{Headers: r.Header}
	params.ReadTime.Start = graphql.Now()
	defer func() { params.ReadTime.End = graphql.Now() }()
	switch r.Method {
	case http.MethodPost:
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != MediaJSON {
			return nil, &requestError{status: http.StatusUnsupportedMediaType,
				message: "send a POST body as Content-Type: application/json"}
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.limits.MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, &requestError{status: http.StatusRequestEntityTooLarge,
					message: "request body larger than " + strconv.FormatInt(h.limits.MaxBodyBytes, 10) + " bytes (" + EnvMaxBodyBytes + ")"}
			}
			return nil, &requestError{status: http.StatusBadRequest, message: "could not read the request body"}
		}
		var req struct {
			Query         string         `json:"query"`
			OperationName string         `json:"operationName"`
			Variables     map[string]any `json:"variables"`
			Extensions    map[string]any `json:"extensions"`
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if !utf8.Valid(body) {
			return nil, &requestError{status: http.StatusBadRequest, message: "the body is not valid UTF-8"}
		}
		if err := dec.Decode(&req); err != nil {
			return nil, &requestError{status: http.StatusBadRequest,
				message: "the body is not a JSON object {query, operationName, variables, extensions}"}
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, &requestError{status: http.StatusBadRequest, message: "the body has more after its JSON object; send one object"}
		}
		params.Query, params.OperationName, params.Variables, params.Extensions = req.Query, req.OperationName, req.Variables, req.Extensions
	case http.MethodGet:
		q := r.URL.Query()
		for _, vs := range q {
			for _, v := range vs {
				if !utf8.ValidString(v) {
					return nil, &requestError{status: http.StatusBadRequest, message: "the URL's parameters are not valid UTF-8"}
				}
			}
		}
		params.Query, params.OperationName = q.Get("query"), q.Get("operationName")
		for _, p := range []struct {
			key string
			dst *map[string]any
		}{{"variables", &params.Variables}, {"extensions", &params.Extensions}} {
			if s := q.Get(p.key); s != "" {
				dec := json.NewDecoder(strings.NewReader(s))
				dec.UseNumber()
				if err := dec.Decode(p.dst); err != nil {
					return nil, &requestError{status: http.StatusBadRequest, message: "the " + p.key + " parameter is not a JSON object"}
				}
			}
		}
		if h.isMutation(r.Context(), params) {
			return nil, &requestError{status: http.StatusMethodNotAllowed, allow: http.MethodPost,
				message: "GET runs queries only; send mutations with POST"}
		}
	default:
		return nil, &requestError{status: http.StatusMethodNotAllowed, allow: "GET, POST",
			message: "use GET or POST for GraphQL requests"}
	}
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		return nil, &requestError{status: http.StatusBadRequest, message: "the request has no query"}
	}
	return params, nil
}

// isMutation reports whether the operation a GET request selects is not a
// query. Unparsable documents are left for the executor to report.
func (h *Handler) isMutation(ctx context.Context, params *graphql.RawParams) bool {
	query := params.Query
	if query == "" {
		pq, _ := params.Extensions["persistedQuery"].(map[string]any)
		if hash, _ := pq["sha256Hash"].(string); hash != "" {
			query, _ = h.apq.Get(ctx, hash)
		}
	}
	if query == "" {
		return false
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return false
	}
	var op *ast.OperationDefinition
	if params.OperationName == "" && len(doc.Operations) == 1 {
		op = doc.Operations[0]
	} else {
		op = doc.Operations.ForName(params.OperationName)
	}
	return op != nil && op.Operation != ast.Query
}

func persistedQueryNotFound(errs gqlerror.List) bool {
	for _, e := range errs {
		if code, _ := e.Extensions["code"].(string); code == CodePersistedQueryNotFound {
			return true
		}
	}
	return false
}

func (h *Handler) write(w http.ResponseWriter, media string, status int, resp *graphql.Response) {
	h.writeResponse(w, media, status, resp, nil)
}

// writeResponse writes resp with the direct answers its data marks
// (directParts), each straight from its own buffer.
func (h *Handler) writeResponse(w http.ResponseWriter, media string, status int, resp *graphql.Response, parts *directParts) {
	b, err := encodeResponse(resp, parts)
	if err != nil {
		h.logger.Error("graphql: encode response", "err", err)
		status = http.StatusInternalServerError
		b = net.Buffers{[]byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)}
	}
	n := 0
	for _, p := range b {
		n += len(p)
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(status)
	for _, p := range b {
		if _, err := w.Write(p); err != nil {
			return // the client is gone
		}
	}
}

// encodeResponse returns resp as JSON in pieces to write in order: errors,
// data, extensions, in graphql.Response's order. data is written as the
// executor produced it (compact JSON, gqlgen's string escaping) with the
// direct answers it marks in their places, not re-encoded: encoding/json
// compacted and scanned a RawMessage again, 11 ms of the server's 84 ms of
// CPU per request on the benchmark's operation 2 (a 1.5 MB answer). A
// request error has no data entry at all.
func encodeResponse(resp *graphql.Response, parts *directParts) (net.Buffers, error) {
	data, err := parts.splice(resp.Data)
	if err != nil {
		return nil, err
	}
	if resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		// A part of an incremental (@defer) answer, encoded whole.
		if len(data) > 1 {
			resp.Data = bytes.Join(data, nil)
		}
		b, err := json.Marshal(resp)
		return net.Buffers{b}, err
	}
	var head, tail bytes.Buffer
	head.WriteByte('{')
	sep := ""
	if len(resp.Errors) > 0 || len(resp.Data) == 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			return nil, err
		}
		head.WriteString(`"errors":`)
		head.Write(errs)
		sep = ","
	}
	if len(resp.Data) == 0 {
		data = nil
	} else {
		head.WriteString(sep + `"data":`)
		sep = ","
	}
	if len(resp.Extensions) > 0 {
		ext, err := json.Marshal(resp.Extensions)
		if err != nil {
			return nil, err
		}
		tail.WriteString(sep + `"extensions":`)
		tail.Write(ext)
	}
	tail.WriteByte('}')
	return append(append(net.Buffers{head.Bytes()}, data...), tail.Bytes()), nil
}

// negotiate picks the response media type from an Accept header:
// application/graphql-response+json when the client lists it (with q > 0),
// application/json otherwise (including no Accept header, as the spec
// advises during its transition period).
func negotiate(accept string) string {
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil || mt != MediaGraphQLResponse {
			continue
		}
		if q, err := strconv.ParseFloat(params["q"], 64); params["q"] != "" && (err != nil || q <= 0) {
			continue
		}
		return MediaGraphQLResponse
	}
	return MediaJSON
}
