package playground

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// newMux mounts Handler the way httpapi does: at both /playground and
// /playground/ on a mux, with the full path left in the request.
func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle(Prefix, Handler())
	mux.Handle(Prefix+"/", Handler())
	return mux
}

func do(t *testing.T, h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// assetRefs returns the src and href values of index.html.
var attrRe = regexp.MustCompile(`\b(?:src|href)\s*=\s*"([^"]*)"`)

func assetRefs(index []byte) []string {
	var refs []string
	for _, m := range attrRe.FindAllSubmatch(index, -1) {
		refs = append(refs, string(m[1]))
	}
	return refs
}

func TestIndexServedAtBothPaths(t *testing.T) {
	mux := newMux()
	for _, target := range []string{"/playground", "/playground/", "/playground/index.html"} {
		rec := do(t, mux, http.MethodGet, target, nil)
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

func TestHeadAndConditionalGet(t *testing.T) {
	mux := newMux()
	rec := do(t, mux, http.MethodHead, "/playground/", nil)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Fatalf("HEAD: status %d, body %d bytes", rec.Code, rec.Body.Len())
	}
	etag := rec.Header().Get("ETag")
	rec = do(t, mux, http.MethodGet, "/playground/", http.Header{"If-None-Match": {etag}})
	if rec.Code != http.StatusNotModified {
		t.Fatalf("GET with If-None-Match %s: status %d, want 304", etag, rec.Code)
	}
}

func TestAssetsServedWithTypesAndImmutableCache(t *testing.T) {
	mux := newMux()
	index := do(t, mux, http.MethodGet, "/playground/", nil).Body.Bytes()
	var js, css int
	for _, ref := range assetRefs(index) {
		if strings.HasPrefix(ref, "data:") {
			continue
		}
		rec := do(t, mux, http.MethodGet, ref, nil)
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
	// Lazily loaded chunks (CodeMirror addons) are served too.
	for name, f := range files {
		if strings.HasPrefix(name, "assets/") && strings.HasSuffix(name, ".js") {
			rec := do(t, mux, http.MethodGet, Prefix+"/"+name, nil)
			if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), f.body) {
				t.Errorf("GET %s: status %d, %d bytes, want 200 with %d bytes", name, rec.Code, rec.Body.Len(), len(f.body))
			}
		}
	}
}

func TestExamplesJSONServed(t *testing.T) {
	rec := do(t, newMux(), http.MethodGet, "/playground/examples.json", nil)
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

func TestGzipNegotiated(t *testing.T) {
	mux := newMux()
	var biggest string
	for name, f := range files {
		if strings.HasPrefix(name, "assets/") && (biggest == "" || len(f.body) > len(files[biggest].body)) {
			biggest = name
		}
	}
	plain := do(t, mux, http.MethodGet, Prefix+"/"+biggest, nil)
	if plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("gzip sent to a client that did not ask for it")
	}
	if !strings.Contains(plain.Header().Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary %q lacks Accept-Encoding", plain.Header().Get("Vary"))
	}
	rec := do(t, mux, http.MethodGet, Prefix+"/"+biggest, http.Header{"Accept-Encoding": {"br, gzip"}})
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Accept-Encoding gzip: Content-Encoding %q", rec.Header().Get("Content-Encoding"))
	}
	if rec.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Errorf("gzip and identity responses share ETag %s", rec.Header().Get("ETag"))
	}
	gzLen := rec.Body.Len()
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, plain.Body.Bytes()) {
		t.Fatalf("gunzipped body differs from the identity body")
	}
	t.Logf("%s: %d bytes, %d gzipped", biggest, plain.Body.Len(), gzLen)

	if acceptsGzip(httptest.NewRequest("GET", "/", nil)) {
		t.Error("no Accept-Encoding accepted gzip")
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip;q=0, deflate")
	if acceptsGzip(r) {
		t.Error("gzip;q=0 accepted gzip")
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	mux := newMux()
	for _, target := range []string{
		"/playground/assets/missing-abc123.js",
		"/playground/assets/",
		"/playground/nope",
		"/playground/dist/index.html",
		"/playground/assets/../index.html",
		"/playground/src/main.js",
	} {
		// Straight to the handler: a mux would redirect unclean paths first.
		if rec := do(t, Handler(), http.MethodGet, target, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, rec.Code)
		}
	}
	// Mounted by mistake elsewhere, the handler serves nothing.
	if rec := do(t, Handler(), http.MethodGet, "/graphql", nil); rec.Code != http.StatusNotFound {
		t.Errorf("GET /graphql on the playground handler: status %d, want 404", rec.Code)
	}
	rec := do(t, mux, http.MethodPost, "/playground/", nil)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /playground/: status %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}
