package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// TestErrorsAndLimits checks every request that must fail: what code its
// error carries, what the message says, and that nothing internal leaks.
func TestErrorsAndLimits(t *testing.T) {
	a := fixture(t)
	deep := func(levels int) string {
		// missions { edges { node { mandates { missions { mandates ... { id } } } } } }
		q, end := "missions { edges { node {", "} } }"
		for i := 3; i < levels-1; i++ {
			if i%2 == 1 {
				q += " mandates {"
			} else {
				q += " missions {"
			}
			end += " }"
		}
		return "{ " + q + " id " + end + " }"
	}
	tests := []struct {
		name    string
		query   string
		vars    map[string]any
		code    string
		status  int    // 0: 200
		message string // a substring of the first error's message
		limit   string // extensions.limit, when set
	}{
		{"timeline of an unknown mission", `{ mandateTimeline(mission: "NOPE") { added { id } } }`, nil, "NOT_FOUND", 0, `no mission with id "NOPE"`, ""},
		{"neighborhood of an unknown node", `{ neighborhood(id: "NOPE") { truncated } }`, nil, "NOT_FOUND", 0, `no node with id "NOPE"`, ""},
		{"path to an unknown node", `{ shortestPath(from: "POC", to: "NOPE") { truncated } }`, nil, "NOT_FOUND", 0, `"NOPE"`, ""},
		{"overlap of an unknown agenda", `{ agendaOverlap(agendas: ["POC", "NOPE"]) { since } }`, nil, "NOT_FOUND", 0, `no agenda with id "NOPE"`, ""},
		{"page too large", `{ missions(first: 51) { totalCount } }`, nil, "BAD_USER_INPUT", 0, "at most 50", ""},
		{"negative first", `{ documents(first: -1) { totalCount } }`, nil, "BAD_USER_INPUT", 0, "must not be negative", ""},
		{"garbage cursor", `{ relations(after: "garbage") { totalCount } }`, nil, "BAD_USER_INPUT", 0, "invalid cursor", ""},
		{"negative cursor", `{ clauses(after: "b2Zmc2V0Oi0z") { totalCount } }`, nil, "BAD_USER_INPUT", 0, "invalid cursor", ""},
		{"nested page too large", `{ agendas { clauses(first: 51) { totalCount } } }`, nil, "BAD_USER_INPUT", 0, "at most 50", ""},
		{"search too large", `{ search(text: "civilians", first: 51) { score } }`, nil, "BAD_USER_INPUT", 0, "at most 50", ""},
		{"search syntax", `{ search(text: "\"unbalanced") { score } }`, nil, "BAD_USER_INPUT", 0, "not a valid full-text query", ""},
		{"empty search", `{ search(text: "  ") { score } }`, nil, "BAD_USER_INPUT", 0, "must not be empty", ""},
		{"neighborhood too deep", `{ neighborhood(id: "POC", depth: 4) { truncated } }`, nil, "BAD_USER_INPUT", 0, "between 1 and 3", ""},
		{"neighborhood depth 0", `{ neighborhood(id: "POC", depth: 0) { truncated } }`, nil, "BAD_USER_INPUT", 0, "between 1 and 3", ""},
		{"too many hops", `{ shortestPath(from: "POC", to: "SSR", maxHops: 11) { truncated } }`, nil, "BAD_USER_INPUT", 0, "between 1 and 10", ""},
		{"graph limit too large", `{ graph(filter: {limit: 501}) { truncated } }`, nil, "BAD_USER_INPUT", 0, "between 1 and 500", ""},
		{"graph limit 0", `{ graph(filter: {limit: 0}) { truncated } }`, nil, "BAD_USER_INPUT", 0, "between 1 and 500", ""},
		{"three agendas", `{ relations(filter: {agendas: ["POC", "SSR", "DDR"]}) { totalCount } }`, nil, "BAD_USER_INPUT", 0, "one or two", ""},
		{"unknown mechanism", `{ relations(filter: {mechanism: "MAGIC"}) { totalCount } }`, nil, "BAD_USER_INPUT", 0, `unknown mechanism "MAGIC"`, ""},
		{"strength above 3", `{ relations(filter: {strength: 9}) { totalCount } }`, nil, "BAD_USER_INPUT", 0, "strength must be between 1 and 3, got 9", ""},
		{"strength 0", `{ relations(filter: {strength: 0}) { totalCount } }`, nil, "BAD_USER_INPUT", 0, "strength must be between 1 and 3, got 0", ""},
		{"minimum strength 0", `{ relations(filter: {minStrength: 0}) { totalCount } }`, nil, "BAD_USER_INPUT", 0, "minimum strength must be between 1 and 3, got 0", ""},
		{"strength 0 in a variable", `query($s: Int) { relations(filter: {strength: $s}) { totalCount } }`, map[string]any{"s": 0}, "BAD_USER_INPUT", 0, "got 0", ""},
		{"unknown node kind variable", `query($k: [NodeKind!]) { graph(filter: {nodeKinds: $k}) { truncated } }`, map[string]any{"k": []string{"Person"}}, "BAD_USER_INPUT", 400, "Person", ""},
		{"no agendas", `{ agendaOverlap(agendas: []) { since } }`, nil, "BAD_USER_INPUT", 0, "1 to 12", ""},
		{"bad date literal", `{ agendaOverlap(agendas: ["POC"], from: "yesterday") { since } }`, nil, "BAD_USER_INPUT", 0, "not a date", ""},
		{"bad date variable", `query($d: Date) { agendaOverlap(agendas: ["POC"], from: $d) { since } }`, map[string]any{"d": "2020-13-45"}, "BAD_USER_INPUT", 0, "not a date", ""},
		{"unknown enum", `{ relations(filter: {kind: FRIENDSHIP}) { totalCount } }`, nil, "BAD_USER_INPUT", 400, "FRIENDSHIP", ""},
		{"unknown field", `{ missions { nope } }`, nil, "BAD_USER_INPUT", 400, "Cannot query field", ""},
		{"missing variable", `query($id: ID!) { mission(id: $id) { id } }`, nil, "BAD_USER_INPUT", 400, "must be defined", ""},
		{"syntax error", `{ missions { `, nil, "BAD_USER_INPUT", 400, "Expected", ""},
		{"too deep", deep(13), nil, "BAD_USER_INPUT", 400, "depth 13, which exceeds the limit of 12", "depth"},
		{"too deep through fragments", `{ ...A } fragment A on Query { missions { ...B } } fragment B on MissionConnection { edges { node { mandates { missions { mandates {
			missions { mandates { missions { mandates { missions { mandates { id } } } } } } } } } } } }`, nil, "BAD_USER_INPUT", 400, "depth 13", "depth"},
		{"mutation", `mutation { doIt }`, nil, "BAD_USER_INPUT", 400, "mutation", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := a.post(t, tt.query, tt.vars)
			want := tt.status
			if want == 0 {
				want = http.StatusOK
			}
			if res.Status != want {
				t.Errorf("status = %d, want %d", res.Status, want)
			}
			if len(res.Errors) == 0 {
				t.Fatalf("no error; data %.300s", res.Data)
			}
			e := res.Errors[0]
			if code := e.Extensions["code"]; code != tt.code {
				t.Errorf("code = %v, want %s (error %q)", code, tt.code, e.Message)
			}
			if !strings.Contains(e.Message, tt.message) {
				t.Errorf("message %q lacks %q", e.Message, tt.message)
			}
			if tt.limit != "" && e.Extensions["limit"] != tt.limit {
				t.Errorf("extensions.limit = %v, want %s", e.Extensions["limit"], tt.limit)
			}
			for _, leak := range []string{"MATCH", "Neo4jError", "neo4j", "goroutine", ".go:"} {
				if strings.Contains(res.Body, leak) {
					t.Errorf("response leaks %q: %s", leak, res.Body)
				}
			}
		})
	}
	t.Run("depth at the limit passes", func(t *testing.T) {
		a := &api{store: a.store, handler: graph.NewHandler(a.store, unweightedLists, quietLogger())}
		if res := a.post(t, deep(12), nil); len(res.Errors) > 0 {
			t.Errorf("errors at depth 12: %+v", res.Errors)
		}
	})
	t.Run("partial data keeps the rest", func(t *testing.T) {
		res := a.post(t, `{ agendas { id } mission(id: "SYN01") { id } bad: missions(first: 99) { totalCount } }`, nil)
		if res.Status != http.StatusOK || len(res.Errors) != 1 || res.Errors[0].Path[0] != "bad" {
			t.Errorf("status %d errors %+v", res.Status, res.Errors)
		}
	})
}

