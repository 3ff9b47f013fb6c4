package importer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData is the shared data directory, found the way data/ finds it:
// MANDATEGRAPH_SHARED_DATA when set; else ../../shared/data beside the
// checkout; else the shared/data beside the repository a clone came from.
var sharedData = func() string {
	if dir := os.Getenv("MANDATEGRAPH_SHARED_DATA"); dir != "" {
		return dir
	}
	const beside = "../../shared/data"
	if _, err := os.Stat(beside); err == nil {
		return beside
	}
	if out, err := exec.Command("git", "remote", "get-url", "origin").Output(); err == nil {
		dir := filepath.Join(strings.TrimSpace(string(out)), "..", "shared", "data")
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	return beside
}()

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
