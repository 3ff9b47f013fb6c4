package policy

import (
	"slices"
	"sort"
)

// Timeline orders a mission's timeline entries by adoption date, then
// mandate id, and fills in Added and Dropped: the agendas of each entry
// that the previous one lacks (all of them for the first), and the other
// way round, in the order of the entry's agendas.
func Timeline(entries []TimelineEntry) {
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i].Mandate, entries[j].Mandate
		if !a.Adopted.Equal(b.Adopted.Time) {
			return a.Adopted.Before(b.Adopted.Time)
		}
		return a.ID < b.ID
	})
	var prev []Agenda
	for i := range entries {
		entries[i].Added = agendaDiff(entries[i].Agendas, prev)
		entries[i].Dropped = agendaDiff(prev, entries[i].Agendas)
		prev = entries[i].Agendas
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
