package neo4jdb

// The API's reads, part 4: subgraphs for visualization (neighborhood,
// shortest path, the whole graph) and the analytic answers (agenda overlap,
// mandate timeline). Each is one query.

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// Bounds of the subgraph reads.
const (
	MaxNeighborhoodDepth = 3   // neighborhood depth cap
	MaxGraphNodes        = 500 // node cap of every Graph (default limit too)
	MaxPathHops          = 10  // shortestPath maxHops cap
	MaxOverlapAgendas    = 12  // agendaOverlap agendas cap
)

// graphTypes validates a filter's node and edge kinds against the model
// and returns the Cypher relationship-type expression (":A|B") and the node
// kinds parameter (nil for all kinds) and the node limit.
func graphTypes(f policy.GraphFilter) (relTypes string, kinds any, limit int, err error) {
	types := RelTypes
	if len(f.EdgeKinds) > 0 {
		types = nil
		for _, k := range f.EdgeKinds {
			if !slices.Contains(RelTypes, k) {
				return "", nil, 0, policy.Errorf(policy.EINVALID, "unknown edge kind %q (want one of %s)", k, strings.Join(RelTypes, ", "))
			}
			if !slices.Contains(types, k) {
				types = append(types, k)
			}
		}
	}
	if len(f.NodeKinds) > 0 {
		for _, k := range f.NodeKinds {
			if !slices.Contains(NodeLabels, k) {
				return "", nil, 0, policy.Errorf(policy.EINVALID, "unknown node kind %q (want one of %s)", k, strings.Join(NodeLabels, ", "))
			}
		}
		kinds = f.NodeKinds
	}
	limit = f.Limit
	switch {
	case limit == 0:
		limit = MaxGraphNodes
	case limit < 0 || limit > MaxGraphNodes:
		return "", nil, 0, policy.Errorf(policy.EINVALID, "filter.limit must be between 1 and %d, got %d", MaxGraphNodes, limit)
	}
	// Types come from the allow-list above, never from input as such.
	return ":" + strings.Join(types, "|"), kinds, limit, nil
}

// edgesAmong is a Cypher subquery: the edges of the given types among the
// nodes in the list nodes, as maps.
func edgesAmong(relTypes string) string {
	return `CALL (nodes) {
			UNWIND nodes AS a
			MATCH (a)-[r` + relTypes + `]->(b) WHERE b IN nodes
			WITH a, r, b ORDER BY type(r), a.id, b.id, r.id
			RETURN collect({type: type(r), src: a.id, tgt: b.id, props: properties(r)}) AS edges
		}`
}

// Neighborhood returns the nodes within depth hops of the node with the
// given id, in order of distance then id (cut at the filter's limit), and
// the edges among them.
func (s *Store) Neighborhood(ctx context.Context, id string, depth int, f policy.GraphFilter) (policy.Graph, error) {
	if depth < 1 || depth > MaxNeighborhoodDepth {
		return policy.Graph{}, policy.Errorf(policy.EINVALID, "depth must be between 1 and %d, got %d", MaxNeighborhoodDepth, depth)
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
		` + edgesAmong(relTypes) + `
		RETURN nodes, truncated, edges`)
	recs, err := s.query(ctx, q.String(), map[string]any{"id": id, "kinds": kinds, "limit": int64(limit)})
	if err != nil {
		return policy.Graph{}, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	if len(recs) == 0 {
		return policy.Graph{}, policy.Errorf(policy.ENOTFOUND, "no node with id %q", id)
	}
	return graphFromRecord(recs[0])
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
		WITH n ORDER BY CASE n.kind WHEN 'Agenda' THEN 0 WHEN 'Mission' THEN 1 WHEN 'Document' THEN 2
		                            WHEN 'Mandate' THEN 3 ELSE 4 END, n.id
		WITH collect(n) AS matched
		WITH matched[0..$limit] AS nodes, size(matched) > $limit AS truncated
		`+edgesAmong(relTypes)+`
		RETURN nodes, truncated, edges`, map[string]any{"kinds": kinds, "limit": int64(limit)})
	if err != nil {
		return policy.Graph{}, fmt.Errorf("graph: %w", err)
	}
	if len(recs) != 1 {
		return policy.Graph{}, fmt.Errorf("graph: %d records, want 1", len(recs))
	}
	return graphFromRecord(recs[0])
}

