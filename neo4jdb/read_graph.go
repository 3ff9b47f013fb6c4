package neo4jdb

// The API's reads, part 4: subgraphs for visualization (neighborhood,
// shortest path, the whole graph). Each is one query.

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// graphTypes validates a filter (policy.GraphFilter.Validate) and returns
// the Cypher relationship-type expression (":A|B"), the node kinds
// parameter (nil for all kinds) and the node limit.
func graphTypes(f policy.GraphFilter) (relTypes string, kinds any, limit int, err error) {
	if err := f.Validate(); err != nil {
		return "", nil, 0, err
	}
	types := RelTypes
	if len(f.EdgeKinds) > 0 {
		types = nil
		for _, k := range f.EdgeKinds {
			if !slices.Contains(RelTypes, string(k)) {
				return "", nil, 0, fmt.Errorf("internal error: edge kind %q is no relationship type of the model", k)
			}
			if !slices.Contains(types, string(k)) {
				types = append(types, string(k))
			}
		}
	}
	if len(f.NodeKinds) > 0 {
		labels := make([]string, 0, len(f.NodeKinds))
		for _, k := range f.NodeKinds {
			if kindByLabel[string(k)] == nil {
				return "", nil, 0, fmt.Errorf("internal error: node kind %q is no label of the model", k)
			}
			labels = append(labels, string(k))
		}
		kinds = labels
	}
	// Types come from the model's constants, never from input as such.
	return ":" + strings.Join(types, "|"), kinds, f.NodeLimit(), nil
}

// edgesAmong is a Cypher subquery: the edges of the given types among the
// nodes in the list nodes, as maps; without props, a relation's only
// property read is its id.
func edgesAmong(relTypes string, props bool) string {
	edgeProps := `properties(r)`
	if !props {
		edgeProps = `CASE WHEN r.id IS NULL THEN {} ELSE {id: r.id} END`
	}
	return `CALL (nodes) {
			UNWIND nodes AS a
			MATCH (a)-[r` + relTypes + `]->(b) WHERE b IN nodes
			WITH a, r, b ORDER BY type(r), a.id, b.id, r.id
			RETURN collect({type: type(r), src: a.id, tgt: b.id, props: ` + edgeProps + `}) AS edges
		}`
}

// nodeRows is a Cypher expression: the list nodes as they are returned,
// whole with props, else as maps of id, kind and label (the kind's
// display property) only.
func nodeRows(props bool) string {
	if props {
		return `nodes`
	}
	return `[n IN nodes | {id: n.id, kind: n.kind, label: ` + nodeLabel + `}]`
}

// nodeLabel is a Cypher expression: a node n's display property by its
// kind, from the kinds table (built once, not per query).
var nodeLabel = func() string {
	var label strings.Builder
	label.WriteString("CASE n.kind")
	for _, k := range nodeKinds {
		fmt.Fprintf(&label, " WHEN '%s' THEN n.%s", k.label, k.display)
	}
	label.WriteString(" END")
	return label.String()
}()

