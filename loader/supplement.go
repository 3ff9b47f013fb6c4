package loader

import (
	"github.com/mandategraph/mandategraph/policy"
)

// A supplement adds clauses to a mandate defined in another file: the
// operative paragraphs that a curated mandate lacks and the importer read
// (internal/bundled writes them beside the curated files). The mandate's
// own clauses, with their summaries and tags, stay as written and first;
// the supplement's follow in its order, and complete the mandate: it then
// holds every operative paragraph (allParagraphs). A generated supplement
// can so be regenerated without touching the curated file.

// supplementShape returns the fields of a supplement.
func supplementShape() shape {
	return shape{"a supplement", []field{{"mandate", true}, {"clauses", true}, {"provenance", true}}}
}

// supplement is a decoded supplement, merged once every file is read.
type supplement struct {
	mandate string
	at      loc
	clauses []policy.Clause
	paras   []loc // where each clause's paragraph is given
}

// supplement decodes a supplement. Its clauses need neither a summary nor
// agendas (they are imported, like those of a mandate with allParagraphs).
func (d *fileDecoder) supplement(v value) {
	o := d.object(v, supplementShape())
	if o == nil {
		return
	}
	var s supplement
	id, mv, ok := d.ref(o, "mandate", reference{kinds: kindMandate})
	if !ok {
		return
	}
	s.mandate, s.at = id, d.loc(mv)
	prov, _ := d.provenanceField(o)
	items, _ := o.list("clauses")
	first := make(map[string]loc)
	for _, it := range items {
		c, pv, hasProv, ok := d.clause(it)
		if !ok || c.Paragraph == "" {
			continue
		}
		if at, dup := first[c.Paragraph]; dup {
			d.errorf(pv, "duplicate paragraph %q in the supplement of %s (first at %s)", c.Paragraph, id, at)
			continue
		}
		first[c.Paragraph] = d.loc(pv)
		if !hasProv {
			c.Provenance = prov
		}
		c.MandateID, c.ID = id, policy.ClauseID(id, c.Paragraph)
		d.l.define(c.ID, kindClause, d.loc(pv), true)
		s.clauses = append(s.clauses, c)
		s.paras = append(s.paras, d.loc(pv))
	}
	d.l.supplements = append(d.l.supplements, s)
}

// mergeSupplements appends each supplement's clauses to its mandate, after
// the mandate's own, and marks the mandate complete. A mandate has at most
// one supplement, and a supplement may not give a paragraph the mandate
// has. An unknown mandate is reported as a reference.
func (l *loader) mergeSupplements() {
	index := make(map[string]int, len(l.ds.Mandates))
	for i, m := range l.ds.Mandates {
		if _, dup := index[m.ID]; !dup {
			index[m.ID] = i
		}
	}
	seen := map[string]loc{}
	for _, s := range l.supplements {
		i, ok := index[s.mandate]
		if !ok {
			continue
		}
		if at, dup := seen[s.mandate]; dup {
			l.add(s.at.diag("a second supplement of %s (first at %s; give all its clauses in one)", s.mandate, at))
			continue
		}
		seen[s.mandate] = s.at
		m := &l.ds.Mandates[i]
		has := make(map[string]bool, len(m.Clauses))
		for _, c := range m.Clauses {
			has[c.Paragraph] = true
		}
		for j, c := range s.clauses {
			if has[c.Paragraph] {
				l.add(s.paras[j].diag("paragraph %q is already a clause of %s (the supplement gives only the paragraphs the mandate lacks)", c.Paragraph, s.mandate))
				continue
			}
			c.Order = len(m.Clauses) + 1
			m.Clauses = append(m.Clauses, c)
		}
		m.AllParagraphs = true
	}
}
