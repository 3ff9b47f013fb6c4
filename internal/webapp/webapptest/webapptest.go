// Package webapptest checks a committed single-page build for what a page
// served by package webapp must hold: it loads only its own files, from
// below its prefix, and names no host that has not been reviewed.
package webapptest

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
)

var (
	attrRe = regexp.MustCompile(`\b(?:src|href)\s*=\s*"([^"]*)"`)
	urlRe  = regexp.MustCompile(`https?://([^/"'\x60\s)<>\\]*)`)
	cssRe  = regexp.MustCompile(`url\(\s*["']?([^"')]*)`)
	hostRe = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
)

// Do serves one request with the given headers and returns the recorded
// response.
func Do(h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
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

// AssetRefs returns the src and href values of an HTML page.
func AssetRefs(index []byte) []string {
	var refs []string
	for _, m := range attrRe.FindAllSubmatch(index, -1) {
		refs = append(refs, string(m[1]))
	}
	return refs
}

// CheckLocal fails t with every Problem of the build in dist.
func CheckLocal(t *testing.T, dist fs.FS, prefix string, harmless map[string]string) {
	t.Helper()
	problems, err := Problems(dist, prefix, harmless)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// Problems lists what keeps the build in dist (its root holds index.html)
// from being self-contained for serving below prefix: index.html must name
// no other host and reference only files under prefix/assets/ that the
// build has; stylesheets must import nothing and point only at data: URLs
// or the build's own files; scripts may name only the hosts in harmless
// (host → why it is harmless: a string the code never fetches), each
// unreviewed host reported once.
func Problems(dist fs.FS, prefix string, harmless map[string]string) ([]string, error) {
	var out []string
	report := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		return nil, fmt.Errorf("the build has no index.html: %w", err)
	}
	if m := hostRe.Find(index); m != nil {
		report("index.html contains an external URL %q", m)
	}
	refs := AssetRefs(index)
	if len(refs) == 0 {
		report("index.html references no assets")
	}
	assets := prefix + "/assets/"
	for _, ref := range refs {
		if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
			continue
		}
		if !strings.HasPrefix(ref, assets) {
			report("index.html references %q, want a path under %s (the Vite base)", ref, assets)
			continue
		}
		if _, err := fs.Stat(dist, strings.TrimPrefix(ref, prefix+"/")); err != nil {
			report("index.html references %q, which is not in the build", ref)
		}
	}
	seen := map[string]bool{}
	err = fs.WalkDir(dist, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(dist, p)
		if err != nil {
			return err
		}
		switch path.Ext(p) {
		case ".css":
			if strings.Contains(string(body), "@import") {
				report("%s: @import", p)
			}
			for _, m := range cssRe.FindAllSubmatch(body, -1) {
				u := string(m[1])
				if !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, assets) && strings.Contains(u, ":") {
					report("%s: url(%s) is not local", p, u)
				}
			}
			if m := urlRe.Find(body); m != nil {
				report("%s: contains %q", p, m)
			}
		case ".js", ".mjs":
			for _, m := range urlRe.FindAllSubmatch(body, -1) {
				host := string(m[1])
				if _, ok := harmless[host]; !ok && !seen[host] {
					report("%s: URL %q to an unreviewed host %q; check it is not loaded at run time, then add it to the harmless hosts", p, m[0], host)
				}
				seen[host] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the build: %w", err)
	}
	return out, nil
}
