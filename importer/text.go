package importer

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	textTop   = regexp.MustCompile(`^([1-9][0-9]{0,3})\.\s+`)
	textAlpha = regexp.MustCompile(`^\(([a-z]{1,4})\)\s+`)
	// Header forms of the three eras of the cr-unsc gold texts.
	textSymbol    = regexp.MustCompile(`S/RES/([1-9][0-9]{0,4})\s*\(((?:19|20)[0-9]{2})\)`)
	textResNumber = regexp.MustCompile(`(?m)^(?:Resolution\s+)?([1-9][0-9]{0,4})\s*\(((?:19|20)[0-9]{2})\)`)
	textOfDate    = regexp.MustCompile(`(?i)\b(?:resolution\s+)?of\s+([0-9]{1,2}\s+[A-Za-z]+\s+(?:19|20)[0-9]{2})`)
	footnoteWord  = regexp.MustCompile(`^[1-9][0-9]?$`)
	wordEnd       = regexp.MustCompile(`[\p{L})\]”’][,;]?$`)
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
		if strings.HasPrefix(Normalize(l), "The Security Council") {
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
	for i := start + 1; i < len(lines); i++ {
		l := strings.TrimSpace(strings.ReplaceAll(lines[i], "\u00a0", " "))
		if l == "" {
			cur = nil
			continue
		}
		if cur != nil && (textTop.MatchString(l) || textAlpha.MatchString(l)) && endsClause(cur.lines[len(cur.lines)-1]) {
			cur = nil
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

func endsClause(l string) bool {
	l = strings.TrimSpace(l)
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
