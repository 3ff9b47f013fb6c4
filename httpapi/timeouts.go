package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Timeouts bound how long one connection or request may hold the server.
// Without them a client that sends its body a byte at a time, or never
// reads its response, holds a goroutine and its buffers for ever.
type Timeouts struct {
	ReadHeader time.Duration // request line and headers
	Read       time.Duration // the whole request, body included
	Write      time.Duration // from the end of the headers to the end of the response
	Idle       time.Duration // a kept-alive connection between requests
	Request    time.Duration // deadline of a request's context: cancels its Neo4j work
	Export     time.Duration // the whole of one export (/export/): its context and its last write
}

// The environment variables TimeoutsFromEnv reads.
const (
	EnvReadTimeout    = "HTTP_READ_TIMEOUT"
	EnvWriteTimeout   = "HTTP_WRITE_TIMEOUT"
	EnvIdleTimeout    = "HTTP_IDLE_TIMEOUT"
	EnvRequestTimeout = "HTTP_REQUEST_TIMEOUT"
	EnvExportTimeout  = "HTTP_EXPORT_TIMEOUT"
)

// DefaultTimeouts: the write timeout outlasts the request deadline so that
// a cancelled request can still say so.
var DefaultTimeouts = Timeouts{
	ReadHeader: 10 * time.Second,
	Read:       15 * time.Second,
	Write:      45 * time.Second,
	Idle:       2 * time.Minute,
	Request:    30 * time.Second,
	Export:     10 * time.Minute,
}

// TimeoutsFromEnv reads the timeouts from the environment, starting from
// DefaultTimeouts.
func TimeoutsFromEnv(getenv func(string) string) (Timeouts, error) {
	t := DefaultTimeouts
	for _, v := range []struct {
		key string
		dst *time.Duration
	}{{EnvReadTimeout, &t.Read}, {EnvWriteTimeout, &t.Write}, {EnvIdleTimeout, &t.Idle}, {EnvRequestTimeout, &t.Request}, {EnvExportTimeout, &t.Export}} {
		if s := getenv(v.key); s != "" {
			d, err := time.ParseDuration(s)
			if err != nil || d <= 0 {
				return t, fmt.Errorf("%s=%q: want a positive duration such as 30s", v.key, s)
			}
			*v.dst = d
		}
	}
	t.ReadHeader = min(t.ReadHeader, t.Read)
	return t, nil
}

// Server returns an http.Server on addr with these timeouts, whose requests
// carry a context that ends after t.Request; an export's ends after
// t.Export instead, and its write deadline moves with each write.
func (t Timeouts) Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           withDeadlines(h, t),
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
	}
}

// exportPrefix is where NewHandler mounts the exports: the one route whose
// responses are streams that may rightly take longer than t.Write.
const exportPrefix = "/export/"

func withDeadlines(h http.Handler, t Timeouts) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := t.Request
		if strings.HasPrefix(r.URL.Path, exportPrefix) {
			d = t.Export
			w = &streamWriter{ResponseWriter: w, rc: http.NewResponseController(w),
				idle: t.Write, end: time.Now().Add(t.Export)}
		}
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// streamWriter gives each write of a streamed response its own deadline,
// idle from when it starts but never past end: a large export that keeps
// moving is not cut at the server's write timeout (which counts from the
// request), while a client that stops reading is dropped once one write
// has waited idle, and no export outlives end.
type streamWriter struct {
	http.ResponseWriter
	rc   *http.ResponseController
	idle time.Duration
	end  time.Time
}

func (s *streamWriter) Write(p []byte) (int, error) {
	// An error means the connection cannot move its deadline (not the case
	// for net/http's HTTP/1 and HTTP/2 writers); the server's write timeout
	// then still applies.
	deadline := time.Now().Add(s.idle)
	if deadline.After(s.end) {
		deadline = s.end
	}
	_ = s.rc.SetWriteDeadline(deadline)
	return s.ResponseWriter.Write(p)
}

// Unwrap lets http.NewResponseController reach the connection's writer.
func (s *streamWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
