package neo4jdb

// The API's reads, part 2: filtered, paginated listings and full-text
// search. Each is one query that returns the total and one page of a list
// in a stable order.

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// relationMissions is a Cypher expression: the ids of the missions a
// relation r from a to b is "in": its mission context when it has one,
// else the missions of the mandates at its ends or of the mandates of the
// clauses at its ends.
const relationMissions = `CASE WHEN r.mission IS NOT NULL THEN [r.mission] ELSE
	[(a)-[:MANDATES]->(rm:Mission) | rm.id] + [(a)<-[:HAS_CLAUSE]-(:Mandate)-[:MANDATES]->(rm:Mission) | rm.id] +
	[(b)-[:MANDATES]->(rm:Mission) | rm.id] + [(b)<-[:HAS_CLAUSE]-(:Mandate)-[:MANDATES]->(rm:Mission) | rm.id] END`

// agendasOf is a Cypher expression: the ids of the agendas the relation end
// v touches: the agenda itself, or the agendas a clause or document addresses.
func agendasOf(v string) string {
	return `CASE WHEN ` + v + `:Agenda THEN [` + v + `.id] ELSE [(` + v + `)-[:ADDRESSES]->(rg:Agenda) | rg.id] END`
}

// pageOf scans the one record of a listing query: total and items.
func pageOf[T any](recs []*neo4j.Record, scan func(any) (T, error)) (policy.Page[T], error) {
	var page policy.Page[T]
	if len(recs) != 1 {
		return page, fmt.Errorf("listing returned %d records, want 1", len(recs))
	}
	total, err := get[int64](recs[0], "total")
	if err != nil {
		return page, err
	}
	items, err := get[[]any](recs[0], "items")
	if err != nil {
		return page, err
	}
	page.Total = int(total)
	page.Items = make([]T, 0, len(items))
	for _, it := range items {
		v, err := scan(it)
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, v)
	}
	return page, nil
}

func scanMission(v any) (policy.Mission, error) {
	e, err := scanNode(v)
	if err == nil && e.Mission == nil {
		err = fmt.Errorf("node %s is not a mission", e.ID())
	}
	if err != nil {
		return policy.Mission{}, err
	}
	return *e.Mission, nil
}

func scanClause(v any) (policy.Clause, error) {
	e, err := scanNode(v)
	if err == nil && e.Clause == nil {
		err = fmt.Errorf("node %s is not a clause", e.ID())
	}
	if err != nil {
		return policy.Clause{}, err
	}
	return *e.Clause, nil
}

func scanDocument(v any) (policy.Document, error) {
	e, err := scanNode(v)
	if err == nil && e.Document == nil {
		err = fmt.Errorf("node %s is not a document", e.ID())
	}
	if err != nil {
		return policy.Document{}, err
	}
	return *e.Document, nil
}

func scanNode(v any) (policy.Entity, error) {
	n, ok := v.(neo4j.Node)
	if !ok {
		return policy.Entity{}, fmt.Errorf("value is %T, want node", v)
	}
	return entityFromNode(n)
}

// FindMissions lists missions by id.
func (s *Store) FindMissions(ctx context.Context, f policy.MissionFilter, p policy.PageRequest) (policy.Page[policy.Mission], error) {
	params := map[string]any{}
	if err := pageParams(p, params); err != nil {
		return policy.Page[policy.Mission]{}, err
	}
	recs, err := s.query(ctx, `MATCH (m:Entity:Mission)
		`+missionPredicates(f, params).where()+`
		WITH m ORDER BY m.id
		WITH collect(m) AS matched
		RETURN size(matched) AS total, matched[$offset..$end] AS items`, params)
	if err != nil {
		return policy.Page[policy.Mission]{}, fmt.Errorf("find missions: %w", err)
	}
	return pageOf(recs, scanMission)
}

