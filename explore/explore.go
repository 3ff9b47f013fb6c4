// Package explore serves the graph explorer at /explore.
//
// The page is a static Vite build of web/explorer (sigma.js and graphology
// from npm, pinned by its package-lock.json) committed under dist/ and embedded in the
// binary, so `go build` needs no Node.js and the page needs no internet: it
// loads nothing but its own assets and talks only to /graphql on the same
// origin. Regenerate dist/ with scripts/build-explorer.sh (see README.md).
package explore

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// Prefix is where the explorer is mounted. The Vite build uses it as its
// base, so every asset URL in index.html starts with Prefix + "/assets/".
const Prefix = "/explore"

//go:embed dist
var distFS embed.FS

// contentSecurityPolicy keeps the page offline by construction: scripts,
// styles, images and requests may only come from this origin; the page
// reads everything through /graphql. The views set style attributes
// (colours of kinds and agendas), hence 'unsafe-inline' for styles only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'self'"

const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// file is one embedded file, ready to serve.
type file struct {
	name        string // path inside dist/, e.g. "assets/index-abc.js"
	body        []byte
	contentType string
	cache       string
	etag        string

	gzOnce sync.Once
	gz     []byte // gzip of body, or nil when not worth it
}

func (f *file) gzipped() []byte {
	f.gzOnce.Do(func() {
		if len(f.body) < 1024 || !compressible(f.contentType) {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(f.body)
		_ = zw.Close()
		if buf.Len() < len(f.body) {
			f.gz = buf.Bytes()
		}
	})
	return f.gz
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") ||
		strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "image/svg+xml")
}

var (
	loadOnce sync.Once
	files    map[string]*file // keyed by path inside dist/
)

func load() {
	files = map[string]*file{}
	err := fs.WalkDir(distFS, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := distFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "dist/")
		sum := sha256.Sum256(body)
		f := &file{
			name:        name,
			body:        body,
			contentType: contentType(name),
			cache:       cacheRevalidate,
			etag:        `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
		}
		// Vite names everything under assets/ by content hash, so those
		// URLs never change meaning and may be cached forever.
		if strings.HasPrefix(name, "assets/") {
			f.cache = cacheImmutable
		}
		files[name] = f
		return nil
	})
	if err != nil {
		panic("explore: reading embedded dist: " + err.Error())
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".ttf":
		return "font/ttf"
	case ".png":
		return "image/png"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Handler serves the explorer: index.html at /explore and /explore/,
// the build's files below /explore/ (assets under /explore/assets/).
// It expects the full request path, as mounted on a mux at both
// "/explore" and "/explore/"; anything else is 404. Only GET and HEAD
// are allowed.
func Handler() http.Handler {
	loadOnce.Do(load)
	return http.HandlerFunc(serve)
}

func serve(w http.ResponseWriter, r *http.Request) {
	var name string
	switch p := r.URL.Path; {
	case p == Prefix || p == Prefix+"/" || p == Prefix+"/index.html":
		name = "index.html"
	case strings.HasPrefix(p, Prefix+"/"):
		name = strings.TrimPrefix(p, Prefix+"/")
	default:
		http.NotFound(w, r)
		return
	}
	f, ok := files[name]
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
		h.Set("Content-Security-Policy", contentSecurityPolicy)
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
