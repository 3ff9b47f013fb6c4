package neo4jdb

import (
	"reflect"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

// The staged load builds a relation's row directly instead of going
// through relationProps (which the one-transaction load and the diff use);
// both must put the same values under the same keys.
func TestRelRowMatchesRelationProps(t *testing.T) {
	eids := []string{"4:x:0", "4:x:1"}
	for _, tc := range []struct {
		name string
		rel  *policy.Relation
	}{
		{"structural", nil},
		{"with mission and evidence", &policy.Relation{ID: "t1", Mechanism: "TIME_HORIZON", Summary: "s", Strength: 2, Mission: "MONUSCO",
			Evidence: []policy.Evidence{{Document: "d1", Locator: "p. 3", Note: "n1"}, {Document: "d2"}}}},
		{"without mission", &policy.Relation{ID: "c1", Mechanism: "SHARED_ACCOUNTABILITY", Summary: "s", Strength: 1,
			Evidence: []policy.Evidence{{Document: "d1", Locator: "12", Note: "n"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := relRow(wantRel{fromIdx: 0, toIdx: 1, rel: tc.rel}, eids)
			want := []any{eids[0], eids[1]}
			if tc.rel != nil {
				vals, err := positional(relationProps(tc.rel), relationKeys)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, vals...)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("relRow = %#v\nwant     %#v", got, want)
			}
		})
	}
}
