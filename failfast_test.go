package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestGraphQLFailsFastWhileNeo4jIsDown: once the readiness watcher has seen
// Neo4j down, /graphql answers UNAVAILABLE (503, Retry-After) at once
// instead of waiting out the driver's connection timeouts.
func TestGraphQLFailsFastWhileNeo4jIsDown(t *testing.T) {
	port := freePort(t)
	env := map[string]string{"LISTEN_ADDR": "127.0.0.1:" + port, "NEO4J_URI": "bolt://127.0.0.1:" + freePort(t)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, io.Discard, io.Discard)
	}()
	defer func() { cancel(); <-done }()
	base := "http://127.0.0.1:" + port
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
