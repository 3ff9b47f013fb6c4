package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	textTop   = regexp.MustCompile(`^([1-9][0-9]{0,3})\.\s+`)
	textAlpha = regexp.MustCompile(`^\(([a-z]{1,4})\)\s+`)
	// textSection is a capital roman section of a paragraph ("II. Talks:").
	textSection = regexp.MustCompile(`^([IVX]{1,6})\.\s+\p{Lu}`)
	// Header forms of the three eras of the cr-unsc gold texts.
	textSymbol     = regexp.MustCompile(`S/RES/([1-9][0-9]{0,4})\s*\(((?:19|20)[0-9]{2})\)`)
	textResNumber  = regexp.MustCompile(`(?mi)^(?:Resolution\s+)?([1-9][0-9]{0,4})\s*\(((?:19|20)[0-9]{2})\)`)
	textOfDate     = regexp.MustCompile(`(?i)\b(?:resolution\s+)?of\s+([0-9]{1,2}\s+[A-Za-z]+\s+(?:19|20)[0-9]{2})`)
	trailingNumber = regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
	footnoteWord   = regexp.MustCompile(`^[1-9][0-9]?$`)
	wordEnd        = regexp.MustCompile(`[\p{L})\]”’][,;]?$`)
)

// ReadText reads a resolution as plain text copied from an official
// document: paragraphs separated by blank lines and hard-wrapped inside,
// numbered "1." and "(a)", with inline footnote numbers. The header before
// "The Security Council," gives symbol, meeting and date.
func ReadText(s string, file string) (*Draft, error) {
	d := &Draft{Format: FormatText, File: file}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.ToLower(Normalize(l)), "the security council") {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, problemf(file, "", `not a resolution text: no line starts with "The Security Council"`)
	}
	header := Normalize(strings.Join(lines[:start], " "))
	headerLines := strings.Join(lines[:start], "\n")
	if m := textSymbol.FindStringSubmatch(header); m != nil {
		d.CoverSymbol = "S/RES/" + m[1] + " (" + m[2] + ")"
	} else if m := textResNumber.FindStringSubmatch(headerLines); m != nil {
		d.CoverSymbol = "S/RES/" + m[1] + " (" + m[2] + ")"
	}
	if m, date := parseAdoption(header); date != "" {
		d.Meeting, d.CoverDate = m, date
	} else if m := textOfDate.FindStringSubmatch(header); m != nil {
		d.CoverDate, _ = parseDayMonthYear(m[1])
	}

	// Blocks: runs of non-blank lines; inside a block, a line that starts
	// with a number after a line that ends a clause starts a new block.
	type block struct {
		lines []string
		line  int
	}
	var blocks []block
	var cur *block
	lastTop, lastAlpha := 0, ""
	for i := start + 1; i < len(lines); i++ {
		l := strings.TrimSpace(strings.ReplaceAll(lines[i], "\u00a0", " "))
		if l == "" {
			cur = nil
			continue
		}
		if cur != nil && (textTop.MatchString(l) || textAlpha.MatchString(l) || isTextSection(l)) &&
			(endsClause(cur.lines[len(cur.lines)-1]) || nextNumber(l, lastTop, lastAlpha)) {
			cur = nil
		}
		if m := textTop.FindStringSubmatch(l); m != nil && (cur == nil || nextNumber(l, lastTop, lastAlpha)) {
			lastTop, _ = strconv.Atoi(m[1])
			lastAlpha = ""
		} else if m := textAlpha.FindStringSubmatch(l); m != nil && cur == nil {
			lastAlpha = m[1]
		}
		if cur == nil {
			blocks = append(blocks, block{line: i + 1})
			cur = &blocks[len(blocks)-1]
		}
		cur.lines = append(cur.lines, l)
	}
	operative := false
	for _, b := range blocks {
		text := unwrap(b.lines)
		num := ""
		if m := textTop.FindStringSubmatch(text); m != nil {
			num, text = m[1]+".", text[len(m[0]):]
			operative = true
		} else if m := textAlpha.FindStringSubmatch(text); m != nil && operative {
			num, text = "("+m[1]+")", text[len(m[0]):]
		} else if operative && isTextSection(text) {
			roman, rest, _ := strings.Cut(text, ".")
			num, text = roman+".", strings.TrimSpace(rest)
		}
		text = stripFootnotes(text)
		if !operative {
			d.Preamble = append(d.Preamble, Para{Text: text})
			continue
		}
		d.Items = append(d.Items, Item{Num: num, Text: text, Place: fmt.Sprintf("line %d", b.line)})
	}
	return d, nil
}

