package explore

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestServesIndexAndAssets(t *testing.T) {
	h := Handler()
	for _, target := range []string{"/explore", "/explore/", "/explore/index.html"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("GET %s: %d %q", target, rec.Code, rec.Header().Get("Content-Type"))
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self'") || !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: CSP %q does not keep the page on its origin", target, csp)
		}
		if !strings.Contains(rec.Body.String(), `/explore/assets/`) {
			t.Errorf("GET %s: no /explore/assets/ reference", target)
		}
	}
	var js int
	for _, name := range app().Names() {
		if strings.HasPrefix(name, "assets/") {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, Prefix+"/"+name, nil))
			if rec.Code != 200 || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
				t.Errorf("GET %s: %d, Cache-Control %q", name, rec.Code, rec.Header().Get("Cache-Control"))
			}
			if strings.HasSuffix(name, ".js") {
				js++
			}
		}
	}
	if js == 0 {
		t.Error("no script in dist/assets")
	}
	for _, target := range []string{"/explore/nope", "/explore/src/main.js", "/playground"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != 404 {
			t.Errorf("GET %s: %d, want 404", target, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/explore/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}
