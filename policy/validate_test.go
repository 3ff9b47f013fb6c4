package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/policy"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string // "" for valid; else a substring of the message
	}{
		{"empty relation filter", policy.RelationFilter{}.Validate(), ""},
		{"strength 1", policy.RelationFilter{Strength: new(1)}.Validate(), ""},
		{"strength 3", policy.RelationFilter{Strength: new(3), MinStrength: new(1)}.Validate(), ""},
		{"strength 0", policy.RelationFilter{Strength: new(0)}.Validate(), "strength must be between 1 and 3, got 0"},
		{"strength 9", policy.RelationFilter{Strength: new(9)}.Validate(), "strength must be between 1 and 3, got 9"},
		{"minimum strength 0", policy.RelationFilter{MinStrength: new(0)}.Validate(), "minimum strength must be between 1 and 3"},
		{"three agendas", policy.RelationFilter{Agendas: []string{"A", "B", "C"}}.Validate(), "one or two agenda ids"},
		{"known mechanism", policy.RelationFilter{Mechanism: new("TIME_HORIZON")}.Validate(), ""},
		{"unknown mechanism", policy.RelationFilter{Mechanism: new("")}.Validate(), `unknown mechanism ""`},
		{"empty graph filter", policy.GraphFilter{}.Validate(), ""},
		{"graph limit 500", policy.GraphFilter{Limit: new(500)}.Validate(), ""},
		{"graph limit 0", policy.GraphFilter{Limit: new(0)}.Validate(), "between 1 and 500, got 0"},
		{"graph limit 501", policy.GraphFilter{Limit: new(501)}.Validate(), "between 1 and 500, got 501"},
		{"unknown node kind", policy.GraphFilter{NodeKinds: []policy.NodeKind{"Person"}}.Validate(), `unknown node kind "Person"`},
		{"unknown edge kind", policy.GraphFilter{EdgeKinds: []policy.EdgeKind{"KNOWS"}}.Validate(), `unknown edge kind "KNOWS"`},
		{"depth 1", policy.CheckDepth(1), ""},
		{"depth 0", policy.CheckDepth(0), "between 1 and 3"},
		{"depth 4", policy.CheckDepth(4), "between 1 and 3"},
		{"hops 10", policy.CheckPathHops(10), ""},
		{"hops 11", policy.CheckPathHops(11), "between 1 and 10"},
		{"default hops", policy.CheckPathHops(policy.DefaultPathHops), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == "" {
				if tc.err != nil {
					t.Fatalf("error %v, want none", tc.err)
				}
				return
			}
			var perr *policy.Error
			if !errors.As(tc.err, &perr) || perr.Code != policy.EINVALID {
				t.Fatalf("error %v, want an EINVALID policy error", tc.err)
			}
			if !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", tc.err, tc.want)
			}
		})
	}
	if got := (policy.GraphFilter{}).NodeLimit(); got != policy.MaxGraphNodes {
		t.Errorf("default node limit %d, want %d", got, policy.MaxGraphNodes)
	}
	ids, err := policy.OverlapAgendas([]string{"POC", "", "POC", "SSR"})
	if err != nil || strings.Join(ids, ",") != "POC,SSR" {
		t.Errorf("OverlapAgendas = %v, %v; want [POC SSR]", ids, err)
	}
	if _, err := policy.OverlapAgendas(make([]string, 0)); err == nil {
		t.Error("OverlapAgendas of none: no error")
	}
}
