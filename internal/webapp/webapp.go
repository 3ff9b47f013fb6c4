// Package webapp serves a static single-page build (a Vite dist/ directory
// embedded in the binary) below one path prefix: index.html at the prefix,
// with the page's Content-Security-Policy; every other file under
// prefix/, with its content type, an ETag, gzip when the client takes it,
// and caching forever for the content-hashed files under assets/. The
// playground and the explorer are two of them.
package webapp

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// App serves one build. Its files are read once, by New.
type App struct {
	prefix string
	csp    string
	files  map[string]*file // keyed by path inside the build
}

// New reads every file of dist (the build's root, e.g. fs.Sub(embedded,
// "dist")) for serving below prefix (e.g. "/playground", no trailing
// slash), index.html with the Content-Security-Policy csp.
func New(prefix string, dist fs.FS, csp string) (*App, error) {
	a := &App{prefix: prefix, csp: csp, files: map[string]*file{}}
	err := fs.WalkDir(dist, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(dist, p)
		if err != nil {
			return err
		}
		a.files[p] = newFile(p, body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the build for %s: %w", prefix, err)
	}
	if a.files["index.html"] == nil {
		return nil, fmt.Errorf("the build for %s has no index.html", prefix)
	}
	return a, nil
}

// Embedded returns a function that makes the App of the build in the
// directory dir of an embedded file system on its first call and returns
// the same App after. A build that cannot be read is a broken binary, not
// a condition to handle, so it panics.
func Embedded(prefix string, files fs.FS, dir, csp string) func() *App {
	return sync.OnceValue(func() *App {
		dist, err := fs.Sub(files, dir)
		if err != nil {
			panic(fmt.Sprintf("the build for %s: %v", prefix, err))
		}
		a, err := New(prefix, dist, csp)
		if err != nil {
			panic(err.Error())
		}
		return a
	})
}

// Names lists the files the app serves, as paths below its prefix.
func (a *App) Names() []string {
	names := make([]string, 0, len(a.files))
	for n := range a.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ServeHTTP expects the full request path, as mounted on a mux at both
// prefix and prefix/: index.html at prefix, prefix/ and prefix/index.html,
// the build's files below prefix/; anything else is 404. Only GET and HEAD
// are allowed.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var name string
	switch p := r.URL.Path; {
	case p == a.prefix || p == a.prefix+"/" || p == a.prefix+"/index.html":
		name = "index.html"
	case strings.HasPrefix(p, a.prefix+"/"):
		name = strings.TrimPrefix(p, a.prefix+"/")
	default:
		http.NotFound(w, r)
		return
	}
	f, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}

	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cache)
	h.Set("X-Content-Type-Options", "nosniff")
	if name == "index.html" {
		h.Set("Content-Security-Policy", a.csp)
		h.Set("Referrer-Policy", "no-referrer")
		// frame-ancestors for browsers that predate it.
		h.Set("X-Frame-Options", "SAMEORIGIN")
	}

	body, etag := f.body, f.etag
	if gz := f.gzipped(); gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body = gz
			etag = strings.TrimSuffix(f.etag, `"`) + `-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	// ServeContent answers If-None-Match with 304 and handles HEAD and Range.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (ignoring the rare explicit "gzip;q=0").
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
				q := strings.ReplaceAll(params, " ", "")
				return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
			}
		}
	}
	return false
}
