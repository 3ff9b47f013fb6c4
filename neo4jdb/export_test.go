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
func StageForTest(ctx context.Context, s *Store, ds *policy.Dataset, switchTo bool) error {
	w, err := buildWanted(ds)
	if err != nil {
		return err
	}
	opts := LoadOptions{BatchSize: 3, StageBatchSize: 3, Workers: 2, TxTimeout: DefaultLoadTimeout}
	byLabel, eids, err := s.stageCopy(ctx, w, opts)
	if err != nil || !switchTo {
		return err
	}
	return s.switchToStaged(ctx, byLabel, eids, opts)
}

// AwaitSearchIndexForTest waits until the eventually consistent full-text
// index reflects every committed write, as Search does before it queries.
func AwaitSearchIndexForTest(ctx context.Context, s *Store) error {
	return ExecForTest(ctx, s, awaitSearchIndex)
}

// ExecForTest runs one statement in its own transaction.
func ExecForTest(ctx context.Context, s *Store, query string) error {
	_, err := s.execute(ctx, query, nil, neo4j.EagerResultTransformer, neo4j.Write)
	return err
}
