package graph

// Translations from GraphQL arguments to the domain's filters.

import (
	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

func missionFilter(f *model.MissionFilter) policy.MissionFilter {
	if f == nil {
		return policy.MissionFilter{}
	}
	return policy.MissionFilter{HostCountry: str(f.HostCountry), Agenda: str(f.Agenda), ActiveOn: date(f.ActiveOn), Active: f.Active}
}

func clauseFilter(f *model.ClauseFilter) policy.ClauseFilter {
	if f == nil {
		return policy.ClauseFilter{}
	}
	return policy.ClauseFilter{Mission: str(f.Mission), Agenda: str(f.Agenda), Mandate: str(f.Mandate),
		From: date(f.From), To: date(f.To), Text: str(f.Text)}
}

func documentFilter(f *model.DocumentFilter) policy.DocumentFilter {
	if f == nil {
		return policy.DocumentFilter{}
	}
	out := policy.DocumentFilter{Issuer: str(f.Issuer), Agenda: str(f.Agenda)}
	if f.Kind != nil {
		out.Kind = *f.Kind
	}
	if f.Year != nil {
		out.Year = *f.Year
	}
	return out
}

func relationFilter(f *model.RelationFilter) policy.RelationFilter {
	if f == nil {
		return policy.RelationFilter{}
	}
	out := policy.RelationFilter{Agendas: f.Agendas, Mechanism: str(f.Mechanism), Mission: str(f.Mission)}
	if f.Kind != nil {
		out.Kind = *f.Kind
	}
	if f.Strength != nil {
		out.Strength = *f.Strength
	}
	if f.MinStrength != nil {
		out.MinStrength = *f.MinStrength
	}
	return out
}

func graphFilter(f *model.GraphFilter) policy.GraphFilter {
	var out policy.GraphFilter
	if f == nil {
		return out
	}
	for _, k := range f.NodeKinds {
		out.NodeKinds = append(out.NodeKinds, string(k))
	}
	for _, k := range f.EdgeKinds {
		out.EdgeKinds = append(out.EdgeKinds, string(k))
	}
	if f.Limit != nil {
		out.Limit = *f.Limit
		if out.Limit == 0 {
			out.Limit = -1 // an explicit 0 is out of range, not "the default"
		}
	}
	return out
}
