package loader

import (
	"fmt"
	"strings"

	"github.com/mandategraph/mandategraph/policy"
)

// This file holds the loader's state across files and the checks that need
// the whole dataset: unique ids, references and predecessor dates.

// entityKind is a kind of thing with an id; kinds combine as a bit set to
// say what a reference may point at.
type entityKind uint8

// The kinds of things with ids.
const (
	kindClause entityKind = 1 << iota
	kindAgenda
	kindMission
	kindMandate
	kindDocument
	kindRelation
)

// kindInfo describes one entity kind for messages.
type kindInfo struct {
	kind       entityKind
	name, list string // singular, and where such things are defined
}

// allKinds lists the kinds in the order used in messages.
func allKinds() []kindInfo {
	return []kindInfo{
		{kindClause, "clause", "the clauses of a mandate"},
		{kindAgenda, "agenda", "agendas"},
		{kindMission, "mission", "missions"},
		{kindMandate, "mandate", "mandates"},
		{kindDocument, "document", "documents"},
		{kindRelation, "relation", "relations"},
	}
}

// String names the kinds in k, e.g. "mandate or document".
func (k entityKind) String() string {
	var names []string
	for _, x := range allKinds() {
		if k&x.kind != 0 {
			names = append(names, x.name)
		}
	}
	return orList(names)
}

// lists says where things of the kinds in k are defined, e.g. "mandates or
// documents".
func (k entityKind) lists() string {
	var lists []string
	for _, x := range allKinds() {
		if k&x.kind != 0 {
			lists = append(lists, x.list)
		}
	}
	return orList(lists)
}

// article returns "a" or "an" for the word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// definition is where an id is first defined.
type definition struct {
	kind entityKind
	at   loc
}

// reference is a use of an id that must resolve to a definition of one of
// kinds.
type reference struct {
	id    string
	kinds entityKind
	at    loc
	// noun replaces the kinds in "unknown <noun>" messages; optional.
	noun string
	// otherwise is said when no near miss is found; optional.
	otherwise string
	// wrongKind is added when the id is defined but of another kind.
	wrongKind string
}

// successor is a mission that names a predecessor, for the date check.
type successor struct {
	id, predecessor string
	start           policy.Date
	at              loc // the predecessor value
}

// loader accumulates what the files say and the problems found.
type loader struct {
	diags      Diagnostics
	ds         policy.Dataset
	defs       map[string]definition
	ids        map[entityKind][]string // ids by kind, in definition order
	refs       []reference
	successors []successor
	// supplements add clauses to mandates defined elsewhere (supplement.go).
	supplements []supplement
	countries   map[string]bool
	// dropped are the files that could not be read at all (encoding,
	// syntax): references to what they define are not reported.
	dropped []string
}

// newLoader returns a loader with nothing read yet.
func newLoader() *loader {
	l := &loader{
		defs:      make(map[string]definition),
		ids:       make(map[entityKind][]string),
		countries: make(map[string]bool),
	}
	for _, c := range countryCodes() {
		l.countries[c] = true
	}
	return l
}

// add records a problem.
func (l *loader) add(d Diagnostic) { l.diags = append(l.diags, d) }

// define records the definition of id as a thing of the given kind at at,
// reporting an id that is already defined unless quiet.
func (l *loader) define(id string, kind entityKind, at loc, quiet bool) {
	if id == "" {
		return
	}
	if first, dup := l.defs[id]; dup {
		if quiet {
			return
		}
		as := ""
		if first.kind != kind {
			as = fmt.Sprintf(", as %s %s", article(first.kind.String()), first.kind)
		}
		l.add(at.diag("duplicate id %q (first defined at %s%s)", shorten(id), first.at, as))
		return
	}
	l.defs[id] = definition{kind, at}
	l.ids[kind] = append(l.ids[kind], id)
}

// refer records a reference to check once every file has been read.
func (l *loader) refer(r reference) { l.refs = append(l.refs, r) }

