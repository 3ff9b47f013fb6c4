package policy

// Coverage says how much of a mandate's operative part the dataset records.
type Coverage string

// The coverages.
const (
	// CoverageComplete: every operative paragraph and sub-item (an
	// imported mandate, AllParagraphs).
	CoverageComplete Coverage = "COMPLETE"
	// CoverageSelected: the clauses a curator chose; other paragraphs may
	// address other agendas.
	CoverageSelected Coverage = "SELECTED"
	// CoverageUnrecorded: no clause recorded, so its agendas are unknown
	// (not "none").
	CoverageUnrecorded Coverage = "UNRECORDED"
)

// Coverages lists every valid Coverage.
var Coverages = []Coverage{CoverageComplete, CoverageSelected, CoverageUnrecorded}

// MandateCoverage is the coverage of a mandate with allParagraphs set as
// given and the number of clauses recorded.
func MandateCoverage(allParagraphs bool, clauses int) Coverage {
	switch {
	case clauses == 0:
		return CoverageUnrecorded
	case allParagraphs:
		return CoverageComplete
	}
	return CoverageSelected
}
