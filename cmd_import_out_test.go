package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/internal/shareddata"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
	"github.com/mandategraph/mandategraph/policy"
)

// importFixtures are shared resolutions: MINUSMA's 2227 (a mission the
// bundled data has), UNAMID's 2429 (a 56(viii) locator) and UNMISS's 2155
// (a mission the bundled data lacks, created from the facts table).
func importFixtures(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join(shareddata.Dir(), "external", "unxml-scresolutions", "Pre-2020")
	files := []string{
		filepath.Join(dir, "2015", "S_RES_2227_1510778E.xml"),
		filepath.Join(dir, "2018", "S_RES_2429_1811690E.xml"),
		filepath.Join(dir, "2014", "S_RES_2155_1454105E.xml"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("shared data missing: %v (set MANDATEGRAPH_SHARED_DATA)", err)
		}
	}
	return files
}

// curatedData copies the curated part of data/ (everything but the
// generated data/imported/ and data/import/) into a temporary directory:
// the bundled data already holds every resolution the fixtures name, so
// an import joined to all of it would write nothing.
func curatedData(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "curated")
	err := filepath.WalkDir("data", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("data", p)
		if d.IsDir() {
			if rel == "imported" || rel == "import" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy the curated data: %v", err)
	}
	return dst
}

func TestImportOut(t *testing.T) {
	files := importFixtures(t)
	curated := curatedData(t)
	noEnv := func(string) string { return "" }
	res, err := importer.Import(files)
	if err != nil || len(res.Errors) > 0 || len(res.Resolutions) != 3 {
		t.Fatalf("import: %v %v", err, res.Errors)
	}

	for _, text := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "imported")
		args := append([]string{"import", "--with", curated, "--out", out, "--text=" + map[bool]string{true: "true", false: "false"}[text]}, files...)
		code, stdout, stderr := runCmd(noEnv, args...)
		if code != 0 {
			t.Fatalf("--text=%v: exit %d\n%s%s", text, code, stdout, stderr)
		}
		if !strings.Contains(stdout, "wrote 4 files to "+out+": 3 mandates, 1 missions created") {
			t.Errorf("stdout: %s", stdout)
		}
		code, stdout, stderr = runCmd(noEnv, "validate", curated, out)
		if code != 0 {
			t.Fatalf("validate data %s: exit %d\n%s", out, code, stderr)
		}
		ds, diags := loader.Read(curated, out)
		if diags.Count() > 0 {
			t.Fatal(diags.Lines())
		}
		byID := map[string]policy.Mandate{}
		for _, m := range ds.Mandates {
			byID[m.ID] = m
		}
		for _, r := range res.Resolutions {
			m, ok := byID[r.Symbol]
			if !ok {
				t.Fatalf("%s not written", r.Symbol)
			}
			if !m.AllParagraphs || len(m.Clauses) != len(r.Clauses) || m.Adopted.String() != r.Adopted || m.URL != "https://undocs.org/"+r.Symbol {
				t.Errorf("%s: all %v, %d clauses (want %d), adopted %s (want %s), url %s", r.Symbol, m.AllParagraphs, len(m.Clauses), len(r.Clauses), m.Adopted, r.Adopted, m.URL)
			}
			for i, c := range m.Clauses {
				if c.Paragraph != r.Clauses[i].Locator || c.Summary != "" {
					t.Errorf("%s clause %d: %q summary %q, want %q and none", r.Symbol, i, c.Paragraph, c.Summary, r.Clauses[i].Locator)
				}
				if wantText := map[bool]string{true: r.Clauses[i].Text}[text]; c.Text != wantText {
					t.Errorf("%s#%s: text %q, want %q (--text=%v)", r.Symbol, c.Paragraph, c.Text, wantText, text)
				}
			}
		}
		if !slices.ContainsFunc(byID["S/RES/2429(2018)"].Clauses, func(c policy.Clause) bool { return c.Paragraph == "56(viii)" }) {
			t.Error("2429 has no clause 56(viii)")
		}
		if m := byID["S/RES/2155(2014)"]; !slices.Contains(m.Missions, "UNMISS") {
			t.Errorf("2155 missions %v", m.Missions)
		}
		i := slices.IndexFunc(ds.Missions, func(m policy.Mission) bool { return m.ID == "UNMISS" })
		if i < 0 || ds.Missions[i].Start.String() != "2011-07-08" || !slices.Equal(ds.Missions[i].HostCountries, []string{"SSD"}) {
			t.Errorf("UNMISS: %+v", ds.Missions)
		}
		// Writing again gives the same bytes.
		again := filepath.Join(t.TempDir(), "again")
		if code, _, stderr := runCmd(noEnv, append([]string{"import", "--with", curated, "--out", again, "--text=" + map[bool]string{true: "true", false: "false"}[text]}, files...)...); code != 0 {
			t.Fatal(stderr)
		}
		for _, name := range []string{"missions.yaml", "res-2227-2015.yaml", "res-2429-2018.yaml", "res-2155-2014.yaml"} {
			a, err1 := os.ReadFile(filepath.Join(out, name))
			b, err2 := os.ReadFile(filepath.Join(again, name))
			if err1 != nil || err2 != nil || string(a) != string(b) {
				t.Errorf("%s: not written the same twice (%v, %v)", name, err1, err2)
			}
		}
	}
}

