package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
	"github.com/mandategraph/mandategraph/policy"
	"github.com/mandategraph/mandategraph/policy/policytest"
)

// testLimits are small enough to hit in tests.
var testLimits = graph.Limits{MaxDepth: 12, MaxComplexity: 5000, MaxPageSize: 50, ListFanOut: 8, Introspection: true, MaxBodyBytes: 64 << 10}

// unweightedLists are testLimits with unpaginated lists counted once, for
// tests of depth and round trips whose deep list chains the fan-out weight
// (listcost_test.go) would reject.
var unweightedLists = func() graph.Limits { l := testLimits; l.ListFanOut = 1; return l }()

// api is the GraphQL handler over a store holding a loaded dataset.
type api struct {
	store   *neo4jdb.Store
	handler http.Handler
}

// newAPI loads ds into the test server and returns the handler over it.
func newAPI(t testing.TB, ds *policy.Dataset, limits graph.Limits) *api {
	t.Helper()
	store := neo4jtest.Open(t)
	if _, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{}); err != nil {
		t.Fatalf("load: %v", err)
	}
	return &api{store: store, handler: graph.NewHandler(store, limits, quietLogger())}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// fixture is policytest.Dataset(4) behind the test limits.
func fixture(t *testing.T) *api { return newAPI(t, policytest.Dataset(4), testLimits) }

// gqlError is one entry of a response's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// response is a decoded GraphQL response with its HTTP status and type.
type response struct {
	Status      int
	ContentType string
	Header      http.Header
	Data        json.RawMessage `json:"data"`
	Errors      []gqlError      `json:"errors"`
	Body        string
}

// codes returns the extensions.code of every error.
func (r response) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// data decodes the data into v, failing the test on errors.
func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode data %s: %v", r.Data, err)
	}
}

// serve sends req to the handler and decodes the response.
func (a *api) serve(t *testing.T, req *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	a.handler.ServeHTTP(rec, req)
	res := response{Status: rec.Code, ContentType: rec.Header().Get("Content-Type"), Header: rec.Header(), Body: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatalf("response is not JSON (%d): %s", rec.Code, rec.Body.String())
	}
	return res
}

// post sends a query with variables as a spec-conforming POST.
func (a *api) post(t *testing.T, query string, vars map[string]any) response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return a.serve(t, postRequest(string(body)))
}

func postRequest(body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", graph.MediaGraphQLResponse)
	return req
}

// query posts a query and decodes its data into v, failing on errors.
func (a *api) query(t *testing.T, query string, vars map[string]any, v any) {
	t.Helper()
	a.post(t, query, vars).decode(t, v)
}

// jsonEqual compares got with the JSON text want, ignoring formatting.
func jsonEqual(t *testing.T, got json.RawMessage, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got is not JSON: %s", got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want is not JSON: %v\n%s", err, want)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(gb, wb) {
		t.Errorf("data mismatch\n got: %s\nwant: %s", gb, wb)
	}
}
