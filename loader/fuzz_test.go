package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mandategraph/mandategraph/policy"
)

// field and entry of an ordered mapping for encodeYAML.
type kv struct {
	k string
	v any
}

// encodeYAML writes a dataset in the dataset format, as one flow-style YAML
// document with every string double-quoted and escaped (strconv's escapes
// are all valid YAML escapes), so any string survives the trip.
func encodeYAML(ds *policy.Dataset) []byte {
	var b strings.Builder
	emit(&b, datasetValue(ds))
	b.WriteByte('\n')
	return []byte(b.String())
}

func emit(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		b.WriteString(strconv.QuoteToASCII(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			emit(b, x)
		}
		b.WriteByte(']')
	case []kv:
		b.WriteByte('{')
		for i, f := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(f.k))
			b.WriteString(": ")
			emit(b, f.v)
		}
		b.WriteByte('}')
	default:
		panic(fmt.Sprintf("emit: unexpected %T", v))
	}
}

// fields builds a mapping, leaving out empty strings and nil lists.
func fields(pairs ...kv) []kv {
	var out []kv
	for _, p := range pairs {
		switch v := p.v.(type) {
		case string:
			if v == "" {
				continue
			}
		case []any:
			if v == nil {
				continue
			}
		case nil:
			continue
		}
		out = append(out, p)
	}
	return out
}

func strs(xs []string) []any {
	if xs == nil {
		return nil
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func list[T any](xs []T, f func(T) []kv) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func provenanceValue(p policy.Provenance) []kv {
	return fields(kv{"source", p.Source}, kv{"status", string(p.Status)}, kv{"method", p.Method})
}

func datasetValue(ds *policy.Dataset) []kv {
	return []kv{
		{"agendas", list(ds.Agendas, func(a policy.Agenda) []kv {
			return fields(kv{"id", a.ID}, kv{"name", a.Name}, kv{"description", a.Description}, kv{"provenance", provenanceValue(a.Provenance)})
		})},
		{"missions", list(ds.Missions, func(m policy.Mission) []kv {
			return fields(kv{"id", m.ID}, kv{"name", m.Name}, kv{"hostCountries", strs(m.HostCountries)},
				kv{"start", m.Start.String()}, kv{"end", m.End.String()}, kv{"predecessor", m.Predecessor},
				kv{"provenance", provenanceValue(m.Provenance)})
		})},
		{"mandates", list(ds.Mandates, func(m policy.Mandate) []kv {
			var chapterVII any
			if m.ChapterVII != nil {
				chapterVII = *m.ChapterVII
			}
			var clauses []any
			if m.Clauses != nil {
				clauses = list(m.Clauses, func(c policy.Clause) []kv {
					return fields(kv{"paragraph", c.Paragraph}, kv{"summary", c.Summary}, kv{"text", c.Text},
						kv{"agendas", strs(c.Agendas)}, kv{"provenance", provenanceValue(c.Provenance)})
				})
			}
			return fields(kv{"id", m.ID}, kv{"kind", string(m.Kind)}, kv{"adopted", m.Adopted.String()},
				kv{"chapterVII", chapterVII}, kv{"url", m.URL}, kv{"missions", strs(m.Missions)},
				kv{"cites", strs(m.Cites)}, kv{"clauses", clauses}, kv{"provenance", provenanceValue(m.Provenance)})
		})},
		{"documents", list(ds.Documents, func(d policy.Document) []kv {
			var published any = d.Year
			if !d.Published.IsZero() {
				published = d.Published.String()
			}
			return fields(kv{"id", d.ID}, kv{"title", d.Title}, kv{"kind", string(d.Kind)}, kv{"issuer", d.Issuer},
				kv{"published", published}, kv{"symbol", d.Symbol}, kv{"url", d.URL},
				kv{"agendas", strs(d.Agendas)}, kv{"cites", strs(d.Cites)}, kv{"provenance", provenanceValue(d.Provenance)})
		})},
		{"relations", list(ds.Relations, func(r policy.Relation) []kv {
			return fields(kv{"id", r.ID}, kv{"kind", string(r.Kind)}, kv{"source", r.Source}, kv{"target", r.Target},
				kv{"mechanism", r.Mechanism}, kv{"summary", r.Summary}, kv{"strength", r.Strength}, kv{"mission", r.Mission},
				kv{"evidence", list(r.Evidence, func(e policy.Evidence) []kv {
					return fields(kv{"document", e.Document}, kv{"locator", e.Locator}, kv{"note", e.Note})
				})})
		})},
	}
}

// TestRoundTrip checks that a dataset written back out reads the same.
func TestRoundTrip(t *testing.T) {
	ds, diags := Read(goodDir)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	enc := encodeYAML(ds)
	again, diags := Parse(map[string][]byte{"roundtrip.yaml": enc})
	if len(diags) > 0 {
		t.Fatalf("re-encoded dataset is invalid:\n%v\n%s", diags, enc)
	}
	if diff := cmp.Diff(ds, again, dateCmp); diff != "" {
		t.Errorf("round trip changed the dataset (-before +after):\n%s", diff)
	}
}

// FuzzParse feeds arbitrary bytes to the parser as a YAML or JSON file. It
// must never panic, must return either a dataset or diagnostics, and a
// dataset it returns must, written back out, read the same.
func FuzzParse(f *testing.F) {
	ds, diags := Read(goodDir)
	if len(diags) > 0 {
		f.Fatal(diags)
	}
	f.Add(encodeYAML(ds), false) // one file with every kind of entity
	for _, dir := range []string{goodDir, badDir} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		for _, p := range paths {
			if !IsDatasetFile(p) {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data, strings.HasSuffix(p, ".json"))
		}
	}
	for _, s := range []string{
		"",
		"agendas: []\n",
		"agendas:\n  - &a {id: POC, name: n, description: d, provenance: {source: 'https://x.org', status: unverified}}\n",
		"x: &a [*a]\n",
		`{"relations": [{"id": "r", "strength": 1e999}]}`,
	} {
		f.Add([]byte(s), strings.HasPrefix(s, "{"))
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "fuzz.yaml"
		if isJSON {
			name = "fuzz.json"
		}
		ds, diags := Parse(map[string][]byte{name: data})
		if (ds == nil) == (len(diags) == 0) {
			t.Fatalf("got dataset %v with %d diagnostics; want exactly one of them", ds != nil, len(diags))
		}
		if !sort.SliceIsSorted(diags, func(i, j int) bool {
			a, b := diags[i], diags[j]
			return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
		}) {
			t.Errorf("diagnostics not sorted:\n%v", diags)
		}
		for _, d := range diags {
			if d.File != name || d.Message == "" {
				t.Errorf("malformed diagnostic %#v", d)
			}
		}
		if ds == nil {
			return
		}
		enc := encodeYAML(ds)
		again, diags := Parse(map[string][]byte{"roundtrip.yaml": enc})
		if len(diags) > 0 {
			t.Fatalf("valid input does not re-validate once written back:\n%v\ninput:\n%q\nwritten:\n%s", diags, data, enc)
		}
		if diff := cmp.Diff(ds, again, dateCmp); diff != "" {
			t.Fatalf("round trip changed the dataset (-before +after):\n%s", diff)
		}
	})
}
