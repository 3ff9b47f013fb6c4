package neo4jdb

// Loading, part 5: the graph's current state, read in the load's transaction.

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type graphNode struct {
	eid    string
	id     string // "" when absent or not a string
	labels []string
	props  map[string]any
}

type graphRel struct {
	eid, typ   string
	from, to   string // endpoint element ids
	props      map[string]any
	relationID string // the id property of TENSION / CONVERGENCE, if a string
}

type graphState struct {
	nodes []graphNode
	rels  []graphRel
}

// ownedLabels is a label expression matching any node of the model.
var ownedLabels = strings.Join(append([]string{LabelEntity}, NodeLabels...), "|")

// readState reads every node carrying one of the model's labels, and every
// relationship of the model's types or touching such a node, leaving out
// staged and retired copies (stage.go): a load deletes them before it
// starts, but a dry run, which writes nothing, does not, and their nodes
// carry kind labels.
func (s *Store) readState(ctx context.Context, tx neo4j.ManagedTransaction) (*graphState, error) {
	st := &graphState{}
	s.roundTrips.Add(1)
	res, err := tx.Run(ctx, `MATCH (n:`+ownedLabels+`) WHERE NOT n:`+LabelStaged+`|`+LabelRetired+`
		RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props`, nil)
	if err != nil {
		return nil, err
	}
	for res.Next(ctx) {
		rec := res.Record()
		eid, ok := rec.Values[0].(string)
		if !ok {
			return nil, fmt.Errorf("node element id is %T, want string", rec.Values[0])
		}
		n := graphNode{eid: eid, props: asPropMap(rec.Values[2])}
		for _, l := range asAnyList(rec.Values[1]) {
			if s, ok := l.(string); ok {
				n.labels = append(n.labels, s)
			}
		}
		n.id, _ = n.props["id"].(string)
		st.nodes = append(st.nodes, n)
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	s.roundTrips.Add(1)
	res, err = tx.Run(ctx, `MATCH (a)-[r]->(b) WHERE (type(r) IN $types OR a:`+ownedLabels+` OR b:`+ownedLabels+`)
		AND NOT a:`+LabelStaged+`|`+LabelRetired+` AND NOT b:`+LabelStaged+`|`+LabelRetired+`
		RETURN elementId(r) AS eid, type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props`,
		map[string]any{"types": RelTypes})
	if err != nil {
		return nil, err
	}
	for res.Next(ctx) {
		v := res.Record().Values
		var r graphRel
		var ok [4]bool
		r.eid, ok[0] = v[0].(string)
		r.typ, ok[1] = v[1].(string)
		r.from, ok[2] = v[2].(string)
		r.to, ok[3] = v[3].(string)
		if ok != [4]bool{true, true, true, true} {
			return nil, fmt.Errorf("relationship row has %T, %T, %T, %T, want strings", v[0], v[1], v[2], v[3])
		}
		r.props = asPropMap(v[4])
		r.relationID, _ = r.props["id"].(string)
		st.rels = append(st.rels, r)
	}
	return st, res.Err()
}

func asPropMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asAnyList(v any) []any {
	l, _ := v.([]any)
	return l
}
