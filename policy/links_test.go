package policy_test

import (
	"slices"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

func TestLinks(t *testing.T) {
	ds := &policy.Dataset{
		Missions:  []policy.Mission{{ID: "OLD"}, {ID: "NEW", Predecessor: "OLD"}},
		Documents: []policy.Document{{ID: "doc", Agendas: []string{"POC"}, Cites: []string{"S/RES/1(2000)"}}},
		Mandates: []policy.Mandate{{ID: "S/RES/1(2000)", Missions: []string{"NEW", "NEW"}, Cites: []string{"doc"},
			Clauses: []policy.Clause{{Paragraph: "3", Agendas: []string{"SSR"}}, {ID: "own", Paragraph: "4"}}}},
	}
	got := slices.Collect(ds.Links())
	want := []policy.Link{
		{policy.LinkSucceededBy, "OLD", "NEW"},
		{policy.LinkAddresses, "doc", "POC"},
		{policy.LinkCites, "doc", "S/RES/1(2000)"},
		{policy.LinkMandates, "S/RES/1(2000)", "NEW"},
		{policy.LinkMandates, "S/RES/1(2000)", "NEW"},
		{policy.LinkCites, "S/RES/1(2000)", "doc"},
		{policy.LinkHasClause, "S/RES/1(2000)", policy.ClauseID("S/RES/1(2000)", "3")},
		{policy.LinkAddresses, policy.ClauseID("S/RES/1(2000)", "3"), "SSR"},
		{policy.LinkHasClause, "S/RES/1(2000)", "own"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Links() =\n%v\nwant\n%v", got, want)
	}
	for l := range ds.Links() {
		if l.Kind != policy.LinkSucceededBy {
			t.Errorf("stopping early yielded %v", l)
		}
		break
	}
}
