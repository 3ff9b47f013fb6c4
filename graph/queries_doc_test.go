package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// docExample is a ```graphql block of docs/queries.md and the ```json
// answer excerpt that follows it.
type docExample struct {
	line    int
	query   string
	excerpt string
}

var fence = regexp.MustCompile("(?s)```(graphql|json)\n(.*?)```")

func docExamples(t *testing.T, path string) []docExample {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	var out []docExample
	for _, m := range fence.FindAllStringSubmatchIndex(text, -1) {
		lang, body := text[m[2]:m[3]], text[m[4]:m[5]]
		line := 1 + strings.Count(text[:m[0]], "\n")
		switch {
		case lang == "graphql":
			out = append(out, docExample{line: line, query: body})
		case len(out) > 0 && out[len(out)-1].excerpt == "":
			out[len(out)-1].excerpt = body
		}
	}
	return out
}

// TestDocumentedQueries runs every query of docs/queries.md against the
// bundled dataset (data/) and checks that it returns no errors, a
// non-empty answer, and an answer that contains the documented excerpt.
// Print the current answers with
// MANDATEGRAPH_PRINT_ANSWERS=1 go test ./graph/ -run TestDocumentedQueries -v
func TestDocumentedQueries(t *testing.T) {
	examples := docExamples(t, "../docs/queries.md")
	if len(examples) < 6 {
		t.Fatalf("docs/queries.md has %d graphql examples, want at least 6", len(examples))
	}
	ds, diags := loader.Read("../data")
	if len(diags) > 0 {
		t.Fatalf("the bundled dataset does not validate (%d problems):\n%s", diags.Count(), strings.Join(diags.Lines(), "\n"))
	}
	store := neo4jtest.Open(t)
	if _, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{}); err != nil {
		t.Fatalf("load the bundled dataset: %v", err)
	}
	a := &api{store: store, handler: graph.NewHandler(store, graph.DefaultLimits, quietLogger())}
	for _, ex := range examples {
		t.Run(fmt.Sprintf("line %d", ex.line), func(t *testing.T) {
			res := a.post(t, ex.query, nil)
			if res.Status != 200 || len(res.Errors) > 0 {
				t.Fatalf("status %d, errors %+v", res.Status, res.Errors)
			}
			var data map[string]any
			if err := json.Unmarshal(res.Data, &data); err != nil {
				t.Fatal(err)
			}
			for field, v := range data {
				if !nonEmpty(v) {
					t.Errorf("%s is empty: %s", field, res.Data)
				}
			}
			if os.Getenv("MANDATEGRAPH_PRINT_ANSWERS") != "" {
				pretty, _ := json.MarshalIndent(data, "", "  ")
				t.Logf("answer:\n%s", pretty)
			}
			if ex.excerpt == "" {
				t.Fatalf("no ```json answer excerpt after the query")
			}
			var excerpt any
			if err := json.Unmarshal([]byte(ex.excerpt), &excerpt); err != nil {
				t.Fatalf("the answer excerpt is not JSON: %v", err)
			}
			if path, ok := contains(map[string]any{"data": data}, excerpt, "$"); !ok {
				t.Errorf("the real answer does not contain the documented excerpt at %s", path)
			}
		})
	}
}

// nonEmpty reports whether a root field's answer has something in it: a
// non-empty list, a connection or graph with edges or nodes, any object.
func nonEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case []any:
		return len(x) > 0
	case map[string]any:
		if e, ok := x["edges"]; ok {
			return nonEmpty(e)
		}
		if n, ok := x["nodes"]; ok {
			return nonEmpty(n)
		}
		return len(x) > 0
	}
	return true
}

// contains reports whether the excerpt is part of got: objects by their
// keys (got may have more), lists element-wise in any order (got may have
// more elements), scalars by equality. It returns where a mismatch is.
func contains(got, excerpt any, path string) (string, bool) {
	switch e := excerpt.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path, false
		}
		for k, ev := range e {
			if p, ok := contains(g[k], ev, path+"."+k); !ok {
				return p, false
			}
		}
		return "", true
	case []any:
		g, ok := got.([]any)
		if !ok {
			return path, false
		}
		for i, ev := range e {
			found := false
			for _, gv := range g {
				if _, ok := contains(gv, ev, path); ok {
					found = true
					break
				}
			}
			if !found {
				return fmt.Sprintf("%s[%d]", path, i), false
			}
		}
		return "", true
	}
	return path, got == excerpt
}
