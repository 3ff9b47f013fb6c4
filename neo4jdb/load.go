package neo4jdb

// Loading, part 1: the options and the orchestration of a load (schema,
// lock, cleanup, one transaction or a staged copy). The other parts:
// report.go, wanted.go, props.go, state.go, diff.go, write.go; stage.go.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// DefaultBatchSize is how many rows one UNWIND statement of a load carries
// when LoadOptions.BatchSize is zero (see docs/performance.md).
const DefaultBatchSize = 10000

// DefaultLoadTimeout bounds the load transaction on the server when
// LoadOptions.TxTimeout is zero. Loads are long, single transactions, so
// the store's per-query TxTimeout does not apply to them.
const DefaultLoadTimeout = time.Hour

// LoadOptions tunes Store.Load.
type LoadOptions struct {
	// DryRun computes the difference between the graph and the dataset and
	// reports it, but writes nothing (not even the schema).
	DryRun bool
	// BatchSize is the number of rows per write statement of a load in one
	// transaction, and of a staged load's switch; 0 means DefaultBatchSize.
	BatchSize int
	// StageBatchSize is the number of rows each transaction of a staged
	// load writes; 0 means DefaultStageBatchSize.
	StageBatchSize int
	// Progress, when set, is called with the number of rows written so far
	// and the total to write: once with done = 0 when the difference is
	// known, then after every batch. The driver may retry the transaction
	// after a transient error, in which case done starts again from 0.
	Progress func(done, total int)
	// TxTimeout bounds the load transaction on the server; 0 means
	// DefaultLoadTimeout.
	TxTimeout time.Duration
	// StageAbove is the largest difference, in rows, written in one
	// transaction; a larger one is staged (stage.go): the whole dataset is
	// written as an invisible copy in many parallel transactions, then one
	// short transaction switches to it. 0 means DefaultStageAbove; a
	// negative value never stages.
	StageAbove int
	// Workers is the number of parallel transactions of a staged load; 0
	// means DefaultStageWorkers.
	Workers int
	// Check, when set, is shown the difference (the report's counts)
	// before anything is written, in the load's own transaction; an error
	// it returns ends the load with the graph unchanged, and Load returns
	// that error as it is. It saves a dry run before the load (a second
	// read and diff of the whole graph) to decide whether to load.
	Check func(LoadReport) error
}

// refused carries the error of LoadOptions.Check through the transaction.
type refused struct{ err error }

func (r refused) Error() string { return r.err.Error() }

// errDryRun makes ExecuteWrite roll a dry run's transaction back.
var errDryRun = errors.New("dry run")

// errStage makes ExecuteWrite roll back a transaction that found the
// difference too large to write in it.
var errStage = errors.New("stage")

