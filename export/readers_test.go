package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/export"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
	"github.com/mandategraph/mandategraph/policy"
)

// The exports, read back by parsers that share no code with the writers:
// networkx (GraphML, GEXF), graphology (its serialization), Python's csv
// (the tables), and the documented Cytoscape.js shape. Each is compared,
// node by node and edge by edge, with the graph read from the database.

const requireTools = "MANDATEGRAPH_REQUIRE_BROWSER" // CI sets it: missing readers fail

// readers finds the Python with networkx and the node_modules with
// graphology that scripts/export-readers.sh installs.
func readers(t *testing.T) (python, node string) {
	t.Helper()
	python = filepath.Join("..", ".cache", "export-readers", "venv", "bin", "python")
	if p := os.Getenv("MANDATEGRAPH_PYTHON"); p != "" {
		python = p
	}
	missing := func(what string, err error) {
		msg := fmt.Sprintf("%s is missing (%v); run scripts/export-readers.sh", what, err)
		if os.Getenv(requireTools) == "1" {
			t.Fatalf("%s=1 but %s", requireTools, msg)
		}
		t.Skipf("%s; set %s=1 to make this a failure", msg, requireTools)
	}
	if out, err := exec.Command(python, "-c", "import networkx").CombinedOutput(); err != nil {
		missing("Python with networkx ("+python+")", fmt.Errorf("%v: %s", err, out))
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("Node.js", err)
	}
	if _, err := os.Stat("testdata/readers/node_modules/graphology/package.json"); err != nil {
		missing("graphology (npm ci in export/testdata/readers)", err)
	}
	return python, node
}

func bundled(t *testing.T) (*neo4jdb.Store, *policy.Dataset) {
	t.Helper()
	ds, diags := loader.Read("../data")
	if len(diags) > 0 {
		t.Fatalf("the bundled dataset does not validate: %v", diags.Lines())
	}
	store := neo4jtest.Open(t)
	if _, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{}); err != nil {
		t.Fatalf("load the bundled dataset: %v", err)
	}
	return store, ds
}

