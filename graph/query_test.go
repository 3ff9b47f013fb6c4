package graph_test

import (
	"slices"
	"testing"
)

// TestRootFields runs every root field (and every field of every type)
// against policytest.Dataset(4) and compares whole answers.
func TestRootFields(t *testing.T) {
	a := fixture(t)
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{"node agenda", `{ node(id: "POC") { __typename id ... on Agenda { name description } } }`,
			`{"node": {"__typename": "Agenda", "id": "POC", "name": "Protection of civilians", "description": "Synthetic: keeping civilians safe."}}`},
		{"node relation", `{ node(id: "syn-rel-ddr-ssr") { __typename ... on Relation { kind strength source { id } target { id } } } }`,
			`{"node": {"__typename": "Relation", "kind": "CONVERGENCE", "strength": 1, "source": {"id": "DDR"}, "target": {"id": "SSR"}}}`},
		{"node unknown is null", `{ node(id: "NOPE") { id } }`, `{"node": null}`},
		{"mission", `{ mission(id: "SYN02") { id acronym name hostCountries startDate endDate active
				predecessor { id } successor { id } mandates { id } agendas { id } relations { id }
				tensions: relations(kind: TENSION) { id } } }`,
			`{"mission": {"id": "SYN02", "acronym": "SYN02", "name": "Synthetic Mission 2", "hostCountries": ["BBB"],
				"startDate": "2002-01-01", "endDate": null, "active": true, "predecessor": {"id": "SYN01"}, "successor": null,
				"mandates": [{"id": "S/RES/9020(2002)"}, {"id": "S/RES/9021(2002)"}, {"id": "S/PRST/2002/2"}],
				"agendas": [{"id": "DDR"}, {"id": "HR"}, {"id": "POC"}, {"id": "SSR"}],
				"relations": [{"id": "syn-rel-02-convergence"}, {"id": "syn-rel-02-tension"}],
				"tensions": [{"id": "syn-rel-02-tension"}]}}`},
		{"ended mission", `{ mission(id: "SYN01") { endDate active predecessor { id } successor { id } } }`,
			`{"mission": {"endDate": "2002-01-01", "active": false, "predecessor": null, "successor": {"id": "SYN02"}}}`},
		{"mission filters", `{ agenda: missions(filter: {agenda: "HR"}) { totalCount }
				activeOn: missions(filter: {activeOn: "2003-06-01"}) { edges { node { id } } }
				active: missions(filter: {active: true, hostCountry: "bbb"}) { edges { node { id } } }
				ended: missions(filter: {active: false}) { totalCount }
				none: missions(filter: {agenda: "NOPE"}) { totalCount } }`,
			`{"agenda": {"totalCount": 4}, "activeOn": {"edges": [{"node": {"id": "SYN02"}}, {"node": {"id": "SYN03"}}]},
				"active": {"edges": [{"node": {"id": "SYN02"}}, {"node": {"id": "SYN04"}}]}, "ended": {"totalCount": 2}, "none": {"totalCount": 0}}`},
		{"mission unknown is null", `{ mission(id: "NOPE") { id } }`, `{"mission": null}`},
		{"mission of another kind is null", `{ mission(id: "POC") { id } }`, `{"mission": null}`},
		{"mandate", `{ mandate(id: "S/RES/9011(2001)") { id symbol kind adopted chapterVII url missions { id }
				clauses { id paragraph } ssr: clauses(agenda: "SSR") { id } cites { __typename id } citedBy { id } } }`,
			`{"mandate": {"id": "S/RES/9011(2001)", "symbol": "S/RES/9011(2001)", "kind": "RESOLUTION", "adopted": "2001-04-15",
				"chapterVII": null, "url": "https://example.org/S/RES/9011(2001)", "missions": [{"id": "SYN01"}],
				"clauses": [{"id": "S/RES/9011(2001)#1", "paragraph": "1"}, {"id": "S/RES/9011(2001)#2(a)", "paragraph": "2(a)"}],
				"ssr": [{"id": "S/RES/9011(2001)#1"}],
				"cites": [{"__typename": "Mandate", "id": "S/RES/9010(2001)"}, {"__typename": "Document", "id": "syn-poc-guidance"}],
				"citedBy": []}}`},
		{"mandate chapter VII and statement", `{ a: mandate(id: "S/RES/9010(2001)") { chapterVII citedBy { id } }
				b: mandate(id: "S/PRST/2001/1") { kind chapterVII } c: mandate(id: "NOPE") { id } }`,
			`{"a": {"chapterVII": true, "citedBy": [{"id": "S/RES/9011(2001)"}]}, "b": {"kind": "PRESIDENTIAL_STATEMENT", "chapterVII": null}, "c": null}`},
		{"clauses of a mandate", `{ clauses(filter: {mandate: "S/RES/9011(2001)"}) { totalCount edges { node {
				id mandate { id } paragraph summary text agendas { id } relations { id } } } } }`,
			`{"clauses": {"totalCount": 2, "edges": [
				{"node": {"id": "S/RES/9011(2001)#1", "mandate": {"id": "S/RES/9011(2001)"}, "paragraph": "1",
					"summary": "Synthetic clause 1 of S/RES/9011(2001) on [POC SSR].",
					"text": "Requests the synthetic mission to apply human rights due diligence when supporting national forces.",
					"agendas": [{"id": "POC"}, {"id": "SSR"}], "relations": [{"id": "syn-rel-01-convergence"}]}},
				{"node": {"id": "S/RES/9011(2001)#2(a)", "mandate": {"id": "S/RES/9011(2001)"}, "paragraph": "2(a)",
					"summary": "Synthetic clause 2(a) of S/RES/9011(2001) on [DDR].", "text": null,
					"agendas": [{"id": "DDR"}], "relations": []}}]}}`},
		{"clause filters", `{
				mission: clauses(filter: {mission: "SYN03"}) { totalCount }
				agenda: clauses(filter: {agenda: "HR"}) { totalCount }
				dates: clauses(filter: {agenda: "DDR", from: "2002-01-01", to: "2003-12-31"}) { edges { node { id } } }
				text: clauses(filter: {text: "Due Diligence"}) { totalCount }
				tensions: clauses(filter: {mission: "SYN01"}) { edges { node { relations(kind: TENSION) { id } } } } }`,
			`{"mission": {"totalCount": 6}, "agenda": {"totalCount": 4},
				"dates": {"edges": [{"node": {"id": "S/RES/9021(2002)#2(a)"}}, {"node": {"id": "S/RES/9031(2003)#2(a)"}}]},
				"text": {"totalCount": 4},
				"tensions": {"edges": [{"node": {"relations": [{"id": "syn-rel-01-tension"}]}}, {"node": {"relations": [{"id": "syn-rel-01-tension"}]}},
					{"node": {"relations": []}}, {"node": {"relations": []}}, {"node": {"relations": []}}, {"node": {"relations": []}}]}}`},
		{"documents", `{ documents(filter: {kind: POLICY}) { totalCount edges { node {
				id title kind issuer published year symbol url agendas { id } cites { id } citedBy { id } } } } }`,
			`{"documents": {"totalCount": 2, "edges": [
				{"node": {"id": "syn-hrdd-policy", "title": "Synthetic human rights due diligence policy", "kind": "POLICY",
					"issuer": "Synthetic Secretary-General", "published": "2011-07-01", "year": 2011, "symbol": "SYN/2011/1", "url": null,
					"agendas": [{"id": "HR"}, {"id": "POC"}, {"id": "SSR"}], "cites": [], "citedBy": []}},
				{"node": {"id": "syn-ssr-policy", "title": "Synthetic policy on security sector reform", "kind": "POLICY",
					"issuer": "Synthetic Inter-Agency Task Force", "published": null, "year": 2012, "symbol": null, "url": null,
					"agendas": [{"id": "SSR"}], "cites": [], "citedBy": []}}]}}`},
		{"document filters", `{
				issuer: documents(filter: {issuer: "institute"}) { totalCount }
				agenda: documents(filter: {agenda: "HR"}) { totalCount }
				year: documents(filter: {year: 2020}) { edges { node { id cites { id } } } }
				guidance: documents(filter: {kind: GUIDANCE}) { edges { node { url citedBy { id } } } }
				none: documents(filter: {year: 1900}) { totalCount edges { cursor } } }`,
			`{"issuer": {"totalCount": 1}, "agenda": {"totalCount": 1},
				"year": {"edges": [{"node": {"id": "syn-research-2020", "cites": [{"id": "syn-poc-guidance"}]}}]},
				"guidance": {"edges": [{"node": {"url": "https://example.org/poc-guidance", "citedBy": [
					{"id": "S/RES/9011(2001)"}, {"id": "S/RES/9021(2002)"}, {"id": "S/RES/9031(2003)"}, {"id": "S/RES/9041(2004)"}, {"id": "syn-research-2020"}]}}]},
				"none": {"totalCount": 0, "edges": []}}`},
		{"agendas", `{ agendas { id name } }`,
			`{"agendas": [{"id": "DDR", "name": "Disarmament, demobilization and reintegration"}, {"id": "HR", "name": "Human rights"},
				{"id": "POC", "name": "Protection of civilians"}, {"id": "SSR", "name": "Security sector reform"}]}`},
		{"agenda fields", `{ node(id: "POC") { ... on Agenda {
				documents { id }
				clauses(mission: "SYN02", first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage } }
				all: clauses { totalCount }
				relations(kind: TENSION) { id }
				withSSR: relations(with: "SSR", kind: CONVERGENCE) { id } } } }`,
			`{"node": {"documents": [{"id": "syn-hrdd-policy"}, {"id": "syn-poc-guidance"}, {"id": "syn-research-2020"}],
				"clauses": {"totalCount": 3, "edges": [{"node": {"id": "S/RES/9020(2002)#1"}}], "pageInfo": {"hasNextPage": true, "hasPreviousPage": false}},
				"all": {"totalCount": 12},
				"relations": [{"id": "syn-rel-01-tension"}, {"id": "syn-rel-02-tension"}, {"id": "syn-rel-03-tension"}, {"id": "syn-rel-04-tension"}, {"id": "syn-rel-poc-ssr"}],
				"withSSR": [{"id": "syn-rel-01-convergence"}, {"id": "syn-rel-02-convergence"}, {"id": "syn-rel-03-convergence"}, {"id": "syn-rel-04-convergence"}]}}`},
		{"relation fields", `{ relations(filter: {mission: "SYN01", kind: CONVERGENCE}) { totalCount edges { node {
				id kind source { __typename id } target { __typename id } mechanism summary strength mission { id }
				evidence { document { id } locator note } } } } }`,
			`{"relations": {"totalCount": 1, "edges": [{"node": {"id": "syn-rel-01-convergence", "kind": "CONVERGENCE",
				"source": {"__typename": "Clause", "id": "S/RES/9011(2001)#1"}, "target": {"__typename": "Document", "id": "syn-hrdd-policy"},
				"mechanism": "CONDITIONAL_SUPPORT", "summary": "Synthetic: conditions on support protect civilians.", "strength": 2, "mission": null,
				"evidence": [{"document": {"id": "syn-poc-guidance"}, "locator": null, "note": "first"},
					{"document": {"id": "syn-ssr-policy"}, "locator": "s. 3", "note": "second"}]}}]}}`},
		{"relation filters", `{
				pair: relations(filter: {kind: TENSION, agendas: ["POC", "SSR"]}) { totalCount }
				one: relations(filter: {agendas: ["DDR"]}) { edges { node { id } } }
				mechanism: relations(filter: {mechanism: "PARTNER_FORCE_ABUSES"}) { totalCount }
				mission: relations(filter: {mission: "SYN03"}) { edges { node { id mission { id } } } }
				strength: relations(filter: {strength: 2}) { totalCount }
				minStrength: relations(filter: {minStrength: 3}) { totalCount }
				all: relations { totalCount } }`,
			`{"pair": {"totalCount": 5}, "one": {"edges": [{"node": {"id": "syn-rel-ddr-ssr"}}]}, "mechanism": {"totalCount": 4},
				"mission": {"edges": [{"node": {"id": "syn-rel-03-convergence", "mission": null}}, {"node": {"id": "syn-rel-03-tension", "mission": {"id": "SYN03"}}}]},
				"strength": {"totalCount": 5}, "minStrength": {"totalCount": 4}, "all": {"totalCount": 10}}`},
		{"neighborhood", `{ neighborhood(id: "DDR", depth: 1) { nodes { id kind label } edges { id kind source target } truncated } }`,
			`{"neighborhood": {"nodes": [
				{"id": "DDR", "kind": "Agenda", "label": "Disarmament, demobilization and reintegration"},
				{"id": "S/RES/9011(2001)#2(a)", "kind": "Clause", "label": "2(a)"}, {"id": "S/RES/9021(2002)#2(a)", "kind": "Clause", "label": "2(a)"},
				{"id": "S/RES/9031(2003)#2(a)", "kind": "Clause", "label": "2(a)"}, {"id": "S/RES/9041(2004)#2(a)", "kind": "Clause", "label": "2(a)"},
				{"id": "SSR", "kind": "Agenda", "label": "Security sector reform"}],
			"edges": [
				{"id": "S/RES/9011(2001)#2(a)|ADDRESSES|DDR", "kind": "ADDRESSES", "source": "S/RES/9011(2001)#2(a)", "target": "DDR"},
				{"id": "S/RES/9021(2002)#2(a)|ADDRESSES|DDR", "kind": "ADDRESSES", "source": "S/RES/9021(2002)#2(a)", "target": "DDR"},
				{"id": "S/RES/9031(2003)#2(a)|ADDRESSES|DDR", "kind": "ADDRESSES", "source": "S/RES/9031(2003)#2(a)", "target": "DDR"},
				{"id": "S/RES/9041(2004)#2(a)|ADDRESSES|DDR", "kind": "ADDRESSES", "source": "S/RES/9041(2004)#2(a)", "target": "DDR"},
				{"id": "syn-rel-ddr-ssr", "kind": "CONVERGENCE", "source": "DDR", "target": "SSR"}],
			"truncated": false}}`},
		{"neighborhood filtered", `{ neighborhood(id: "SYN01", depth: 3, filter: {nodeKinds: [Mission], edgeKinds: [SUCCEEDED_BY, MANDATES, HAS_CLAUSE], limit: 2}) {
				nodes { id properties } truncated } }`,
			`{"neighborhood": {"nodes": [{"id": "SYN01", "properties": {"id": "SYN01", "kind": "Mission", "acronym": "SYN01",
				"name": "Synthetic Mission 1", "hostCountries": ["AAA"], "startDate": "2001-01-01", "endDate": "2002-01-01",
				"provenanceSource": "https://example.org/SYN01", "provenanceStatus": "verified", "provenanceMethod": "synthetic test data"}},
				{"id": "SYN02", "properties": {"id": "SYN02", "kind": "Mission", "acronym": "SYN02",
				"name": "Synthetic Mission 2", "hostCountries": ["BBB"], "startDate": "2002-01-01",
				"provenanceSource": "https://example.org/SYN02", "provenanceStatus": "verified", "provenanceMethod": "synthetic test data"}}],
				"truncated": false}}`},
		{"shortest path", `{ shortestPath(from: "SYN01", to: "SYN02") { nodes { id } edges { id kind source target properties } truncated }
				none: shortestPath(from: "SYN01", to: "SYN03", filter: {edgeKinds: [SUCCEEDED_BY]}) { nodes { id } }
				far: shortestPath(from: "S/RES/9011(2001)#2(a)", to: "S/RES/9041(2004)#2(a)", maxHops: 2) { nodes { id } }
				self: shortestPath(from: "POC", to: "POC") { nodes { id } edges { id } } }`,
			`{"shortestPath": {"nodes": [{"id": "SYN01"}, {"id": "SYN02"}],
				"edges": [{"id": "SYN01|SUCCEEDED_BY|SYN02", "kind": "SUCCEEDED_BY", "source": "SYN01", "target": "SYN02", "properties": null}], "truncated": false},
				"none": null,
				"far": {"nodes": [{"id": "S/RES/9011(2001)#2(a)"}, {"id": "DDR"}, {"id": "S/RES/9041(2004)#2(a)"}]},
				"self": {"nodes": [{"id": "POC"}], "edges": []}}`},
		{"graph", `{ graph(filter: {nodeKinds: [Agenda], edgeKinds: [TENSION, CONVERGENCE]}) { nodes { id } edges { id kind source target properties } truncated } }`,
			`{"graph": {"nodes": [{"id": "DDR"}, {"id": "HR"}, {"id": "POC"}, {"id": "SSR"}], "edges": [
				{"id": "syn-rel-ddr-ssr", "kind": "CONVERGENCE", "source": "DDR", "target": "SSR", "properties": {"id": "syn-rel-ddr-ssr",
					"mechanism": "DDR_LINK", "summary": "Synthetic: integration of ex-combatants links DDR and reform.", "strength": 1,
					"evidence": [{"document": "syn-ssr-policy", "note": "synthetic note"}]}},
				{"id": "syn-rel-poc-ssr", "kind": "TENSION", "source": "POC", "target": "SSR", "properties": {"id": "syn-rel-poc-ssr",
					"mechanism": "TIME_HORIZON", "summary": "Synthetic: reform takes years, protection cannot wait.", "strength": 2,
					"evidence": [{"document": "syn-research-2020", "locator": "ch. 2", "note": "synthetic note"}]}}],
				"truncated": false}}`},
		{"graph truncated", `{ graph(filter: {limit: 5}) { nodes { kind } truncated } }`,
			`{"graph": {"nodes": [{"kind": "Agenda"}, {"kind": "Agenda"}, {"kind": "Agenda"}, {"kind": "Agenda"}, {"kind": "Mission"}], "truncated": true}}`},
		{"agenda overlap", `{ agendaOverlap(agendas: ["POC", "SSR"]) { mission { id } since relationCount }
				period: agendaOverlap(agendas: ["POC", "DDR"], from: "2002-01-01", to: "2003-12-31") { mission { id name } since relationCount }
				single: agendaOverlap(agendas: ["HR"], to: "2001-12-31") { mission { id } since relationCount } }`,
			`{"agendaOverlap": [
				{"mission": {"id": "SYN01"}, "since": "2001-01-15", "relationCount": 2}, {"mission": {"id": "SYN02"}, "since": "2002-01-15", "relationCount": 2},
				{"mission": {"id": "SYN03"}, "since": "2003-01-15", "relationCount": 2}, {"mission": {"id": "SYN04"}, "since": "2004-01-15", "relationCount": 2}],
			"period": [{"mission": {"id": "SYN02", "name": "Synthetic Mission 2"}, "since": "2002-04-15", "relationCount": 0},
				{"mission": {"id": "SYN03", "name": "Synthetic Mission 3"}, "since": "2003-04-15", "relationCount": 0}],
			"single": [{"mission": {"id": "SYN01"}, "since": "2001-07-15", "relationCount": 0}]}`},
		{"mandate timeline", `{ mandateTimeline(mission: "SYN01") { mandate { id adopted } agendas { id } added { id } dropped { id } } }`,
			`{"mandateTimeline": [
				{"mandate": {"id": "S/RES/9010(2001)", "adopted": "2001-01-15"}, "agendas": [{"id": "POC"}, {"id": "SSR"}], "added": [{"id": "POC"}, {"id": "SSR"}], "dropped": []},
				{"mandate": {"id": "S/RES/9011(2001)", "adopted": "2001-04-15"}, "agendas": [{"id": "DDR"}, {"id": "POC"}, {"id": "SSR"}], "added": [{"id": "DDR"}], "dropped": []},
				{"mandate": {"id": "S/PRST/2001/1", "adopted": "2001-07-15"}, "agendas": [{"id": "HR"}, {"id": "POC"}], "added": [{"id": "HR"}], "dropped": [{"id": "DDR"}, {"id": "SSR"}]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := a.post(t, tt.query, nil)
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %+v", res.Errors)
			}
			jsonEqual(t, res.Data, tt.want)
		})
	}
}

func TestSearch(t *testing.T) {
	a := fixture(t)
	var data struct {
		Search []struct {
			Node struct {
				Typename string `json:"__typename"`
				ID       string `json:"id"`
			} `json:"node"`
			Score float64 `json:"score"`
		} `json:"search"`
	}
	a.query(t, `query($text: String!) { search(text: $text, first: 5) { node { __typename id } score } }`,
		map[string]any{"text": `"due diligence"`}, &data)
	var got []string
	for i, h := range data.Search {
		got = append(got, h.Node.Typename+" "+h.Node.ID)
		if h.Score <= 0 || (i > 0 && h.Score > data.Search[i-1].Score) {
			t.Errorf("scores not positive and descending: %+v", data.Search)
		}
	}
	for _, want := range []string{"Document syn-hrdd-policy", "Clause S/RES/9011(2001)#1"} {
		if !slices.Contains(got, want) {
			t.Errorf("hits %q lack %q", got, want)
		}
	}
	if len(got) != 5 {
		t.Errorf("got %d hits, want first: 5", len(got))
	}
	res := a.post(t, `{ search(text: "zzzznothing") { score } }`, nil)
	jsonEqual(t, res.Data, `{"search": []}`)
}
