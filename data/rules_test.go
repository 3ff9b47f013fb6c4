package data_test

// The tagging rules against the tags of the bundled clauses. The bundled
// data holds no official text, so the rules are applied to it as read from
// the shared collections (importer, at test time), and every difference
// between what the rules give and what the data says must be explained in
// the data:
//
//   - an agenda the rules give is among the clause's agendas with the rule's
//     tag (rule id, matched words, rationale) or a curator's reason, or it is
//     in the clause's notTagged with the curator's reason for rejecting it;
//   - an agenda no rule gives carries a curated tag with a reason;
//   - a committed rule tag names the rule and words the rules give now, and
//     a notTagged entry an agenda the rules do give.
//
// Clauses with the same official text under the same headings end with the
// same agendas and the same rejections (TestIdenticalTextsSameTags), except
// a clause that introduces or heads sub-items, which a curator may tag for
// its whole paragraph or section.
//
//	go test ./data -run 'TestRulesAgainstCuratedTags|TestIdenticalTextsSameTags' -v

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/policy"
	"github.com/mandategraph/mandategraph/tagging"
)

// ruled is a bundled clause with its official text and the rules' tags.
type ruled struct {
	clause   policy.Clause
	official importer.Clause
	tags     map[string]tagging.Tag // by agenda
	parent   bool                   // the official clause has sub-items
}

var (
	ruledOnce     sync.Once
	ruledClauses  []ruled
	ruledNotFound []string
	ruledErr      error
)

// bundledRuled tags every bundled clause whose official text the shared
// collections have (the XML preferred, the EOSG JSON filling in); the
// clauses whose locator the importer does not produce are returned apart.
func bundledRuled(t *testing.T) ([]ruled, []string) {
	t.Helper()
	ds := msLoad(t)
	xml := filepath.Join(msShared, "unxml-scresolutions")
	eosg := filepath.Join(msShared, "un-mandates-housekeeping", "paragraphs")
	msRequireShared(t, xml)
	msRequireShared(t, eosg)
	ruledOnce.Do(func() {
		// Each collection on its own: the same resolution in both is not a
		// duplicate to reject.
		bySymbol := map[string]*importer.Resolution{}
		for _, dir := range []string{xml, eosg} {
			r, err := importer.Import([]string{dir})
			if err != nil {
				ruledErr = fmt.Errorf("import %s: %w", dir, err)
				return
			}
			for _, res := range r.Resolutions {
				if bySymbol[res.Symbol] == nil {
					bySymbol[res.Symbol] = res
				}
			}
		}
		tagger := tagging.Default()
		for _, m := range ds.Mandates {
			if len(m.Clauses) == 0 {
				continue
			}
			res := bySymbol[m.ID]
			if res == nil {
				ruledErr = fmt.Errorf("%s: not in the shared collections (XML or EOSG JSON); its %d clauses cannot be compared", m.ID, len(m.Clauses))
				return
			}
			for _, c := range m.Clauses {
				i := slices.IndexFunc(res.Clauses, func(ic importer.Clause) bool { return ic.Locator == c.Paragraph })
				if i < 0 {
					// A lettered item the importer places in a roman section
					// (2277's 36(a) is 36(i)(a) there, under the heading
					// (i)): the one item that is c.Paragraph with a section.
					i = sectionedLocator(res.Clauses, c.Paragraph)
				}
				if i < 0 {
					ruledNotFound = append(ruledNotFound, fmt.Sprintf("%s (not in %s)", c.ID, filepath.Base(res.Source.File)))
					continue
				}
				r := ruled{clause: c, official: res.Clauses[i], tags: map[string]tagging.Tag{},
					parent: res.Clauses[i].Heading || slices.ContainsFunc(res.Clauses, func(ic importer.Clause) bool { return ic.Parent == c.Paragraph })}
				for _, tg := range tagger.Tag(r.official.Text, r.official.Headings) {
					r.tags[tg.Agenda] = tg
				}
				ruledClauses = append(ruledClauses, r)
			}
		}
	})
	if ruledErr != nil {
		t.Fatal(ruledErr)
	}
	return ruledClauses, ruledNotFound
}

