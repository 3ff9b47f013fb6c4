package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

const goodYAML = `agendas:
  - id: POC
    name: Protection of civilians
    description: Protecting civilians under threat of physical violence.
    provenance: {source: "https://example.org/poc", status: unverified}
missions:
  - id: MONUSCO
    name: United Nations Organization Stabilization Mission in the Democratic Republic of the Congo
    hostCountries: [COD]
    start: 2010-07-01
    provenance: {source: S/RES/1925(2010), status: verified, method: establishing resolution}
mandates:
  - id: S/RES/1925(2010)
    kind: RESOLUTION
    adopted: 2010-05-28
    chapterVII: true
    missions: [MONUSCO]
    provenance: {source: "https://undocs.org/S/RES/1925(2010)", status: verified, method: official text}
    clauses:
      - paragraph: 12(a)
        summary: Makes the protection of civilians the mission's priority.
        agendas: [POC]
`

// badYAML has three mistakes: a country code, an unknown field and a
// misspelt mission id.
var badYAML = strings.NewReplacer(
	"hostCountries: [COD]", "hostCountries: [DRC]",
	"    chapterVII: true\n", "    chapterVII: true\n    colour: red\n",
	"missions: [MONUSCO]", "missions: [MONUSC0]",
).Replace(goodYAML)

// writeDataset writes one dataset file into a new directory and returns
// the directory and the file's path.
func writeDataset(t *testing.T, content string) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	file = filepath.Join(dir, "data.yaml")
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func runCmd(getenv func(string) string, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, getenv, &out, &errOut)
	return code, out.String(), errOut.String()
}

func badDiagnostics(file string) string {
	return file + `:9:21: missions[0].hostCountries[0]: unknown country code "DRC" (did you mean "COD"?)
` + file + `:17:5: mandates[0]: unknown field "colour" (valid fields: id, kind, adopted, chapterVII, url, missions, cites, allParagraphs, clauses, provenance)
` + file + `:18:16: mandates[0].missions[0]: unknown mission "MONUSC0" (did you mean "MONUSCO"?)
3 errors
`
}

func TestValidateCommand(t *testing.T) {
	good, _ := writeDataset(t, goodYAML)
	bad, badFile := writeDataset(t, badYAML)
	noEnv := func(string) string { return "" }
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"valid", []string{"validate", good}, 0,
			"valid: 1 agenda, 1 mission, 1 mandate, 1 clause, 0 documents, 0 relations in " + good + "\n", ""},
		{"invalid", []string{"validate", bad}, 1, "", badDiagnostics(badFile)},
		{"one bad directory spoils all", []string{"validate", good, bad}, 1, "", "duplicate id"},
		{"no directory", []string{"validate"}, 2, "", "validate needs at least one dataset directory"},
		{"missing directory", []string{"validate", filepath.Join(good, "nope")}, 1, "", "1 error\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(noEnv, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if stdout != tt.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, tt.stdout)
			}
			if tt.code == 1 && tt.name == "invalid" {
				if stderr != tt.stderr {
					t.Errorf("stderr:\n%s\nwant exactly:\n%s", stderr, tt.stderr)
				}
			} else if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr:\n%s\nwant it to contain %q", stderr, tt.stderr)
			}
		})
	}
}