func TestImportUsage(t *testing.T) {
	files := importFixtures(t)
	noEnv := func(string) string { return "" }
	for _, args := range [][]string{
		{"import", "--out", t.TempDir()},                                // no --with
		{"import", "--with", "data", "--out", t.TempDir(), "--load"},    // two modes
		{"import", "--with", "data", "--out", t.TempDir(), "--dry-run"}, // dry run without load
	} {
		if code, _, _ := runCmd(noEnv, append(args, files[0])...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// import --load goes through load: the graph becomes the bundled data plus
// the imported resolutions, and the API's reads see their clauses.
func TestImportLoad(t *testing.T) {
	files := importFixtures(t)
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if err := store.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	curated := curatedData(t)
	code, stdout, stderr := runCmd(neo4jtest.Getenv, append([]string{"import", "--with", curated, "--load", "--text=true"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "loaded: ") {
		t.Errorf("no load report:\n%s", stdout)
	}
	res, err := importer.Import(files[1:2])
	if err != nil || len(res.Resolutions) != 1 {
		t.Fatal(err)
	}
	got, err := store.MandateClauses(ctx, []string{"S/RES/2429(2018)"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cs := got["S/RES/2429(2018)"]
	if len(cs) != len(res.Resolutions[0].Clauses) {
		t.Fatalf("%d clauses in the graph, the importer read %d", len(cs), len(res.Resolutions[0].Clauses))
	}
	for i, c := range cs {
		if c.Paragraph != res.Resolutions[0].Clauses[i].Locator || c.Text != res.Resolutions[0].Clauses[i].Text {
			t.Errorf("clause %d: %s, want %s with its text", i, c.Paragraph, res.Resolutions[0].Clauses[i].Locator)
		}
	}
	// The bundled data is still there.
	bundled, err := store.MandateClauses(ctx, []string{"S/RES/1925(2010)"}, nil, nil)
	if err != nil || len(bundled["S/RES/1925(2010)"]) == 0 {
		t.Errorf("bundled MONUSCO mandate lost: %v %d", err, len(bundled["S/RES/1925(2010)"]))
	}
	// A rejected file loads nothing.
	bad := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(bad, []byte("no resolution here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(neo4jtest.Getenv, "import", "--with", curated, "--load", files[0], bad); code != 1 || !strings.Contains(stderr, "nothing loaded") {
		t.Errorf("with a rejected file: exit %d\n%s", code, stderr)
	}
	if after, err := store.Dump(ctx); err != nil || after != before {
		t.Errorf("graph changed after a refused import (%v)", err)
	}
}
