package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestABadByteReportsTheCauseFirst: one tab in the file that defines the
// agendas dropped it, and every reference to its agendas from the other
// files was reported too, sorted before the cause when its name sorts
// later. Now the cause comes first and the references are summed up.
func TestABadByteReportsTheCauseFirst(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"agendas.yaml", "missions.yaml", "relations.json"} {
		data, err := os.ReadFile(filepath.Join(goodDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "agendas.yaml" {
			name = "zz-agendas.yaml" // sorts after the files that use its ids
			data = []byte(strings.Replace(string(data), "\n  - id:", "\n\t- id:", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, diags := Read(dir)
	bad := filepath.Join(dir, "zz-agendas.yaml")
	if len(diags) < 2 || diags[0].File != bad || !strings.Contains(diags[0].Message, "syntax error") ||
		diags[1].File != bad || !strings.Contains(diags[1].Message, "were not checked") {
		t.Fatalf("want the syntax error and the summary first, got:\n%s", diags)
	}
	for _, d := range diags[2:] {
		if strings.Contains(d.Message, "unknown agenda") {
			t.Errorf("a follow-on error was reported: %s", d)
		}
	}
}