// ShortestPath returns a shortest path of at most maxHops edges of the
// filter's kinds between two nodes, through nodes of the filter's kinds
// only, or nil when there is none.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxHops int, f policy.GraphFilter) (*policy.Graph, error) {
	if maxHops < 1 || maxHops > MaxPathHops {
		return nil, policy.Errorf(policy.EINVALID, "maxHops must be between 1 and %d, got %d", MaxPathHops, maxHops)
	}
	relTypes, kinds, _, err := graphTypes(f)
	if err != nil {
		return nil, err
	}
	// Cypher cannot take a variable-length bound as a parameter; maxHops is
	// a validated int.
	recs, err := s.query(ctx, fmt.Sprintf(`OPTIONAL MATCH (a:Entity {id: $from})
		OPTIONAL MATCH (b:Entity {id: $to})
		CALL (a, b) {
			OPTIONAL MATCH p = shortestPath((a)-[%s*..%d]-(b))
			WHERE a <> b AND ($kinds IS NULL OR all(x IN nodes(p) WHERE x.kind IN $kinds))
			RETURN p
		}
		RETURN a, b, p`, relTypes, maxHops), map[string]any{"from": from, "to": to, "kinds": kinds})
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
		if kinds != nil && !slices.Contains(f.NodeKinds, kindOf(a)) {
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

func graphFromRecord(rec *neo4j.Record) (policy.Graph, error) {
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
		n, ok := v.(neo4j.Node)
		if !ok {
			return g, fmt.Errorf("graph node is %T", v)
		}
		gn, err := graphNodeFrom(n)
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
		g.Edges = append(g.Edges, graphEdgeFrom(typ, src, tgt, props))
	}
	return g, nil
}

