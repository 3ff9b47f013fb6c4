package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

func TestVersionCommandReadsServerVersionOverBolt(t *testing.T) {
	neo4jtest.Open(t) // fails (or skips) with a clear message when Neo4j is down
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"version"}, neo4jtest.Getenv, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "5.26.") || !strings.Contains(stdout.String(), "community") {
		t.Fatalf("version printed %q, want Neo4j 5.26.x community", stdout.String())
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage: mandategraph"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"serve", "extra"}, 2, "serve takes no arguments"},
		{[]string{"help"}, 0, ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tt.args, func(string) string { return "" }, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
}

// TestReadyzFollowsNeo4j runs `serve` against a Neo4j instance of its own
// (another port, another data directory, started by the project's script),
// and checks /readyz is 503 before Neo4j is up, 200 once it is, 503 after it
// stops and 200 again after it restarts.
func TestReadyzFollowsNeo4j(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops its own Neo4j; skipped in -short mode")
	}
	neo4jtest.Open(t) // the suite's server must be up: proves Java and the jars are there
	port := freePort(t)
	boltPort := freePort(t)
	env := map[string]string{
		"NEO4J_PORT":     boltPort,
		"NEO4J_PASSWORD": "readyz-test-pw",
		"NEO4J_RUN_DIR":  t.TempDir(),
		"LISTEN_ADDR":    "127.0.0.1:" + port,
	}
	scriptEnv := os.Environ()
	for k, v := range env {
		scriptEnv = append(scriptEnv, k+"="+v)
	}
	// The jars are shared with the suite's server: point at its cache.
	scriptEnv = append(scriptEnv, "NEO4J_LIB_DIR="+libDir(t))
	neo4jScript := func(action string) {
		t.Helper()
		cmd := exec.Command("scripts/neo4j.sh", action)
		cmd.Env = scriptEnv
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("neo4j.sh %s: %v\n%s", action, err, out)
		}
	}
	stopWhenThisProcessDies(t, scriptEnv, env["NEO4J_RUN_DIR"])
	t.Cleanup(func() { neo4jScript("stop") })

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, os.Stdout, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d after SIGINT-equivalent; stderr:\n%s", code, stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down within 20s")
		}
	})
	base := "http://127.0.0.1:" + port

	start := time.Now()
	step := func(what string) { t.Logf("%6.1fs %s", time.Since(start).Seconds(), what) }
	waitStatus(t, base+"/healthz", http.StatusOK, 10*time.Second)
	waitStatus(t, base+"/playground", http.StatusOK, 5*time.Second) // served even while Neo4j is down
	waitStatus(t, base+"/readyz", http.StatusServiceUnavailable, 10*time.Second)
	step("not ready while Neo4j is down")
	neo4jScript("start")
	step("Neo4j started")
	// Generous bounds: under a load of 17 on the 2-core machine, the schema
	// and the watcher's backoff once took more than a minute after a start.
	waitStatus(t, base+"/readyz", http.StatusOK, 2*time.Minute)
	step("ready")
	neo4jScript("stop")
	step("Neo4j stopped")
	waitStatus(t, base+"/readyz", http.StatusServiceUnavailable, 30*time.Second)
	step("not ready")
	neo4jScript("start")
	step("Neo4j started again")
	waitStatus(t, base+"/readyz", http.StatusOK, 2*time.Minute)
	step("ready again")
}

// stopWhenThisProcessDies starts a watcher, in a session of its own, that
// runs `scripts/neo4j.sh stop` with env once this test process has ended,
// then removes runDir (a t.TempDir, which the dead process cannot) and its
// parent.
// The Neo4j a test starts runs in its own session too (neo4j.sh uses
// setsid), so when the test binary dies without running its cleanups (go
// test's -timeout panic, a kill under load) nothing else would stop it: the
// one way we found for a server to outlive this test. A normal end kills the watcher in t.Cleanup, after
// the test's own stop (call it before registering that stop).
func stopWhenThisProcessDies(t *testing.T, env []string, runDir string) {
	t.Helper()
	cmd := exec.Command("bash", "-c", `while kill -0 "$1" 2>/dev/null; do sleep 1; done; scripts/neo4j.sh stop; rm -rf "$2"; rmdir "${2%/*}"`,
		"neo4j-reaper", strconv.Itoa(os.Getpid()), runDir)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the Neo4j reaper: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
}

func waitStatus(t *testing.T, url string, want int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var last string
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
			// The body says why (readyz names the failing check).
			last = fmt.Sprintf("%s %s", resp.Status, bytes.TrimSpace(body))
		} else {
			last = err.Error()
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("GET %s: want %d within %s, last %s", url, want, timeout, last)
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// libDir is where scripts/neo4j.sh keeps the jars for the default run dir.
func libDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("scripts/neo4j.sh", "libdir").Output()
	if err != nil {
		t.Fatalf("neo4j.sh libdir: %v", err)
	}
	return strings.TrimSpace(string(out))
}
