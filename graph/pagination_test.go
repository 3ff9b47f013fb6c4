package graph_test

import (
	"encoding/base64"
	"testing"
)

type pageInfo struct {
	HasNextPage     bool    `json:"hasNextPage"`
	HasPreviousPage bool    `json:"hasPreviousPage"`
	StartCursor     *string `json:"startCursor"`
	EndCursor       *string `json:"endCursor"`
}

type missionPage struct {
	Missions struct {
		TotalCount int `json:"totalCount"`
		Edges      []struct {
			Cursor string `json:"cursor"`
			Node   struct {
				ID string `json:"id"`
			} `json:"node"`
		} `json:"edges"`
		PageInfo pageInfo `json:"pageInfo"`
	} `json:"missions"`
}

func (p missionPage) ids() []string {
	out := []string{}
	for _, e := range p.Missions.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

const missionsQuery = `query($first: Int, $after: String, $filter: MissionFilter) {
	missions(first: $first, after: $after, filter: $filter) {
		totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`

func TestPagination(t *testing.T) {
	a := fixture(t)
	page := func(t *testing.T, vars map[string]any) missionPage {
		t.Helper()
		var p missionPage
		a.query(t, missionsQuery, vars, &p)
		return p
	}
	check := func(t *testing.T, p missionPage, ids []string, total int, next, prev bool) {
		t.Helper()
		wantIDs(t, p.ids(), ids)
		info := p.Missions.PageInfo
		if p.Missions.TotalCount != total || info.HasNextPage != next || info.HasPreviousPage != prev {
			t.Errorf("totalCount %d hasNext %v hasPrevious %v, want %d %v %v", p.Missions.TotalCount, info.HasNextPage, info.HasPreviousPage, total, next, prev)
		}
		edges := p.Missions.Edges
		switch {
		case len(edges) == 0 && (info.StartCursor != nil || info.EndCursor != nil):
			t.Errorf("empty page has cursors %v %v", info.StartCursor, info.EndCursor)
		case len(edges) > 0 && (info.StartCursor == nil || *info.StartCursor != edges[0].Cursor ||
			info.EndCursor == nil || *info.EndCursor != edges[len(edges)-1].Cursor):
			t.Errorf("page cursors %v %v do not match its edges", info.StartCursor, info.EndCursor)
		}
	}

	first := page(t, map[string]any{"first": 2})
	t.Run("first page", func(t *testing.T) { check(t, first, []string{"SYN01", "SYN02"}, 4, true, false) })
	last := page(t, map[string]any{"first": 2, "after": *first.Missions.PageInfo.EndCursor})
	t.Run("last page", func(t *testing.T) { check(t, last, []string{"SYN03", "SYN04"}, 4, false, true) })
	t.Run("past the end", func(t *testing.T) {
		check(t, page(t, map[string]any{"first": 2, "after": *last.Missions.PageInfo.EndCursor}), []string{}, 4, false, true)
	})
	t.Run("far past the end", func(t *testing.T) {
		far := base64.RawURLEncoding.EncodeToString([]byte("offset:1000"))
		check(t, page(t, map[string]any{"first": 2, "after": far}), []string{}, 4, false, true)
	})
	t.Run("empty page", func(t *testing.T) { check(t, page(t, map[string]any{"first": 0}), []string{}, 4, true, false) })
	t.Run("empty result", func(t *testing.T) {
		check(t, page(t, map[string]any{"filter": map[string]any{"hostCountry": "ZZZ"}}), []string{}, 0, false, false)
	})
	t.Run("default page size", func(t *testing.T) {
		check(t, page(t, nil), []string{"SYN01", "SYN02", "SYN03", "SYN04"}, 4, false, false)
	})
	t.Run("filtered pages", func(t *testing.T) {
		p := page(t, map[string]any{"first": 1, "filter": map[string]any{"hostCountry": "BBB"}})
		check(t, p, []string{"SYN02"}, 2, true, false)
		check(t, page(t, map[string]any{"first": 1, "after": p.Missions.Edges[0].Cursor, "filter": map[string]any{"hostCountry": "BBB"}}),
			[]string{"SYN04"}, 2, false, true)
	})
	t.Run("walk", func(t *testing.T) {
		var got []string
		var after any
		for range 10 {
			p := page(t, map[string]any{"first": 1, "after": after})
			got = append(got, p.ids()...)
			if !p.Missions.PageInfo.HasNextPage {
				break
			}
			after = *p.Missions.PageInfo.EndCursor
		}
		wantIDs(t, got, []string{"SYN01", "SYN02", "SYN03", "SYN04"})
	})
	t.Run("nested connection pages", func(t *testing.T) {
		res := a.post(t, `{ agendas { id clauses(mission: "SYN01", first: 1, after: "b2Zmc2V0OjA") {
			totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } } }`, nil)
		jsonEqual(t, res.Data, `{"agendas": [
			{"id": "DDR", "clauses": {"totalCount": 1, "edges": [], "pageInfo": {"hasNextPage": false, "hasPreviousPage": true}}},
			{"id": "HR", "clauses": {"totalCount": 1, "edges": [], "pageInfo": {"hasNextPage": false, "hasPreviousPage": true}}},
			{"id": "POC", "clauses": {"totalCount": 3, "edges": [{"node": {"id": "S/RES/9011(2001)#1"}}], "pageInfo": {"hasNextPage": true, "hasPreviousPage": true}}},
			{"id": "SSR", "clauses": {"totalCount": 2, "edges": [{"node": {"id": "S/RES/9011(2001)#1"}}], "pageInfo": {"hasNextPage": false, "hasPreviousPage": true}}}]}`)
	})
}

func wantIDs(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("ids = %q, want %q", got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("ids = %q, want %q", got, want)
			return
		}
	}
}

// TestRelationPagesWithoutTotal: a relations connection that does not
// select totalCount is not counted, and still pages through the same
// relations as one that does, with hasNextPage true exactly before the end.
func TestRelationPagesWithoutTotal(t *testing.T) {
	a := fixture(t)
	type relPage struct {
		Relations struct {
			TotalCount int `json:"totalCount"`
			Edges      []struct {
				Node struct {
					ID string `json:"id"`
				} `json:"node"`
			} `json:"edges"`
			PageInfo pageInfo `json:"pageInfo"`
		} `json:"relations"`
	}
	ids := func(p relPage) []string {
		out := []string{}
		for _, e := range p.Relations.Edges {
			out = append(out, e.Node.ID)
		}
		return out
	}
	var all relPage
	a.query(t, `{ relations(first: 50, filter: {kind: TENSION}) { totalCount edges { node { id } } } }`, nil, &all)
	want := ids(all)
	if len(want) < 3 || all.Relations.TotalCount != len(want) {
		t.Fatalf("%d tensions, totalCount %d: the test needs at least 3", len(want), all.Relations.TotalCount)
	}
	var got []string
	var after any
	for range len(want) {
		var p relPage
		a.query(t, `query($after: String) { relations(first: 2, after: $after, filter: {kind: TENSION}) {
			edges { node { id } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after}, &p)
		got = append(got, ids(p)...)
		if p.Relations.PageInfo.HasNextPage != (len(got) < len(want)) {
			t.Fatalf("after %d of %d relations: hasNextPage %v", len(got), len(want), p.Relations.PageInfo.HasNextPage)
		}
		if !p.Relations.PageInfo.HasNextPage {
			break
		}
		after = *p.Relations.PageInfo.EndCursor
	}
	wantIDs(t, got, want)
}