// finish runs the checks that need the whole dataset and returns the result.
func (l *loader) finish() (*policy.Dataset, Diagnostics) {
	unchecked := 0
	for _, r := range l.refs {
		if _, known := l.defs[r.id]; !known && len(l.dropped) > 0 {
			unchecked++ // most likely defined in a dropped file
			continue
		}
		l.checkReference(r)
	}
	l.checkSuccessors()
	l.mergeSupplements()
	if len(l.diags) > 0 {
		sorted := l.diags.sorted()
		if len(l.dropped) == 0 {
			return nil, sorted
		}
		// The files that could not be read come first: they are the cause.
		dropped := map[string]bool{}
		for _, f := range l.dropped {
			dropped[f] = true
		}
		var first, rest Diagnostics
		for _, d := range sorted {
			if dropped[d.File] {
				first = append(first, d)
			} else {
				rest = append(rest, d)
			}
		}
		if unchecked > 0 {
			first = append(first, Diagnostic{File: l.dropped[0], Message: fmt.Sprintf(
				"%d references to ids not defined elsewhere were not checked, since they may be defined in the files that could not be read; fix those first", unchecked)})
		}
		return nil, append(first, rest...)
	}
	ds := l.ds
	return &ds, nil
}

// checkReference reports a reference that does not resolve to a thing of
// the kinds it may point at, suggesting near misses.
func (l *loader) checkReference(r reference) {
	def, ok := l.defs[r.id]
	if ok && def.kind&r.kinds != 0 {
		return
	}
	if ok {
		l.add(r.at.diag("%q is %s %s, not %s %s%s", shorten(r.id), article(def.kind.String()), def.kind, article(r.kinds.String()), r.kinds, r.wrongKind))
		return
	}
	noun := r.noun
	if noun == "" {
		noun = r.kinds.String()
	}
	var candidates []string
	for _, x := range allKinds() {
		if r.kinds&x.kind != 0 {
			candidates = append(candidates, l.ids[x.kind]...)
		}
	}
	hint := didYouMean(r.id, candidates)
	switch {
	case hint != "":
	case r.otherwise != "":
		hint = " (" + r.otherwise + ")"
	case r.kinds == kindAgenda && len(candidates) > 0 && len(candidates) <= 20:
		hint = " (defined agendas: " + strings.Join(candidates, ", ") + ")"
	default:
		hint = fmt.Sprintf(" (define it under %s, or fix the id)", r.kinds.lists())
	}
	l.add(r.at.diag("unknown %s %q%s", noun, shorten(r.id), hint))
}

// checkSuccessors checks that each predecessor is a mission that ended by
// the day after its successor started, and that predecessors form no cycle.
func (l *loader) checkSuccessors() {
	missions := make(map[string]policy.Mission)
	for _, m := range l.ds.Missions {
		if _, dup := missions[m.ID]; !dup && m.ID != "" {
			missions[m.ID] = m
		}
	}
	for _, s := range l.successors {
		pred, ok := missions[s.predecessor]
		if !ok || s.start.IsZero() {
			continue // unknown predecessors are reported as references
		}
		latest := policy.Date{Time: s.start.AddDate(0, 0, 1)}
		switch {
		case pred.End.IsZero():
			l.add(s.at.diag("predecessor %s has no end date (a predecessor must have ended by %s, the day after %s started)", pred.ID, latest, s.id))
		case pred.End.After(latest.Time):
			l.add(s.at.diag("predecessor %s ended %s, more than a day after %s started on %s (a predecessor must end by %s)", pred.ID, pred.End, s.id, s.start, latest))
		}
	}
	for _, s := range l.successors {
		if cycle := predecessorCycle(s.id, missions); cycle != nil && minString(cycle) == s.id {
			l.add(s.at.diag("missions succeed each other in a cycle: %s (a mission cannot be its own ancestor)", strings.Join(append(cycle, s.id), " → ")))
		}
	}
}

// predecessorCycle returns the missions on the predecessor chain from id
// back to id, when the chain comes back to it.
func predecessorCycle(id string, missions map[string]policy.Mission) []string {
	chain := []string{id}
	for cur := missions[id].Predecessor; cur != "" && len(chain) <= len(missions); cur = missions[cur].Predecessor {
		if cur == id {
			return chain
		}
		chain = append(chain, cur)
	}
	return nil
}

// minString returns the least of strs.
func minString(strs []string) string {
	m := strs[0]
	for _, s := range strs[1:] {
		m = min(m, s)
	}
	return m
}
