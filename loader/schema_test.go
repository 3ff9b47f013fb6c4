package loader

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/mandategraph/mandategraph/policy"
)

// schemaPath names the embedded Schema in messages.
const schemaPath = "loader/dataset.schema.json"

// compileSchema compiles the dataset schema, asserting formats (so that
// "format": "date" rejects days that do not exist).
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatalf("parsing %s: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("dataset.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("dataset.schema.json")
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaPath, err)
	}
	return sch
}

// schemaDoc returns the schema as plain JSON values.
func schemaDoc(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(Schema, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// instance reads a dataset file as a JSON value for validation. YAML is
// converted the way the loader reads it: unquoted dates become strings.
func instance(path string) (any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	v, err := jsonValue(doc.Content[0])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Round-trip through JSON so numbers take the schema library's form.
	js, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(js))
}

// jsonValue converts a YAML node to the JSON value it stands for.
func jsonValue(n *yaml.Node) (any, error) {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := jsonValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[resolve(n.Content[i]).Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := jsonValue(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case tagStr, tagTimestamp:
			return n.Value, nil
		case tagInt:
			return strconv.ParseInt(n.Value, 10, 64)
		case tagFloat:
			return strconv.ParseFloat(n.Value, 64)
		case tagBool:
			return strconv.ParseBool(n.Value)
		case tagNull:
			return nil, nil
		}
		return nil, fmt.Errorf("line %d: no JSON value for tag %s", n.Line, n.Tag)
	}
	return nil, fmt.Errorf("line %d: no JSON value for node kind %v", n.Line, n.Kind)
}

// datasetFiles returns the dataset files at or below path.
func datasetFiles(t *testing.T, path string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && IsDatasetFile(p) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSchemaAcceptsGood(t *testing.T) {
	sch := compileSchema(t)
	files := datasetFiles(t, goodDir)
	if len(files) == 0 {
		t.Fatal("no good files")
	}
	for _, f := range files {
		inst, err := instance(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// Bad cases by what the schema makes of them. Every bad case must be in one
// of these lists, so new cases are classified too.
var (
	// schemaRejects lists cases with a problem the schema can see.
	schemaRejects = []string{
		"aliases", "country-codes", "empty-strings", "enums", "evidence-fields",
		"id-formats", "invalid-dates", "json-types", "kind-prefix", "list-duplicates",
		"many-errors", "mechanism-kind", "missing-required", "no-evidence", "provenance",
		"published", "strength", "symbols", "top-lists", "top-not-mapping",
		"unknown-fields", "unknown-mechanism", "unknown-top-key", "urls", "wrong-kind-refs",
		"wrong-types",
	}
	// schemaAccepts lists cases whose problems only the whole dataset
	// shows (references, uniqueness, date order); each file is fine alone.
	schemaAccepts = []string{
		"cross-file", "dangling-refs", "date-order", "duplicate-ids", "duplicate-keys",
		"duplicate-paragraph", "mandate-year", "predecessors", "self-relation",
	}
	// schemaCannotRead lists cases that are not a YAML or JSON value at all.
	schemaCannotRead = []string{
		"control-char", "empty-dir", "invalid-utf8", "multi-document", "recursive-alias",
		"syntax-json", "syntax-yaml",
	}
)

func TestSchemaOnBadCases(t *testing.T) {
	sch := compileSchema(t)
	classified := slices.Concat(schemaRejects, schemaAccepts, schemaCannotRead)
	for _, entry := range badCases(t) {
		name := caseName(entry)
		if !slices.Contains(classified, name) {
			t.Errorf("bad case %q is in none of the schema test's lists", name)
		}
		rejects, accepts := slices.Contains(schemaRejects, name), slices.Contains(schemaAccepts, name)
		if !rejects && !accepts {
			continue
		}
		t.Run(name, func(t *testing.T) {
			var errs []string
			for _, f := range datasetFiles(t, filepath.Join(badDir, entry)) {
				inst, err := instance(f)
				if err != nil {
					t.Fatal(err)
				}
				if err := sch.Validate(inst); err != nil {
					errs = append(errs, err.Error())
				}
			}
			switch {
			case rejects && len(errs) == 0:
				t.Error("the schema accepts the case; want it rejected")
			case accepts && len(errs) > 0:
				t.Errorf("the schema rejects the case; want it accepted:\n%s", strings.Join(errs, "\n"))
			}
		})
	}
}

// lookup follows a path of keys through JSON values.
func lookup(t *testing.T, v any, keys ...string) any {
	t.Helper()
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("schema: %s: not an object", strings.Join(keys, "."))
		}
		v = m[k]
	}
	return v
}

// stringList converts a JSON array of strings.
func stringList(t *testing.T, v any) []string {
	t.Helper()
	arr, ok := v.([]any)
	if !ok {
		t.Fatalf("schema: want an array, got %T", v)
	}
	var out []string
	for _, x := range arr {
		out = append(out, x.(string))
	}
	return out
}

// TestSchemaMatchesCode checks the schema against the code's vocabularies,
// shapes and id formats, so that neither drifts from the other.
func TestSchemaMatchesCode(t *testing.T) {
	doc := schemaDoc(t)
	defs := lookup(t, doc, "$defs")
	enum := func(name string) []string { return stringList(t, lookup(t, defs, name, "enum")) }

	enums := []struct {
		def  string
		want []string
	}{
		{"mechanism", mechanismCodes()},
		{"tensionMechanism", mechanismsFor(policy.Tension)},
		{"convergenceMechanism", mechanismsFor(policy.Convergence)},
		{"mandateKind", mandateKinds()},
		{"documentKind", documentKinds()},
		{"relationKind", relationKinds()},
		{"provenanceStatus", []string{string(policy.Verified), string(policy.Unverified)}},
		{"countryCode", countryCodes()},
	}
	for _, e := range enums {
		if diff := cmp.Diff(e.want, enum(e.def)); diff != "" {
			t.Errorf("$defs.%s.enum differs from the code (-code +schema):\n%s", e.def, diff)
		}
	}

	for name, s := range shapes() {
		obj := lookup(t, defs, name)
		if name == "dataset" {
			obj = doc
		}
		if lookup(t, obj, "additionalProperties") != false {
			t.Errorf("%s: additionalProperties is not false", name)
		}
		var props []string
		for p := range lookup(t, obj, "properties").(map[string]any) {
			props = append(props, p)
		}
		sort.Strings(props)
		names := s.names()
		sort.Strings(names)
		if diff := cmp.Diff(names, props); diff != "" {
			t.Errorf("%s: properties differ from the loader's fields (-loader +schema):\n%s", name, diff)
		}
		var required []string
		for _, f := range s.fields {
			if f.required {
				required = append(required, f.name)
			}
		}
		var schemaRequired []string
		if r := lookup(t, obj, "required"); r != nil {
			schemaRequired = stringList(t, r)
		}
		if diff := cmp.Diff(required, schemaRequired); diff != "" {
			t.Errorf("%s: required fields differ (-loader +schema):\n%s", name, diff)
		}
	}

	pattern := func(keys ...string) string { return lookup(t, defs, append(keys, "pattern")...).(string) }
	for def, re := range map[string]*regexp.Regexp{
		"agendaId":   agendaIDPattern,
		"missionId":  missionIDPattern,
		"relationId": slugPattern,
	} {
		if got := pattern(def); got != re.String() {
			t.Errorf("$defs.%s.pattern = %q, loader uses %q", def, got, re.String())
		}
	}
	if got := pattern("document", "properties", "symbol"); got != symbolPattern.String() {
		t.Errorf("symbol pattern = %q, loader uses %q", got, symbolPattern.String())
	}
	paragraph := lookup(t, defs, "clause", "properties", "paragraph", "anyOf").([]any)[0]
	if got := lookup(t, paragraph, "pattern"); got != paragraphPattern.String() {
		t.Errorf("paragraph pattern = %q, loader uses %q", got, paragraphPattern.String())
	}

	// Composite id formats: the schema and the loader must agree on samples.
	mandateRe := regexp.MustCompile(pattern("mandateId"))
	documentRe := regexp.MustCompile(pattern("documentId"))
	for _, id := range []string{
		"S/RES/1925(2010)", "S/PRST/2005/20", "S/RES/1925 (2010)", "S/RES/0(2010)", "S/RES/12(10)",
		"S/PRST/2005/0", "S/PRST/05/1", "A/RES/70/262", "S/2015/446", "A/70/95-S/2015/446",
		"dpko-poc-2015", "Dpko", "-x", "x_y", "POC", "S/", "s/res/1(2000)",
	} {
		if got, want := mandateRe.MatchString(id), checkMandateID(id) == ""; got != want {
			t.Errorf("mandate id %q: schema says valid=%v, loader says %v", id, got, want)
		}
		if got, want := documentRe.MatchString(id), checkDocumentID(id) == ""; got != want {
			t.Errorf("document id %q: schema says valid=%v, loader says %v", id, got, want)
		}
	}
	// A clause id is its mandate's id, "#" and its paragraph locator.
	clauseRe := regexp.MustCompile(pattern("clauseId"))
	for _, id := range []string{
		"S/RES/1925(2010)#12", "S/RES/1925(2010)#12(a)", "S/RES/1925(2010)#12(a)(ii)", "S/RES/2409(2018)#36(i)",
		"S/RES/2409(2018)#36(i)(a)", "S/PRST/2005/20#3", "S/RES/1925(2010)#12(a)(b)", "S/RES/1925(2010)#36(i)(ii)(a)",
		"S/RES/1925(2010)#0", "S/RES/1925(2010)#12 (a)", "S/RES/1925(2010)", "S/RES/1925 (2010)#12", "dpko-poc-2015#1",
		"S/RES/2363(2017)#41(viii)", "S/RES/1542(2004)#7(I)", "S/RES/1542(2004)#7(II)(a)", "S/RES/1542(2004)#7(A)",
	} {
		mandate, paragraph, _ := strings.Cut(id, "#")
		want := strings.Contains(id, "#") && checkMandateID(mandate) == "" && checkParagraph(paragraph) == ""
		if got := clauseRe.MatchString(id); got != want {
			t.Errorf("clause id %q: schema says valid=%v, loader says %v", id, got, want)
		}
	}
}

func TestCheckParagraph(t *testing.T) {
	for _, tc := range []struct {
		locator string
		valid   bool
	}{
		{"12", true},
		{"12(a)", true},
		{"12(bb)", true},
		{"12(a)(ii)", true},
		{"36(i)", true},    // a letter or a roman heading; either way one level
		{"36(i)(a)", true}, // tasks grouped under roman headings (S/RES/2409(2018))
		{"36(iv)(c)", true},
		{"12(i)(ii)", true}, // letter (i), sub-item (ii)
		{"7(I)", true},      // a capital roman section of a paragraph (S/RES/1542(2004) 7 I.)
		{"7(II)(a)", true},  // a lettered item of that section
		{"7(III)(b)", true},
		{"7(Ii)", false},       // mixed case
		{"7(I)(ii)(a)", false}, // three levels
		{"7(a)(II)", false},    // a capital section is never below a letter
		{"0", false},           // paragraphs start at 1
		{"012", false},
		{"12a", false},   // no parentheses
		{"12(A)", false}, // upper case
		{"12()", false},
		{"12(a)(b)", false},      // two lettered levels
		{"12(ii)(iv)(a)", false}, // three levels
		{"12(abcd)", false},      // longer than any item letter
		{"12 (a)", false},        // spaces, as printed
		{"", false},
	} {
		if got := checkParagraph(tc.locator) == ""; got != tc.valid {
			t.Errorf("checkParagraph(%q) valid = %v, want %v (%s)", tc.locator, got, tc.valid, checkParagraph(tc.locator))
		}
	}
}
