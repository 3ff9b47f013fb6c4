package loader

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mandategraph/mandategraph/policy"
)

// This file decodes each kind of entity of docs/data-format.md. The shapes
// below are the format's field lists; schema_test.go checks that the JSON
// Schema has the same fields and required fields.

// Id and value formats of docs/data-format.md.
var (
	agendaIDPattern     = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,15}$`)
	missionIDPattern    = regexp.MustCompile(`^[A-Z][A-Za-z0-9-]{1,15}$`)
	resolutionIDPattern = regexp.MustCompile(`^S/RES/[1-9][0-9]*\(([0-9]{4})\)$`)
	prstIDPattern       = regexp.MustCompile(`^S/PRST/([0-9]{4})/[1-9][0-9]*$`)
	slugPattern         = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	symbolIDPattern     = regexp.MustCompile(`^[A-Z][A-Z0-9]*(/[A-Za-z0-9.()-]+)+$`)
	symbolPattern       = regexp.MustCompile(`^[A-Z][A-Z0-9]*/[!-~]+( [!-~]+)*$`)
	paragraphPattern    = regexp.MustCompile(`^[1-9][0-9]*(\([a-z]{1,3}\)(\([ivxl]+\))?|\(([ivxl]+|[IVXL]+)\)(\([a-z]{1,3}\))?)?$`)
	countryPattern      = regexp.MustCompile(`^[A-Z]{3}$`)
	yearPattern         = regexp.MustCompile(`^[0-9]{4}$`)
)

// shapes returns the format's mappings by their name in the JSON Schema
// ("dataset" for the top level, the others as in its $defs).
func shapes() map[string]shape {
	return map[string]shape{
		"dataset":    datasetShape(),
		"provenance": provenanceShape(),
		"agenda":     agendaShape(),
		"mission":    missionShape(),
		"mandate":    mandateShape(),
		"clause":     clauseShape(),
		"document":   documentShape(),
		"relation":   relationShape(),
		"evidence":   evidenceShape(),
		"tag":        tagShape(),
		"notTagged":  notTaggedShape(),
		"supplement": supplementShape(),
	}
}

// datasetShape returns the fields of the top level of a file.
func datasetShape() shape {
	return shape{"a dataset file", []field{
		{"$schema", false}, {"agendas", false}, {"missions", false},
		{"mandates", false}, {"documents", false}, {"relations", false},
		{"supplements", false},
	}}
}

// provenanceShape returns the fields of a provenance mapping.
func provenanceShape() shape {
	return shape{"provenance", []field{{"source", true}, {"status", true}, {"method", false}}}
}

// agendaShape returns the fields of an agenda.
func agendaShape() shape {
	return shape{"an agenda", []field{
		{"id", true}, {"name", true}, {"description", true}, {"provenance", true},
	}}
}

// missionShape returns the fields of a mission.
func missionShape() shape {
	return shape{"a mission", []field{
		{"id", true}, {"name", true}, {"hostCountries", true}, {"start", true},
		{"end", false}, {"predecessor", false}, {"provenance", true},
	}}
}

// mandateShape returns the fields of a mandate.
func mandateShape() shape {
	return shape{"a mandate", []field{
		{"id", true}, {"kind", true}, {"adopted", true}, {"chapterVII", false},
		{"url", false}, {"missions", true}, {"cites", false}, {"allParagraphs", false},
		{"clauses", false}, {"provenance", true},
	}}
}

// clauseShape returns the fields of a clause.
func clauseShape() shape {
	return shape{"a clause", []field{
		{"paragraph", true}, {"summary", false}, {"text", false}, {"agendas", false},
		{"tags", false}, {"notTagged", false}, {"provenance", false},
	}}
}

// tagShape returns the fields of a clause's tag.
func tagShape() shape {
	return shape{"a tag", []field{{"agenda", true}, {"rule", false}, {"phrase", false}, {"reason", true}}}
}

// documentShape returns the fields of a document.
func documentShape() shape {
	return shape{"a document", []field{
		{"id", true}, {"title", true}, {"kind", true}, {"issuer", true},
		{"published", true}, {"symbol", false}, {"url", false}, {"agendas", false},
		{"cites", false}, {"provenance", true},
	}}
}

// relationShape returns the fields of a relation.
func relationShape() shape {
	return shape{"a relation", []field{
		{"id", true}, {"kind", true}, {"source", true}, {"target", true},
		{"mechanism", true}, {"summary", true}, {"strength", true},
		{"mission", false}, {"evidence", true},
	}}
}

// evidenceShape returns the fields of a piece of evidence.
func evidenceShape() shape {
	return shape{"evidence", []field{{"document", true}, {"locator", false}, {"note", true}}}
}

// top decodes a file's top-level mapping, list by list in the order written.
func (d *fileDecoder) top(v value) {
	s := datasetShape()
	if v.n.Kind != yaml.MappingNode {
		d.errorf(v, "the top level must be a mapping with any of the keys %s, not %s",
			strings.Join(s.names()[1:], ", "), describe(v.n))
		return
	}
	o := d.object(v, s)
	decoders := map[string]func(value){
		"agendas":   d.agenda,
		"missions":  d.mission,
		"mandates":  d.mandate,
		"documents": d.document,
		"relations": d.relation,
		// supplement.go
		"supplements": d.supplement,
	}
	for _, name := range o.order {
		fv := o.fields[name]
		if name == "$schema" {
			d.str(fv)
			continue
		}
		items, _ := d.list(fv)
		for _, it := range items {
			decoders[name](it)
		}
	}
}

// MaxIDBytes bounds the length of an id: the longest UN symbol is some
// tens of bytes, and Neo4j refuses to index values of several KB.
const MaxIDBytes = 200

// id decodes an object's id, checks its format and defines it.
func (d *fileDecoder) id(o *object, kind entityKind, check func(string) string) (string, value) {
	id, v, ok := o.str("id")
	if !ok {
		return "", v
	}
	if len(id) > MaxIDBytes {
		// Neo4j cannot index an id that long ("value too large to index"),
		// and no symbol or slug is.
		d.errorf(v, "id %q is %d bytes long; ids are at most %d", shorten(id), len(id), MaxIDBytes)
	} else if msg := check(id); msg != "" {
		d.errorf(v, "%s", msg)
	}
	d.l.define(id, kind, d.loc(v), false)
	return id, v
}

// refs decodes a list of ids that must each be of one of kinds.
func (d *fileDecoder) refs(o *object, name string, kinds entityKind) []string {
	ids, vals := o.strings(name)
	for i, id := range ids {
		d.l.refer(reference{id: id, kinds: kinds, at: d.loc(vals[i])})
	}
	return ids
}

// ref decodes an optional or required single id that must be of kinds.
func (d *fileDecoder) ref(o *object, name string, r reference) (string, value, bool) {
	id, v, ok := o.str(name)
	if ok {
		r.id, r.at = id, d.loc(v)
		d.l.refer(r)
	}
	return id, v, ok
}

// cites decodes the cites list of the mandate or document self.
func (d *fileDecoder) cites(o *object, self string) []string {
	ids, vals := o.strings("cites")
	for i, id := range ids {
		if id == self {
			d.errorf(vals[i], "cites itself (list only other mandates and documents)")
			continue
		}
		d.l.refer(reference{id: id, kinds: kindMandate | kindDocument, at: d.loc(vals[i])})
	}
	return ids
}

// url decodes an optional http(s) URL field.
func (d *fileDecoder) url(o *object, name string) string {
	s, v, ok := o.str(name)
	if ok {
		if msg := checkURL(s); msg != "" {
			d.errorf(v, "%s", msg)
		}
	}
	return s
}

// provenanceField decodes an object's provenance and reports whether it
// was given.
func (d *fileDecoder) provenanceField(o *object) (policy.Provenance, bool) {
	v, ok := o.get("provenance")
	if !ok {
		return policy.Provenance{}, false
	}
	return d.provenance(v), true
}

// provenance decodes a provenance mapping.
func (d *fileDecoder) provenance(v value) policy.Provenance {
	var p policy.Provenance
	o := d.object(v, provenanceShape())
	if o == nil {
		return p
	}
	if src, sv, ok := o.str("source"); ok {
		p.Source = src
		if looksLikeURL(src) {
			if msg := checkURL(src); msg != "" {
				d.errorf(sv, "%s", msg)
			}
		} else {
			d.l.refer(reference{id: src, kinds: kindMandate | kindDocument, at: d.loc(sv),
				noun: "source", otherwise: "want the id of a mandate or document in the dataset, or an http(s) URL"})
		}
	}
	status, _, _ := o.enum("status", "status", []string{string(policy.Verified), string(policy.Unverified)})
	p.Status = policy.ProvenanceStatus(status)
	switch {
	case p.Status == policy.Verified && !o.has("method"):
		d.errorf(v, `missing required field "method" (say how the fact was checked; it is required when status is verified)`)
	case p.Status == policy.Unverified && o.has("method"):
		d.errorf(o.fields["method"], "must be left out when status is unverified (set status: verified, or drop method)")
	default:
		p.Method, _, _ = o.str("method")
	}
	return p
}

// agenda decodes an agenda.
func (d *fileDecoder) agenda(v value) {
	o := d.object(v, agendaShape())
	if o == nil {
		return
	}
	var a policy.Agenda
	a.ID, _ = d.id(o, kindAgenda, checkAgendaID)
	a.Name, _, _ = o.str("name")
	a.Description, _, _ = o.str("description")
	a.Provenance, _ = d.provenanceField(o)
	d.l.ds.Agendas = append(d.l.ds.Agendas, a)
}

// mission decodes a mission.
func (d *fileDecoder) mission(v value) {
	o := d.object(v, missionShape())
	if o == nil {
		return
	}
	var m policy.Mission
	m.ID, _ = d.id(o, kindMission, checkMissionID)
	m.Name, _, _ = o.str("name")
	codes, vals := o.strings("hostCountries")
	for i, c := range codes {
		if msg := d.l.checkCountry(c); msg != "" {
			d.errorf(vals[i], "%s", msg)
		}
	}
	m.HostCountries = codes
	start, _, startOK := o.date("start")
	m.Start = start
	end, ev, endOK := o.date("end")
	m.End = end
	if startOK && endOK && end.Before(start.Time) {
		d.errorf(ev, "ends %s, before the mission's start %s (end must be on or after start)", end, start)
	}
	if pred, pv, ok := o.str("predecessor"); ok {
		m.Predecessor = pred
		if pred == m.ID {
			d.errorf(pv, "a mission cannot be its own predecessor")
		} else {
			d.l.refer(reference{id: pred, kinds: kindMission, at: d.loc(pv)})
			d.l.successors = append(d.l.successors, successor{id: m.ID, predecessor: pred, start: start, at: d.loc(pv)})
		}
	}
	m.Provenance, _ = d.provenanceField(o)
	d.l.ds.Missions = append(d.l.ds.Missions, m)
}

// mandate decodes a mandate and its clauses.
func (d *fileDecoder) mandate(v value) {
	o := d.object(v, mandateShape())
	if o == nil {
		return
	}
	var m policy.Mandate
	m.ID, _ = d.id(o, kindMandate, checkMandateID)
	idKind, idYear, idOK := parseMandateID(m.ID)
	kind, kv, kindOK := o.enum("kind", "mandate kind", mandateKinds())
	m.Kind = policy.MandateKind(kind)
	if kindOK && idOK && m.Kind != idKind {
		d.errorf(kv, "%s does not match the id %q (%s symbols are %s)", kind, m.ID, symbolPrefix(m.ID), idKind)
	}
	adopted, av, adoptedOK := o.date("adopted")
	m.Adopted = adopted
	if adoptedOK && idOK && adopted.Year() != idYear {
		d.errorf(av, "adopted in %d, but the id %q says %d (fix the date or the id)", adopted.Year(), m.ID, idYear)
	}
	m.ChapterVII = o.boolean("chapterVII")
	m.URL = d.url(o, "url")
	m.Missions = d.refs(o, "missions", kindMission)
	m.Cites = d.cites(o, m.ID)
	if all := o.boolean("allParagraphs"); all != nil {
		m.AllParagraphs = *all
	}
	items, _ := o.list("clauses")
	first := make(map[string]loc) // paragraph → where first given
	var inherit []int             // clauses without provenance of their own
	for i, it := range items {
		c, pv, hasProv, ok := d.clause(it)
		if !ok {
			continue
		}
		// Only a mandate whose every operative paragraph was imported may
		// leave a clause without the project's own summary, or untagged.
		if !m.AllParagraphs && !hasField(it, "summary") {
			d.errorf(it, `missing required field "summary" (write the clause's summary in your own words; only a mandate with allParagraphs: true, as imported, may leave it out)`)
		}
		if !m.AllParagraphs && !hasField(it, "agendas") {
			d.errorf(it, `missing required field "agendas" (name at least one agenda; only a mandate with allParagraphs: true, as imported, may have untagged clauses)`)
		}
		c.MandateID, c.Order = m.ID, i+1
		if c.Paragraph != "" {
			if at, dup := first[c.Paragraph]; dup {
				d.errorf(pv, "duplicate paragraph %q in %s (first at %s)", c.Paragraph, m.ID, at)
			} else {
				first[c.Paragraph] = d.loc(pv)
			}
			if m.ID != "" {
				c.ID = policy.ClauseID(m.ID, c.Paragraph)
				d.l.define(c.ID, kindClause, d.loc(pv), true)
			}
		}
		if !hasProv {
			inherit = append(inherit, len(m.Clauses))
		}
		m.Clauses = append(m.Clauses, c)
	}
	m.Provenance, _ = d.provenanceField(o)
	for _, i := range inherit {
		m.Clauses[i].Provenance = m.Provenance
	}
	d.l.ds.Mandates = append(d.l.ds.Mandates, m)
}

