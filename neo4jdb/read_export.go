package neo4jdb

// The exports' read: the whole graph, or the part a filter selects, handed
// over node by node and edge by edge in pages, so an export of any size is
// written as it is read and never held in memory. Unlike the API's reads
// (one query each), an export is many page queries, all in one explicit
// read transaction: every page sees the same committed graph, even when a
// load commits meanwhile. The transaction is not retried (its callbacks
// write to the output), so a failure ends the export with an error.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// ExportPageSize is the number of nodes (for edges: of source nodes) per
// page query of WalkGraph.
const ExportPageSize = 500

// ExportFilter selects the part of the graph an export covers: the kinds
// of policy.GraphFilter (empty lists do not restrict; its Limit is not
// used) and, when Mission is set, only the mission's part: the mission,
// the mandates that task it, their clauses, the agendas those clauses
// address, the documents those mandates cite, and the ends of the
// relations whose mission context is the mission. Edges are those of the
// edge kinds among the selected nodes.
type ExportFilter struct {
	policy.GraphFilter
	Mission string
}

// ExportValue is a typed property value: string, int64, float64, bool,
// policy.Date or []string.
type ExportValue = any

// ExportNode is one node of an export, its properties typed as stored
// (dates as policy.Date, integers as int64, lists as []string).
type ExportNode struct {
	ID, Kind, Label string
	Properties      map[string]ExportValue
}

// ExportEdge is one edge of an export: relations keep their id, structural
// edges get "source|KIND|target" (as in GraphEdge).
type ExportEdge struct {
	ID, Kind, Source, Target string
	Properties               map[string]ExportValue
}

// GraphWalker receives a walk's nodes, then its edges; a nil callback
// skips the reads it would receive.
type GraphWalker struct {
	Node func(ExportNode) error
	Edge func(ExportEdge) error
}

// inExport is a Cypher predicate: the node bound to v is selected by the
// filter's kinds and mission ($kinds, $mission). A part whose filter is not
// set is left out of the text, not written as "$x IS NULL OR ...": the
// planner evaluates every EXISTS of such a disjunction whatever the
// parameter, which made an unfiltered export of the bundled graph take
// minutes (each page of sources walked the clauses of every agenda).
func inExport(v string, kinds, mission bool) string {
	parts := []string{"true"}
	if kinds {
		parts = append(parts, v+`.kind IN $kinds`)
	}
	if mission {
		parts = append(parts, `((`+v+`:Mission AND `+v+`.id = $mission)
		OR (`+v+`:Mandate AND EXISTS { (`+v+`)-[:MANDATES]->(:Mission {id: $mission}) })
		OR (`+v+`:Clause AND EXISTS { (`+v+`)<-[:HAS_CLAUSE]-(:Mandate)-[:MANDATES]->(:Mission {id: $mission}) })
		OR (`+v+`:Agenda AND EXISTS { (`+v+`)<-[:ADDRESSES]-(:Clause)<-[:HAS_CLAUSE]-(:Mandate)-[:MANDATES]->(:Mission {id: $mission}) })
		OR (`+v+`:Document AND EXISTS { (`+v+`)<-[:CITES]-(:Mandate)-[:MANDATES]->(:Mission {id: $mission}) })
		OR EXISTS { (`+v+`)-[r:TENSION|CONVERGENCE]-(:Entity) WHERE r.mission = $mission })`)
	}
	return strings.Join(parts, " AND ")
}

