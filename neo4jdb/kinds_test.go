package neo4jdb

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// linkFields are the domain fields that become relationships, not
// properties (policy.Dataset.Links derives them).
var linkFields = map[string]bool{
	"Mission.Predecessor": true, "Mandate.Missions": true, "Mandate.Cites": true, "Mandate.Clauses": true,
	"Clause.Agendas": true, "Document.Agendas": true, "Document.Cites": true,
}

// fill sets every field of the struct v points at, except link fields, to
// a non-zero value derived from seed.
func fill(t *testing.T, v reflect.Value, typ string, seed string) {
	t.Helper()
	for i := range v.NumField() {
		f, sf := v.Field(i), v.Type().Field(i)
		if linkFields[typ+"."+sf.Name] {
			continue
		}
		switch {
		case f.Type() == reflect.TypeOf(policy.Date{}):
			f.Set(reflect.ValueOf(policy.Date{Time: time.Date(2001, 2, 3+i, 0, 0, 0, 0, time.UTC)}))
		case f.Kind() == reflect.String:
			f.SetString(seed + "-" + sf.Name)
		case f.Kind() == reflect.Int:
			f.SetInt(int64(10 + i))
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Bool:
			b := true
			f.Set(reflect.ValueOf(&b))
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			f.Set(reflect.ValueOf([]string{seed + "-a", seed + "-b"}))
		case f.Kind() == reflect.Struct:
			fill(t, f, typ+"."+sf.Name, seed)
		case f.Kind() == reflect.Bool:
			f.SetBool(true)
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
			l := reflect.MakeSlice(f.Type(), 2, 2)
			for j := range 2 {
				fill(t, l.Index(j), typ+"."+sf.Name, fmt.Sprintf("%s-%d", seed, j))
			}
			f.Set(l)
		default:
			t.Fatalf("%s.%s: fill does not know %s; teach it", typ, sf.Name, f.Type())
		}
	}
}

// asStored turns written properties into what a read gets back from the
// driver (lists as []any).
func asStored(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		if l, ok := v.([]string); ok {
			a := make([]any, len(l))
			for i, s := range l {
				a[i] = s
			}
			v = a
		}
		out[k] = v
	}
	return out
}

// Every property of every kind survives a write and a read through the
// table: a field added to a domain type without its row in kinds.go fails
// here (its value reads back as zero).
func TestKindsRoundTrip(t *testing.T) {
	var ds policy.Dataset
	var a policy.Agenda
	var mi policy.Mission
	var d policy.Document
	var md policy.Mandate
	var c policy.Clause
	for _, x := range []struct {
		v   any
		typ string
	}{{&a, "Agenda"}, {&mi, "Mission"}, {&d, "Document"}, {&md, "Mandate"}, {&c, "Clause"}} {
		fill(t, reflect.ValueOf(x.v).Elem(), x.typ, x.typ)
	}
	c.MandateID = md.ID
	c.ID = policy.ClauseID(md.ID, c.Paragraph)
	md.Clauses = []policy.Clause{c}
	ds.Agendas, ds.Missions, ds.Documents, ds.Mandates = []policy.Agenda{a}, []policy.Mission{mi}, []policy.Document{d}, []policy.Mandate{md}
	want := map[string]policy.Entity{a.ID: {Agenda: &a}, mi.ID: {Mission: &mi}, d.ID: {Document: &d}, md.ID: {Mandate: &md}, c.ID: {Clause: &c}}
	md2 := md
	md2.Clauses = nil
	want[md.ID] = policy.Entity{Mandate: &md2}

	seen := 0
	for _, k := range nodeKinds {
		k.nodes(&ds, func(id string, props func() map[string]any) {
			seen++
			p := props()
			for key := range p {
				if !slices.Contains(k.keys, key) {
					t.Errorf("%s: property %q is not among the keys %v", k.label, key, k.keys)
				}
			}
			got, err := entityFromNode(neo4j.Node{Labels: []string{LabelEntity, k.label}, Props: asStored(p)})
			if err != nil {
				t.Fatalf("%s: %v", k.label, err)
			}
			if diff := cmp.Diff(want[id], got); diff != "" {
				t.Errorf("%s %q: read(write(v)) differs from v (-want +got):\n%s", k.label, id, diff)
			}
			// The same read from a tree row's list of values (absent
			// properties as nulls, as a query lists them).
			stored := asStored(p)
			var keys []string
			var vals []any
			for _, key := range k.keys {
				if key != "kind" {
					keys, vals = append(keys, key), append(vals, stored[key])
				}
			}
			got, err = entityFromList(k.label, keys, vals)
			if err != nil {
				t.Fatalf("%s from a list: %v", k.label, err)
			}
			if diff := cmp.Diff(want[id], got); diff != "" {
				t.Errorf("%s %q: a list read differs from v (-want +got):\n%s", k.label, id, diff)
			}
		})
	}
	if seen != len(want) {
		t.Errorf("the table yielded %d nodes, want %d", seen, len(want))
	}
}

