package main

// The three contenders: the floor (one hand-written Cypher per operation
// through the Go driver, in this process, no HTTP), @neo4j/graphql on
// graphql-yoga (bench/peer, a Node.js process) and mandategraph (the real
// binary). The floor is the only code outside neo4jdb/ that imports the
// driver: it is the hand-written baseline neo4jdb is measured against.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type contender interface {
	name() string
	// do runs o once and returns its answer in the shape the check compares.
	do(ctx context.Context, o op, vars map[string]any) (any, error)
	// pid is the process that serves the requests (0 for the floor, which
	// runs in this process).
	pid() int
	close()
}

// ---- the floor ----

type floor struct{ driver neo4j.DriverWithContext }

func newFloor(uri, user, password string) (*floor, error) {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""), func(c *neo4j.Config) {
		c.MaxConnectionPoolSize = 64
	})
	if err != nil {
		return nil, fmt.Errorf("floor: open driver: %w", err)
	}
	return &floor{driver: d}, nil
}

func (f *floor) name() string { return "floor" }
func (f *floor) pid() int     { return 0 }
func (f *floor) close()       { _ = f.driver.Close(context.Background()) }

func (f *floor) do(ctx context.Context, o op, vars map[string]any) (any, error) {
	return f.query(ctx, o.Cypher, vars)
}

// query runs one read query and returns the column result of its one
// record (nil when there is none).
func (f *floor) query(ctx context.Context, cypher string, vars map[string]any) (any, error) {
	res, err := neo4j.ExecuteQuery(ctx, f.driver, cypher, vars, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, nil
	}
	v, _ := res.Records[0].Get("result")
	return v, nil
}

// settle waits, up to limit, until Neo4j runs no transaction but its own
// check, and returns how many others it first saw and how long it waited
// (0 when none ran). A request a client gave up on can go on running in
// Neo4j (the peer does not cancel its query when its client goes away),
// and would slow the next cell, whoever's it is.
func (f *floor) settle(ctx context.Context, limit time.Duration) (int, time.Duration, error) {
	start := time.Now()
	first := -1
	for {
		v, err := f.query(ctx, `SHOW TRANSACTIONS YIELD currentQuery
			WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
			RETURN count(*) AS result`, nil)
		if err != nil {
			return 0, 0, fmt.Errorf("count Neo4j's running transactions: %w", err)
		}
		n, _ := v.(int64)
		if first < 0 {
			first = int(n)
		}
		if n == 0 || time.Since(start) > limit {
			if first == 0 {
				return 0, 0, nil
			}
			return first, time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return first, time.Since(start), ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// ---- GraphQL over HTTP (the peer and mandategraph) ----

type httpContender struct {
	label  string
	url    string
	query  func(o op) string
	unwrap func(o op, data map[string]any) any
	cmd    *exec.Cmd
	client *http.Client
}

func (h *httpContender) name() string { return h.label }
func (h *httpContender) pid() int     { return h.cmd.Process.Pid }

func (h *httpContender) close() {
	_ = h.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = h.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = h.cmd.Process.Kill()
		<-done
	}
}

func (h *httpContender) do(ctx context.Context, o op, vars map[string]any) (any, error) {
	body, err := json.Marshal(map[string]any{"query": h.query(o), "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Data   map[string]any    `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("%s: HTTP %d: %w", h.label, resp.StatusCode, err)
	}
	if len(out.Errors) > 0 {
		return nil, fmt.Errorf("%s: %d errors, first: %s", h.label, len(out.Errors), out.Errors[0])
	}
	return h.unwrap(o, out.Data), nil
}

func newHTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConns: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Minute,
	}}
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startMandategraph starts `mandategraph serve` and waits for /readyz.
func startMandategraph(ctx context.Context, bin string, env []string, logDir string) (*httpContender, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	logf, err := os.Create(filepath.Join(logDir, "mandategraph.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve")
	// warn: no line per request (the peer logs nothing either). The
	// complexity limit is raised for operation 2 (50 missions × mandates ×
	// clauses × agendas), which the default of 5000 refuses.
	cmd.Env = append(env, "LISTEN_ADDR="+addr, "LOG_LEVEL=warn", "GRAPHQL_MAX_COMPLEXITY=100000000")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start mandategraph: %w", err)
	}
	h := &httpContender{
		label: "mg", url: "http://" + addr + "/graphql", cmd: cmd, client: newHTTPClient(),
		query:  func(o op) string { return o.MG },
		unwrap: func(o op, d map[string]any) any { return o.MGUnwrap(d) },
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return h, nil
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			h.close()
			return nil, fmt.Errorf("mandategraph did not become ready in 60s (log: %s)", logf.Name())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// startPeer starts bench/peer/server.js with the generated type
// definitions and waits for the line saying where it listens.
func startPeer(ctx context.Context, root string, env []string, logDir string) (*httpContender, error) {
	peerDir := filepath.Join(root, "bench", "peer")
	if _, err := os.Stat(filepath.Join(peerDir, "node_modules", "@neo4j", "graphql")); err != nil {
		return nil, fmt.Errorf("the peer's packages are not installed: run `npm ci` in %s (scripts/test.sh does)", peerDir)
	}
	nodeTypes, err := os.ReadFile(filepath.Join(peerDir, "nodes.graphql"))
	if err != nil {
		return nil, err
	}
	typeDefs := filepath.Join(logDir, "peer-typedefs.graphql")
	if err := os.WriteFile(typeDefs, []byte(peerTypeDefs(string(nodeTypes))), 0o644); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(logDir, "peer.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", "server.js")
	cmd.Dir = peerDir
	cmd.Env = append(env, "BENCH_TYPEDEFS="+typeDefs, "PORT=0", "NODE_ENV=production")
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the peer (node): %w", err)
	}
	h := &httpContender{
		label: "peer", cmd: cmd, client: newHTTPClient(),
		query:  func(o op) string { return o.Peer },
		unwrap: func(o op, d map[string]any) any { return o.PeerUnwrap(d) },
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				urls <- u
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case h.url = <-urls:
		return h, nil
	case <-time.After(60 * time.Second):
	case <-ctx.Done():
	}
	h.close()
	return nil, fmt.Errorf("the peer did not start in 60s (log: %s)", logf.Name())
}
