package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"
)

// TestSlowBodyClientIsCutOff: serve cuts off a client that sends its
// headers and then its body a trickle at a time, once HTTP_READ_TIMEOUT has
// passed; before, such clients held their connections for ever. Neo4j need
// not be up: the body is never complete, so no query runs.
func TestSlowBodyClientIsCutOff(t *testing.T) {
	base := serveWithoutTestServer(t, map[string]string{"HTTP_READ_TIMEOUT": "1s"})

	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
	// Trickle a byte a second for up to 30 s; the server must end the
	// connection (a 408/400 response or a close) long before.
	closed := make(chan struct{})
	go func() {
		_, _ = bufio.NewReader(conn).ReadString(0) // returns on close or response
		close(closed)
	}()
	for i := 0; i < 30; i++ {
		select {
		case <-closed:
			return
		case <-time.After(time.Second):
			if _, err := conn.Write([]byte(" ")); err != nil {
				return // the server closed it
			}
		}
	}
	t.Fatal("the server still held a slow-body connection after 30 s with HTTP_READ_TIMEOUT=1s")
}

func TestTimeoutsFromEnvRejectsBadValues(t *testing.T) {
	for _, key := range []string{"HTTP_READ_TIMEOUT", "HTTP_WRITE_TIMEOUT", "HTTP_IDLE_TIMEOUT", "HTTP_REQUEST_TIMEOUT", "HTTP_EXPORT_TIMEOUT"} {
		env := map[string]string{key: "soon", "LISTEN_ADDR": "127.0.0.1:0"}
		err := serve(context.Background(), nil, func(k string) string { return env[k] }, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s=soon: err %v, want it named", key, err)
		}
	}
}
