package neo4jdb

// Loading, part 6: the difference between the current state and the wanted graph.

import (
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type nodeUpdate struct {
	eid  string
	want int // index in wanted.nodes
}

type relUpdate struct {
	eid  string
	want int // index in wanted.rels
}

type loadPlan struct {
	want        *wanted
	delRels     []string // element ids
	delNodes    []string // element ids
	createNodes []int    // indexes in want.nodes
	updateNodes []nodeUpdate
	updateRels  []relUpdate
	createRels  []int // indexes in want.rels
	// eids holds the element id of every wanted node that exists: kept
	// nodes' after the diff, created nodes' as they are created.
	eids   []string
	report LoadReport
}

func (p *loadPlan) rows() int {
	return len(p.delRels) + len(p.delNodes) + len(p.createNodes) + len(p.updateNodes) + len(p.updateRels) + len(p.createRels)
}

func bumpCount(m map[string]Count, key string, f func(*Count)) {
	c := m[key]
	f(&c)
	m[key] = c
}

// diffGraph compares the current state with the wanted graph.
func diffGraph(w *wanted, have *graphState) *loadPlan {
	p := &loadPlan{want: w, eids: make([]string, len(w.nodes)),
		report: LoadReport{Nodes: map[string]Count{}, Relationships: map[string]Count{}}}
	for _, l := range NodeLabels {
		p.report.Nodes[l] = Count{}
	}
	for _, t := range RelTypes {
		p.report.Relationships[t] = Count{}
	}

	// Nodes: an existing node is kept when its id is wanted with exactly its
	// labels (:Entity plus the kind label); anything else is deleted, and the
	// wanted node (if any) created afresh.
	kept := map[string]int{} // element id -> wanted node index
	taken := make([]bool, len(w.nodes))
	for _, n := range have.nodes {
		i, ok := w.nodeIndex[n.id]
		if ok && !taken[i] && sameLabels(n.labels, w.nodes[i].label) {
			taken[i] = true
			kept[n.eid] = i
			p.eids[i] = n.eid
			if sameProps(n.props, w.nodes[i].props()) {
				bumpCount(p.report.Nodes, w.nodes[i].label, func(c *Count) { c.Unchanged++ })
			} else {
				p.updateNodes = append(p.updateNodes, nodeUpdate{eid: n.eid, want: i})
				bumpCount(p.report.Nodes, w.nodes[i].label, func(c *Count) { c.Updated++ })
			}
			continue
		}
		p.delNodes = append(p.delNodes, n.eid)
		bumpCount(p.report.Nodes, kindLabel(n.labels), func(c *Count) { c.Deleted++ })
	}
	for i, n := range w.nodes {
		if !taken[i] {
			p.createNodes = append(p.createNodes, i)
			bumpCount(p.report.Nodes, n.label, func(c *Count) { c.Created++ })
		}
	}

	// Relationships: one is kept when both its endpoints are kept nodes and
	// it is wanted (same type and endpoints; same id for relations). Exact
	// copies are matched first, so of duplicates the one needing no update
	// is kept and the others deleted.
	target := make([]int, len(have.rels)) // wanted index, or -1
	same := make([]bool, len(have.rels))
	for k, r := range have.rels {
		target[k] = -1
		fi, fok := kept[r.from]
		ti, tok := kept[r.to]
		if !fok || !tok {
			continue
		}
		from, to := w.nodes[fi].id, w.nodes[ti].id
		switch r.typ {
		case RelTension, RelConvergence:
			if i, ok := w.relIdx[r.relationID]; ok && w.rels[i].typ == r.typ && w.rels[i].from == from && w.rels[i].to == to {
				target[k] = i
			}
		default:
			if i, ok := w.structIdx[relKey{r.typ, from, to}]; ok {
				target[k] = i
			}
		}
		if target[k] >= 0 {
			same[k] = sameProps(r.props, w.rels[target[k]].props())
		}
	}
	matched := make([]bool, len(w.rels))
	done := make([]bool, len(have.rels))
	for k, r := range have.rels {
		if i := target[k]; i >= 0 && same[k] && !matched[i] {
			matched[i], done[k] = true, true
			bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Unchanged++ })
		}
	}
	for k, r := range have.rels {
		if done[k] {
			continue
		}
		if i := target[k]; i >= 0 && !matched[i] {
			matched[i] = true
			p.updateRels = append(p.updateRels, relUpdate{eid: r.eid, want: i})
			bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Updated++ })
			continue
		}
		p.delRels = append(p.delRels, r.eid)
		bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Deleted++ })
	}
	for i, r := range w.rels {
		if !matched[i] {
			p.createRels = append(p.createRels, i)
			bumpCount(p.report.Relationships, r.typ, func(c *Count) { c.Created++ })
		}
	}
	p.report.Rows = p.rows()
	return p
}

// sameProps reports whether the properties read from the graph (have)
// equal the properties the loader would write (want), whose values are
// only strings, int64s, bools, []string and dates.
func sameProps(have, want map[string]any) bool {
	if len(have) != len(want) {
		return false
	}
	for k, w := range want {
		h, ok := have[k]
		if !ok || !sameValue(h, w) {
			return false
		}
	}
	return true
}

func sameValue(h, w any) bool {
	switch w := w.(type) {
	case string:
		h, ok := h.(string)
		return ok && h == w
	case int64:
		h, ok := h.(int64)
		return ok && h == w
	case bool:
		h, ok := h.(bool)
		return ok && h == w
	case []string:
		h, ok := h.([]any)
		if !ok || len(h) != len(w) {
			return false
		}
		for i := range w {
			if s, ok := h[i].(string); !ok || s != w[i] {
				return false
			}
		}
		return true
	case neo4j.Date:
		h, ok := h.(neo4j.Date)
		return ok && h.String() == w.String()
	}
	var hb, wb strings.Builder
	writeValue(&hb, h)
	writeValue(&wb, w)
	return hb.String() == wb.String()
}

// sameLabels reports whether labels is exactly {Entity, kind}.
func sameLabels(labels []string, kind string) bool {
	return len(labels) == 2 && (labels[0] == LabelEntity && labels[1] == kind || labels[0] == kind && labels[1] == LabelEntity)
}

// kindLabel is the model's kind label among labels, for counting.
func kindLabel(labels []string) string {
	for _, l := range labels {
		if l != LabelEntity && slices.Contains(NodeLabels, l) {
			return l
		}
	}
	return LabelEntity
}
