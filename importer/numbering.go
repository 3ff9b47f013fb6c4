package importer

import (
	"regexp"
	"strconv"
	"strings"
)

// labelKind is what an item's printed number is.
type labelKind int

const (
	labelNone    labelKind = iota // unnumbered: a heading or a continuation
	labelTop                      // "12." or "12": an operative paragraph
	labelAlpha                    // "(a)", "a.", "(iv)", "iv)": a letter or a roman numeral
	labelSection                  // "A.", "II.": a part of the resolution
	labelFold                     // bullets, dashes, "(1)": no locator of their own
)

var (
	topLabel     = regexp.MustCompile(`^([1-9][0-9]{0,3})\.?$`)
	alphaLabel   = regexp.MustCompile(`^\(?([a-z]{1,4})[.)]$`)
	sectionLabel = regexp.MustCompile(`^(?:[A-H]|[IVX]{1,4})\.?$`)
	romanLabel   = regexp.MustCompile(`^(?:x{0,3})(?:ix|iv|v?i{0,3})$`)
)

// classify reads a printed number.
func classify(num string) (labelKind, string) {
	num = strings.ReplaceAll(Normalize(num), " ", "")
	switch {
	case num == "":
		return labelNone, ""
	case topLabel.MatchString(num):
		return labelTop, topLabel.FindStringSubmatch(num)[1]
	case alphaLabel.MatchString(num):
		return labelAlpha, alphaLabel.FindStringSubmatch(num)[1]
	case sectionLabel.MatchString(num):
		return labelSection, strings.TrimSuffix(num, ".")
	}
	return labelFold, num
}

// seqKind is the kind of a sub-item level: lettered or roman.
type seqKind int

const (
	seqLetter seqKind = iota + 1
	seqRoman
	// seqSection is a paragraph's sections numbered in capital roman
	// numerals ("7. ... I. Secure and Stable Environment: (a) ..." in
	// 1542): the level above its lettered items, located "7(I)(a)".
	seqSection
)

func (k seqKind) String() string {
	switch k {
	case seqLetter:
		return "lettered"
	case seqSection:
		return "section"
	}
	return "roman"
}

// capitalRoman is the value of a capital roman numeral up to XXXIX, or 0.
func capitalRoman(s string) int {
	if s == "" || strings.ToUpper(s) != s {
		return 0
	}
	return romanIndex(strings.ToLower(s))
}

// letterIndex is the position of "a".."z", then "aa", "bb", ... (27, 28, ...).
func letterIndex(s string) int {
	if s == "" {
		return 0
	}
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return 0
		}
	}
	if s[0] < 'a' || s[0] > 'z' {
		return 0
	}
	return int(s[0]-'a'+1) + 26*(len(s)-1)
}

// romanIndex is the value of a lowercase roman numeral up to xxxix, or 0.
func romanIndex(s string) int {
	if s == "" || !romanLabel.MatchString(s) {
		return 0
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10}
	n := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// option is one reading of an alphabetic label.
type option struct {
	kind seqKind
	idx  int
}

func options(label string) []option {
	var out []option
	if i := letterIndex(label); i > 0 {
		out = append(out, option{seqLetter, i})
	}
	if i := romanIndex(label); i > 0 {
		out = append(out, option{seqRoman, i})
	}
	return out
}

// level is the state of one sub-item level under a paragraph.
type level struct {
	kind    seqKind
	idx     int
	label   string
	heading string // the text of the current item when it is a heading item
}

func itoa(n int) string { return strconv.Itoa(n) }