// FindClauses lists clauses by mandate adoption date, mandate id and
// position within the mandate.
func (s *Store) FindClauses(ctx context.Context, f policy.ClauseFilter, p policy.PageRequest) (policy.Page[policy.Clause], error) {
	params := map[string]any{}
	if err := pageParams(p, params); err != nil {
		return policy.Page[policy.Clause]{}, err
	}
	recs, err := s.query(ctx, `MATCH (md:Entity:Mandate)-[:HAS_CLAUSE]->(c:Clause)
		`+clausePredicates(f, params).where()+`
		WITH c ORDER BY md.adopted, md.id, c.position, c.id
		WITH collect(c) AS matched
		RETURN size(matched) AS total, matched[$offset..$end] AS items`, params)
	if err != nil {
		return policy.Page[policy.Clause]{}, fmt.Errorf("find clauses: %w", err)
	}
	return pageOf(recs, scanClause)
}

// FindDocuments lists documents by year, then id.
func (s *Store) FindDocuments(ctx context.Context, f policy.DocumentFilter, p policy.PageRequest) (policy.Page[policy.Document], error) {
	params := map[string]any{}
	if err := pageParams(p, params); err != nil {
		return policy.Page[policy.Document]{}, err
	}
	recs, err := s.query(ctx, `MATCH (d:Entity:Document)
		`+documentPredicates(f, params).where()+`
		WITH d ORDER BY d.year, d.id
		WITH collect(d) AS matched
		RETURN size(matched) AS total, matched[$offset..$end] AS items`, params)
	if err != nil {
		return policy.Page[policy.Document]{}, fmt.Errorf("find documents: %w", err)
	}
	return pageOf(recs, scanDocument)
}

// relationTypes is the relationship type expression of the relations of
// kind (both kinds when nil), from the model's constants: a kind is never
// spliced into Cypher from a request.
func relationTypes(kind *policy.RelationKind) (string, error) {
	if kind == nil {
		return RelTension + "|" + RelConvergence, nil
	}
	switch *kind {
	case policy.Tension:
		return RelTension, nil
	case policy.Convergence:
		return RelConvergence, nil
	}
	return "", policy.Errorf(policy.EINVALID, "unknown relation kind %q", *kind)
}

// FindRelations lists relations by id. It matches only the asked kind's
// relationship type, writes only the predicates of the filter's set
// fields, works out an end's agendas only when the filter names agendas,
// and pages in Cypher: without the total (p.SkipTotal) the matches in id
// order are cut at the page; with it they are counted in the one pass that
// finds them, keeping only the matched relationships (not rows of their
// ends), and only the page's ends are read.
func (s *Store) FindRelations(ctx context.Context, f policy.RelationFilter, p policy.PageRequest) (policy.Page[policy.Relation], error) {
	page, _, err := s.FindRelationsWith(ctx, f, p, policy.RelationNeighbours{})
	return page, err
}

