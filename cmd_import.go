package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/tagging"
)

// importCmd runs `mandategraph import --report PATH...`: it reads
// resolutions (Akoma Ntoso XML, EOSG JSON or plain text; directories are
// walked) and prints what it found per resolution, the agenda tags with
// their rule and matched phrase, and every warning and rejected file.
// Nothing is written; --out and --load come with the storage work.
func importCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	report := fs.Bool("report", false, "print what was found in each file and the warnings")
	clauses := fs.Bool("clauses", false, "with --report, also list every clause with its tags")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if !*report {
		return usageError{"import: only --report is available for now"}
	}
	if fs.NArg() == 0 {
		return usageError{"import: name at least one file or directory"}
	}
	r, err := importer.Import(fs.Args())
	if err != nil {
		return err
	}
	tagger := tagging.Default()
	for _, res := range r.Resolutions {
		chap := ""
		if res.ChapterVII {
			chap = ", Chapter VII"
		}
		fmt.Fprintf(stdout, "%s adopted %s at meeting %d%s: %d clauses, %d citations, missions %s (%s %s)\n",
			res.Symbol, res.Adopted, res.Meeting, chap, len(res.Clauses), len(res.Citations),
			strings.Join(res.Missions, " "), res.Source.Format, res.Source.File)
		if !*clauses {
			continue
		}
		for _, c := range res.Clauses {
			var tags []string
			for _, t := range tagger.Tag(c.Text, c.Headings) {
				tags = append(tags, fmt.Sprintf("%s (%s: %q)", t.Agenda, t.Rule, t.Phrase))
			}
			fmt.Fprintf(stdout, "  %-12s %s\n", c.Locator, strings.Join(tags, ", "))
		}
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	for _, e := range r.Errors {
		fmt.Fprintf(stderr, "error: %v\n", e)
	}
	fmt.Fprintf(stdout, "%d files: %d resolutions, %d rejected, %d warnings\n", r.Files, len(r.Resolutions), len(r.Errors), len(r.Warnings))
	if len(r.Errors) > 0 {
		return errReported
	}
	return nil
}
