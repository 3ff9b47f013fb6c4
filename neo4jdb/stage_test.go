package neo4jdb_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/policy"
)

// readEverything runs every read of the API that could meet a staged or
// retired copy (relations found by type or id, searches, paths, lists) and
// renders the answers as one comparable text.
func readEverything(t *testing.T, store *neo4jdb.Store) string {
	t.Helper()
	ctx := context.Background()
	all := policy.PageRequest{Limit: 100}
	var out []any
	add := func(v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("read %d: %v", len(out), err)
		}
		out = append(out, v)
	}
	add(store.FindRelations(ctx, policy.RelationFilter{}, all))
	add(store.FindEntities(ctx, []string{"monusco-poc-ssr-partner-forces", "poc-ssr-shared-goal", "poc-ssr-new", "POC", "MONUC"}))
	add(store.EntityRelations(ctx, []string{"POC", "SSR", "dpko-poc-2015"}, nil))
	add(store.MissionRelations(ctx, []string{"MONUC", "MONUSCO", "UNMISS"}, nil))
	add(store.AgendaRelations(ctx, []string{"POC", "SSR"}, nil, nil))
	add(store.AgendaOverlap(ctx, []string{"POC", "SSR"}, policy.Date{}, policy.Date{}))
	add(store.Search(ctx, "civilians", 50))
	add(store.Subgraph(ctx, policy.GraphFilter{Limit: new(100)}))
	add(store.Neighborhood(ctx, "POC", 2, policy.GraphFilter{Limit: new(100)}, true))
	// Of several shortest paths Neo4j returns one that depends on where
	// the records lie, which a staged load changes; the length does not.
	path, err := store.ShortestPath(ctx, "MONUC", "SSR", 6, policy.GraphFilter{})
	add(len(path.Edges), err)
	add(store.FindMissions(ctx, policy.MissionFilter{}, all))
	add(store.FindClauses(ctx, policy.ClauseFilter{}, all))
	add(store.FindDocuments(ctx, policy.DocumentFilter{}, all))
	add(store.FindAgendas(ctx))
	// Filtered lists, some served by indexes on kind labels, which staged
	// and retired nodes carry too.
	add(store.FindMissions(ctx, policy.MissionFilter{Agenda: new("SSR")}, all))
	add(store.FindClauses(ctx, policy.ClauseFilter{Mission: new("MONUSCO"), From: new(policy.MustDate("2010-01-01")), To: new(policy.MustDate("2011-12-31"))}, all))
	add(store.FindDocuments(ctx, policy.DocumentFilter{Year: new(2016)}, all))
	// The GraphQL layer's batched reads of related things.
	for link := policy.MissionMandates; link <= policy.AgendaDocuments; link++ {
		add(store.Related(ctx, link, []string{"MONUC", "MONUSCO", "UNMISS", "POC", "SSR",
			"S/RES/1856(2008)", "S/RES/1925(2010)", "S/RES/1996(2011)", "dpko-poc-2015", "ssr-report-2016"}))
	}
	add(store.MandateClauses(ctx, []string{"S/RES/1925(2010)", "S/RES/1996(2011)"}, nil, nil))
	add(store.MandateClauses(ctx, []string{"S/RES/1925(2010)"}, new("SSR"), nil))
	add(store.AgendaClauses(ctx, []string{"POC", "SSR"}, nil, all))
	add(store.AgendaClauses(ctx, []string{"POC"}, new("MONUSCO"), all))
	add(store.MandateTimeline(ctx, "MONUSCO"))
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadsIgnoreStagedAndRetiredCopies leaves in the graph what a staged
// load killed before or after its switch leaves (a staged copy, or a
// retired one) and checks that no read of the API sees it.
func TestReadsIgnoreStagedAndRetiredCopies(t *testing.T) {
	ctx := context.Background()
	store := emptyStore(t)
	mustLoad(t, store, changedDataset(), neo4jdb.LoadOptions{})
	wantChanged := readEverything(t, store)
	store = emptyStore(t)
	mustLoad(t, store, smallDataset(), neo4jdb.LoadOptions{})
	wantSmall := readEverything(t, store)
	if wantSmall == wantChanged {
		t.Fatal("the two datasets read the same; the test could not tell them apart")
	}
	dump := mustDump(t, store)

	// Killed before the switch: a staged copy of the changed dataset.
	if err := neo4jdb.StageForTest(ctx, store, changedDataset(), false); err != nil {
		t.Fatal(err)
	}
	if got := readEverything(t, store); got != wantSmall {
		t.Errorf("with a staged copy, reads changed:\n%s\nwant\n%s", got, wantSmall)
	}
	visible, err := store.DumpVisible(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameDump(t, "visible with a staged copy", visible, dump)

	// Killed after the switch: the small dataset retired, not yet deleted.
	if _, err := store.RemoveStagingDebris(ctx); err != nil {
		t.Fatal(err)
	}
	if err := neo4jdb.StageForTest(ctx, store, changedDataset(), true); err != nil {
		t.Fatal(err)
	}
	if got := readEverything(t, store); got != wantChanged {
		t.Errorf("with a retired copy, reads differ from the changed dataset's:\n%s\nwant\n%s", got, wantChanged)
	}

	// The next load deletes the leftovers and finds nothing else to do.
	rep := mustLoad(t, store, changedDataset(), neo4jdb.LoadOptions{})
	if rep.Changes() != 0 {
		t.Errorf("load after the switch changed %d elements, want 0:\n%v", rep.Changes(), rep)
	}
	noDebris(t, store)
}
