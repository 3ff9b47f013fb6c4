package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/export"
	"github.com/mandategraph/mandategraph/loader/synth"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// slowQueryTxs returns the running transactions of slowPathQuery.
func slowQueryTxs(t *testing.T, store *neo4jdb.Store) []neo4jdb.RunningTx {
	t.Helper()
	txs, err := store.RunningTransactions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []neo4jdb.RunningTx
	for _, tx := range txs {
		if strings.Contains(tx.Query, "shortestPath(") {
			out = append(out, tx)
		}
	}
	return out
}

// TestRequestTimeoutCancelsTheNeo4jWork: a request that outlives
// HTTP_REQUEST_TIMEOUT gets a prompt UNAVAILABLE saying it ran out of
// time, and its Neo4j transaction is gone from SHOW TRANSACTIONS within
// seconds, not left to run to the store's 30 s transaction timeout. The
// query is a shortest path restricted to missions and mandates between two
// missions no such path joins: Neo4j then searches every path of up to 10
// hops, over 30 s on this dataset (cut by the transaction timeout when the
// request timeout is 40 s; measured on the 2-core machine).
func TestRequestTimeoutCancelsTheNeo4jWork(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := synth.Dataset(5000, 1)
	if _, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	const timeout = 2 * time.Second
	base, _ := serveTestServer(t, map[string]string{"HTTP_REQUEST_TIMEOUT": timeout.String()}, http.StatusOK)
	query := fmt.Sprintf(`{"query": "{ shortestPath(from: \"%s\", to: \"%s\", maxHops: 10, filter: {nodeKinds: [Mission, Mandate]}) { nodes { id } } }"}`,
		ds.Missions[0].ID, ds.Missions[3].ID)

	type answer struct {
		status int
		body   []byte
		err    error
		took   time.Duration
	}
	answered := make(chan answer, 1)
	start := time.Now()
	go func() {
		resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(query))
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		answered <- answer{resp.StatusCode, body, err, time.Since(start)}
	}()
	// The query must reach Neo4j before the deadline, or the test proves
	// nothing about cancelling it.
	seen := false
	var got answer
wait:
	for {
		select {
		case got = <-answered:
			break wait
		case <-time.After(100 * time.Millisecond):
			seen = seen || len(slowQueryTxs(t, store)) > 0
		}
	}
	if got.err != nil {
		t.Fatal(got.err)
	}
	if !seen {
		t.Fatalf("the query's transaction never showed in SHOW TRANSACTIONS before the answer (%s): %s", got.took, got.body)
	}
	if got.took > timeout+5*time.Second {
		t.Errorf("the answer took %s with HTTP_REQUEST_TIMEOUT=%s", got.took, timeout)
	}
	var res struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(got.body, &res); err != nil || len(res.Errors) != 1 {
		t.Fatalf("status %d, body %s: want one error (%v)", got.status, got.body, err)
	}
	if e := res.Errors[0]; e.Extensions.Code != "UNAVAILABLE" || !strings.Contains(e.Message, "took longer than") {
		t.Errorf("error %+v, want UNAVAILABLE saying the request took longer than the server allows", e)
	}
	t.Logf("answered in %s: %s", got.took.Round(time.Millisecond), got.body)

	deadline := time.Now().Add(5 * time.Second)
	for {
		txs := slowQueryTxs(t, store)
		if len(txs) == 0 {
			t.Logf("the transaction was gone %s after the request started", time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s after the request started, its Neo4j work still runs: %+v", time.Since(start).Round(time.Millisecond), txs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestIdleKeepAliveConnectionIsClosed: serve closes a kept-alive
// connection once it has been idle for HTTP_IDLE_TIMEOUT, and keeps one
// that is used again before then. Neo4j need not be up: /healthz does not
// touch it.
func TestIdleKeepAliveConnectionIsClosed(t *testing.T) {
	tests := []struct {
		name   string
		idle   time.Duration
		reuse  time.Duration // a second request after this long; 0: none
		within time.Duration // the close comes by then after the last answer
	}{
		{"idle connection closed", time.Second, 0, 5 * time.Second},
		{"connection used again is kept, then closed", 3 * time.Second, time.Second, 8 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := serveWithoutTestServer(t, map[string]string{"HTTP_IDLE_TIMEOUT": tt.idle.String()})

			conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			r := bufio.NewReader(conn)
			get := func() {
				t.Helper()
				if _, err := fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
					t.Fatal(err)
				}
				resp, err := http.ReadResponse(r, nil)
				if err != nil {
					t.Fatal(err)
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK || resp.Close {
					t.Fatalf("status %d, close %v, err %v: want a kept-alive 200", resp.StatusCode, resp.Close, err)
				}
			}
			get()
			if tt.reuse > 0 {
				time.Sleep(tt.reuse)
				get() // fails if the connection was closed while within the timeout
			}
			last := time.Now()
			_ = conn.SetReadDeadline(last.Add(tt.within))
			_, err = r.ReadByte()
			idle := time.Since(last)
			if !errors.Is(err, io.EOF) {
				t.Fatalf("read after %s idle: %v, want EOF (the server closing)", idle, err)
			}
			if idle < tt.idle*8/10 {
				t.Fatalf("closed after %s idle, before HTTP_IDLE_TIMEOUT=%s", idle, tt.idle)
			}
			t.Logf("closed after %s idle", idle.Round(time.Millisecond))
		})
	}
}

// openExport sends GET path on a connection of its own with a small
// receive buffer, reads the answer's status line and headers, and leaves
// the body unread: the export's writes then wait for the reader.
func openExport(t *testing.T, base, path string) (*http.Response, net.Conn) {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		return errors.Join(err, serr)
	}}
	conn, err := d.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", path); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReaderSize(conn, 1024), nil)
	if err != nil {
		t.Fatal(err)
	}
	return resp, conn
}

