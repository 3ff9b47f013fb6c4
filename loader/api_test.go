package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// agendaFile is a minimal valid dataset file.
const agendaFile = `agendas:
  - id: POC
    name: Protection of civilians
    description: Keeping civilians safe.
    provenance: {source: "https://example.org", status: unverified}
`

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "data/a.yaml", Line: 14, Column: 7, Path: "mandates[0].missions[0]", Message: "bad"}, "data/a.yaml:14:7: mandates[0].missions[0]: bad"},
		{Diagnostic{File: "a.yaml", Line: 3, Column: 1, Message: "bad"}, "a.yaml:3:1: bad"},
		{Diagnostic{File: "a.yaml", Line: 3, Message: "syntax error: x"}, "a.yaml:3: syntax error: x"},
		{Diagnostic{File: "data", Message: "cannot read: denied"}, "data: cannot read: denied"},
		{Diagnostic{Message: "no dataset directory given"}, "no dataset directory given"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestDiagnosticsAsError(t *testing.T) {
	var none Diagnostics
	if none.Err() != nil {
		t.Errorf("empty Diagnostics: Err() = %v, want nil", none.Err())
	}
	_, diags := Parse(map[string][]byte{
		"b.yaml": []byte("agendas: x\n"),
		"a.yaml": []byte("missions: y\nfoo: 1\n"),
	})
	want := []string{
		`a.yaml:1:11: missions: must be a list, not the string "y" (write [y] for a single item)`,
		`a.yaml:2:1: unknown field "foo" (valid fields: $schema, agendas, missions, mandates, documents, relations, supplements)`,
		`b.yaml:1:10: agendas: must be a list, not the string "x" (write [x] for a single item)`,
	}
	if diff := cmp.Diff(want, diags.Lines()); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if diags.Count() != 3 {
		t.Errorf("Count() = %d, want 3", diags.Count())
	}
	err := diags.Err()
	var asDiags Diagnostics
	if !errors.As(err, &asDiags) || len(asDiags) != 3 {
		t.Errorf("errors.As(Err(), *Diagnostics) failed for %v", err)
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("Error() = %q", got)
	}
}

func TestEmptyFilesContributeNothing(t *testing.T) {
	ds, diags := Parse(map[string][]byte{
		"a.yaml":   []byte(agendaFile),
		"b.yaml":   nil,
		"c.yml":    []byte("# only a comment\n\n"),
		"d.json":   []byte(" \n"),
		"e.yaml":   []byte("---\n"),
		"f.yaml":   []byte("~\n"),
		"g.yaml":   []byte("\xef\xbb\xbf"),
		"h.yaml":   []byte("agendas: []\nmissions: []\n"),
		"notes.md": []byte("not: [valid"),
	})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if got := ds.Counts()["Agenda"]; got != 1 || len(ds.Missions) != 0 {
		t.Errorf("counts = %v, want just one agenda", ds.Counts())
	}
}

func TestIsDatasetFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.yaml": true, "a.yml": true, "a.json": true, "dir/A.YAML": true,
		"a.txt": false, "a": false, "a.yaml.bak": false, ".a.yaml": false, "x/.#a.yaml": false,
	} {
		if got := IsDatasetFile(name); got != want {
			t.Errorf("IsDatasetFile(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestParseMatchesRead(t *testing.T) {
	files := make(map[string][]byte)
	for _, p := range datasetFiles(t, goodDir) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = data
	}
	fromRead, diags := Read(goodDir)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	fromParse, diags := Parse(files)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if diff := cmp.Diff(fromRead, fromParse, dateCmp); diff != "" {
		t.Errorf("Parse and Read differ (-Read +Parse):\n%s", diff)
	}
}

func TestReadPaths(t *testing.T) {
	// A file named on its own and again through its directory counts once.
	if _, diags := Read(goodDir, filepath.Join(goodDir, "agendas.yaml")); len(diags) > 0 {
		t.Errorf("reading a file twice: %v", diags)
	}
	_, diags := Read()
	if diff := cmp.Diff([]string{"no dataset directory given"}, diags.Lines()); diff != "" {
		t.Errorf("Read(): (-want +got)\n%s", diff)
	}
	_, diags = Read("testdata/no-such-dir")
	if diff := cmp.Diff([]string{"testdata/no-such-dir: cannot read: no such file or directory"}, diags.Lines()); diff != "" {
		t.Errorf("missing directory: (-want +got)\n%s", diff)
	}
}

func TestReadSkipsHiddenAndOtherFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sub/agendas.yaml", agendaFile)
	write("notes.txt", "not: [yaml")
	write(".hidden.yaml", "not: [yaml")
	write(".git/config.yaml", "not: [yaml")
	ds, diags := Read(dir)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if len(ds.Agendas) != 1 {
		t.Errorf("got %d agendas, want 1", len(ds.Agendas))
	}
}

