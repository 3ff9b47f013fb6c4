package export

// GraphML and GEXF 1.3: XML written element by element.

import (
	"bufio"
	"encoding/xml"
	"strconv"
)

// esc writes s escaped for XML text and attribute values (quotes, newlines
// and tabs included; characters XML cannot hold become U+FFFD).
func esc(w *bufio.Writer, s string) { _ = xml.EscapeText(w, []byte(s)) }

// ---- GraphML ----

// GraphML (graphml.graphdrawing.org) declares typed keys: integers are
// "long", booleans "boolean", dates "string" (GraphML has no date type;
// values are YYYY-MM-DD) and lists "string" holding a JSON array.
type graphML struct{ w *bufio.Writer }

func newGraphML(w *bufio.Writer) encoder { return &graphML{w} }

func graphMLType(t Type) string {
	switch t {
	case Int:
		return "long"
	case Bool:
		return "boolean"
	}
	return "string"
}

func (g *graphML) begin() error {
	w := g.w
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for i, c := range NodeColumns {
		w.WriteString(`  <key id="n` + strconv.Itoa(i) + `" for="node" attr.name="` + c.Name + `" attr.type="` + graphMLType(c.Type) + `"/>` + "\n")
	}
	for i, c := range EdgeColumns {
		w.WriteString(`  <key id="e` + strconv.Itoa(i) + `" for="edge" attr.name="` + c.Name + `" attr.type="` + graphMLType(c.Type) + `"/>` + "\n")
	}
	_, err := w.WriteString(`  <graph id="mandategraph" edgedefault="directed">` + "\n")
	return err
}

func (g *graphML) data(prefix string, cols []Column, vals []any) {
	for _, i := range present(cols, vals) {
		g.w.WriteString(`      <data key="` + prefix + strconv.Itoa(i) + `">`)
		esc(g.w, text(vals[i]))
		g.w.WriteString("</data>\n")
	}
}

func (g *graphML) node(id string, vals []any) error {
	g.w.WriteString(`    <node id="`)
	esc(g.w, id)
	g.w.WriteString("\">\n")
	g.data("n", NodeColumns, vals)
	_, err := g.w.WriteString("    </node>\n")
	return err
}

func (g *graphML) edge(id, source, target string, vals []any) error {
	g.w.WriteString(`    <edge id="`)
	esc(g.w, id)
	g.w.WriteString(`" source="`)
	esc(g.w, source)
	g.w.WriteString(`" target="`)
	esc(g.w, target)
	g.w.WriteString("\">\n")
	g.data("e", EdgeColumns, vals)
	_, err := g.w.WriteString("    </edge>\n")
	return err
}

func (g *graphML) end() error {
	_, err := g.w.WriteString("  </graph>\n</graphml>\n")
	return err
}

// ---- GEXF 1.3 ----

// GEXF 1.3 (gexf.net) declares typed attributes: integers "long", booleans
// "boolean", dates "string" (GEXF's only dates are the lifetimes of
// dynamic graphs; values are YYYY-MM-DD) and lists "liststring", written
// as a JSON array of strings. Node labels are the label attribute of
// <node>; an edge's relationship type is its kind (1.3's multigraph edge
// kind) and also its "kind" attribute; a relation's strength is its weight.
type gexf struct {
	w         *bufio.Writer
	edgesOpen bool
}

func newGEXF(w *bufio.Writer) encoder { return &gexf{w: w} }

func gexfType(t Type) string {
	switch t {
	case Int:
		return "long"
	case Bool:
		return "boolean"
	case List:
		return "liststring"
	}
	return "string"
}

func (g *gexf) begin() error {
	w := g.w
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n" +
		"  <meta>\n    <creator>mandategraph</creator>\n  </meta>\n" +
		`  <graph defaultedgetype="directed" mode="static">` + "\n" +
		`    <attributes class="node">` + "\n")
	for i, c := range NodeColumns {
		if c.Name == "label" {
			continue // the node's label attribute
		}
		w.WriteString(`      <attribute id="n` + strconv.Itoa(i) + `" title="` + c.Name + `" type="` + gexfType(c.Type) + `"/>` + "\n")
	}
	w.WriteString("    </attributes>\n" + `    <attributes class="edge">` + "\n")
	for i, c := range EdgeColumns {
		w.WriteString(`      <attribute id="e` + strconv.Itoa(i) + `" title="` + c.Name + `" type="` + gexfType(c.Type) + `"/>` + "\n")
	}
	_, err := w.WriteString("    </attributes>\n    <nodes>\n")
	return err
}

func (g *gexf) attvalues(prefix string, cols []Column, vals []any, skip ...string) {
	idx := present(cols, vals, skip...)
	if len(idx) == 0 {
		return
	}
	g.w.WriteString("        <attvalues>\n")
	for _, i := range idx {
		g.w.WriteString(`          <attvalue for="` + prefix + strconv.Itoa(i) + `" value="`)
		esc(g.w, text(vals[i]))
		g.w.WriteString("\"/>\n")
	}
	g.w.WriteString("        </attvalues>\n")
}

func (g *gexf) node(id string, vals []any) error {
	g.w.WriteString(`      <node id="`)
	esc(g.w, id)
	g.w.WriteString(`" label="`)
	label, _ := vals[nodeLabelCol].(string)
	esc(g.w, label)
	g.w.WriteString("\">\n")
	g.attvalues("n", NodeColumns, vals, "label")
	_, err := g.w.WriteString("      </node>\n")
	return err
}

func (g *gexf) edge(id, source, target string, vals []any) error {
	g.openEdges()
	g.w.WriteString(`      <edge id="`)
	esc(g.w, id)
	g.w.WriteString(`" source="`)
	esc(g.w, source)
	g.w.WriteString(`" target="`)
	esc(g.w, target)
	kind, _ := vals[edgeKindCol].(string)
	g.w.WriteString(`" kind="`)
	esc(g.w, kind)
	if s, ok := vals[edgeStrengthCol].(int64); ok {
		g.w.WriteString(`" weight="` + strconv.FormatInt(s, 10))
	}
	g.w.WriteString("\">\n")
	g.attvalues("e", EdgeColumns, vals)
	_, err := g.w.WriteString("      </edge>\n")
	return err
}

// openEdges closes <nodes> and opens <edges>, once.
func (g *gexf) openEdges() {
	if !g.edgesOpen {
		g.edgesOpen = true
		g.w.WriteString("    </nodes>\n    <edges>\n")
	}
}

func (g *gexf) end() error {
	g.openEdges()
	_, err := g.w.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return err
}