// TestAtMostTwoExportsAtOnce: while two exports are open (their readers
// not reading, so their handlers wait in a write and hold their Neo4j
// transactions), a third gets 503 with Retry-After and the reason; the two
// then complete, and once they have, an export runs again.
func TestAtMostTwoExportsAtOnce(t *testing.T) {
	store := neo4jtest.Open(t)
	if _, err := store.Load(context.Background(), synth.Dataset(5000, 1), neo4jdb.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	base, _ := serveTestServer(t, nil, http.StatusOK)
	const path = "/export/graph.graphml"

	var open []*http.Response
	for range export.MaxConcurrent {
		resp, _ := openExport(t, base, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export %d: status %d, want 200", len(open)+1, resp.StatusCode)
		}
		open = append(open, resp)
	}
	tests := []struct {
		name       string
		status     int
		retryAfter string
		bodyHas    string
	}{
		{"a third while two run is refused", http.StatusServiceUnavailable, "5", "2 exports are running; try again in a few seconds"},
		{"once they are done, one runs", http.StatusOK, "", "<graphml"},
	}
	for i, tt := range tests {
		if i == 1 {
			for j, resp := range open {
				n, err := io.Copy(io.Discard, resp.Body)
				if err != nil {
					t.Fatalf("open export %d: %v after %d bytes; want it complete", j+1, err, n)
				}
				t.Logf("open export %d: complete, %d bytes", j+1, n)
			}
		}
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status || resp.Header.Get("Retry-After") != tt.retryAfter || !strings.Contains(string(body), tt.bodyHas) {
				t.Fatalf("status %d, Retry-After %q, body %.200s; want %d, %q, %q", resp.StatusCode, resp.Header.Get("Retry-After"), body, tt.status, tt.retryAfter, tt.bodyHas)
			}
			if i == 0 {
				// The two are still mid-way: their read transactions are
				// open (an export is one transaction, read page by page).
				var exports []neo4jdb.RunningTx
				txs, err := store.RunningTransactions(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				for _, tx := range txs {
					if !strings.HasPrefix(tx.Query, "SHOW INDEXES") {
						exports = append(exports, tx)
					}
				}
				if len(exports) != export.MaxConcurrent {
					t.Fatalf("transactions while two exports are open: %+v; want %d", exports, export.MaxConcurrent)
				}
			}
		})
	}
}
