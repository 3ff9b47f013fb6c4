package neo4jdb

// The API's reads, part 4: a tree read. Missions with their mandates, the
// mandates' clauses and the clauses' agendas in one query, nested COLLECT
// subqueries in the shape of hand-written Cypher, instead of one query and
// one transaction per level that finds the next level by id again (the
// agenda level of the benchmark's operation 2 re-sought 64,958 clauses:
// 568,672 of the request's 928,661 database hits). graph/tree.go compiles a
// request's selection into the policy.TreeRequest this reads.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// treeFetchSize is how many mission rows the driver asks the server for at
// a time: a tree read is charged row by row (MissionTrees' charge), so a
// refused answer stops after a few missions instead of after all of them
// are buffered.
const treeFetchSize = 4

// treeQuery returns the Cypher of req: one row per mission, in the order of
// $ids, with its mandates as lists [node, clauses], each clause as a list
// [agendas: [id], node] or, with req's clause properties, [agendas: [id],
// value of each of keys], and the agenda nodes its clauses address once
// per row. Rows are lists, not maps: the driver decodes a map's keys anew
// in every row (a quarter of the CPU samples of operation 1 in-process,
// docs/performance.md). The orders are those of the batch loads
// (read_batch.go), so a tree read and the per-level reads give the same
// lists. Below the mission no
// node's kind label is tested: a relationship type of the model has one
// kind at each end (model.go), and a test costs a database hit per row
// (2,082 for the agendas of operation 1 on the bundled data); the scan
// checks each node's kind all the same (scanMissionTree).
func treeQuery(req policy.TreeRequest) (query string, keys []string, err error) {
	var b strings.Builder
	b.WriteString(`UNWIND range(0, size($ids) - 1) AS i
		MATCH (m:` + LabelEntity + `:` + LabelMission + ` {id: $ids[i]})
		WITH m ORDER BY i`)
	if req.Mandates == nil {
		b.WriteString(`
		RETURN m AS mission, [] AS mandates, [] AS agendas`)
		return b.String(), nil, nil
	}
	clauses := `null`
	if cl := req.Mandates.Clauses; cl != nil {
		node := `c`
		if cl.Props != nil {
			if keys, node, err = kindValues("c", LabelClause, cl.Props); err != nil {
				return "", nil, err
			}
		}
		where := ``
		if cl.Agenda != nil {
			where = `
				WHERE EXISTS { (c)-[:` + RelAddresses + `]->(:` + LabelAgenda + ` {id: $agenda}) }`
		}
		agendas := `null`
		if cl.Agendas {
			agendas = `COLLECT {
					MATCH (c)-[:` + RelAddresses + `]->(g)
					WITH g ORDER BY g.id
					RETURN g.id
				}`
		}
		clauses = `COLLECT {
				MATCH (md)-[:` + RelHasClause + `]->(c)` + where + `
				WITH c ORDER BY c.position, c.id
				RETURN [` + agendas + `, ` + node + `]
			}`
	}
	b.WriteString(`
		WITH m, COLLECT {
			MATCH (m)<-[:` + RelMandates + `]-(md)
			WITH md ORDER BY md.adopted, md.id
			RETURN [md, ` + clauses + `]
		} AS mandates`)
	if req.Mandates.Clauses == nil || !req.Mandates.Clauses.Agendas {
		b.WriteString(`
		RETURN m AS mission, mandates, [] AS agendas`)
		return b.String(), keys, nil
	}
	// The agenda nodes once per mission, not once per clause that
	// addresses them (97,512 references to 12 agendas in operation 2 at
	// scale): the ids are gathered from the row itself, without touching
	// the graph, then sought once each.
	b.WriteString(`
		WITH m, mandates, COLLECT {
			UNWIND mandates AS md UNWIND md[1] AS c UNWIND c[0] AS gid
			RETURN DISTINCT gid
		} AS gids
		RETURN m AS mission, mandates, COLLECT {
			MATCH (g:` + LabelEntity + `) WHERE g.id IN gids
			RETURN g
		} AS agendas`)
	return b.String(), keys, nil
}

// MissionTrees reads the missions of req with what req asks below them, in
// one query and one read transaction, and hands them to consume as they
// arrive: next returns each mission's tree in the order of req.Missions
// (nil, nil after the last), so a caller that writes each tree out need
// not hold them all. consume's error ends the read and is returned; if
// the driver retries the transaction, consume is called again from the
// first tree. charge, when not nil, is told the number of objects of each
// tree (MissionTree.Objects) as it arrives; its error ends the read and is
// returned as it is, so a caller's bound stops a large answer before the
// rest is read.
func (s *Store) MissionTrees(ctx context.Context, req policy.TreeRequest, charge func(n int) error,
	consume func(next func() (*policy.MissionTree, error)) error) error {
	ids := dedupe(req.Missions)
	if len(ids) == 0 {
		return consume(func() (*policy.MissionTree, error) { return nil, nil })
	}
	query, keys, err := treeQuery(req)
	if err != nil {
		return err
	}
	var clauses *listScanner // nil: whole clause nodes
	if keys != nil {
		if clauses, err = newListScanner(LabelClause, keys); err != nil {
			return err
		}
	}
	params := map[string]any{"ids": ids}
	if req.Mandates != nil && req.Mandates.Clauses != nil && req.Mandates.Clauses.Agenda != nil {
		params["agenda"] = *req.Mandates.Clauses.Agenda
	}
	_, err = readTxConfig(ctx, s, neo4j.SessionConfig{FetchSize: treeFetchSize}, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		s.roundTrips.Add(1)
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return struct{}{}, fmt.Errorf("read mission trees: %w", err)
		}
		var stopped error // charge's or a scan's: consume may not pass it on
		next := func() (*policy.MissionTree, error) {
			if stopped != nil {
				return nil, stopped
			}
			if !res.Next(ctx) {
				if err := res.Err(); err != nil {
					stopped = fmt.Errorf("read mission trees: %w", err)
				}
				return nil, stopped
			}
			t, err := scanMissionTree(res.Record(), clauses)
			if err != nil {
				stopped = fmt.Errorf("read mission trees: %w", err)
				return nil, stopped
			}
			if charge != nil {
				if err := charge(t.Objects()); err != nil {
					stopped = err
					return nil, err
				}
			}
			return &t, nil
		}
		if err := consume(next); err != nil {
			return struct{}{}, err
		}
		if stopped != nil {
			return struct{}{}, stopped
		}
		if _, err := res.Consume(ctx); err != nil { // the rows consume left, if any
			return struct{}{}, fmt.Errorf("read mission trees: %w", err)
		}
		return struct{}{}, nil
	})
	return err
}

