package neo4jdb

// The graph model's node kinds as one table: each row says a kind's label,
// which of its properties labels its nodes in a Graph, where its nodes come
// from in a dataset, and each property in both directions (the value the
// loader writes from the domain type, and how a read sets it back). Loads
// (wanted.go, write.go, stage.go, diff.go) and reads (read*.go) take labels,
// property keys and the order of kinds from here only. A new property of a
// kind is one line in its row; a new kind is one row (plus its label
// constant in model.go).

import (
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// nodeKinds lists the kinds in load order, which is also the order a
// Subgraph lists nodes in (then by id).
var nodeKinds = []nodeKind{
	kind(LabelAgenda, "name", func(a *policy.Agenda) policy.Entity { return policy.Entity{Agenda: a} },
		func(a *policy.Agenda) *policy.Provenance { return &a.Provenance },
		func(ds *policy.Dataset, add func(string, func() *policy.Agenda)) {
			for i := range ds.Agendas {
				a := &ds.Agendas[i]
				add(a.ID, func() *policy.Agenda { return a })
			}
		},
		str("id", func(a *policy.Agenda) *string { return &a.ID }),
		str("name", func(a *policy.Agenda) *string { return &a.Name }),
		text("description", func(a *policy.Agenda) *string { return &a.Description }),
	),
	kind(LabelMission, "acronym", func(m *policy.Mission) policy.Entity { return policy.Entity{Mission: m} },
		func(m *policy.Mission) *policy.Provenance { return &m.Provenance },
		func(ds *policy.Dataset, add func(string, func() *policy.Mission)) {
			for i := range ds.Missions {
				m := &ds.Missions[i]
				add(m.ID, func() *policy.Mission { return m })
			}
		},
		str("id", func(m *policy.Mission) *string { return &m.ID }),
		derived("acronym", func(m *policy.Mission) any { return m.ID }),
		str("name", func(m *policy.Mission) *string { return &m.Name }),
		strs("hostCountries", func(m *policy.Mission) *[]string { return &m.HostCountries }),
		optDate("startDate", func(m *policy.Mission) *policy.Date { return &m.Start }),
		optDate("endDate", func(m *policy.Mission) *policy.Date { return &m.End }),
	),
	kind(LabelDocument, "title", func(d *policy.Document) policy.Entity { return policy.Entity{Document: d} },
		func(d *policy.Document) *policy.Provenance { return &d.Provenance },
		func(ds *policy.Dataset, add func(string, func() *policy.Document)) {
			for i := range ds.Documents {
				d := &ds.Documents[i]
				add(d.ID, func() *policy.Document {
					if d.Year != 0 || d.Published.IsZero() {
						return d
					}
					stored := *d // the year is always stored
					stored.Year = d.Published.Year()
					return &stored
				})
			}
		},
		str("id", func(d *policy.Document) *string { return &d.ID }),
		str("title", func(d *policy.Document) *string { return &d.Title }),
		str("documentKind", func(d *policy.Document) *policy.DocumentKind { return &d.Kind }),
		str("issuer", func(d *policy.Document) *string { return &d.Issuer }),
		optDate("published", func(d *policy.Document) *policy.Date { return &d.Published }),
		integer("year", func(d *policy.Document) *int { return &d.Year }),
		optStr("symbol", func(d *policy.Document) *string { return &d.Symbol }),
		optStr("url", func(d *policy.Document) *string { return &d.URL }),
	),
	kind(LabelMandate, "symbol", func(m *policy.Mandate) policy.Entity { return policy.Entity{Mandate: m} },
		func(m *policy.Mandate) *policy.Provenance { return &m.Provenance },
		func(ds *policy.Dataset, add func(string, func() *policy.Mandate)) {
			for i := range ds.Mandates {
				m := &ds.Mandates[i]
				add(m.ID, func() *policy.Mandate { return m })
			}
		},
		str("id", func(m *policy.Mandate) *string { return &m.ID }),
		derived("symbol", func(m *policy.Mandate) any { return m.ID }),
		str("mandateKind", func(m *policy.Mandate) *policy.MandateKind { return &m.Kind }),
		date("adopted", func(m *policy.Mandate) *policy.Date { return &m.Adopted }),
		optBool("chapterVII", func(m *policy.Mandate) **bool { return &m.ChapterVII }),
		optStr("url", func(m *policy.Mandate) *string { return &m.URL }),
		flag("allParagraphs", func(m *policy.Mandate) *bool { return &m.AllParagraphs }),
	),
	kind(LabelClause, "paragraph", func(c *policy.Clause) policy.Entity { return policy.Entity{Clause: c} },
		func(c *policy.Clause) *policy.Provenance { return &c.Provenance },
		func(ds *policy.Dataset, add func(string, func() *policy.Clause)) {
			for i := range ds.Mandates {
				m := &ds.Mandates[i]
				for j := range m.Clauses {
					c := &m.Clauses[j]
					id := c.ID
					if id == "" {
						id = policy.ClauseID(m.ID, c.Paragraph)
					}
					add(id, func() *policy.Clause {
						stored := *c
						stored.ID, stored.MandateID = id, m.ID
						if stored.Provenance == (policy.Provenance{}) {
							stored.Provenance = m.Provenance // a clause without provenance inherits its mandate's
						}
						return &stored
					})
				}
			}
		},
		str("id", func(c *policy.Clause) *string { return &c.ID }),
		str("mandateId", func(c *policy.Clause) *string { return &c.MandateID }),
		str("paragraph", func(c *policy.Clause) *string { return &c.Paragraph }),
		// Absent, not "", when the dataset gives none (imported clauses).
		optStr("summary", func(c *policy.Clause) *string { return &c.Summary }),
		optStr("text", func(c *policy.Clause) *string { return &c.Text }),
		integer("position", func(c *policy.Clause) *int { return &c.Order }),
		// A clause's tags as parallel lists, one entry per tag.
		tagPart("tagAgendas", func(t *policy.Tag) *string { return &t.Agenda }),
		tagPart("tagSources", func(t *policy.Tag) *string { return (*string)(&t.Source) }),
		tagPart("tagRules", func(t *policy.Tag) *string { return &t.Rule }),
		tagPart("tagPhrases", func(t *policy.Tag) *string { return &t.Phrase }),
		tagPart("tagReasons", func(t *policy.Tag) *string { return &t.Reason }),
		// The agendas a rule gives that the curator rejects, and why.
		notTaggedPart("notTaggedAgendas", func(n *policy.NotTagged) *string { return &n.Agenda }),
		notTaggedPart("notTaggedReasons", func(n *policy.NotTagged) *string { return &n.Reason }),
	),
}

// nodeKind is one row of the table, its domain type erased.
type nodeKind struct {
	label string
	// display is the property whose value labels the kind's nodes in a
	// Graph (the id when it is absent).
	display string
	// keys are the kind's property keys, in the order created nodes' rows
	// list their values (inlineProps, positional).
	keys []string
	// nodes calls add with the id and the properties (built when asked, so
	// a large dataset is not held twice) of each of the dataset's nodes of
	// the kind.
	nodes func(ds *policy.Dataset, add func(id string, props func() map[string]any))
	// scanner returns the scan that reads a node's properties back into
	// the domain type: every property, or with keys only those (the others
	// stay zero). It picks the fields once, for as many nodes as the caller
	// scans with it (listScanner).
	scanner func(keys []string) func(p *props) policy.Entity
	// scanAll is scanner(nil), for whole nodes.
	scanAll func(p *props) policy.Entity
}

// field is one property of a kind whose domain type is T: write returns the
// value to store (nil: no property), read sets it from a node (nil for a
// property derived from others, such as a mission's acronym).
type field[T any] struct {
	key   string
	write func(*T) any
	read  func(*T, *props)
}

// kind builds a row. Every node also stores its kind (the label) and its
// provenance; stored (from nodes) is the domain value as the graph holds it.
func kind[T any](label, display string, entity func(*T) policy.Entity, prov func(*T) *policy.Provenance,
	nodes func(ds *policy.Dataset, add func(id string, stored func() *T)), fields ...field[T]) nodeKind {
	fields = append(fields,
		field[T]{"provenanceSource", func(v *T) any { return prov(v).Source },
			func(v *T, p *props) { prov(v).Source = p.optStr("provenanceSource") }},
		field[T]{"provenanceStatus", func(v *T) any { return string(prov(v).Status) },
			func(v *T, p *props) { prov(v).Status = policy.ProvenanceStatus(p.optStr("provenanceStatus")) }},
		optStr("provenanceMethod", func(v *T) *string { return &prov(v).Method }),
	)
	// "kind" second, after "id", as the node rows have always listed it.
	fields = append(fields[:1], append([]field[T]{derived("kind", func(*T) any { return label })}, fields[1:]...)...)
	k := nodeKind{label: label, display: display}
	for _, f := range fields {
		k.keys = append(k.keys, f.key)
	}
	write := func(v *T) map[string]any {
		p := make(map[string]any, len(fields))
		for _, f := range fields {
			if x := f.write(v); x != nil {
				p[f.key] = x
			}
		}
		return p
	}
	k.nodes = func(ds *policy.Dataset, add func(string, func() map[string]any)) {
		nodes(ds, func(id string, stored func() *T) { add(id, func() map[string]any { return write(stored()) }) })
	}
	k.scanner = func(keys []string) func(*props) policy.Entity {
		var read []func(*T, *props)
		for _, f := range fields {
			if f.read != nil && (keys == nil || slices.Contains(keys, f.key)) {
				read = append(read, f.read)
			}
		}
		return func(p *props) policy.Entity {
			v := new(T)
			for _, r := range read {
				r(v, p)
			}
			return entity(v)
		}
	}
	k.scanAll = k.scanner(nil)
	return k
}

// The kinds of field. A required property is always written and missing
// on read is an error; an optional one is left out when zero.

func str[T any, S ~string](key string, get func(*T) *S) field[T] {
	return field[T]{key, func(v *T) any { return string(*get(v)) }, func(v *T, p *props) { *get(v) = S(p.str(key)) }}
}

// text is a string always written but optional on read.
func text[T any](key string, get func(*T) *string) field[T] {
	return field[T]{key, func(v *T) any { return *get(v) }, func(v *T, p *props) { *get(v) = p.optStr(key) }}
}

func optStr[T any](key string, get func(*T) *string) field[T] {
	return field[T]{key, func(v *T) any {
		if s := *get(v); s != "" {
			return s
		}
		return nil
	}, func(v *T, p *props) { *get(v) = p.optStr(key) }}
}

func strs[T any](key string, get func(*T) *[]string) field[T] {
	return field[T]{key, func(v *T) any {
		if l := *get(v); l != nil {
			return l
		}
		return []string{}
	}, func(v *T, p *props) { *get(v) = p.strs(key) }}
}

// integer is always written (as an int64), optional on read (0).
func integer[T any](key string, get func(*T) *int) field[T] {
	return field[T]{key, func(v *T) any { return int64(*get(v)) }, func(v *T, p *props) { *get(v) = p.optInt(key) }}
}

func optBool[T any](key string, get func(*T) **bool) field[T] {
	return field[T]{key, func(v *T) any {
		if b := *get(v); b != nil {
			return *b
		}
		return nil
	}, func(v *T, p *props) { *get(v) = p.optBool(key) }}
}

func optDate[T any](key string, get func(*T) *policy.Date) field[T] {
	return field[T]{key, func(v *T) any { return dateValue(*get(v)) }, func(v *T, p *props) { *get(v) = p.optDate(key) }}
}

func date[T any](key string, get func(*T) *policy.Date) field[T] {
	return field[T]{key, func(v *T) any { return dateValue(*get(v)) }, func(v *T, p *props) { *get(v) = p.date(key) }}
}

// flag is a bool stored only when true (false when absent on read).
func flag[T any](key string, get func(*T) *bool) field[T] {
	return field[T]{key, func(v *T) any {
		if *get(v) {
			return true
		}
		return nil
	}, func(v *T, p *props) {
		if b := p.optBool(key); b != nil {
			*get(v) = *b
		}
	}}
}

// tagPart is one part of a clause's tags, stored as a list with an entry
// per tag ("" for a part a tag lacks); left out when the clause has no
// tags. The lists of one clause must have the same length.
func tagPart(key string, part func(*policy.Tag) *string) field[policy.Clause] {
	return listPart(key, "tags", func(c *policy.Clause) *[]policy.Tag { return &c.Tags }, part)
}

// notTaggedPart is one part of the agendas a clause's curator rejects,
// stored like a tag part.
func notTaggedPart(key string, part func(*policy.NotTagged) *string) field[policy.Clause] {
	return listPart(key, "rejected rule tags", func(c *policy.Clause) *[]policy.NotTagged { return &c.NotTagged }, part)
}

// listPart stores one string part of each element of a clause's list of
// E as a property list, left out when the list is empty; on reading, the
// lists of one clause's parts must have the same length.
func listPart[E any](key, what string, list func(*policy.Clause) *[]E, part func(*E) *string) field[policy.Clause] {
	return field[policy.Clause]{key, func(c *policy.Clause) any {
		es := *list(c)
		if len(es) == 0 {
			return nil
		}
		l := make([]string, len(es))
		for i := range es {
			l[i] = *part(&es[i])
		}
		return l
	}, func(c *policy.Clause, p *props) {
		l := p.strs(key)
		if len(l) == 0 {
			return
		}
		es := list(c)
		if *es == nil {
			*es = make([]E, len(l))
		}
		if len(l) != len(*es) {
			p.fail(key, "has %d entries, the clause has %d %s", len(l), len(*es), what)
			return
		}
		for i := range l {
			*part(&(*es)[i]) = l[i]
		}
	}}
}

// derived is written only: reads take the value from another property.
func derived[T any](key string, write func(*T) any) field[T] {
	return field[T]{key: key, write: write}
}

// dateValue is d as a Neo4j DATE, or nil when d is zero.
func dateValue(d policy.Date) any {
	if d.IsZero() {
		return nil
	}
	return neo4j.DateOf(d.Time)
}

// Lookups derived from the table.
var (
	// NodeLabels lists the kind labels, in load order.
	NodeLabels  = kindLabels()
	kindByLabel = func() map[string]*nodeKind {
		m := make(map[string]*nodeKind, len(nodeKinds))
		for i := range nodeKinds {
			m[nodeKinds[i].label] = &nodeKinds[i]
		}
		return m
	}()
)

func kindLabels() []string {
	out := make([]string, len(nodeKinds))
	for i, k := range nodeKinds {
		out[i] = k.label
	}
	return out
}

// kindOf returns the row of a node's kind label, or nil.
func kindOf(n neo4j.Node) *nodeKind {
	for _, l := range n.Labels {
		if k, ok := kindByLabel[l]; ok {
			return k
		}
	}
	return nil
}

// kindRank is a Cypher expression: the position in nodeKinds of the kind of
// node v (from its kind property), for ordering nodes by kind.
func kindRank(v string) string {
	var b strings.Builder
	b.WriteString("CASE " + v + ".kind")
	for i, k := range nodeKinds {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", k.label, i)
	}
	fmt.Fprintf(&b, " ELSE %d END", len(nodeKinds))
	return b.String()
}

// entityFromNode scans a node of any kind.
func entityFromNode(n neo4j.Node) (policy.Entity, error) {
	p := &props{what: "node", id: n.Props["id"], m: n.Props}
	k := kindOf(n)
	if k == nil {
		return policy.Entity{}, fmt.Errorf("%s: no kind label among %v", p.desc(), n.Labels)
	}
	e := k.scanAll(p)
	return e, p.err
}

// projection is a Cypher map projection of node v with id, kind and props,
// each of which must be a key of some kind (they are never a request's
// text, but are checked all the same before they reach the query).
func projection(v string, props []string) (string, error) {
	keys := []string{"id", "kind"}
	for _, p := range props {
		if !slices.Contains(keys, p) {
			keys = append(keys, p)
		}
	}
	for _, key := range keys {
		if !slices.ContainsFunc(nodeKinds, func(k nodeKind) bool { return slices.Contains(k.keys, key) }) {
			return "", fmt.Errorf("projection: %q is no kind's property", key)
		}
	}
	return v + " {." + strings.Join(keys, ", .") + "}", nil
}

// entityFromMap scans a node read as a projection of props (see
// projection): only those properties are set.
func entityFromMap(m map[string]any, keys []string) (policy.Entity, error) {
	for k, v := range m {
		if v == nil {
			delete(m, k) // a projection lists an absent property as null
		}
	}
	p := &props{what: "node", id: m["id"], m: m}
	label, _ := m["kind"].(string)
	k := kindByLabel[label]
	if k == nil {
		return policy.Entity{}, fmt.Errorf("%s: unknown kind %q", p.desc(), label)
	}
	e := k.scanner(append([]string{"id"}, keys...))(p)
	return e, p.err
}

// listScanner scans nodes of one kind read as lists of the values of keys,
// in that order, id first (see kindValues): only those properties are set.
// A list is cheaper to decode than a map, which repeats its keys in every
// row, and the scan's fields are picked once for all rows.
type listScanner struct {
	label string
	keys  []string
	scan  func(*props) policy.Entity
	p     props // reused row by row: a scanner serves one read, in one goroutine
}

func newListScanner(label string, keys []string) (*listScanner, error) {
	k := kindByLabel[label]
	if k == nil {
		return nil, fmt.Errorf("node: unknown kind %q", label)
	}
	return &listScanner{label: label, keys: keys, scan: k.scanner(keys)}, nil
}

func (s *listScanner) entity(vals []any) (policy.Entity, error) {
	if len(vals) != len(s.keys) {
		return policy.Entity{}, fmt.Errorf("%s row has %d values for %d properties %v", s.label, len(vals), len(s.keys), s.keys)
	}
	s.p = props{what: "node", id: vals[0], keys: s.keys, vals: vals}
	e := s.scan(&s.p)
	return e, s.p.err
}

// entityFromList scans one node read as a list (listScanner).
func entityFromList(label string, keys []string, vals []any) (policy.Entity, error) {
	s, err := newListScanner(label, keys)
	if err != nil {
		return policy.Entity{}, err
	}
	return s.entity(vals)
}
