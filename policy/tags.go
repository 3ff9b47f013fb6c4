package policy

// TagSource says where a clause's agenda tag comes from.
type TagSource string

// The tag sources.
const (
	// TagRule is a tag a tagging rule gave (tagging/rules.yaml): the rule
	// id and the words it matched say why.
	TagRule TagSource = "rule"
	// TagCurated is a tag a curator gave, with the curator's reason.
	TagCurated TagSource = "curated"
)

// NoReasonRecorded is the reason of a curated tag whose curator gave none
// (the tags recorded before tags carried their reasons).
const NoReasonRecorded = "tagged by the curator; no reason recorded"

// Tag says why a clause addresses an agenda.
type Tag struct {
	Agenda string
	Source TagSource
	Rule   string // the rule id, when Source is TagRule
	Phrase string // the words the rule matched, when Source is TagRule
	// Reason is the rule's one-line rationale, or the curator's reason.
	Reason string
}

// Tag returns the clause's tag for the agenda, and whether it has one:
// the Tags entry for it, else (an agenda listed without one) a curated
// tag with NoReasonRecorded.
func (c Clause) Tag(agenda string) (Tag, bool) {
	for _, t := range c.Tags {
		if t.Agenda == agenda {
			return t, true
		}
	}
	for _, a := range c.Agendas {
		if a == agenda {
			return Tag{Agenda: agenda, Source: TagCurated, Reason: NoReasonRecorded}, true
		}
	}
	return Tag{}, false
}

// AllTags returns a tag per agenda of the clause, in the order of Agendas.
func (c Clause) AllTags() []Tag {
	out := make([]Tag, 0, len(c.Agendas))
	for _, a := range c.Agendas {
		t, _ := c.Tag(a)
		out = append(out, t)
	}
	return out
}

// NotTagged is an agenda a tagging rule gives a clause and the curator
// rejects, with the curator's reason ("notTagged" in the dataset format).
// It keeps a difference between the rules and the curator visible and
// explained instead of silently dropped.
type NotTagged struct {
	Agenda string
	Reason string // the curator's reason, in the project's own words
}
