package neo4jdb

// The API's reads, part 3: batched loads of related things for many
// parents at once. The GraphQL layer calls each once per field per level of
// a request, with the ids of every parent at that level, so the number of
// queries depends on the shape of a request, never on the size of its
// result (no N+1).

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// linkMatch is, per link, the Cypher that matches the related nodes n of
// the parent with id pid, and the order to list them in.
var linkMatch = map[policy.Traversal][2]string{
	policy.MissionMandates:    {`MATCH (:Entity:Mission {id: pid})<-[:MANDATES]-(n:Mandate)`, `n.adopted, n.id`},
	policy.MissionAgendas:     {`MATCH (:Entity:Mission {id: pid})<-[:MANDATES]-(:Mandate)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(n:Agenda) WITH DISTINCT pid, n`, `n.id`},
	policy.MissionPredecessor: {`MATCH (:Entity:Mission {id: pid})<-[:SUCCEEDED_BY]-(n:Mission)`, `n.startDate, n.id`},
	policy.MissionSuccessor:   {`MATCH (:Entity:Mission {id: pid})-[:SUCCEEDED_BY]->(n:Mission)`, `n.startDate, n.id`},
	policy.MandateMissions:    {`MATCH (:Entity:Mandate {id: pid})-[:MANDATES]->(n:Mission)`, `n.id`},
	policy.Cites:              {`MATCH (:Entity {id: pid})-[:CITES]->(n:Entity)`, `n.id`},
	policy.CitedBy:            {`MATCH (:Entity {id: pid})<-[:CITES]-(n:Entity)`, `n.id`},
	policy.AgendasAddressed:   {`MATCH (:Entity {id: pid})-[:ADDRESSES]->(n:Agenda)`, `n.id`},
	policy.AgendaDocuments:    {`MATCH (:Entity:Agenda {id: pid})<-[:ADDRESSES]-(n:Document)`, `n.year, n.id`},
}

// Related follows link from each of the parents with the given ids and
// returns the related nodes keyed by parent id, in the link's order. The
// query returns the (parent, node id) pairs and each related node once: an
// agenda addressed by 8,000 of the parents' clauses is read and decoded
// once, not 8,000 times.
func (s *Store) Related(ctx context.Context, link policy.Traversal, ids []string) (map[string][]policy.Entity, error) {
	m, ok := linkMatch[link]
	if !ok {
		return nil, fmt.Errorf("related: unknown link %d", link)
	}
	return s.children(ctx, `UNWIND $ids AS pid `+m[0]+` WITH pid, n ORDER BY pid, `+m[1], nil,
		map[string]any{"ids": dedupe(ids)})
}

// MandateClauses returns the clauses of each mandate in paragraph order,
// only those addressing agenda when it is not nil. With props, only those
// properties of each clause are read (besides id and kind; any of the
// kind's keys): the other fields are left zero.
func (s *Store) MandateClauses(ctx context.Context, ids []string, agenda *string, props []string) (map[string][]policy.Clause, error) {
	byParent, err := s.children(ctx, `UNWIND $ids AS pid
		MATCH (:Entity:Mandate {id: pid})-[:HAS_CLAUSE]->(n:Clause)
		WHERE $agenda IS NULL OR EXISTS { (n)-[:ADDRESSES]->(:Agenda {id: $agenda}) }
		WITH pid, n ORDER BY pid, n.position, n.id`, props,
		map[string]any{"ids": dedupe(ids), "agenda": param(agenda, asIs)})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]policy.Clause, len(byParent))
	for pid, es := range byParent {
		for _, e := range es {
			if e.Clause == nil {
				return nil, fmt.Errorf("node %s is not a clause", e.ID())
			}
			out[pid] = append(out[pid], *e.Clause)
		}
	}
	return out, nil
}

// children completes match, which ends with (pid, n) rows in order, to
// return the (parent, node id) pairs and each node once, and groups the
// nodes by parent id. With props, each node is read as a map of only
// those properties (and id and kind), which must be keys of its kind.
func (s *Store) children(ctx context.Context, match string, props []string, params map[string]any) (map[string][]policy.Entity, error) {
	out := map[string][]policy.Entity{}
	if ids, _ := params["ids"].([]string); len(ids) == 0 {
		return out, nil
	}
	nodeList := "ns"
	if props != nil {
		proj, err := projection("x", props)
		if err != nil {
			return nil, err
		}
		nodeList = "[x IN ns | " + proj + "]" // after DISTINCT, which compares nodes by identity
	}
	recs, err := s.query(ctx, match+`
		WITH collect([pid, n.id]) AS pairs, collect(DISTINCT n) AS ns
		RETURN pairs, `+nodeList+` AS nodes`, params)
	if err != nil {
		return nil, fmt.Errorf("load related nodes: %w", err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("load related nodes: %d records, want 1", len(recs))
	}
	nodes, err := get[[]any](recs[0], "nodes")
	if err != nil {
		return nil, err
	}
	byID := make(map[string]policy.Entity, len(nodes))
	for _, v := range nodes {
		var e policy.Entity
		switch n := v.(type) {
		case neo4j.Node:
			e, err = entityFromNode(n)
		case map[string]any:
			e, err = entityFromMap(n, props)
		default:
			err = fmt.Errorf("related node is %T", v)
		}
		if err != nil {
			return nil, err
		}
		byID[e.ID()] = e
	}
	pairs, err := get[[]any](recs[0], "pairs")
	if err != nil {
		return nil, err
	}
	for _, v := range pairs {
		pair, _ := v.([]any)
		if len(pair) != 2 {
			return nil, fmt.Errorf("related pair is %v", v)
		}
		pid, _ := pair[0].(string)
		id, _ := pair[1].(string)
		e, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("related node %q of %q was not returned", id, pid)
		}
		out[pid] = append(out[pid], e)
	}
	return out, nil
}