func writeExport(t *testing.T, store *neo4jdb.Store, format string, f export.Filter) string {
	t.Helper()
	fm, err := export.Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), fm.FileName(f))
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := export.Write(context.Background(), store, fm, f, out); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func runReader(t *testing.T, name string, args ...string) map[string]any {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// want is the graph as the database holds it, read without the `graph`
// query's node cap (neo4jdb's WholeGraph), keyed by id.
type want struct {
	nodes map[string]policy.GraphNode
	edges map[string]policy.GraphEdge
}

func wantGraph(t *testing.T, store *neo4jdb.Store) want {
	t.Helper()
	g, err := store.WholeGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w := want{nodes: map[string]policy.GraphNode{}, edges: map[string]policy.GraphEdge{}}
	for _, n := range g.Nodes {
		w.nodes[n.ID] = n
	}
	for _, e := range g.Edges {
		if _, dup := w.edges[e.ID]; dup {
			t.Fatalf("two edges with id %s", e.ID)
		}
		w.edges[e.ID] = e
	}
	return w
}

// pyType is the Python type networkx gives a stored value: GraphML and
// GEXF have integers and booleans; dates are strings; lists are strings
// holding a JSON array.
func pyType(v any) string {
	switch v.(type) {
	case int64:
		return "int"
	case bool:
		return "bool"
	}
	return "str"
}

// sameValue compares a reader's value with the stored one (lists arrive as
// JSON text in GraphML/GEXF/CSV and as arrays in JSON).
func sameValue(stored, got any) bool {
	if list, ok := stored.([]any); ok {
		if s, isStr := got.(string); isStr {
			var parsed []any
			if json.Unmarshal([]byte(s), &parsed) != nil {
				return false
			}
			got = parsed
		}
		a, _ := json.Marshal(list)
		b, _ := json.Marshal(got)
		return bytes.Equal(a, b)
	}
	if i, ok := stored.(int64); ok {
		f, isNum := got.(float64)
		return isNum && f == float64(i)
	}
	return stored == got
}

// checkNetworkx compares a networkx reading with the stored graph.
func checkNetworkx(t *testing.T, got map[string]any, w want) {
	t.Helper()
	nodes, _ := got["nodes"].(map[string]any)
	edges, _ := got["edges"].([]any)
	if len(nodes) != len(w.nodes) || len(edges) != len(w.edges) {
		t.Fatalf("networkx read %d nodes and %d edges, the database has %d and %d", len(nodes), len(edges), len(w.nodes), len(w.edges))
	}
	typed := map[string]int{}
	for id, wn := range w.nodes {
		attrs, ok := nodes[id].(map[string]any)
		if !ok {
			t.Errorf("node %s missing", id)
			continue
		}
		if k := tagged(attrs["kind"]); k.v != wn.Kind {
			t.Errorf("node %s: kind %v, want %s", id, k.v, wn.Kind)
		}
		for key, sv := range wn.Properties {
			if key == "id" || key == "kind" {
				continue
			}
			g := tagged(attrs[key])
			if g.t != pyType(sv) || !sameValue(sv, g.v) {
				t.Errorf("node %s: %s = %s %v, want %s %v", id, key, g.t, g.v, pyType(sv), sv)
				continue
			}
			typed[g.t]++
		}
		for key := range attrs {
			if _, stored := wn.Properties[key]; !stored && key != "kind" && key != "label" {
				t.Errorf("node %s: attribute %s that the database does not have", id, key)
			}
		}
	}
	for _, v := range edges {
		e, _ := v.(map[string]any)
		id, _ := e["id"].(string)
		we, ok := w.edges[id]
		if !ok {
			t.Errorf("edge %s not in the database", id)
			continue
		}
		if e["source"] != we.Source || e["target"] != we.Target {
			t.Errorf("edge %s: %v → %v, want %s → %s", id, e["source"], e["target"], we.Source, we.Target)
		}
		attrs, _ := e["attrs"].(map[string]any)
		if k := tagged(attrs["kind"]); k.v != we.Kind {
			t.Errorf("edge %s: kind %v, want %s", id, k.v, we.Kind)
		}
		if s, ok := we.Properties["strength"].(int64); ok {
			if g := tagged(attrs["strength"]); g.t != "int" || g.v != float64(s) {
				t.Errorf("edge %s: strength %s %v, want int %d", id, g.t, g.v, s)
			}
			typed["edge strength int"]++
		}
		if m, ok := we.Properties["mechanism"].(string); ok && tagged(attrs["mechanism"]).v != m {
			t.Errorf("edge %s: mechanism %v, want %s", id, tagged(attrs["mechanism"]).v, m)
		}
	}
	for _, ty := range []string{"int", "bool", "str", "edge strength int"} {
		if typed[ty] == 0 {
			t.Errorf("no %s value compared: the check would miss a lost type", ty)
		}
	}
	t.Logf("networkx %v: %d nodes, %d edges, typed values compared: %v", got["networkx"], len(nodes), len(edges), typed)
}

type tv struct {
	t string
	v any
}

func tagged(v any) tv {
	m, _ := v.(map[string]any)
	t, _ := m["t"].(string)
	return tv{t, m["v"]}
}

func TestExportsReadBackByIndependentParsers(t *testing.T) {
	python, node := readers(t)
	store, _ := bundled(t)
	w := wantGraph(t, store)

	t.Run("graphml by networkx", func(t *testing.T) {
		got := runReader(t, python, "testdata/readers/read.py", "graphml", writeExport(t, store, "graphml", export.Filter{}))
		checkNetworkx(t, got, w)
	})
	t.Run("gexf by networkx", func(t *testing.T) {
		got := runReader(t, python, "testdata/readers/read.py", "gexf", writeExport(t, store, "gexf", export.Filter{}))
		checkNetworkx(t, got, w)
	})
	t.Run("graphology by graphology", func(t *testing.T) {
		got := runReader(t, node, "testdata/readers/read.mjs", writeExport(t, store, "graphology", export.Filter{}))
		if got["type"] != "directed" || got["multi"] != true {
			t.Errorf("graphology made a %v graph (multi %v), want a directed multigraph", got["type"], got["multi"])
		}
		if got["order"] != float64(len(w.nodes)) || got["size"] != float64(len(w.edges)) {
			t.Fatalf("graphology: order %v, size %v; the database has %d nodes, %d edges", got["order"], got["size"], len(w.nodes), len(w.edges))
		}
		jsType := map[string]string{"int": "number", "bool": "boolean", "str": "string"}
		nodes, _ := got["nodes"].(map[string]any)
		for id, wn := range w.nodes {
			attrs, _ := nodes[id].(map[string]any)
			for key, sv := range wn.Properties {
				if key == "id" {
					continue
				}
				g := tagged(attrs[key])
				wt := jsType[pyType(sv)]
				if _, isList := sv.([]any); isList {
					wt = "array"
				}
				if g.t != wt || !sameValue(sv, g.v) {
					t.Errorf("node %s: %s = %s %v, want %s %v", id, key, g.t, g.v, wt, sv)
				}
			}
		}
		edges, _ := got["edges"].([]any)
		for _, v := range edges {
			e, _ := v.(map[string]any)
			we, ok := w.edges[e["id"].(string)]
			if !ok || e["source"] != we.Source || e["target"] != we.Target {
				t.Errorf("edge %v: not the database's (%+v)", e["id"], we)
			}
		}
	})
	t.Run("cytoscape shape", func(t *testing.T) {
		b, err := os.ReadFile(writeExport(t, store, "cytoscape", export.Filter{}))
		if err != nil {
			t.Fatal(err)
		}
		// js.cytoscape.org, "Notation: elements JSON": elements.nodes[].data
		// with an id, elements.edges[].data with id, source and target.
		var doc struct {
			Elements struct {
				Nodes []struct {
					Group string         `json:"group"`
					Data  map[string]any `json:"data"`
				} `json:"nodes"`
				Edges []struct {
					Group string         `json:"group"`
					Data  map[string]any `json:"data"`
				} `json:"edges"`
			} `json:"elements"`
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("not Cytoscape elements JSON: %v", err)
		}
		if len(doc.Elements.Nodes) != len(w.nodes) || len(doc.Elements.Edges) != len(w.edges) {
			t.Fatalf("%d nodes, %d edges; the database has %d and %d", len(doc.Elements.Nodes), len(doc.Elements.Edges), len(w.nodes), len(w.edges))
		}
		ids := map[string]bool{}
		for _, n := range doc.Elements.Nodes {
			id, _ := n.Data["id"].(string)
			wn, ok := w.nodes[id]
			if n.Group != "nodes" || !ok || ids[id] {
				t.Errorf("node %v: group %q, known %v, duplicate %v", n.Data["id"], n.Group, ok, ids[id])
				continue
			}
			ids[id] = true
			for key, sv := range wn.Properties {
				if !sameValue(sv, n.Data[key]) {
					t.Errorf("node %s: %s = %v (%T), want %v", id, key, n.Data[key], n.Data[key], sv)
				}
			}
		}
		for _, e := range doc.Elements.Edges {
			id, _ := e.Data["id"].(string)
			src, _ := e.Data["source"].(string)
			tgt, _ := e.Data["target"].(string)
			if e.Group != "edges" || !ids[src] || !ids[tgt] || ids[id] {
				t.Errorf("edge %q: group %q, source %q and target %q must be node ids, and its id unique", id, e.Group, src, tgt)
			}
			ids[id] = true
			if we := w.edges[id]; we.Source != src || we.Target != tgt || e.Data["kind"] != we.Kind {
				t.Errorf("edge %s: %s -%v-> %s, want %s -%s-> %s", id, src, e.Data["kind"], tgt, we.Source, we.Kind, we.Target)
			}
		}
	})
	t.Run("csv by Python's csv", func(t *testing.T) {
		nodes := runReader(t, python, "testdata/readers/read.py", "nodes-csv", writeExport(t, store, "nodes-csv", export.Filter{}))
		edges := runReader(t, python, "testdata/readers/read.py", "edges-csv", writeExport(t, store, "edges-csv", export.Filter{}))
		nrows, _ := nodes["rows"].([]any)
		erows, _ := edges["rows"].([]any)
		if len(nrows) != len(w.nodes) || len(erows) != len(w.edges) {
			t.Fatalf("csv: %d node rows, %d edge rows; the database has %d and %d", len(nrows), len(erows), len(w.nodes), len(w.edges))
		}
		for _, v := range nrows {
			r, _ := v.(map[string]any)
			wn, ok := w.nodes[r["id"].(string)]
			if !ok || r["kind"] != wn.Kind {
				t.Errorf("node row %v: not the database's", r["id"])
				continue
			}
			for key, sv := range wn.Properties {
				if key == "id" {
					continue
				}
				cell, _ := r[key].(string)
				if !sameValue(sv, cell) && fmt.Sprint(sv) != cell {
					t.Errorf("node %s: %s = %q, want %v", wn.ID, key, cell, sv)
				}
			}
		}
		for _, v := range erows {
			r, _ := v.(map[string]any)
			we, ok := w.edges[r["id"].(string)]
			if !ok || r["source"] != we.Source || r["target"] != we.Target || r["kind"] != we.Kind {
				t.Errorf("edge row %v: not the database's", r)
			}
		}
	})
}

// missionPart is the MONUSCO part of the graph, computed from the dataset
// by the rule ExportFilter documents, independently of the Cypher.
func missionPart(ds *policy.Dataset, mission string) map[string]bool {
	in := map[string]bool{mission: true}
	for _, m := range ds.Mandates {
		tasks := false
		for _, id := range m.Missions {
			tasks = tasks || id == mission
		}
		if !tasks {
			continue
		}
		in[m.ID] = true
		for _, c := range m.Clauses {
			in[c.ID] = true
			for _, a := range c.Agendas {
				in[a] = true
			}
		}
		for _, id := range m.Cites {
			for _, d := range ds.Documents {
				if d.ID == id {
					in[id] = true
				}
			}
		}
	}
	for _, r := range ds.Relations {
		if r.Mission == mission {
			in[r.Source], in[r.Target] = true, true
		}
	}
	return in
}

func TestMissionExportOverHTTP(t *testing.T) {
	store, ds := bundled(t)
	srv := httptest.NewServer(http.StripPrefix("", export.Handler(store, nil)))
	defer srv.Close()

	res, err := http.Get(srv.URL + "/export/graph.cytoscape.json?mission=MONUSCO")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="mandategraph-MONUSCO.cytoscape.json"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	want := missionPart(ds, "MONUSCO")
	var got []string
	for _, n := range doc.Elements.Nodes {
		got = append(got, n.Data["id"].(string))
	}
	var wantIDs []string
	for id := range want {
		wantIDs = append(wantIDs, id)
	}
	sort.Strings(wantIDs)
	if strings.Join(got, "\n") != strings.Join(wantIDs, "\n") {
		t.Errorf("MONUSCO export has %d nodes, the dataset's MONUSCO part %d", len(got), len(wantIDs))
	}
	for _, e := range doc.Elements.Edges {
		if !want[e.Data["source"].(string)] || !want[e.Data["target"].(string)] {
			t.Errorf("edge %v leaves the mission's part", e.Data["id"])
		}
	}
	t.Logf("MONUSCO: %d nodes, %d edges", len(got), len(doc.Elements.Edges))

	for _, c := range []struct {
		path   string
		status int
		says   string
	}{
		{"/export/graph.gexf?mission=NOPE", 404, `no mission with id "NOPE"`},
		{"/export/graph.gexf?nodeKinds=Planet", 400, `unknown node kind "Planet"`},
		{"/export/graph.gexf?misison=MONUSCO", 400, `unknown parameter "misison"`},
		{"/export/graph.pdf", 404, "the exports are"},
	} {
		res, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		_, _ = body.ReadFrom(res.Body)
		res.Body.Close()
		if res.StatusCode != c.status || !strings.Contains(body.String(), c.says) {
			t.Errorf("GET %s: %d %q, want %d saying %q", c.path, res.StatusCode, body.String(), c.status, c.says)
		}
	}
	for _, f := range export.Formats {
		res, err := http.Head(srv.URL + export.Prefix + f.File + "?edgeKinds=TENSION,CONVERGENCE")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != f.ContentType {
			t.Errorf("HEAD %s: %d %q", f.File, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
}
