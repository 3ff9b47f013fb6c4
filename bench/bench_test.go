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
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

// TestTinyScale runs the whole harness once at a tiny scale (the bundled
// data plus a small synthetic part) against the test server: the three
// contenders must give the same answers to all seven operations, and every
// cell must run without an error. Timings are printed, never asserted.
func TestTinyScale(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two servers and builds the binary")
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "bench", "peer", "node_modules")); err != nil && os.Getenv(neo4jtest.RequireEnv) != "1" {
		t.Skip("the peer's npm packages are not installed (npm ci in bench/peer; scripts/test.sh does it)")
	}
	neo4jtest.Open(t)          // the test server, and the lock on it
	ncfg := neo4jtest.Config() // never the server make run serves
	var out bytes.Buffer
	cfg := config{root: root, scales: []string{"tiny"}, rounds: 1, uri: ncfg.URI, user: ncfg.User, pass: ncfg.Password,
		rssCap: 2 << 30, out: &out}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	results, err := run(ctx, cfg)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	if !r.checked || len(r.checks) > 0 {
		t.Fatalf("answers differ: %v", r.checks)
	}
	for _, o := range ops {
		for _, c := range contenderNames {
			for _, conc := range []int{1, 4} {
				cells := r.cells[key(o, c, conc)]
				if len(cells) != 1 || !cells[0].ok() {
					t.Errorf("operation %s, %s, c=%d: %d cells, %+v", o.Name, c, conc, len(cells), cells)
				}
			}
		}
	}
	if !strings.Contains(out.String(), "all three contenders gave the same answers") {
		t.Errorf("the table does not report the check")
	}
}

// TestSyntheticPartIsValid loads the tiny synthetic part with the bundled
// data through the loader's validation, and checks the large shape's
// counts (the issue's: 100,000 clauses, 20,000 relations, 68 missions).
func TestSyntheticPartIsValid(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(root, "data")
	bundled, diags := loader.Read(data)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var agendas []string
	for _, a := range bundled.Agendas {
		agendas = append(agendas, a.ID)
	}
	dir := t.TempDir()
	if err := loader.WriteJSON(dir, syntheticPart(tinyShape, agendas, 1)); err != nil {
		t.Fatal(err)
	}
	ds, diags := loader.Read(data, dir)
	if len(diags) > 0 {
		t.Fatalf("bundled + synthetic part is invalid: %v", diags)
	}
	if got, want := ds.Counts()["Clause"], bundled.Counts()["Clause"]+tinyShape.clauses; got != want {
		t.Errorf("%d clauses, want %d (counts %v)", got, want, ds.Counts())
	}
	large := syntheticPart(issueShape, agendas, 18)
	clauses := 0
	for _, m := range large.Mandates {
		clauses += len(m.Clauses)
	}
	if clauses != 100_000 || len(large.Relations) != 20_000 || len(large.Missions) != 68 {
		t.Errorf("large part: %d clauses, %d relations, %d missions", clauses, len(large.Relations), len(large.Missions))
	}
}

func TestDifference(t *testing.T) {
	a := canonical(map[string]any{"ids": []any{"a", "b"}, "n": int64(2), "score": 1.2345678901234567})
	tests := []struct {
		name string
		b    any
		want string // "" or a prefix of the difference
	}{
		{"equal (JSON numbers, rounded score)", map[string]any{"ids": []any{"a", "b"}, "n": 2.0, "score": 1.23456789012}, ""},
		{"order", map[string]any{"ids": []any{"b", "a"}, "n": 2.0, "score": 1.23456789012}, "answer.ids[0]"},
		{"count", map[string]any{"ids": []any{"a", "b"}, "n": 3.0, "score": 1.23456789012}, "answer.n"},
		{"missing item", map[string]any{"ids": []any{"a"}, "n": 2.0, "score": 1.23456789012}, "answer.ids: 2 items vs 1"},
		{"score", map[string]any{"ids": []any{"a", "b"}, "n": 2.0, "score": 1.3}, "answer.score"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := difference(a, canonical(tt.b), "answer")
			if (tt.want == "") != (d == "") || !strings.HasPrefix(d, tt.want) {
				t.Errorf("difference = %q, want prefix %q", d, tt.want)
			}
		})
	}
}
