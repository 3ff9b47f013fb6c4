// Package httpapi is mandategraph's HTTP surface: health and readiness
// probes, and the mount points for the GraphQL endpoint and playground. It
// knows nothing of Cypher or GraphQL internals; it wires handlers together.
package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Database is what readiness needs from storage.
type Database interface {
	Ping(ctx context.Context) error
	SchemaApplied(ctx context.Context) (bool, error)
	ApplySchema(ctx context.Context) error
}

// Readiness tracks whether Neo4j is reachable and the schema applied. The
// server starts whatever the answer; /readyz reports it. Only the watcher
// that `serve` starts (Watch) applies a missing schema; a probe only reads.
type Readiness struct {
	db          Database
	logger      *slog.Logger
	applySchema bool

	mu    sync.Mutex
	ready bool
	err   error
}

// NewReadiness returns a Readiness that is not ready until a check passes.
// Its watcher applies a missing schema.
func NewReadiness(db Database, logger *slog.Logger) *Readiness {
	return &Readiness{db: db, logger: logger, err: errNotChecked, applySchema: true}
}

// EnvApplySchema, when false, makes `serve` only check the schema, never
// write it: for a Neo4j user with read privileges only.
const EnvApplySchema = "NEO4J_APPLY_SCHEMA"

// CheckSchemaOnly makes the watcher only check the schema: a missing one
// keeps the server not ready, with errSchemaNotApplied, until someone
// with write privileges applies it (mandategraph load does). It returns r.
func (r *Readiness) CheckSchemaOnly() *Readiness {
	r.applySchema = false
	return r
}

type readinessError string

func (e readinessError) Error() string { return string(e) }

const errNotChecked = readinessError("not checked yet")

const errNoSchema = readinessError("the Neo4j schema is not applied (the server applies it once Neo4j is reachable, as does mandategraph load)")

const errSchemaNotApplied = readinessError("the Neo4j schema is not applied, and this server does not apply it (" + EnvApplySchema + "=false); apply it once as a user who may write, e.g. with mandategraph load")

// Check pings Neo4j and checks that the schema is applied, reading only,
// and records and logs transitions between ready and not ready.
func (r *Readiness) Check(ctx context.Context) error {
	return r.check(ctx, false)
}

// check is Check; with apply, a missing schema is applied first. With
// apply, check sets its own timeouts: 10s for the reads, and for applying
// the schema, which creates and waits for indexes on a fresh database, 2
// minutes (with 10s, a loaded machine could time out attempt after attempt).
func (r *Readiness) check(ctx context.Context, apply bool) error {
	reads := ctx
	if apply {
		var cancel context.CancelFunc
		reads, cancel = context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
	}
	err := r.db.Ping(reads)
	if err == nil {
		var ok bool
		if ok, err = r.db.SchemaApplied(reads); err == nil && !ok {
			err = errNoSchema
			if !r.applySchema {
				err = errSchemaNotApplied
			} else if apply {
				r.logger.Info("applying the Neo4j schema")
				applyCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
				err = r.db.ApplySchema(applyCtx)
				cancel()
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err == nil && !r.ready:
		r.logger.Info("ready: Neo4j reachable and schema applied")
	case err != nil && r.ready:
		r.logger.Warn("not ready: Neo4j check failed", "err", err)
	case errors.Is(err, errSchemaNotApplied) && !errors.Is(r.err, errSchemaNotApplied):
		// Not a passing fault: say it once, at the level an operator sees.
		r.logger.Error("not ready", "err", err)
	}
	r.ready, r.err = err == nil, err
	return err
}

// Status returns the last check's outcome.
func (r *Readiness) Status() (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ready, r.err
}

// Watch checks readiness until ctx ends, applying the schema whenever it
// finds it missing (at start-up, or after Neo4j came back empty): with
// exponential backoff (250ms up to 10s) while Neo4j is unreachable, every
// interval once it is.
func (r *Readiness) Watch(ctx context.Context, interval time.Duration) {
	backoff := 250 * time.Millisecond
	for {
		err := r.check(ctx, true)
		wait := interval
		if err != nil {
			r.logger.Debug("Neo4j not ready; retrying", "in", backoff, "err", err)
			wait = backoff
			backoff = min(backoff*2, 10*time.Second)
		} else {
			backoff = 250 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// Routes are the handlers the API serves besides the probes (a nil one is
// not mounted: 404), and the origins that may call the API from a browser.
type Routes struct {
	GraphQL    http.Handler // mounted at /graphql
	Playground http.Handler // mounted at /playground
	Explore    http.Handler // mounted at /explore
	Export     http.Handler // mounted at /export/

	// AllowedOrigins is the CORS allow-list of /graphql and /export/
	// (OriginsFromEnv); empty: no cross-origin access.
	AllowedOrigins []string
}

// NewHandler returns the server's root handler.
func NewHandler(readiness *Readiness, routes Routes, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		// A live check, so /readyz follows Neo4j going down and coming back
		// without waiting for the background watcher; it only reads (a
		// probe must not write).
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := readiness.Check(ctx); err != nil {
			reason := "Neo4j is unreachable or the schema is not applied; is Neo4j running (make neo4j) and are NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD right?"
			if errors.Is(err, errSchemaNotApplied) {
				reason = err.Error()
			}
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": reason})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	if routes.GraphQL != nil {
		mux.Handle("/graphql", cors(routes.AllowedOrigins, failFast(readiness, routes.GraphQL)))
	}
	if routes.Playground != nil {
		mux.Handle("/playground", routes.Playground)
		mux.Handle("/playground/", routes.Playground)
	}
	if routes.Explore != nil {
		mux.Handle("/explore", routes.Explore)
		mux.Handle("/explore/", routes.Explore)
	}
	if routes.Export != nil {
		mux.Handle("/export/", cors(routes.AllowedOrigins, routes.Export))
	}
	return logRequests(securityHeaders(mux), logger)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.NewResponseController reach the connection's writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func logRequests(next http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	})
}
