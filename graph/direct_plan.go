package graph

// The compiled selection of a direct answer (direct.go) and its writer.
// directTypes lists what the writer knows: per GraphQL type, its fields
// and, for a field of objects, their type. A field not listed leaves the
// whole root field to the executor, so a field added to the schema is
// answered correctly (by the executor) before it is added here.

import (
	"bytes"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

// directType is one type the writer knows: the types a selection on it
// collects fragments of (the generated implementors) and its fields, each
// with the type of its objects ("" for a leaf).
type directType struct {
	implementors []string
	fields       map[string]string
}

var directTypes = map[string]directType{
	"MissionConnection": {missionConnectionImplementors, map[string]string{
		"__typename": "", "edges": "MissionEdge", "pageInfo": "PageInfo", "totalCount": "",
	}},
	"MissionEdge": {missionEdgeImplementors, map[string]string{"__typename": "", "cursor": "", "node": "Mission"}},
	"PageInfo": {pageInfoImplementors, map[string]string{
		"__typename": "", "hasNextPage": "", "hasPreviousPage": "", "startCursor": "", "endCursor": "",
	}},
	"Mission": {missionImplementors, map[string]string{
		"__typename": "", "id": "", "acronym": "", "name": "", "hostCountries": "",
		"startDate": "", "endDate": "", "active": "", "mandates": "Mandate",
	}},
	"Mandate": {mandateImplementors, map[string]string{
		"__typename": "", "id": "", "symbol": "", "kind": "", "adopted": "", "chapterVII": "",
		"url": "", "coverage": "", "paragraphsRecorded": "", "clauses": "Clause",
	}},
	"Clause": {clauseImplementors, map[string]string{
		"__typename": "", "id": "", "paragraph": "", "summary": "", "text": "", "agendas": "Agenda",
	}},
	"Agenda": {agendaImplementors, map[string]string{"__typename": "", "id": "", "name": "", "description": ""}},
}

// directPlan is a selection on one type compiled: its fields in answer
// order (graphql.CollectFields', as the executor's), each with its key
// written out and the plan of its objects.
type directPlan []directField

type directField struct {
	name string
	key  []byte // "alias":
	sub  directPlan
}

// directNeeds says which levels of the tree read a plan writes.
type directNeeds struct{ mandates, clauses, agendas bool }

// compileDirect compiles the selection sel on type typ; false when the
// writer cannot answer it.
func compileDirect(opCtx *graphql.OperationContext, typ string, sel ast.SelectionSet) (directPlan, directNeeds, bool) {
	var need directNeeds
	p, ok := compileDirectType(opCtx, typ, sel, &need)
	return p, need, ok
}

func compileDirectType(opCtx *graphql.OperationContext, typ string, sel ast.SelectionSet, need *directNeeds) (directPlan, bool) {
	t := directTypes[typ]
	fields := graphql.CollectFields(opCtx, sel, t.implementors)
	p := make(directPlan, 0, len(fields))
	for _, f := range fields {
		sub, known := t.fields[f.Name]
		if !known || len(f.Deferrables) > 0 {
			return nil, false
		}
		var key bytes.Buffer
		graphql.MarshalString(f.Alias).MarshalGQL(&key)
		key.WriteByte(':')
		df := directField{name: f.Name, key: key.Bytes()}
		switch typ + "." + f.Name {
		case "Mission.mandates":
			need.mandates = true
		case "Mandate.clauses", "Mandate.coverage", "Mandate.paragraphsRecorded":
			need.clauses = true
		case "Clause.agendas":
			need.agendas = true
		}
		if sub != "" {
			var ok bool
			if df.sub, ok = compileDirectType(opCtx, sub, f.Selections, need); !ok {
				return nil, false
			}
		}
		p = append(p, df)
	}
	return p, true
}

// Writing. Each value is written with the marshaller the generated
// executor uses for its field, so the bytes are the same.

func writeString(w *chunks, s string) { graphql.MarshalString(s).MarshalGQL(w) }

func writeNullable(w *chunks, s *string) {
	if s == nil {
		w.WriteString("null")
		return
	}
	writeString(w, *s)
}

// writeObject writes the fields of p, field by field.
func (p directPlan) writeObject(w *chunks, field func(f directField) error) error {
	w.WriteByte('{')
	for i, f := range p {
		if i > 0 {
			w.WriteByte(',')
		}
		w.Write(f.key)
		if err := field(f); err != nil {
			return err
		}
	}
	w.WriteByte('}')
	return nil
}

// writeList writes n elements, the ith by elem.
func writeList(w *chunks, n int, elem func(i int) error) error {
	w.WriteByte('[')
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		if err := elem(i); err != nil {
			return err
		}
	}
	w.WriteByte(']')
	return nil
}

// writeMissionConnection writes c; next, when set, gives the edges' trees
// in order as a read streams them (c's nodes then hold only their
// missions, to check them by).
func (p directPlan) writeMissionConnection(w *chunks, c *directConnection, next func() (*policy.MissionTree, error)) error {
	return p.writeObject(w, func(f directField) error {
		switch f.name {
		case "__typename":
			writeString(w, "MissionConnection")
		case "totalCount":
			graphql.MarshalInt(c.TotalCount).MarshalGQL(w)
		case "pageInfo":
			return f.sub.writePageInfo(w, c.PageInfo)
		case "edges":
			return writeList(w, len(c.Edges), func(i int) error { return f.sub.writeMissionEdge(w, c.Edges[i], next) })
		}
		return nil
	})
}