func TestLoadCommandWritesNothingForAnInvalidDataset(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if err := store.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	good, _ := writeDataset(t, goodYAML)
	if code, _, stderr := runCmd(neo4jtest.Getenv, "load", good); code != 0 {
		t.Fatalf("load %s: exit %d\n%s", good, code, stderr)
	}
	before, err := store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}

	bad, badFile := writeDataset(t, badYAML)
	for _, args := range [][]string{{"load", bad}, {"load", "--dry-run", bad}, {"load", good, bad}} {
		code, stdout, stderr := runCmd(neo4jtest.Getenv, args...)
		want := badDiagnostics(badFile)
		if len(args) == 3 && args[1] == good {
			want = "" // the duplicates between good and bad are reported too
		}
		if code != 1 || stdout != "" || (want != "" && stderr != want) || !strings.HasSuffix(stderr, " errors\n") {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit 1, no stdout and stderr:\n%s", args, code, stdout, stderr, want)
		}
	}
	after, err := store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("the graph changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	// Invalid data never reaches the database: with Neo4j unreachable the
	// command still reports the dataset's errors, and only them.
	unreachable := func(k string) string {
		if k == neo4jdb.EnvURI {
			return "bolt://127.0.0.1:1"
		}
		return ""
	}
	if code, _, stderr := runCmd(unreachable, "load", bad); code != 1 || stderr != badDiagnostics(badFile) {
		t.Errorf("with Neo4j unreachable: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestLoadCommand(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if err := store.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	good, _ := writeDataset(t, goodYAML)

	code, stdout, stderr := runCmd(neo4jtest.Getenv, "load", good)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"Mission                    1          0          0          0\n",
		"HAS_CLAUSE                 1          0          0          0\n",
		"all relationships          3          0          0          0\n",
		"loaded: 7 changes, 7 rows written in ",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.HasPrefix(stderr, "loading 1 agenda, 1 mission, 1 mandate, 1 clause, 0 documents, 0 relations into bolt://") {
		t.Errorf("stderr:\n%s", stderr)
	}
	loaded, err := store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(loaded, "\n"); n != 7 {
		t.Errorf("dump has %d lines, want 4 nodes + 3 relationships:\n%s", n, loaded)
	}
	// The command writes what Store.Load of the same data writes.
	ds, diags := loader.Read(good)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if err := store.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Load(ctx, ds, neo4jdb.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if direct, err := store.Dump(ctx); err != nil || direct != loaded {
		t.Errorf("Store.Load wrote (err %v):\n%s\nthe command:\n%s", err, direct, loaded)
	}

	code, stdout, _ = runCmd(neo4jtest.Getenv, "load", "--batch-size", "1", good)
	if code != 0 || !strings.Contains(stdout, "loaded: 0 changes, 0 rows written") {
		t.Errorf("reload: exit %d\n%s", code, stdout)
	}

	changed, _ := writeDataset(t, strings.Replace(goodYAML, "the mission's priority", "the priority", 1))
	code, stdout, _ = runCmd(neo4jtest.Getenv, "load", "--dry-run", changed)
	if code != 0 || !strings.Contains(stdout, "Clause                     0          1          0          0\n") ||
		!strings.Contains(stdout, "dry run: 1 changes computed, nothing written") {
		t.Errorf("dry run: exit %d\n%s", code, stdout)
	}
	after, err := store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != loaded {
		t.Errorf("the dry run changed the graph:\nbefore:\n%s\nafter:\n%s", loaded, after)
	}
}

func TestLoadCommandUsageErrors(t *testing.T) {
	dir, _ := writeDataset(t, goodYAML)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"load"}, "load needs at least one dataset directory"},
		{[]string{"load", "--batch-size", "0", dir}, "--batch-size must be positive"},
		{[]string{"load", "--stage-above", "0", dir}, "--stage-above must be a positive number of rows, or -1"},
		{[]string{"load", "--stage-batch-size", "-5", dir}, "--stage-batch-size must be positive"},
		{[]string{"load", "--workers", "0", dir}, "--workers must be positive"},
		{[]string{"load", "--progress-interval", "-1s", dir}, "--progress-interval must be 0 or more"},
		{[]string{"load", "--batch-size", "many", dir}, `invalid value "many" for flag -batch-size`},
		{[]string{"load", "--force", dir}, "flag provided but not defined: -force"},
	} {
		code, _, stderr := runCmd(func(string) string { return "" }, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "usage: mandategraph") {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestProgressPrinter(t *testing.T) {
	for _, tt := range []struct {
		name     string
		interval time.Duration
		want     []string // the lines' beginnings, in order
	}{
		{"every batch", 0, []string{"writing 3000 rows in batches of 1000", "wrote 1000/3000", "wrote 2000/3000", "wrote 3000/3000", "committing"}},
		{"once an hour", time.Hour, []string{"writing 3000 rows in batches of 1000", "wrote 1000/3000", "wrote 3000/3000", "committing"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			progress := progressPrinter(&out, 1000, tt.interval)
			for _, done := range []int{0, 1000, 2000, 3000} {
				progress(done, 3000)
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(tt.want), out.String())
			}
			for i, want := range tt.want {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("line %d = %q, want it to start with %q", i+1, lines[i], want)
				}
			}
		})
	}
}

// TestLoadRefusesMassDeletion: a load that would delete more than
// --max-delete-share of the graph's nodes (a wrong directory, half a
// dataset) is refused and writes nothing, unless --allow-deletions.
func TestLoadRefusesMassDeletion(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if err := store.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	good, _ := writeDataset(t, goodYAML)
	if code, _, stderr := runCmd(neo4jtest.Getenv, "load", good); code != 0 {
		t.Fatalf("load: exit %d\n%s", code, stderr)
	}
	before, err := store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Only the agenda: 3 of the 4 nodes would go.
	agendaOnly, _ := writeDataset(t, goodYAML[:strings.Index(goodYAML, "missions:")])
	code, _, stderr := runCmd(neo4jtest.Getenv, "load", agendaOnly)
	if code == 0 || !strings.Contains(stderr, "load refused, the graph is unchanged: it would delete 3 of the graph's 4 nodes (75%), more than --max-delete-share 0.5") ||
		!strings.Contains(stderr, "--allow-deletions") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if after, err := store.Dump(ctx); err != nil || after != before {
		t.Errorf("the refused load changed the graph (err %v):\n%s", err, after)
	}
	// A higher share, or the flag, lets it through.
	if code, _, stderr := runCmd(neo4jtest.Getenv, "load", "--max-delete-share", "0.8", "--dry-run", agendaOnly); code != 0 {
		t.Errorf("--max-delete-share 0.8 --dry-run: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCmd(neo4jtest.Getenv, "load", "--max-delete-share", "2", agendaOnly); code != 2 || !strings.Contains(stderr, "between 0 and 1") {
		t.Errorf("--max-delete-share 2: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := runCmd(neo4jtest.Getenv, "load", "--allow-deletions", agendaOnly)
	if code != 0 || !strings.Contains(stdout, "Mission                    0          0          1          0\n") {
		t.Errorf("--allow-deletions: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// An empty dataset never gets that far: validation refuses it.
	empty, _ := writeDataset(t, "# nothing yet\n")
	if code, _, stderr := runCmd(neo4jtest.Getenv, "load", "--allow-deletions", empty); code != 1 || !strings.Contains(stderr, empty+": holds no agendas") {
		t.Errorf("empty dataset: exit %d\n%s", code, stderr)
	}
}
