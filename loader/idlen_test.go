package loader

import (
	"strings"
	"testing"
)

// TestLongIDsAreRefusedWithTheirPlace: a 100 KB id passed validation and
// the load then failed with Neo4j's "value too large to index" and no
// file:line; validation now names the file, line and field.
func TestLongIDsAreRefusedWithTheirPlace(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	for _, tc := range []struct{ name, yaml, path string }{
		{"relation slug", "relations:\n  - id: " + long + "\n", "relations[0].id"},
		{"document slug", "documents:\n  - id: " + long + "\n", "documents[0].id"},
		{"just over the cap", "relations:\n  - id: " + strings.Repeat("a", MaxIDBytes+1) + "\n", "relations[0].id"},
	} {
		_, diags := Parse(map[string][]byte{"big.yaml": []byte(tc.yaml)})
		var found bool
		for _, d := range diags {
			if d.File == "big.yaml" && d.Line == 2 && d.Path == tc.path && strings.Contains(d.Message, "bytes long; ids are at most 200") {
				found = true
			}
			if len(d.String()) > 500 {
				t.Errorf("%s: a %d-byte diagnostic quotes the id", tc.name, len(d.String()))
			}
		}
		if !found {
			t.Errorf("%s: no length diagnostic at big.yaml:2 %s in %v", tc.name, tc.path, diags)
		}
	}
	// At the cap an id is checked as usual.
	_, diags := Parse(map[string][]byte{"ok.yaml": []byte("relations:\n  - id: " + strings.Repeat("a", MaxIDBytes) + "\n")})
	for _, d := range diags {
		if strings.Contains(d.Message, "bytes long") {
			t.Errorf("a %d-byte id was refused for its length: %v", MaxIDBytes, d)
		}
	}
}