func TestComplexityLimit(t *testing.T) {
	a := fixture(t)
	limits := testLimits
	limits.MaxComplexity = 100
	h := graph.NewHandler(a.store, limits, quietLogger())
	small := &api{store: a.store, handler: h}
	// 1 + 50 × (edges 1 + node 1 + id 1) = 151
	res := small.post(t, `{ missions(first: 50) { edges { node { id } } } }`, nil)
	if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
		res.Errors[0].Extensions["limit"] != "complexity" || !strings.Contains(res.Errors[0].Message, "complexity 151") {
		t.Errorf("status %d errors %+v", res.Status, res.Errors)
	}
	if res := small.post(t, `{ missions(first: 30) { edges { node { id } } } }`, nil); len(res.Errors) > 0 {
		t.Errorf("complexity 91 rejected: %+v", res.Errors)
	}
}

func TestIntrospectionSwitch(t *testing.T) {
	a := fixture(t)
	const q = `{ __schema { queryType { name } } }`
	res := a.post(t, q, nil)
	jsonEqual(t, res.Data, `{"__schema": {"queryType": {"name": "Query"}}}`)

	limits := testLimits
	limits.Introspection = false
	off := &api{store: a.store, handler: graph.NewHandler(a.store, limits, quietLogger())}
	for _, q := range []string{q, `{ __type(name: "Mission") { name } }`, `{ ...F } fragment F on Query { __schema { types { name } } }`} {
		res = off.post(t, q, nil)
		if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
			!strings.Contains(res.Errors[0].Message, "introspection is disabled") {
			t.Errorf("%s: status %d errors %+v", q, res.Status, res.Errors)
		}
	}
	res = off.post(t, `{ mission(id: "SYN01") { __typename id } }`, nil)
	jsonEqual(t, res.Data, `{"mission": {"__typename": "Mission", "id": "SYN01"}}`)
}

