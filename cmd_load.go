package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/policy"
)

// validate checks datasets without touching the database:
//
//	mandategraph validate DIR...
//
// Every problem goes to stderr as "file:line:col: path: message", then a
// count; the exit code is 1 when there is any. A valid input prints a
// one-line summary of what it holds.
func validate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usageError{"validate: " + err.Error()}
	}
	if fs.NArg() == 0 {
		return usageError{"validate needs at least one dataset directory"}
	}
	ds, err := readDataset(fs.Args(), stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "valid: %s in %s\n", summarize(ds), strings.Join(fs.Args(), ", "))
	return nil
}

// load validates datasets and makes the graph equal to them:
//
//	mandategraph load [--dry-run] [--allow-deletions] [--max-delete-share F] [--batch-size N] [--stage-above N] [--stage-batch-size N] [--workers N] [--progress-interval D] DIR...
//
// Nothing is written (not even the schema) unless the whole input is valid;
// the load itself is all or nothing too: one transaction, or for a large
// difference a staged copy and one switch transaction (neo4jdb.Store.Load).
func load(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dryRun := fs.Bool("dry-run", false, "compute and print the changes without writing them")
	batch := fs.Int("batch-size", neo4jdb.DefaultBatchSize, "rows per write statement of a load in one transaction (and of a staged load's switch)")
	stageAbove := fs.Int("stage-above", neo4jdb.DefaultStageAbove, "stage differences of more rows than this; -1 never stages")
	stageBatch := fs.Int("stage-batch-size", neo4jdb.DefaultStageBatchSize, "rows per transaction of a staged load")
	workers := fs.Int("workers", neo4jdb.DefaultStageWorkers, "parallel transactions of a staged load")
	progressEvery := fs.Duration("progress-interval", time.Second, "how often to print the progress of a long load; 0 prints it after every batch")
	maxDeleteShare := fs.Float64("max-delete-share", DefaultMaxDeleteShare, "refuse a load that would delete more than this share (0 to 1) of the graph's nodes")
	allowDeletions := fs.Bool("allow-deletions", false, "load even if it deletes more than --max-delete-share of the graph")
	if err := fs.Parse(args); err != nil {
		return usageError{"load: " + err.Error()}
	}
	if fs.NArg() == 0 {
		return usageError{"load needs at least one dataset directory"}
	}
	if *batch <= 0 {
		return usageError{fmt.Sprintf("load: --batch-size must be positive, got %d", *batch)}
	}
	if *stageAbove < -1 || *stageAbove == 0 {
		return usageError{fmt.Sprintf("load: --stage-above must be a positive number of rows, or -1 to never stage, got %d", *stageAbove)}
	}
	if *stageBatch <= 0 {
		return usageError{fmt.Sprintf("load: --stage-batch-size must be positive, got %d", *stageBatch)}
	}
	if *workers <= 0 {
		return usageError{fmt.Sprintf("load: --workers must be positive, got %d", *workers)}
	}
	if !(*maxDeleteShare >= 0 && *maxDeleteShare <= 1) {
		return usageError{fmt.Sprintf("load: --max-delete-share must be between 0 and 1, got %v", *maxDeleteShare)}
	}
	if *progressEvery < 0 {
		return usageError{fmt.Sprintf("load: --progress-interval must be 0 or more, got %s", *progressEvery)}
	}
	ds, err := readDataset(fs.Args(), stderr)
	if err != nil {
		return err
	}
	store, cfg, err := openStore(getenv)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	verb := "loading"
	if *dryRun {
		verb = "dry run of loading"
	}
	fmt.Fprintf(stderr, "%s %s into %s\n", verb, summarize(ds), cfg.URI)
	var check func(neo4jdb.LoadReport) error
	if !*dryRun && !*allowDeletions {
		check = func(r neo4jdb.LoadReport) error { return checkDeletions(r, *maxDeleteShare) }
	}
	report, err := store.Load(ctx, ds, neo4jdb.LoadOptions{
		Check:          check,
		DryRun:         *dryRun,
		BatchSize:      *batch,
		StageAbove:     *stageAbove,
		StageBatchSize: *stageBatch,
		Workers:        *workers,
		Progress:       progressPrinter(stderr, *batch, *progressEvery),
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("interrupted; the graph is unchanged: %w", err)
		}
		return err
	}
	fmt.Fprint(stdout, report.String())
	return nil
}

// DefaultMaxDeleteShare is the share of the graph's nodes a load may delete
// without --allow-deletions.
const DefaultMaxDeleteShare = 0.5

// checkDeletions refuses a load that would delete more than share of the
// graph's nodes (a dataset directory given by mistake, half a dataset). It
// is run by the load on the difference it computed, before writing, in
// the load's transaction (neo4jdb.LoadOptions.Check): no second read of
// the graph, and no other load can come between the check and the writes.
func checkDeletions(r neo4jdb.LoadReport, share float64) error {
	deleted, existing := 0, 0
	for _, c := range r.Nodes {
		deleted += c.Deleted
		existing += c.Deleted + c.Updated + c.Unchanged
	}
	if existing == 0 || float64(deleted) <= share*float64(existing) {
		return nil
	}
	return fmt.Errorf("load refused, the graph is unchanged: it would delete %d of the graph's %d nodes (%.0f%%), more than --max-delete-share %v; "+
		"check the dataset directories, or pass --allow-deletions if the graph should lose them (--dry-run lists what would change)",
		deleted, existing, 100*float64(deleted)/float64(existing), share)
}

// readDataset reads and validates the directories, printing every problem
// and their count to stderr.
func readDataset(dirs []string, stderr io.Writer) (*policy.Dataset, error) {
	ds, diags := loader.Read(dirs...)
	if n := diags.Count(); n > 0 {
		for _, line := range diags.Lines() {
			fmt.Fprintln(stderr, line)
		}
		fmt.Fprintf(stderr, "%d %s\n", n, plural(n, "error", "errors"))
		return nil, errReported
	}
	return ds, nil
}

// summarize counts a dataset's entities, e.g. "12 agendas, 3 missions, ...".
func summarize(ds *policy.Dataset) string {
	c := ds.Counts()
	var parts []string
	for _, k := range []struct{ key, one, many string }{
		{"Agenda", "agenda", "agendas"},
		{"Mission", "mission", "missions"},
		{"Mandate", "mandate", "mandates"},
		{"Clause", "clause", "clauses"},
		{"Document", "document", "documents"},
		{"Relation", "relation", "relations"},
	} {
		parts = append(parts, strconv.Itoa(c[k.key])+" "+plural(c[k.key], k.one, k.many))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progressPrinter reports a load's progress on w when it takes more than
// one batch: after the first batch, then at most once per interval, and at
// the end.
func progressPrinter(w io.Writer, batch int, interval time.Duration) func(done, total int) {
	var last time.Time
	start := time.Now()
	return func(done, total int) {
		if total <= batch {
			return
		}
		if done == 0 {
			start = time.Now()
			last = time.Time{}
			fmt.Fprintf(w, "writing %d rows in batches of %d\n", total, batch)
			return
		}
		if !last.IsZero() && done < total && time.Since(last) < interval {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "wrote %d/%d rows (%d%%) in %s\n", done, total, done*100/total, time.Since(start).Round(100*time.Millisecond))
		if done == total {
			fmt.Fprintln(w, "committing (all or nothing)")
		}
	}
}
