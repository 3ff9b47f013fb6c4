package neo4jdb

// Loading, part 3: the wanted graph, built from the dataset.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mandategraph/mandategraph/policy"
)

// wantNode is a node the dataset asks for; its properties are built when
// needed so a large dataset is not held twice in memory.
type wantNode struct {
	id, label string
	props     func() map[string]any
}

// wantRel is a relationship the dataset asks for. Structural relationships
// (all but TENSION and CONVERGENCE) have no properties and are identified
// by (type, from, to); relations are identified by id.
type wantRel struct {
	typ, from, to  string
	fromIdx, toIdx int              // the endpoints' indexes in wanted.nodes
	rel            *policy.Relation // nil for structural relationships
}

type relKey struct{ typ, from, to string }

type wanted struct {
	nodes     []wantNode
	nodeIndex map[string]int // id -> index in nodes
	rels      []wantRel      // structural first, then relations
	structIdx map[relKey]int
	relIdx    map[string]int // relation id -> index in rels
}

// linkTypes is the relationship type of each kind of structural link.
var linkTypes = map[policy.LinkKind]string{
	policy.LinkMandates:    RelMandates,
	policy.LinkHasClause:   RelHasClause,
	policy.LinkAddresses:   RelAddresses,
	policy.LinkCites:       RelCites,
	policy.LinkSucceededBy: RelSucceededBy,
}

// allowed endpoint labels per relationship type.
var relEnds = map[string][2][]string{
	RelMandates:    {{LabelMandate}, {LabelMission}},
	RelHasClause:   {{LabelMandate}, {LabelClause}},
	RelAddresses:   {{LabelClause, LabelDocument}, {LabelAgenda}},
	RelCites:       {{LabelMandate, LabelDocument}, {LabelMandate, LabelDocument}},
	RelSucceededBy: {{LabelMission}, {LabelMission}},
	RelTension:     {{LabelClause, LabelAgenda, LabelDocument, LabelMandate}, {LabelClause, LabelAgenda, LabelDocument, LabelMandate}},
	RelConvergence: {{LabelClause, LabelAgenda, LabelDocument, LabelMandate}, {LabelClause, LabelAgenda, LabelDocument, LabelMandate}},
}

// buildWanted turns the dataset into the nodes and relationships the graph
// must hold, checking what the graph's integrity depends on: ids unique
// across kinds, every endpoint present and of an allowed kind.
func buildWanted(ds *policy.Dataset) (*wanted, error) {
	if ds == nil {
		// An empty dataset empties the graph; a nil one is a mistake.
		return nil, policy.Errorf(policy.EINVALID, "load: no dataset (nil)")
	}
	// Sized up front: growing maps of a million entries step by step costs
	// a good part of this function's time at that size.
	nodes, structural := len(ds.Agendas)+len(ds.Missions)+len(ds.Documents)+len(ds.Mandates), len(ds.Missions)
	for _, d := range ds.Documents {
		structural += len(d.Agendas) + len(d.Cites)
	}
	for _, m := range ds.Mandates {
		nodes += len(m.Clauses)
		structural += len(m.Missions) + len(m.Cites)
		for _, c := range m.Clauses {
			structural += 1 + len(c.Agendas)
		}
	}
	w := &wanted{
		nodes:     make([]wantNode, 0, nodes),
		nodeIndex: make(map[string]int, nodes),
		rels:      make([]wantRel, 0, structural+len(ds.Relations)),
		structIdx: make(map[relKey]int, structural),
		relIdx:    make(map[string]int, len(ds.Relations)),
	}
	var problems []string
	problem := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	addNode := func(id, label string, props func() map[string]any) {
		if id == "" {
			problem("%s with an empty id", strings.ToLower(label))
			return
		}
		if i, dup := w.nodeIndex[id]; dup {
			problem("id %q is used by %s and %s", id, withArticle(w.nodes[i].label), withArticle(label))
			return
		}
		w.nodeIndex[id] = len(w.nodes)
		w.nodes = append(w.nodes, wantNode{id: id, label: label, props: props})
	}
	for _, k := range nodeKinds {
		k.nodes(ds, func(id string, props func() map[string]any) { addNode(id, k.label, props) })
	}

	addRel := func(typ, from, to string, rel *policy.Relation) {
		ends := relEnds[typ]
		var idx [2]int
		for k, id := range []string{from, to} {
			i, ok := w.nodeIndex[id]
			idx[k] = i
			switch {
			case !ok:
				problem("%s %s -> %s: unknown id %q", typ, from, to, id)
				return
			case !slices.Contains(ends[k], w.nodes[i].label):
				problem("%s %s -> %s: %q is %s, want %s", typ, from, to, id, withArticle(w.nodes[i].label), strings.Join(ends[k], " or "))
				return
			}
		}
		if rel != nil {
			if rel.ID == "" {
				problem("%s %s -> %s with an empty id", typ, from, to)
				return
			}
			if _, dup := w.relIdx[rel.ID]; dup {
				problem("relation id %q is used twice", rel.ID)
				return
			}
			if _, clash := w.nodeIndex[rel.ID]; clash {
				problem("relation id %q is also the id of %s", rel.ID, withArticle(w.nodes[w.nodeIndex[rel.ID]].label))
				return
			}
			w.relIdx[rel.ID] = len(w.rels)
		} else {
			k := relKey{typ, from, to}
			if _, dup := w.structIdx[k]; dup {
				return // a repeated list entry is one relationship
			}
			w.structIdx[k] = len(w.rels)
		}
		w.rels = append(w.rels, wantRel{typ: typ, from: from, to: to, fromIdx: idx[0], toIdx: idx[1], rel: rel})
	}
	for l := range ds.Links() {
		addRel(linkTypes[l.Kind], l.From, l.To, nil)
	}
	for i := range ds.Relations {
		r := &ds.Relations[i]
		var typ string
		switch r.Kind {
		case policy.Tension:
			typ = RelTension
		case policy.Convergence:
			typ = RelConvergence
		default:
			problem("relation %q: kind %q is neither TENSION nor CONVERGENCE", r.ID, r.Kind)
			continue
		}
		addRel(typ, r.Source, r.Target, r)
	}
	if len(problems) > 0 {
		const show = 20
		msg := strings.Join(problems[:min(len(problems), show)], "; ")
		if len(problems) > show {
			msg += fmt.Sprintf("; and %d more", len(problems)-show)
		}
		return nil, policy.Errorf(policy.EINVALID, "load: invalid dataset (%d problems): %s", len(problems), msg)
	}
	return w, nil
}

// withArticle prefixes a label with "a" or "an".
func withArticle(label string) string {
	if label != "" && strings.ContainsRune("AEIOU", rune(label[0])) {
		return "an " + label
	}
	return "a " + label
}
