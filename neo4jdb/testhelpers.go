package neo4jdb

// Test helpers: exported because other packages' tests (cmd_load_test.go,
// the benchmark) compare and clear graphs too, but no product code path
// calls them.

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// Dump returns a canonical text rendering of the whole database: one line
// per node (labels sorted, properties sorted by key) and one per
// relationship (type, endpoint ids, sorted properties), all lines sorted.
// Two graphs with the same content have byte-identical dumps whatever the
// order they were written in, so tests compare dumps to compare graphs.
//
//	node :Entity:Mission {acronym: "MONUSCO", hostCountries: ["COD"], id: "MONUSCO", startDate: date("2010-07-01"), ...}
//	rel "S/RES/1925(2010)" -[:MANDATES {}]-> "MONUSCO"
//
// An endpoint without a string id is rendered as its whole node.
func (s *Store) Dump(ctx context.Context) (string, error) {
	return s.dump(ctx, "", "")
}

// DumpVisible is Dump restricted to what read queries can reach: it leaves
// out the nodes of staged and retired copies (stage.go) and their
// relationships, which an interrupted staged load can leave behind until
// the next load deletes them.
func (s *Store) DumpVisible(ctx context.Context) (string, error) {
	return s.dump(ctx, `WHERE NOT n:`+LabelStaged+` AND NOT n:`+LabelRetired,
		`WHERE NOT a:`+LabelStaged+` AND NOT a:`+LabelRetired+` AND NOT b:`+LabelStaged+` AND NOT b:`+LabelRetired)
}

// dump renders the nodes and relationships that pass the given WHERE
// clauses (constants of this package, never input).
func (s *Store) dump(ctx context.Context, nodeWhere, relWhere string) (string, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead, FetchSize: 10000})
	defer session.Close(ctx)
	lines, err := neo4j.ExecuteRead(ctx, session, func(tx neo4j.ManagedTransaction) ([]string, error) {
		var lines []string
		s.roundTrips.Add(1)
		res, err := tx.Run(ctx, `MATCH (n) `+nodeWhere+` RETURN labels(n) AS labels, properties(n) AS props`, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			v := res.Record().Values
			lines = append(lines, "node "+renderNode(v[0], v[1]))
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		s.roundTrips.Add(1)
		res, err = tx.Run(ctx, `MATCH (a)-[r]->(b) `+relWhere+`
			RETURN type(r) AS type, properties(r) AS props,
				CASE WHEN a.id IS :: STRING THEN a.id END AS aid, CASE WHEN a.id IS :: STRING THEN null ELSE [labels(a), properties(a)] END AS a,
				CASE WHEN b.id IS :: STRING THEN b.id END AS bid, CASE WHEN b.id IS :: STRING THEN null ELSE [labels(b), properties(b)] END AS b`, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			v := res.Record().Values
			lines = append(lines, fmt.Sprintf("rel %s -[:%s %s]-> %s",
				dumpEndpoint(v[2], v[3]), v[0], renderProps(asPropMap(v[1])), dumpEndpoint(v[4], v[5])))
		}
		return lines, res.Err()
	}, neo4j.WithTxTimeout(max(s.txTimeout, 10*time.Minute)))
	if err != nil {
		return "", fmt.Errorf("dump: %w", wrapNeo4j(err))
	}
	sort.Strings(lines)
	if len(lines) == 0 {
		return "", nil
	}
	return strings.Join(lines, "\n") + "\n", nil
}

func dumpEndpoint(id, node any) string {
	if s, ok := id.(string); ok {
		return strconv.Quote(s)
	}
	l := asAnyList(node)
	if len(l) != 2 {
		return "(?)"
	}
	return "(" + renderNode(l[0], l[1]) + ")"
}

// Reset deletes every node and relationship in the database, in batches of
// their own transactions (so it is not atomic), keeping the schema. It is
// for tests and benchmarks, which start from an empty graph.
func (s *Store) Reset(ctx context.Context) error {
	for _, q := range []string{
		`MATCH ()-[r]->() WITH r LIMIT $n DELETE r RETURN count(*) AS n`,
		`MATCH (x) WITH x LIMIT $n DETACH DELETE x RETURN count(*) AS n`,
	} {
		if _, err := s.deleteInBatches(ctx, q); err != nil {
			return fmt.Errorf("reset: %w", err)
		}
	}
	return nil
}