// clause decodes a clause; it returns the paragraph's value for messages
// and whether the clause has provenance of its own. It reports false when v
// is not a mapping.
func (d *fileDecoder) clause(v value) (c policy.Clause, pv value, hasProv, ok bool) {
	o := d.object(v, clauseShape())
	if o == nil {
		return c, pv, false, false
	}
	if pv, ok = o.get("paragraph"); ok {
		c.Paragraph = d.paragraph(pv)
	}
	c.Summary, _, _ = o.str("summary")
	c.Text, _, _ = o.str("text")
	c.Agendas = d.refs(o, "agendas", kindAgenda)
	c.Tags = d.tags(o, c.Agendas)
	c.NotTagged = d.notTagged(o, c.Agendas)
	c.Provenance, hasProv = d.provenanceField(o)
	return c, pv, hasProv, true
}

// tags decodes a clause's tags: each names one of the clause's agendas,
// at most once; a rule's tag has the words it matched, a curated one none.
func (d *fileDecoder) tags(o *object, agendas []string) []policy.Tag {
	items, _ := o.list("tags")
	var out []policy.Tag
	first := map[string]bool{}
	for _, it := range items {
		to := d.object(it, tagShape())
		if to == nil {
			continue
		}
		var t policy.Tag
		var av value
		t.Agenda, av, _ = to.str("agenda")
		t.Rule, _, _ = to.str("rule")
		phrase, pv, hasPhrase := to.str("phrase")
		t.Phrase = phrase
		t.Reason, _, _ = to.str("reason")
		t.Source = policy.TagCurated
		if t.Rule != "" {
			t.Source = policy.TagRule
		}
		switch {
		case t.Agenda == "":
		case !slices.Contains(agendas, t.Agenda):
			d.errorf(av, "tag for %q, which is not among the clause's agendas %v (add it to agendas or drop the tag)", t.Agenda, agendas)
		case first[t.Agenda]:
			d.errorf(av, "a second tag for %q (a clause has one tag per agenda)", t.Agenda)
		}
		first[t.Agenda] = true
		switch {
		case t.Rule != "" && !to.has("phrase"):
			d.errorf(it, `missing required field "phrase" (a rule's tag names the words the rule matched)`)
		case t.Rule == "" && hasPhrase:
			d.errorf(pv, "a phrase goes with a rule: name the rule, or drop the phrase of a curated tag")
		}
		out = append(out, t)
	}
	return out
}

