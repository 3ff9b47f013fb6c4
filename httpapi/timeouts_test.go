package httpapi_test

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/httpapi"
)

// stream writes size bytes in 64 KiB writes, as an export does, and
// records how its writes ended.
type stream struct {
	size int
	mu   sync.Mutex
	err  error
}

func (s *stream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	chunk := make([]byte, 64<<10)
	var err error
	for n := 0; n < s.size && err == nil; n += len(chunk) {
		_, err = w.Write(chunk)
	}
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
}

// TestStreamedExportsHaveTheirOwnDeadline runs the server's handler chain
// (Timeouts.Server, NewHandler) on a real listener with a 1 s write
// timeout, and a 32 MiB stream (far more than the kernel's socket buffers
// hold, so the server's writes wait for the client) at /export/ and at
// /graphql. An export read slowly but steadily for about 4 s gets all of
// it; a reader that stalls is dropped after about one write timeout; the
// export timeout caps the whole; and any other route is still cut at the
// write timeout.
func TestStreamedExportsHaveTheirOwnDeadline(t *testing.T) {
	const size = 32 << 20
	tests := []struct {
		name     string
		path     string
		export   time.Duration
		stall    time.Duration // before reading anything
		rate     int           // bytes a second once reading; 0: as fast as it can
		complete bool
		within   time.Duration // the read ends by then
	}{
		{"slow steady export reader gets it all", "/export/x", time.Minute, 0, 8 << 20, true, 20 * time.Second},
		{"stalled export reader is dropped", "/export/x", time.Minute, 3 * time.Second, 0, false, 10 * time.Second},
		{"the export timeout caps a slow reader", "/export/x", 2 * time.Second, 0, 8 << 20, false, 3500 * time.Millisecond},
		{"other routes keep the write timeout", "/graphql", time.Minute, 0, 8 << 20, false, 2500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &stream{size: size}
			timeouts := httpapi.DefaultTimeouts
			timeouts.Write, timeouts.Request, timeouts.Export = time.Second, time.Second, tt.export
			logger := slog.New(slog.NewTextHandler(io.Discard, nil))
			srv := timeouts.Server("", httpapi.NewHandler(httpapi.NewReadiness(nil, logger),
				httpapi.Routes{Export: s, GraphQL: s}, logger))
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			go func() { _ = srv.Serve(l) }()
			t.Cleanup(func() { _ = srv.Close() })

			start := time.Now()
			resp, err := http.Get("http://" + l.Addr().String() + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			time.Sleep(tt.stall)
			read, done := 0, false
			chunk := make([]byte, 64<<10)
			for {
				n, err := resp.Body.Read(chunk)
				read += n
				if err != nil {
					// Chunked: a cut transfer ends in io.ErrUnexpectedEOF.
					done = errors.Is(err, io.EOF)
					break
				}
				if tt.rate > 0 {
					time.Sleep(time.Until(start.Add(tt.stall + time.Duration(float64(read)/float64(tt.rate)*float64(time.Second)))))
				}
			}
			took := time.Since(start)
			t.Logf("read %d of %d bytes in %s", read, size, took.Round(time.Millisecond))
			if done != tt.complete || (done && read < size) {
				t.Fatalf("complete = %v after %d bytes in %s, want %v", done, read, took, tt.complete)
			}
			if took > tt.within {
				t.Fatalf("the read took %s, want at most %s", took, tt.within)
			}
			if tt.complete && took < 3*time.Second {
				t.Fatalf("the read took %s; it must outlast the 1 s write timeout to prove anything", took)
			}
			if !tt.complete {
				s.mu.Lock()
				defer s.mu.Unlock()
				if s.err == nil {
					t.Fatal("the handler's writes all succeeded; want the cut to reach it")
				}
			}
		})
	}
}
