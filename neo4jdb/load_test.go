package neo4jdb_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/loader/synth"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
	"github.com/mandategraph/mandategraph/policy"
)

// ---- helpers ----

// emptyStore connects to the test server and clears the graph.
func emptyStore(t *testing.T) *neo4jdb.Store {
	t.Helper()
	store := neo4jtest.Open(t)
	if err := store.Reset(context.Background()); err != nil {
		t.Fatal(err)
	}
	return store
}

func mustLoad(t *testing.T, store *neo4jdb.Store, ds *policy.Dataset, opts neo4jdb.LoadOptions) neo4jdb.LoadReport {
	t.Helper()
	rep, err := store.Load(context.Background(), ds, opts)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return rep
}

// loadModes are the two ways Load writes: the difference in one
// transaction, or (forced here with a threshold of one row, and batches of
// 3 rows so that even the small datasets take many transactions) a staged
// copy and a switch.
var loadModes = []struct {
	name   string
	opts   neo4jdb.LoadOptions
	staged bool
}{
	{"one transaction", neo4jdb.LoadOptions{StageAbove: -1}, false},
	{"staged", neo4jdb.LoadOptions{StageAbove: 1, BatchSize: 3, StageBatchSize: 3, Workers: 2}, true},
}

// noDebris fails the test if a staged or retired copy is left in the graph.
func noDebris(t *testing.T, store *neo4jdb.Store) {
	t.Helper()
	rec := cypher(t, store, `MATCH (n:`+neo4jdb.LabelStaged+`|`+neo4jdb.LabelRetired+`) RETURN count(n) AS n`, nil)
	if n, _ := rec[0].Get("n"); n.(int64) != 0 {
		t.Errorf("%d staged or retired nodes left in the graph", n)
	}
}

