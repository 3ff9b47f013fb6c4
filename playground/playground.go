// Package playground serves the GraphiQL playground at /playground.
//
// The page is a static Vite build of web/playground (GraphiQL from npm,
// pinned by its package-lock.json) committed under dist/ and embedded in the
// binary, so `go build` needs no Node.js and the page needs no internet: it
// loads nothing but its own assets and talks only to /graphql on the same
// origin. Regenerate dist/ with scripts/build-playground.sh (see README.md).
package playground

import (
	"embed"
	"net/http"

	"github.com/mandategraph/mandategraph/internal/webapp"
)

// Prefix is where the playground is mounted. The Vite build uses it as its
// base, so every asset URL in index.html starts with Prefix + "/assets/".
const Prefix = "/playground"

//go:embed dist
var distFS embed.FS

// contentSecurityPolicy keeps the page offline by construction: scripts,
// styles, fonts and requests may only come from this origin (fonts and
// icons are inlined as data: URLs by the build). GraphiQL sets inline
// style attributes, hence 'unsafe-inline' for styles only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'self'"

var app = webapp.Embedded(Prefix, distFS, "dist", contentSecurityPolicy)

// Handler serves the playground: index.html at /playground and /playground/,
// the build's files below /playground/ (assets under /playground/assets/).
// It expects the full request path, as mounted on a mux at both
// "/playground" and "/playground/"; anything else is 404. Only GET and HEAD
// are allowed.
func Handler() http.Handler { return app() }