// FindRelationsWith is FindRelations that also returns, by id, the
// entities with reads: the page's relations' ends and the documents their
// evidence cites, in the same query (each of those levels was a query and
// a transaction of its own: two thirds of Neo4j's work on the benchmark's
// operation 3).
func (s *Store) FindRelationsWith(ctx context.Context, f policy.RelationFilter, p policy.PageRequest, with policy.RelationNeighbours) (policy.Page[policy.Relation], map[string]policy.Entity, error) {
	if err := f.Validate(); err != nil {
		return policy.Page[policy.Relation]{}, nil, err
	}
	types, err := relationTypes(f.Kind)
	if err != nil {
		return policy.Page[policy.Relation]{}, nil, err
	}
	params := map[string]any{}
	if err := pageParams(p, params); err != nil {
		return policy.Page[policy.Relation]{}, nil, err
	}
	match := `MATCH (a:Entity)-[r:` + types + `]->(b:Entity) ` + relationPredicates(f, params).where()
	// The ends' agendas are worked out only when the filter names agendas,
	// once per end.
	switch len(f.Agendas) {
	case 1:
		params["ag1"] = f.Agendas[0]
		match += `
			WITH a, r, b WHERE $ag1 IN ` + agendasOf("a") + ` OR $ag1 IN ` + agendasOf("b")
	case 2:
		params["ag1"], params["ag2"] = f.Agendas[0], f.Agendas[1]
		match += `
			WITH a, r, b, ` + agendasOf("a") + ` AS ga, ` + agendasOf("b") + ` AS gb
			WHERE ($ag1 IN ga AND $ag2 IN gb) OR ($ag2 IN ga AND $ag1 IN gb)`
	}
	if f.Mission != nil { // the dearest test, on what is left
		params["mission"] = *f.Mission
		match += `
			WITH a, r, b WHERE $mission IN ` + relationMissions
	}
	// Without the total, the matches in id order are cut at the page (one
	// more than the page tells whether another follows); with it, they are
	// counted in the same pass and only the page's are read further (the
	// ends' ids): the pass keeps the matched relationships, not rows.
	params["limit"] = int64(p.Limit) + 1
	ends, endsOf := ``, ``
	if with.Ends {
		ends, endsOf = `, a: a, b: b`, `, a: startNode(x), b: endNode(x)`
	}
	query := match + `
		WITH a, r, b ORDER BY r.id SKIP $offset LIMIT $limit
		WITH collect({rel: r, src: a.id, tgt: b.id` + ends + `}) AS items
		WITH -1 AS total, items`
	if !p.SkipTotal {
		query = match + `
		WITH r ORDER BY r.id
		WITH collect(r) AS matched
		WITH size(matched) AS total,
		     [x IN matched[$offset..$offset + $limit] | {rel: x, src: startNode(x).id, tgt: endNode(x).id` + endsOf + `}] AS items`
	}
	docs := `[]`
	if with.Documents {
		docs = `COLLECT {
			UNWIND items AS x UNWIND x.rel.evidenceDocuments AS did
			WITH DISTINCT did
			MATCH (d:` + LabelEntity + ` {id: did})
			RETURN d
		}`
	}
	query += `
		RETURN total, items, ` + docs + ` AS docs`
	recs, err := s.query(ctx, query, params)
	if err != nil {
		return policy.Page[policy.Relation]{}, nil, fmt.Errorf("find relations: %w", err)
	}
	page, err := pageOf(recs, relationFromMap)
	if err != nil {
		return page, nil, err
	}
	neighbours, err := relationNeighbours(recs[0], with, p.Limit)
	if err != nil {
		return page, nil, fmt.Errorf("find relations: %w", err)
	}
	if more := len(page.Items) > p.Limit; more || p.SkipTotal {
		page.Items = page.Items[:min(len(page.Items), p.Limit)]
		if p.SkipTotal {
			page.Total = p.Offset + len(page.Items)
			if more {
				page.Total++ // a lower bound: enough for hasNextPage
			}
		}
	}
	return page, neighbours, nil
}