// notTaggedShape returns the fields of an agenda a rule gives and the
// curator rejects.
func notTaggedShape() shape {
	return shape{"a rejected rule tag", []field{{"agenda", true}, {"reason", true}}}
}

// notTagged decodes the agendas the curator rejects: each a known agenda,
// not among the clause's agendas, at most once, with a reason.
func (d *fileDecoder) notTagged(o *object, agendas []string) []policy.NotTagged {
	items, _ := o.list("notTagged")
	var out []policy.NotTagged
	first := map[string]bool{}
	for _, it := range items {
		no := d.object(it, notTaggedShape())
		if no == nil {
			continue
		}
		var n policy.NotTagged
		var av value
		n.Agenda, av, _ = d.ref(no, "agenda", reference{kinds: kindAgenda})
		n.Reason, _, _ = no.str("reason")
		switch {
		case n.Agenda == "":
		case slices.Contains(agendas, n.Agenda):
			d.errorf(av, "%q is rejected and also among the clause's agendas %v (keep one of the two)", n.Agenda, agendas)
		case first[n.Agenda]:
			d.errorf(av, "%q rejected a second time (one entry per agenda)", n.Agenda)
		}
		first[n.Agenda] = true
		out = append(out, n)
	}
	return out
}

// paragraph decodes a paragraph locator, returning "" when it is invalid.
// A bare number such as 12 is read by YAML as an integer, which is fine.
func (d *fileDecoder) paragraph(v value) string {
	if !isScalar(v, tagStr, tagInt) {
		d.typeError(v, "a paragraph locator such as 12(a)")
		return ""
	}
	if msg := checkParagraph(v.n.Value); msg != "" {
		d.errorf(v, "%s", msg)
		return ""
	}
	return v.n.Value
}

