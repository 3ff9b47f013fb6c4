package webapp

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mandategraph/mandategraph/internal/webapp/webapptest"
)

const testCSP = "default-src 'self'"

// big is a compressible body over gzip's 1 KB threshold.
var big = []byte(strings.Repeat("console.log('mandategraph');\n", 100))

func testApp(t *testing.T) *App {
	t.Helper()
	a, err := New("/app", fstest.MapFS{
		"index.html":             {Data: []byte(`<script type="module" src="/app/assets/main-abc.js"></script>`)},
		"examples.json":          {Data: []byte(`[]`)},
		"assets/main-abc.js":     {Data: big},
		"assets/style-abc.css":   {Data: []byte("body{}")},
		"assets/icon-abc.svg":    {Data: []byte("<svg/>")},
		"assets/font-abc.woff2":  {Data: []byte{0, 1, 2}},
		"assets/blob-abc.bin":    {Data: []byte{0}},
		"assets/small-abc.js":    {Data: []byte("1")},
		"assets/nested/x-abc.js": {Data: []byte("2")},
	}, testCSP)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestIndexAtThePrefix(t *testing.T) {
	a := testApp(t)
	for _, target := range []string{"/app", "/app/", "/app/index.html"} {
		rec := webapptest.Do(a, http.MethodGet, target, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "/app/assets/main-abc.js") {
			t.Fatalf("GET %s: status %d, body %q", target, rec.Code, rec.Body)
		}
		for k, want := range map[string]string{
			"Content-Type":            "text/html; charset=utf-8",
			"Cache-Control":           cacheRevalidate,
			"Content-Security-Policy": testCSP,
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "SAMEORIGIN",
			"X-Content-Type-Options":  "nosniff",
		} {
			if got := rec.Header().Get(k); got != want {
				t.Errorf("GET %s: %s %q, want %q", target, k, got, want)
			}
		}
		if rec.Header().Get("ETag") == "" {
			t.Errorf("GET %s: no ETag", target)
		}
	}
}

func TestFilesWithTypeAndCache(t *testing.T) {
	a := testApp(t)
	tests := []struct {
		path, contentType, cache string
	}{
		{"/app/assets/main-abc.js", "text/javascript; charset=utf-8", cacheImmutable},
		{"/app/assets/style-abc.css", "text/css; charset=utf-8", cacheImmutable},
		{"/app/assets/icon-abc.svg", "image/svg+xml", cacheImmutable},
		{"/app/assets/font-abc.woff2", "font/woff2", cacheImmutable},
		{"/app/assets/blob-abc.bin", "application/octet-stream", cacheImmutable},
		{"/app/assets/nested/x-abc.js", "text/javascript; charset=utf-8", cacheImmutable},
		{"/app/examples.json", "application/json; charset=utf-8", cacheRevalidate},
	}
	for _, tt := range tests {
		rec := webapptest.Do(a, http.MethodGet, tt.path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: status %d", tt.path, rec.Code)
			continue
		}
		h := rec.Header()
		if h.Get("Content-Type") != tt.contentType || h.Get("Cache-Control") != tt.cache || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: Content-Type %q, Cache-Control %q, nosniff %q; want %q, %q", tt.path,
				h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("X-Content-Type-Options"), tt.contentType, tt.cache)
		}
		if h.Get("Content-Security-Policy") != "" {
			t.Errorf("GET %s: a CSP on a file that is not the page", tt.path)
		}
	}
	if got := len(a.Names()); got != 9 {
		t.Errorf("Names: %d files, want 9: %q", got, a.Names())
	}
}

func TestHeadAndConditionalGet(t *testing.T) {
	a := testApp(t)
	rec := webapptest.Do(a, http.MethodHead, "/app/", nil)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Fatalf("HEAD: status %d, body %d bytes", rec.Code, rec.Body.Len())
	}
	etag := rec.Header().Get("ETag")
	if rec := webapptest.Do(a, http.MethodGet, "/app/", http.Header{"If-None-Match": {etag}}); rec.Code != http.StatusNotModified {
		t.Fatalf("GET with If-None-Match %s: status %d, want 304", etag, rec.Code)
	}
	if rec := webapptest.Do(a, http.MethodGet, "/app/", http.Header{"If-None-Match": {`"other"`}}); rec.Code != http.StatusOK {
		t.Fatalf("GET with another ETag: status %d, want 200", rec.Code)
	}
}

func TestGzipNegotiated(t *testing.T) {
	a := testApp(t)
	plain := webapptest.Do(a, http.MethodGet, "/app/assets/main-abc.js", nil)
	if plain.Header().Get("Content-Encoding") != "" || !bytes.Equal(plain.Body.Bytes(), big) {
		t.Fatalf("identity response: Content-Encoding %q, %d bytes", plain.Header().Get("Content-Encoding"), plain.Body.Len())
	}
	if !strings.Contains(plain.Header().Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary %q lacks Accept-Encoding", plain.Header().Get("Vary"))
	}
	rec := webapptest.Do(a, http.MethodGet, "/app/assets/main-abc.js", http.Header{"Accept-Encoding": {"br, gzip"}})
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Accept-Encoding gzip: Content-Encoding %q", rec.Header().Get("Content-Encoding"))
	}
	if rec.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Errorf("gzip and identity responses share ETag %s", rec.Header().Get("ETag"))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, big) {
		t.Fatalf("gunzipped body differs from the file (%v)", err)
	}
	// Under 1 KB it is not worth it.
	small := webapptest.Do(a, http.MethodGet, "/app/assets/small-abc.js", http.Header{"Accept-Encoding": {"gzip"}})
	if small.Header().Get("Content-Encoding") != "" || small.Header().Get("Vary") != "" {
		t.Errorf("small file: Content-Encoding %q, Vary %q", small.Header().Get("Content-Encoding"), small.Header().Get("Vary"))
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{"gzip"}, true},
		{[]string{"br, GZIP;q=0.5"}, true},
		{[]string{"deflate", "gzip"}, true},
		{[]string{"gzip;q=0, deflate"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"br"}, false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		for _, v := range tt.header {
			r.Header.Add("Accept-Encoding", v)
		}
		if got := acceptsGzip(r); got != tt.want {
			t.Errorf("Accept-Encoding %q: %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	a := testApp(t)
	for _, target := range []string{
		"/app/assets/missing-abc123.js",
		"/app/assets/",
		"/app/nope",
		"/app/dist/index.html",
		"/app/assets/../index.html",
		"/application",
		"/graphql",
		"/",
	} {
		if rec := webapptest.Do(a, http.MethodGet, target, nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, rec.Code)
		}
	}
	rec := webapptest.Do(a, http.MethodPost, "/app/", nil)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /app/: status %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}

func TestNewRefusesABuildWithoutIndex(t *testing.T) {
	_, err := New("/app", fstest.MapFS{"assets/main.js": {Data: []byte("1")}}, testCSP)
	if err == nil || !strings.Contains(err.Error(), "no index.html") {
		t.Errorf("error %v, want one naming the missing index.html", err)
	}
}