// Load makes the graph equal to the dataset, which is the source of truth:
// nodes and relationships it lacks are deleted, including nodes that carry
// one of the model's labels and relationships that touch them. It applies
// the schema first (outside the data transaction: schema commands cannot
// share it), then, in ONE write transaction, reads the graph's current
// state, compares it with the dataset in Go and writes only the
// differences in batched UNWIND statements. Loading the same dataset twice
// writes nothing the second time.
//
// The load is all or nothing: an error, a cancelled ctx, a Neo4j restart
// or the death of the loading process before the commit leaves the graph
// as it was; should the server crash during the commit, recovery replays
// the whole transaction or none of it. Readers see the old graph until the
// commit ends. The driver may run the transaction again after a transient
// error; that is safe because each attempt starts by reading the state it
// diffs against. Progress may then report from 0 again.
//
// A difference of more than opts.StageAbove rows, or one the server has
// not the memory to hold in one transaction, is staged instead (see
// stage.go): still all or nothing, with one short switch transaction as
// the only visible step. See docs/performance.md for sizes and memory.
// Loads take turns: a load waits for one already running (lockLoads).
func (s *Store) Load(ctx context.Context, ds *policy.Dataset, opts LoadOptions) (LoadReport, error) {
	start := time.Now()
	want, err := buildWanted(ds)
	if err != nil {
		return LoadReport{}, err
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.TxTimeout <= 0 {
		opts.TxTimeout = DefaultLoadTimeout
	}
	if opts.StageAbove == 0 {
		opts.StageAbove = DefaultStageAbove
	}
	if opts.StageBatchSize <= 0 {
		opts.StageBatchSize = DefaultStageBatchSize
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultStageWorkers
	}
	var phases LoadPhases
	if !opts.DryRun {
		// Applying the schema takes a second even when it exists; asking
		// whether it does takes milliseconds.
		if ok, err := s.SchemaApplied(ctx); err != nil || !ok {
			if err := s.ApplySchema(ctx); err != nil {
				return LoadReport{}, fmt.Errorf("load: %w", err)
			}
		}
		unlock, err := s.lockLoads(ctx, opts.TxTimeout)
		if err != nil {
			return LoadReport{}, fmt.Errorf("load (nothing written): %w", err)
		}
		defer unlock()
		phases.Schema = time.Since(start)
		t := time.Now()
		if _, err := s.RemoveStagingDebris(ctx); err != nil {
			return LoadReport{}, fmt.Errorf("load (nothing written): %w", err)
		}
		phases.Cleanup = time.Since(t)
	}
	report, applied, err := s.loadInOneTransaction(ctx, want, opts, &phases)
	stage := errors.Is(err, errStage)
	if err != nil && !stage && opts.StageAbove >= 0 && isOutOfTxMemory(err) {
		// The difference was small enough to try but the server's
		// transaction memory could not hold it (and said so, so nothing was
		// committed): staging needs far less.
		stage = true
	}
	switch {
	case stage:
		st, err := s.loadStaged(ctx, want, opts)
		if err != nil {
			return LoadReport{}, s.stagedLoadError(ctx, err)
		}
		report.Staged, report.StagedRows = true, st.rows
		phases.Write, phases.Commit = st.write, st.commit
		phases.Cleanup += st.cleanup
		if st.cleanupErr != nil {
			report.Warning = fmt.Sprintf("the graph equals the dataset, but deleting the copy it replaced failed (invisible to queries; the next load deletes it): %v", st.cleanupErr)
		}
	case errors.As(err, new(refused)):
		var r refused
		errors.As(err, &r)
		return LoadReport{}, r.err
	case err != nil && !errors.Is(err, errDryRun):
		var nerr *neo4j.Neo4jError
		if !applied.IsZero() && !errors.As(lastError(err), &nerr) {
			// Every write succeeded and the commit failed without an answer
			// from the server, which may or may not have committed.
			return LoadReport{}, fmt.Errorf("load: the commit failed, so the graph is either unchanged or equal to the dataset "+
				"(the load is one transaction); load again to be sure, which writes only what is missing: %w", wrapNeo4j(err))
		}
		return LoadReport{}, fmt.Errorf("load (nothing written): %w", loadError(ctx, err))
	case !applied.IsZero():
		phases.Commit = time.Since(applied)
	}
	report.Phases = phases
	report.Duration = time.Since(start)
	return report, nil
}

// lockLoads waits until no other load runs and returns the function that
// lets the next one in. The lock is a transaction that MERGEs the one
// LoadLock node and is never committed: the unique constraint on it makes
// a second MERGE wait until the first transaction ends, which it does when
// unlock rolls it back, when the loader dies (the server drops its
// connection) or after timeout.
func (s *Store) lockLoads(ctx context.Context, timeout time.Duration) (unlock func(), err error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	tx, err := session.BeginTransaction(ctx, neo4j.WithTxTimeout(timeout),
		neo4j.WithTxMetadata(map[string]any{"app": "mandategraph", "op": "load-lock"}))
	if err == nil {
		var res neo4j.ResultWithContext
		if res, err = tx.Run(ctx, `MERGE (:`+LabelLoadLock+` {id: 'load'})`, nil); err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}
	if err != nil {
		_ = session.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("wait for other loads: %w", wrapNeo4j(err))
	}
	return func() {
		bg := context.WithoutCancel(ctx)
		_ = tx.Rollback(bg)
		_ = session.Close(bg)
	}, nil
}

// loadInOneTransaction reads the graph, diffs it with want and, unless this
// is a dry run or the difference is larger than opts.StageAbove (errStage),
// writes the difference and commits. applied is when the writes ended
// (zero if they did not all succeed).
func (s *Store) loadInOneTransaction(ctx context.Context, want *wanted, opts LoadOptions, phases *LoadPhases) (LoadReport, time.Time, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: s.database,
		AccessMode:   neo4j.AccessModeWrite,
		FetchSize:    10000,
	})
	defer session.Close(ctx)

	var report LoadReport
	var applied time.Time
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		applied = time.Time{}
		t := time.Now()
		have, err := s.readState(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("read current graph: %w", err)
		}
		p := diffGraph(want, have)
		report = p.report
		report.DryRun = opts.DryRun
		phases.Read = time.Since(t)
		if opts.DryRun {
			return nil, errDryRun // roll back: a dry run writes nothing
		}
		if opts.Check != nil {
			if err := opts.Check(report); err != nil {
				return nil, refused{err} // roll back
			}
		}
		if opts.StageAbove >= 0 && p.rows() > opts.StageAbove {
			return nil, errStage
		}
		t = time.Now()
		if err := s.apply(ctx, tx, p, opts); err != nil {
			return nil, err
		}
		applied = time.Now()
		phases.Write = applied.Sub(t)
		return nil, nil // ExecuteWrite commits
	}, neo4j.WithTxTimeout(opts.TxTimeout), neo4j.WithTxMetadata(map[string]any{"app": "mandategraph", "op": "load"}))
	return report, applied, err
}

