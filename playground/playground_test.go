package playground

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/internal/webapp/webapptest"
)

// newMux mounts Handler the way httpapi does: at both /playground and
// /playground/ on a mux, with the full path left in the request.
func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle(Prefix, Handler())
	mux.Handle(Prefix+"/", Handler())
	return mux
}

func TestIndexServedAtBothPaths(t *testing.T) {
	mux := newMux()
	for _, target := range []string{"/playground", "/playground/", "/playground/index.html"} {
		rec := webapptest.Do(mux, http.MethodGet, target, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: status %d, want 200", target, rec.Code)
		}
		h := rec.Header()
		if got := h.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", target, got)
		}
		if got := h.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache", target, got)
		}
		if got := h.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'self'") || !strings.Contains(got, "connect-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q does not keep the page on its own origin", target, got)
		}
		if h.Get("ETag") == "" {
			t.Errorf("GET %s: no ETag", target)
		}
		body := rec.Body.String()
		for _, want := range []string{`<div id="graphiql">`, `<script type="module"`, `/playground/assets/`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: body lacks %q", target, want)
			}
		}
	}
}

func TestAssetsServedWithTypesAndImmutableCache(t *testing.T) {
	mux := newMux()
	index := webapptest.Do(mux, http.MethodGet, "/playground/", nil).Body.Bytes()
	var js, css int
	for _, ref := range webapptest.AssetRefs(index) {
		if strings.HasPrefix(ref, "data:") {
			continue
		}
		rec := webapptest.Do(mux, http.MethodGet, ref, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s (referenced by index.html): status %d", ref, rec.Code)
			continue
		}
		ct := rec.Header().Get("Content-Type")
		switch {
		case strings.HasSuffix(ref, ".js"):
			js++
			if ct != "text/javascript; charset=utf-8" {
				t.Errorf("GET %s: Content-Type %q", ref, ct)
			}
		case strings.HasSuffix(ref, ".css"):
			css++
			if ct != "text/css; charset=utf-8" {
				t.Errorf("GET %s: Content-Type %q", ref, ct)
			}
		}
		if got := rec.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: Cache-Control %q, want immutable", ref, got)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", ref, got)
		}
	}
	if js == 0 || css == 0 {
		t.Fatalf("index.html references %d scripts and %d stylesheets, want at least one of each", js, css)
	}
	// Lazily loaded chunks (CodeMirror addons) are served too, as built.
	for _, name := range app().Names() {
		if strings.HasPrefix(name, "assets/") && strings.HasSuffix(name, ".js") {
			want, err := distFS.ReadFile("dist/" + name)
			if err != nil {
				t.Fatal(err)
			}
			rec := webapptest.Do(mux, http.MethodGet, Prefix+"/"+name, nil)
			if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("GET %s: status %d, %d bytes, want 200 with %d bytes", name, rec.Code, rec.Body.Len(), len(want))
			}
		}
	}
}

func TestExamplesJSONServed(t *testing.T) {
	rec := webapptest.Do(newMux(), http.MethodGet, "/playground/examples.json", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if got := rec.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control %q, want no-cache", got)
	}
}
