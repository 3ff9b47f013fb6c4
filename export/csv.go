package export

// CSV node and edge tables (RFC 4180, with a header row): one column per
// declared property, empty when a row lacks it. Integers are decimal,
// booleans true/false, dates YYYY-MM-DD, lists a JSON array of strings.
// A node table reads no edges, an edge table no nodes.

import (
	"bufio"
	"encoding/csv"
)

type nodesCSV struct {
	w   *bufio.Writer
	csv *csv.Writer
}

func newNodesCSV(w *bufio.Writer) encoder { return &nodesCSV{w, csv.NewWriter(w)} }

func header(first []string, cols []Column) []string {
	for _, c := range cols {
		first = append(first, c.Name)
	}
	return first
}

func cells(first []string, vals []any) []string {
	for _, v := range vals {
		if v == nil {
			first = append(first, "")
		} else {
			first = append(first, text(v))
		}
	}
	return first
}

func (c *nodesCSV) begin() error { return c.csv.Write(header([]string{"id"}, NodeColumns)) }
func (c *nodesCSV) node(id string, vals []any) error {
	return c.csv.Write(cells([]string{id}, vals))
}
func (c *nodesCSV) edge(id, source, target string, vals []any) error { return nil }
func (c *nodesCSV) end() error                                       { c.csv.Flush(); return c.csv.Error() }

type edgesCSV struct {
	w   *bufio.Writer
	csv *csv.Writer
}

func newEdgesCSV(w *bufio.Writer) encoder { return &edgesCSV{w, csv.NewWriter(w)} }

func (c *edgesCSV) begin() error {
	return c.csv.Write(header([]string{"id", "source", "target"}, EdgeColumns))
}
func (c *edgesCSV) node(id string, vals []any) error { return nil }
func (c *edgesCSV) edge(id, source, target string, vals []any) error {
	return c.csv.Write(cells([]string{id, source, target}, vals))
}
func (c *edgesCSV) end() error { c.csv.Flush(); return c.csv.Error() }
