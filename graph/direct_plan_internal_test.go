package graph

import (
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
