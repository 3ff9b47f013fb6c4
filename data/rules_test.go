package data_test

// The tagging rules against the curated tags of the bundled clauses. The
// bundled data holds no official text, so this reads it from the shared
// collections (importer, at test time) and lists, per clause, the agendas
// the rules give and the curator did not, and the other way round. A
// curated tag with a reason (tags: in data/missions/*.yaml) explains a
// difference; the rest are listed as unexplained.
//
//	go test ./data -run TestRulesAgainstCuratedTags -v

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/policy"
	"github.com/mandategraph/mandategraph/tagging"
)

// Disagreement is one agenda on which the rules and a curated clause differ.
type disagreement struct {
	clause, agenda string
	ruleOnly       bool   // the rules give it, the curator did not
	rule, phrase   string // when ruleOnly
	explained      string // the curator's reason, when the data gives one
}

func (d disagreement) String() string {
	if d.ruleOnly {
		return fmt.Sprintf("%s: rules add %s (%s: %q)%s", d.clause, d.agenda, d.rule, d.phrase, because(d.explained))
	}
	return fmt.Sprintf("%s: curated %s, no rule%s", d.clause, d.agenda, because(d.explained))
}

func because(reason string) string {
	if reason == "" {
		return ", unexplained"
	}
	return ", explained: " + reason
}

func TestRulesAgainstCuratedTags(t *testing.T) {
	ds := msLoad(t)
	xml := filepath.Join(msShared, "unxml-scresolutions")
	eosg := filepath.Join(msShared, "un-mandates-housekeeping", "paragraphs")
	msRequireShared(t, xml)
	msRequireShared(t, eosg)
	// Each collection on its own: the same resolution in both is not a
	// duplicate to reject; the XML is preferred, the EOSG JSON fills in.
	bySymbol := map[string]*importer.Resolution{}
	for _, dir := range []string{xml, eosg} {
		r, err := importer.Import([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range r.Resolutions {
			if bySymbol[res.Symbol] == nil {
				bySymbol[res.Symbol] = res
			}
		}
	}
	tagger := tagging.Default()
	var all []disagreement
	clauses, notFound := 0, 0
	byText := map[string][]string{} // official text -> "clause: agendas"
	for _, m := range ds.Mandates {
		if len(m.Clauses) == 0 {
			continue
		}
		res := bySymbol[m.ID]
		if res == nil {
			t.Errorf("%s: not in the shared collections (XML or EOSG JSON); its %d clauses cannot be compared", m.ID, len(m.Clauses))
			continue
		}
		for _, c := range m.Clauses {
			clauses++
			i := slices.IndexFunc(res.Clauses, func(ic importer.Clause) bool { return ic.Locator == c.Paragraph })
			if i < 0 {
				notFound++
				// A locator the importer rebuilds otherwise: listed here;
				// TestBundledLocatorsMatchImporter fails on it.
				t.Logf("%s: the importer has no paragraph %s in %s (locators differ)", c.ID, c.Paragraph, filepath.Base(res.Source.File))
				continue
			}
			ic := res.Clauses[i]
			byText[ic.Text] = append(byText[ic.Text], fmt.Sprintf("%s %v", c.ID, slices.Sorted(slices.Values(c.Agendas))))
			ruled := map[string]tagging.Tag{}
			for _, tg := range tagger.Tag(ic.Text, ic.Headings) {
				ruled[tg.Agenda] = tg
			}
			for _, a := range c.Agendas {
				if _, ok := ruled[a]; !ok {
					tg, _ := c.Tag(a)
					all = append(all, disagreement{clause: c.ID, agenda: a, explained: curatedReason(tg)})
				}
			}
			for _, a := range tagging.Agendas {
				tg, ok := ruled[a]
				if ok && !slices.Contains(c.Agendas, a) {
					all = append(all, disagreement{clause: c.ID, agenda: a, ruleOnly: true, rule: tg.Rule, phrase: tg.Phrase})
				}
			}
		}
	}
	if clauses == 0 {
		t.Fatal("no bundled clause compared")
	}
	unexplained := 0
	perAgenda := map[string][2]int{}
	for _, d := range all {
		t.Log(d)
		if d.explained == "" {
			unexplained++
		}
		n := perAgenda[d.agenda]
		if d.ruleOnly {
			n[0]++
		} else {
			n[1]++
		}
		perAgenda[d.agenda] = n
	}
	var agendas []string
	for _, a := range tagging.Agendas {
		if n, ok := perAgenda[a]; ok {
			agendas = append(agendas, fmt.Sprintf("%s +%d/-%d", a, n[0], n[1]))
		}
	}
	t.Logf("%d bundled clauses compared (%d not found): %d disagreements, %d unexplained; per agenda (+rules only/-curated only): %s",
		clauses, notFound, len(all), unexplained, strings.Join(agendas, ", "))
	// Identical official texts with different curated agendas.
	differing := 0
	for _, ids := range byText {
		if len(ids) < 2 {
			continue
		}
		agendaSets := map[string]bool{}
		for _, s := range ids {
			agendaSets[s[strings.Index(s, " "):]] = true
		}
		if len(agendaSets) > 1 {
			differing++
			t.Logf("identical text, different curated agendas: %s", strings.Join(ids, "; "))
		}
	}
	t.Logf("%d official texts appear in more than one bundled clause with different curated agendas", differing)
}

// curatedReason is the curator's reason for a tag, or "" when none is recorded.
func curatedReason(tg policy.Tag) string {
	if tg.Source == policy.TagCurated && tg.Reason != policy.NoReasonRecorded {
		return tg.Reason
	}
	return ""
}
