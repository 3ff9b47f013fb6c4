package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// A request to the running server and what its answer must carry. A want
// header of "" must be absent.
type httpCheck struct {
	name, method, path, origin, body string
	header                           map[string]string
	status                           int
	want                             map[string]string
	bodyHas                          string
}

func (c httpCheck) run(t *testing.T, base string) {
	t.Helper()
	method := c.method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, base+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.origin != "" {
		req.Header.Set("Origin", c.origin)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != c.status {
		t.Errorf("%s: %s %s: status %d, want %d; body %.300s", c.name, method, c.path, resp.StatusCode, c.status, body)
	}
	for k, want := range c.want {
		got := strings.Join(resp.Header.Values(k), ", ")
		switch {
		case want == "" && got != "":
			t.Errorf("%s: %s %s: header %s = %q, want none", c.name, method, c.path, k, got)
		case want != "" && !strings.Contains(got, want):
			t.Errorf("%s: %s %s: header %s = %q, want it to hold %q", c.name, method, c.path, k, got, want)
		}
	}
	if c.bodyHas != "" && !strings.Contains(string(body), c.bodyHas) {
		t.Errorf("%s: %s %s: body %.300s, want it to hold %q", c.name, method, c.path, body, c.bodyHas)
	}
}

const (
	agendasQuery   = `{"query": "{ agendas { id } }"}`
	schemaQuery    = `{"query": "{ __schema { queryType { name } } }"}`
	typeQuery      = `{"query": "{ __type(name: \"Mission\") { name } }"}`
	allowedOrigin  = "https://analysis.example.org"
	otherOrigin    = "https://elsewhere.example.net"
	introspectsOff = "introspection is disabled on this server (GRAPHQL_INTROSPECTION=false)"
)

func preflight(name, origin string, status int, want map[string]string) httpCheck {
	return httpCheck{name: name, method: http.MethodOptions, path: "/graphql", origin: origin,
		header: map[string]string{"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
		status: status, want: want}
}

// TestProductionSwitches runs `serve` on the Neo4j test server once per
// configuration and checks, over HTTP, what each production setting
// changes: introspection, the pages, the CORS allow-list, and the security
// headers every configuration sends.
func TestProductionSwitches(t *testing.T) {
	neo4jtest.Open(t)
	pageHeaders := map[string]string{
		"Content-Security-Policy": "frame-ancestors 'self'",
		"X-Frame-Options":         "SAMEORIGIN",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
	}
	nosniff := map[string]string{"X-Content-Type-Options": "nosniff"}
	noCORS := map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Credentials": ""}
	tests := []struct {
		name   string
		env    map[string]string
		checks []httpCheck
	}{
		{"defaults", map[string]string{"LOG_LEVEL": "debug"}, []httpCheck{
			{name: "playground page", path: "/playground", status: 200, want: pageHeaders},
			{name: "explorer page", path: "/explore", status: 200, want: pageHeaders},
			{name: "graphql answer", method: "POST", path: "/graphql", body: agendasQuery, status: 200, want: nosniff, bodyHas: `"agendas"`},
			{name: "export", path: "/export/graph.graphml", status: 200, want: nosniff, bodyHas: "<graphml"},
			{name: "probe", path: "/healthz", status: 200, want: nosniff},
			{name: "introspection on", method: "POST", path: "/graphql", body: schemaQuery, status: 200, bodyHas: `"queryType":{"name":"Query"}`},
			// No allow-list: as before, no CORS header at all, and a
			// preflight gets the handler's 405, which a browser refuses.
			{name: "cross-origin POST", method: "POST", path: "/graphql", origin: otherOrigin, body: agendasQuery, status: 200, want: noCORS},
			preflight("preflight", otherOrigin, http.StatusMethodNotAllowed, noCORS),
		}},
		{"introspection and pages off", map[string]string{"GRAPHQL_INTROSPECTION": "false", "HTTP_PLAYGROUND": "false", "HTTP_EXPLORER": "false"}, []httpCheck{
			{name: "no playground", path: "/playground", status: 404},
			{name: "no playground asset", path: "/playground/index.html", status: 404},
			{name: "no explorer", path: "/explore", status: 404},
			{name: "__schema refused", method: "POST", path: "/graphql", body: schemaQuery, status: 200, bodyHas: introspectsOff},
			{name: "__type refused", method: "POST", path: "/graphql", body: typeQuery, status: 200, bodyHas: introspectsOff},
			{name: "queries still run", method: "POST", path: "/graphql", body: agendasQuery, status: 200, bodyHas: `"agendas"`},
		}},
		{"CORS allow-list", map[string]string{"HTTP_CORS_ORIGINS": allowedOrigin + ", http://localhost:5173"}, []httpCheck{
			preflight("allowed preflight", allowedOrigin, http.StatusNoContent, map[string]string{
				"Access-Control-Allow-Origin": allowedOrigin, "Access-Control-Allow-Methods": "POST",
				"Access-Control-Allow-Headers": "Content-Type", "Vary": "Origin", "Access-Control-Allow-Credentials": ""}),
			preflight("second allowed origin", "http://localhost:5173", http.StatusNoContent, map[string]string{"Access-Control-Allow-Origin": "http://localhost:5173"}),
			preflight("other origin's preflight", otherOrigin, http.StatusForbidden, map[string]string{"Access-Control-Allow-Origin": "", "Vary": "Origin"}),
			{name: "allowed POST", method: "POST", path: "/graphql", origin: allowedOrigin, body: agendasQuery, status: 200,
				want: map[string]string{"Access-Control-Allow-Origin": allowedOrigin, "Vary": "Origin", "Access-Control-Allow-Credentials": ""}},
			{name: "other origin's POST", method: "POST", path: "/graphql", origin: otherOrigin, body: agendasQuery, status: 200,
				want: map[string]string{"Access-Control-Allow-Origin": "", "Vary": "Origin"}},
			{name: "same-origin POST", method: "POST", path: "/graphql", body: agendasQuery, status: 200, want: map[string]string{"Access-Control-Allow-Origin": ""}},
			{name: "allowed export", path: "/export/graph.graphml", origin: allowedOrigin, status: 200,
				want: map[string]string{"Access-Control-Allow-Origin": allowedOrigin, "Access-Control-Expose-Headers": "Content-Disposition"}},
		}},
		{"CORS any origin", map[string]string{"HTTP_CORS_ORIGINS": "*"}, []httpCheck{
			preflight("any preflight", otherOrigin, http.StatusNoContent, map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": ""}),
			{name: "any POST", method: "POST", path: "/graphql", origin: otherOrigin, body: agendasQuery, status: 200, want: map[string]string{"Access-Control-Allow-Origin": "*"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, logs := serveTestServer(t, tt.env, http.StatusOK)
			for _, c := range tt.checks {
				c.run(t, base)
			}
			if t.Failed() {
				t.Logf("serve's log:\n%s", logs.String())
			}
		})
	}
}

// TestProductionSwitchesRejectBadValues: a mistyped setting stops serve at
// start, naming the variable, instead of silently serving the default.
func TestProductionSwitchesRejectBadValues(t *testing.T) {
	tests := []struct{ key, value, want string }{
		{"HTTP_PLAYGROUND", "off", "HTTP_PLAYGROUND"},
		{"HTTP_EXPLORER", "no", "HTTP_EXPLORER"},
		{"NEO4J_APPLY_SCHEMA", "never", "NEO4J_APPLY_SCHEMA"},
		{"HTTP_CORS_ORIGINS", "https://a.example.org/app", "is not an origin"},
		{"HTTP_CORS_ORIGINS", "a.example.org", "is not an origin"},
	}
	for _, tt := range tests {
		env := map[string]string{tt.key: tt.value, "LISTEN_ADDR": "127.0.0.1:0", "NEO4J_URI": "bolt://127.0.0.1:1"}
		var stderr strings.Builder
		code := run(context.Background(), []string{"serve"}, func(k string) string { return env[k] }, io.Discard, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%s=%s: exit %d, stderr %q; want 1 and %q", tt.key, tt.value, code, stderr.String(), tt.want)
		}
	}
}

// TestServeWithoutSchemaWrites: with NEO4J_APPLY_SCHEMA=false (a read-only
// Neo4j user), serve never writes the schema: on a database without it,
// /readyz stays 503 and says why, the schema stays missing, and once
// someone applies it the server becomes ready. By default serve applies it.
func TestServeWithoutSchemaWrites(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	t.Cleanup(func() {
		if err := store.ApplySchema(ctx); err != nil {
			t.Errorf("restore the schema: %v", err)
		}
	})
	tests := []struct {
		name  string
		apply string
		ready bool
	}{
		{"default applies the schema", "", true},
		{"read-only only checks it", "false", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := store.DropSchema(ctx); err != nil {
				t.Fatal(err)
			}
			if ok, err := store.SchemaApplied(ctx); err != nil || ok {
				t.Fatalf("SchemaApplied = %v, %v after DropSchema; want false", ok, err)
			}
			env := map[string]string{}
			if tt.apply != "" {
				env["NEO4J_APPLY_SCHEMA"] = tt.apply
			}
			if tt.ready {
				serveTestServer(t, env, http.StatusOK)
				if ok, err := store.SchemaApplied(ctx); err != nil || !ok {
					t.Fatalf("SchemaApplied = %v, %v after serve became ready; want true", ok, err)
				}
				return
			}
			base, logs := serveTestServer(t, env, http.StatusServiceUnavailable)
			// The watcher checks at 0.25, 0.5, 1 and 2 s; give it those.
			time.Sleep(4 * time.Second)
			httpCheck{name: "readyz", path: "/readyz", status: 503, bodyHas: "NEO4J_APPLY_SCHEMA=false"}.run(t, base)
			if ok, err := store.SchemaApplied(ctx); err != nil || ok {
				t.Fatalf("SchemaApplied = %v, %v: serve with NEO4J_APPLY_SCHEMA=false wrote the schema", ok, err)
			}
			if !strings.Contains(logs.String(), "NEO4J_APPLY_SCHEMA=false") {
				t.Errorf("serve's log does not say why it is not ready:\n%s", logs.String())
			}
			if err := store.ApplySchema(ctx); err != nil {
				t.Fatal(err)
			}
			waitStatus(t, base+"/readyz", http.StatusOK, 30*time.Second)
		})
	}
}
