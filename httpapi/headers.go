package httpapi

import "net/http"

// securityHeaders marks every response nosniff, so a browser never runs a
// JSON answer or an export as a script or page whatever its content. The
// HTML pages (playground/, explore/) set their own Content-Security-Policy,
// X-Frame-Options and Referrer-Policy beside it.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}