func TestUnavailable(t *testing.T) {
	fixture(t) // skips or fails like the other tests when Neo4j is missing
	cfg := neo4jtest.Config()
	cfg.URI = "bolt://127.0.0.1:1" // nothing listens there
	store, err := neo4jdb.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	down := &api{store: store, handler: graph.NewHandler(store, testLimits, quietLogger())}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req := postRequest(`{"query": "{ agendas { id } }"}`).WithContext(ctx)
	res := down.serve(t, req)
	if res.Status != http.StatusOK || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Fatalf("status %d errors %+v", res.Status, res.Errors)
	}
	// The deadline ends the driver's retries here; that is the database
	// being unreachable, not the request taking too long.
	if msg := res.Errors[0].Message; !strings.Contains(msg, "the graph database is unavailable") {
		t.Errorf("message %q, want it to say the graph database is unavailable", msg)
	}
	if strings.Contains(res.Body, "127.0.0.1") || strings.Contains(res.Body, "bolt") {
		t.Errorf("response leaks connection details: %s", res.Body)
	}
}

func TestTransport(t *testing.T) {
	a := fixture(t)
	const q = `{ mission(id: "SYN01") { id } }`
	get := func(params url.Values) *http.Request {
		req := httptest.NewRequest(http.MethodGet, "/graphql?"+params.Encode(), nil)
		req.Header.Set("Accept", graph.MediaGraphQLResponse)
		return req
	}
	withHeader := func(req *http.Request, k, v string) *http.Request {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
		return req
	}
	body := func(query string) string {
		b, err := json.Marshal(map[string]string{"query": query})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	big := `{"query": "{ agendas { id } }", "variables": {"pad": "` + strings.Repeat("x", int(testLimits.MaxBodyBytes)) + `"}}`
	tests := []struct {
		name   string
		req    *http.Request
		status int
		media  string
		allow  string
		data   string // expected data, when any
	}{
		{"POST", postRequest(body(q)), 200, graph.MediaGraphQLResponse, "", `{"mission": {"id": "SYN01"}}`},
		{"POST accepting JSON", withHeader(postRequest(body(q)), "Accept", "application/json"), 200, "application/json", "", `{"mission": {"id": "SYN01"}}`},
		{"POST accepting both", withHeader(postRequest(body(q)), "Accept", "application/json;q=0.9, application/graphql-response+json"), 200, graph.MediaGraphQLResponse, "", `{"mission": {"id": "SYN01"}}`},
		{"POST refusing graphql-response", withHeader(postRequest(body(q)), "Accept", "application/graphql-response+json;q=0, */*"), 200, "application/json", "", `{"mission": {"id": "SYN01"}}`},
		{"POST without Accept", withHeader(postRequest(body(q)), "Accept", ""), 200, "application/json", "", `{"mission": {"id": "SYN01"}}`},
		{"POST with charset", withHeader(postRequest(body(q)), "Content-Type", "application/json; charset=utf-8"), 200, graph.MediaGraphQLResponse, "", `{"mission": {"id": "SYN01"}}`},
		{"POST operationName and variables", postRequest(`{"query": "query A { agendas { id } } query B($id: ID!) { mission(id: $id) { id } }",
			"operationName": "B", "variables": {"id": "SYN02"}}`), 200, graph.MediaGraphQLResponse, "", `{"mission": {"id": "SYN02"}}`},
		{"POST text/plain", withHeader(postRequest(q), "Content-Type", "text/plain"), 415, graph.MediaGraphQLResponse, "", ""},
		{"POST application/graphql", withHeader(postRequest(q), "Content-Type", "application/graphql"), 415, graph.MediaGraphQLResponse, "", ""},
		{"POST without Content-Type", withHeader(postRequest(body(q)), "Content-Type", ""), 415, graph.MediaGraphQLResponse, "", ""},
		{"POST bad JSON", postRequest(`{"query": `), 400, graph.MediaGraphQLResponse, "", ""},
		{"POST no query", postRequest(`{"variables": {}}`), 400, graph.MediaGraphQLResponse, "", ""},
		{"POST syntax error", postRequest(`{"query": "{ mission("}`), 400, graph.MediaGraphQLResponse, "", ""},
		{"POST syntax error as JSON", withHeader(postRequest(`{"query": "{ mission("}`), "Accept", "application/json"), 200, "application/json", "", ""},
		{"POST too large", postRequest(big), 413, graph.MediaGraphQLResponse, "", ""},
		{"GET", get(url.Values{"query": {q}}), 200, graph.MediaGraphQLResponse, "", `{"mission": {"id": "SYN01"}}`},
		{"GET with variables", get(url.Values{"query": {`query($id: ID!) { mission(id: $id) { id } }`}, "variables": {`{"id": "SYN03"}`}}),
			200, graph.MediaGraphQLResponse, "", `{"mission": {"id": "SYN03"}}`},
		{"GET bad variables", get(url.Values{"query": {q}, "variables": {`{"id": `}}), 400, graph.MediaGraphQLResponse, "", ""},
		{"GET mutation", get(url.Values{"query": {`mutation { doIt }`}}), 405, graph.MediaGraphQLResponse, "POST", ""},
		{"GET selected mutation", get(url.Values{"query": {`query A { agendas { id } } mutation B { doIt }`}, "operationName": {"B"}}),
			405, graph.MediaGraphQLResponse, "POST", ""},
		{"GET selected query", get(url.Values{"query": {`query A { mission(id: "SYN01") { id } } mutation B { doIt }`}, "operationName": {"A"}}),
			400, graph.MediaGraphQLResponse, "", ""}, // the document fails validation: the schema has no mutations
		{"GET no query", get(url.Values{}), 400, graph.MediaGraphQLResponse, "", ""},
		{"PUT", httptest.NewRequest(http.MethodPut, "/graphql", strings.NewReader(body(q))), 405, "application/json", "GET, POST", ""},
		{"DELETE", httptest.NewRequest(http.MethodDelete, "/graphql", nil), 405, "application/json", "GET, POST", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := a.serve(t, tt.req)
			if res.Status != tt.status {
				t.Errorf("status = %d, want %d: %s", res.Status, tt.status, res.Body)
			}
			if !strings.HasPrefix(res.ContentType, tt.media) {
				t.Errorf("Content-Type = %q, want %s", res.ContentType, tt.media)
			}
			if got := res.Header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
			if tt.data != "" {
				if len(res.Errors) > 0 {
					t.Fatalf("errors: %+v", res.Errors)
				}
				jsonEqual(t, res.Data, tt.data)
				return
			}
			if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Errorf("errors = %+v, want a BAD_USER_INPUT error", res.Errors)
			}
			if res.Status >= 400 && strings.Contains(res.Body, `"data"`) {
				t.Errorf("a request error has a data entry: %s", res.Body)
			}
		})
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	a := fixture(t)
	const q = `{ mission(id: "SYN04") { id predecessor { id } } }`
	sum := sha256.Sum256([]byte(q))
	hash := hex.EncodeToString(sum[:])
	ext := func(h string) map[string]any {
		return map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": h}}
	}
	post := func(query string, h string) response {
		body, _ := json.Marshal(map[string]any{"query": query, "extensions": ext(h)})
		return a.serve(t, postRequest(string(body)))
	}
	getHash := func(h string) response {
		e, _ := json.Marshal(ext(h))
		req := httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"extensions": {string(e)}}.Encode(), nil)
		req.Header.Set("Accept", graph.MediaGraphQLResponse)
		return a.serve(t, req)
	}
	const want = `{"mission": {"id": "SYN04", "predecessor": {"id": "SYN03"}}}`

	res := post("", hash)
	if res.Status != http.StatusOK || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "PERSISTED_QUERY_NOT_FOUND" ||
		res.Errors[0].Message != "PersistedQueryNotFound" {
		t.Fatalf("unknown hash: status %d errors %+v", res.Status, res.Errors)
	}
	res = post(q, hash)
	if len(res.Errors) > 0 {
		t.Fatalf("register: %+v", res.Errors)
	}
	jsonEqual(t, res.Data, want)
	res = post("", hash)
	jsonEqual(t, res.Data, want)
	res = getHash(hash)
	if res.Status != http.StatusOK {
		t.Errorf("GET by hash: status %d", res.Status)
	}
	jsonEqual(t, res.Data, want)

	res = post(q, strings.Repeat("0", 64))
	if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("wrong hash: status %d errors %+v", res.Status, res.Errors)
	}

	// A persisted mutation is remembered before validation fails, and GET
	// must still refuse it by its parsed operation type.
	const m = `mutation { doIt }`
	msum := sha256.Sum256([]byte(m))
	mhash := hex.EncodeToString(msum[:])
	post(m, mhash)
	res = getHash(mhash)
	if res.Status != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "POST" {
		t.Errorf("persisted mutation over GET: status %d Allow %q", res.Status, res.Header.Get("Allow"))
	}
}

func TestLimitsFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    graph.Limits
		wantErr string
	}{
		{"defaults", nil, graph.DefaultLimits, ""},
		{"all set", map[string]string{"GRAPHQL_MAX_DEPTH": "5", "GRAPHQL_MAX_COMPLEXITY": "99", "GRAPHQL_MAX_PAGE_SIZE": "7",
			"GRAPHQL_INTROSPECTION": "false", "GRAPHQL_MAX_BODY_BYTES": "2048", "GRAPHQL_LIST_FANOUT": "3",
			"GRAPHQL_GRAPH_OP_COST": "11", "GRAPHQL_MAX_DB_QUERIES": "12", "GRAPHQL_MAX_TOKENS": "13", "GRAPHQL_MAX_RESULT_OBJECTS": "14",
			"GRAPHQL_MAX_CONCURRENT_TREES": "15"},
			graph.Limits{MaxDepth: 5, MaxComplexity: 99, MaxPageSize: 7, ListFanOut: 3, GraphOpCost: 11, MaxDBQueries: 12, MaxResultObjects: 14, MaxConcurrentTrees: 15, MaxTokens: 13, Introspection: false, MaxBodyBytes: 2048}, ""},
		{"zero tree slots", map[string]string{"GRAPHQL_MAX_CONCURRENT_TREES": "0"}, graph.Limits{}, "GRAPHQL_MAX_CONCURRENT_TREES"},
		{"zero query budget", map[string]string{"GRAPHQL_MAX_DB_QUERIES": "0"}, graph.Limits{}, "GRAPHQL_MAX_DB_QUERIES"},
		{"zero object budget", map[string]string{"GRAPHQL_MAX_RESULT_OBJECTS": "0"}, graph.Limits{}, "GRAPHQL_MAX_RESULT_OBJECTS"},
		{"bad depth", map[string]string{"GRAPHQL_MAX_DEPTH": "deep"}, graph.Limits{}, "GRAPHQL_MAX_DEPTH"},
		{"zero page size", map[string]string{"GRAPHQL_MAX_PAGE_SIZE": "0"}, graph.Limits{}, "GRAPHQL_MAX_PAGE_SIZE"},
		{"bad introspection", map[string]string{"GRAPHQL_INTROSPECTION": "maybe"}, graph.Limits{}, "GRAPHQL_INTROSPECTION"},
		{"bad body size", map[string]string{"GRAPHQL_MAX_BODY_BYTES": "-1"}, graph.Limits{}, "GRAPHQL_MAX_BODY_BYTES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := graph.LimitsFromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want mention of %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// An explicit value filters, even a zero one: year: 0 and hostCountry: ""
// match nothing (they once meant "no filter" and returned everything),
// while an absent or null field does not filter.
func TestExplicitZeroFilters(t *testing.T) {
	a := fixture(t)
	count := func(t *testing.T, query string, vars map[string]any) int {
		t.Helper()
		var got struct{ X struct{ TotalCount int } }
		a.query(t, query, vars, &got)
		return got.X.TotalCount
	}
	for _, tc := range []struct {
		name, all, filtered string
		vars                map[string]any
	}{
		{"year 0", `{ x: documents { totalCount } }`, `{ x: documents(filter: {year: 0}) { totalCount } }`, nil},
		{"year 0 in a variable", `{ x: documents { totalCount } }`, `query($y: Int) { x: documents(filter: {year: $y}) { totalCount } }`, map[string]any{"y": 0}},
		{"empty host country", `{ x: missions { totalCount } }`, `{ x: missions(filter: {hostCountry: ""}) { totalCount } }`, nil},
		{"empty agenda", `{ x: clauses { totalCount } }`, `{ x: clauses(filter: {agenda: ""}) { totalCount } }`, nil},
		{"empty mission", `{ x: relations { totalCount } }`, `{ x: relations(filter: {mission: ""}) { totalCount } }`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if n := count(t, tc.all, nil); n == 0 {
				t.Fatalf("%s: 0, want some (the fixture must have some for the test to mean anything)", tc.all)
			}
			if n := count(t, tc.filtered, tc.vars); n != 0 {
				t.Errorf("%s: totalCount %d, want 0", tc.filtered, n)
			}
		})
	}
	t.Run("empty field arguments", func(t *testing.T) {
		var got struct {
			Agendas []struct {
				All, Empty struct{ TotalCount int }
				Rel, NoRel []struct{ ID string }
			}
		}
		a.query(t, `{ agendas { all: clauses { totalCount } empty: clauses(mission: "") { totalCount }
			rel: relations { id } noRel: relations(with: "") { id } } }`, nil, &got)
		all, rels := 0, 0
		for _, ag := range got.Agendas {
			all, rels = all+ag.All.TotalCount, rels+len(ag.Rel)
			if ag.Empty.TotalCount != 0 || len(ag.NoRel) != 0 {
				t.Errorf("mission: \"\" / with: \"\" matched %d clauses, %d relations; want none", ag.Empty.TotalCount, len(ag.NoRel))
			}
		}
		if all == 0 || rels == 0 {
			t.Fatalf("the fixture's agendas have %d clauses and %d relations; the test needs some", all, rels)
		}
	})
	t.Run("null does not filter", func(t *testing.T) {
		all := count(t, `{ x: documents { totalCount } }`, nil)
		if n := count(t, `query($y: Int) { x: documents(filter: {year: $y}) { totalCount } }`, map[string]any{"y": nil}); n != all {
			t.Errorf("year: null: totalCount %d, want %d (all)", n, all)
		}
	})
}
