// Package export writes the graph, or the part a filter selects, in the
// formats network tools read: GraphML, GEXF 1.3, Cytoscape.js elements
// JSON, graphology's serialization, and CSV node and edge tables.
//
// Every format is streamed: nodes and edges are written as neo4jdb walks
// them, page by page, through a buffered writer, so an export's memory does
// not grow with the graph. Properties keep their types as far as each
// format allows (see the format's writer, and docs/architecture.md):
// integers as integers, booleans as booleans, dates as YYYY-MM-DD (a date
// type where the format has one: none of these does, so they are typed
// strings), lists as lists (JSON arrays where the format has no list).
package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/policy"
)

// Source is what an export reads: neo4jdb.Store satisfies it.
type Source interface {
	WalkGraph(ctx context.Context, f neo4jdb.ExportFilter, w neo4jdb.GraphWalker) error
}

var _ Source = (*neo4jdb.Store)(nil)

// Filter is the part of the graph to export (see neo4jdb.ExportFilter).
type Filter = neo4jdb.ExportFilter

// Format is one export format.
type Format struct {
	Name        string // the --format value
	File        string // the file name under /export/ and the default suffix
	ContentType string
	new         func(w *bufio.Writer) encoder
	noNodes     bool // the format has no nodes (edges-csv)
	noEdges     bool // the format has no edges (nodes-csv)
}

// Formats lists every format, in the order help texts show them.
var Formats = []Format{
	{"graphml", "graph.graphml", "application/graphml+xml; charset=utf-8", newGraphML, false, false},
	{"gexf", "graph.gexf", "application/gexf+xml; charset=utf-8", newGEXF, false, false},
	{"cytoscape", "graph.cytoscape.json", "application/json; charset=utf-8", newCytoscape, false, false},
	{"graphology", "graph.graphology.json", "application/json; charset=utf-8", newGraphology, false, false},
	{"nodes-csv", "nodes.csv", "text/csv; charset=utf-8; header=present", newNodesCSV, false, true},
	{"edges-csv", "edges.csv", "text/csv; charset=utf-8; header=present", newEdgesCSV, true, false},
}

// FormatNames returns the format names, comma-separated.
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// Lookup returns the format with the given name.
func Lookup(name string) (Format, error) {
	for _, f := range Formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, policy.Errorf(policy.EINVALID, "unknown export format %q (want one of %s)", name, FormatNames())
}

// FileName is the name an export of this format and filter is saved as,
// e.g. mandategraph-MONUSCO.gexf.
func (f Format) FileName(filter Filter) string {
	base := "mandategraph"
	if filter.Mission != "" {
		base += "-" + safeName(filter.Mission)
	}
	if strings.HasPrefix(f.File, "graph.") {
		return base + strings.TrimPrefix(f.File, "graph")
	}
	return base + "-" + f.File
}

// safeName keeps letters, digits, '-' and '_' (mission ids are acronyms).
func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// encoder writes one format: begin, the nodes, the edges, end.
type encoder interface {
	begin() error
	node(id string, vals []any) error
	edge(id, source, target string, vals []any) error
	end() error
}

// Write streams the filtered graph from src to w in format f. Nothing is
// written when the filter is invalid (an unknown kind or mission); an
// error later leaves w with an incomplete document.
func Write(ctx context.Context, src Source, f Format, filter Filter, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := f.new(bw)
	nodeIdx, edgeIdx := columnIndex(NodeColumns), columnIndex(EdgeColumns)
	started := false
	start := func() error {
		if started {
			return nil
		}
		started = true
		return enc.begin()
	}
	walker := neo4jdb.GraphWalker{
		Node: func(n neo4jdb.ExportNode) error {
			if err := start(); err != nil {
				return err
			}
			vals, err := row("node "+n.ID, NodeColumns, nodeIdx, n.Properties, map[string]any{"kind": n.Kind, "label": n.Label})
			if err != nil {
				return err
			}
			return enc.node(n.ID, vals)
		},
		Edge: func(e neo4jdb.ExportEdge) error {
			vals, err := row("edge "+e.ID, EdgeColumns, edgeIdx, e.Properties, map[string]any{"kind": e.Kind})
			if err != nil {
				return err
			}
			if err := start(); err != nil {
				return err
			}
			return enc.edge(e.ID, e.Source, e.Target, vals)
		},
	}
	if f.noNodes {
		walker.Node = nil
	}
	if f.noEdges {
		walker.Edge = nil
	}
	if err := src.WalkGraph(ctx, filter, walker); err != nil {
		return err
	}
	if err := start(); err != nil { // an empty selection is an empty document
		return err
	}
	if err := enc.end(); err != nil {
		return err
	}
	return bw.Flush()
}

// row puts props (and the fixed values) in column order, checking each
// value's type against its column.
func row(what string, cols []Column, idx map[string]int, props, fixed map[string]any) ([]any, error) {
	vals := make([]any, len(cols))
	for k, v := range fixed {
		vals[idx[k]] = v
	}
	for k, v := range props {
		i, ok := idx[k]
		if !ok {
			return nil, fmt.Errorf("export: %s has property %q, which export.NodeColumns/EdgeColumns do not declare: add it there (export/schema.go)", what, k)
		}
		if _, isFixed := fixed[k]; isFixed {
			continue
		}
		want := cols[i].Type
		okType := false
		switch v.(type) {
		case string:
			okType = want == String
		case int64:
			okType = want == Int
		case bool:
			okType = want == Bool
		case policy.Date:
			okType = want == Date
		case []string:
			okType = want == List
		}
		if !okType {
			return nil, fmt.Errorf("export: %s: property %q is %T, but its column is declared %s", what, k, v, typeName(want))
		}
		vals[i] = v
	}
	return vals, nil
}

func typeName(t Type) string {
	return [...]string{"String", "Int", "Bool", "Date", "List"}[t]
}

// text renders a value as text: integers in decimal, booleans as
// true/false, dates as YYYY-MM-DD, lists as a JSON array of strings.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case policy.Date:
		return x.String()
	case []string:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

// jsonValue is a value for the JSON formats: dates as YYYY-MM-DD strings,
// everything else as itself.
func jsonValue(v any) any {
	if d, ok := v.(policy.Date); ok {
		return d.String()
	}
	return v
}

// present returns the indices of the columns with a value, skipping those
// listed.
func present(cols []Column, vals []any, skip ...string) []int {
	var out []int
	for i, v := range vals {
		if v != nil && !slices.Contains(skip, cols[i].Name) {
			out = append(out, i)
		}
	}
	return out
}
