// Package officialtext reads the official text of a Security Council
// resolution, as published in two public collections (a paragraphs JSON per
// resolution, or a hard-wrapped plain text), and cuts its operative part
// into located items: numbered paragraphs, lettered and roman sub-items, so
// a clause's locator ("12(a)", "35(ii)(d)") can be checked and its text
// found. Tests of the bundled data and of the importer share it; the
// product does not need it.
package officialtext

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

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

type jsonItem struct {
	Text   string  `json:"text"`
	Type   string  `json:"type"`
	Prefix *string `json:"prefix"`
	Level  *int    `json:"paragraph_level"`
}

var (
	numbered    = regexp.MustCompile(`^(\d+)\.$`)
	labelPrefix = regexp.MustCompile(`^\(([a-z]{1,4})\)$`)
	labelText   = regexp.MustCompile(`^\(([a-z]{1,5})\)\s+(.*)$`)
	roman       = regexp.MustCompile(`^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)$`)
	annex       = regexp.MustCompile(`(?i)^annex\b`)
	endsPunct   = regexp.MustCompile(`[;:.,]$`)
	symbolFile  = regexp.MustCompile(`^S/RES/(\d+)\((\d{4})\)$`)
)

// labelOf returns the "(x)" label of a JSON item: its prefix, or a label the
// converter left at the start of the text of an unprefixed heading.
func labelOf(it jsonItem) (label, text string) {
	t := Normalize(it.Text)
	if it.Prefix != nil {
		if m := labelPrefix.FindStringSubmatch(*it.Prefix); m != nil {
			return m[1], t
		}
		return "", t
	}
	if m := labelText.FindStringSubmatch(t); m != nil {
		return m[1], m[2]
	}
	return "", t
}

