package neo4jdb_test

import (
	"context"
	"slices"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

// TestFindRelationsWith: the page is FindRelations' own, and the entities
// with it are exactly the page's ends and evidence documents, each asked
// part alone or both, with and without the total, and none for an empty
// page.
func TestFindRelationsWith(t *testing.T) {
	store := loadFixture(t, 4)
	ctx := context.Background()
	tension := policy.Tension
	filters := map[string]policy.RelationFilter{
		"every relation": {},
		"tensions":       {Kind: &tension},
		"two agendas":    {Agendas: []string{"POC", "SSR"}},
		"nothing":        {Strength: new(1), Mission: new("NO-SUCH-MISSION")},
	}
	for name, f := range filters {
		for _, skip := range []bool{false, true} {
			for _, with := range []policy.RelationNeighbours{{Ends: true}, {Documents: true}, {Ends: true, Documents: true}} {
				req := policy.PageRequest{Limit: 3, SkipTotal: skip}
				want, err := store.FindRelations(ctx, f, req)
				if err != nil {
					t.Fatal(err)
				}
				page, got, err := store.FindRelationsWith(ctx, f, req, with)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if page.Total != want.Total || !slices.Equal(relIDs(page.Items), relIDs(want.Items)) {
					t.Errorf("%s %+v: page %v (%d), want %v (%d)", name, with, relIDs(page.Items), page.Total, relIDs(want.Items), want.Total)
				}
				var ids []string
				for _, r := range page.Items {
					if with.Ends {
						ids = append(ids, r.Source, r.Target)
					}
					for _, e := range r.Evidence {
						if with.Documents {
							ids = append(ids, e.Document)
						}
					}
				}
				slices.Sort(ids)
				ids = slices.Compact(ids)
				var gotIDs []string
				for id, e := range got {
					if e.ID() != id {
						t.Errorf("%s: entity %s under %s", name, e.ID(), id)
					}
					gotIDs = append(gotIDs, id)
				}
				slices.Sort(gotIDs)
				if !slices.Equal(gotIDs, ids) {
					t.Errorf("%s %+v skip total %v: entities %v, want %v", name, with, skip, gotIDs, ids)
				}
				if name != "nothing" && len(ids) == 0 {
					t.Errorf("%s %+v: no entity expected: the case proves nothing", name, with)
				}
			}
		}
	}
}