// DropSchema drops every constraint and index ApplySchema creates, so the
// database looks like a fresh one to a server that checks the schema. It is
// for tests; ApplySchema puts the schema back. The names come from the
// embedded schema, never from input (schema commands take no parameters).
func (s *Store) DropSchema(ctx context.Context) error {
	for _, stmt := range mustSchema() {
		fields := strings.Fields(stmt)
		if len(fields) == 0 || fields[0] != "CREATE" {
			continue
		}
		for i, f := range fields {
			if (f == "CONSTRAINT" || f == "INDEX") && i+1 < len(fields) {
				q := "DROP " + f + " " + fields[i+1] + " IF EXISTS"
				if _, err := s.execute(ctx, q, nil, neo4j.EagerResultTransformer, neo4j.Write); err != nil {
					return fmt.Errorf("drop schema: %s: %w", q, wrapNeo4j(err))
				}
				break
			}
		}
	}
	return nil
}

// WholeGraph returns every node queries can reach and every relationship
// among them, as the graph query would give them but without its node cap
// (policy.MaxGraphNodes): the export tests compare whole exports with it.
// Nodes come in kind order then by id, relationships by type and ends.
func (s *Store) WholeGraph(ctx context.Context) (policy.Graph, error) {
	g := policy.Graph{Nodes: []policy.GraphNode{}, Edges: []policy.GraphEdge{}}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead, FetchSize: 10000})
	defer session.Close(ctx)
	// The driver cannot hand back a nil any (it panics casting it), so the
	// function returns a bool it ignores.
	_, err := neo4j.ExecuteRead(ctx, session, func(tx neo4j.ManagedTransaction) (bool, error) {
		g.Nodes, g.Edges = g.Nodes[:0], g.Edges[:0]
		res, err := tx.Run(ctx, `MATCH (n:Entity) RETURN n ORDER BY `+kindRank("n")+`, n.id`, nil)
		if err != nil {
			return false, err
		}
		for res.Next(ctx) {
			n, ok := res.Record().Values[0].(neo4j.Node)
			if !ok {
				return false, fmt.Errorf("node is %T", res.Record().Values[0])
			}
			gn, err := graphNodeFrom(n)
			if err != nil {
				return false, err
			}
			g.Nodes = append(g.Nodes, gn)
		}
		if err := res.Err(); err != nil {
			return false, err
		}
		res, err = tx.Run(ctx, `MATCH (a:Entity)-[r`+":"+strings.Join(RelTypes, "|")+`]->(b:Entity)
			RETURN type(r) AS type, a.id AS src, b.id AS tgt, properties(r) AS props
			ORDER BY type, src, tgt, r.id`, nil)
		if err != nil {
			return false, err
		}
		for res.Next(ctx) {
			v := res.Record().Values
			typ, _ := v[0].(string)
			src, _ := v[1].(string)
			tgt, _ := v[2].(string)
			props, _ := v[3].(map[string]any)
			g.Edges = append(g.Edges, graphEdgeFrom(typ, src, tgt, props))
		}
		return true, res.Err()
	}, neo4j.WithTxTimeout(max(s.txTimeout, 10*time.Minute)))
	if err != nil {
		return policy.Graph{}, fmt.Errorf("whole graph: %w", wrapNeo4j(err))
	}
	return g, nil
}

// RunningTx is a transaction SHOW TRANSACTIONS lists.
type RunningTx struct {
	ID, Query, Status string
}

// RunningTransactions lists the transactions running on the server other
// than the one that asks, so a test can check that cancelled work is gone.
func (s *Store) RunningTransactions(ctx context.Context) ([]RunningTx, error) {
	recs, err := s.query(ctx, `SHOW TRANSACTIONS YIELD transactionId, currentQuery, status
		WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
		RETURN transactionId, currentQuery, status`, nil)
	if err != nil {
		return nil, fmt.Errorf("show transactions: %w", wrapNeo4j(err))
	}
	txs := make([]RunningTx, 0, len(recs))
	for _, rec := range recs {
		var tx RunningTx
		tx.ID, _ = rec.Values[0].(string)
		tx.Query, _ = rec.Values[1].(string)
		tx.Status, _ = rec.Values[2].(string)
		txs = append(txs, tx)
	}
	return txs, nil
}
