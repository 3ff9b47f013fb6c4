package neo4jdb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
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
}

// Count is what a load did to the nodes of one label or the relationships
// of one type.
type Count struct {
	Created, Updated, Deleted, Unchanged int
}

// Changes is the number of elements written (created, updated or deleted).
func (c Count) Changes() int { return c.Created + c.Updated + c.Deleted }

func (c *Count) add(o Count) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Deleted += o.Deleted
	c.Unchanged += o.Unchanged
}

// LoadReport says what a load changed, per node label and relationship type.
type LoadReport struct {
	// DryRun is true when nothing was written.
	DryRun bool
	// Nodes is keyed by kind label (LabelMission, ...). Deleted nodes that
	// carry no kind label (only :Entity) are counted under LabelEntity.
	Nodes map[string]Count
	// Relationships is keyed by type (RelMandates, ..., RelTension,
	// RelConvergence). Relationships of other types that touched the
	// model's nodes, and were deleted, are counted under their own type.
	Relationships map[string]Count
	// Rows is the number of rows the write statements carried (for a dry
	// run: would have carried); one row is one element written.
	Rows int
	// Duration is the wall time of the whole load, schema included.
	Duration time.Duration
	// Phases splits Duration (of the last attempt, should the driver retry).
	Phases LoadPhases
	// Staged is true when the load wrote a staged copy of the dataset
	// (StagedRows elements) and switched to it, instead of writing the
	// difference in one transaction.
	Staged     bool
	StagedRows int
	// Warning, when not empty, is something that went wrong after the
	// graph became equal to the dataset (deleting a retired copy).
	Warning string
}

// LoadPhases is where a load's time went.
type LoadPhases struct {
	Schema time.Duration // ApplySchema
	Read   time.Duration // reading the graph and computing the difference
	Write  time.Duration // the write statements (staged: writing the staged copy)
	Commit time.Duration // the commit (staged: the switch transaction)
	// Cleanup is deleting leftovers of interrupted staged loads before the
	// load and, for a staged load, the copy it replaced after it.
	Cleanup time.Duration
}

// NodeTotal sums the node counts over all labels.
func (r LoadReport) NodeTotal() Count { return sumCounts(r.Nodes) }

// RelationshipTotal sums the relationship counts over all types.
func (r LoadReport) RelationshipTotal() Count { return sumCounts(r.Relationships) }

// Changes is the number of nodes and relationships the load created,
// updated or deleted; 0 means the graph already equalled the dataset.
func (r LoadReport) Changes() int { return r.NodeTotal().Changes() + r.RelationshipTotal().Changes() }

func sumCounts(m map[string]Count) Count {
	var t Count
	for _, c := range m {
		t.add(c)
	}
	return t
}

