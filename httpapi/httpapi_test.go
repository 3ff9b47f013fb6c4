package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/httpapi"
)

// schemaDB is a Database whose schema is applied only by ApplySchema, and
// which counts those calls. (The real Store is exercised end to end by the
// root package's TestServeReadiness; this checks who may write.)
type schemaDB struct {
	mu      sync.Mutex
	applied bool
	applies int
}

func (d *schemaDB) Ping(context.Context) error { return nil }

func (d *schemaDB) SchemaApplied(context.Context) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.applied, nil
}

func (d *schemaDB) ApplySchema(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.applied = true
	d.applies++
	return nil
}

func (d *schemaDB) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.applies
}

func TestReadyzOnlyReads(t *testing.T) {
	db := &schemaDB{}
	readiness := httpapi.NewReadiness(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	h := httpapi.NewHandler(readiness, httpapi.Routes{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	probe := func() int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		return rec.Code
	}
	for range 3 {
		if code := probe(); code != http.StatusServiceUnavailable {
			t.Fatalf("/readyz without a schema = %d, want 503", code)
		}
	}
	if n := db.count(); n != 0 {
		t.Fatalf("/readyz applied the schema %d times, want 0", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go readiness.Watch(ctx, time.Hour)
	deadline := time.Now().Add(5 * time.Second)
	for probe() != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz not 200 five seconds after the watcher started")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := db.count(); n != 1 {
		t.Errorf("the watcher applied the schema %d times, want 1", n)
	}
}
