package httpapi

import (
	"context"
	"fmt"
	"net/http"
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
}

// The environment variables TimeoutsFromEnv reads.
const (
	EnvReadTimeout    = "HTTP_READ_TIMEOUT"
	EnvWriteTimeout   = "HTTP_WRITE_TIMEOUT"
	EnvIdleTimeout    = "HTTP_IDLE_TIMEOUT"
	EnvRequestTimeout = "HTTP_REQUEST_TIMEOUT"
)

// DefaultTimeouts: the write timeout outlasts the request deadline so that
// a cancelled request can still say so.
var DefaultTimeouts = Timeouts{
	ReadHeader: 10 * time.Second,
	Read:       15 * time.Second,
	Write:      45 * time.Second,
	Idle:       2 * time.Minute,
	Request:    30 * time.Second,
}

// TimeoutsFromEnv reads the timeouts from the environment, starting from
// DefaultTimeouts.
func TimeoutsFromEnv(getenv func(string) string) (Timeouts, error) {
	t := DefaultTimeouts
	for _, v := range []struct {
		key string
		dst *time.Duration
	}{{EnvReadTimeout, &t.Read}, {EnvWriteTimeout, &t.Write}, {EnvIdleTimeout, &t.Idle}, {EnvRequestTimeout, &t.Request}} {
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
// carry a context that ends after t.Request.
func (t Timeouts) Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           withDeadline(h, t.Request),
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
	}
}

func withDeadline(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}
