package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// TestTestsNeverTouchTheUsersGraph starts a second Neo4j standing for the
// one `make run` serves (its own port and data directory), loads the bundled
// dataset into it, sets NEO4J_URI, NEO4J_PORT and NEO4J_PASSWORD to it as a
// user's shell would, and then does what the integration tests do: reset
// the test database and run the load command through neo4jtest. The user's
// graph must come out byte for byte as it went in.
func TestTestsNeverTouchTheUsersGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("starts its own Neo4j; skipped in -short mode")
	}
	neo4jtest.Open(t) // the test server must be up
	userPort := freePort(t)
	userEnv := map[string]string{
		"NEO4J_PORT":      userPort,
		"NEO4J_PASSWORD":  "users-own-pw",
		"NEO4J_RUN_DIR":   t.TempDir(),
		"NEO4J_LIB_DIR":   libDir(t),
		"NEO4J_HEAP":      "512m",
		"NEO4J_PAGECACHE": "64m",
	}
	userServer := func(action string) {
		t.Helper()
		cmd := exec.Command("scripts/neo4j.sh", action)
		cmd.Env = os.Environ()
		for k, v := range userEnv {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("neo4j.sh %s: %v\n%s", action, err, out)
		}
	}
	userServer("start")
	t.Cleanup(func() { userServer("stop") })
	userURI := "bolt://127.0.0.1:" + userPort

	// The user's graph: the bundled dataset, loaded as `make run` does.
	code, _, stderr := runCmd(func(k string) string {
		return map[string]string{"NEO4J_URI": userURI, "NEO4J_PASSWORD": "users-own-pw"}[k]
	}, "load", "data")
	if code != 0 {
		t.Fatalf("load data into the user's server: exit %d\n%s", code, stderr)
	}
	users, err := neo4jdb.Open(neo4jdb.Config{URI: userURI, User: "neo4j", Password: "users-own-pw"})
	if err != nil {
		t.Fatal(err)
	}
	defer users.Close(context.Background())
	ctx := context.Background()
	before, err := users.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(before, "\n"); n < 1000 {
		t.Fatalf("the user's graph has %d dump lines; the bundled dataset has over a thousand", n)
	}

	// A shell set up for `make run` against that server.
	t.Setenv("NEO4J_URI", userURI)
	t.Setenv("NEO4J_PORT", userPort)
	t.Setenv("NEO4J_PASSWORD", "users-own-pw")

	if got := neo4jtest.Config().URI; got == userURI {
		t.Fatalf("neo4jtest.Config().URI = %s, the user's server", got)
	}
	if got := neo4jtest.Getenv("NEO4J_URI"); got == userURI {
		t.Fatalf("neo4jtest.Getenv(NEO4J_URI) = %s, the user's server", got)
	}
	if got := neo4jtest.Getenv("NEO4J_PORT"); got != "" {
		t.Errorf("neo4jtest.Getenv(NEO4J_PORT) = %q, want it unset", got)
	}
	for _, kv := range neo4jtest.Environ() {
		if strings.Contains(kv, userPort) || strings.Contains(kv, "users-own-pw") {
			t.Errorf("neo4jtest.Environ() passes the user's server to children: %s", kv)
		}
	}

	// What the tests do to their database.
	store := neo4jtest.Open(t)
	if err := store.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	good, _ := writeDataset(t, goodYAML)
	if code, _, stderr := runCmd(neo4jtest.Getenv, "load", good); code != 0 {
		t.Fatalf("load through neo4jtest.Getenv: exit %d\n%s", code, stderr)
	}
	if err := store.Reset(ctx); err != nil {
		t.Fatal(err)
	}

	after, err := users.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Fatalf("the tests changed the user's graph: %d dump lines before, %d after", strings.Count(before, "\n"), strings.Count(after, "\n"))
	}
}