// checkParagraph says what is wrong with a paragraph locator, or "".
// Resolutions print sub-items with spaces ("35 (i) (a)"); locators have none.
func checkParagraph(p string) string {
	if paragraphPattern.MatchString(p) {
		return ""
	}
	if squeezed := strings.ReplaceAll(p, " ", ""); squeezed != p && paragraphPattern.MatchString(squeezed) {
		return fmt.Sprintf("invalid paragraph %q (write it without spaces: %q)", shorten(p), squeezed)
	}
	return fmt.Sprintf("invalid paragraph %q (want a locator such as 12, 12(a), 12(a)(ii), 35(i), 35(i)(a) or 7(II)(a))", shorten(p))
}

// document decodes a document.
func (d *fileDecoder) document(v value) {
	o := d.object(v, documentShape())
	if o == nil {
		return
	}
	var doc policy.Document
	id, idv := d.id(o, kindDocument, checkDocumentID)
	doc.ID = id
	doc.Title, _, _ = o.str("title")
	kind, kv, kindOK := o.enum("kind", "document kind", documentKinds())
	doc.Kind = policy.DocumentKind(kind)
	if want := documentKindForID(id); kindOK && want != "" && doc.Kind != want {
		d.errorf(kv, "%s does not match the id %q (%s symbols are %s)", kind, id, symbolPrefix(id), want)
	}
	doc.Issuer, _, _ = o.str("issuer")
	if pv, ok := o.get("published"); ok {
		doc.Published, doc.Year = d.published(pv)
	}
	if sym, sv, ok := o.str("symbol"); ok {
		doc.Symbol = sym
		switch want := strings.ReplaceAll(sym, " ", ""); {
		case !symbolPattern.MatchString(sym):
			d.errorf(sv, "invalid symbol %q (want a UN document symbol such as S/2015/446)", shorten(sym))
		case id != "" && id != want:
			d.errorf(idv, "must be the document's symbol without spaces, %q (a document that has a symbol is identified by it)", want)
		}
	}
	doc.URL = d.url(o, "url")
	doc.Agendas = d.refs(o, "agendas", kindAgenda)
	doc.Cites = d.cites(o, id)
	doc.Provenance, _ = d.provenanceField(o)
	d.l.ds.Documents = append(d.l.ds.Documents, doc)
}

