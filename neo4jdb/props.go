package neo4jdb

// Loading, part 4: the properties written for relations, per model.go (the
// nodes' are in kinds.go), and the positional rows of created elements.

import (
	"fmt"
	"strings"

	"github.com/mandategraph/mandategraph/policy"
)

func setStr(p map[string]any, key, v string) {
	if v != "" {
		p[key] = v
	}
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

// relationKeys are a relation's property keys, in the order new relations'
// rows list their values: creating with the keys written in the statement
// (CREATE ()-[:T {k: row[2], ...}]->()) is faster than SET r = map.
var relationKeys = []string{"id", "mechanism", "summary", "strength", "mission", "evidenceDocuments", "evidenceLocators", "evidenceNotes"}

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
