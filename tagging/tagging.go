// Package tagging gives clauses agenda tags that explain themselves: every
// tag names the rule that made it and the words of the clause (or of a
// heading above it) that matched. The rules are data, in the embedded
// rules.yaml; this package only reads and applies them.
package tagging

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

//go:embed rules.yaml
var rulesYAML []byte

// Scope says where a rule looks for its phrases.
type Scope string

// The scopes.
const (
	ScopeText    Scope = "text"    // the clause's own text
	ScopeHeading Scope = "heading" // a heading in force above the clause
)

// Rule is one tagging rule of rules.yaml.
type Rule struct {
	ID      string   `yaml:"id"`
	Agenda  string   `yaml:"agenda"`
	Why     string   `yaml:"why"`
	Scope   Scope    `yaml:"scope"`
	Phrases []string `yaml:"phrases"`
	Unless  []string `yaml:"unless"`
	// Near, when given, makes a phrase count only if one of these phrases
	// also occurs in the same text, within Window words of it (0: anywhere
	// in that text). It pairs a topic (the national police) with what is
	// done to it (training, reform), which neither says alone.
	Near   []string `yaml:"near"`
	Window int      `yaml:"window"`
	// Side "before" looks for Near only in the words before the phrase
	// (what is done comes first: "training of the police"); "" both sides.
	Side string `yaml:"side"`
	// With, for a heading rule, makes it fire only when one of these
	// phrases also occurs in the clause's own text: the heading gives the
	// context, the text must still be about the task (docs/labelling.md).
	With []string `yaml:"with"`

	with    []pattern
	phrases []pattern
	unless  []pattern
	near    []pattern
}

// Tag is one agenda a clause carries and why.
type Tag struct {
	Agenda string
	Rule   string // the rule id
	// Phrase is the matched words as they stand in the clause or heading
	// (normalised whitespace, a few words).
	Phrase string
	Scope  Scope
}

// Tagger applies a set of rules.
type Tagger struct {
	Rules []Rule
}

// Default returns the tagger of the embedded rules.yaml.
func Default() *Tagger { return defaultTagger }

var defaultTagger = func() *Tagger {
	t, err := Parse(rulesYAML)
	if err != nil {
		panic(fmt.Sprintf("tagging: embedded rules.yaml: %v", err)) // a test catches this
	}
	return t
}()

// Agendas are the agenda ids rules may use (data/agendas.yaml).
var Agendas = []string{"POC", "SSR", "DDR", "ROL", "HR", "ELECT", "CAAC", "CRSV", "WPS", "HUM", "STATE", "PEACE"}

