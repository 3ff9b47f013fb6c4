package neo4jdb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Staged loads. A difference too large for one transaction (or for the
// server's heap) is not written as a difference: the whole dataset is
// written as a new copy of the graph, in many small transactions run in
// parallel, on nodes that carry LabelStaged and their kind label but not
// LabelEntity. No read query can reach that copy: every query starts from
// :Entity nodes (or checks that a relationship's ends are), and the copy's
// relationships join only its own nodes. One short transaction then
// switches: the current nodes trade LabelEntity for LabelRetired and the
// staged ones LabelStaged for LabelEntity: one label per node. The indexes
// on kind labels (adoption date, year) were filled while staging, in
// parallel; the full-text index is on LabelEntity, so it never lists the
// copy. That switch is the load's only visible step, so the load stays all
// or nothing; afterwards the retired copy is deleted in batches. Anything
// staged or retired that a dead loader left behind is invisible, and the
// next load deletes it before it starts.

// DefaultStageAbove is the size of difference, in rows, above which Load
// stages instead of writing the difference in one transaction, when
// LoadOptions.StageAbove is 0. Neo4j's default transaction memory limit
// (70% of the heap) holds about 300,000 relationships' worth of rows with
// the scripts' default 2g heap (docs/performance.md).
const DefaultStageAbove = 200_000

// DefaultStageWorkers is how many staging transactions run at once when
// LoadOptions.Workers is 0, and DefaultStageBatchSize how many rows each
// writes when LoadOptions.StageBatchSize is 0. On a 2-core machine 500-row
// transactions were clearly faster than 10,000-row ones, and 3, 4 or 6
// workers did alike (docs/performance.md): small transactions in flight on
// more sessions than cores keep both cores busy while each waits for its
// commit to reach the disk.
const (
	DefaultStageWorkers   = 4
	DefaultStageBatchSize = 500
)

// staged is the outcome of a staged load, for the report.
type staged struct {
	rows          int // elements written to the staged copy
	write, commit time.Duration
	cleanup       time.Duration
	cleanupErr    error
}

// stageJob is one batch of the staged copy: rows lo to hi-1 of a step,
// written in their own transaction. The worker that runs a job builds its
// rows, so the loader builds them while the server writes earlier batches
// and holds only the batches in flight.
type stageJob struct {
	step   loadStep
	lo, hi int
}

// stageJobs splits st into jobs of size rows.
func stageJobs(st loadStep, size int) []stageJob {
	var jobs []stageJob
	for lo := 0; lo < st.n; lo += size {
		jobs = append(jobs, stageJob{step: st, lo: lo, hi: min(lo+size, st.n)})
	}
	return jobs
}

// loadStaged writes the wanted graph as a staged copy, switches to it in
// one transaction and deletes the copy it replaced.
func (s *Store) loadStaged(ctx context.Context, w *wanted, opts LoadOptions) (staged, error) {
	var st staged
	t := time.Now()
	byLabel, eids, err := s.stageCopy(ctx, w, opts)
	if err != nil {
		return st, err
	}
	st.rows = len(w.nodes) + len(w.rels)
	st.write = time.Since(t)

	t = time.Now()
	err = s.switchToStaged(ctx, byLabel, eids, opts)
	st.commit = time.Since(t)
	if err != nil {
		return st, err
	}

	// The load has happened; deleting the retired copy only frees space, so
	// a failure here is not the load's: it becomes a warning, and the next
	// load deletes what is left.
	t = time.Now()
	_, st.cleanupErr = s.RemoveStagingDebris(ctx)
	st.cleanup = time.Since(t)
	return st, nil
}

// stageCopy writes the wanted graph on LabelStaged nodes, in batches of
// their own transactions on opts.Workers sessions: nodes first, then the
// relationships between them by the element ids their creation returned.
// (Element ids are only promised stable within a transaction; nodes are
// never deleted while they are used here, and the relationship statements
// match only staged nodes and check their counts, so a stale id fails the
// load instead of linking something else.) It returns the wanted node
// indexes per label and the element id of every wanted node.
func (s *Store) stageCopy(ctx context.Context, w *wanted, opts LoadOptions) (map[string][]int, []string, error) {
	eids := make([]string, len(w.nodes))
	byLabel := groupBy(allIndexes(len(w.nodes)), func(i int) string { return w.nodes[i].label })
	var nodeJobs []stageJob
	for _, label := range NodeLabels {
		nodeJobs = append(nodeJobs, stageJobs(createNodesStep("stage "+label+" nodes", w, LabelStaged, label, byLabel[label], eids),
			opts.StageBatchSize)...)
	}
	progress := newProgress(opts.Progress, len(w.nodes)+len(w.rels))
	if err := s.runStageJobs(ctx, nodeJobs, opts, progress); err != nil {
		return nil, nil, err
	}

	// Relationship batches of the different types are interleaved so that
	// parallel transactions seldom wait for the same dense (agenda) node.
	byType := groupBy(allIndexes(len(w.rels)), func(i int) string { return w.rels[i].typ })
	var perType [][]stageJob
	for _, typ := range RelTypes {
		perType = append(perType, stageJobs(createRelsStep("stage "+typ+" relationships", w, LabelStaged, typ, byType[typ], eids),
			opts.StageBatchSize))
	}
	var relJobs []stageJob
	for k := 0; ; k++ {
		added := false
		for _, jobs := range perType {
			if k < len(jobs) {
				relJobs = append(relJobs, jobs[k])
				added = true
			}
		}
		if !added {
			break
		}
	}
	if err := s.runStageJobs(ctx, relJobs, opts, progress); err != nil {
		return nil, nil, err
	}
	return byLabel, eids, nil
}

// allIndexes returns 0 to n-1.
func allIndexes(n int) []int {
	is := make([]int, n)
	for i := range is {
		is[i] = i
	}
	return is
}

// progressCounter serializes the progress reports of parallel workers.
type progressCounter struct {
	mu    sync.Mutex
	f     func(done, total int)
	done  int
	total int
}

func newProgress(f func(done, total int), total int) *progressCounter {
	p := &progressCounter{f: f, total: total}
	if f != nil {
		f(0, total)
	}
	return p
}

func (p *progressCounter) add(n int) {
	if p.f == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.f(p.done, p.total)
}

// runStageJobs runs jobs on opts.Workers parallel sessions, each job in its
// own write transaction, and stops at the first error.
func (s *Store) runStageJobs(ctx context.Context, jobs []stageJob, opts LoadOptions, progress *progressCounter) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan stageJob)
	var wg sync.WaitGroup
	for range min(opts.Workers, max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
			defer session.Close(context.WithoutCancel(ctx))
			for job := range next {
				if err := s.runStageJob(ctx, session, job, opts); err != nil {
					cancel(err)
					continue // drain
				}
				progress.add(job.hi - job.lo)
			}
		}()
	}
