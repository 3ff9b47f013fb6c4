package tagging_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mandategraph/mandategraph/tagging"
)

func TestEmbeddedRulesCoverEveryAgenda(t *testing.T) {
	have := map[string]bool{}
	for _, r := range tagging.Default().Rules {
		have[r.Agenda] = true
		if len(strings.Fields(r.Why)) < 3 {
			t.Errorf("rule %s: rationale %q is not a sentence", r.ID, r.Why)
		}
	}
	for _, a := range tagging.Agendas {
		if !have[a] {
			t.Errorf("no rule for agenda %s", a)
		}
	}
}

func TestTag(t *testing.T) {
	tagger, err := tagging.Parse([]byte(`
rules:
  - id: poc-text
    agenda: POC
    why: the task by its name
    phrases: ["protection of civilians", "civilian* under threat"]
    unless: ["child protection"]
  - id: poc-heading
    agenda: POC
    why: items under the heading carry the task
    scope: heading
    phrases: ["protection of civilians"]
  - id: ssr-text
    agenda: SSR
    why: the task by its name
    phrases: ["security sector reform", "ssr"]
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		text     string
		headings []string
		want     []tagging.Tag
	}{
		{"phrase, case and spacing folded", "Ensure the  PROTECTION\u00a0of civilians;", nil,
			[]tagging.Tag{{Agenda: "POC", Rule: "poc-text", Phrase: "PROTECTION of civilians", Scope: "text"}}},
		{"prefix word", "civilians under threat of violence", nil,
			[]tagging.Tag{{Agenda: "POC", Rule: "poc-text", Phrase: "civilians under threat", Scope: "text"}}},
		{"word boundary: SSR inside a word does not match", "the SSRX office", nil, nil},
		{"acronym as a word", "support to SSR,", nil,
			[]tagging.Tag{{Agenda: "SSR", Rule: "ssr-text", Phrase: "SSR", Scope: "text"}}},
		{"heading inherited", "Ensure effective and dynamic patrols", []string{"Protection of civilians"},
			[]tagging.Tag{{Agenda: "POC", Rule: "poc-heading", Phrase: "Protection of civilians", Scope: "heading"}}},
		{"exclusion cancels the rule", "child protection and the protection of civilians", nil,
			[]tagging.Tag{{Agenda: "POC", Rule: "poc-heading", Phrase: "", Scope: ""}}[:0]},
		{"two agendas in agenda order", "security sector reform and protection of civilians", nil,
			[]tagging.Tag{{Agenda: "POC", Rule: "poc-text", Phrase: "protection of civilians", Scope: "text"},
				{Agenda: "SSR", Rule: "ssr-text", Phrase: "security sector reform", Scope: "text"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tagger.Tag(tc.text, tc.headings)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Tag(%q, %q) (-want +got):\n%s", tc.text, tc.headings, d)
			}
		})
	}
}

func TestTagNear(t *testing.T) {
	tagger, err := tagging.Parse([]byte(`
rules:
  - id: ssr-train-police
    agenda: SSR
    why: what is done to the police comes before it
    phrases: ["police"]
    near: ["train*", "reform*"]
    window: 3
    side: before
  - id: poc-attacks
    agenda: POC
    why: attacks close to the civilians they hit
    phrases: ["attack*"]
    near: ["civilians"]
    window: 2
  - id: hr-anywhere
    agenda: HR
    why: near without a window looks at the whole text
    phrases: ["monitor"]
    near: ["rights"]
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []tagging.Tag
	}{
		{"near word before, inside the window", "help train the national police", []tagging.Tag{{Agenda: "SSR", Rule: "ssr-train-police", Phrase: "police", Scope: "text"}}},
		{"near word too far", "help train staff, teachers and the national police", nil},
		{"near word only after, side before", "the police will reform the roads", nil},
		{"second occurrence qualifies", "police posts; reform of the police", []tagging.Tag{{Agenda: "SSR", Rule: "ssr-train-police", Phrase: "police", Scope: "text"}}},
		{"both sides without side", "civilians under attack", []tagging.Tag{{Agenda: "POC", Rule: "poc-attacks", Phrase: "attack", Scope: "text"}}},
		{"window 0 is the whole text", "monitor the situation, and the rights of all", []tagging.Tag{{Agenda: "HR", Rule: "hr-anywhere", Phrase: "monitor", Scope: "text"}}},
		{"no near phrase at all", "monitor the ceasefire and attacks on convoys", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tagger.Tag(tc.text, nil)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Tag(%q) (-want +got):\n%s", tc.text, d)
			}
		})
	}
}

// A heading rule with "with" fires only when the clause's own text has one
// of those words too.
func TestTagHeadingWith(t *testing.T) {
	tagger, err := tagging.Parse([]byte(`
rules:
  - id: poc-heading
    agenda: POC
    why: the heading's context, for a text about protection
    scope: heading
    phrases: ["protection of civilians"]
    with: ["protect*", "threat*"]
`))
	if err != nil {
		t.Fatal(err)
	}
	heads := []string{"Mandate", "Protection of civilians"}
	for _, tc := range []struct {
		name, text string
		headings   []string
		want       []tagging.Tag
	}{
		{"text about protection", "deter threats against the population", heads, []tagging.Tag{{Agenda: "POC", Rule: "poc-heading", Phrase: "Protection of civilians", Scope: "heading"}}},
		{"text about something else", "support the return of displaced persons", heads, nil},
		{"protection words without the heading", "deter threats against the population", []string{"Mandate"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tagger.Tag(tc.text, tc.headings)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Tag(%q) (-want +got):\n%s", tc.text, d)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"rules:\n  - id: x\n    agenda: NOPE\n    why: a b c\n    phrases: [a]\n", `unknown agenda "NOPE"`},
		{"rules:\n  - id: x\n    agenda: POC\n    phrases: [a]\n", "no why"},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n", "no phrases"},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n    phrases: [a]\n  - id: x\n    agenda: SSR\n    why: a b c\n    phrases: [b]\n", "id used twice"},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n    phrases: [a]\n    scope: body\n", `scope "body"`},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n    phrases: [a]\n    colour: red\n", "colour"},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n    phrases: [a]\n    window: 3\n", "window or side without near"},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n    phrases: [a]\n    near: [b]\n    window: -1\n", "window -1"},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n    phrases: [a]\n    near: [b]\n    side: after\n", `side "after"`},
		{"rules:\n  - id: x\n    agenda: POC\n    why: a b c\n    phrases: [a]\n    with: [b]\n", "with is for heading rules"},
	} {
		_, err := tagging.Parse([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tc.yaml, err, tc.want)
		}
	}
}
