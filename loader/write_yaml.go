package loader

import (
	"fmt"
	"io"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/mandategraph/mandategraph/policy"
)

// WriteYAML writes ds to w as one YAML file in the dataset format
// (docs/data-format.md), which Read reads back as the same dataset. The
// output is deterministic: entities in ds's order, fields in the order
// the format documents them, optional fields left out when unset, short
// lists of ids in flow style, and a clause's provenance only when it
// differs from its mandate's (which it would otherwise inherit).
func WriteYAML(w io.Writer, ds *policy.Dataset) error {
	var root node
	if len(ds.Agendas) > 0 {
		var l node
		for _, a := range ds.Agendas {
			l.item(mapping("id", str(a.ID), "name", str(a.Name), "description", str(a.Description),
				"provenance", provenanceNode(a.Provenance)))
		}
		root.field("agendas", l.seq())
	}
	if len(ds.Missions) > 0 {
		var l node
		for _, m := range ds.Missions {
			l.item(mapping("id", str(m.ID), "name", str(m.Name), "hostCountries", flow(m.HostCountries),
				"start", date(m.Start), "end", date(m.End), "predecessor", str(m.Predecessor),
				"provenance", provenanceNode(m.Provenance)))
		}
		root.field("missions", l.seq())
	}
	if len(ds.Mandates) > 0 {
		var l node
		for _, m := range ds.Mandates {
			clauses := clauseNodes(m.Clauses, m.Provenance)
			var chapterVII *yaml.Node
			if m.ChapterVII != nil {
				chapterVII = scalar("!!bool", strconv.FormatBool(*m.ChapterVII))
			}
			var all *yaml.Node
			if m.AllParagraphs {
				all = scalar("!!bool", "true")
			}
			l.item(mapping("id", str(m.ID), "kind", str(string(m.Kind)), "adopted", date(m.Adopted),
				"chapterVII", chapterVII, "url", str(m.URL), "missions", flow(m.Missions), "cites", flow(m.Cites),
				"allParagraphs", all, "clauses", clauses.seqOrNil(), "provenance", provenanceNode(m.Provenance)))
		}
		root.field("mandates", l.seq())
	}
	if len(ds.Documents) > 0 {
		var l node
		for _, d := range ds.Documents {
			published := date(d.Published)
			if published == nil {
				published = scalar("!!int", strconv.Itoa(d.Year))
			}
			l.item(mapping("id", str(d.ID), "title", str(d.Title), "kind", str(string(d.Kind)), "issuer", str(d.Issuer),
				"published", published, "symbol", str(d.Symbol), "url", str(d.URL), "agendas", flow(d.Agendas),
				"cites", flow(d.Cites), "provenance", provenanceNode(d.Provenance)))
		}
		root.field("documents", l.seq())
	}
	if len(ds.Relations) > 0 {
		var l node
		for _, r := range ds.Relations {
			var ev node
			for _, e := range r.Evidence {
				ev.item(mapping("document", str(e.Document), "locator", str(e.Locator), "note", str(e.Note)))
			}
			l.item(mapping("id", str(r.ID), "kind", str(string(r.Kind)), "source", str(r.Source), "target", str(r.Target),
				"mechanism", str(r.Mechanism), "strength", scalar("!!int", strconv.Itoa(r.Strength)),
				"summary", str(r.Summary), "mission", str(r.Mission), "evidence", ev.seq()))
		}
		root.field("relations", l.seq())
	}
	return encodeNode(w, root.mapNode())
}

// clauseNodes writes clauses, each with its provenance only when it
// differs from inherit (the provenance it would otherwise inherit).
func clauseNodes(cs []policy.Clause, inherit policy.Provenance) node {
	var clauses node
	for _, c := range cs {
		var prov *yaml.Node
		if c.Provenance != inherit {
			prov = provenanceNode(c.Provenance)
		}
		var tags node
		for _, t := range c.Tags {
			tn := mapping("agenda", str(t.Agenda), "rule", str(t.Rule), "phrase", str(t.Phrase), "reason", str(t.Reason))
			tn.Style = yaml.FlowStyle
			tags.item(tn)
		}
		var rejected node
		for _, n := range c.NotTagged {
			nn := mapping("agenda", str(n.Agenda), "reason", str(n.Reason))
			nn.Style = yaml.FlowStyle
			rejected.item(nn)
		}
		clauses.item(mapping("paragraph", str(c.Paragraph), "summary", str(c.Summary), "text", str(c.Text),
			"agendas", flow(c.Agendas), "tags", tags.seqOrNil(), "notTagged", rejected.seqOrNil(), "provenance", prov))
	}
	return clauses
}

// Supplement is what WriteSupplementsYAML writes: clauses for a mandate
// defined in another file (docs/data-format.md, "supplements"). Read merges
// them into that mandate; it has no place in a policy.Dataset.
type Supplement struct {
	Mandate    string
	Clauses    []policy.Clause
	Provenance policy.Provenance
}

// WriteSupplementsYAML writes supplements to w as one YAML file in the
// dataset format, as deterministically as WriteYAML.
func WriteSupplementsYAML(w io.Writer, ss []Supplement) error {
	var l node
	for _, s := range ss {
		clauses := clauseNodes(s.Clauses, s.Provenance)
		l.item(mapping("mandate", str(s.Mandate), "clauses", clauses.seq(), "provenance", provenanceNode(s.Provenance)))
	}
	var root node
	root.field("supplements", l.seq())
	return encodeNode(w, root.mapNode())
}

func encodeNode(w io.Writer, doc *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write YAML: %w", err)
	}
	return nil
}

// node collects the children of a mapping or sequence being built.
type node struct{ children []*yaml.Node }

func (n *node) field(key string, v *yaml.Node) {
	n.children = append(n.children, scalar("!!str", key), v)
}

func (n *node) item(v *yaml.Node) { n.children = append(n.children, v) }

func (n *node) mapNode() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: n.children}
}

func (n *node) seq() *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: n.children}
}

func (n *node) seqOrNil() *yaml.Node {
	if len(n.children) == 0 {
		return nil
	}
	return n.seq()
}

// mapping builds a mapping from key, value pairs, leaving out nil values.
func mapping(kv ...any) *yaml.Node {
	var n node
	for i := 0; i < len(kv); i += 2 {
		if v := kv[i+1].(*yaml.Node); v != nil {
			n.field(kv[i].(string), v)
		}
	}
	return n.mapNode()
}

func scalar(tag, v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

// str is a string scalar (quoted by the encoder where YAML would read it
// as something else), or nil for "".
func str(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return scalar("!!str", s)
}

// date is a plain YYYY-MM-DD scalar, or nil for the zero date.
func date(d policy.Date) *yaml.Node {
	if d.IsZero() {
		return nil
	}
	return scalar("!!timestamp", d.String())
}

// flow is a one-line list of strings, or nil for an empty one.
func flow(vs []string) *yaml.Node {
	if len(vs) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, v := range vs {
		n.Content = append(n.Content, scalar("!!str", v))
	}
	return n
}

func provenanceNode(p policy.Provenance) *yaml.Node {
	return mapping("source", str(p.Source), "status", str(string(p.Status)), "method", str(p.Method))
}
