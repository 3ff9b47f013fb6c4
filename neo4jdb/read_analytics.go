package neo4jdb

// The API's reads, part 5: the analytic answers (agenda overlap, mandate
// timeline). Each is one query; the timeline's own logic is policy's.

import (
	"context"
	"fmt"
	"slices"

	"github.com/mandategraph/mandategraph/policy"
)

// AgendaOverlap returns the missions with a mandate adopted in [from, to]
// (zero dates do not bound) whose clauses address every given agenda, with
// the adoption date of the first such mandate, and the missions with no
// such mandate but some unrecorded ones in the period (the overlap is
// unknown: Since zero); each with its count of unrecorded mandates in the
// period and the number of relations
// in the mission (see relationMissions) between the agendas: one end
// touches one of them and the other end another (or the same one, when a
// single agenda is given). Ordered by that date (unknown last), then mission id.
func (s *Store) AgendaOverlap(ctx context.Context, agendas []string, from, to policy.Date) ([]policy.MissionOverlap, error) {
	agendas, err := policy.OverlapAgendas(agendas)
	if err != nil {
		return nil, err
	}
	// The missions are found first; then one pass over the relations
	// counts, for every relation between the agendas, each listed mission it
	// is in (a relation is counted once per mission). The pass is skipped
	// when no mission qualifies; its cost is that of one scan of the
	// relations plus the agendas of their ends, whatever the number of
	// missions (it was once per qualifying mission).
	recs, err := s.query(ctx, `OPTIONAL MATCH (g:Entity:Agenda) WHERE g.id IN $agendas
		WITH collect(g.id) AS known
		CALL (known) {
			MATCH (m:Entity:Mission)<-[:MANDATES]-(md:Mandate)
			WHERE size(known) = size($agendas)
			  AND ($from IS NULL OR md.adopted >= $from) AND ($to IS NULL OR md.adopted <= $to)
			WITH m, md,
			     all(ag IN $agendas WHERE EXISTS { (md)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(:Agenda {id: ag}) }) AS carries,
			     NOT EXISTS { (md)-[:HAS_CLAUSE]->(:Clause) } AS unrecorded
			WITH m, min(CASE WHEN carries THEN md.adopted END) AS since,
			     sum(CASE WHEN unrecorded THEN 1 ELSE 0 END) AS unrecorded
			WHERE since IS NOT NULL OR unrecorded > 0
			WITH m, since, unrecorded ORDER BY since, m.id
			RETURN collect({mission: m, since: since, unrecorded: unrecorded}) AS found
		}
		CALL (found) {
			WITH [f IN found | f.mission.id] AS ids
			WHERE size(ids) > 0
			MATCH (a:Entity)-[r:TENSION|CONVERGENCE]->(b:Entity)
			WITH ids, a, r, b, `+agendasOf("a")+` AS ga, `+agendasOf("b")+` AS gb
			WHERE any(x IN $agendas WHERE x IN ga AND
			          any(y IN $agendas WHERE y IN gb AND (x <> y OR size($agendas) = 1)))
			UNWIND `+relationMissions+` AS mid
			WITH ids, mid, r WHERE mid IN ids
			WITH DISTINCT mid, r
			WITH mid, count(r) AS n
			RETURN collect([mid, n]) AS counts
		}
		WITH known, found, CASE WHEN counts IS NULL THEN [] ELSE counts END AS counts
		RETURN known, [f IN found | f {.*, relationCount: coalesce(head([c IN counts WHERE c[0] = f.mission.id | c[1]]), 0)}] AS rows`,
		map[string]any{"agendas": agendas, "from": dateValue(from), "to": dateValue(to)})
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
		o := policy.MissionOverlap{Mission: mission, Since: p.optDate("since"), RelationCount: p.optInt("relationCount"), Unrecorded: p.optInt("unrecorded")}
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
		CALL (md) {
			OPTIONAL MATCH (md)-[:HAS_CLAUSE]->(c:Clause)
			RETURN count(c) AS clauses
		}
		RETURN md, agendas, clauses`, map[string]any{"mission": mission})
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
		clauses, err := get[int64](rec, "clauses")
		if err != nil {
			return nil, err
		}
		entry := policy.TimelineEntry{Mandate: *e.Mandate, Agendas: []policy.Agenda{},
			Coverage: policy.MandateCoverage(e.Mandate.AllParagraphs, int(clauses))}
		for _, a := range ents {
			if a.Agenda == nil {
				return nil, fmt.Errorf("node %s is not an agenda", a.ID())
			}
			entry.Agendas = append(entry.Agendas, *a.Agenda)
		}
		entries = append(entries, entry)
	}
	policy.Timeline(entries)
	return entries, nil
}
