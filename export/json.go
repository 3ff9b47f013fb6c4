package export

// Cytoscape.js elements JSON and graphology's serialization, written
// element by element. JSON has numbers, booleans and arrays: integers,
// booleans and lists keep their types; dates are YYYY-MM-DD strings.

import (
	"bufio"
	"encoding/json"
)

// attrs returns the present columns as a JSON object's members.
func attrs(cols []Column, vals []any, into map[string]any) map[string]any {
	for _, i := range present(cols, vals) {
		into[cols[i].Name] = jsonValue(vals[i])
	}
	return into
}

// jsonList writes the elements of one JSON array: a comma before all but
// the first.
type jsonList struct {
	w *bufio.Writer
	n int
}

func (l *jsonList) add(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if l.n > 0 {
		l.w.WriteString(",\n")
	}
	l.n++
	_, err = l.w.Write(b)
	return err
}

// ---- Cytoscape.js ----

// Cytoscape.js elements JSON (js.cytoscape.org, "Notation: elements
// JSON"): {"elements": {"nodes": [{"data": {...}}], "edges": [{"data":
// {...}}]}}; data.id, data.source and data.target are the ids, the other
// data fields the properties.
type cytoscape struct {
	w         *bufio.Writer
	list      jsonList
	edgesOpen bool
}

func newCytoscape(w *bufio.Writer) encoder { return &cytoscape{w: w, list: jsonList{w: w}} }

func (c *cytoscape) begin() error {
	_, err := c.w.WriteString(`{"elements": {"nodes": [` + "\n")
	return err
}

func (c *cytoscape) node(id string, vals []any) error {
	return c.list.add(map[string]any{"group": "nodes", "data": attrs(NodeColumns, vals, map[string]any{"id": id})})
}

func (c *cytoscape) openEdges() {
	if !c.edgesOpen {
		c.edgesOpen = true
		c.w.WriteString("\n],\n" + `"edges": [` + "\n")
		c.list.n = 0
	}
}

func (c *cytoscape) edge(id, source, target string, vals []any) error {
	c.openEdges()
	return c.list.add(map[string]any{"group": "edges",
		"data": attrs(EdgeColumns, vals, map[string]any{"id": id, "source": source, "target": target})})
}

func (c *cytoscape) end() error {
	c.openEdges()
	_, err := c.w.WriteString("\n]}}\n")
	return err
}

// ---- graphology ----

// graphology's serialization (graphology.github.io/serialization.html):
// {"attributes", "options", "nodes": [{"key", "attributes"}], "edges":
// [{"key", "source", "target", "attributes"}]}; a directed multigraph, as
// two nodes can be joined by edges of several kinds.
type graphology struct {
	w         *bufio.Writer
	list      jsonList
	edgesOpen bool
}

func newGraphology(w *bufio.Writer) encoder { return &graphology{w: w, list: jsonList{w: w}} }

func (g *graphology) begin() error {
	_, err := g.w.WriteString(`{"attributes": {"name": "mandategraph"},` + "\n" +
		`"options": {"type": "directed", "multi": true, "allowSelfLoops": true},` + "\n" +
		`"nodes": [` + "\n")
	return err
}

func (g *graphology) node(id string, vals []any) error {
	return g.list.add(map[string]any{"key": id, "attributes": attrs(NodeColumns, vals, map[string]any{})})
}

func (g *graphology) openEdges() {
	if !g.edgesOpen {
		g.edgesOpen = true
		g.w.WriteString("\n],\n" + `"edges": [` + "\n")
		g.list.n = 0
	}
}

func (g *graphology) edge(id, source, target string, vals []any) error {
	g.openEdges()
	return g.list.add(map[string]any{"key": id, "source": source, "target": target,
		"attributes": attrs(EdgeColumns, vals, map[string]any{})})
}

func (g *graphology) end() error {
	g.openEdges()
	_, err := g.w.WriteString("\n]}\n")
	return err
}
