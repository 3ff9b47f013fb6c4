package playground

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

const chromiumPath = "/usr/bin/chromium"

// TestBrowserRendersGraphiQL loads the embedded playground in headless
// Chromium (Debian's package) and checks that GraphiQL mounts with the
// example tabs. There is no API behind /graphql here, and no fake of one:
// GraphiQL's introspection request simply gets a 404, which the page shows.
//
// Skips only when Chromium is absent and MANDATEGRAPH_REQUIRE_BROWSER != 1.
func TestBrowserRendersGraphiQL(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("MANDATEGRAPH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("MANDATEGRAPH_REQUIRE_BROWSER=1 but %s is missing (apt-get install -y chromium): %v", chromiumPath, err)
		}
		t.Skipf("%s not installed (apt-get install -y chromium); set MANDATEGRAPH_REQUIRE_BROWSER=1 to make this a failure", chromiumPath)
	}

	type request struct {
		method, path, contentType, accept string
	}
	var (
		mu       sync.Mutex
		requests []request
	)
	mux := http.NewServeMux()
	mux.Handle(Prefix, Handler())
	mux.Handle(Prefix+"/", Handler())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, request{r.Method, r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Accept")})
		mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromiumPath,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=5000",
		"--window-size=1400,900",
		"--enable-logging=stderr", "--v=0",
		"--dump-dom", srv.URL+Prefix,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\nstderr:\n%s", err, tail(stderr.String(), 4000))
	}
	dom := stdout.String()

	for _, want := range []string{
		`class="graphiql-container"`, // GraphiQL mounted
		`class="CodeMirror`,          // the editors exist
		`graphiql-tab-button`,        // the tab bar
		`mandategraph`,               // our logo
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %q", want)
		}
	}
	if strings.Contains(dom, "Loading the GraphQL playground") {
		t.Error("the page still shows its loading placeholder: the bundle did not run")
	}
	// Each example is a tab, titled by its operation name.
	for _, op := range []string{"PocSsrTensions", "PocSsrOverlap", "MonuscoTimeline", "Neighbourhood", "Search"} {
		if !strings.Contains(dom, `graphiql-tab-button">`+op+`</button>`) {
			t.Errorf("no tab titled %q in the rendered DOM", op)
		}
	}
	// The first tab's editor shows its analyst question.
	if !strings.Contains(dom, "POC and SSR tensions") {
		t.Error("the active tab does not show the question \"POC and SSR tensions\"")
	}
	// The Content-Security-Policy keeps the page on its own origin; nothing
	// it loads may be refused by it.
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "Content Security Policy") || strings.Contains(line, "Refused to") {
			t.Errorf("browser console: %s", line)
		}
	}

	mu.Lock()
	defer mu.Unlock()
	var sawScript, sawCSS bool
	for _, r := range requests {
		switch {
		case strings.HasPrefix(r.path, Prefix+"/assets/") && strings.HasSuffix(r.path, ".js"):
			sawScript = true
		case strings.HasPrefix(r.path, Prefix+"/assets/") && strings.HasSuffix(r.path, ".css"):
			sawCSS = true
		case r.path == Prefix || r.path == Prefix+"/":
		case r.path == "/graphql":
			// GraphiQL's introspection, per the GraphQL-over-HTTP spec.
			if r.method != http.MethodPost || r.contentType != "application/json" ||
				r.accept != "application/graphql-response+json, application/json" {
				t.Errorf("request to /graphql: %s, Content-Type %q, Accept %q", r.method, r.contentType, r.accept)
			}
		default:
			t.Errorf("unexpected request %s %s", r.method, r.path)
		}
	}
	if !sawScript || !sawCSS {
		t.Errorf("the page did not load its script and stylesheet from /playground/assets/: %+v", requests)
	}
	t.Logf("rendered %d bytes of DOM; the page made %d requests, all to this server", len(dom), len(requests))
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
