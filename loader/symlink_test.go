package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinksOutOfTheDatasetAreRefused: a .yaml link to a file outside
// the dataset was read and its content quoted in the error; now it is
// refused without reading it, and a link within the dataset still works.
func TestSymlinksOutOfTheDatasetAreRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("root:x:0:0:SECRET-CONTENT:/root:/bin/bash\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "agendas.yaml"), []byte(agendaFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "passwd.yaml")); err != nil {
		t.Fatal(err)
	}
	_, diags := Read(dir)
	if len(diags) != 1 || diags[0].File != filepath.Join(dir, "passwd.yaml") || !strings.Contains(diags[0].Message, "leads out of the dataset") {
		t.Errorf("diagnostics %v, want one refusing passwd.yaml", diags)
	}
	for _, d := range diags {
		if strings.Contains(d.String(), "SECRET") || strings.Contains(d.String(), outside) {
			t.Errorf("a diagnostic quotes the link's target: %s", d)
		}
	}
	// A link to a file inside the dataset is read as usual.
	inner := t.TempDir()
	if err := os.MkdirAll(filepath.Join(inner, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inner, "real", "agendas.txt"), []byte(agendaFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(inner, "real", "agendas.txt"), filepath.Join(inner, "agendas.yaml")); err != nil {
		t.Fatal(err)
	}
	if ds, diags := Read(inner); len(diags) > 0 || len(ds.Agendas) != 1 {
		t.Errorf("a link within the dataset: %v", diags)
	}
}
