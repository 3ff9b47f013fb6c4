package graph

import (
	"github.com/mandategraph/mandategraph/graph/model"
	"github.com/mandategraph/mandategraph/policy"
)

// clauseTags pairs each agenda a clause addresses with the tag that says
// why (policy.Clause.Tag: a rule's, a curator's with a reason, or a curated
// one with no reason recorded).
func clauseTags(c policy.Clause, agendas []*model.Agenda) []*model.ClauseTag {
	out := make([]*model.ClauseTag, 0, len(agendas))
	for _, a := range agendas {
		t, _ := c.Tag(a.ID)
		if t.Agenda == "" { // the graph's ADDRESSES without a tag entry or agenda list
			t = policy.Tag{Agenda: a.ID, Source: policy.TagCurated, Reason: policy.NoReasonRecorded}
		}
		out = append(out, &model.ClauseTag{Agenda: a, Source: string(t.Source), Rule: orNull(t.Rule), Phrase: orNull(t.Phrase), Reason: t.Reason})
	}
	return out
}

// orNull is s, or nil when s is "".
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
