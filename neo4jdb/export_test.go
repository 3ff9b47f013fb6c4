package neo4jdb

import (
	"context"

	"github.com/mandategraph/mandategraph/policy"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// StageForTest does what a staged load does up to a point: it writes ds as
// a staged copy and, if switchTo, switches to it, but never deletes the
// retired copy, leaving the graph as a staged load killed at that point
// would.
//
// It takes the load lock as Load does: without it, a load by another test
// process running at the same time would delete the copy as debris.
func StageForTest(ctx context.Context, s *Store, ds *policy.Dataset, switchTo bool) error {
	w, err := buildWanted(ds)
	if err != nil {
		return err
	}
	opts := LoadOptions{BatchSize: 3, StageBatchSize: 3, Workers: 2, TxTimeout: DefaultLoadTimeout}
	unlock, err := s.lockLoads(ctx, opts.TxTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	byLabel, eids, err := s.stageCopy(ctx, w, opts)
	if err != nil || !switchTo {
		return err
	}
	return s.switchToStaged(ctx, byLabel, eids, opts)
}

// AwaitSearchIndexForTest waits until the eventually consistent full-text
// index reflects every committed write, as Search does before it queries.
func AwaitSearchIndexForTest(ctx context.Context, s *Store) error {
	_, err := CypherForTest(ctx, s, awaitSearchIndex, nil)
	return err
}

// CypherForTest runs one statement in its own write transaction and
// returns its records. It is the tests' one way to run raw Cypher.
func CypherForTest(ctx context.Context, s *Store, query string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := s.execute(ctx, query, params, neo4j.EagerResultTransformer, neo4j.Write)
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

// ReadForTest runs query in a read transaction, the way the API's reads do.
func ReadForTest(ctx context.Context, s *Store, query string, params map[string]any) ([]*neo4j.Record, error) {
	return s.query(ctx, query, params)
}