func TestJSONIsStrict(t *testing.T) {
	const text = `{"agendas": [], # a comment
}`
	if _, diags := Parse(map[string][]byte{"a.yaml": []byte(text)}); len(diags) > 0 {
		t.Errorf("as YAML: %v", diags)
	}
	_, diags := Parse(map[string][]byte{"a.json": []byte(text)})
	want := []string{"a.json:1:17: JSON syntax error: invalid character '#' looking for beginning of object key string"}
	if diff := cmp.Diff(want, diags.Lines()); diff != "" {
		t.Errorf("as JSON: (-want +got)\n%s", diff)
	}
	_, diags = Parse(map[string][]byte{"a.json": []byte(`{"agendas": [`)})
	want = []string{"a.json:1:14: JSON syntax error: unexpected end of JSON input"}
	if diff := cmp.Diff(want, diags.Lines()); diff != "" {
		t.Errorf("truncated JSON: (-want +got)\n%s", diff)
	}
}

// TestYAMLSyntaxLines pins the line numbers given for YAML syntax errors,
// which the loader corrects for the YAML library's habits.
func TestYAMLSyntaxLines(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"a: b: c\n", "f.yaml:1: syntax error: mapping values are not allowed in this context"},
		{"a: x\nb: c: d\n", "f.yaml:2: syntax error: mapping values are not allowed in this context"},
		{"a:\n\t- x\n", "f.yaml:2: syntax error: found character that cannot start any token"},
		{"- a\nb: c\n", "f.yaml:2: syntax error: did not find expected '-' indicator"},
		{"a:\n  b: 1\n c: 2\n", "f.yaml:3: syntax error: did not find expected key"},
		{"x: 1\ny: {a: 1\nz: 3\n", "f.yaml:2: syntax error: did not find expected ',' or '}'"},
		{"x: 1\n\ny: \"\\q\"\n", "f.yaml:3: syntax error: found unknown escape character"},
		{"x: 1\ny: 2\nz: *nope\n", "f.yaml:3:4: alias *nope refers to no anchor (define &nope before it)"},
	}
	for _, tt := range tests {
		_, diags := Parse(map[string][]byte{"f.yaml": []byte(tt.in)})
		if diff := cmp.Diff([]string{tt.want}, diags.Lines()); diff != "" {
			t.Errorf("%q: (-want +got)\n%s", tt.in, diff)
		}
	}
}

func TestAliases(t *testing.T) {
	// Aliases are followed; an error inside an aliased value is reported
	// where the value is written, with the path of the use.
	const text = `base: &p {source: "https://example.org", status: unverified}
`
	_, diags := Parse(map[string][]byte{"f.yaml": []byte(text)})
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `unknown field "base"`) {
		t.Errorf("got %v", diags)
	}

	// Expansion is bounded.
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(laughs), &doc); err != nil {
		t.Fatal(err)
	}
	if n, msg := checkAliases(doc.Content[0], 1000); n == nil || !strings.Contains(msg, "more than 1000 values") {
		t.Errorf("checkAliases with limit 1000 = %v, %q; want it to refuse", n, msg)
	}
	if n, msg := checkAliases(doc.Content[0], 100000); n != nil {
		t.Errorf("checkAliases with limit 100000 refused: %s", msg)
	}
}

func TestCountryCodes(t *testing.T) {
	codes := countryCodes()
	seen := make(map[string]bool)
	for _, c := range codes {
		if !countryPattern.MatchString(c) || seen[c] {
			t.Errorf("bad or repeated code %q", c)
		}
		seen[c] = true
	}
	if n := len(strings.Fields(iso3166Alpha3)); n != 249 {
		t.Errorf("%d assigned codes, want 249", n)
	}
	for _, mistake := range []string{"DRC", "RDC", "CAR", "RCA", "SUD", "LEB", "HAI"} {
		if seen[mistake] || !seen[countryCodeHint(mistake)] {
			t.Errorf("hint for %q: %q", mistake, countryCodeHint(mistake))
		}
	}
}
