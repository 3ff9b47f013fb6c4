package neo4jdb

// The agenda co-occurrence read: for a period, how often each pair of
// agendas shares a mandate, across missions, and how many tensions and
// convergences join the pair. One query.

import (
	"context"
	"fmt"
	"sort"

	"github.com/mandategraph/mandategraph/policy"
)

// AgendaCooccurrence returns every pair of distinct agendas that share at
// least one mandate adopted in [from, to] (zero dates do not bound),
// ordered by mandate count (most first), then agenda ids.
func (s *Store) AgendaCooccurrence(ctx context.Context, from, to policy.Date) ([]policy.AgendaPair, error) {
	if !from.IsZero() && !to.IsZero() && to.Before(from.Time) {
		return nil, policy.Errorf(policy.EINVALID, "to (%s) is before from (%s)", to, from)
	}
	// Mandate pairs: each mandate's agendas in id order, every i < j pair.
	// Relation pairs: each relation's end agendas crossed, distinct, as
	// the sorted pair. Agendas are few (a dozen), so both lists are small
	// whatever the number of mandates.
	recs, err := s.query(ctx, `CALL () {
			MATCH (md:Entity:Mandate)
			WHERE ($from IS NULL OR md.adopted >= $from) AND ($to IS NULL OR md.adopted <= $to)
			CALL (md) {
				MATCH (md)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(g:Agenda)
				WITH DISTINCT g.id AS g ORDER BY g
				RETURN collect(g) AS gs
			}
			UNWIND range(0, size(gs) - 2) AS i
			UNWIND range(i + 1, size(gs) - 1) AS j
			WITH gs[i] AS a, gs[j] AS b, md
			OPTIONAL MATCH (md)-[:MANDATES]->(m:Entity:Mission)
			WITH a, b, count(DISTINCT md) AS mandates, collect(DISTINCT m.id) AS missions
			RETURN collect({a: a, b: b, mandates: mandates, missions: missions}) AS pairs
		}
		CALL () {
			MATCH (a:Entity)-[r:TENSION|CONVERGENCE]->(b:Entity)
			WITH r, `+agendasOf("a")+` AS ga, `+agendasOf("b")+` AS gb
			UNWIND ga AS p
			UNWIND gb AS q
			WITH r, p, q WHERE p <> q
			WITH DISTINCT r, CASE WHEN p < q THEN p ELSE q END AS a, CASE WHEN p < q THEN q ELSE p END AS b
			WITH a, b, sum(CASE type(r) WHEN 'TENSION' THEN 1 ELSE 0 END) AS tensions,
			     sum(CASE type(r) WHEN 'CONVERGENCE' THEN 1 ELSE 0 END) AS convergences
			RETURN collect({a: a, b: b, tensions: tensions, convergences: convergences}) AS relPairs
		}
		CALL () {
			MATCH (g:Entity:Agenda)
			RETURN collect(g) AS agendas
		}
		RETURN pairs, relPairs, agendas`, map[string]any{"from": dateValue(from), "to": dateValue(to)})
	if err != nil {
		return nil, fmt.Errorf("agenda co-occurrence: %w", err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("agenda co-occurrence: %d records, want 1", len(recs))
	}
	list, err := get[[]any](recs[0], "agendas")
	if err != nil {
		return nil, err
	}
	ents, err := nodesFromList(list)
	if err != nil {
		return nil, err
	}
	agendas := map[string]policy.Agenda{}
	for _, e := range ents {
		if e.Agenda == nil {
			return nil, fmt.Errorf("node %s is not an agenda", e.ID())
		}
		agendas[e.Agenda.ID] = *e.Agenda
	}
	type key struct{ a, b string }
	rels := map[key][2]int{}
	relPairs, err := get[[]any](recs[0], "relPairs")
	if err != nil {
		return nil, err
	}
	for _, v := range relPairs {
		m, _ := v.(map[string]any)
		p := &props{what: "relation pair", m: m}
		rels[key{p.str("a"), p.str("b")}] = [2]int{p.optInt("tensions"), p.optInt("convergences")}
		if p.err != nil {
			return nil, p.err
		}
	}
	pairs, err := get[[]any](recs[0], "pairs")
	if err != nil {
		return nil, err
	}
	out := make([]policy.AgendaPair, 0, len(pairs))
	for _, v := range pairs {
		m, _ := v.(map[string]any)
		p := &props{what: "agenda pair", m: m}
		a, b := p.str("a"), p.str("b")
		pair := policy.AgendaPair{A: agendas[a], B: agendas[b], Mandates: p.optInt("mandates"), Missions: []string{}}
		if p.err != nil {
			return nil, p.err
		}
		ms, _ := m["missions"].([]any)
		for _, x := range ms {
			if id, ok := x.(string); ok {
				pair.Missions = append(pair.Missions, id)
			}
		}
		sort.Strings(pair.Missions)
		r := rels[key{a, b}]
		pair.Tensions, pair.Convergences = r[0], r[1]
		out = append(out, pair)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mandates != out[j].Mandates {
			return out[i].Mandates > out[j].Mandates
		}
		if out[i].A.ID != out[j].A.ID {
			return out[i].A.ID < out[j].A.ID
		}
		return out[i].B.ID < out[j].B.ID
	})
	return out, nil
}
