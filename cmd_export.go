package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mandategraph/mandategraph/export"
)

// exportGraph writes the graph, or a filtered part, in one export format:
//
//	mandategraph export --format FORMAT [--mission ID] [--node-kinds K,...] [--edge-kinds K,...] [--out FILE]
//
// To stdout by default; with --out, to a temporary file beside FILE that is
// renamed to FILE only once the export is complete, so a failed export
// never leaves a truncated FILE.
func exportGraph(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "", "one of "+export.FormatNames())
	mission := fs.String("mission", "", "only this mission's part of the graph")
	nodeKinds := fs.String("node-kinds", "", "comma-separated node kinds (Mission, Mandate, Clause, Document, Agenda)")
	edgeKinds := fs.String("edge-kinds", "", "comma-separated edge kinds (MANDATES, HAS_CLAUSE, ADDRESSES, CITES, SUCCEEDED_BY, TENSION, CONVERGENCE)")
	out := fs.String("out", "", "write to this file instead of stdout")
	if err := fs.Parse(args); err != nil {
		return usageError{"export: " + err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("export takes no arguments, got %q", fs.Args())}
	}
	if *format == "" {
		return usageError{"export needs --format (one of " + export.FormatNames() + ")"}
	}
	f, err := export.Lookup(*format)
	if err != nil {
		return usageError{err.Error()}
	}
	q := map[string][]string{}
	if *mission != "" {
		q["mission"] = []string{*mission}
	}
	if *nodeKinds != "" {
		q["nodeKinds"] = []string{*nodeKinds}
	}
	if *edgeKinds != "" {
		q["edgeKinds"] = []string{*edgeKinds}
	}
	filter, err := export.ParseFilter(q)
	if err != nil {
		return usageError{err.Error()}
	}

	store, _, err := openStore(getenv)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	if *out == "" {
		return export.Write(ctx, store, f, filter, stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := export.Write(ctx, store, f, filter, tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("export to %s: %w", *out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export to %s: %w", *out, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes it 0600
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
