package convert_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/importer/convert"
	"github.com/mandategraph/mandategraph/policy"
)

// A mandate cites what the base holds and the resolutions that are written
// with it, never one the import read but left out (it would dangle: the
// whole collection's 1325 (2000) concerns no mission).
func TestCitesOnlyWhatIsWritten(t *testing.T) {
	base := &policy.Dataset{
		Missions: []policy.Mission{{ID: "MONUSCO"}},
		Mandates: []policy.Mandate{{ID: "S/RES/9000(2029)"}},
	}
	res := func(sym, adopted string, missions []string, cites ...string) *importer.Resolution {
		r := &importer.Resolution{Symbol: sym, Adopted: adopted, Missions: missions,
			Clauses: []importer.Clause{{Locator: "1", Text: "Decides to remain seized of the matter."}}}
		for _, c := range cites {
			r.Citations = append(r.Citations, importer.Citation{Symbol: c, Part: importer.Preamble})
		}
		return r
	}
	out := convert.Convert([]*importer.Resolution{
		res("S/RES/9001(2030)", "2030-01-02", []string{"MONUSCO"}, "S/RES/9000(2029)", "S/RES/9002(2030)", "S/RES/9003(2030)", "S/RES/9004(2030)", "S/RES/8999(2028)"),
		res("S/RES/9002(2030)", "2030-02-03", nil),                         // no mission: not written
		res("S/RES/9003(2030)", "", []string{"MONUSCO"}),                   // no date: not written
		res("S/RES/9004(2030)", "2030-03-04", []string{"MONUSCO", "UNXX"}), // written
	}, convert.Options{Base: base})
	var got []string
	for _, m := range out.Mandates {
		if m.ID == "S/RES/9001(2030)" {
			got = m.Cites
		}
	}
	if diff := cmp.Diff([]string{"S/RES/9000(2029)", "S/RES/9004(2030)"}, got); diff != "" {
		t.Errorf("cites of 9001 (-want +got):\n%s\nnotes: %v", diff, out.Notes)
	}
	if len(out.Mandates) != 2 {
		t.Errorf("%d mandates written, want 9001 and 9004; notes %v", len(out.Mandates), out.Notes)
	}
}

// A mission created from the facts table has the dataset's country codes:
// the Data Hub's KSV for Kosovo (UNMIK) is the loader's XKX.
func TestCreatedMissionCountryCodes(t *testing.T) {
	out := convert.Convert([]*importer.Resolution{{Symbol: "S/RES/9005(2030)", Adopted: "2030-01-02", Missions: []string{"UNMIK"},
		Clauses: []importer.Clause{{Locator: "1", Text: "Decides to remain seized of the matter."}}}}, convert.Options{Base: &policy.Dataset{}})
	if len(out.Missions) != 1 {
		t.Fatalf("missions %+v, notes %v", out.Missions, out.Notes)
	}
	if diff := cmp.Diff([]string{"XKX", "SRB"}, out.Missions[0].HostCountries); diff != "" {
		t.Errorf("UNMIK host countries (-want +got):\n%s", diff)
	}
}
