package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestGraphQLFailsFastWhileNeo4jIsDown: once the readiness watcher has seen
// Neo4j down, /graphql answers UNAVAILABLE (503, Retry-After) at once
// instead of waiting out the driver's connection timeouts.
func TestGraphQLFailsFastWhileNeo4jIsDown(t *testing.T) {
	base := serveWithoutTestServer(t, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:" + freePort(t)})
	waitStatus(t, base+"/readyz", http.StatusServiceUnavailable, 20*time.Second)

	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query": "{ agendas { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		len(body.Errors) != 1 || body.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Fatalf("status %d, Retry-After %q, errors %+v; want 503 UNAVAILABLE", resp.StatusCode, resp.Header.Get("Retry-After"), body.Errors)
	}
}
