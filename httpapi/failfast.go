package httpapi

import (
	"errors"
	"net/http"
	"strings"
)

// failFast answers a GraphQL request at once with UNAVAILABLE while the
// readiness watcher's last check found Neo4j down, instead of letting the
// request wait for the driver's connection timeouts (15 to 45 s). Before
// the first check, and as soon as a check (the watcher's, or a /readyz
// probe's) passes again, requests go through.
func failFast(readiness *Readiness, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ready, err := readiness.Status(); !ready && !errors.Is(err, errNotChecked) {
			media := "application/json"
			if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
				media = "application/graphql-response+json"
			}
			w.Header().Set("Content-Type", media+"; charset=utf-8")
			w.Header().Set("Retry-After", "5")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"errors":[{"message":"the database is unavailable; try again shortly","extensions":{"code":"UNAVAILABLE"}}]}`))
			return
		}
		next.ServeHTTP(w, r)
	})
}
