package neo4jdb

// Loading, part 7: the writes, as batched UNWIND statements.

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// loadStep is one kind of write: a fixed Cypher statement (labels and types
// are constants) run over n rows in batches, in one transaction (apply) or
// one per batch (a staged load). Every statement returns one record, which
// reports how many rows it wrote; that must equal the batch size, so a
// missing endpoint or element fails the load instead of being skipped.
type loadStep struct {
	what  string
	query string
	n     int
	row   func(i int) (any, error)
	// got, when set, receives the one record of each batch (node creation
	// returns the new element ids) and says how many rows it reports;
	// otherwise the statement returns that count as n.
	got func(rec *neo4j.Record) (int, error)
}

func (s *Store) apply(ctx context.Context, tx neo4j.ManagedTransaction, p *loadPlan, opts LoadOptions) error {
	w := p.want
	steps := []loadStep{
		{what: "delete relationships", n: len(p.delRels), row: func(i int) (any, error) { return p.delRels[i], nil },
			query: `UNWIND $rows AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r RETURN count(*) AS n`},
		{what: "delete nodes", n: len(p.delNodes), row: func(i int) (any, error) { return p.delNodes[i], nil },
			query: `UNWIND $rows AS eid MATCH (n) WHERE elementId(n) = eid DETACH DELETE n RETURN count(*) AS n`},
	}
	// Relationships are created between element ids, which Neo4j resolves
	// directly (no index lookup): kept nodes' ids come from the read,
	// created nodes' from their CREATE statement.
	eids := p.eids
	newByLabel := groupBy(p.createNodes, func(i int) string { return w.nodes[i].label })
	for _, label := range NodeLabels {
		steps = append(steps, createNodesStep("create "+label+" nodes", w, LabelEntity, label, newByLabel[label], eids))
	}
	steps = append(steps,
		loadStep{what: "update nodes", n: len(p.updateNodes),
			query: `UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid SET n = row.props RETURN count(*) AS n`,
			row: func(i int) (any, error) {
				u := p.updateNodes[i]
				return map[string]any{"eid": u.eid, "props": w.nodes[u.want].props()}, nil
			}},
		loadStep{what: "update relationships", n: len(p.updateRels),
			query: `UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r = row.props RETURN count(*) AS n`,
			row: func(i int) (any, error) {
				u := p.updateRels[i]
				return map[string]any{"eid": u.eid, "props": w.rels[u.want].props()}, nil
			}})
	newByType := groupBy(p.createRels, func(i int) string { return w.rels[i].typ })
	for _, typ := range RelTypes {
		steps = append(steps, createRelsStep("create "+typ+" relationships", w, "", typ, newByType[typ], eids))
	}

	total, done := p.rows(), 0
	if opts.Progress != nil {
		opts.Progress(0, total)
	}
	for _, st := range steps {
		for lo := 0; lo < st.n; lo += opts.BatchSize {
			if err := ctx.Err(); err != nil {
				return err
			}
			hi := min(lo+opts.BatchSize, st.n)
			rows, err := batchRows(st.row, lo, hi)
			if err != nil {
				return fmt.Errorf("%s: %w", st.what, err)
			}
			if err := s.writeBatch(ctx, tx, st, rows); err != nil {
				return fmt.Errorf("%s (rows %d to %d of %d): %w", st.what, lo+1, hi, st.n, err)
			}
			done += len(rows)
			if opts.Progress != nil {
				opts.Progress(done, total)
			}
		}
	}
	return nil
}