// String prints the report as a table, one row per label and type, with
// totals, followed by a one-line summary.
func (r LoadReport) String() string {
	type line struct {
		name string
		c    Count
	}
	var lines []line
	for _, label := range reportKeys(r.Nodes, NodeLabels) {
		lines = append(lines, line{label, r.Nodes[label]})
	}
	lines = append(lines, line{"all nodes", r.NodeTotal()})
	for _, typ := range reportKeys(r.Relationships, RelTypes) {
		lines = append(lines, line{typ, r.Relationships[typ]})
	}
	lines = append(lines, line{"all relationships", r.RelationshipTotal()})
	width := 0
	for _, l := range lines {
		width = max(width, len(l.name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %9s  %9s  %9s  %9s\n", width, "", "created", "updated", "deleted", "unchanged")
	for _, l := range lines {
		fmt.Fprintf(&b, "%-*s  %9d  %9d  %9d  %9d\n", width, l.name, l.c.Created, l.c.Updated, l.c.Deleted, l.c.Unchanged)
	}
	if r.DryRun {
		fmt.Fprintf(&b, "dry run: %d changes computed, nothing written (%s)\n", r.Changes(), r.Duration.Round(time.Millisecond))
	} else {
		ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
		if r.Staged {
			fmt.Fprintf(&b, "loaded: %d changes by staging a copy of %d elements in %s (schema %s, read and diff %s, staging %s, switch %s, cleanup %s)\n",
				r.Changes(), r.StagedRows, ms(r.Duration), ms(r.Phases.Schema), ms(r.Phases.Read), ms(r.Phases.Write), ms(r.Phases.Commit), ms(r.Phases.Cleanup))
		} else {
			fmt.Fprintf(&b, "loaded: %d changes, %d rows written in %s (schema %s, read and diff %s, write %s, commit %s)\n",
				r.Changes(), r.Rows, ms(r.Duration), ms(r.Phases.Schema), ms(r.Phases.Read), ms(r.Phases.Write), ms(r.Phases.Commit))
		}
	}
	if r.Warning != "" {
		fmt.Fprintf(&b, "warning: %s\n", r.Warning)
	}
	return b.String()
}

// reportKeys returns the model's keys in model order, then any others
// present in m, sorted.
func reportKeys(m map[string]Count, model []string) []string {
	keys := append([]string(nil), model...)
	var extra []string
	for k := range m {
		if !slices.Contains(model, k) {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	return append(keys, extra...)
}

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

// ---- the wanted graph, built from the dataset ----

// wantNode is a node the dataset asks for; its properties are built when
// needed so a large dataset is not held twice in memory.
type wantNode struct {
	id, label string
	props     func() map[string]any
}

// wantRel is a relationship the dataset asks for. Structural relationships
// (all but TENSION and CONVERGENCE) have no properties and are identified
// by (type, from, to); relations are identified by id.
type wantRel struct {
	typ, from, to  string
	fromIdx, toIdx int              // the endpoints' indexes in wanted.nodes
	rel            *policy.Relation // nil for structural relationships
}

type relKey struct{ typ, from, to string }

type wanted struct {
	nodes     []wantNode
	nodeIndex map[string]int // id -> index in nodes
	rels      []wantRel      // structural first, then relations
	structIdx map[relKey]int
	relIdx    map[string]int // relation id -> index in rels
}

// linkTypes is the relationship type of each kind of structural link.
var linkTypes = map[policy.LinkKind]string{
	policy.LinkMandates:    RelMandates,
	policy.LinkHasClause:   RelHasClause,
	policy.LinkAddresses:   RelAddresses,
	policy.LinkCites:       RelCites,
	policy.LinkSucceededBy: RelSucceededBy,
}

// allowed endpoint labels per relationship type.
var relEnds = map[string][2][]string{
	RelMandates:    {{LabelMandate}, {LabelMission}},
	RelHasClause:   {{LabelMandate}, {LabelClause}},
	RelAddresses:   {{LabelClause, LabelDocument}, {LabelAgenda}},
	RelCites:       {{LabelMandate, LabelDocument}, {LabelMandate, LabelDocument}},
	RelSucceededBy: {{LabelMission}, {LabelMission}},
	RelTension:     {{LabelClause, LabelAgenda, LabelDocument, LabelMandate}, {LabelClause, LabelAgenda, LabelDocument, LabelMandate}},
	RelConvergence: {{LabelClause, LabelAgenda, LabelDocument, LabelMandate}, {LabelClause, LabelAgenda, LabelDocument, LabelMandate}},
}

// buildWanted turns the dataset into the nodes and relationships the graph
// must hold, checking what the graph's integrity depends on: ids unique
// across kinds, every endpoint present and of an allowed kind.
func buildWanted(ds *policy.Dataset) (*wanted, error) {
	if ds == nil {
		// An empty dataset empties the graph; a nil one is a mistake.
		return nil, policy.Errorf(policy.EINVALID, "load: no dataset (nil)")
	}
	// Sized up front: growing maps of a million entries step by step costs
	// a good part of this function's time at that size.
	nodes, structural := len(ds.Agendas)+len(ds.Missions)+len(ds.Documents)+len(ds.Mandates), len(ds.Missions)
	for _, d := range ds.Documents {
		structural += len(d.Agendas) + len(d.Cites)
	}
	for _, m := range ds.Mandates {
		nodes += len(m.Clauses)
		structural += len(m.Missions) + len(m.Cites)
		for _, c := range m.Clauses {
			structural += 1 + len(c.Agendas)
		}
	}
	w := &wanted{
		nodes:     make([]wantNode, 0, nodes),
		nodeIndex: make(map[string]int, nodes),
		rels:      make([]wantRel, 0, structural+len(ds.Relations)),
		structIdx: make(map[relKey]int, structural),
		relIdx:    make(map[string]int, len(ds.Relations)),
	}
	var problems []string
	problem := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	addNode := func(id, label string, props func() map[string]any) {
		if id == "" {
			problem("%s with an empty id", strings.ToLower(label))
			return
		}
		if i, dup := w.nodeIndex[id]; dup {
			problem("id %q is used by %s and %s", id, withArticle(w.nodes[i].label), withArticle(label))
			return
		}
		w.nodeIndex[id] = len(w.nodes)
		w.nodes = append(w.nodes, wantNode{id: id, label: label, props: props})
	}
	for i := range ds.Agendas {
		a := &ds.Agendas[i]
		addNode(a.ID, LabelAgenda, func() map[string]any { return agendaProps(a) })
	}
	for i := range ds.Missions {
		m := &ds.Missions[i]
		addNode(m.ID, LabelMission, func() map[string]any { return missionProps(m) })
	}
	for i := range ds.Documents {
		d := &ds.Documents[i]
		addNode(d.ID, LabelDocument, func() map[string]any { return documentProps(d) })
	}
	for i := range ds.Mandates {
		m := &ds.Mandates[i]
		addNode(m.ID, LabelMandate, func() map[string]any { return mandateProps(m) })
	}
	for i := range ds.Mandates {
		m := &ds.Mandates[i]
		for j := range m.Clauses {
			c := &m.Clauses[j]
			id := c.ID
			if id == "" {
				id = policy.ClauseID(m.ID, c.Paragraph)
			}
			addNode(id, LabelClause, func() map[string]any { return clauseProps(m, c, id) })
		}
	}

	addRel := func(typ, from, to string, rel *policy.Relation) {
		ends := relEnds[typ]
		var idx [2]int
		for k, id := range []string{from, to} {
			i, ok := w.nodeIndex[id]
			idx[k] = i
			switch {
			case !ok:
				problem("%s %s -> %s: unknown id %q", typ, from, to, id)
				return
			case !slices.Contains(ends[k], w.nodes[i].label):
				problem("%s %s -> %s: %q is %s, want %s", typ, from, to, id, withArticle(w.nodes[i].label), strings.Join(ends[k], " or "))
				return
			}
		}
		if rel != nil {
			if rel.ID == "" {
				problem("%s %s -> %s with an empty id", typ, from, to)
				return
			}
			if _, dup := w.relIdx[rel.ID]; dup {
				problem("relation id %q is used twice", rel.ID)
				return
			}
			if _, clash := w.nodeIndex[rel.ID]; clash {
				problem("relation id %q is also the id of %s", rel.ID, withArticle(w.nodes[w.nodeIndex[rel.ID]].label))
				return
			}
			w.relIdx[rel.ID] = len(w.rels)
		} else {
			k := relKey{typ, from, to}
			if _, dup := w.structIdx[k]; dup {
				return // a repeated list entry is one relationship
			}
			w.structIdx[k] = len(w.rels)
		}
		w.rels = append(w.rels, wantRel{typ: typ, from: from, to: to, fromIdx: idx[0], toIdx: idx[1], rel: rel})
	}
	for l := range ds.Links() {
		addRel(linkTypes[l.Kind], l.From, l.To, nil)
	}
	for i := range ds.Relations {
		r := &ds.Relations[i]
		var typ string
		switch r.Kind {
		case policy.Tension:
			typ = RelTension
		case policy.Convergence:
			typ = RelConvergence
		default:
			problem("relation %q: kind %q is neither TENSION nor CONVERGENCE", r.ID, r.Kind)
			continue
		}
		addRel(typ, r.Source, r.Target, r)
	}
	if len(problems) > 0 {
		const show = 20
		msg := strings.Join(problems[:min(len(problems), show)], "; ")
		if len(problems) > show {
			msg += fmt.Sprintf("; and %d more", len(problems)-show)
		}
		return nil, policy.Errorf(policy.EINVALID, "load: invalid dataset (%d problems): %s", len(problems), msg)
	}
	return w, nil
}

// withArticle prefixes a label with "a" or "an".
func withArticle(label string) string {
	if label != "" && strings.ContainsRune("AEIOU", rune(label[0])) {
		return "an " + label
	}
	return "a " + label
}

// ---- properties, per model.go ----

func setStr(p map[string]any, key, v string) {
	if v != "" {
		p[key] = v
	}
}

func setDate(p map[string]any, key string, d policy.Date) {
	if !d.IsZero() {
		p[key] = neo4j.DateOf(d.Time)
	}
}

func strList(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func setProvenance(p map[string]any, pr policy.Provenance) {
	p["provenanceSource"] = pr.Source
	p["provenanceStatus"] = string(pr.Status)
	setStr(p, "provenanceMethod", pr.Method)
}

func agendaProps(a *policy.Agenda) map[string]any {
	p := map[string]any{"id": a.ID, "kind": LabelAgenda, "name": a.Name, "description": a.Description}
	setProvenance(p, a.Provenance)
	return p
}

func missionProps(m *policy.Mission) map[string]any {
	p := map[string]any{"id": m.ID, "kind": LabelMission, "acronym": m.ID, "name": m.Name,
		"hostCountries": strList(m.HostCountries)}
	setDate(p, "startDate", m.Start)
	setDate(p, "endDate", m.End)
	setProvenance(p, m.Provenance)
	return p
}

func mandateProps(m *policy.Mandate) map[string]any {
	p := map[string]any{"id": m.ID, "kind": LabelMandate, "symbol": m.ID, "mandateKind": string(m.Kind)}
	setDate(p, "adopted", m.Adopted)
	if m.ChapterVII != nil {
		p["chapterVII"] = *m.ChapterVII
	}
	setStr(p, "url", m.URL)
	setProvenance(p, m.Provenance)
	return p
}

func clauseProps(m *policy.Mandate, c *policy.Clause, id string) map[string]any {
	p := map[string]any{"id": id, "kind": LabelClause, "mandateId": m.ID, "paragraph": c.Paragraph,
		"summary": c.Summary, "position": int64(c.Order)}
	setStr(p, "text", c.Text)
	pr := c.Provenance
	if pr == (policy.Provenance{}) {
		pr = m.Provenance // a clause without provenance inherits its mandate's
	}
	setProvenance(p, pr)
	return p
}

func documentProps(d *policy.Document) map[string]any {
	year := d.Year
	if year == 0 && !d.Published.IsZero() {
		year = d.Published.Year()
	}
	p := map[string]any{"id": d.ID, "kind": LabelDocument, "title": d.Title, "documentKind": string(d.Kind),
		"issuer": d.Issuer, "year": int64(year)}
	setDate(p, "published", d.Published)
	setStr(p, "symbol", d.Symbol)
	setStr(p, "url", d.URL)
	setProvenance(p, d.Provenance)
	return p
}

func relationProps(r *policy.Relation) map[string]any {
	docs := make([]string, len(r.Evidence))
	locs := make([]string, len(r.Evidence))
	notes := make([]string, len(r.Evidence))
	for i, e := range r.Evidence {
		docs[i], locs[i], notes[i] = e.Document, e.Locator, e.Note
	}
	p := map[string]any{"id": r.ID, "mechanism": r.Mechanism, "summary": r.Summary, "strength": int64(r.Strength),
		"evidenceDocuments": docs, "evidenceLocators": locs, "evidenceNotes": notes}
	setStr(p, "mission", r.Mission)
	return p
}

func (w wantRel) props() map[string]any {
	if w.rel == nil {
		return map[string]any{}
	}
	return relationProps(w.rel)
}

// The property keys of each label and of relations, in the order new
// elements' rows list their values: creating with the keys written in the
// statement (CREATE (n:L {k: row[0], ...})) is faster than SET n = map.
var (
	provenanceKeys = []string{"provenanceSource", "provenanceStatus", "provenanceMethod"}
	nodeKeys       = map[string][]string{
		LabelAgenda:   append([]string{"id", "kind", "name", "description"}, provenanceKeys...),
		LabelMission:  append([]string{"id", "kind", "acronym", "name", "hostCountries", "startDate", "endDate"}, provenanceKeys...),
		LabelDocument: append([]string{"id", "kind", "title", "documentKind", "issuer", "published", "year", "symbol", "url"}, provenanceKeys...),
		LabelMandate:  append([]string{"id", "kind", "symbol", "mandateKind", "adopted", "chapterVII", "url"}, provenanceKeys...),
		LabelClause:   append([]string{"id", "kind", "mandateId", "paragraph", "summary", "text", "position"}, provenanceKeys...),
	}
	relationKeys = []string{"id", "mechanism", "summary", "strength", "mission", "evidenceDocuments", "evidenceLocators", "evidenceNotes"}
)

// inlineProps renders {k1: row[from], k2: row[from+1], ...}; a null value
// leaves the property out.
func inlineProps(keys []string, from int) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: row[%d]", k, from+i)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// positional lists props' values in the order of keys, nil for absent
// ones, and fails if props has a key the list lacks (which would
// otherwise be silently dropped).
func positional(props map[string]any, keys []string) ([]any, error) {
	vals := make([]any, len(keys))
	n := 0
	for i, k := range keys {
		if v, ok := props[k]; ok {
			vals[i] = v
			n++
		}
	}
	if n != len(props) {
		return nil, fmt.Errorf("internal error: properties %v not all among %v", props, keys)
	}
	return vals, nil
}

// ---- the graph's current state ----

type graphNode struct {
	eid    string
	id     string // "" when absent or not a string
	labels []string
	props  map[string]any
}

type graphRel struct {
	eid, typ   string
	from, to   string // endpoint element ids
	props      map[string]any
	relationID string // the id property of TENSION / CONVERGENCE, if a string
}

type graphState struct {
	nodes []graphNode
	rels  []graphRel
}

// ownedLabels is a label expression matching any node of the model.
var ownedLabels = strings.Join(append([]string{LabelEntity}, NodeLabels...), "|")

// readState reads every node carrying one of the model's labels, and every
// relationship of the model's types or touching such a node, leaving out
// staged and retired copies (stage.go): a load deletes them before it
// starts, but a dry run, which writes nothing, does not, and their nodes
// carry kind labels.
func (s *Store) readState(ctx context.Context, tx neo4j.ManagedTransaction) (*graphState, error) {
	st := &graphState{}
	s.roundTrips.Add(1)
	res, err := tx.Run(ctx, `MATCH (n:`+ownedLabels+`) WHERE NOT n:`+LabelStaged+`|`+LabelRetired+`
		RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props`, nil)
	if err != nil {
		return nil, err
	}
	for res.Next(ctx) {
		rec := res.Record()
		n := graphNode{eid: rec.Values[0].(string), props: asPropMap(rec.Values[2])}
		for _, l := range asAnyList(rec.Values[1]) {
			if s, ok := l.(string); ok {
				n.labels = append(n.labels, s)
			}
		}
		n.id, _ = n.props["id"].(string)
		st.nodes = append(st.nodes, n)
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	s.roundTrips.Add(1)
	res, err = tx.Run(ctx, `MATCH (a)-[r]->(b) WHERE (type(r) IN $types OR a:`+ownedLabels+` OR b:`+ownedLabels+`)
		AND NOT a:`+LabelStaged+`|`+LabelRetired+` AND NOT b:`+LabelStaged+`|`+LabelRetired+`
		RETURN elementId(r) AS eid, type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props`,
		map[string]any{"types": RelTypes})
	if err != nil {
		return nil, err
	}
	for res.Next(ctx) {
		v := res.Record().Values
		r := graphRel{eid: v[0].(string), typ: v[1].(string), from: v[2].(string), to: v[3].(string), props: asPropMap(v[4])}
		r.relationID, _ = r.props["id"].(string)
		st.rels = append(st.rels, r)
	}
	return st, res.Err()
}

func asPropMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asAnyList(v any) []any {
	l, _ := v.([]any)
	return l
}

// ---- the difference ----

type nodeUpdate struct {
	eid  string
	want int // index in wanted.nodes
}

type relUpdate struct {
	eid  string
	want int // index in wanted.rels
}

type loadPlan struct {
	want        *wanted
	delRels     []string // element ids
	delNodes    []string // element ids
	createNodes []int    // indexes in want.nodes
	updateNodes []nodeUpdate
	updateRels  []relUpdate
	createRels  []int // indexes in want.rels
	// eids holds the element id of every wanted node that exists: kept
	// nodes' after the diff, created nodes' as they are created.
	eids   []string
	report LoadReport
}

func (p *loadPlan) rows() int {
	return len(p.delRels) + len(p.delNodes) + len(p.createNodes) + len(p.updateNodes) + len(p.updateRels) + len(p.createRels)
}

func bumpCount(m map[string]Count, key string, f func(*Count)) {
	c := m[key]
	f(&c)
	m[key] = c
}

// diffGraph compares the current state with the wanted graph.
func diffGraph(w *wanted, have *graphState) *loadPlan {
	p := &loadPlan{want: w, eids: make([]string, len(w.nodes)),
		report: LoadReport{Nodes: map[string]Count{}, Relationships: map[string]Count{}}}
	for _, l := range NodeLabels {
		p.report.Nodes[l] = Count{}
	}
	for _, t := range RelTypes {
		p.report.Relationships[t] = Count{}
	}

	// Nodes: an existing node is kept when its id is wanted with exactly its
	// labels (:Entity plus the kind label); anything else is deleted, and the
	// wanted node (if any) created afresh.
	kept := map[string]int{} // element id -> wanted node index
	taken := make([]bool, len(w.nodes))
	for _, n := range have.nodes {
		i, ok := w.nodeIndex[n.id]
		if ok && !taken[i] && sameLabels(n.labels, w.nodes[i].label) {
			taken[i] = true
			kept[n.eid] = i
			p.eids[i] = n.eid
			if sameProps(n.props, w.nodes[i].props()) {
				bumpCount(p.report.Nodes, w.nodes[i].label, func(c *Count) { c.Unchanged++ })
			} else {
				p.updateNodes = append(p.updateNodes, nodeUpdate{eid: n.eid, want: i})
				bumpCount(p.report.Nodes, w.nodes[i].label, func(c *Count) { c.Updated++ })
			}
			continue
		}
		p.delNodes = append(p.delNodes, n.eid)
		bumpCount(p.report.Nodes, kindLabel(n.labels), func(c *Count) { c.Deleted++ })
	}
	for i, n := range w.nodes {
		if !taken[i] {
			p.createNodes = append(p.createNodes, i)
			bumpCount(p.report.Nodes, n.label, func(c *Count) { c.Created++ })
		}
	}

	// Relationships: one is kept when both its endpoints are kept nodes and
	// it is wanted (same type and endpoints; same id for relations) and not
	// already matched by an earlier duplicate.
	// Relationships: one is kept when both its endpoints are kept nodes and
	// it is wanted (same type and endpoints; same id for relations). Exact
	// copies are matched first, so of duplicates the one needing no update
	// is kept and the others deleted.
	target := make([]int, len(have.rels)) // wanted index, or -1
	same := make([]bool, len(have.rels))
	for k, r := range have.rels {
		target[k] = -1
		fi, fok := kept[r.from]
		ti, tok := kept[r.to]
		if !fok || !tok {
			continue
		}
		from, to := w.nodes[fi].id, w.nodes[ti].id
		switch r.typ {
		case RelTension, RelConvergence:
			if i, ok := w.relIdx[r.relationID]; ok && w.rels[i].typ == r.typ && w.rels[i].from == from && w.rels[i].to == to {
				target[k] = i
			}
		default:
			if i, ok := w.structIdx[relKey{r.typ, from, to}]; ok {
				target[k] = i
			}
		}
		if target[k] >= 0 {
			same[k] = sameProps(r.props, w.rels[target[k]].props())
		}
	}
	matched := make([]bool, len(w.rels))
	done := make([]bool, len(have.rels))
	for k, r := range have.rels {
		if i := target[k]; i >= 0 && same[k] && !matched[i] {
			matched[i], done[k] = true, true
			bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Unchanged++ })
		}
	}
	for k, r := range have.rels {
		if done[k] {
			continue
		}
		if i := target[k]; i >= 0 && !matched[i] {
			matched[i] = true
			p.updateRels = append(p.updateRels, relUpdate{eid: r.eid, want: i})
			bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Updated++ })
			continue
		}
		p.delRels = append(p.delRels, r.eid)
		bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Deleted++ })
	}
	for i, r := range w.rels {
		if !matched[i] {
			p.createRels = append(p.createRels, i)
			bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Created++ })
		}
	}
	p.report.Rows = p.rows()
	return p
}

