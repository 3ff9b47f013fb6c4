package officialtext

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"
)

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
	// capSection is a paragraph's capital roman section ("I.", "II.").
	partPrefix = regexp.MustCompile(`^([A-H]|[IVX]{1,4})\.?$`)
	capSection = regexp.MustCompile(`^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.$`)
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
	return parseItems(symbol, file, items)
}

// parseItems is ParseJSON's work on items already read (from the JSON, or
// from the Akoma Ntoso XML by ParseAKN).
func parseItems(symbol, file string, items []jsonItem) (*Text, error) {
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
		if it.Prefix != nil && top != "" {
			if m := capSection.FindStringSubmatch(*it.Prefix); m != nil && capitalOpens(m[1], sec, mode, nextLabel(items[i+1:])) {
				// A paragraph split into capital roman sections (1542
				// 7 "I.", "II."): the section is N(I), its letters N(I)(a).
				sub, mode, sec, last = "", "capital", top+"("+m[1]+")", ""
				emit(sec, "", t)
				continue
			}
		}
		label, text := labelOf(it)
		if label == "" {
			part := it.Prefix != nil && partPrefix.MatchString(*it.Prefix) // "B.", "II." between paragraphs
			if (it.Prefix == nil || part) && (it.Type == "heading" || (utf8.RuneCountInString(t) < 80 && !endsPunct.MatchString(t))) {
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

// capitalOpens says whether a capital roman prefix opens a section of the
// current paragraph: "I." before an "(a)", or the numeral after the
// current capital section's, before lettered items. Anything else ("II.
// Reports" between paragraphs) is a part of the resolution.
func capitalOpens(roman, sec, mode, next string) bool {
	order := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
	if mode != "capital" {
		return roman == "I" && next == "a"
	}
	for i, r := range order[:len(order)-1] {
		if strings.HasSuffix(sec, "("+r+")") {
			return roman == order[i+1] && next != ""
		}
	}
	return false
}

// nextLabel is the "(x)" label of the first labelled item before the next
// numbered paragraph, or "".
func nextLabel(items []jsonItem) string {
	for _, it := range items {
		if it.Prefix != nil && numbered.MatchString(*it.Prefix) {
			return ""
		}
		if l, _ := labelOf(it); l != "" {
			return l
		}
	}
	return ""
}
