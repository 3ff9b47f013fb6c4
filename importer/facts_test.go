package importer_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/mandategraph/mandategraph/internal/shareddata"

	"github.com/mandategraph/mandategraph/importer"
)

// TestMissionFactsMatchDataHub checks every row of mission_facts.tsv
// against the Data Hub list (dates) and its crosswalk (host countries), so
// the embedded table states nothing the sources do not.
func TestMissionFactsMatchDataHub(t *testing.T) {
	dir := filepath.Join(sharedData, "external", "un-psdata-pko")
	requireShared(t, dir)
	read := func(name string) []map[string]string {
		rows, err := shareddata.ReadCSV(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	dates := map[string]map[string]string{}
	for _, r := range read("DPPADPOSS-PKO.csv") {
		dates[r["mission_acronym"]] = r
	}
	hosts := map[string][]string{}
	for _, r := range read("unpko_country_crosswalk.csv") {
		if r["iso3c"] != "" && !slices.Contains(hosts[r["mission_acronym"]], r["iso3c"]) {
			hosts[r["mission_acronym"]] = append(hosts[r["mission_acronym"]], r["iso3c"])
		}
	}
	facts := importer.AllFacts()
	if len(facts) < 70 {
		t.Fatalf("only %d missions in the facts table", len(facts))
	}
	for id, f := range facts {
		d, ok := dates[f.Acronym]
		if !ok {
			t.Errorf("%s: acronym %s not in the Data Hub list", id, f.Acronym)
			continue
		}
		if f.Start != d["start_date"] || f.End != d["end_date"] {
			t.Errorf("%s: table says %s..%s, Data Hub %s..%s", id, f.Start, f.End, d["start_date"], d["end_date"])
		}
		want := slices.Sorted(slices.Values(hosts[f.Acronym]))
		if !slices.Equal(f.HostCountries, want) {
			t.Errorf("%s: host countries %v, crosswalk %v", id, f.HostCountries, want)
		}
	}
	if _, ok := importer.Facts("MONUSCO"); !ok {
		t.Error("MONUSCO has no facts")
	}
}
