package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mandategraph/mandategraph/internal/shareddata"
)

var sharedData = shareddata.Dir()

var (
	xmlDir  = filepath.Join(sharedData, "external", "unxml-scresolutions")
	eosgDir = filepath.Join(sharedData, "external", "un-mandates-housekeeping", "paragraphs")
	goldDir = filepath.Join(sharedData, "external", "cr-unsc", "res_en_gold")
	dhlDir  = filepath.Join(sharedData, "external", "dhl-sc-meetings")
)

// requireShared fails (never skips) when the shared data is missing.
func requireShared(t testing.TB, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("shared data missing: %v (set MANDATEGRAPH_SHARED_DATA to the shared/data directory)", err)
	}
}
