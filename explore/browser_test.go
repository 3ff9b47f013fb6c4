package explore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/mandategraph/mandategraph/explore"
	"github.com/mandategraph/mandategraph/export"
	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/httpapi"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
)

const chromiumPath = "/usr/bin/chromium"

// The explorer in headless Chromium against the real server (GraphQL,
// exports and this package's handler over Neo4j with the bundled data),
// each number it shows checked against the API.
//
// Screenshots of the views go to a temporary directory, or to docs/img/
// with MANDATEGRAPH_SCREENSHOTS=1 (how the README's images were made).
func TestExplorerInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("MANDATEGRAPH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("MANDATEGRAPH_REQUIRE_BROWSER=1 but %s is missing (apt-get install -y chromium): %v", chromiumPath, err)
		}
		t.Skipf("%s not installed; set MANDATEGRAPH_REQUIRE_BROWSER=1 to make this a failure", chromiumPath)
	}
	ds, diags := loader.Read("../data")
	if len(diags) > 0 {
		t.Fatalf("the bundled dataset does not validate: %v", diags.Lines())
	}
	store := neo4jtest.Open(t)
	if _, err := store.Load(context.Background(), ds, neo4jdb.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	handler := httpapi.NewHandler(httpapi.NewReadiness(store, logger), httpapi.Routes{
		GraphQL: graph.NewHandler(store, graph.DefaultLimits, logger),
		Explore: explore.Handler(),
		Export:  export.Handler(store, logger),
	}, logger)
	srv := httptest.NewServer(handler) // listens on 127.0.0.1
	defer srv.Close()
	shots := t.TempDir()
	if os.Getenv("MANDATEGRAPH_SCREENSHOTS") == "1" {
		shots = filepath.Join("..", "docs", "img")
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1500, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()

	// Every request the page makes must go to this server.
	var (
		mu      sync.Mutex
		foreign []string
		count   int
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			count++
			if u := e.Request.URL; !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
				foreign = append(foreign, u)
			}
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}

	api := func(query string, vars map[string]any, into any) {
		t.Helper()
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		res, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body struct {
			Data   json.RawMessage
			Errors []any
		}
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil || len(body.Errors) > 0 {
			t.Fatalf("API %s: %v %v", query, err, body.Errors)
		}
		if err := json.Unmarshal(body.Data, into); err != nil {
			t.Fatal(err)
		}
	}
	waitReady := chromedp.Poll[chromedp.Void](`window.__mg && window.__mg.ready === true`, chromedp.WithPollingTimeout(60*time.Second))
	eval := func(js string, into any) {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		if err := json.Unmarshal(v, into); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	waitFor := func(css string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](`!!document.querySelector(`+jsString(css)+`)`, chromedp.WithPollingTimeout(20*time.Second))
	}
	evalVoid := func(js string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Evaluate[json.RawMessage](js)(ctx, tg)
			return chromedp.Void{}, err
		}
	}
	goHash := func(hash string) {
		t.Helper()
		if err := chromedp.Do(ctx, evalVoid(`window.__mg.ready = false; location.hash = `+jsString(hash)+`; true`), waitReady); err != nil {
			t.Fatalf("go to %s: %v", hash, err)
		}
	}

	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}

	// 1. The whole bundled graph renders; time to first render printed.
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/explore"), waitReady,
		chromedp.Poll[chromedp.Void](`window.__mg.renders.length > 0`, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("load the explorer: %v", err)
	}
	wall := time.Since(start)
	var whole struct {
		Graph struct {
			Nodes []struct{ ID string }
			Edges []struct{ ID string }
		}
	}
	api(`{ graph { nodes { id } edges { id } } }`, nil, &whole)
	var render struct {
		Nodes, Edges int
		Ms           float64
	}
	eval(`window.__mg.renders[0]`, &render)
	if render.Nodes != len(whole.Graph.Nodes) || render.Edges != len(whole.Graph.Edges) {
		t.Errorf("first render drew %d nodes, %d edges; the graph query has %d and %d", render.Nodes, render.Edges, len(whole.Graph.Nodes), len(whole.Graph.Edges))
	}
	var webgl bool
	eval(`!!document.querySelector('#sigma canvas') && !!document.querySelector('#sigma canvas').getContext`, &webgl)
	if !webgl {
		t.Error("sigma drew no canvas")
	}
	t.Logf("first render of the full bundled graph (%d nodes, %d edges): %.0f ms from the graph request to the first frame; %v from navigation to ready",
		render.Nodes, render.Edges, render.Ms, wall.Round(time.Millisecond))
	shot("explorer-graph.png")

	// 2. Search finds MONUSCO, grouped by kind.
	var hit bool
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#search`), "MONUSCO\r"),
		chromedp.Poll[chromedp.Void](`!!document.querySelector('#search-results [data-kind="Mission"] [data-hit="MONUSCO"]')`, chromedp.WithPollingTimeout(20*time.Second)),
	); err != nil {
		var box string
		eval(`document.querySelector('#search-results').innerText.slice(0, 800)`, &box)
		t.Fatalf("search: %v; the results show %q", err, box)
	}
	eval(`!!document.querySelector('#search-results [data-kind="Mission"] [data-hit="MONUSCO"]')`, &hit)
	if !hit {
		t.Fatal("search for MONUSCO lists no Mission MONUSCO")
	}
	shot("explorer-search.png")

	// 3. Choosing it shows its neighbourhood; a click on a node expands it.
	if err := chromedp.Do(ctx, evalVoid(`window.__mg.ready = false; true`),
		chromedp.Click(chromedp.CSS(`#search-results [data-hit="MONUSCO"]`)), waitReady); err != nil {
		t.Fatal(err)
	}
	neighbours := func(id string) map[string]bool {
		var d struct {
			Neighborhood struct{ Nodes []struct{ ID string } }
		}
		api(`query($id: ID!) { neighborhood(id: $id) { nodes { id } } }`, map[string]any{"id": id}, &d)
		out := map[string]bool{}
		for _, n := range d.Neighborhood.Nodes {
			out[n.ID] = true
		}
		return out
	}
	want := neighbours("MONUSCO")
	var order int
	eval(`window.__mg.graph.order`, &order)
	if order != len(want) {
		t.Fatalf("MONUSCO's neighbourhood shows %d nodes, the API has %d", order, len(want))
	}
	// Click the mandate that stands furthest from every other node, so the
	// click cannot land on a neighbour.
	var target struct {
		ID   string
		X, Y float64
	}
	eval(`(() => { const v = window.__mg.graphView; let best = null;
		const pos = v.graph.nodes().map((id) => [id, v.nodeViewport(id)]);
		for (const [id, p] of pos) {
			if (v.graph.getNodeAttribute(id, 'kind') !== 'Mandate') continue;
			let d = Infinity;
			for (const [o, q] of pos) if (o !== id) d = Math.min(d, Math.hypot(p.x - q.x, p.y - q.y));
			if (!best || d > best.d) best = { id, x: p.x, y: p.y, d };
		}
		return { id: best.id, x: best.x, y: best.y }; })()`, &target)
	if err := chromedp.Do(ctx, evalVoid(`window.__mg.ready = false; true`),
		chromedp.MouseClickXY(target.X, target.Y), waitReady,
		chromedp.Poll[chromedp.Void](`window.__mg.graphView.expanded.has(`+jsString(target.ID)+`)`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("click on %s at (%.0f, %.0f): %v", target.ID, target.X, target.Y, err)
	}
	for id := range neighbours(target.ID) {
		want[id] = true
	}
	eval(`window.__mg.graph.order`, &order)
	if order != len(want) {
		t.Errorf("after expanding %s: %d nodes, want the union of both neighbourhoods, %d", target.ID, order, len(want))
	}
	var sel string
	eval(`window.__mg.state.sel || ''`, &sel)
	if sel != target.ID {
		t.Errorf("the click selected %q, want %q", sel, target.ID)
	}
	shot("explorer-neighbourhood.png")

	// 4. The panel shows a relation's evidence, with locators and notes.
	goHash("view=graph&focus=MONUSCO&sel=MONUSCO")
	if err := chromedp.Do(ctx, waitFor(`#panel li.rel a`)); err != nil {
		var html, hash string
		var errs []string
		eval(`document.querySelector('#panel').innerHTML.slice(0, 600)`, &html)
		eval(`location.hash`, &hash)
		eval(`window.__mg.errors`, &errs)
		t.Fatalf("the panel of MONUSCO lists no relation (%v); at %s it shows %s; page errors %v", err, hash, html, errs)
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#panel li.rel`), "data-relation"))
	if err != nil {
		t.Fatal(err)
	}
	relID := attr.Value
	if err := chromedp.Do(ctx, evalVoid(`window.__mg.ready = false; true`),
		chromedp.Click(chromedp.CSS(`#panel li.rel a`)), waitReady,
		waitFor(`#panel ol.evidence`)); err != nil {
		t.Fatal(err)
	}
	var rel struct {
		Node struct {
			Evidence []struct {
				Document struct{ ID string }
				Locator  *string
			}
		}
	}
	api(`query($id: ID!) { node(id: $id) { ... on Relation { evidence { document { id } locator } } } }`, map[string]any{"id": relID}, &rel)
	var shown struct {
		Docs     []string
		Locators []string
	}
	eval(`({ docs: [...document.querySelectorAll('#panel ol.evidence li')].map((li) => li.dataset.evidence),
		locators: [...document.querySelectorAll('#panel ol.evidence .locator')].map((x) => x.textContent) })`, &shown)
	var wantDocs, wantLocs []string
	for _, e := range rel.Node.Evidence {
		wantDocs = append(wantDocs, e.Document.ID)
		if e.Locator != nil {
			wantLocs = append(wantLocs, *e.Locator)
		}
	}
	if len(wantDocs) == 0 || fmt.Sprint(shown.Docs) != fmt.Sprint(wantDocs) || fmt.Sprint(shown.Locators) != fmt.Sprint(wantLocs) {
		t.Errorf("relation %s: the panel shows evidence %v with locators %v, the API %v and %v", relID, shown.Docs, shown.Locators, wantDocs, wantLocs)
	}
	shot("explorer-relation.png")

	// 4b. A clause's panel lists its tags, each with where it came from and why.
	const clauseID = "S/RES/1925(2010)#12(a)"
	goHash("view=graph&focus=" + clauseID + "&sel=" + clauseID)
	if err := chromedp.Do(ctx, waitFor(`#panel ul.tags li .reason`)); err != nil {
		t.Fatalf("clause %s: no tag reasons in the panel: %v", clauseID, err)
	}
	var ct struct {
		Node struct {
			Tags []struct {
				Agenda         struct{ ID string }
				Source, Reason string
			}
		}
	}
	api(`query($id: ID!) { node(id: $id) { ... on Clause { tags { agenda { id } source reason } } } }`, map[string]any{"id": clauseID}, &ct)
	var tagsShown []struct{ Agenda, Source, Reason string }
	eval(`[...document.querySelectorAll('#panel ul.tags li')].map((li) => ({ agenda: li.dataset.agenda, source: li.dataset.source, reason: li.querySelector('.reason').textContent }))`, &tagsShown)
	if len(ct.Node.Tags) == 0 || len(tagsShown) != len(ct.Node.Tags) {
		t.Errorf("clause %s: the panel shows %d tags, the API %d", clauseID, len(tagsShown), len(ct.Node.Tags))
	} else {
		for i, tg := range ct.Node.Tags {
			got := tagsShown[i]
			if got.Agenda != tg.Agenda.ID || got.Source != tg.Source || !strings.Contains(got.Reason, tg.Reason) {
				t.Errorf("clause %s tag %d: the panel shows %+v, the API %s/%s/%q", clauseID, i, got, tg.Agenda.ID, tg.Source, tg.Reason)
			}
		}
	}
	// ... and the agendas a rule gives it that the curator rejects, each
	// with the curator's reason, as text.
	var cnt struct {
		Node struct {
			NotTagged []struct{ Agenda, Reason string }
		}
	}
	api(`query($id: ID!) { node(id: $id) { ... on Clause { notTagged { agenda reason } } } }`, map[string]any{"id": clauseID}, &cnt)
	var rejectedShown []struct{ Agenda, Link, Reason string }
	eval(`[...document.querySelectorAll('#panel ul.not-tagged li')].map((li) => ({ agenda: li.dataset.agenda,
		link: li.querySelector('a[data-select]').dataset.select, reason: li.querySelector('.reason').textContent }))`, &rejectedShown)
	if len(cnt.Node.NotTagged) == 0 || len(rejectedShown) != len(cnt.Node.NotTagged) {
		t.Errorf("clause %s: the panel shows rejected rule tags %+v, the API %+v", clauseID, rejectedShown, cnt.Node.NotTagged)
	} else {
		for i, nt := range cnt.Node.NotTagged {
			if got := rejectedShown[i]; got.Agenda != nt.Agenda || got.Link != nt.Agenda || got.Reason != nt.Reason {
				t.Errorf("clause %s rejected tag %d: the panel shows %+v, the API %s/%q", clauseID, i, got, nt.Agenda, nt.Reason)
			}
		}
	}
	var heading string
	eval(`(document.querySelector('#panel ul.not-tagged') || {}).previousElementSibling?.textContent || ''`, &heading)
	if w := fmt.Sprintf("Rules tag, curator rejects (%d)", len(cnt.Node.NotTagged)); heading != w {
		t.Errorf("clause %s: the rejected tags' heading is %q, want %q", clauseID, heading, w)
	}
	shot("explorer-clause-tags.png")

	// 5. The mandate timeline shows the API's numbers.
	goHash("view=timeline&mission=MONUSCO")
	var tl struct {
		MandateTimeline []struct {
			Mandate struct {
				ID      string
				Clauses []struct{ ID string }
			}
			Agendas, Added, Dropped []struct{ ID string }
		}
	}
	api(`{ mandateTimeline(mission: "MONUSCO") { mandate { id clauses { id } } agendas { id } added { id } dropped { id } } }`, nil, &tl)
	var rows []struct{ Mandate, Count, Added, Dropped string }
	eval(`[...document.querySelectorAll('#timeline tbody tr')].map((r) => ({ mandate: r.dataset.mandate, count: r.dataset.count, added: r.dataset.added, dropped: r.dataset.dropped }))`, &rows)
	if len(rows) != len(tl.MandateTimeline) || len(rows) == 0 {
		t.Fatalf("the timeline shows %d mandates, the API %d", len(rows), len(tl.MandateTimeline))
	}
	for i, e := range tl.MandateTimeline {
		count := fmt.Sprint(len(e.Agendas))
		if len(e.Mandate.Clauses) == 0 {
			count = "" // shown as unknown
		}
		r := rows[i]
		if r.Mandate != e.Mandate.ID || r.Count != count || r.Added != fmt.Sprint(len(e.Added)) || r.Dropped != fmt.Sprint(len(e.Dropped)) {
			t.Errorf("timeline row %d: %+v, want %s with %q agendas, %d added, %d dropped", i, r, e.Mandate.ID, count, len(e.Added), len(e.Dropped))
		}
	}
	shot("explorer-timeline.png")

	// 6. The co-occurrence matrix shows the API's numbers; a cell opens the
	// pair's relations.
	goHash("view=cooc")
	var co struct {
		AgendaCooccurrence []struct {
			A, B                             struct{ ID string }
			Mandates, Tensions, Convergences int
		}
	}
	api(`{ agendaCooccurrence { a { id } b { id } mandates tensions convergences } }`, nil, &co)
	var cells []struct{ A, B, Mandates, Tensions, Convergences string }
	eval(`[...document.querySelectorAll('#cooc td.pair:not(.empty)')].map((c) => ({ a: c.dataset.a, b: c.dataset.b,
		mandates: c.dataset.mandates, tensions: c.dataset.tensions, convergences: c.dataset.convergences }))`, &cells)
	got := map[string]string{}
	for _, c := range cells {
		got[c.A+"|"+c.B] = c.Mandates + " " + c.Tensions + " " + c.Convergences
	}
	if len(co.AgendaCooccurrence) == 0 || len(cells) != 2*len(co.AgendaCooccurrence) {
		var pageErrors []string
		eval(`window.__mg.errors`, &pageErrors)
		t.Errorf("the matrix has %d filled cells, want both halves of %d pairs (page errors: %q)", len(cells), len(co.AgendaCooccurrence), pageErrors)
	}
	for _, p := range co.AgendaCooccurrence {
		if w := fmt.Sprintf("%d %d %d", p.Mandates, p.Tensions, p.Convergences); got[p.A.ID+"|"+p.B.ID] != w {
			t.Errorf("cell %s & %s shows %q, the API %q", p.A.ID, p.B.ID, got[p.A.ID+"|"+p.B.ID], w)
		}
	}
	if err := chromedp.Do(ctx, evalVoid(`window.__mg.ready = false; true`),
		chromedp.Click(chromedp.CSS(`#cooc td.pair[data-a="POC"][data-b="SSR"]`)), waitReady,
		waitFor(`#panel [data-pair="POC|SSR"]`)); err != nil {
		t.Fatal(err)
	}
	var listed []string
	eval(`[...document.querySelectorAll('#panel h3')].map((h) => h.textContent)`, &listed)
	for _, p := range co.AgendaCooccurrence {
		if p.A.ID == "POC" && p.B.ID == "SSR" {
			if w := []string{fmt.Sprintf("Tensions (%d)", p.Tensions), fmt.Sprintf("Convergences (%d)", p.Convergences)}; fmt.Sprint(listed) != fmt.Sprint(w) {
				t.Errorf("POC & SSR panel headings %v, want %v", listed, w)
			}
		}
	}
	shot("explorer-cooccurrence.png")

	var errs []string
	eval(`window.__mg.errors`, &errs)
	if len(errs) > 0 {
		t.Errorf("the page reported errors: %v", errs)
	}
	mu.Lock()
	defer mu.Unlock()
	sort.Strings(foreign)
	if len(foreign) > 0 {
		t.Errorf("requests left 127.0.0.1: %v", foreign)
	}
	t.Logf("%d requests, all to %s; screenshots in %s", count, srv.URL, shots)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