// sameProps reports whether the properties read from the graph (have)
// equal the properties the loader would write (want), whose values are
// only strings, int64s, bools, []string and dates.
func sameProps(have, want map[string]any) bool {
	if len(have) != len(want) {
		return false
	}
	for k, w := range want {
		h, ok := have[k]
		if !ok || !sameValue(h, w) {
			return false
		}
	}
	return true
}

func sameValue(h, w any) bool {
	switch w := w.(type) {
	case string:
		h, ok := h.(string)
		return ok && h == w
	case int64:
		h, ok := h.(int64)
		return ok && h == w
	case bool:
		h, ok := h.(bool)
		return ok && h == w
	case []string:
		h, ok := h.([]any)
		if !ok || len(h) != len(w) {
			return false
		}
		for i := range w {
			if s, ok := h[i].(string); !ok || s != w[i] {
				return false
			}
		}
		return true
	case neo4j.Date:
		h, ok := h.(neo4j.Date)
		return ok && h.String() == w.String()
	}
	var hb, wb strings.Builder
	writeValue(&hb, h)
	writeValue(&wb, w)
	return hb.String() == wb.String()
}

// sameLabels reports whether labels is exactly {Entity, kind}.
func sameLabels(labels []string, kind string) bool {
	return len(labels) == 2 && (labels[0] == LabelEntity && labels[1] == kind || labels[0] == kind && labels[1] == LabelEntity)
}

// kindLabel is the model's kind label among labels, for counting.
func kindLabel(labels []string) string {
	for _, l := range labels {
		if l != LabelEntity && slices.Contains(NodeLabels, l) {
			return l
		}
	}
	return LabelEntity
}

// ---- the writes ----

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
	keys := nodeKeys[label]
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