// stagedLoadError explains why a staged load failed, after removing its
// staged copy unless the switch's outcome is unknown.
func (s *Store) stagedLoadError(ctx context.Context, err error) error {
	if errors.Is(err, errSwitchUnknown) {
		return fmt.Errorf("load: the switch to the staged copy failed, so the graph is either unchanged or equal to the dataset; "+
			"load again to be sure: %w", err)
	}
	// The graph never changed; the staged copy is invisible, but delete it
	// now rather than leave it to the next load. The load's ctx may be the
	// reason for the failure, so this gets its own.
	cleanCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Minute)
	defer cancel()
	if _, cerr := s.RemoveStagingDebris(cleanCtx); cerr != nil {
		return fmt.Errorf("load (nothing written to the graph; its staged copy, invisible to queries, is left for the next load to delete: %v): %w",
			cerr, loadError(ctx, err))
	}
	return fmt.Errorf("load (nothing written; the staged copy was deleted): %w", loadError(ctx, err))
}

// isOutOfTxMemory reports whether the server refused the transaction for
// lack of transaction memory.
func isOutOfTxMemory(err error) bool {
	var nerr *neo4j.Neo4jError
	return errors.As(lastError(err), &nerr) && strings.HasSuffix(nerr.Code, ".MemoryPoolOutOfMemoryError")
}

// lastError is the error of the driver's last attempt.
func lastError(err error) error {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return limit.Errors[len(limit.Errors)-1]
	}
	return err
}

// loadError explains why the load transaction failed.
func loadError(ctx context.Context, err error) error {
	last := lastError(err)
	if isOutOfTxMemory(last) {
		return &policy.Error{Code: policy.EINTERNAL, Err: last,
			Message: "the Neo4j server has not the memory for this transaction: " +
				"give the server a larger heap (NEO4J_HEAP; dbms.memory.transaction.total.max is 70% of it by default)" +
				" or lower the size above which loads are staged (--stage-above); see docs/performance.md"}
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%w)", cerr, err)
	}
	return wrapNeo4j(err)
}
