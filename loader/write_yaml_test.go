package loader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/loader/synth"
	"github.com/mandategraph/mandategraph/policy"
)

// WriteYAML's output reads back as the dataset it was written from, for
// the bundled data, the valid fixtures and a synthetic dataset, and is the
// same bytes every time.
func TestWriteYAMLRoundTrips(t *testing.T) {
	read := func(t *testing.T, dir string) *policy.Dataset {
		t.Helper()
		ds, diags := loader.Read(dir)
		if len(diags) > 0 {
			t.Fatalf("read %s: %v", dir, diags)
		}
		return ds
	}
	for _, tc := range []struct {
		name string
		ds   func(t *testing.T) *policy.Dataset
	}{
		{"bundled data", func(t *testing.T) *policy.Dataset { return read(t, "../data") }},
		{"good fixtures", func(t *testing.T) *policy.Dataset { return read(t, "testdata/good") }},
		{"synthetic", func(t *testing.T) *policy.Dataset { return synth.Dataset(3000, 5) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.ds(t)
			var out bytes.Buffer
			if err := loader.WriteYAML(&out, want); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := loader.WriteYAML(&again, want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), again.Bytes()) {
				t.Fatal("two writes of the same dataset differ")
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "dataset.yaml"), out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			got := read(t, dir)
			// An optional list given as [] reads as empty, and is written as absent.
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("read(WriteYAML(ds)) differs from ds (-want +got):\n%s", diff)
			}
		})
	}
}
