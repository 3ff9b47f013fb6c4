package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/graph"
	"github.com/mandategraph/mandategraph/policy"
	"github.com/mandategraph/mandategraph/policy/policytest"
)

// levelByLevel hides a store's TreeReader: the handler over it serves every
// level with its own batch load, the path a compiled selection replaces.
type levelByLevel struct{ graph.Reader }

// treeDataset is policytest.Dataset(6) with one mandate that mandates two
// missions, so that one mandate's clauses appear under two missions.
func treeDataset() *policy.Dataset {
	ds := policytest.Dataset(6)
	for i := range ds.Mandates {
		if ds.Mandates[i].ID == policytest.MandateID(2, 0) {
			ds.Mandates[i].Missions = append(ds.Mandates[i].Missions, policytest.MissionID(3))
		}
	}
	return ds
}

// TestCompiledSelectionsAnswerAsLevelByLevel: for selections that compile
// into one tree read, in whole or in part, and for some that do not, the
// answer is byte for byte the per-level path's, and the tree costs the
// queries it should.
func TestCompiledSelectionsAnswerAsLevelByLevel(t *testing.T) {
	a := newAPI(t, treeDataset(), unweightedLists)
	levels := graph.NewHandler(levelByLevel{a.store}, unweightedLists, quietLogger())
	tree := `id name mandates { id adopted clauses { id paragraph summary agendas { id name } } }`
	every := `__typename id acronym name hostCountries startDate endDate active mandates { __typename id symbol kind
		adopted chapterVII url coverage paragraphsRecorded clauses { __typename id paragraph summary text
		agendas { __typename id name description } } }`
	cases := []struct {
		name  string
		query string
		vars  map[string]any
		// compiled and levels are the queries each path costs; direct is
		// how many root fields the direct writer answers (direct.go).
		compiled, levels, direct int64
	}{
		{"operation 1", `query($id: ID!) { mission(id: $id) { ` + tree + ` } }`,
			map[string]any{"id": policytest.MissionID(2)}, 1, 4, 1},
		{"operation 2", `{ missions(first: 50) { totalCount edges { cursor node { ` + tree + ` } } pageInfo { hasNextPage } } }`,
			nil, 2, 4, 1},
		{"a second page", `{ missions(first: 2, after: "` + cursor(t, a) + `") { edges { node { ` + tree + ` } } } }`,
			nil, 2, 4, 1},
		{"no such mission", `{ mission(id: "nope") { ` + tree + ` } }`, nil, 1, 1, 1},
		{"an id of another kind", `query($id: ID!) { mission(id: $id) { ` + tree + ` } }`,
			map[string]any{"id": policytest.MandateID(1, 0)}, 1, 1, 1},
		{"aliases with different clause fields", `{ missions(first: 50) { edges { node {
			a: mandates { id clauses { id text } }
			b: mandates { symbol clauses { paragraph mandate { id } g: agendas { id } } } } } } }`,
			nil, 3, 5, 0}, // Clause.mandate is a loader on the tree's clause batch
		{"fragments and __typename", `fragment C on Clause { __typename id summary agendas { ... on Agenda { id description } } }
			fragment M on Mission { mandates { ... on Node { id } ...on Mandate { kind chapterVII clauses { ...C } } } }
			{ missions(first: 50) { edges { node { __typename ...M } } } }`, nil, 2, 4, 1},
		{"skip and include", `query($no: Boolean!, $yes: Boolean!) { mission(id: "SYN01") {
			mandates { id url @include(if: $yes) clauses { id text @skip(if: $no) agendas @include(if: $no) { id } } } } }`,
			map[string]any{"no": false, "yes": true}, 1, 3, 1},
		{"clauses filtered by agenda, from a variable", `query($g: ID) { missions(first: 50) { edges { node {
			mandates { id clauses(agenda: $g) { id tags { agenda { id } source rule } } } } } } }`,
			map[string]any{"g": "SSR"}, 2, 4, 0},
		{"coverage and clauses", `{ missions(first: 50) { edges { node {
			mandates { coverage paragraphsRecorded clauses { id } } } } } }`, nil, 2, 3, 1},
		{"loaders beside the tree", `{ missions(first: 50) { edges { node { id agendas { id } relations { id }
			predecessor { id } mandates { missions { id } cites { id } clauses { id relations { id } agendas { id documents { id } } } } } } } }`,
			nil, 9, 11, 0},
		{"every field the writer knows", `query($id: ID!) { a: mission(id: $id) { ` + every + ` }
			b: missions(first: 3, after: "` + cursor(t, a) + `") { __typename totalCount
				pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
				edges { __typename cursor node { ` + every + ` } } } }`,
			map[string]any{"id": policytest.MissionID(3)}, 3, 8, 2},
		{"the missions' own fields, filtered", `{ missions(first: 50, filter: {active: false}) {
			totalCount edges { node { id name hostCountries startDate endDate active } } } }`, nil, 1, 1, 1},
		{"an empty page", `{ missions(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { node { ` + tree + ` } } } }`, nil, 1, 1, 1},
		{"one field twice, merged", `{ mission(id: "SYN01") { mandates { id } mandates { adopted clauses { id } } } }`,
			nil, 1, 3, 1},
		{"each mission written twice, so not streamed", `{ missions(first: 50) { edges { a: node { id mandates { id } }
			b: node { mandates { clauses { id } } } } } }`, nil, 2, 3, 1},
		{"beside a deferred fragment", `{ a: mission(id: "SYN01") { ` + tree + ` }
			... @defer { b: mission(id: "SYN02") { id } } }`, nil, 2, 5, 1},
		// Not compiled, or compiled down to the level before it.
		{"no mandates", `{ missions(first: 50) { edges { node { id agendas { id } } } } }`, nil, 2, 2, 0},
		{"two agenda arguments", `{ mission(id: "SYN02") { mandates {
			poc: clauses(agenda: "POC") { id } ssr: clauses(agenda: "SSR") { id agendas { id } } } } }`, nil, 4, 5, 0},
		{"coverage with a filtered list", `{ mission(id: "SYN02") { mandates {
			coverage clauses(agenda: "POC") { id } } } }`, nil, 3, 4, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, directBefore := a.store.RoundTrips(), graph.DirectAnswers(a.handler.(*graph.Handler))
			compiled := a.post(t, c.query, c.vars)
			mid, direct := a.store.RoundTrips(), graph.DirectAnswers(a.handler.(*graph.Handler))-directBefore
			perLevel := postTo(t, levels, c.query, c.vars)
			after := a.store.RoundTrips()
			if len(compiled.Errors) > 0 || len(perLevel.Errors) > 0 {
				t.Fatalf("errors: compiled %+v, per level %+v", compiled.Errors, perLevel.Errors)
			}
			if !bytes.Equal(compiled.Data, perLevel.Data) {
				t.Errorf("answers differ\ncompiled:  %s\nper level: %s", compiled.Data, perLevel.Data)
			}
			if bytes.Count(compiled.Data, []byte(`"id"`)) < 2 && c.levels > 1 {
				t.Errorf("answer too small to prove anything: %s", compiled.Data)
			}
			if direct != c.direct {
				t.Errorf("direct answers: %d, want %d", direct, c.direct)
			}
			if got := mid - before; got != c.compiled {
				t.Errorf("compiled path: %d queries, want %d", got, c.compiled)
			}
			if got := after - mid; got != c.levels {
				t.Errorf("per-level path: %d queries, want %d", got, c.levels)
			}
		})
	}
}

