// Package explore serves the graph explorer at /explore.
//
// The page is a static Vite build of web/explorer (sigma.js and graphology
// from npm, pinned by its package-lock.json) committed under dist/ and embedded in the
// binary, so `go build` needs no Node.js and the page needs no internet: it
// loads nothing but its own assets and talks only to /graphql on the same
// origin. Regenerate dist/ with scripts/build-explorer.sh (see README.md).
package explore

import (
	"embed"
	"net/http"

	"github.com/mandategraph/mandategraph/internal/webapp"
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

var app = webapp.Embedded(Prefix, distFS, "dist", contentSecurityPolicy)

// Handler serves the explorer: index.html at /explore and /explore/,
// the build's files below /explore/ (assets under /explore/assets/).
// It expects the full request path, as mounted on a mux at both
// "/explore" and "/explore/"; anything else is 404. Only GET and HEAD
// are allowed.
func Handler() http.Handler { return app() }
