// Package neo4jtest connects integration tests to the real Neo4j server the
// project's scripts start, through the same environment variables the
// binary reads.
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

// Open returns a Store connected to the test server with the schema applied.
// When Neo4j is unreachable the test fails if MANDATEGRAPH_REQUIRE_NEO4J=1,
// and is skipped otherwise (so `go test ./...` on a laptop without Neo4j
// still runs the unit tests).
func Open(tb testing.TB) *neo4jdb.Store {
	tb.Helper()
	cfg, err := neo4jdb.ConfigFromEnv(os.Getenv)
	if err != nil {
		tb.Fatal(err)
	}
	store, err := neo4jdb.Open(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = store.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := store.Ping(ctx); err != nil {
		if os.Getenv(RequireEnv) == "1" {
			tb.Fatalf("Neo4j at %s is required (%s=1) but unreachable: %v\nstart it with `make neo4j`", cfg.URI, RequireEnv, err)
		}
		tb.Skipf("Neo4j at %s unreachable (%v); run `make neo4j` or set %s=1 to fail instead", cfg.URI, err, RequireEnv)
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