feed:
	for _, job := range jobs {
		select {
		case next <- job:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

func (s *Store) runStageJob(ctx context.Context, session neo4j.SessionWithContext, job stageJob, opts LoadOptions) error {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	rows, err := batchRows(job.step.row, job.lo, job.hi)
	if err != nil {
		return fmt.Errorf("%s (rows %d to %d): %w", job.step.what, job.lo+1, job.hi, err)
	}
	_, err = session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, s.writeBatch(ctx, tx, job.step, rows)
	}, neo4j.WithTxTimeout(opts.TxTimeout), neo4j.WithTxMetadata(map[string]any{"app": "mandategraph", "op": "load-stage"}))
	if err != nil {
		if cerr := context.Cause(ctx); cerr != nil {
			return cerr
		}
		return fmt.Errorf("%s (rows %d to %d): %w", job.step.what, job.lo+1, job.hi, err)
	}
	return nil
}

// errSwitchUnknown marks a switch whose commit got no answer.
var errSwitchUnknown = errors.New("the switch's commit got no answer")

// switchToStaged makes the staged copy the graph in one transaction: every
// node of the model that is not staged is retired (LabelEntity, if it has
// it, traded for LabelRetired) and every staged node trades LabelStaged for
// LabelEntity. Kind labels stay as they are.
func (s *Store) switchToStaged(ctx context.Context, byLabel map[string][]int, eids []string, opts LoadOptions) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	var applied bool
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		applied = false
		if _, err := s.run(ctx, tx, `MATCH (n:`+ownedLabels+`) WHERE NOT n:`+LabelStaged+`
			REMOVE n:`+LabelEntity+` SET n:`+LabelRetired, nil); err != nil {
			return nil, fmt.Errorf("retire the current graph: %w", err)
		}
		for _, label := range NodeLabels {
			idx := byLabel[label]
			for lo := 0; lo < len(idx); lo += opts.BatchSize {
				hi := min(lo+opts.BatchSize, len(idx))
				rows := make([]any, 0, hi-lo)
				for _, i := range idx[lo:hi] {
					rows = append(rows, eids[i])
				}
				rec, err := s.single(ctx, tx, `UNWIND $rows AS eid MATCH (n:`+LabelStaged+`:`+label+`) WHERE elementId(n) = eid
					REMOVE n:`+LabelStaged+` SET n:`+LabelEntity+` RETURN count(*) AS n`, map[string]any{"rows": rows})
				if err != nil {
					return nil, fmt.Errorf("promote staged %s nodes: %w", label, err)
				}
				if n, err := get[int64](rec, "n"); err != nil || int(n) != len(rows) {
					return nil, fmt.Errorf("promote staged %s nodes: %d of %d found (was the staged copy removed by another load?)", label, n, len(rows))
				}
			}
		}
		applied = true
		return nil, nil
	}, neo4j.WithTxTimeout(opts.TxTimeout), neo4j.WithTxMetadata(map[string]any{"app": "mandategraph", "op": "load-switch"}))
	if err != nil {
		var nerr *neo4j.Neo4jError
		if applied && !errors.As(lastError(err), &nerr) {
			return fmt.Errorf("%w: %w", errSwitchUnknown, wrapNeo4j(err))
		}
		return err
	}
	return nil
}