// relationNeighbours scans the ends (items' a and b) and documents (docs)
// of a FindRelationsWith record, of its first limit items only (the query
// reads one more, which tells whether another page follows); nil when with
// asks for neither.
func relationNeighbours(rec *neo4j.Record, with policy.RelationNeighbours, limit int) (map[string]policy.Entity, error) {
	if !with.Ends && !with.Documents {
		return nil, nil
	}
	items, _ := rec.Get("items")
	list, _ := items.([]any)
	list = list[:min(len(list), limit)]
	cited := map[string]bool{}
	for _, it := range list {
		m, _ := it.(map[string]any)
		if r, ok := m["rel"].(neo4j.Relationship); ok {
			docs, _ := r.Props["evidenceDocuments"].([]any)
			for _, d := range docs {
				if id, ok := d.(string); ok {
					cited[id] = true
				}
			}
		}
	}
	out := map[string]policy.Entity{}
	add := func(v any) error {
		n, ok := v.(neo4j.Node)
		if !ok {
			return fmt.Errorf("neighbour is %T, want a node", v)
		}
		e, err := entityFromNode(n)
		if err == nil {
			out[e.ID()] = e
		}
		return err
	}
	for _, it := range list {
		m, _ := it.(map[string]any)
		for _, end := range []string{"a", "b"} {
			if v, ok := m[end]; ok {
				if err := add(v); err != nil {
					return nil, err
				}
			}
		}
	}
	docs, err := get[[]any](rec, "docs")
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		n, ok := d.(neo4j.Node)
		if id, _ := n.Props["id"].(string); ok && !cited[id] {
			continue // cited by the item past the page only
		}
		if err := add(d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindAgendas lists every agenda by id.
func (s *Store) FindAgendas(ctx context.Context) ([]policy.Agenda, error) {
	recs, err := s.query(ctx, `MATCH (g:Entity:Agenda) RETURN g AS n ORDER BY g.id`, nil)
	if err != nil {
		return nil, fmt.Errorf("find agendas: %w", err)
	}
	out := make([]policy.Agenda, 0, len(recs))
	for _, rec := range recs {
		n, _, err := recordNode(rec, "n")
		if err != nil {
			return nil, err
		}
		e, err := entityFromNode(n)
		if err != nil {
			return nil, err
		}
		if e.Agenda == nil {
			return nil, fmt.Errorf("node %s is not an agenda", e.ID())
		}
		out = append(out, *e.Agenda)
	}
	return out, nil
}

// awaitSearchIndex waits for the full-text index to apply every committed
// write. The index is eventually consistent (schema/001_constraints.cypher):
// Lucene applies a commit's updates after it, so for a second or two after
// a large load the index lags the graph. Search waits first (under a
// millisecond when nothing is pending: docs/performance.md), so it never
// misses what a finished load wrote nor lists what it deleted, and Load
// need not wait.
const awaitSearchIndex = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"

// Search runs a full-text query (Lucene syntax) over the entity_search index
// and returns up to limit hits, best first.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]policy.SearchHit, error) {
	if strings.TrimSpace(text) == "" {
		return nil, policy.Errorf(policy.EINVALID, "search text must not be empty")
	}
	if limit < 0 {
		return nil, policy.Errorf(policy.EINVALID, "search size must not be negative")
	}
	if limit == 0 {
		return []policy.SearchHit{}, nil
	}
	// The label check drops what a switch committing between the wait and
	// the query retires.
	recs, err := s.query(ctx, awaitSearchIndex+`
		CALL db.index.fulltext.queryNodes('entity_search', $text, {limit: $limit})
		YIELD node, score
		WHERE node:Entity
		RETURN node, score ORDER BY score DESC, node.id LIMIT $limit`,
		map[string]any{"text": text, "limit": int64(limit)})
	if err != nil {
		var nerr *neo4j.Neo4jError
		if errors.As(err, &nerr) && strings.Contains(nerr.Msg, "TooManyClauses") {
			return nil, &policy.Error{Code: policy.EINVALID, Err: err,
				Message: "search text has too many terms (the full-text index takes at most 1,024 clauses); search with fewer words"}
		}
		if isLuceneSyntaxError(err) {
			shown := text
			if len(shown) > 80 {
				shown = strings.ToValidUTF8(shown[:80], "") + "..."
			}
			return nil, &policy.Error{Code: policy.EINVALID, Err: err, Message: fmt.Sprintf(
				"search text %q is not a valid full-text query (quote phrases with \"...\" and escape special characters with \\)", shown)}
		}
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := make([]policy.SearchHit, 0, len(recs))
	for _, rec := range recs {
		n, _, err := recordNode(rec, "node")
		if err != nil {
			return nil, err
		}
		e, err := entityFromNode(n)
		if err != nil {
			return nil, err
		}
		score, err := get[float64](rec, "score")
		if err != nil {
			return nil, err
		}
		hits = append(hits, policy.SearchHit{Entity: e, Score: score})
	}
	return hits, nil
}
