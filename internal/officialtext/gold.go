package officialtext

import (
	"fmt"
	"os"
	"regexp"
)

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