// Neighborhood returns the nodes within depth hops of the node with the
// given id, in order of distance then id (cut at the filter's limit), and
// the edges among them. Without props, neither nodes nor edges carry their
// properties (the Properties maps are nil) and none are read.
func (s *Store) Neighborhood(ctx context.Context, id string, depth int, f policy.GraphFilter, props bool) (policy.Graph, error) {
	if err := policy.CheckDepth(depth); err != nil {
		return policy.Graph{}, err
	}
	relTypes, kinds, limit, err := graphTypes(f)
	if err != nil {
		return policy.Graph{}, err
	}
	// Breadth-first, one level per block; a level is only expanded while
	// the nodes found so far fit in the limit, so a hub cannot make the
	// query walk the whole graph.
	var q strings.Builder
	q.WriteString(`MATCH (s:Entity {id: $id})
		WITH s, [s] AS seen, [s] AS frontier
		`)
	for range depth {
		q.WriteString(`CALL (s, seen, frontier) {
			UNWIND CASE WHEN size([x IN seen WHERE x <> s AND ($kinds IS NULL OR x.kind IN $kinds)]) >= $limit
			            THEN [] ELSE frontier END AS f
			MATCH (f)-[` + relTypes + `]-(n:Entity)
			WHERE NOT n IN seen
			WITH DISTINCT n ORDER BY n.id
			RETURN collect(n) AS next
		}
		WITH s, seen + next AS seen, next AS frontier
		`)
	}
	q.WriteString(`WITH s, [x IN seen WHERE x <> s AND ($kinds IS NULL OR x.kind IN $kinds)] AS found
		WITH [s] + found[0..$limit - 1] AS nodes, size(found) + 1 > $limit AS truncated
		` + edgesAmong(relTypes, props) + `
		RETURN ` + nodeRows(props) + ` AS nodes, truncated, edges`)
	recs, err := s.query(ctx, q.String(), map[string]any{"id": id, "kinds": kinds, "limit": int64(limit)})
	if err != nil {
		return policy.Graph{}, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	if len(recs) == 0 {
		return policy.Graph{}, policy.Errorf(policy.ENOTFOUND, "no node with id %q", id)
	}
	return graphFromRecord(recs[0], props)
}

// Subgraph returns the nodes of the filter's kinds (agendas, missions,
// documents, mandates, clauses, each by id, cut at the filter's limit) and
// the edges of its kinds among them.
func (s *Store) Subgraph(ctx context.Context, f policy.GraphFilter) (policy.Graph, error) {
	relTypes, kinds, limit, err := graphTypes(f)
	if err != nil {
		return policy.Graph{}, err
	}
	recs, err := s.query(ctx, `MATCH (n:Entity)
		WHERE $kinds IS NULL OR n.kind IN $kinds
		WITH n ORDER BY `+kindRank("n")+`, n.id
		WITH collect(n) AS matched
		WITH matched[0..$limit] AS nodes, size(matched) > $limit AS truncated
		`+edgesAmong(relTypes, true)+`
		RETURN nodes, truncated, edges`, map[string]any{"kinds": kinds, "limit": int64(limit)})
	if err != nil {
		return policy.Graph{}, fmt.Errorf("graph: %w", err)
	}
	if len(recs) != 1 {
		return policy.Graph{}, fmt.Errorf("graph: %d records, want 1", len(recs))
	}
	return graphFromRecord(recs[0], true)
}

// ShortestPath returns a shortest path of at most maxHops edges of the
// filter's kinds between two nodes, through nodes of the filter's kinds
// only, or nil when there is none.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxHops int, f policy.GraphFilter) (*policy.Graph, error) {
	if err := policy.CheckPathHops(maxHops); err != nil {
		return nil, err
	}
	relTypes, kinds, _, err := graphTypes(f)
	if err != nil {
		return nil, err
	}
	// The node-kind test is written only when kinds are asked for: Neo4j
	// then checks it while it searches, whereas under "$kinds IS NULL OR
	// all(...)" it finds the shortest paths first and, when none passes,
	// searches every path of up to maxHops edges. Cypher cannot take a
	// variable-length bound as a parameter; maxHops is a validated int.
	where := "a <> b"
	if kinds != nil {
		where += " AND all(x IN nodes(p) WHERE x.kind IN $kinds)"
	}
	recs, err := s.query(ctx, fmt.Sprintf(`OPTIONAL MATCH (a:Entity {id: $from})
		OPTIONAL MATCH (b:Entity {id: $to})
		CALL (a, b) {
			OPTIONAL MATCH p = shortestPath((a)-[%s*..%d]-(b))
			WHERE %s
			RETURN p
		}
		RETURN a, b, p`, relTypes, maxHops, where), map[string]any{"from": from, "to": to, "kinds": kinds})
	if err != nil {
		return nil, fmt.Errorf("shortest path from %q to %q: %w", from, to, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("shortest path: %d records, want 1", len(recs))
	}
	a, hasFrom, err := recordNode(recs[0], "a")
	if err != nil {
		return nil, err
	}
	_, hasTo, err := recordNode(recs[0], "b")
	if err != nil {
		return nil, err
	}
	switch {
	case !hasFrom:
		return nil, policy.Errorf(policy.ENOTFOUND, "no node with id %q", from)
	case !hasTo:
		return nil, policy.Errorf(policy.ENOTFOUND, "no node with id %q", to)
	case from == to:
		if k := kindOf(a); kinds != nil && (k == nil || !slices.Contains(f.NodeKinds, policy.NodeKind(k.label))) {
			return nil, nil
		}
		n, err := graphNodeFrom(a)
		if err != nil {
			return nil, err
		}
		return &policy.Graph{Nodes: []policy.GraphNode{n}, Edges: []policy.GraphEdge{}}, nil
	}
	path, isNil, err := neo4j.GetRecordValue[neo4j.Path](recs[0], "p")
	if err != nil {
		return nil, fmt.Errorf("column p: %w", err)
	}
	if isNil {
		return nil, nil
	}
	g := policy.Graph{Nodes: []policy.GraphNode{}, Edges: []policy.GraphEdge{}}
	ids := map[string]string{} // element id → id
	for _, n := range path.Nodes {
		gn, err := graphNodeFrom(n)
		if err != nil {
			return nil, err
		}
		ids[n.ElementId] = gn.ID
		g.Nodes = append(g.Nodes, gn)
	}
	for _, r := range path.Relationships {
		g.Edges = append(g.Edges, graphEdgeFrom(r.Type, ids[r.StartElementId], ids[r.EndElementId], r.Props))
	}
	return &g, nil
}

// graphFromRecord reads nodes, truncated and edges (edgesAmong, with
// withProps as it was given).
func graphFromRecord(rec *neo4j.Record, withProps bool) (policy.Graph, error) {
	g := policy.Graph{Nodes: []policy.GraphNode{}, Edges: []policy.GraphEdge{}}
	nodes, err := get[[]any](rec, "nodes")
	if err != nil {
		return g, err
	}
	if g.Truncated, err = get[bool](rec, "truncated"); err != nil {
		return g, err
	}
	edges, err := get[[]any](rec, "edges")
	if err != nil {
		return g, err
	}
	for _, v := range nodes {
		var gn policy.GraphNode
		switch n := v.(type) {
		case neo4j.Node:
			gn, err = graphNodeFrom(n)
		case map[string]any: // nodeRows without props
			id, ok1 := n["id"].(string)
			kind, ok2 := n["kind"].(string)
			label, _ := n["label"].(string)
			if !ok1 || !ok2 || kindByLabel[kind] == nil {
				err = fmt.Errorf("graph node row %v", n)
			}
			gn = policy.GraphNode{ID: id, Kind: kind, Label: cmp.Or(label, id)}
		default:
			err = fmt.Errorf("graph node is %T", v)
		}
		if err != nil {
			return g, err
		}
		g.Nodes = append(g.Nodes, gn)
	}
	for _, v := range edges {
		m, _ := v.(map[string]any)
		typ, ok1 := m["type"].(string)
		src, ok2 := m["src"].(string)
		tgt, ok3 := m["tgt"].(string)
		props, ok4 := m["props"].(map[string]any)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return g, fmt.Errorf("graph edge row %v", v)
		}
		e := graphEdgeFrom(typ, src, tgt, props)
		if !withProps {
			e.Properties = nil // only the id was read (edgesAmong)
		}
		g.Edges = append(g.Edges, e)
	}
	return g, nil
}

