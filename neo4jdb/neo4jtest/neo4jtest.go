// Package neo4jtest connects integration tests to the real Neo4j test
// server that scripts/test.sh starts: its own port and data directory, never
// the server `make run` serves. It reads only the test-only variables below,
// never NEO4J_URI or NEO4J_PORT, so even a plain `go test ./...` in a shell
// set up for `make run` cannot reach (and reset) the user's graph.
package neo4jtest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/neo4jdb"
)

// RequireEnv is the variable that turns a missing Neo4j from a skip into a
// failure; `make test` and CI set it to 1.
const RequireEnv = "MANDATEGRAPH_REQUIRE_NEO4J"

// The test-only variables, with their defaults. scripts/test.sh sets
// EnvURI from NEO4J_TEST_PORT.
const (
	EnvURI      = "NEO4J_TEST_URI"      // default bolt://127.0.0.1:$NEO4J_TEST_PORT
	EnvPort     = "NEO4J_TEST_PORT"     // default 7688; only used to build the default URI
	EnvPassword = "NEO4J_TEST_PASSWORD" // default mandategraph
	DefaultPort = "7688"
)

// Config is the test server's connection: from the test-only variables, the
// user neo4j (the local Community server's only user) and no transaction
// timeout beyond the server's.
func Config() neo4jdb.Config {
	or := func(key, def string) string {
		if v := os.Getenv(key); v != "" {
			return v
		}
		return def
	}
	return neo4jdb.Config{
		URI:      or(EnvURI, "bolt://127.0.0.1:"+or(EnvPort, DefaultPort)),
		User:     "neo4j",
		Password: or(EnvPassword, "mandategraph"),
	}
}

// Getenv is os.Getenv with every NEO4J_ variable replaced by the test
// server's: NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD name it, every other
// NEO4J_ variable reads as unset. Tests pass it to code that reads the
// binary's configuration (the subcommands), so that code too reaches only
// the test server.
func Getenv(key string) string {
	cfg := Config()
	switch key {
	case neo4jdb.EnvURI:
		return cfg.URI
	case neo4jdb.EnvUser:
		return cfg.User
	case neo4jdb.EnvPassword:
		return cfg.Password
	}
	if strings.HasPrefix(key, "NEO4J_") {
		return ""
	}
	return os.Getenv(key)
}

// Environ is os.Environ for a child process that must reach only the test
// server: every NEO4J_ variable removed, then the ones Getenv answers added.
func Environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			env = append(env, kv)
		}
	}
	for _, k := range []string{neo4jdb.EnvURI, neo4jdb.EnvUser, neo4jdb.EnvPassword} {
		env = append(env, k+"="+Getenv(k))
	}
	return env
}

// Open returns a Store connected to the test server with the schema applied.
// When Neo4j is unreachable the test fails if MANDATEGRAPH_REQUIRE_NEO4J=1,
// and is skipped otherwise (so `go test ./...` on a laptop without Neo4j
// still runs the unit tests).
func Open(tb testing.TB) *neo4jdb.Store {
	tb.Helper()
	cfg := Config()
	store, err := neo4jdb.Open(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = store.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := store.Ping(ctx); err != nil {
		if os.Getenv(RequireEnv) == "1" {
			tb.Fatalf("the Neo4j test server at %s is required (%s=1) but unreachable: %v\nrun the tests with `make test`, or start it with `NEO4J_PORT=%s NEO4J_RUN_DIR=.neo4j/test scripts/neo4j.sh start`",
				cfg.URI, RequireEnv, err, portOf(cfg.URI))
		}
		tb.Skipf("the Neo4j test server at %s is unreachable (%v); run `make test`, or set %s=1 to fail instead", cfg.URI, err, RequireEnv)
	}
	// Only one test process at a time may use the server; the first Open
	// in a process waits for the others to finish, so the schema gets its
	// own deadline after that.
	if err := lockOnce(cfg.URI); err != nil {
		tb.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := store.ApplySchema(ctx); err != nil {
		tb.Fatal(err)
	}
	return store
}

// portOf is the port of a bolt://host:port URI, or the default test port.
func portOf(uri string) string {
	if i := strings.LastIndexByte(uri, ':'); i >= 0 && !strings.Contains(uri[i:], "/") {
		return uri[i+1:]
	}
	return DefaultPort
}

var (
	lockServerOnce sync.Once
	lockServerErr  error
)

// lockOnce takes the server lock on the first call in this process.
func lockOnce(uri string) error {
	lockServerOnce.Do(func() { lockServerErr = lockServer(uri) })
	return lockServerErr
}

// sanitize makes uri usable in a file name.
func sanitize(uri string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, uri)
}
