package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/internal/procstat"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/internal/shareddata"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// BenchmarkImportLoadAll runs `mandategraph import --with data --load
// --text=false` on the UN's whole XML collection against the test Neo4j,
// each time into an empty graph, and reports the wall time of the command,
// the time from its "loading" line to the end (the deletion check and the
// load), the load's own figure from its report, and this process's peak
// resident memory (the importer, converter, loader and driver; Neo4j's
// memory is its own). import --load refuses input with any rejected file,
// so the files the importer rejects (65 of the 1,503, each with a named
// reason; TestAKNCollection) are left out. Run:
//
//	scripts/test.sh go test . -run '^$' -bench ImportLoadAll -benchtime 1x -v
//
// BenchmarkImportAll (importer/bench_test.go) times the import alone.
func BenchmarkImportLoadAll(b *testing.B) {
	dir := filepath.Join(shareddata.Dir(), "external", "unxml-scresolutions")
	if _, err := os.Stat(dir); err != nil {
		b.Fatalf("shared data missing: %v (set MANDATEGRAPH_SHARED_DATA)", err)
	}
	files, err := importer.Files([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	r, err := importer.Import([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	rejected := map[string]bool{}
	for _, e := range r.Errors {
		rejected[e.File] = true
	}
	var keep []string
	for _, f := range files {
		if !rejected[f] {
			keep = append(keep, f)
		}
	}
	store := neo4jtest.Open(b)
	ctx := context.Background()
	args := append([]string{"--with", "data", "--load", "--text=false"}, keep...)
	var wall, loadStep time.Duration
	var out string
	for b.Loop() {
		b.StopTimer()
		if err := store.Reset(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var stdout bytes.Buffer
		stderr := &stampWriter{mark: "loading "}
		start := time.Now()
		if err := importCmd(ctx, args, neo4jtest.Getenv, &stdout, stderr); err != nil {
			b.Fatalf("import --load: %v\n%s", err, stderr.tail())
		}
		end := time.Now()
		wall += end.Sub(start)
		if stderr.at.IsZero() {
			b.Fatalf("no %q line on stderr:\n%s", stderr.mark, stderr.tail())
		}
		loadStep += end.Sub(stderr.at)
		out = stdout.String()
	}
	n := time.Duration(b.N)
	b.ReportMetric((wall / n).Seconds(), "s/import-load")
	b.ReportMetric((loadStep / n).Seconds(), "s/load-step")
	b.ReportMetric(float64(procstat.PeakRSS())/(1<<20), "peak-RSS-MB")
	loaded := regexp.MustCompile(`(?m)^loaded: .*$`).FindString(out)
	nodes := regexp.MustCompile(`(?m)^all nodes .*$`).FindString(out)
	rels := regexp.MustCompile(`(?m)^all relationships .*$`).FindString(out)
	b.Logf("%d of %d files (%d rejected left out): %.1f s per import --load, of which %.1f s from the \"loading\" line on; peak RSS %d MB (GOMAXPROCS %d)\n%s\n%s\n%s",
		len(keep), len(files), len(files)-len(keep), (wall / n).Seconds(), (loadStep / n).Seconds(), procstat.PeakRSS()>>20, runtime.GOMAXPROCS(0),
		strings.TrimSpace(nodes), strings.TrimSpace(rels), loaded)
	if err := store.Reset(ctx); err != nil {
		b.Fatal(err)
	}
}

// stampWriter keeps what is written and the time the first line starting
// with mark arrived.
type stampWriter struct {
	mark string
	mu   sync.Mutex
	buf  bytes.Buffer
	at   time.Time
}

func (w *stampWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.at.IsZero() && (bytes.HasPrefix(p, []byte(w.mark)) || bytes.Contains(p, []byte("\n"+w.mark))) {
		w.at = time.Now()
	}
	return w.buf.Write(p)
}

// tail is the end of what was written, for a failure message.
func (w *stampWriter) tail() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.buf.String()
	if len(s) > 4000 {
		s = "…" + s[len(s)-4000:]
	}
	return s
}
