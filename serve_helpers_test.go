package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// lockedBuffer is a bytes.Buffer that serve's logger and the test may use
// at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveTestServer runs `serve` against the Neo4j test server on a free
// port, with env on top of the test server's variables, until the test
// ends, and returns its base URL once /readyz answers want (200, or 503
// for a server that must stay unready). Its log is in the returned buffer.
func serveTestServer(t *testing.T, env map[string]string, want int) (string, *lockedBuffer) {
	t.Helper()
	port := freePort(t)
	getenv := func(k string) string {
		if k == "LISTEN_ADDR" {
			return "127.0.0.1:" + port
		}
		if v, ok := env[k]; ok {
			return v
		}
		return neo4jtest.Getenv(k)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	logs := &lockedBuffer{}
	go func() { done <- run(ctx, []string{"serve"}, getenv, logs, logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d; log:\n%s", code, logs.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down within 20s")
		}
	})
	base := "http://127.0.0.1:" + port
	waitStatus(t, base+"/healthz", http.StatusOK, 10*time.Second)
	waitStatus(t, base+"/readyz", want, 90*time.Second)
	return base, logs
}

// serveWithoutTestServer runs `serve` with exactly env (plus LISTEN_ADDR on
// a free port; NEO4J_URI a closed port unless env sets it) until the test
// ends, and returns its base URL once /healthz answers: for tests of the
// HTTP layer that need no database.
func serveWithoutTestServer(t *testing.T, env map[string]string) string {
	t.Helper()
	port := freePort(t)
	full := map[string]string{"LISTEN_ADDR": "127.0.0.1:" + port, "NEO4J_URI": "bolt://127.0.0.1:1"}
	for k, v := range env {
		full[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return full[k] }, io.Discard, io.Discard)
	}()
	t.Cleanup(func() { cancel(); <-done })
	base := "http://127.0.0.1:" + port
	waitStatus(t, base+"/healthz", http.StatusOK, 10*time.Second)
	return base
}