// published decodes a publication date, or a bare year when the day is not
// known, and returns the date (zero for a bare year) and the year.
func (d *fileDecoder) published(v value) (policy.Date, int) {
	if isScalar(v, tagStr, tagInt) && yearPattern.MatchString(v.n.Value) {
		year, _ := strconv.Atoi(v.n.Value)
		return policy.Date{}, year
	}
	if !isScalar(v, tagStr, tagTimestamp) {
		d.typeError(v, "a date (YYYY-MM-DD) or a year (YYYY)")
		return policy.Date{}, 0
	}
	dt, problem := parseDate(v.n.Value)
	if problem != "" {
		d.errorf(v, "%s", strings.Replace(problem, "(want YYYY-MM-DD", "(want YYYY-MM-DD or a bare year YYYY", 1))
		return policy.Date{}, 0
	}
	return dt, dt.Year()
}

// relation decodes a relation.
func (d *fileDecoder) relation(v value) {
	o := d.object(v, relationShape())
	if o == nil {
		return
	}
	var r policy.Relation
	r.ID, _ = d.id(o, kindRelation, checkRelationID)
	kind, _, kindOK := o.enum("kind", "relation kind", relationKinds())
	r.Kind = policy.RelationKind(kind)
	endpoint := reference{
		kinds:     kindClause | kindAgenda | kindMandate | kindDocument,
		noun:      "endpoint",
		otherwise: "want the id of a clause, agenda, mandate or document",
		wrongKind: " (a relation links clauses, agendas, mandates and documents; a mission goes in the relation's mission field)",
	}
	source, _, sourceOK := d.ref(o, "source", endpoint)
	target, tv, targetOK := d.ref(o, "target", endpoint)
	if sourceOK && targetOK && source == target {
		d.errorf(tv, "same as the source %q (a relation links two different things)", shorten(source))
	}
	r.Source, r.Target = source, target
	mech, mv, mechOK := o.enum("mechanism", "mechanism", mechanismCodes())
	r.Mechanism = mech
	if m, _ := policy.MechanismByCode(mech); mechOK && kindOK && !slices.Contains(m.Kinds, r.Kind) {
		d.errorf(mv, "mechanism %s explains %s, not %s (%s mechanisms: %s)",
			mech, kindNames(m.Kinds), r.Kind, r.Kind, strings.Join(mechanismsFor(r.Kind), ", "))
	}
	r.Summary, _, _ = o.str("summary")
	if sv, ok := o.get("strength"); ok {
		r.Strength = d.strength(sv)
	}
	r.Mission, _, _ = d.ref(o, "mission", reference{kinds: kindMission})
	items, _ := o.list("evidence")
	for _, it := range items {
		if e, ok := d.evidence(it); ok {
			r.Evidence = append(r.Evidence, e)
		}
	}
	d.l.ds.Relations = append(d.l.ds.Relations, r)
}