// graphNodeFrom turns a node into a GraphNode with a readable label.
func graphNodeFrom(n neo4j.Node) (policy.GraphNode, error) {
	kind := kindOf(n)
	labelKey := map[string]string{LabelMission: "acronym", LabelMandate: "symbol", LabelClause: "paragraph",
		LabelDocument: "title", LabelAgenda: "name"}[kind]
	p := &props{what: fmt.Sprintf("node %v", n.Props["id"]), m: n.Props}
	gn := policy.GraphNode{ID: p.str("id"), Kind: kind, Label: p.optStr(labelKey), Properties: jsonProps(n.Props)}
	if gn.Label == "" {
		gn.Label = gn.ID
	}
	if kind == "" {
		p.fail("kind", "no kind label among %v", n.Labels)
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

// AgendaOverlap returns the missions with a mandate adopted in [from, to]
// (zero dates do not bound) whose clauses address every given agenda, with
// the adoption date of the first such mandate and the number of relations
// in the mission (see relationMissions) between the agendas: one end
// touches one of them and the other end another (or the same one, when a
// single agenda is given). Ordered by that date, then mission id.
func (s *Store) AgendaOverlap(ctx context.Context, agendas []string, from, to policy.Date) ([]policy.MissionOverlap, error) {
	agendas = dedupe(agendas)
	if len(agendas) == 0 || len(agendas) > MaxOverlapAgendas {
		return nil, policy.Errorf(policy.EINVALID, "agendas takes 1 to %d agenda ids, got %d", MaxOverlapAgendas, len(agendas))
	}
	recs, err := s.query(ctx, `OPTIONAL MATCH (g:Entity:Agenda) WHERE g.id IN $agendas
		WITH collect(g.id) AS known
		CALL (known) {
			MATCH (m:Entity:Mission)<-[:MANDATES]-(md:Mandate)
			WHERE size(known) = size($agendas)
			  AND ($from IS NULL OR md.adopted >= $from) AND ($to IS NULL OR md.adopted <= $to)
			  AND all(ag IN $agendas WHERE EXISTS { (md)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(:Agenda {id: ag}) })
			WITH m, min(md.adopted) AS since
			CALL (m) {
				MATCH (a:Entity)-[r:TENSION|CONVERGENCE]->(b:Entity)
				WITH a, r, b, `+agendasOf("a")+` AS ga, `+agendasOf("b")+` AS gb
				WHERE m.id IN `+relationMissions+`
				  AND any(x IN $agendas WHERE x IN ga AND
				          any(y IN $agendas WHERE y IN gb AND (x <> y OR size($agendas) = 1)))
				RETURN count(r) AS relationCount
			}
			WITH m, since, relationCount ORDER BY since, m.id
			RETURN collect({mission: m, since: since, relationCount: relationCount}) AS rows
		}
		RETURN known, rows`, map[string]any{"agendas": agendas, "from": dateParam(from), "to": dateParam(to)})
	if err != nil {
		return nil, fmt.Errorf("agenda overlap: %w", err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("agenda overlap: %d records, want 1", len(recs))
	}
	known, err := get[[]any](recs[0], "known")
	if err != nil {
		return nil, err
	}
	for _, a := range agendas {
		if !slices.Contains(known, any(a)) {
			return nil, policy.Errorf(policy.ENOTFOUND, "no agenda with id %q", a)
		}
	}
	rows, err := get[[]any](recs[0], "rows")
	if err != nil {
		return nil, err
	}
	out := make([]policy.MissionOverlap, 0, len(rows))
	for _, v := range rows {
		m, _ := v.(map[string]any)
		mission, err := scanMission(m["mission"])
		if err != nil {
			return nil, err
		}
		p := &props{what: "overlap of " + mission.ID, m: m}
		o := policy.MissionOverlap{Mission: mission, Since: p.date("since"), RelationCount: p.optInt("relationCount")}
		if p.err != nil {
			return nil, p.err
		}
		out = append(out, o)
	}
	return out, nil
}

// MandateTimeline returns a mission's mandates in order of adoption (then
// id), each with the agendas its clauses address and the agendas added and
// dropped since the previous mandate (all of its agendas are added for the
// first). An unknown mission is NOT_FOUND.
func (s *Store) MandateTimeline(ctx context.Context, mission string) ([]policy.TimelineEntry, error) {
	recs, err := s.query(ctx, `MATCH (m:Entity:Mission {id: $mission})
		OPTIONAL MATCH (m)<-[:MANDATES]-(md:Mandate)
		CALL (md) {
			OPTIONAL MATCH (md)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(g:Agenda)
			WITH DISTINCT g ORDER BY g.id
			RETURN collect(g) AS agendas
		}
		RETURN md, agendas`, map[string]any{"mission": mission})
	if err != nil {
		return nil, fmt.Errorf("mandate timeline of %q: %w", mission, err)
	}
	if len(recs) == 0 {
		return nil, policy.Errorf(policy.ENOTFOUND, "no mission with id %q", mission)
	}
	entries := make([]policy.TimelineEntry, 0, len(recs))
	for _, rec := range recs {
		md, ok, err := recordNode(rec, "md")
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // a mission without mandates
		}
		e, err := entityFromNode(md)
		if err != nil {
			return nil, err
		}
		if e.Mandate == nil {
			return nil, fmt.Errorf("node %s is not a mandate", e.ID())
		}
		list, err := get[[]any](rec, "agendas")
		if err != nil {
			return nil, err
		}
		ents, err := nodesFromList(list)
		if err != nil {
			return nil, err
		}
		entry := policy.TimelineEntry{Mandate: *e.Mandate, Agendas: []policy.Agenda{}}
		for _, a := range ents {
			if a.Agenda == nil {
				return nil, fmt.Errorf("node %s is not an agenda", a.ID())
			}
			entry.Agendas = append(entry.Agendas, *a.Agenda)
		}
		entries = append(entries, entry)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i].Mandate, entries[j].Mandate
		if !a.Adopted.Equal(b.Adopted.Time) {
			return a.Adopted.Before(b.Adopted.Time)
		}
		return a.ID < b.ID
	})
	Timeline(entries)
	return entries, nil
}

// Timeline fills in Added and Dropped of entries in order: the agendas of
// each entry that the previous one lacks, and the other way round.
func Timeline(entries []policy.TimelineEntry) {
	var prev []policy.Agenda
	for i := range entries {
		entries[i].Added = agendaDiff(entries[i].Agendas, prev)
		entries[i].Dropped = agendaDiff(prev, entries[i].Agendas)
		prev = entries[i].Agendas
	}
}

// agendaDiff returns the agendas of a that are not in b, in a's order.
func agendaDiff(a, b []policy.Agenda) []policy.Agenda {
	out := []policy.Agenda{}
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y policy.Agenda) bool { return y.ID == x.ID }) {
			out = append(out, x)
		}
	}
	return out
}
