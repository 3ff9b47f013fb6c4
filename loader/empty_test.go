package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadRefusesAnEmptyDataset: a directory whose files hold nothing
// (empty, only comments, a null document) passed before and its load
// deleted every node; now Read refuses it and names the directory.
func TestReadRefusesAnEmptyDataset(t *testing.T) {
	for _, tc := range []struct{ name, content string }{
		{"empty", ""},
		{"comments only", "# nothing here yet\n# really\n"},
		{"null document", "---\n~\n"},
		{"empty lists", "agendas: []\nmissions: []\n"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "data.yaml"), []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		ds, diags := Read(dir)
		if ds != nil || len(diags) != 1 || diags[0].File != dir || !strings.Contains(diags[0].Message, "delete the whole graph") {
			t.Errorf("%s: got dataset %v, diagnostics %v; want one naming %s", tc.name, ds != nil, diags, dir)
		}
	}
	// Parse, for callers holding the data, still takes an empty input.
	if ds, diags := Parse(map[string][]byte{"a.yaml": nil}); ds == nil || len(diags) > 0 {
		t.Errorf("Parse of an empty file: %v", diags)
	}
}
