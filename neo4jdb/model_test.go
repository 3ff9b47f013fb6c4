package neo4jdb

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

// Read queries spell labels and relationship types inline, for
// readability; every one of them must be a constant of model.go, so a
// renamed label or type cannot leave a query reading what no load writes.
func TestCypherUsesModelLabels(t *testing.T) {
	labels := append([]string{LabelEntity, LabelStaged, LabelRetired, LabelLoadLock}, NodeLabels...)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	// :Name or :A|B right after a variable, "(" or "[" (a property map's
	// "key: value" has a space after the colon).
	re := regexp.MustCompile(`[(\[\w]:(\w+(?:\|\w+)*)`)
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || !strings.HasPrefix(lit.Value, "`") {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for _, m := range re.FindAllStringSubmatch(s, -1) {
				for _, name := range strings.Split(m[1], "|") {
					checked++
					if !slices.Contains(labels, name) && !slices.Contains(RelTypes, name) {
						t.Errorf("%s: Cypher names %q, which is neither a label nor a relationship type of model.go", f, name)
					}
				}
			}
			return true
		})
	}
	if checked < 50 {
		t.Errorf("checked only %d label uses; is the pattern still finding them?", checked)
	}
}

// The domain's node and edge kinds (the API's NodeKind and EdgeKind) are
// exactly the model's kind labels and relationship types.
func TestKindsMatchDomain(t *testing.T) {
	var nodes, edges []string
	for _, k := range policy.NodeKinds {
		nodes = append(nodes, string(k))
	}
	for _, k := range policy.EdgeKinds {
		edges = append(edges, string(k))
	}
	slices.Sort(nodes)
	slices.Sort(edges)
	labels, types := slices.Sorted(slices.Values(NodeLabels)), slices.Sorted(slices.Values(RelTypes))
	if !slices.Equal(nodes, labels) {
		t.Errorf("policy.NodeKinds %v, model labels %v", nodes, labels)
	}
	if !slices.Equal(edges, types) {
		t.Errorf("policy.EdgeKinds %v, model types %v", edges, types)
	}
}
