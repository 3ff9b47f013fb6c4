package main

import (
	"fmt"
	"strconv"

	"github.com/mandategraph/mandategraph/httpapi"
)

// The switches of the HTML pages: off in a deployment that serves only the
// API.
const (
	envPlayground = "HTTP_PLAYGROUND"
	envExplorer   = "HTTP_EXPLORER"
)

// serveSettings are serve's production switches besides the limits and
// timeouts: which pages it serves, who may call it from a browser, and
// whether it may write the schema.
type serveSettings struct {
	playground, explorer bool
	applySchema          bool
	origins              []string
}

func serveSettingsFromEnv(getenv func(string) string) (serveSettings, error) {
	s := serveSettings{playground: true, explorer: true, applySchema: true}
	for _, v := range []struct {
		key string
		dst *bool
	}{{envPlayground, &s.playground}, {envExplorer, &s.explorer}, {httpapi.EnvApplySchema, &s.applySchema}} {
		if raw := getenv(v.key); raw != "" {
			b, err := strconv.ParseBool(raw)
			if err != nil {
				return s, fmt.Errorf("%s=%q: want true or false", v.key, raw)
			}
			*v.dst = b
		}
	}
	var err error
	s.origins, err = httpapi.OriginsFromEnv(getenv)
	return s, err
}
