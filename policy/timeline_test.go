package policy_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mandategraph/mandategraph/policy"
)

func TestTimeline(t *testing.T) {
	ag := func(ids ...string) []policy.Agenda {
		out := []policy.Agenda{}
		for _, id := range ids {
			out = append(out, policy.Agenda{ID: id})
		}
		return out
	}
	entry := func(id, adopted string, agendas ...string) policy.TimelineEntry {
		return policy.TimelineEntry{Mandate: policy.Mandate{ID: id, Adopted: policy.MustDate(adopted)}, Agendas: ag(agendas...)}
	}
	for _, tc := range []struct {
		name string
		in   []policy.TimelineEntry
		want [][3][]string // mandate id; added; dropped
	}{
		{"empty", nil, nil},
		{"first mandate adds all its agendas", []policy.TimelineEntry{entry("A", "2010-01-01", "POC", "SSR")},
			[][3][]string{{{"A"}, {"POC", "SSR"}, {}}}},
		{"added and dropped against the previous mandate", []policy.TimelineEntry{
			entry("A", "2010-01-01", "POC", "SSR"), entry("B", "2011-01-01", "SSR", "WPS"), entry("C", "2012-01-01")},
			[][3][]string{{{"A"}, {"POC", "SSR"}, {}}, {{"B"}, {"WPS"}, {"POC"}}, {{"C"}, {}, {"SSR", "WPS"}}}},
		{"ordered by adoption date, then id", []policy.TimelineEntry{
			entry("C", "2012-01-01", "POC"), entry("B", "2010-01-01", "SSR"), entry("A", "2010-01-01", "POC")},
			[][3][]string{{{"A"}, {"POC"}, {}}, {{"B"}, {"SSR"}, {"POC"}}, {{"C"}, {"POC"}, {"SSR"}}}},
		{"an unchanged mandate adds and drops nothing", []policy.TimelineEntry{
			entry("A", "2010-01-01", "POC"), entry("B", "2011-01-01", "POC")},
			[][3][]string{{{"A"}, {"POC"}, {}}, {{"B"}, {}, {}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			policy.Timeline(tc.in)
			var got [][3][]string
			ids := func(as []policy.Agenda) []string {
				out := []string{}
				for _, a := range as {
					out = append(out, a.ID)
				}
				return out
			}
			for _, e := range tc.in {
				got = append(got, [3][]string{{e.Mandate.ID}, ids(e.Added), ids(e.Dropped)})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Timeline (-want +got):\n%s", diff)
			}
		})
	}
}

// An unrecorded mandate's agendas are unknown, not none: nil agendas, and
// no added or dropped for it or for the mandate after it.
func TestTimelineUnrecorded(t *testing.T) {
	e := func(id, adopted string, cov policy.Coverage, agendas ...string) policy.TimelineEntry {
		var as []policy.Agenda
		for _, a := range agendas {
			as = append(as, policy.Agenda{ID: a})
		}
		return policy.TimelineEntry{Mandate: policy.Mandate{ID: id, Adopted: policy.MustDate(adopted)}, Coverage: cov, Agendas: as}
	}
	in := []policy.TimelineEntry{
		e("A", "2010-01-01", policy.CoverageSelected, "POC"),
		e("B", "2011-01-01", policy.CoverageUnrecorded),
		e("C", "2012-01-01", policy.CoverageComplete, "POC", "SSR"),
		e("D", "2013-01-01", policy.CoverageSelected, "SSR"),
	}
	policy.Timeline(in)
	type row struct {
		ID                     string
		Agendas, Added, Droppd []policy.Agenda
	}
	var got []row
	for _, x := range in {
		got = append(got, row{x.Mandate.ID, x.Agendas, x.Added, x.Dropped})
	}
	want := []row{
		{"A", []policy.Agenda{{ID: "POC"}}, []policy.Agenda{{ID: "POC"}}, []policy.Agenda{}},
		{"B", nil, nil, nil},
		{"C", []policy.Agenda{{ID: "POC"}, {ID: "SSR"}}, nil, nil},
		{"D", []policy.Agenda{{ID: "SSR"}}, []policy.Agenda{}, []policy.Agenda{{ID: "POC"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Timeline (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		all  bool
		n    int
		want policy.Coverage
	}{{false, 0, policy.CoverageUnrecorded}, {true, 0, policy.CoverageUnrecorded}, {false, 3, policy.CoverageSelected}, {true, 3, policy.CoverageComplete}} {
		if got := policy.MandateCoverage(tc.all, tc.n); got != tc.want {
			t.Errorf("MandateCoverage(%v, %d) = %s, want %s", tc.all, tc.n, got, tc.want)
		}
	}
}