func mustDump(t *testing.T, store *neo4jdb.Store) string {
	t.Helper()
	d, err := store.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// cypher runs one statement in its own write transaction, for tests that
// must put into the graph what the loader never would, or count things.
func cypher(t testing.TB, store *neo4jdb.Store, query string, params map[string]any) []*neo4j.Record {
	t.Helper()
	recs, err := neo4jdb.CypherForTest(context.Background(), store, query, params)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return recs
}

// sameDump fails with the lines that differ when two dumps are not equal.
func sameDump(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	gotLines, wantLines := lineSet(got), lineSet(want)
	var b strings.Builder
	for l := range wantLines {
		if !gotLines[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for l := range gotLines {
		if !wantLines[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	t.Fatalf("%s: dumps differ (- want, + got):\n%s", what, b.String())
}

// withLine adds a line to a dump, keeping its lines sorted.
func withLine(dump, line string) string {
	lines := append(strings.Split(strings.TrimSuffix(dump, "\n"), "\n"), line)
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

func lineSet(dump string) map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(dump, "\n"), "\n") {
		m[l] = true
	}
	return m
}

// ---- the hand-built dataset ----

func verified(source string) policy.Provenance {
	return policy.Provenance{Source: source, Status: policy.Verified, Method: "checked against the official text"}
}

func unverified(source string) policy.Provenance {
	return policy.Provenance{Source: source, Status: policy.Unverified}
}

func clause(mandate, para, summary string, order int, agendas ...string) policy.Clause {
	return policy.Clause{ID: policy.ClauseID(mandate, para), MandateID: mandate, Paragraph: para, Summary: summary,
		Agendas: agendas, Order: order}
}

// smallDataset is a hand-built dataset that exercises every node label,
// relationship type and optional property of the model.
func smallDataset() *policy.Dataset {
	yes, no := true, false
	const r1856, r1925, r1996 = "S/RES/1856(2008)", "S/RES/1925(2010)", "S/RES/1996(2011)"
	c12a := clause(r1925, "12(a)", "Makes protecting civilians under imminent threat the mission's priority.", 1, "POC")
	c12a.Text = "Decides that the protection of civilians must be given priority"
	c12a.Provenance = verified(r1925)
	c12b := clause(r1925, "12(b)", "Asks the mission to protect humanitarian personnel.", 2, "POC")
	c12b.Provenance = verified(r1925)
	c12c := clause(r1925, "12(c)", "Supports the reform of the national army and police.", 3, "SSR")
	c12c.Provenance = unverified("https://undocs.org/S/RES/1925(2010)")
	c3a := clause(r1856, "3(a)", "Protects civilians, humanitarian personnel and UN staff.", 1, "POC")
	c3a.Provenance = unverified(r1856)
	c3b := clause(r1996, "3(b)", "Supports the government in protecting civilians and reforming the security sector.", 1, "POC", "SSR")
	c3b.Provenance = verified(r1996)
	return &policy.Dataset{
		Agendas: []policy.Agenda{
			{ID: "POC", Name: "Protection of civilians", Description: "Protecting civilians under threat of physical violence.", Provenance: verified("dpko-poc-2015")},
			{ID: "SSR", Name: "Security sector reform", Description: "Making security institutions effective and accountable.", Provenance: unverified("https://example.org/ssr")},
		},
		Missions: []policy.Mission{
			{ID: "MONUC", Name: "United Nations Organization Mission in the Democratic Republic of the Congo", HostCountries: []string{"COD"},
				Start: policy.MustDate("1999-11-30"), End: policy.MustDate("2010-06-30"), Provenance: verified("S/RES/1925(2010)")},
			{ID: "MONUSCO", Name: "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo", HostCountries: []string{"COD"},
				Start: policy.MustDate("2010-07-01"), Predecessor: "MONUC", Provenance: verified(r1925)},
			{ID: "UNMISS", Name: "United Nations Mission in the Republic of South Sudan", HostCountries: []string{"SSD", "SDN"},
				Start: policy.MustDate("2011-07-09"), Provenance: unverified("https://undocs.org/S/RES/1996(2011)")},
		},
		Mandates: []policy.Mandate{
			{ID: r1856, Kind: policy.Resolution, Adopted: policy.MustDate("2008-12-22"), Missions: []string{"MONUC"},
				Clauses: []policy.Clause{c3a}, Provenance: unverified(r1856)},
			{ID: r1925, Kind: policy.Resolution, Adopted: policy.MustDate("2010-05-28"), ChapterVII: &yes, URL: "https://undocs.org/S/RES/1925(2010)",
				Missions: []string{"MONUSCO"}, Cites: []string{r1856}, Clauses: []policy.Clause{c12a, c12b, c12c}, Provenance: verified(r1925)},
			{ID: r1996, Kind: policy.Resolution, Adopted: policy.MustDate("2011-07-08"), ChapterVII: &no,
				Missions: []string{"UNMISS"}, Clauses: []policy.Clause{c3b}, Provenance: verified(r1996)},
		},
		Documents: []policy.Document{
			{ID: "dpko-poc-2015", Title: "The Protection of Civilians in UN Peacekeeping", Kind: policy.DocPolicy, Issuer: "DPKO/DFS",
				Published: policy.MustDate("2015-04-01"), Year: 2015, URL: "https://example.org/poc-policy.pdf",
				Agendas: []string{"POC"}, Cites: []string{r1925}, Provenance: verified("https://example.org/poc-policy.pdf")},
			{ID: "ssr-report-2016", Title: "Securing States and Societies", Kind: policy.DocReport, Issuer: "Secretary-General",
				Year: 2016, Symbol: "S/2016/1", Agendas: []string{"SSR"}, Cites: []string{"dpko-poc-2015"}, Provenance: unverified("https://example.org/ssr-report")},
		},
		Relations: []policy.Relation{
			{ID: "monusco-poc-ssr-partner-forces", Kind: policy.Tension, Source: c12a.ID, Target: "SSR", Mechanism: "PARTNER_FORCE_ABUSES",
				Summary: "Supporting the army that abuses civilians undercuts protecting them.", Strength: 3, Mission: "MONUSCO",
				Evidence: []policy.Evidence{{Document: "dpko-poc-2015", Locator: "p. 4", Note: "Names the risk."}, {Document: "ssr-report-2016", Note: "Discusses vetting."}}},
			{ID: "poc-ssr-shared-goal", Kind: policy.Convergence, Source: "dpko-poc-2015", Target: "ssr-report-2016", Mechanism: "SHARED_GOAL",
				Summary: "Both aim at civilians being safe.", Strength: 2,
				Evidence: []policy.Evidence{{Document: "dpko-poc-2015", Locator: "para. 12", Note: "Calls the agendas mutually supportive."}}},
		},
	}
}

// changedDataset is smallDataset with one mission (and its mandate)
// removed, one clause edited, one relation added and one citation removed.
func changedDataset() *policy.Dataset {
	ds := smallDataset()
	ds.Missions = ds.Missions[:2]                        // UNMISS goes...
	ds.Mandates = ds.Mandates[:2]                        // ...with S/RES/1996(2011) and its clause 3(b)
	ds.Mandates[1].Clauses[1].Summary = "Edited."        // 12(b)
	ds.Documents[1].Cites = nil                          // ssr-report-2016 no longer cites dpko-poc-2015
	ds.Relations = append(ds.Relations, policy.Relation{ // a new convergence
		ID: "mandate-poc-rule-of-law", Kind: policy.Convergence, Source: "S/RES/1925(2010)", Target: "POC", Mechanism: "RULE_OF_LAW_LINK",
		Summary: "Justice work serves protection.", Strength: 1, Mission: "MONUSCO",
		Evidence: []policy.Evidence{{Document: "dpko-poc-2015", Note: "Links justice and protection."}}})
	return ds
}

// counts builds a report map from "kind:created/updated/deleted/unchanged"
// shorthand, every other kind of the model being zero.
func counts(kinds []string, set map[string]neo4jdb.Count) map[string]neo4jdb.Count {
	m := map[string]neo4jdb.Count{}
	for _, k := range kinds {
		m[k] = set[k]
	}
	for k, c := range set {
		m[k] = c
	}
	return m
}

// ---- tests ----

func TestLoadWritesTheModel(t *testing.T) {
	store := emptyStore(t)
	rep := mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})

	wantNodes := counts(neo4jdb.NodeLabels, map[string]neo4jdb.Count{
		"Agenda": {Created: 2}, "Mission": {Created: 3}, "Document": {Created: 2}, "Mandate": {Created: 3}, "Clause": {Created: 5}})
	wantRels := counts(neo4jdb.RelTypes, map[string]neo4jdb.Count{
		"MANDATES": {Created: 3}, "HAS_CLAUSE": {Created: 5}, "ADDRESSES": {Created: 8}, "CITES": {Created: 3},
		"SUCCEEDED_BY": {Created: 1}, "TENSION": {Created: 1}, "CONVERGENCE": {Created: 1}})
	if !reflect.DeepEqual(rep.Nodes, wantNodes) || !reflect.DeepEqual(rep.Relationships, wantRels) {
		t.Errorf("report:\n%v\nwant nodes %v\nrels %v", rep, wantNodes, wantRels)
	}
	if rep.DryRun || rep.Changes() != 22+15 || rep.Rows != 37 {
		t.Errorf("report: dry run %v, %d changes, %d rows; want a real load of 37 changes and rows", rep.DryRun, rep.Changes(), rep.Rows)
	}

	// The graph's shape, counted by Neo4j itself.
	for _, tt := range []struct {
		query string
		want  int64
	}{
		{"MATCH (n) RETURN count(n)", 15},
		{"MATCH (n:Entity) WHERE size(labels(n)) = 2 AND n.kind IN labels(n) RETURN count(n)", 15},
		{"MATCH (n:Agenda) RETURN count(n)", 2},
		{"MATCH (n:Mission) RETURN count(n)", 3},
		{"MATCH (n:Document) RETURN count(n)", 2},
		{"MATCH (n:Mandate) RETURN count(n)", 3},
		{"MATCH (n:Clause) RETURN count(n)", 5},
		{"MATCH ()-[r]->() RETURN count(r)", 22},
		{"MATCH (:Mandate)-[r:MANDATES]->(:Mission) RETURN count(r)", 3},
		{"MATCH (:Mandate)-[r:HAS_CLAUSE]->(:Clause) RETURN count(r)", 5},
		{"MATCH (:Clause)-[r:ADDRESSES]->(:Agenda) RETURN count(r)", 6},
		{"MATCH (:Document)-[r:ADDRESSES]->(:Agenda) RETURN count(r)", 2},
		{"MATCH (a)-[r:CITES]->(b) WHERE (a:Mandate OR a:Document) AND (b:Mandate OR b:Document) RETURN count(r)", 3},
		{"MATCH (:Mission {id: 'MONUC'})-[r:SUCCEEDED_BY]->(:Mission {id: 'MONUSCO'}) RETURN count(r)", 1},
		{"MATCH (:Clause {id: 'S/RES/1925(2010)#12(a)'})-[r:TENSION {id: 'monusco-poc-ssr-partner-forces'}]->(:Agenda {id: 'SSR'}) RETURN count(r)", 1},
		{"MATCH (:Document)-[r:CONVERGENCE]->(:Document) RETURN count(r)", 1},
		// Dates are DATE values, absent optional values absent properties.
		{"MATCH (n:Mission) WHERE n.startDate IS :: DATE NOT NULL RETURN count(n)", 3},
		{"MATCH (n:Mission) WHERE n.endDate IS NULL RETURN count(n)", 2},
		{"MATCH (n:Mandate) WHERE n.chapterVII IS NULL RETURN count(n)", 1},
		{"MATCH (n:Mandate) WHERE n.url IS NULL RETURN count(n)", 2},
		{"MATCH (n:Document) WHERE n.published IS NULL AND n.year = 2016 RETURN count(n)", 1},
		{"MATCH (n:Clause) WHERE n.text IS NULL RETURN count(n)", 4},
		{"MATCH (n) WHERE any(k IN keys(n) WHERE n[k] = '') RETURN count(n)", 0},
	} {
		recs := cypher(t, store, tt.query, nil)
		if got := recs[0].Values[0].(int64); got != tt.want {
			t.Errorf("%s = %d, want %d", tt.query, got, tt.want)
		}
	}

	// Properties, exactly as the dump renders them.
	dump := mustDump(t, store)
	for _, line := range []string{
		`node :Entity:Mission {acronym: "MONUC", endDate: date("2010-06-30"), hostCountries: ["COD"], id: "MONUC", kind: "Mission", name: "United Nations Organization Mission in the Democratic Republic of the Congo", provenanceMethod: "checked against the official text", provenanceSource: "S/RES/1925(2010)", provenanceStatus: "verified", startDate: date("1999-11-30")}`,
		`node :Entity:Mission {acronym: "UNMISS", hostCountries: ["SSD", "SDN"], id: "UNMISS", kind: "Mission", name: "United Nations Mission in the Republic of South Sudan", provenanceSource: "https://undocs.org/S/RES/1996(2011)", provenanceStatus: "unverified", startDate: date("2011-07-09")}`,
		`node :Entity:Mandate {adopted: date("2008-12-22"), id: "S/RES/1856(2008)", kind: "Mandate", mandateKind: "RESOLUTION", provenanceSource: "S/RES/1856(2008)", provenanceStatus: "unverified", symbol: "S/RES/1856(2008)"}`,
		`node :Entity:Mandate {adopted: date("2010-05-28"), chapterVII: true, id: "S/RES/1925(2010)", kind: "Mandate", mandateKind: "RESOLUTION", provenanceMethod: "checked against the official text", provenanceSource: "S/RES/1925(2010)", provenanceStatus: "verified", symbol: "S/RES/1925(2010)", url: "https://undocs.org/S/RES/1925(2010)"}`,
		`node :Entity:Mandate {adopted: date("2011-07-08"), chapterVII: false, id: "S/RES/1996(2011)", kind: "Mandate", mandateKind: "RESOLUTION", provenanceMethod: "checked against the official text", provenanceSource: "S/RES/1996(2011)", provenanceStatus: "verified", symbol: "S/RES/1996(2011)"}`,
		`node :Clause:Entity {id: "S/RES/1925(2010)#12(a)", kind: "Clause", mandateId: "S/RES/1925(2010)", paragraph: "12(a)", position: 1, provenanceMethod: "checked against the official text", provenanceSource: "S/RES/1925(2010)", provenanceStatus: "verified", summary: "Makes protecting civilians under imminent threat the mission's priority.", text: "Decides that the protection of civilians must be given priority"}`,
		`node :Document:Entity {documentKind: "POLICY", id: "dpko-poc-2015", issuer: "DPKO/DFS", kind: "Document", provenanceMethod: "checked against the official text", provenanceSource: "https://example.org/poc-policy.pdf", provenanceStatus: "verified", published: date("2015-04-01"), title: "The Protection of Civilians in UN Peacekeeping", url: "https://example.org/poc-policy.pdf", year: 2015}`,
		`node :Document:Entity {documentKind: "REPORT", id: "ssr-report-2016", issuer: "Secretary-General", kind: "Document", provenanceSource: "https://example.org/ssr-report", provenanceStatus: "unverified", symbol: "S/2016/1", title: "Securing States and Societies", year: 2016}`,
		`node :Agenda:Entity {description: "Protecting civilians under threat of physical violence.", id: "POC", kind: "Agenda", name: "Protection of civilians", provenanceMethod: "checked against the official text", provenanceSource: "dpko-poc-2015", provenanceStatus: "verified"}`,
		`rel "S/RES/1925(2010)#12(a)" -[:TENSION {evidenceDocuments: ["dpko-poc-2015", "ssr-report-2016"], evidenceLocators: ["p. 4", ""], evidenceNotes: ["Names the risk.", "Discusses vetting."], id: "monusco-poc-ssr-partner-forces", mechanism: "PARTNER_FORCE_ABUSES", mission: "MONUSCO", strength: 3, summary: "Supporting the army that abuses civilians undercuts protecting them."}]-> "SSR"`,
		`rel "dpko-poc-2015" -[:CONVERGENCE {evidenceDocuments: ["dpko-poc-2015"], evidenceLocators: ["para. 12"], evidenceNotes: ["Calls the agendas mutually supportive."], id: "poc-ssr-shared-goal", mechanism: "SHARED_GOAL", strength: 2, summary: "Both aim at civilians being safe."}]-> "ssr-report-2016"`,
		`rel "MONUC" -[:SUCCEEDED_BY {}]-> "MONUSCO"`,
		`rel "S/RES/1925(2010)" -[:CITES {}]-> "S/RES/1856(2008)"`,
		`rel "S/RES/1925(2010)" -[:HAS_CLAUSE {}]-> "S/RES/1925(2010)#12(c)"`,
		`rel "S/RES/1996(2011)#3(b)" -[:ADDRESSES {}]-> "SSR"`,
		`rel "ssr-report-2016" -[:ADDRESSES {}]-> "SSR"`,
		`rel "S/RES/1996(2011)" -[:MANDATES {}]-> "UNMISS"`,
	} {
		if !strings.Contains(dump, line+"\n") {
			t.Errorf("dump lacks\n%s\ndump:\n%s", line, dump)
		}
	}
	if n := strings.Count(dump, "\n"); n != 37 {
		t.Errorf("dump has %d lines, want 15 nodes + 22 relationships", n)
	}
}

func TestReloadWritesNothing(t *testing.T) {
	store := emptyStore(t)
	mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
	before := mustDump(t, store)
	rep := mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
	if rep.Changes() != 0 || rep.Rows != 0 {
		t.Errorf("reload: %d changes, %d rows; want 0\n%v", rep.Changes(), rep.Rows, rep)
	}
	if got := rep.NodeTotal().Unchanged + rep.RelationshipTotal().Unchanged; got != 37 {
		t.Errorf("reload: %d unchanged, want 37\n%v", got, rep)
	}
	sameDump(t, "after reload", mustDump(t, store), before)
}

func TestLoadMakesTheGraphEqualToAChangedDataset(t *testing.T) {
	for _, mode := range loadModes {
		t.Run(mode.name, func(t *testing.T) {
			store := emptyStore(t)
			mustLoad(t, store, changedDataset(), neo4jdb.LoadOptions{StageAbove: -1})
			fresh := mustDump(t, store)

			if err := store.Reset(context.Background()); err != nil {
				t.Fatal(err)
			}
			mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
			rep := mustLoad(t, store, changedDataset(), mode.opts)
			if rep.Staged != mode.staged {
				t.Errorf("report says staged = %v, want %v", rep.Staged, mode.staged)
			}
			sameDump(t, "changed dataset over the old graph vs. into an empty one", mustDump(t, store), fresh)
			noDebris(t, store)

			wantNodes := counts(neo4jdb.NodeLabels, map[string]neo4jdb.Count{
				"Agenda": {Unchanged: 2}, "Mission": {Deleted: 1, Unchanged: 2}, "Document": {Unchanged: 2},
				"Mandate": {Deleted: 1, Unchanged: 2}, "Clause": {Updated: 1, Deleted: 1, Unchanged: 3}})
			wantRels := counts(neo4jdb.RelTypes, map[string]neo4jdb.Count{
				"MANDATES": {Deleted: 1, Unchanged: 2}, "HAS_CLAUSE": {Deleted: 1, Unchanged: 4}, "ADDRESSES": {Deleted: 2, Unchanged: 6},
				"CITES": {Deleted: 1, Unchanged: 2}, "SUCCEEDED_BY": {Unchanged: 1}, "TENSION": {Unchanged: 1},
				"CONVERGENCE": {Created: 1, Unchanged: 1}})
			if !reflect.DeepEqual(rep.Nodes, wantNodes) || !reflect.DeepEqual(rep.Relationships, wantRels) {
				t.Errorf("report:\n%v\nwant nodes %v\nrels %v", rep, wantNodes, wantRels)
			}

			again := mustLoad(t, store, changedDataset(), mode.opts)
			if again.Changes() != 0 || again.Staged {
				t.Errorf("reload: %d changes, staged %v; want 0 and false", again.Changes(), again.Staged)
			}
			sameDump(t, "after reload", mustDump(t, store), fresh)
		})
	}
}

// TestLoadRemovesWhatTheDatasetLacks puts into the graph what a load must
// clean up: a node of a model label the dataset lacks, a node with an
// extra label, an extra property, a duplicate and a property-bearing
// structural relationship, a relationship of a foreign type between model
// nodes, a relation moved to other endpoints. Nodes with none of the
// model's labels are not the loader's and stay.
func TestLoadRemovesWhatTheDatasetLacks(t *testing.T) {
	for _, mode := range loadModes {
		t.Run(mode.name, func(t *testing.T) {
			store := emptyStore(t)
			mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
			want := mustDump(t, store)

			cypher(t, store, `CREATE (:Entity:Mission {id: 'GHOST', kind: 'Mission'}), (:Mandate {id: 'no-entity-label'}), (:Entity), (:Unrelated {id: 'keep-me'})`, nil)
			cypher(t, store, `MATCH (n:Agenda {id: 'POC'}) SET n:Extra`, nil)
			cypher(t, store, `MATCH (n:Mission {id: 'MONUC'}) SET n.note = 'stray', n.name = 'Wrong'`, nil)
			cypher(t, store, `MATCH (a:Mandate {id: 'S/RES/1925(2010)'})-[r:MANDATES]->(b) CREATE (a)-[:MANDATES]->(b)`, nil)
			cypher(t, store, `MATCH (:Mandate {id: 'S/RES/1856(2008)'})-[r:HAS_CLAUSE]->() SET r.weight = 1`, nil)
			cypher(t, store, `MATCH (a:Mission {id: 'MONUC'}), (b:Mission {id: 'UNMISS'}) CREATE (a)-[:NEIGHBOUR]->(b)`, nil)
			cypher(t, store, `MATCH (a:Agenda {id: 'POC'}), (b:Unrelated) CREATE (b)-[:MENTIONS]->(a)`, nil)
			cypher(t, store, `MATCH ()-[r:CONVERGENCE]->() MATCH (a:Agenda {id: 'SSR'}), (b:Agenda {id: 'POC'})
			CREATE (a)-[r2:CONVERGENCE]->(b) SET r2 = properties(r) DELETE r`, nil)
			cypher(t, store, `MATCH ()-[r:TENSION]->() SET r.strength = 1`, nil)

			rep := mustLoad(t, store, smallDataset(), mode.opts)
			sameDump(t, "after cleaning", mustDump(t, store), withLine(want, `node :Unrelated {id: "keep-me"}`))
			noDebris(t, store)

			wantNodes := counts(neo4jdb.NodeLabels, map[string]neo4jdb.Count{
				"Agenda":  {Created: 1, Deleted: 1, Unchanged: 1}, // POC had an extra label: replaced
				"Mission": {Updated: 1, Deleted: 1, Unchanged: 2}, "Document": {Unchanged: 2},
				"Mandate": {Deleted: 1, Unchanged: 3}, "Clause": {Unchanged: 5}, "Entity": {Deleted: 1}})
			wantRels := counts(neo4jdb.RelTypes, map[string]neo4jdb.Count{
				"MANDATES": {Deleted: 1, Unchanged: 3}, "HAS_CLAUSE": {Updated: 1, Unchanged: 4},
				// POC was replaced, so its relationships were deleted and created.
				"ADDRESSES": {Created: 5, Deleted: 5, Unchanged: 3}, "CITES": {Unchanged: 3}, "SUCCEEDED_BY": {Unchanged: 1},
				"TENSION": {Updated: 1}, "CONVERGENCE": {Created: 1, Deleted: 1},
				"NEIGHBOUR": {Deleted: 1}, "MENTIONS": {Deleted: 1}})
			if !reflect.DeepEqual(rep.Nodes, wantNodes) || !reflect.DeepEqual(rep.Relationships, wantRels) {
				t.Errorf("report:\n%v\nwant nodes %v\nrels %v", rep, wantNodes, wantRels)
			}
		})
	}
}

// TestSearchSeesAFinishedLoad searches right after each load: Load does
// not wait for the eventually consistent full-text index, which lags a
// large load's commit by up to a couple of seconds, so Search must wait
// for it, or it would miss the clauses just written and return those just
// deleted (or fewer hits than asked for).
func TestSearchSeesAFinishedLoad(t *testing.T) {
	ctx := context.Background()
	// Every synthetic clause's summary, and nothing else, says "operative".
	large, small := synth.Dataset(10_000, 1), synth.Dataset(3_000, 2)
	for _, mode := range []struct {
		name string
		opts neo4jdb.LoadOptions
	}{
		{"one transaction", neo4jdb.LoadOptions{StageAbove: -1}},
		{"staged", neo4jdb.LoadOptions{StageAbove: 1}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			store := emptyStore(t)
			for i, ds := range []*policy.Dataset{large, small, large} {
				mustLoad(t, store, ds, mode.opts)
				want := ds.Counts()[neo4jdb.LabelClause]
				hits, err := store.Search(ctx, "operative", want+10)
				if err != nil {
					t.Fatal(err)
				}
				if len(hits) != want {
					t.Errorf("load %d: search found %d clauses right after the load, want %d", i+1, len(hits), want)
				}
			}
		})
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	store := emptyStore(t)
	mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
	before := mustDump(t, store)

	dry := mustLoad(t, store, changedDataset(), neo4jdb.LoadOptions{DryRun: true})
	sameDump(t, "after a dry run", mustDump(t, store), before)
	if !dry.DryRun || !strings.Contains(dry.String(), "dry run") {
		t.Errorf("dry-run report does not say so:\n%v", dry)
	}

	// A dry run does not delete what a killed staged load left behind (it
	// writes nothing), so it must find the same difference with such a
	// copy in the graph: here a staged copy of the very dataset it loads.
	ctx := context.Background()
	if err := neo4jdb.StageForTest(ctx, store, changedDataset(), false); err != nil {
		t.Fatal(err)
	}
	withCopy := mustDump(t, store)
	dryWithCopy := mustLoad(t, store, changedDataset(), neo4jdb.LoadOptions{DryRun: true})
	sameDump(t, "after a dry run with a staged copy", mustDump(t, store), withCopy)
	if !reflect.DeepEqual(dryWithCopy.Nodes, dry.Nodes) || !reflect.DeepEqual(dryWithCopy.Relationships, dry.Relationships) || dryWithCopy.Rows != dry.Rows {
		t.Errorf("with a staged copy present the dry run reported\n%v\nwithout it\n%v", dryWithCopy, dry)
	}

	real := mustLoad(t, store, changedDataset(), neo4jdb.LoadOptions{})
	if !reflect.DeepEqual(dry.Nodes, real.Nodes) || !reflect.DeepEqual(dry.Relationships, real.Relationships) || dry.Rows != real.Rows {
		t.Errorf("dry run reported\n%v\nthe real load\n%v", dry, real)
	}
}

// TestFailedLoadLeavesTheGraphUnchanged fails loads after some batches
// have been written, in different ways, and checks nothing of them stays.
func TestFailedLoadLeavesTheGraphUnchanged(t *testing.T) {
	store := emptyStore(t)
	mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
	before := mustDump(t, store)
	big := synth.Dataset(60_000, 1)

	tooLong := changedDataset()
	m := &tooLong.Mandates[1]
	long := clause(m.ID, "99", "A clause whose id is too long for the id index.", 9, "POC")
	long.ID = m.ID + "#" + strings.Repeat("9", 40_000)
	m.Clauses = append(m.Clauses, long)

	tests := []struct {
		name     string
		ds       *policy.Dataset
		opts     func(cancel context.CancelFunc) neo4jdb.LoadOptions
		wantErr  func(error) bool
		minBatch int // batches that must have been written before the failure
	}{
		{"context cancelled after the first batch", big,
			func(cancel context.CancelFunc) neo4jdb.LoadOptions {
				return neo4jdb.LoadOptions{BatchSize: 1000, Progress: func(done, total int) {
					if done > 0 {
						cancel()
					}
				}}
			},
			func(err error) bool { return errors.Is(err, context.Canceled) }, 1},
		{"Neo4j rejects a value in a later batch", tooLong,
			func(context.CancelFunc) neo4jdb.LoadOptions { return neo4jdb.LoadOptions{BatchSize: 1} },
			func(err error) bool { return strings.Contains(err.Error(), "too large to index") }, 5},
		{"the transaction times out", big,
			func(context.CancelFunc) neo4jdb.LoadOptions {
				// Slow batches make the load outlast the timeout whatever
				// the interval at which the server checks timeouts.
				return neo4jdb.LoadOptions{BatchSize: 2000, TxTimeout: 500 * time.Millisecond,
					Progress: func(int, int) { time.Sleep(200 * time.Millisecond) }}
			},
			func(err error) bool { return strings.Contains(err.Error(), "TransactionTimedOut") }, 1},
		{"staged load cancelled after the first batches", big,
			func(cancel context.CancelFunc) neo4jdb.LoadOptions {
				return neo4jdb.LoadOptions{StageAbove: 1, BatchSize: 1000, Workers: 2, Progress: func(done, total int) {
					if done >= 5000 {
						cancel()
					}
				}}
			},
			func(err error) bool { return errors.Is(err, context.Canceled) }, 5},
		// Staged nodes are not in the entity_id index (they lack :Entity),
		// so the too-long id passes staging and the unique index refuses
		// it in the switch transaction.
		{"Neo4j rejects a value in the staged switch", tooLong,
			func(context.CancelFunc) neo4jdb.LoadOptions {
				return neo4jdb.LoadOptions{StageAbove: 1, BatchSize: 2, StageBatchSize: 2, Workers: 2}
			},
			func(err error) bool { return strings.Contains(err.Error(), "too large to index") }, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opts := tt.opts(cancel)
			batches := 0
			progress := opts.Progress
			opts.Progress = func(done, total int) {
				if done > 0 {
					batches++
				}
				if progress != nil {
					progress(done, total)
				}
			}
			_, err := store.Load(ctx, tt.ds, opts)
			if err == nil || !tt.wantErr(err) {
				t.Fatalf("err = %v", err)
			}
			if !strings.Contains(err.Error(), "nothing written") {
				t.Errorf("error does not say nothing was written: %v", err)
			}
			if batches < tt.minBatch {
				t.Errorf("failed after %d batches, want at least %d", batches, tt.minBatch)
			}
			t.Logf("failed after %d batches: %v", batches, err)
			sameDump(t, "after the failed load", mustDump(t, store), before)
			noDebris(t, store)
		})
	}
}

func TestLoadRejectsAnInconsistentDataset(t *testing.T) {
	store := emptyStore(t)
	mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
	before := mustDump(t, store)

	ds := changedDataset()
	ds.Mandates[0].Missions = append(ds.Mandates[0].Missions, "UNMISS") // removed from the dataset
	ds.Relations[0].Target = "MONUC"                                    // a mission cannot hold a relation
	ds.Documents = append(ds.Documents, policy.Document{ID: "SSR", Title: "dup", Kind: policy.DocGuidance, Year: 2020})
	_, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{})
	if policy.ErrorCode(err) != policy.EINVALID {
		t.Fatalf("err = %v (code %q), want %s", err, policy.ErrorCode(err), policy.EINVALID)
	}
	for _, want := range []string{
		`3 problems`,
		`id "SSR" is used by an Agenda and a Document`,
		`MANDATES S/RES/1856(2008) -> UNMISS: unknown id "UNMISS"`,
		`TENSION S/RES/1925(2010)#12(a) -> MONUC: "MONUC" is a Mission, want Clause or Agenda or Document or Mandate`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	sameDump(t, "after a rejected load", mustDump(t, store), before)
}

// TestLoadSurvivesKill9 kills the loading process with SIGKILL while it
// writes batches, in one transaction or staging a copy, and checks the
// graph is exactly what it was.
func TestLoadSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads a large dataset; skipped in -short mode")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "mandategraph")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".." // the repository root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(tmp, "data")
	if err := loader.WriteJSON(data, synth.Dataset(150_000, 1)); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []struct {
		name string
		args []string
	}{
		{"one transaction", []string{"--stage-above", "-1"}},
		{"staged", []string{"--stage-above", "1", "--workers", "2"}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			store := emptyStore(t)
			mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
			before := mustDump(t, store)
			// Progress after every batch: with the default of once a
			// second, a fast machine wrote everything between two progress
			// lines and the kill came too late.
			killLoad(t, bin, append(append([]string{"load", "--allow-deletions", "--batch-size", "1000", "--progress-interval", "0"}, mode.args...), data)...)
			visible, err := store.DumpVisible(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			sameDump(t, "what queries see after kill -9", visible, before)
			// A killed staged load leaves its invisible copy behind, for the
			// next load to delete; after that the graph is byte-for-byte
			// what it was.
			n, err := store.RemoveStagingDebris(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("deleted %d staged nodes left by the killed load", n)
			if mode.name == "staged" && n == 0 {
				t.Error("the killed staged load left no staged nodes: was it killed while staging?")
			}
			sameDump(t, "after kill -9 and removing the staged copy", mustDump(t, store), before)
		})
	}
}

// killLoad runs the binary with args and kills it with SIGKILL once it has
// written 20,000 rows, before the last batch.
func killLoad(t *testing.T, bin string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = neo4jtest.Environ()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		var seen []string
		for sc.Scan() {
			seen = append(seen, sc.Text())
			// "wrote 24000/191779 rows (12%) in 1s": kill once thousands of
			// rows sit in the open transaction (or the staged copy), and
			// before the last batch (after which the loader commits or
			// switches).
			var done, total int
			if n, _ := fmt.Sscanf(sc.Text(), "wrote %d/%d rows", &done, &total); n == 2 && done >= 20_000 && done < total {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				killed <- strings.Join(seen, "\n")
				return
			}
		}
		killed <- "no progress line before the end:\n" + strings.Join(seen, "\n")
	}()
	var seen string
	select {
	case seen = <-killed:
	case <-time.After(3 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("no progress within 3 minutes")
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("loader ended with %v, want killed by SIGKILL; stderr:\n%s\nstdout:\n%s", err, seen, stdout.String())
	}
	t.Logf("killed after:\n%s", seen)
	if stdout.Len() > 0 {
		t.Errorf("the loader printed a report, so it finished before the kill:\n%s", stdout.String())
	}
}

func TestLoadReportString(t *testing.T) {
	rep := neo4jdb.LoadReport{
		Nodes:         map[string]neo4jdb.Count{"Mission": {Created: 3, Unchanged: 1200}, "Entity": {Deleted: 1}},
		Relationships: map[string]neo4jdb.Count{"TENSION": {Updated: 2, Deleted: 1}},
		Rows:          7,
		Duration:      1500 * time.Millisecond,
	}
	want := `                     created    updated    deleted  unchanged
Agenda                     0          0          0          0
Mission                    3          0          0       1200
Document                   0          0          0          0
Mandate                    0          0          0          0
Clause                     0          0          0          0
Entity                     0          0          1          0
all nodes                  3          0          1       1200
MANDATES                   0          0          0          0
HAS_CLAUSE                 0          0          0          0
ADDRESSES                  0          0          0          0
CITES                      0          0          0          0
SUCCEEDED_BY               0          0          0          0
TENSION                    0          2          1          0
CONVERGENCE                0          0          0          0
all relationships          0          2          1          0
loaded: 7 changes, 7 rows written in 1.5s (schema 0s, read and diff 0s, write 0s, commit 0s)
`
	if got := rep.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

// TestConcurrentLoadsTakeTurns starts a second (staged) load while a first
// one stages, and checks that the second waits for the first to finish
// instead of deleting its staged copy, and that the graph ends up equal to
// the dataset loaded last.
func TestConcurrentLoadsTakeTurns(t *testing.T) {
	store := emptyStore(t)
	mustLoad(t, store, changedDataset(), neo4jdb.LoadOptions{StageAbove: -1})
	want := mustDump(t, store)
	if err := store.Reset(context.Background()); err != nil {
		t.Fatal(err)
	}

	firstStaging := make(chan struct{})
	var once sync.Once
	var firstEnd time.Time
	firstDone := make(chan error, 1)
	go func() {
		_, err := store.Load(context.Background(), synth.Dataset(20_000, 1), neo4jdb.LoadOptions{StageAbove: 1, BatchSize: 500, Workers: 2,
			Progress: func(done, total int) {
				if done > 0 {
					once.Do(func() { close(firstStaging) })
					time.Sleep(20 * time.Millisecond) // keep the first load staging a while
				}
			}})
		firstEnd = time.Now()
		firstDone <- err
	}()
	select {
	case <-firstStaging:
	case err := <-firstDone:
		t.Fatalf("the first load ended before it staged anything: %v", err)
	}
	var secondStart time.Time
	_, err := store.Load(context.Background(), changedDataset(), neo4jdb.LoadOptions{StageAbove: 1, BatchSize: 3, StageBatchSize: 3, Workers: 2,
		Progress: func(done, total int) {
			if secondStart.IsZero() {
				secondStart = time.Now()
			}
		}})
	if err != nil {
		t.Fatalf("second load: %v", err)
	}
	if err := <-firstDone; err != nil {
		t.Fatalf("first load: %v", err)
	}
	t.Logf("first load ended %s, second started writing %s", firstEnd.Format(time.StampMicro), secondStart.Format(time.StampMicro))
	if !secondStart.After(firstEnd) {
		t.Errorf("the second load started writing at %s, before the first ended at %s", secondStart.Format(time.StampMicro), firstEnd.Format(time.StampMicro))
	}
	sameDump(t, "after both loads", mustDump(t, store), want)
	noDebris(t, store)
}
