package importer_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/internal/procstat"

	"github.com/mandategraph/mandategraph/importer"
)

// BenchmarkImportAll imports every file of the UN's XML collection (1,503)
// and reports the wall time of one import and the process's peak resident
// memory (VmHWM) and heap. Run:
//
//	go test ./importer -run '^$' -bench ImportAll -benchtime 3x
func BenchmarkImportAll(b *testing.B) {
	requireShared(b, xmlDir)
	var r *importer.Result
	start := time.Now()
	for b.Loop() {
		var err error
		r, err = importer.Import([]string{xmlDir})
		if err != nil {
			b.Fatal(err)
		}
	}
	wall := time.Since(start) / time.Duration(b.N)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(wall.Seconds(), "s/import")
	b.ReportMetric(float64(procstat.PeakRSS())/(1<<20), "peak-RSS-MB")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MB")
	b.ReportMetric(float64(len(r.Resolutions)), "resolutions")
	b.Logf("%d files: %d resolutions, %d rejected; %.2f s per import; peak RSS %d MB (GOMAXPROCS %d)",
		r.Files, len(r.Resolutions), len(r.Errors), wall.Seconds(), procstat.PeakRSS()>>20, runtime.GOMAXPROCS(0))
}
