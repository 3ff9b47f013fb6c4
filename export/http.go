package export

// The exports over HTTP: GET /export/<file>?mission=&nodeKinds=&edgeKinds=,
// e.g. /export/graph.gexf?mission=MONUSCO.

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/mandategraph/mandategraph/policy"
)

// Prefix is where the exports are mounted.
const Prefix = "/export/"

// MaxConcurrent is how many exports run at once; more get 503 with
// Retry-After, so a burst of requests cannot take every core.
const MaxConcurrent = 2

// ParseFilter reads a filter from query parameters: mission (an id),
// nodeKinds and edgeKinds (comma-separated, or repeated). Unknown
// parameters are an error, so a typo does not silently export everything.
func ParseFilter(q url.Values) (Filter, error) {
	var f Filter
	for key, vals := range q {
		switch key {
		case "mission":
			if len(vals) != 1 || vals[0] == "" {
				return f, policy.Errorf(policy.EINVALID, "mission takes one mission id, e.g. mission=MONUSCO")
			}
			f.Mission = vals[0]
		case "nodeKinds":
			f.NodeKinds = splitList[policy.NodeKind](vals)
		case "edgeKinds":
			f.EdgeKinds = splitList[policy.EdgeKind](vals)
		default:
			return f, policy.Errorf(policy.EINVALID, "unknown parameter %q (want mission, nodeKinds or edgeKinds)", key)
		}
	}
	return f, nil
}

func splitList[T ~string](vals []string) []T {
	var out []T
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, T(p))
			}
		}
	}
	return out
}

// Handler serves every format at Prefix + its File name.
func Handler(src Source, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	sem := make(chan struct{}, MaxConcurrent)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, Prefix)
		var format *Format
		for i := range Formats {
			if Formats[i].File == name {
				format = &Formats[i]
			}
		}
		if format == nil || !strings.HasPrefix(r.URL.Path, Prefix) {
			var files []string
			for _, f := range Formats {
				files = append(files, Prefix+f.File)
			}
			http.Error(w, fmt.Sprintf("no export at %s; the exports are %s", r.URL.Path, strings.Join(files, ", ")), http.StatusNotFound)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		filter, err := ParseFilter(r.URL.Query())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		select {
		case sem <- struct{}{}:
			defer func() { <-sem }()
		default:
			w.Header().Set("Retry-After", "5")
			http.Error(w, fmt.Sprintf("%d exports are running; try again in a few seconds", MaxConcurrent), http.StatusServiceUnavailable)
			return
		}
		lw := &lazyHeaders{w: w, set: func(h http.Header) {
			h.Set("Content-Type", format.ContentType)
			h.Set("Content-Disposition", `attachment; filename="`+format.FileName(filter)+`"`)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Cache-Control", "no-store")
		}}
		if r.Method == http.MethodHead {
			// Validate the filter as GET would, but write no body.
			lw.head = true
		}
		err = Write(r.Context(), src, *format, filter, lw)
		switch {
		case err == nil:
			lw.start()
		case lw.started:
			// Part of the document is out: abort the response so the client
			// sees a broken transfer, not a complete-looking file.
			logger.Error("export failed mid-stream", "path", r.URL.Path, "err", err)
			panic(http.ErrAbortHandler)
		default:
			status, msg := http.StatusInternalServerError, "the export failed; see the server log"
			var perr *policy.Error
			if errors.As(err, &perr) {
				switch perr.Code {
				case policy.EINVALID:
					status, msg = http.StatusBadRequest, perr.Message
				case policy.ENOTFOUND:
					status, msg = http.StatusNotFound, perr.Message
				case policy.EUNAVAILABLE:
					status, msg = http.StatusServiceUnavailable, perr.Message
				}
			}
			if status == http.StatusInternalServerError {
				logger.Error("export failed", "path", r.URL.Path, "err", err)
			}
			http.Error(w, msg, status)
		}
	})
}

// lazyHeaders sets the response headers at the first byte, so an error
// found before then (an unknown mission) can still be a plain 4xx.
type lazyHeaders struct {
	w       http.ResponseWriter
	set     func(http.Header)
	started bool
	head    bool
}

func (l *lazyHeaders) start() {
	if !l.started {
		l.started = true
		l.set(l.w.Header())
		l.w.WriteHeader(http.StatusOK)
	}
}

func (l *lazyHeaders) Write(p []byte) (int, error) {
	l.start()
	if l.head {
		return len(p), nil
	}
	return l.w.Write(p)
}