// scanMissionTree reads one row of treeQuery; clauses scans the clause
// values its rows list (nil: whole clause nodes).
func scanMissionTree(rec *neo4j.Record, clauses *listScanner) (policy.MissionTree, error) {
	var t policy.MissionTree
	mn, err := get[neo4j.Node](rec, "mission")
	if err != nil {
		return t, err
	}
	e, err := entityFromNode(mn)
	if err != nil {
		return t, err
	}
	if e.Mission == nil {
		return t, fmt.Errorf("node %s is not a mission", e.ID())
	}
	t.Mission = *e.Mission
	agendaNodes, err := get[[]any](rec, "agendas")
	if err != nil {
		return t, err
	}
	agendas := make(map[string]*policy.Agenda, len(agendaNodes))
	for _, v := range agendaNodes {
		n, ok := v.(neo4j.Node)
		if !ok {
			return t, fmt.Errorf("agenda is %T", v)
		}
		e, err := entityFromNode(n)
		if err != nil {
			return t, err
		}
		if e.Agenda == nil {
			return t, fmt.Errorf("node %s is not an agenda", e.ID())
		}
		agendas[e.ID()] = e.Agenda
	}
	mandates, err := get[[]any](rec, "mandates")
	if err != nil {
		return t, err
	}
	t.Mandates = make([]policy.MandateTree, 0, len(mandates))
	for _, v := range mandates {
		row, _ := v.([]any)
		if len(row) != 2 {
			return t, fmt.Errorf("mandate row is %T of %d", v, len(row))
		}
		n, ok := row[0].(neo4j.Node)
		if !ok {
			return t, fmt.Errorf("mandate row holds %T", row[0])
		}
		e, err := entityFromNode(n)
		if err != nil {
			return t, err
		}
		if e.Mandate == nil {
			return t, fmt.Errorf("node %s is not a mandate", e.ID())
		}
		md := policy.MandateTree{Mandate: *e.Mandate}
		if md.Clauses, err = scanClauseTrees(row[1], clauses, agendas); err != nil {
			return t, fmt.Errorf("mandate %s: %w", md.Mandate.ID, err)
		}
		t.Mandates = append(t.Mandates, md)
	}
	return t, nil
}

// scanClauseTrees reads a mandate's clause rows (nil when not asked for).
func scanClauseTrees(v any, clauses *listScanner, agendas map[string]*policy.Agenda) ([]policy.ClauseTree, error) {
	if v == nil {
		return nil, nil
	}
	rows, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("clauses are %T", v)
	}
	out := make([]policy.ClauseTree, 0, len(rows))
	for _, r := range rows {
		row, _ := r.([]any)
		var e policy.Entity
		var err error
		switch {
		case len(row) == 0:
			err = fmt.Errorf("clause row is %T", r)
		case clauses == nil:
			n, ok := row[len(row)-1].(neo4j.Node)
			if !ok || len(row) != 2 {
				return nil, fmt.Errorf("clause row holds %T", row[len(row)-1])
			}
			e, err = entityFromNode(n)
		default:
			e, err = clauses.entity(row[1:])
		}
		if err != nil {
			return nil, err
		}
		if e.Clause == nil {
			return nil, fmt.Errorf("node %s is not a clause", e.ID())
		}
		c := policy.ClauseTree{Clause: e.Clause}
		if ids, ok := row[0].([]any); ok {
			c.Agendas = make([]*policy.Agenda, 0, len(ids))
			for _, id := range ids {
				s, _ := id.(string)
				g, ok := agendas[s]
				if !ok {
					return nil, fmt.Errorf("clause %s: agenda %v was not returned", c.Clause.ID, id)
				}
				c.Agendas = append(c.Agendas, g)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// kindValues returns the keys of a node v of kind label that a tree row
// lists, id and then props (each a key of that kind; kind itself is known
// from the row's place), and the Cypher list of their values.
func kindValues(v, label string, props []string) (keys []string, list string, err error) {
	k := kindByLabel[label]
	if k == nil {
		return nil, "", fmt.Errorf("projection: unknown kind %q", label)
	}
	keys = []string{"id"}
	for _, p := range props {
		if p == "kind" || slices.Contains(keys, p) {
			continue
		}
		if !slices.Contains(k.keys, p) {
			return nil, "", fmt.Errorf("projection: %q is no property of %s", p, label)
		}
		keys = append(keys, p)
	}
	return keys, v + "." + strings.Join(keys, ", "+v+"."), nil
}