// ParseJSON cuts a paragraphs JSON file into located operative items.
//
// The JSON's paragraph_type is not trusted (see SOURCE.md): the operative part
// starts at the first "N." prefix. A level-2 or level-3 item belongs to the
// nearest preceding item one level up; the converter's levels are themselves
// unreliable for "(i)" (letter i or roman one?) and for roman headings, so the
// kind of a label is decided by sequence: a single i, v or x that follows h, u
// or w is a letter unless the next label is ii, vi or xi. A roman label met
// before any letter opens a roman section; in such paragraphs every later roman
// label opens a new section and the letters under it are located both as N(x)
// (which is ambiguous wherever the letters restart, and then may not be cited)
// and, always unambiguously, as N(r)(x) within their section.
func ParseJSON(symbol, file string) (*Text, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var items []jsonItem
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	o := &Text{symbol: symbol, file: file, count: map[string]int{}}
	var all []string
	for _, it := range items {
		all = append(all, Normalize(it.Text))
	}
	o.all = strings.Join(all, " ")

	start := -1
	for i, it := range items {
		if it.Prefix != nil && numbered.MatchString(*it.Prefix) {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("%s: no operative paragraph 1", file)
	}
	items = items[start:]
	var top, sub, mode, sec, last string
	cur := item{}
	emit := func(loc, section, text string) {
		o.count[loc]++
		cur = item{loc: loc, section: section}
		if section != "" { // a lettered item in a roman section
			cur.inSec = section + strings.TrimPrefix(loc, top)
			o.count[cur.inSec]++
		}
		o.items = append(o.items, item{loc: loc, section: section, inSec: cur.inSec, text: text})
	}
	for i, it := range items {
		t := Normalize(it.Text)
		if it.Type == "heading" && annex.MatchString(t) {
			break
		}
		if it.Prefix != nil {
			if m := numbered.FindStringSubmatch(*it.Prefix); m != nil {
				top, sub, mode, sec, last = m[1], "", "", "", ""
				emit(top, "", t)
				continue
			}
		}
		label, text := labelOf(it)
		if label == "" {
			if it.Prefix == nil && (it.Type == "heading" || (utf8.RuneCountInString(t) < 80 && !endsPunct.MatchString(t))) {
				// An unlabelled heading: not part of any item; text after it
				// belongs to the paragraph, not to the last sub-item.
				cur = item{loc: top}
				continue
			}
			o.items = append(o.items, item{loc: cur.loc, section: cur.section, inSec: cur.inSec, text: t})
			continue
		}
		kind := "roman"
		switch {
		case !roman.MatchString(label):
			kind = "letter"
		case label == "i" || label == "v" || label == "x":
			pred := map[string]string{"i": "h", "v": "u", "x": "w"}[label]
			if last == "("+pred+")" {
				next := ""
				for _, nx := range items[i+1:] {
					if nx.Prefix != nil && numbered.MatchString(*nx.Prefix) {
						break
					}
					if l, _ := labelOf(nx); l != "" {
						next = l
						break
					}
				}
				if next != map[string]string{"i": "ii", "v": "vi", "x": "xi"}[label] {
					kind = "letter"
				}
			}
		}
		if kind == "letter" {
			if mode == "" {
				mode = "letter"
			}
			sub = "(" + label + ")"
			last = sub
			emit(top+sub, sec, text)
			continue
		}
		r := "(" + label + ")"
		if sub == "" || mode == "roman" {
			mode, sub, sec = "roman", "", top+r
			emit(sec, "", text)
		} else {
			emit(top+sub+r, sec, text)
		}
	}
	return o, nil
}

var (
	pageHeader = regexp.MustCompile(`(?m)^(S/RES/\d+ \(\d{4}\)|\d{2}-\d{5} \(E\))\s*$`)
	blankLines = regexp.MustCompile(`\n\s*\n`)
	opPara     = regexp.MustCompile(`^(\d+)\.\s+(.*)$`)
	opSub      = regexp.MustCompile(`^\(([a-z]{1,3})\)\s+(.*)$`)
)

// ParseGold cuts a cr-unsc plain-text resolution (hard-wrapped lines,
// paragraphs separated by blank lines, page headers inside) into located
// operative items. Only "N." paragraphs and "(x)" sub-items are located;
// anything else continues the item before it.
func ParseGold(symbol, file string) (*Text, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	body := pageHeader.ReplaceAllString(string(raw), "")
	o := &Text{symbol: symbol, file: file, all: Normalize(string(raw)), count: map[string]int{}}
	top, cur := "", -1
	for _, block := range blankLines.Split(body, -1) {
		t := Normalize(block)
		if t == "" {
			continue
		}
		if m := opPara.FindStringSubmatch(t); m != nil {
			top = m[1]
			o.count[top]++
			o.items = append(o.items, item{loc: top, text: m[2]})
			cur = len(o.items) - 1
			continue
		}
		if top == "" {
			continue // title, header, preamble
		}
		if m := opSub.FindStringSubmatch(t); m != nil {
			loc := top + "(" + m[1] + ")"
			o.count[loc]++
			o.items = append(o.items, item{loc: loc, text: m[2]})
			cur = len(o.items) - 1
			continue
		}
		o.items[cur].text += " " + t
	}
	if len(o.items) == 0 {
		return nil, fmt.Errorf("%s: no operative paragraphs", file)
	}
	return o, nil
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

var (
	adoptedLine    = regexp.MustCompile(`Adopted by the Security Council (?:at its \d+\w* meeting, )?on (\d{1,2} [A-Z][a-z]+ \d{4})`)
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

// ChapterVII reports whether the text acts under Chapter VII.
func (o *Text) ChapterVII() bool { return chapterVIILine.MatchString(o.all) }

// CitedMandates lists the mandates among known that the text names ("2098 (2013)").
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

// Find reads the official text of symbol ("S/RES/1925(2010)") from the
// paragraphs JSON directory or, failing that, the plain-text directory,
// and returns nil (and no error) when neither holds it. A resolution in
// both is read from the paragraphs JSON.
func Find(paragraphsDir, plainDir, symbol string) (*Text, error) {
	m := symbolFile.FindStringSubmatch(symbol)
	if m == nil {
		return nil, nil
	}
	if f := filepath.Join(paragraphsDir, fmt.Sprintf("S_RES_%s(%s).json", m[1], m[2])); exists(f) {
		return ParseJSON(symbol, f)
	}
	if f := filepath.Join(plainDir, fmt.Sprintf("S_RES_%04d_%s_EN_GOLD.txt", atoi(m[1]), m[2])); exists(f) {
		return ParseGold(symbol, f)
	}
	return nil, nil
}
