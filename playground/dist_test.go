package playground

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/internal/webapp/webapptest"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The committed build is what the binary serves: these tests read dist/
// exactly as embedded.

// Hosts that appear in the bundled JavaScript as plain strings: SVG/XML
// namespaces, links in error messages and GraphQL built-in descriptions, and
// the GraphiQL logo link (replaced by our own logo). None is fetched. A new
// host here after an upgrade must be looked at before it is allowed.
var harmlessHosts = map[string]string{
	"www.w3.org":       "XML/SVG namespace",
	"reactjs.org":      "React error decoder link in error messages",
	"github.com":       "GraphiQL's default logo link (not rendered: we set our own logo)",
	"yarnpkg.com":      "link in a warning message",
	"en.wikipedia.org": "GraphQL Float scalar description",
	"commonmark.org":   "GraphQL @deprecated description",
	"codemirror.net":   "link in a CodeMirror error message",
	"${e.url}":         "markdown-it linkify template",
	"":                 "markdown-it linkify prefix",
}

func TestDistReferencesOnlyLocalAssets(t *testing.T) {
	dist, err := fs.Sub(distFS, "dist")
	if err != nil {
		t.Fatal(err)
	}
	webapptest.CheckLocal(t, dist, Prefix, harmlessHosts)
}

type example struct {
	Title string `json:"title"`
	Query string `json:"query"`
}

func readExamples(t *testing.T) []example {
	t.Helper()
	b, err := distFS.ReadFile("dist/examples.json")
	if err != nil {
		t.Fatalf("dist/examples.json is missing: run scripts/build-playground.sh (%v)", err)
	}
	var ex []example
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatalf("dist/examples.json: %v", err)
	}
	return ex
}

// The analyst questions the playground opens with; their queries are the
// contract with schema.graphqls.
func TestExamplesAreTheAnalystQuestions(t *testing.T) {
	want := []struct{ title, operation, rootField string }{
		{"POC and SSR tensions", "PocSsrTensions", "relations"},
		{"Where POC and SSR co-exist", "PocSsrOverlap", "agendaOverlap"},
		{"MONUSCO mandate timeline", "MonuscoTimeline", "mandateTimeline"},
		{"Neighbourhood for a network view", "Neighbourhood", "neighborhood"},
		{"Search", "Search", "search"},
	}
	ex := readExamples(t)
	if len(ex) != len(want) {
		t.Fatalf("%d examples, want %d", len(ex), len(want))
	}
	for i, w := range want {
		if ex[i].Title != w.title {
			t.Errorf("example %d: title %q, want %q", i, ex[i].Title, w.title)
		}
		doc, err := parser.ParseQuery(&ast.Source{Name: w.title, Input: ex[i].Query})
		if err != nil {
			t.Errorf("example %q does not parse: %v", w.title, err)
			continue
		}
		if len(doc.Operations) != 1 || doc.Operations[0].Operation != ast.Query {
			t.Errorf("example %q: want exactly one query operation", w.title)
			continue
		}
		op := doc.Operations[0]
		if op.Name != w.operation {
			t.Errorf("example %q: operation %q, want %q", w.title, op.Name, w.operation)
		}
		if len(op.SelectionSet) != 1 {
			t.Errorf("example %q: %d root selections, want 1", w.title, len(op.SelectionSet))
		} else if f, ok := op.SelectionSet[0].(*ast.Field); !ok || f.Name != w.rootField {
			t.Errorf("example %q: root field is not %q", w.title, w.rootField)
		}
	}
}

// Once schema.graphqls exists in the module, every example must validate
// against it. Until then (or while it does not load on its own, e.g. mid-way
// through being written) this test skips and says why.
func TestExamplesValidateAgainstSchema(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "web", "testdata", ".neo4j", "dist":
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".graphqls") {
			paths = append(paths, p)
		}
		return nil
	})
	if len(paths) == 0 {
		t.Skip("no *.graphqls in the module yet: nothing to validate the examples against")
	}
	sort.Strings(paths)
	var sources []*ast.Source
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		sources = append(sources, &ast.Source{Name: rel, Input: string(b)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Skipf("schema %v does not load on its own (%v); its own tests cover that", paths, err)
	}
	for _, ex := range readExamples(t) {
		if _, errs := gqlparser.LoadQuery(schema, ex.Query); len(errs) > 0 {
			t.Errorf("example %q does not validate against %v: %v", ex.Title, paths, errs)
		}
	}
}