// RemoveStagingDebris deletes what interrupted staged loads left behind:
// the nodes of staged copies that never became the graph and of retired
// copies (invisible to every query), with their relationships, in batches
// of their own transactions. It returns how many nodes it deleted. Load
// runs it before it starts, and a staged load after its switch.
func (s *Store) RemoveStagingDebris(ctx context.Context) (int, error) {
	debris := `(n:` + LabelStaged + `|` + LabelRetired + `)`
	// Relationships first, so that a dense node's thousands of
	// relationships do not all land in one transaction.
	if _, err := s.deleteInBatches(ctx, `MATCH `+debris+`-[r]-() WITH DISTINCT r LIMIT $n DELETE r RETURN count(*) AS n`); err != nil {
		return 0, fmt.Errorf("remove staged and retired copies: %w", err)
	}
	n, err := s.deleteInBatches(ctx, `MATCH `+debris+` WITH n LIMIT $n DELETE n RETURN count(*) AS n`)
	if err != nil {
		return n, fmt.Errorf("remove staged and retired copies: %w", err)
	}
	return n, nil
}

// deleteInBatches runs a deleting query (with LIMIT $n, returning the
// count n it deleted), each time in its own transaction, until it deletes
// nothing, and returns the total.
func (s *Store) deleteInBatches(ctx context.Context, query string) (int, error) {
	total := 0
	for {
		res, err := s.execute(ctx, query, map[string]any{"n": 20000}, neo4j.EagerResultTransformer, neo4j.Write)
		if err != nil {
			return total, wrapNeo4j(err)
		}
		n, err := get[int64](res.Records[0], "n")
		if err != nil {
			return total, err
		}
		if n == 0 {
			return total, nil
		}
		total += int(n)
	}
}