// batchRows builds rows lo to hi-1 of a step with row.
func batchRows(row func(i int) (any, error), lo, hi int) ([]any, error) {
	rows := make([]any, 0, hi-lo)
	for i := lo; i < hi; i++ {
		r, err := row(i)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// createNodesStep creates the wanted nodes w.nodes[idx[...]] of kind label,
// with the labels extra and label, and records their element ids in eids.
// Parallel batches record at distinct indexes of eids, so need no lock.
func createNodesStep(what string, w *wanted, extra, label string, idx []int, eids []string) loadStep {
	keys := kindByLabel[label].keys
	return loadStep{what: what, n: len(idx),
		query: createNodes(extra+`:`+label, keys),
		row:   func(i int) (any, error) { return positional(w.nodes[idx[i]].props(), keys) },
		got:   func(rec *neo4j.Record) (int, error) { return w.recordCreated(eids, rec) }}
}

// createRelsStep creates the wanted relationships w.rels[idx[...]], all of
// type typ, between nodes found by element id, which must carry the label
// ends unless it is "". It returns count(*), not a record per row:
// returning 1M records costs seconds.
func createRelsStep(what string, w *wanted, ends, typ string, idx []int, eids []string) loadStep {
	node := func(v string) string {
		if ends == "" {
			return "(" + v + ")"
		}
		return "(" + v + ":" + ends + ")"
	}
	return loadStep{what: what, n: len(idx),
		query: `UNWIND $rows AS row MATCH ` + node("a") + ` WHERE elementId(a) = row[0] MATCH ` + node("b") +
			` WHERE elementId(b) = row[1] ` + createRel(typ) + ` RETURN count(*) AS n`,
		row: func(i int) (any, error) { return relRow(w.rels[idx[i]], eids), nil }}
}

// groupBy groups the indexes is by key, keeping their order.
func groupBy(is []int, key func(i int) string) map[string][]int {
	groups := map[string][]int{}
	for _, i := range is {
		k := key(i)
		groups[k] = append(groups[k], i)
	}
	return groups
}

// createNodes is the statement that creates a batch of nodes with labels
// (written as in a pattern, "A:B") from rows of the values of keys, in
// order. It returns one record, not one per node: the ids and the new
// element ids as two lists in the same order. Receiving a record per node
// was the largest part of the loader's own CPU time on a staged load of a
// million relationships (the driver reads each record as its own message),
// time the server, on the same two cores, could not use
// (docs/performance.md).
func createNodes(labels string, keys []string) string {
	return `UNWIND $rows AS row CREATE (n:` + labels + ` ` + inlineProps(keys, 0) + `)
		RETURN collect(row[0]) AS ids, collect(elementId(n)) AS eids`
}

// recordCreated stores in eids the element ids that a createNodes
// statement returned, and returns how many nodes it reported.
func (w *wanted) recordCreated(eids []string, rec *neo4j.Record) (int, error) {
	ids, err := get[[]any](rec, "ids")
	if err != nil {
		return 0, err
	}
	created, err := get[[]any](rec, "eids")
	if err != nil {
		return 0, err
	}
	if len(ids) != len(created) {
		return 0, fmt.Errorf("internal error: %d ids for %d created nodes", len(ids), len(created))
	}
	for k, v := range ids {
		id, _ := v.(string)
		eid, _ := created[k].(string)
		i, ok := w.nodeIndex[id]
		if !ok || eid == "" {
			return 0, fmt.Errorf("unexpected created node %q", id)
		}
		eids[i] = eid
	}
	return len(ids), nil
}

// createRel is the CREATE clause of a relationship of typ from a to b; a
// relation's properties come from row[2] on (see relRow).
func createRel(typ string) string {
	if typ == RelTension || typ == RelConvergence {
		return `CREATE (a)-[:` + typ + ` ` + inlineProps(relationKeys, 2) + `]->(b)`
	}
	return `CREATE (a)-[:` + typ + `]->(b)`
}

// relRow is the row that creates r: its endpoints' element ids, then a
// relation's property values in the order of relationKeys.
func relRow(r wantRel, eids []string) []any {
	a, b := eids[r.fromIdx], eids[r.toIdx]
	if r.rel == nil {
		return []any{a, b}
	}
	// Built directly rather than through relationProps and positional,
	// which would build and then unpack a map for each of up to hundreds of
	// thousands of relations. TestRelRowMatchesRelationProps keeps the two
	// in step.
	rel := r.rel
	docs := make([]string, len(rel.Evidence))
	locs := make([]string, len(rel.Evidence))
	notes := make([]string, len(rel.Evidence))
	for i, e := range rel.Evidence {
		docs[i], locs[i], notes[i] = e.Document, e.Locator, e.Note
	}
	var mission any
	if rel.Mission != "" {
		mission = rel.Mission
	}
	return []any{a, b, rel.ID, rel.Mechanism, rel.Summary, int64(rel.Strength), mission, docs, locs, notes}
}

// writeBatch runs one batch of a step and checks that it wrote every row.
func (s *Store) writeBatch(ctx context.Context, tx neo4j.ManagedTransaction, st loadStep, rows []any) error {
	rec, err := s.single(ctx, tx, st.query, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	var wrote int
	if st.got != nil {
		wrote, err = st.got(rec)
	} else {
		var n int64
		n, err = get[int64](rec, "n")
		wrote = int(n)
	}
	if err == nil && wrote != len(rows) {
		err = fmt.Errorf("wrote %d rows, want %d (an endpoint or element is missing)", wrote, len(rows))
	}
	return err
}