// missionVisits is how many times a connection's plan p writes each
// mission (aliased edges or nodes write it again): a streamed read can
// serve one.
func (p directPlan) missionVisits() int {
	n := 0
	for _, f := range p {
		if f.name == "edges" {
			for _, g := range f.sub {
				if g.name == "node" {
					n++
				}
			}
		}
	}
	return n
}

// writeMissionEdge writes e, its node's tree from next when next is set.
func (p directPlan) writeMissionEdge(w *chunks, e *directEdge, next func() (*policy.MissionTree, error)) error {
	return p.writeObject(w, func(f directField) error {
		switch f.name {
		case "__typename":
			writeString(w, "MissionEdge")
		case "cursor":
			writeString(w, e.Cursor)
		case "node":
			t := e.Node
			if next != nil {
				got, err := next()
				if err != nil {
					return err
				}
				if got == nil || t == nil || got.Mission.ID != t.Mission.ID {
					return errNotDirect // the mission went between the two reads: the executor answers
				}
				t = got
			}
			if t == nil {
				return errNotDirect
			}
			return f.sub.writeMission(w, t)
		}
		return nil
	})
}

func (p directPlan) writePageInfo(w *chunks, pi *model.PageInfo) error {
	return p.writeObject(w, func(f directField) error {
		switch f.name {
		case "__typename":
			writeString(w, "PageInfo")
		case "hasNextPage":
			graphql.MarshalBoolean(pi.HasNextPage).MarshalGQL(w)
		case "hasPreviousPage":
			graphql.MarshalBoolean(pi.HasPreviousPage).MarshalGQL(w)
		case "startCursor":
			writeNullable(w, pi.StartCursor)
		case "endCursor":
			writeNullable(w, pi.EndCursor)
		}
		return nil
	})
}

func (p directPlan) writeMission(w *chunks, t *policy.MissionTree) error {
	m := model.Mission{Mission: t.Mission}
	return p.writeObject(w, func(f directField) error {
		switch f.name {
		case "__typename":
			writeString(w, "Mission")
		case "id":
			writeString(w, m.ID)
		case "acronym":
			writeString(w, m.Acronym())
		case "name":
			writeString(w, m.Name)
		case "hostCountries":
			return writeList(w, len(m.HostCountries), func(i int) error { writeString(w, m.HostCountries[i]); return nil })
		case "startDate":
			model.MarshalDate(m.Start).MarshalGQL(w)
		case "endDate":
			model.MarshalDate(m.End).MarshalGQL(w)
		case "active":
			graphql.MarshalBoolean(m.Active()).MarshalGQL(w)
		case "mandates":
			return writeList(w, len(t.Mandates), func(i int) error { return f.sub.writeMandate(w, &t.Mandates[i]) })
		}
		return nil
	})
}

func (p directPlan) writeMandate(w *chunks, t *policy.MandateTree) error {
	m := model.Mandate{Mandate: t.Mandate}
	coverage := policy.MandateCoverage(m.AllParagraphs, len(t.Clauses))
	return p.writeObject(w, func(f directField) error {
		switch f.name {
		case "__typename":
			writeString(w, "Mandate")
		case "id":
			writeString(w, m.ID)
		case "symbol":
			writeString(w, m.Symbol())
		case "kind":
			writeString(w, string(m.Kind))
		case "adopted":
			if m.Adopted.IsZero() {
				return errNotDirect // Date! null: the executor reports it
			}
			model.MarshalDate(m.Adopted).MarshalGQL(w)
		case "chapterVII":
			if v := m.ChapterSeven(); v != nil {
				graphql.MarshalBoolean(*v).MarshalGQL(w)
			} else {
				w.WriteString("null")
			}
		case "url":
			writeNullable(w, m.NullableURL())
		case "coverage":
			writeString(w, string(coverage))
		case "paragraphsRecorded":
			graphql.MarshalBoolean(coverage != policy.CoverageUnrecorded).MarshalGQL(w)
		case "clauses":
			return writeList(w, len(t.Clauses), func(i int) error { return f.sub.writeClause(w, &t.Clauses[i]) })
		}
		return nil
	})
}

func (p directPlan) writeClause(w *chunks, t *policy.ClauseTree) error {
	c := model.Clause{Clause: *t.Clause}
	return p.writeObject(w, func(f directField) error {
		switch f.name {
		case "__typename":
			writeString(w, "Clause")
		case "id":
			writeString(w, c.ID)
		case "paragraph":
			writeString(w, c.Paragraph)
		case "summary":
			writeNullable(w, c.NullableSummary())
		case "text":
			writeNullable(w, c.NullableText())
		case "agendas":
			return writeList(w, len(t.Agendas), func(i int) error { return f.sub.writeAgenda(w, t.Agendas[i]) })
		}
		return nil
	})
}

func (p directPlan) writeAgenda(w *chunks, g *policy.Agenda) error {
	a := model.Agenda{Agenda: *g}
	return p.writeObject(w, func(f directField) error {
		switch f.name {
		case "__typename":
			writeString(w, "Agenda")
		case "id":
			writeString(w, a.ID)
		case "name":
			writeString(w, a.Name)
		case "description":
			writeNullable(w, a.NullableDescription())
		}
		return nil
	})
}
