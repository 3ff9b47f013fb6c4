package graph

import (
	"bytes"
	"net"
	"slices"
	"testing"
)

// TestDirectTypesAreTheSchemas: every field the direct writer knows is a
// field of that type in the schema, and a field of objects has the type
// the writer writes for it (a misspelt field would never be answered
// directly; a wrong type would collect the wrong fragments).
func TestDirectTypesAreTheSchemas(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	for typ, dt := range directTypes {
		def := schema.Types[typ]
		if def == nil {
			t.Errorf("%s is no type of the schema", typ)
			continue
		}
		for name, sub := range dt.fields {
			if name == "__typename" {
				continue
			}
			f := def.Fields.ForName(name)
			if f == nil {
				t.Errorf("%s.%s is no field of the schema", typ, name)
				continue
			}
			leaf := schema.Types[f.Type.Name()].IsLeafType()
			switch {
			case sub == "" && !leaf:
				t.Errorf("%s.%s is of objects of %s; the writer writes it as a leaf", typ, name, f.Type.Name())
			case sub != "" && f.Type.Name() != sub:
				t.Errorf("%s.%s is of %s; the writer writes it as %s", typ, name, f.Type.Name(), sub)
			}
		}
		if want := append([]string{typ}, def.Interfaces...); !slices.Equal(dt.implementors, want) {
			t.Errorf("%s: implementors %v, want %v", typ, dt.implementors, want)
		}
	}
}

// TestDirectPartsSplice: each marker gqlgen's data holds is replaced by its
// answer, in order; a marker that names no answer is an error, not a
// response with a NUL byte in it.
func TestDirectPartsSplice(t *testing.T) {
	var d directParts
	var data bytes.Buffer
	data.WriteString(`{"a":`)
	d.hold(net.Buffers{[]byte(`{"id":`), []byte(`"A"}`)}).MarshalGQL(&data)
	data.WriteString(`,"x":1,"b":`)
	d.hold(net.Buffers{[]byte(`[1,2]`)}).MarshalGQL(&data)
	data.WriteString(`}`)
	got, err := d.splice(data.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if s := string(bytes.Join(got, nil)); s != `{"a":{"id":"A"},"x":1,"b":[1,2]}` {
		t.Errorf("spliced %q", s)
	}
	for _, bad := range []string{"{\"a\":\x002\x00}", "{\"a\":\x00x\x00}", "{\"a\":\x000}", "{\"a\":\x00-1\x00}"} {
		if _, err := d.splice([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	var none *directParts // outside a Handler's request: the answer itself
	var w bytes.Buffer
	none.hold(net.Buffers{[]byte(`"v"`)}).MarshalGQL(&w)
	if w.String() != `"v"` {
		t.Errorf("without a holder: %q", w.String())
	}
}