// sectionedLocator returns the index of the one clause whose locator is
// loc with a roman section inserted after the paragraph number ("34(b)" as
// "34(i)(b)"), or -1 when there is none or more than one.
func sectionedLocator(clauses []importer.Clause, loc string) int {
	m := regexp.MustCompile(`^([0-9]+)(\([a-z]+\))$`).FindStringSubmatch(loc)
	if m == nil {
		return -1
	}
	re := regexp.MustCompile(`^` + m[1] + `\([ivx]+\)` + regexp.QuoteMeta(m[2]) + `$`)
	found := -1
	for i, c := range clauses {
		if re.MatchString(c.Locator) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// tagProblems returns what is unexplained or stale in one clause's tags
// against the rules' tags, one sentence each.
func tagProblems(c policy.Clause, rules map[string]tagging.Tag, why map[string]string) []string {
	var out []string
	rejected := map[string]bool{}
	for _, n := range c.NotTagged {
		rejected[n.Agenda] = true
		if _, ok := rules[n.Agenda]; !ok {
			out = append(out, fmt.Sprintf("notTagged %s, but no rule gives it: drop the entry", n.Agenda))
		}
	}
	for _, a := range tagging.Agendas {
		rt, ruleGives := rules[a]
		has := slices.Contains(c.Agendas, a)
		tg, tagged := c.Tag(a)
		recorded := slices.ContainsFunc(c.Tags, func(x policy.Tag) bool { return x.Agenda == a })
		switch {
		case ruleGives && !has && !rejected[a]:
			out = append(out, fmt.Sprintf("rules give %s (%s: %q), not in agendas: add it with the rule's tag, or explain in notTagged", a, rt.Rule, rt.Phrase))
		case !has:
		case !tagged:
		case tg.Source == policy.TagRule && (!ruleGives || tg.Rule != rt.Rule || tg.Phrase != rt.Phrase):
			now := "no rule gives it now"
			if ruleGives {
				now = fmt.Sprintf("the rules give %s: %q", rt.Rule, rt.Phrase)
			}
			out = append(out, fmt.Sprintf("tag %s says %s: %q, %s", a, tg.Rule, tg.Phrase, now))
		case tg.Source == policy.TagRule && tg.Reason != why[tg.Rule]:
			out = append(out, fmt.Sprintf("tag %s: reason %q is not the rationale of %s (%q)", a, tg.Reason, tg.Rule, why[tg.Rule]))
		case !recorded && ruleGives:
			out = append(out, fmt.Sprintf("%s: no tag recorded; the rules give %s: %q (write the rule's tag)", a, rt.Rule, rt.Phrase))
		case !recorded || tg.Source == policy.TagCurated && tg.Reason == policy.NoReasonRecorded:
			out = append(out, fmt.Sprintf("curated %s, no rule gives it and no reason is recorded: give the curated tag a reason, or drop the agenda", a))
		}
	}
	return out
}

// TestTagProblems pins tagProblems on small cases: each way a clause's tags
// can disagree with the rules, and the ways they agree.
func TestTagProblems(t *testing.T) {
	rules := map[string]tagging.Tag{"POC": {Agenda: "POC", Rule: "poc-x", Phrase: "protect civilians"}}
	why := map[string]string{"poc-x": "the task"}
	ruleTag := policy.Tag{Agenda: "POC", Source: policy.TagRule, Rule: "poc-x", Phrase: "protect civilians", Reason: "the task"}
	for _, tc := range []struct {
		name string
		c    policy.Clause
		want []string
	}{
		{"rule tag recorded", policy.Clause{Agendas: []string{"POC"}, Tags: []policy.Tag{ruleTag}}, nil},
		{"curated reason where a rule agrees", policy.Clause{Agendas: []string{"POC"}, Tags: []policy.Tag{{Agenda: "POC", Source: policy.TagCurated, Reason: "r"}}}, nil},
		{"rejected", policy.Clause{NotTagged: []policy.NotTagged{{Agenda: "POC", Reason: "r"}}}, nil},
		{"curated with a reason, no rule", policy.Clause{Agendas: []string{"POC", "SSR"}, Tags: []policy.Tag{ruleTag, {Agenda: "SSR", Source: policy.TagCurated, Reason: "r"}}}, nil},
		{"rule tag missing", policy.Clause{}, []string{`rules give POC (poc-x: "protect civilians"), not in agendas: add it with the rule's tag, or explain in notTagged`}},
		{"agreement without a tag", policy.Clause{Agendas: []string{"POC"}}, []string{`POC: no tag recorded; the rules give poc-x: "protect civilians" (write the rule's tag)`}},
		{"curated without a reason", policy.Clause{Agendas: []string{"POC", "SSR"}, Tags: []policy.Tag{ruleTag}}, []string{"curated SSR, no rule gives it and no reason is recorded: give the curated tag a reason, or drop the agenda"}},
		{"stale phrase", policy.Clause{Agendas: []string{"POC"}, Tags: []policy.Tag{{Agenda: "POC", Source: policy.TagRule, Rule: "poc-x", Phrase: "civilians", Reason: "the task"}}},
			[]string{`tag POC says poc-x: "civilians", the rules give poc-x: "protect civilians"`}},
		{"stale rule", policy.Clause{Agendas: []string{"POC", "SSR"}, Tags: []policy.Tag{ruleTag, {Agenda: "SSR", Source: policy.TagRule, Rule: "ssr-y", Phrase: "army", Reason: "w"}}},
			[]string{`tag SSR says ssr-y: "army", no rule gives it now`}},
		{"wrong rationale", policy.Clause{Agendas: []string{"POC"}, Tags: []policy.Tag{{Agenda: "POC", Source: policy.TagRule, Rule: "poc-x", Phrase: "protect civilians", Reason: "other"}}},
			[]string{`tag POC: reason "other" is not the rationale of poc-x ("the task")`}},
		{"stale rejection", policy.Clause{Agendas: []string{"POC"}, Tags: []policy.Tag{ruleTag}, NotTagged: []policy.NotTagged{{Agenda: "HR", Reason: "r"}}},
			[]string{"notTagged HR, but no rule gives it: drop the entry"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tagProblems(tc.c, rules, why)
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestRulesAgainstCuratedTags(t *testing.T) {
	clauses, notFound := bundledRuled(t)
	for _, id := range notFound {
		t.Logf("%s: the importer has no such locator; not compared", id)
	}
	why := map[string]string{}
	for _, r := range tagging.Default().Rules {
		why[r.ID] = r.Why
	}
	if len(clauses) == 0 {
		t.Fatal("no bundled clause compared")
	}
	problems := 0
	var rejected, curatedOnly, ruleTags int
	for _, r := range clauses {
		for _, p := range tagProblems(r.clause, r.tags, why) {
			problems++
			t.Errorf("%s: %s", r.clause.ID, p)
		}
		rejected += len(r.clause.NotTagged)
		for _, tg := range r.clause.AllTags() {
			if tg.Source == policy.TagRule {
				ruleTags++
			} else if _, ok := r.tags[tg.Agenda]; !ok {
				curatedOnly++
			}
		}
	}
	t.Logf("%d bundled clauses compared (%d not found): %d rule tags, %d curated tags no rule gives (each with a reason), %d rule tags rejected (notTagged, each with a reason); %d unexplained or stale",
		len(clauses), len(notFound), ruleTags, curatedOnly, rejected, problems)
	if path := os.Getenv("MANDATEGRAPH_TAG_REVIEW"); path != "" {
		writeReview(t, path, clauses, why)
	}
}

// TestIdenticalTextsSameTags checks that bundled clauses with the same
// official text under the same headings have the same agendas and reject
// the same rule tags (the MONUSCO impunity and zero-tolerance clause, the
// joint Brigade operations, ...), and that such repeats exist. Clauses with
// sub-items are left out: their curated tags cover the items too.
func TestIdenticalTextsSameTags(t *testing.T) {
	clauses, _ := bundledRuled(t)
	groups := map[string][]ruled{}
	var keys []string
	for _, r := range clauses {
		if r.parent {
			// A curated clause that introduces sub-items (or only heads
			// them) stands for the whole paragraph or section, whose items
			// differ between resolutions although its own words repeat.
			continue
		}
		k := r.official.Text + "\x00" + strings.Join(r.official.Headings, "\x00")
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	repeated := 0
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		repeated++
		first := tagSummary(g[0].clause)
		for _, r := range g[1:] {
			if s := tagSummary(r.clause); s != first {
				t.Errorf("%s and %s have the same official text but %s and %s", g[0].clause.ID, r.clause.ID, first, s)
			}
		}
	}
	t.Logf("%d official texts occur in more than one bundled clause", repeated)
	if repeated == 0 {
		t.Error("no repeated official text found: the check has nothing to compare")
	}
}

// tagSummary is a clause's sorted agendas and rejected agendas.
func tagSummary(c policy.Clause) string {
	var rej []string
	for _, n := range c.NotTagged {
		rej = append(rej, n.Agenda)
	}
	slices.Sort(rej)
	return fmt.Sprintf("agendas %v, notTagged %v", slices.Sorted(slices.Values(c.Agendas)), rej)
}

// writeReview writes, for a curator, every bundled clause's official text
// with the rules' tags and the data's (JSON lines, outside the repository:
// the official text must not be committed).
func writeReview(t *testing.T, path string, clauses []ruled, why map[string]string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, r := range clauses {
		var tags []tagging.Tag
		for _, a := range tagging.Agendas {
			if tg, ok := r.tags[a]; ok {
				tags = append(tags, tg)
			}
		}
		if err := enc.Encode(map[string]any{
			"id": r.clause.ID, "mandate": r.clause.MandateID, "paragraph": r.clause.Paragraph,
			"summary": r.clause.Summary, "agendas": r.clause.Agendas, "tags": r.clause.Tags, "notTagged": r.clause.NotTagged,
			"text": r.official.Text, "headings": r.official.Headings, "rules": tags,
			"problems": tagProblems(r.clause, r.tags, why),
		}); err != nil {
			t.Fatal(err)
		}
	}
}