// graphNodeFrom turns a node into a GraphNode with a readable label.
func graphNodeFrom(n neo4j.Node) (policy.GraphNode, error) {
	p := &props{what: "node", id: n.Props["id"], m: n.Props}
	gn := policy.GraphNode{ID: p.str("id"), Properties: jsonProps(n.Props)}
	if k := kindOf(n); k != nil {
		gn.Kind, gn.Label = k.label, p.optStr(k.display)
	} else {
		p.fail("kind", "no kind label among %v", n.Labels)
	}
	if gn.Label == "" {
		gn.Label = gn.ID
	}
	return gn, p.err
}

// graphEdgeFrom turns a relationship into a GraphEdge: relations keep their
// id and properties (evidence as a list of objects), structural edges get
// a synthetic id and no properties.
func graphEdgeFrom(typ, src, tgt string, props map[string]any) policy.GraphEdge {
	e := policy.GraphEdge{Kind: typ, Source: src, Target: tgt}
	id, _ := props["id"].(string)
	if (typ != RelTension && typ != RelConvergence) || id == "" {
		e.ID = src + "|" + typ + "|" + tgt
		return e
	}
	e.ID = id
	e.Properties = map[string]any{}
	for k, v := range props {
		if k != "evidenceDocuments" && k != "evidenceLocators" && k != "evidenceNotes" {
			e.Properties[k] = jsonValue(v)
		}
	}
	docs, _ := props["evidenceDocuments"].([]any)
	locs, _ := props["evidenceLocators"].([]any)
	notes, _ := props["evidenceNotes"].([]any)
	evidence := []any{}
	for i, d := range docs {
		ev := map[string]any{"document": d}
		if i < len(locs) && locs[i] != "" {
			ev["locator"] = locs[i]
		}
		if i < len(notes) {
			ev["note"] = notes[i]
		}
		evidence = append(evidence, ev)
	}
	e.Properties["evidence"] = evidence
	return e
}

// jsonProps converts stored properties to JSON-friendly values.
func jsonProps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = jsonValue(v)
	}
	return out
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case neo4j.Date:
		return time.Time(x).Format(policy.DateLayout)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}