// isTextSection says whether a line opens with a capital roman section
// number and a capitalised word ("III. Rights:"), which sentences do not.
func isTextSection(l string) bool {
	m := textSection.FindStringSubmatch(l)
	return m != nil && capitalRoman(m[1]) > 0
}

// nextNumber says whether a line opens with the number that comes next:
// paragraph lastTop+1, or the sub-item after lastAlpha. A hard-wrapped
// line that merely starts with a number is unlikely to carry exactly that.
func nextNumber(l string, lastTop int, lastAlpha string) bool {
	if m := textTop.FindStringSubmatch(l); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n == lastTop+1
	}
	if m := textAlpha.FindStringSubmatch(l); m != nil {
		if lastAlpha == "" {
			return m[1] == "a"
		}
		for _, o := range options(lastAlpha) {
			for _, p := range options(m[1]) {
				if o.kind == p.kind && p.idx == o.idx+1 {
					return true
				}
			}
		}
	}
	return false
}

func endsClause(l string) bool {
	l = strings.TrimSpace(l)
	// "... on the situation in Somalia; 184": a footnote number after the end.
	if f := strings.Fields(l); len(f) > 1 && trailingNumber.MatchString(f[len(f)-1]) {
		l = strings.Join(f[:len(f)-1], " ")
	}
	// "... are (i) to contribute ... and\n(ii) to support" is an inline
	// enumeration, not a new item: only a clause's end starts one.
	return strings.HasSuffix(l, ":") || strings.HasSuffix(l, ";") || strings.HasSuffix(l, ".") ||
		strings.HasSuffix(l, "; and") || strings.HasSuffix(l, "; or")
}

// unwrap joins hard-wrapped lines, rejoining a word split by a hyphen at
// the end of a line when the next line goes on in lower case.
func unwrap(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			if strings.HasSuffix(prev, "-") && len(prev) > 1 && l != "" && l[0] >= 'a' && l[0] <= 'z' && !strings.HasSuffix(prev, " -") {
				// "peace-" + "keeping": keep the hyphen, join without a space.
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return Normalize(b.String())
}

// keepBefore are words after which a small number is part of the text
// ("paragraph 4", "within 30 days"), never a footnote mark.
var keepBefore = map[string]bool{
	"paragraph": true, "paragraphs": true, "resolution": true, "resolutions": true, "chapter": true,
	"article": true, "articles": true, "annex": true, "section": true, "and": true, "or": true,
	"to": true, "of": true, "than": true, "by": true, "para": true, "page": true, "no.": true,
	"number": true, "phase": true, "level": true, "up": true, "within": true, "for": true,
	"over": true, "about": true, "some": true, "least": true, "only": true, "every": true,
	"until": true, "after": true, "before": true, "on": true, "in": true, "at": true,
	"additional": true, "further": true, "first": true, "last": true, "next": true, "the": true,
	"from": true, "another": true, "protocol": true, "sub-paragraph": true, "subparagraph": true,
	"rule": true, "rules": true, "item": true, "items": true, "point": true, "points": true,
	"appendix": true, "table": true, "figure": true, "goal": true, "principle": true,
	"category": true, "step": true, "stage": true, "zone": true, "sector": true, "region": true,
}

// footnoteNext are words that may follow a footnote mark mid-sentence.
var footnoteNext = map[string]bool{
	"and": true, "on": true, "of": true, "in": true, "to": true, "the": true, "which": true,
	"that": true, "as": true, "with": true, "for": true, "at": true, "by": true, "is": true,
	"was": true, "concerning": true, "regarding": true, "including": true, "were": true,
}

// stripFootnotes removes the printed yearbooks' footnote numbers: a 1- or
// 2-digit number after a word or punctuation that is not a word numbers
// follow ("paragraph 4"), and before the end, punctuation or a word that
// goes on the sentence ("Secretary-General 6 on").
func stripFootnotes(s string) string {
	f := strings.Fields(s)
	out := f[:0:0]
	for i, w := range f {
		if footnoteWord.MatchString(w) && i > 0 && wordEnd.MatchString(f[i-1]) &&
			!keepBefore[strings.ToLower(strings.Trim(f[i-1], ",;"))] {
			next := ""
			if i+1 < len(f) {
				next = strings.ToLower(f[i+1])
			}
			if next == "" || footnoteNext[next] {
				continue
			}
		}
		// "Prime Minister ...,7": a footnote number glued to a comma.
		if j := strings.LastIndexAny(w, ",;"); j > 0 && j < len(w)-1 && footnoteWord.MatchString(w[j+1:]) && !strings.ContainsAny(w[:j], "0123456789") {
			w = w[:j+1]
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