// WalkGraph calls w.Node for every selected node in id order, then w.Edge
// for every edge among them in order of source id, type, target id and
// relation id. A filter with an unknown kind is EINVALID, an unknown
// mission ENOTFOUND. An error from a callback ends the walk and is returned
// as is.
func (s *Store) WalkGraph(ctx context.Context, f ExportFilter, w GraphWalker) error {
	relTypes, kinds, _, err := graphTypes(policy.GraphFilter{NodeKinds: f.NodeKinds, EdgeKinds: f.EdgeKinds})
	if err != nil {
		return err
	}
	var mission any
	if f.Mission != "" {
		mission = f.Mission
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	// Exports may take longer than an API read; they get ten times its
	// timeout, still bounded so one cannot hold a transaction for ever.
	tx, err := session.BeginTransaction(ctx, neo4j.WithTxTimeout(10*s.txTimeout))
	if err != nil {
		return wrapNeo4j(fmt.Errorf("export: begin read transaction: %w", err))
	}
	defer tx.Close(ctx)
	run := func(query string, params map[string]any) ([]*neo4j.Record, error) {
		s.roundTrips.Add(1)
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, wrapNeo4j(err)
		}
		recs, err := res.Collect(ctx)
		return recs, wrapNeo4j(err)
	}

	if mission != nil {
		recs, err := run(`MATCH (m:Entity:Mission {id: $mission}) RETURN m.id AS id`, map[string]any{"mission": mission})
		if err != nil {
			return fmt.Errorf("export: mission %q: %w", f.Mission, err)
		}
		if len(recs) == 0 {
			return policy.Errorf(policy.ENOTFOUND, "no mission with id %q", f.Mission)
		}
	}
	params := map[string]any{"kinds": kinds, "mission": mission, "page": int64(ExportPageSize)}

	// Nodes, by id, a page at a time (keyset: id > the last one seen).
	nodeQuery := `MATCH (n:Entity) WHERE n.id > $after AND ` + inExport("n", kinds != nil, mission != nil) + `
		RETURN n ORDER BY n.id LIMIT $page`
	for after := ""; w.Node != nil; {
		params["after"] = after
		recs, err := run(nodeQuery, params)
		if err != nil {
			return fmt.Errorf("export: nodes after %q: %w", after, err)
		}
		for _, rec := range recs {
			n, _, err := recordNode(rec, "n")
			if err != nil {
				return err
			}
			en, err := exportNodeFrom(n)
			if err != nil {
				return err
			}
			if err := w.Node(en); err != nil {
				return err
			}
			after = en.ID
		}
		if len(recs) < ExportPageSize {
			break
		}
	}

	// Edges, by source node: a page of source ids, then all their
	// outgoing edges to selected targets.
	edgeQuery := `MATCH (a:Entity) WHERE a.id > $after AND ` + inExport("a", kinds != nil, mission != nil) + `
		WITH a ORDER BY a.id LIMIT $page
		WITH collect(a) AS sources
		UNWIND sources AS a
		OPTIONAL MATCH (a)-[r` + relTypes + `]->(b:Entity) WHERE ` + inExport("b", kinds != nil, mission != nil) + `
		WITH sources, a, r, b ORDER BY a.id, type(r), b.id, r.id
		RETURN sources[-1].id AS last, size(sources) AS n,
		       collect(CASE WHEN r IS NULL THEN NULL ELSE {type: type(r), src: a.id, tgt: b.id, props: properties(r)} END) AS edges`
	for after := ""; w.Edge != nil; {
		params["after"] = after
		recs, err := run(edgeQuery, params)
		if err != nil {
			return fmt.Errorf("export: edges of nodes after %q: %w", after, err)
		}
		if len(recs) == 0 {
			break // no source left (collect over no rows still returns a row; kept for safety)
		}
		rec := recs[0]
		n, err := get[int64](rec, "n")
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		edges, err := get[[]any](rec, "edges")
		if err != nil {
			return err
		}
		for _, v := range edges {
			m, _ := v.(map[string]any)
			typ, ok1 := m["type"].(string)
			src, ok2 := m["src"].(string)
			tgt, ok3 := m["tgt"].(string)
			props, ok4 := m["props"].(map[string]any)
			if !ok1 || !ok2 || !ok3 || !ok4 {
				return fmt.Errorf("export: edge row %v", v)
			}
			e, err := exportEdgeFrom(typ, src, tgt, props)
			if err != nil {
				return err
			}
			if err := w.Edge(e); err != nil {
				return err
			}
		}
		if after, err = get[string](rec, "last"); err != nil {
			return err
		}
		if n < ExportPageSize {
			break
		}
	}
	return wrapNeo4j(tx.Commit(ctx))
}

// exportNodeFrom reuses graphNodeFrom for the id, kind and label, and
// keeps the stored properties typed.
func exportNodeFrom(n neo4j.Node) (ExportNode, error) {
	gn, err := graphNodeFrom(n)
	if err != nil {
		return ExportNode{}, err
	}
	p, err := exportProps("node "+gn.ID, n.Props, "id", "kind")
	return ExportNode{ID: gn.ID, Kind: gn.Kind, Label: gn.Label, Properties: p}, err
}

func exportEdgeFrom(typ, src, tgt string, props map[string]any) (ExportEdge, error) {
	ge := graphEdgeFrom(typ, src, tgt, props) // the edge id as the API gives it
	p, err := exportProps("edge "+ge.ID, props, "id")
	return ExportEdge{ID: ge.ID, Kind: typ, Source: src, Target: tgt, Properties: p}, err
}

// exportProps types stored properties, leaving out the skipped keys.
func exportProps(what string, m map[string]any, skip ...string) (map[string]ExportValue, error) {
	out := make(map[string]ExportValue, len(m))
	for k, v := range m {
		if slices.Contains(skip, k) {
			continue
		}
		switch x := v.(type) {
		case string, int64, float64, bool:
			out[k] = x
		case neo4j.Date:
			out[k] = policy.Date{Time: time.Time(x)}
		case []any:
			list := make([]string, len(x))
			for i, e := range x {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("%s: property %q: list of %T, want strings", what, k, e)
				}
				list[i] = s
			}
			out[k] = list
		default:
			return nil, fmt.Errorf("%s: property %q: unexpected type %T", what, k, v)
		}
	}
	return out, nil
}
