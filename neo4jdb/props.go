package neo4jdb

// Loading, part 4: the properties written for each kind, per model.go.

import (
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

func setStr(p map[string]any, key, v string) {
	if v != "" {
		p[key] = v
	}
}

func setDate(p map[string]any, key string, d policy.Date) {
	if !d.IsZero() {
		p[key] = neo4j.DateOf(d.Time)
	}
}

func strList(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func setProvenance(p map[string]any, pr policy.Provenance) {
	p["provenanceSource"] = pr.Source
	p["provenanceStatus"] = string(pr.Status)
	setStr(p, "provenanceMethod", pr.Method)
}

func agendaProps(a *policy.Agenda) map[string]any {
	p := map[string]any{"id": a.ID, "kind": LabelAgenda, "name": a.Name, "description": a.Description}
	setProvenance(p, a.Provenance)
	return p
}

func missionProps(m *policy.Mission) map[string]any {
	p := map[string]any{"id": m.ID, "kind": LabelMission, "acronym": m.ID, "name": m.Name,
		"hostCountries": strList(m.HostCountries)}
	setDate(p, "startDate", m.Start)
	setDate(p, "endDate", m.End)
	setProvenance(p, m.Provenance)
	return p
}

func mandateProps(m *policy.Mandate) map[string]any {
	p := map[string]any{"id": m.ID, "kind": LabelMandate, "symbol": m.ID, "mandateKind": string(m.Kind)}
	setDate(p, "adopted", m.Adopted)
	if m.ChapterVII != nil {
		p["chapterVII"] = *m.ChapterVII
	}
	setStr(p, "url", m.URL)
	setProvenance(p, m.Provenance)
	return p
}

func clauseProps(m *policy.Mandate, c *policy.Clause, id string) map[string]any {
	p := map[string]any{"id": id, "kind": LabelClause, "mandateId": m.ID, "paragraph": c.Paragraph,
		"summary": c.Summary, "position": int64(c.Order)}
	setStr(p, "text", c.Text)
	pr := c.Provenance
	if pr == (policy.Provenance{}) {
		pr = m.Provenance // a clause without provenance inherits its mandate's
	}
	setProvenance(p, pr)
	return p
}

func documentProps(d *policy.Document) map[string]any {
	year := d.Year
	if year == 0 && !d.Published.IsZero() {
		year = d.Published.Year()
	}
	p := map[string]any{"id": d.ID, "kind": LabelDocument, "title": d.Title, "documentKind": string(d.Kind),
		"issuer": d.Issuer, "year": int64(year)}
	setDate(p, "published", d.Published)
	setStr(p, "symbol", d.Symbol)
	setStr(p, "url", d.URL)
	setProvenance(p, d.Provenance)
	return p
}

func relationProps(r *policy.Relation) map[string]any {
	docs := make([]string, len(r.Evidence))
	locs := make([]string, len(r.Evidence))
	notes := make([]string, len(r.Evidence))
	for i, e := range r.Evidence {
		docs[i], locs[i], notes[i] = e.Document, e.Locator, e.Note
	}
	p := map[string]any{"id": r.ID, "mechanism": r.Mechanism, "summary": r.Summary, "strength": int64(r.Strength),
		"evidenceDocuments": docs, "evidenceLocators": locs, "evidenceNotes": notes}
	setStr(p, "mission", r.Mission)
	return p
}

func (w wantRel) props() map[string]any {
	if w.rel == nil {
		return map[string]any{}
	}
	return relationProps(w.rel)
}

// The property keys of each label and of relations, in the order new
// elements' rows list their values: creating with the keys written in the
// statement (CREATE (n:L {k: row[0], ...})) is faster than SET n = map.
var (
	provenanceKeys = []string{"provenanceSource", "provenanceStatus", "provenanceMethod"}
	nodeKeys       = map[string][]string{
		LabelAgenda:   append([]string{"id", "kind", "name", "description"}, provenanceKeys...),
		LabelMission:  append([]string{"id", "kind", "acronym", "name", "hostCountries", "startDate", "endDate"}, provenanceKeys...),
		LabelDocument: append([]string{"id", "kind", "title", "documentKind", "issuer", "published", "year", "symbol", "url"}, provenanceKeys...),
		LabelMandate:  append([]string{"id", "kind", "symbol", "mandateKind", "adopted", "chapterVII", "url"}, provenanceKeys...),
		LabelClause:   append([]string{"id", "kind", "mandateId", "paragraph", "summary", "text", "position"}, provenanceKeys...),
	}
	relationKeys = []string{"id", "mechanism", "summary", "strength", "mission", "evidenceDocuments", "evidenceLocators", "evidenceNotes"}
)

// inlineProps renders {k1: row[from], k2: row[from+1], ...}; a null value
// leaves the property out.
func inlineProps(keys []string, from int) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: row[%d]", k, from+i)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// positional lists props' values in the order of keys, nil for absent
// ones, and fails if props has a key the list lacks (which would
// otherwise be silently dropped).
func positional(props map[string]any, keys []string) ([]any, error) {
	vals := make([]any, len(keys))
	n := 0
	for i, k := range keys {
		if v, ok := props[k]; ok {
			vals[i] = v
			n++
		}
	}
	if n != len(props) {
		return nil, fmt.Errorf("internal error: properties %v not all among %v", props, keys)
	}
	return vals, nil
}