// strength decodes a relation's strength, 1 to 3.
func (d *fileDecoder) strength(v value) int {
	const want = "1 (weak), 2 or 3 (strong)"
	if !isScalar(v, tagInt) {
		d.typeError(v, "a whole number: "+want)
		return 0
	}
	n, err := strconv.Atoi(v.n.Value)
	if err != nil || n < 1 || n > 3 {
		d.errorf(v, "must be %s, not %s", want, shorten(v.n.Value))
		return 0
	}
	return n
}

// evidence decodes one piece of evidence.
func (d *fileDecoder) evidence(v value) (policy.Evidence, bool) {
	var e policy.Evidence
	o := d.object(v, evidenceShape())
	if o == nil {
		return e, false
	}
	e.Document, _, _ = d.ref(o, "document", reference{kinds: kindDocument})
	e.Locator, _, _ = o.str("locator")
	e.Note, _, _ = o.str("note")
	return e, true
}

// checkAgendaID says what is wrong with an agenda id, or "".
func checkAgendaID(id string) string {
	if agendaIDPattern.MatchString(id) {
		return ""
	}
	return fmt.Sprintf("invalid agenda id %q (want a short upper-case code such as POC: a capital letter, then 1 to 15 capitals, digits or underscores)", shorten(id))
}

// checkMissionID says what is wrong with a mission id, or "".
func checkMissionID(id string) string {
	if missionIDPattern.MatchString(id) {
		return ""
	}
	return fmt.Sprintf("invalid mission id %q (want the acronym, such as MONUSCO: a capital letter, then 1 to 15 letters, digits or hyphens)", shorten(id))
}

// checkMandateID says what is wrong with a mandate id, or "".
func checkMandateID(id string) string {
	if _, _, ok := parseMandateID(id); ok {
		return ""
	}
	if squeezed := strings.ReplaceAll(id, " ", ""); squeezed != id {
		if _, _, ok := parseMandateID(squeezed); ok {
			return fmt.Sprintf("invalid mandate id %q (write the symbol without spaces: %q)", shorten(id), squeezed)
		}
	}
	return fmt.Sprintf("invalid mandate id %q (want the official symbol: S/RES/<number>(<year>), such as S/RES/1925(2010), or S/PRST/<year>/<number>)", shorten(id))
}

// checkDocumentID says what is wrong with a document id, or "".
func checkDocumentID(id string) string {
	if slugPattern.MatchString(id) || symbolIDPattern.MatchString(id) {
		return ""
	}
	return fmt.Sprintf("invalid document id %q (want the document's UN symbol without spaces, such as S/PRST/2005/20, or else a lower-case slug such as poc-policy-2015)", shorten(id))
}