// AgendaClauses returns, for each agenda, one page of the clauses that
// address it (only those of mission's mandates when mission is not nil), in
// the order of FindClauses, and their total.
func (s *Store) AgendaClauses(ctx context.Context, ids []string, mission *string, p policy.PageRequest) (map[string]policy.Page[policy.Clause], error) {
	out := map[string]policy.Page[policy.Clause]{}
	params := map[string]any{"ids": dedupe(ids), "mission": param(mission, asIs)}
	if err := pageParams(p, params); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, `UNWIND $ids AS pid
		CALL (pid) {
			MATCH (:Entity:Agenda {id: pid})<-[:ADDRESSES]-(c:Clause)<-[:HAS_CLAUSE]-(md:Mandate)
			WHERE $mission IS NULL OR EXISTS { (md)-[:MANDATES]->(:Mission {id: $mission}) }
			WITH c, md ORDER BY md.adopted, md.id, c.position, c.id
			RETURN collect(c) AS matched
		}
		RETURN pid AS parent, size(matched) AS total, matched[$offset..$end] AS items`, params)
	if err != nil {
		return nil, fmt.Errorf("load agenda clauses: %w", err)
	}
	for _, rec := range recs {
		pid, err := get[string](rec, "parent")
		if err != nil {
			return nil, err
		}
		page, err := pageOf([]*neo4j.Record{rec}, scanClause)
		if err != nil {
			return nil, err
		}
		out[pid] = page
	}
	return out, nil
}

// EntityRelations returns the relations with each of the given entities
// at either end, by relation id; a nil kind means both kinds.
func (s *Store) EntityRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error) {
	return s.relationsByParent(ctx, `UNWIND $ids AS pid
		MATCH (:Entity {id: pid})-[r:TENSION|CONVERGENCE]-()
		WHERE $kind IS NULL OR type(r) = $kind
		RETURN pid AS parent, r AS rel, startNode(r).id AS src, endNode(r).id AS tgt
		ORDER BY parent, r.id`, map[string]any{"ids": dedupe(ids), "kind": param(kind, asString)})
}

// MissionRelations returns the relations in each mission (see
// relationMissions), by relation id; a nil kind means both kinds.
func (s *Store) MissionRelations(ctx context.Context, ids []string, kind *policy.RelationKind) (map[string][]policy.Relation, error) {
	return s.relationsByParent(ctx, `MATCH (a:Entity)-[r:TENSION|CONVERGENCE]->(b:Entity)
		WHERE $kind IS NULL OR type(r) = $kind
		UNWIND `+relationMissions+` AS pid
		WITH DISTINCT pid, a, r, b
		WHERE pid IN $ids
		RETURN pid AS parent, r AS rel, a.id AS src, b.id AS tgt
		ORDER BY parent, r.id`, map[string]any{"ids": dedupe(ids), "kind": param(kind, asString)})
}

// AgendaRelations returns, for each agenda, the relations with an end that
// touches it (see agendasOf), and, when with is not nil, whose other end
// touches with; by relation id; a nil kind means both kinds.
func (s *Store) AgendaRelations(ctx context.Context, ids []string, kind *policy.RelationKind, with *string) (map[string][]policy.Relation, error) {
	return s.relationsByParent(ctx, `MATCH (a:Entity)-[r:TENSION|CONVERGENCE]->(b:Entity)
		WHERE $kind IS NULL OR type(r) = $kind
		WITH a, r, b, `+agendasOf("a")+` AS ga, `+agendasOf("b")+` AS gb
		UNWIND $ids AS pid
		WITH pid, a, r, b, ga, gb
		WHERE CASE WHEN $with IS NULL THEN pid IN ga OR pid IN gb
		           ELSE (pid IN ga AND $with IN gb) OR (pid IN gb AND $with IN ga) END
		RETURN pid AS parent, r AS rel, a.id AS src, b.id AS tgt
		ORDER BY parent, r.id`, map[string]any{"ids": dedupe(ids), "kind": param(kind, asString), "with": param(with, asIs)})
}

func (s *Store) relationsByParent(ctx context.Context, query string, params map[string]any) (map[string][]policy.Relation, error) {
	out := map[string][]policy.Relation{}
	if ids, _ := params["ids"].([]string); len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, query, params)
	if err != nil {
		return nil, fmt.Errorf("load relations: %w", err)
	}
	for _, rec := range recs {
		pid, err := get[string](rec, "parent")
		if err != nil {
			return nil, err
		}
		rel, err := relationColumns(rec)
		if err != nil {
			return nil, err
		}
		out[pid] = append(out[pid], rel)
	}
	return out, nil
}
