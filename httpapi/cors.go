package httpapi

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// EnvCORSOrigins is the CORS allow-list: comma-separated origins such as
// https://analysis.example.org, or * for any origin. Unset: no
// cross-origin access, as before the setting existed.
const EnvCORSOrigins = "HTTP_CORS_ORIGINS"

// OriginsFromEnv reads EnvCORSOrigins. Each origin must be scheme://host
// with an optional port (what a browser sends in Origin), so a typo such
// as a trailing path is an error at start, not a silent mismatch.
func OriginsFromEnv(getenv func(string) string) ([]string, error) {
	var origins []string
	for _, o := range strings.Split(getenv(EnvCORSOrigins), ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o != "*" {
			u, err := url.Parse(o)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
				(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
				return nil, fmt.Errorf("%s: %q is not an origin; want scheme://host[:port], e.g. https://analysis.example.org, or *", EnvCORSOrigins, o)
			}
			o = strings.ToLower(u.Scheme + "://" + u.Host)
		}
		origins = append(origins, o)
	}
	return origins, nil
}

// cors lets the allowed origins read next's responses from a browser.
// With no origins it adds nothing: a cross-origin page can then neither
// read a response nor pass the preflight a JSON POST needs (the handlers
// answer OPTIONS with 405). The API uses no cookies or HTTP
// authentication, so it never sends Access-Control-Allow-Credentials, and
// * is safe to answer with.
func cors(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	anyOrigin := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		// The answer depends on Origin: caches must not serve one origin's
		// answer to another.
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		allowed := origin != "" && (anyOrigin || slices.Contains(origins, strings.ToLower(origin)))
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if preflight {
			if !allowed {
				http.Error(w, "cross-origin requests from this origin are not allowed ("+EnvCORSOrigins+")", http.StatusForbidden)
				return
			}
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Origin", allowOrigin(anyOrigin, origin))
			h.Set("Access-Control-Allow-Methods", "GET, POST, HEAD")
			h.Set("Access-Control-Allow-Headers", "Content-Type, Accept")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if allowed {
			h.Set("Access-Control-Allow-Origin", allowOrigin(anyOrigin, origin))
			h.Set("Access-Control-Expose-Headers", "Retry-After, Content-Disposition")
		}
		next.ServeHTTP(w, r)
	})
}

func allowOrigin(anyOrigin bool, origin string) string {
	if anyOrigin {
		return "*"
	}
	return origin
}
