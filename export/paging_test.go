package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/mandategraph/mandategraph/export"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
	"github.com/mandategraph/mandategraph/policy/policytest"
)

// A graph of more than one page of nodes (neo4jdb.ExportPageSize) is
// exported whole: every node and edge once, nodes in id order.
func TestExportCrossesPages(t *testing.T) {
	ds := policytest.Dataset(2*neo4jdb.ExportPageSize/10 + 7) // ~10 nodes a mission
	store := neo4jtest.Open(t)
	rep, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantNodes, wantEdges := 0, 0
	for _, n := range ds.Counts() {
		wantNodes += n
	}
	for _, c := range rep.Relationships {
		wantEdges += c.Created + c.Updated + c.Unchanged
	}
	wantNodes -= len(ds.Relations) // Counts includes relations, which are edges
	if wantNodes <= neo4jdb.ExportPageSize {
		t.Fatalf("%d nodes is one page; make the dataset larger", wantNodes)
	}
	f, _ := export.Lookup("graphology")
	var buf bytes.Buffer
	if err := export.Write(context.Background(), store, f, export.Filter{}, &buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct{ Key string } `json:"nodes"`
		Edges []struct{ Key string } `json:"edges"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Nodes) != wantNodes || len(doc.Edges) != wantEdges {
		t.Fatalf("%d nodes, %d edges; loaded %d and %d", len(doc.Nodes), len(doc.Edges), wantNodes, wantEdges)
	}
	seen := map[string]bool{}
	for i, n := range doc.Nodes {
		if seen[n.Key] || i > 0 && doc.Nodes[i-1].Key >= n.Key {
			t.Fatalf("node %d (%s) out of order or repeated", i, n.Key)
		}
		seen[n.Key] = true
	}
	edges := map[string]bool{}
	for _, e := range doc.Edges {
		if edges[e.Key] {
			t.Fatalf("edge %s twice", e.Key)
		}
		edges[e.Key] = true
	}
	t.Logf("%d nodes and %d edges in pages of %d", wantNodes, wantEdges, neo4jdb.ExportPageSize)
}