// checkRelationID says what is wrong with a relation id, or "".
func checkRelationID(id string) string {
	if slugPattern.MatchString(id) {
		return ""
	}
	return fmt.Sprintf("invalid relation id %q (want a lower-case slug of letters, digits and hyphens, such as poc-ssr-vetting)", shorten(id))
}

// parseMandateID returns the kind and year that a mandate's symbol implies.
func parseMandateID(id string) (policy.MandateKind, int, bool) {
	if m := resolutionIDPattern.FindStringSubmatch(id); m != nil {
		year, _ := strconv.Atoi(m[1])
		return policy.Resolution, year, true
	}
	if m := prstIDPattern.FindStringSubmatch(id); m != nil {
		year, _ := strconv.Atoi(m[1])
		return policy.PresidentialStatement, year, true
	}
	return "", 0, false
}

// symbolPrefix returns the series part of a Security Council symbol, such
// as "S/RES/".
func symbolPrefix(id string) string {
	for _, p := range []string{"S/RES/", "S/PRST/"} {
		if strings.HasPrefix(id, p) {
			return p
		}
	}
	return ""
}

// documentKindForID returns the document kind that a document's symbol
// implies, or "" when it implies none.
func documentKindForID(id string) policy.DocumentKind {
	switch symbolPrefix(id) {
	case "S/RES/":
		return policy.DocThematicResolution
	case "S/PRST/":
		return policy.DocPresidentialStatement
	}
	return ""
}

// looksLikeURL reports whether s is meant as a URL rather than an id.
func looksLikeURL(s string) bool {
	lower := strings.ToLower(s)
	return strings.Contains(s, "://") || strings.HasPrefix(lower, "www.") ||
		strings.HasPrefix(lower, "http:") || strings.HasPrefix(lower, "https:")
}

// checkURL says what is wrong with an http(s) URL, or "".
func checkURL(s string) string {
	bad := fmt.Sprintf("invalid URL %q (want an http:// or https:// URL, such as https://undocs.org/S/RES/1925(2010))", shorten(s))
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return bad
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return bad
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return bad
	}
	return ""
}

// checkCountry says what is wrong with a host-country code, or "".
func (l *loader) checkCountry(code string) string {
	if l.countries[code] {
		return ""
	}
	if !countryPattern.MatchString(code) {
		if up := strings.ToUpper(code); l.countries[up] {
			return fmt.Sprintf("invalid country code %q (codes are upper case: %q)", code, up)
		}
		return fmt.Sprintf("invalid country code %q (want an ISO 3166-1 alpha-3 code: three upper-case letters, such as COD)", shorten(code))
	}
	if hint := countryCodeHint(code); hint != "" {
		return fmt.Sprintf("unknown country code %q (did you mean %q?)", code, hint)
	}
	return fmt.Sprintf("unknown country code %q (not an ISO 3166-1 alpha-3 code)", code)
}

// mandateKinds returns policy.MandateKinds as strings.
func mandateKinds() []string { return asStrings(policy.MandateKinds) }

// documentKinds returns policy.DocumentKinds as strings.
func documentKinds() []string { return asStrings(policy.DocumentKinds) }

// relationKinds returns policy.RelationKinds as strings.
func relationKinds() []string { return asStrings(policy.RelationKinds) }

// kindNames joins relation kinds as "TENSION or CONVERGENCE".
func kindNames(kinds []policy.RelationKind) string { return orList(asStrings(kinds)) }

// mechanismCodes returns the codes of policy.Mechanisms.
func mechanismCodes() []string {
	codes := make([]string, len(policy.Mechanisms))
	for i, m := range policy.Mechanisms {
		codes[i] = m.Code
	}
	return codes
}

// mechanismsFor returns the codes of the mechanisms that may explain kind.
func mechanismsFor(kind policy.RelationKind) []string {
	var codes []string
	for _, m := range policy.Mechanisms {
		if slices.Contains(m.Kinds, kind) {
			codes = append(codes, m.Code)
		}
	}
	return codes
}

// asStrings converts a list of string-based values to strings.
func asStrings[S ~string](xs []S) []string {
	strs := make([]string, len(xs))
	for i, x := range xs {
		strs[i] = string(x)
	}
	return strs
}

// hasField reports whether v is a mapping with the key name.
func hasField(v value, name string) bool {
	if v.n == nil || v.n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(v.n.Content); i += 2 {
		if v.n.Content[i].Value == name {
			return true
		}
	}
	return false
}