// The derived values are written as the model says: a document's year from
// its publication date when it has none, a clause's mandate id and
// inherited provenance.
func TestKindsStoredValues(t *testing.T) {
	prov := policy.Provenance{Source: "src", Status: policy.Verified, Method: "m"}
	ds := &policy.Dataset{
		Documents: []policy.Document{{ID: "d", Title: "t", Kind: policy.DocPolicy, Issuer: "i", Published: policy.MustDate("2015-06-01")}},
		Mandates: []policy.Mandate{{ID: "S/RES/1(2000)", Kind: policy.Resolution, Adopted: policy.MustDate("2000-01-01"), Provenance: prov,
			Clauses: []policy.Clause{{Paragraph: "3", Summary: "s", Order: 2}}}},
	}
	got := map[string]map[string]any{}
	for _, k := range nodeKinds {
		k.nodes(ds, func(id string, props func() map[string]any) { got[id] = props() })
	}
	for _, tc := range []struct{ id, key string }{{"d", "year"}, {"S/RES/1(2000)#3", "mandateId"}, {"S/RES/1(2000)#3", "provenanceSource"}, {"S/RES/1(2000)", "symbol"}} {
		want := map[string]any{"year": int64(2015), "mandateId": "S/RES/1(2000)", "provenanceSource": "src", "symbol": "S/RES/1(2000)"}[tc.key]
		if got[tc.id][tc.key] != want {
			t.Errorf("%s: %s = %#v, want %#v", tc.id, tc.key, got[tc.id][tc.key], want)
		}
	}
	if got := kindRank("n"); got != "CASE n.kind WHEN 'Agenda' THEN 0 WHEN 'Mission' THEN 1 WHEN 'Document' THEN 2 WHEN 'Mandate' THEN 3 WHEN 'Clause' THEN 4 ELSE 5 END" {
		t.Errorf("kindRank = %s", got)
	}
}

// A list row that is not what its keys say is an error naming the node and
// the property, not a zero value.
func TestEntityFromListErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		label string
		keys  []string
		vals  []any
		want  string
	}{
		{"short row", LabelClause, []string{"id", "paragraph"}, []any{"c1"}, "Clause row has 1 values for 2 properties"},
		{"wrong type", LabelClause, []string{"id", "paragraph"}, []any{"c1", int64(3)}, `node c1: property "paragraph": is int64, want string`},
		{"required null", LabelClause, []string{"id", "paragraph"}, []any{"c1", nil}, `node c1: property "paragraph": missing`},
		{"unknown kind", "Planet", []string{"id"}, []any{"p1"}, `unknown kind "Planet"`},
	} {
		_, err := entityFromList(c.label, c.keys, c.vals)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one with %q", c.name, err, c.want)
		}
	}
}
