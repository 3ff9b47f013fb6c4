package officialtext

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/mandategraph/mandategraph/policy"
)

// item is one piece of an operative paragraph: a numbered paragraph, a
// lettered or roman-numbered sub-item, or text that continues one of those.
type item struct {
	loc     string // e.g. "12", "12(a)", "12(a)(i)", "35(ii)"
	section string // the roman section ("35(ii)") a lettered item sits in, if any
	inSec   string // a lettered item's locator within its section ("35(ii)(d)"), if any
	text    string
}

// Text is the operative part of an official resolution text, cut into
// located items, plus the whole text for the header checks.
type Text struct {
	symbol string
	file   string
	all    string // every item's text, whitespace-normalised
	items  []item
	count  map[string]int // how often each locator occurs (more than once: ambiguous)
}

var space = regexp.MustCompile(`\s+`)

// Normalize folds the text's whitespace and invisible characters, so
// texts compare as a reader sees them.
func Normalize(s string) string {
	r := strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u200e", "", "\u200d", "", "\u2212", "-")
	return strings.TrimSpace(space.ReplaceAllString(r.Replace(s), " "))
}

// Check reports whether loc names exactly one place in the text, and why not.
func (o *Text) Check(loc string) error {
	switch n := o.count[loc]; {
	case n == 0:
		return fmt.Errorf("%s has no paragraph %s", o.symbol, loc)
	case n > 1:
		return fmt.Errorf("%s paragraph %s is ambiguous: %d items carry that locator (lettered items restart under roman sections)", o.symbol, loc, n)
	}
	return nil
}

// TextOf returns the text of loc with all its sub-items (and, for a roman
// section, the lettered items under it).
func (o *Text) TextOf(loc string) string {
	var b []string
	for _, it := range o.items {
		if it.loc == loc || strings.HasPrefix(it.loc, loc+"(") || it.section == loc || it.inSec == loc {
			b = append(b, it.text)
		}
	}
	return strings.Join(b, " ")
}

var (
	adoptedLine    = regexp.MustCompile(`Adopted by the Security Council (?:at its \d+\w* meeting ?, )?on ?(\d{1,2} [A-Z][a-z]+ \d{4})`)
	chapterVIILine = regexp.MustCompile(`(?i)\bacting under chapter vii\b`)
	resolutionRef  = regexp.MustCompile(`\b(\d{4}) ?\((\d{4})\)`)
)

// Adopted is the adoption date in the text's header.
func (o *Text) Adopted() (policy.Date, error) {
	m := adoptedLine.FindStringSubmatch(o.all)
	if m == nil {
		return policy.Date{}, fmt.Errorf("%s: no \"Adopted by the Security Council ... on D Month YYYY\" line", o.file)
	}
	tm, err := time.Parse("2 January 2006", m[1])
	if err != nil {
		return policy.Date{}, fmt.Errorf("%s: %w", o.file, err)
	}
	return policy.Date{Time: tm}, nil
}

func (o *Text) ChapterVII() bool { return chapterVIILine.MatchString(o.all) }

// CitedMandates lists the dataset mandates the text names ("2098 (2013)").
func (o *Text) CitedMandates(known map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range resolutionRef.FindAllStringSubmatch(o.all, -1) {
		id := fmt.Sprintf("S/RES/%s(%s)", m[1], m[2])
		if id != o.symbol && known[id] && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// Symbol is the resolution symbol the text was read for.
func (o *Text) Symbol() string { return o.symbol }

// File is the file the text was read from.
func (o *Text) File() string { return o.file }

// Count is how many items carry locator loc (more than one: ambiguous).
func (o *Text) Count(loc string) int { return o.count[loc] }

// Locate is Check for a clause's locator, with one more rule: a lettered
// item of a roman section is located within its section, N(r)(x), even
// where its letter occurs once in the paragraph, whether the letters
// restart in each section (2348 34(i)(f), not 34(f)) or run on through
// them (2717 34(ii)(h), not 34(h)). That is the importer's canonical
// locator, so a curated and an imported clause name a paragraph alike.
func (o *Text) Locate(loc string) error {
	if err := o.Check(loc); err != nil {
		return err
	}
	for _, it := range o.items {
		if it.loc == loc && it.section != "" {
			return fmt.Errorf("%s paragraph %s is a lettered item of the roman section %s: write it within its section as %s", o.symbol, loc, it.section, it.inSec)
		}
	}
	return nil
}

// All is the whole text (header, preamble and operative part as the
// collection holds them), whitespace-normalised, for the header checks.
func (o *Text) All() string { return o.all }
