package policy

import (
	"slices"
	"sort"
)

// Timeline orders a mission's timeline entries by adoption date, then
// mandate id, and fills in Added and Dropped: the agendas of each entry
// that the previous one lacks (all of them for the first), and the other
// way round, in the order of the entry's agendas. An unrecorded entry has
// no agendas (nil, unknown) and neither it nor the entry after it has
// Added or Dropped.
func Timeline(entries []TimelineEntry) {
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i].Mandate, entries[j].Mandate
		if !a.Adopted.Equal(b.Adopted.Time) {
			return a.Adopted.Before(b.Adopted.Time)
		}
		return a.ID < b.ID
	})
	var prev []Agenda
	prevKnown := true // before the first entry: nothing
	for i := range entries {
		e := &entries[i]
		known := e.Coverage != CoverageUnrecorded
		if !known {
			e.Agendas = nil
		}
		e.Added, e.Dropped = nil, nil
		if known && prevKnown {
			e.Added = agendaDiff(e.Agendas, prev)
			e.Dropped = agendaDiff(prev, e.Agendas)
		}
		prev, prevKnown = e.Agendas, known
	}
}

// agendaDiff returns the agendas of a that are not in b, in a's order.
func agendaDiff(a, b []Agenda) []Agenda {
	out := []Agenda{}
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y Agenda) bool { return y.ID == x.ID }) {
			out = append(out, x)
		}
	}
	return out
}