// TestResultBudgetRefusesLargeAnswers: past MaxResultObjects, a request is
// refused with BAD_USER_INPUT naming the limit and its variable, on the
// compiled path and on the per-level path, and one under it is answered.
func TestResultBudgetRefusesLargeAnswers(t *testing.T) {
	limits := unweightedLists
	limits.MaxResultObjects = 60
	a := newAPI(t, policytest.Dataset(6), limits)
	levels := graph.NewHandler(levelByLevel{a.store}, limits, quietLogger())
	small := `{ mission(id: "SYN01") { mandates { id clauses { id } } } }`
	large := `{ missions(first: 50) { edges { node { id mandates { id clauses { id agendas { id } } } } } } }`
	for name, h := range map[string]http.Handler{"compiled": a.handler, "per level": levels} {
		if res := postTo(t, h, small, nil); len(res.Errors) > 0 {
			t.Errorf("%s: small answer refused: %+v", name, res.Errors)
		}
		res := postTo(t, h, large, nil)
		if len(res.Errors) != 1 {
			t.Fatalf("%s: %d errors, want 1: %+v", name, len(res.Errors), res.Errors)
		}
		e := res.Errors[0]
		if e.Extensions["code"] != policy.EINVALID || e.Extensions["limit"] != "objects" ||
			!strings.Contains(e.Message, graph.EnvMaxResultObjects) || !strings.Contains(e.Message, "60") {
			t.Errorf("%s: error %+v: want BAD_USER_INPUT, limit objects, naming 60 and %s", name, e, graph.EnvMaxResultObjects)
		}
	}
}

// postTo posts a query to handler h.
func postTo(t *testing.T, h http.Handler, query string, vars map[string]any) response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return (&api{handler: h}).serve(t, postRequest(string(body)))
}

// cursor is the cursor of the first mission of a's missions.
func cursor(t *testing.T, a *api) string {
	var d struct {
		Missions struct{ Edges []struct{ Cursor string } }
	}
	a.query(t, `{ missions(first: 1) { edges { cursor } } }`, nil, &d)
	if len(d.Missions.Edges) != 1 {
		t.Fatalf("no mission: %+v", d)
	}
	return d.Missions.Edges[0].Cursor
}

// TestDirectAnswerErrorsAreTheExecutors: a root field the direct writer
// takes whose reads fail is reported as the executor reports it: the
// same errors (message, path, locations, code) and the same data.
func TestDirectAnswerErrorsAreTheExecutors(t *testing.T) {
	a := newAPI(t, treeDataset(), unweightedLists)
	levels := graph.NewHandler(levelByLevel{a.store}, unweightedLists, quietLogger())
	tree := `id mandates { id clauses { id agendas { id } } }`
	for name, query := range map[string]string{
		"a bad cursor, non-null field": `{ missions(first: 2, after: "nope") { edges { node { ` + tree + ` } } } }`,
		"first above the maximum":      `{ missions(first: 51) { totalCount edges { node { ` + tree + ` } } } }`,
		"beside a good root field": `{ ok: mission(id: "SYN01") { ` + tree + ` }
			bad: missions(first: -1) { edges { node { ` + tree + ` } } } }`,
	} {
		t.Run(name, func(t *testing.T) {
			direct := a.post(t, query, nil)
			perLevel := postTo(t, levels, query, nil)
			if len(direct.Errors) == 0 {
				t.Fatalf("no error: %s", direct.Body)
			}
			if direct.Body != perLevel.Body || direct.Status != perLevel.Status {
				t.Errorf("responses differ\ndirect:    %d %s\nper level: %d %s", direct.Status, direct.Body, perLevel.Status, perLevel.Body)
			}
		})
	}
}
