package synth_test

import (
	"reflect"
	"testing"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/loader/synth"
)

func TestDatasetHasTheRequestedSize(t *testing.T) {
	for _, n := range []int{200, 1000, 25_000} {
		ds := synth.Dataset(n, 7)
		if got := synth.Relationships(ds); got != n {
			t.Errorf("Dataset(%d) has %d relationships", n, got)
		}
		if share := float64(len(ds.Relations)) / float64(n); share < 0.2 || share > 0.4 {
			t.Errorf("Dataset(%d): relations are %.0f%% of relationships, want about %.0f%%", n, 100*share, 100*synth.RelationShare)
		}
	}
	if !reflect.DeepEqual(synth.Dataset(500, 1), synth.Dataset(500, 1)) {
		t.Error("the same seed gave different datasets")
	}
}

// TestWriteJSONReadsBackThroughLoader proves the generated data is valid by
// the loader's rules and that the files say exactly what the dataset does.
func TestWriteJSONReadsBackThroughLoader(t *testing.T) {
	want := synth.Dataset(5000, 3)
	dir := t.TempDir()
	if err := loader.WriteJSON(dir, want); err != nil {
		t.Fatal(err)
	}
	got, diags := loader.Read(dir)
	if err := diags.Err(); err != nil {
		t.Fatalf("loader rejects the synthetic dataset:\n%v", err)
	}
	for name, pair := range map[string][2]any{
		"agendas":   {want.Agendas, got.Agendas},
		"missions":  {want.Missions, got.Missions},
		"documents": {want.Documents, got.Documents},
		"mandates":  {want.Mandates, got.Mandates},
		"relations": {want.Relations, got.Relations},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s read back differ from the generated ones", name)
		}
	}
}