// Parse reads rules in the rules.yaml format and checks them: known
// agenda, unique id, a rationale, at least one phrase, a known scope.
func Parse(data []byte) (*Tagger, error) {
	var f struct {
		Rules []Rule `yaml:"rules"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	seen := map[string]bool{}
	known := map[string]bool{}
	for _, a := range Agendas {
		known[a] = true
	}
	for i := range f.Rules {
		r := &f.Rules[i]
		switch {
		case r.ID == "":
			return nil, fmt.Errorf("rules[%d]: no id", i)
		case seen[r.ID]:
			return nil, fmt.Errorf("rule %s: id used twice", r.ID)
		case !known[r.Agenda]:
			return nil, fmt.Errorf("rule %s: unknown agenda %q (want one of %s)", r.ID, r.Agenda, strings.Join(Agendas, ", "))
		case strings.TrimSpace(r.Why) == "":
			return nil, fmt.Errorf("rule %s: no why (a one-line rationale)", r.ID)
		case len(r.Phrases) == 0:
			return nil, fmt.Errorf("rule %s: no phrases", r.ID)
		}
		seen[r.ID] = true
		if r.Scope == "" {
			r.Scope = ScopeText
		}
		if r.Scope != ScopeText && r.Scope != ScopeHeading {
			return nil, fmt.Errorf("rule %s: scope %q (want text or heading)", r.ID, r.Scope)
		}
		for _, p := range r.Phrases {
			pat, err := compile(p)
			if err != nil {
				return nil, fmt.Errorf("rule %s: %w", r.ID, err)
			}
			r.phrases = append(r.phrases, pat)
		}
		if r.Window < 0 {
			return nil, fmt.Errorf("rule %s: window %d (want 0 or more words)", r.ID, r.Window)
		}
		if (r.Window > 0 || r.Side != "") && len(r.Near) == 0 {
			return nil, fmt.Errorf("rule %s: window or side without near phrases", r.ID)
		}
		if r.Side != "" && r.Side != "before" {
			return nil, fmt.Errorf("rule %s: side %q (want before, or leave it out)", r.ID, r.Side)
		}
		for _, p := range r.Near {
			pat, err := compile(p)
			if err != nil {
				return nil, fmt.Errorf("rule %s: near: %w", r.ID, err)
			}
			r.near = append(r.near, pat)
		}
		if len(r.With) > 0 && r.Scope != ScopeHeading {
			return nil, fmt.Errorf("rule %s: with is for heading rules (a text rule uses near)", r.ID)
		}
		for _, p := range r.With {
			pat, err := compile(p)
			if err != nil {
				return nil, fmt.Errorf("rule %s: with: %w", r.ID, err)
			}
			r.with = append(r.with, pat)
		}
		for _, p := range r.Unless {
			pat, err := compile(p)
			if err != nil {
				return nil, fmt.Errorf("rule %s: unless: %w", r.ID, err)
			}
			r.unless = append(r.unless, pat)
		}
	}
	return &Tagger{Rules: f.Rules}, nil
}

// Tag returns, per agenda, the first rule (in file order) that fires on a
// clause with this text under these headings (outermost first), sorted by
// agenda in the order of Agendas.
func (t *Tagger) Tag(text string, headings []string) []Tag {
	body := tokenize(text)
	var heads [][]token
	for _, h := range headings {
		heads = append(heads, tokenize(h))
	}
	got := map[string]Tag{}
	for i := range t.Rules {
		r := &t.Rules[i]
		if _, done := got[r.Agenda]; done {
			continue
		}
		if r.cancelled(body) {
			continue
		}
		var phrase string
		switch r.Scope {
		case ScopeText:
			phrase = r.match(body)
		case ScopeHeading:
			if !r.within(body) {
				continue
			}
			for j := len(heads) - 1; j >= 0 && phrase == ""; j-- {
				phrase = r.match(heads[j])
			}
		}
		if phrase != "" {
			got[r.Agenda] = Tag{Agenda: r.Agenda, Rule: r.ID, Phrase: phrase, Scope: r.Scope}
		}
	}
	var out []Tag
	for _, a := range Agendas {
		if tg, ok := got[a]; ok {
			out = append(out, tg)
		}
	}
	return out
}

// within says whether the clause's own text has one of the rule's with
// phrases (true when the rule has none).
func (r *Rule) within(toks []token) bool {
	if len(r.with) == 0 {
		return true
	}
	for _, w := range r.with {
		if w.find(toks) != "" {
			return true
		}
	}
	return false
}

func (r *Rule) cancelled(toks []token) bool {
	for _, u := range r.unless {
		if u.find(toks) != "" {
			return true
		}
	}
	return false
}

// match returns the first phrase match (in phrase order) that has a near
// phrase close enough, or "".
func (r *Rule) match(toks []token) string {
	for _, p := range r.phrases {
		for i := 0; i+len(p.words) <= len(toks); i++ {
			if p.at(toks, i) && r.hasNear(toks, i, i+len(p.words)) {
				return p.text(toks, i)
			}
		}
	}
	return ""
}

// hasNear says whether a near phrase occurs within Window words of the
// span [from, to) (anywhere when Window is 0); true when the rule has none.
func (r *Rule) hasNear(toks []token, from, to int) bool {
	if len(r.near) == 0 {
		return true
	}
	lo, hi := 0, len(toks)
	if r.Window > 0 {
		lo, hi = max(0, from-r.Window), min(len(toks), to+r.Window)
	}
	if r.Side == "before" {
		hi = from
	}
	for _, q := range r.near {
		for j := lo; j+len(q.words) <= hi; j++ {
			if q.at(toks, j) {
				return true
			}
		}
	}
	return false
}

// token is one word (or punctuation mark kept for phrases like "disarmament,")
// with its folded form and original spelling.
type token struct {
	fold, orig string
}

// tokenize splits text into words on spaces and around punctuation, keeping
// commas and slashes as tokens, folding case and typographic apostrophes.
func tokenize(s string) []token {
	var out []token
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			w := cur.String()
			out = append(out, token{fold: foldWord(w), orig: w})
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-' || r == '‑':
			cur.WriteRune(r)
		case r == ',' || r == '/' || r == '(' || r == ')':
			flush()
			out = append(out, token{fold: string(r), orig: string(r)})
		default:
			flush()
		}
	}
	flush()
	return out
}

func foldWord(w string) string {
	w = strings.ToLower(w)
	w = strings.ReplaceAll(w, "’", "'")
	return strings.ReplaceAll(w, "‑", "-")
}

// pattern is a compiled phrase: words to match in order, each possibly a
// prefix (written with a trailing *).
type pattern struct {
	words  []string
	prefix []bool
}

func compile(p string) (pattern, error) {
	var pat pattern
	for _, f := range strings.Fields(p) {
		star := strings.HasSuffix(f, "*")
		for _, t := range tokenize(strings.TrimSuffix(f, "*")) {
			pat.words = append(pat.words, t.fold)
			pat.prefix = append(pat.prefix, false)
		}
		if star && len(pat.prefix) > 0 {
			pat.prefix[len(pat.prefix)-1] = true
		}
	}
	if len(pat.words) == 0 {
		return pattern{}, fmt.Errorf("empty phrase %q", p)
	}
	return pat, nil
}

// find returns the first match's words as they stand, or "".
func (p pattern) find(toks []token) string {
	for i := 0; i+len(p.words) <= len(toks); i++ {
		if p.at(toks, i) {
			return p.text(toks, i)
		}
	}
	return ""
}

// at says whether the pattern matches the tokens from i on.
func (p pattern) at(toks []token, i int) bool {
	if i+len(p.words) > len(toks) {
		return false
	}
	for j, w := range p.words {
		t := toks[i+j].fold
		if p.prefix[j] && !strings.HasPrefix(t, w) || !p.prefix[j] && t != w {
			return false
		}
	}
	return true
}

// text is the words of a match at i as they stand in the clause.
func (p pattern) text(toks []token, i int) string {
	var b strings.Builder
	for j := i; j < i+len(p.words); j++ {
		o := toks[j].orig
		if j > i && o != "," && o != ")" && toks[j-1].orig != "(" && toks[j-1].orig != "/" && o != "/" {
			b.WriteByte(' ')
		}
		b.WriteString(o)
	}
	return b.String()
}

// RuleIDs returns the rule ids, sorted.
func (t *Tagger) RuleIDs() []string {
	ids := make([]string, len(t.Rules))
	for i, r := range t.Rules {
		ids[i] = r.ID
	}
	sort.Strings(ids)
	return ids
}
