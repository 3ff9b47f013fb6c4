package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// seized matches the closing paragraph ("Decides to remain actively
// seized of the matter"); whatever follows it is an annex.
var seized = regexp.MustCompile(`(?i)\bremain(?:s)?\s+(?:actively\s+|seriously\s+)?seized\b`)

// Build turns a reader's Draft into a Resolution: it settles symbol and
// date (metadata first, checked against the cover line), rebuilds the
// locators from the numbering and finds citations, Chapter VII and the
// missions named. Warnings are returned beside the resolution; a file that
// is not a resolution or whose numbering is broken yields only an error.
func Build(d *Draft) (*Resolution, []*Problem, *Problem) {
	var warns []*Problem
	warn := func(format string, args ...any) {
		warns = append(warns, problemf(d.File, "", format, args...))
	}
	if d.NotResolution != "" {
		return nil, nil, problemf(d.File, "", "not a resolution: %s; nothing imported from this file", d.NotResolution)
	}
	meta, cover := CanonicalSymbol(d.MetaSymbol), CanonicalSymbol(d.CoverSymbol)
	sym := meta
	if sym == "" {
		sym = cover
	}
	if meta != "" && cover != "" && meta != cover {
		warn("symbol: metadata says %s, cover line says %s; using %s", meta, cover, meta)
	}
	n, year, ok := symbolParts(sym)
	if !ok {
		if sym == "" {
			return nil, nil, problemf(d.File, "", "not a resolution: no S/RES symbol in its metadata or cover (found %q and %q); nothing imported from this file", d.MetaSymbol, d.CoverSymbol)
		}
		return nil, nil, problemf(d.File, "", "not a resolution: its symbol is %s; nothing imported from this file", sym)
	}
	res := &Resolution{Symbol: sym, Number: n, Year: year, Meeting: d.Meeting,
		Source: Source{Format: d.Format, File: d.File, URL: "https://undocs.org/" + sym}}

	metaDate, coverDate := validDate(d.MetaDate), validDate(d.CoverDate)
	switch {
	case d.MetaDate != "" && metaDate == "" && coverDate != "":
		warn("adoption date: metadata says %q, which is not a date; using the cover line's %s", d.MetaDate, coverDate)
	case metaDate != "" && coverDate != "" && metaDate != coverDate:
		warn("adoption date: metadata says %s, cover line says %s; using %s", metaDate, coverDate, metaDate)
	}
	res.Adopted = metaDate
	if res.Adopted == "" {
		res.Adopted = coverDate
	}
	if res.Adopted == "" {
		warn("adoption date: none found in metadata or cover line")
	} else if !strings.HasPrefix(res.Adopted, fmt.Sprint(year)) {
		warn("adoption date %s is not in %d, the year of symbol %s", res.Adopted, year, sym)
	}

	if n := recoverOperative(d); n > 0 {
		warn("operative paragraphs 1 to %d are stored in the preamble; read from there", n)
	}
	d.Items = splitInlineFirstItem(d.Items)
	w := walker{file: d.File, res: res, items: d.Items, cur: -1}
	if p := w.walk(); p != nil {
		return nil, nil, p
	}
	w.join()
	hasChild := map[string]bool{}
	for _, c := range res.Clauses {
		hasChild[c.Parent] = true
	}
	for i := range res.Clauses {
		c := &res.Clauses[i]
		// A sub-item's heading may end in a colon ("I. Secure and Stable
		// Environment:"); a paragraph's "Decides as follows:" is no heading.
		c.Heading = hasChild[c.Locator] && (c.Heading || looksLikeHeading(c.Text) || c.Parent != "" && colonHeading(c.Text, 1))
	}
	if len(res.Clauses) == 0 {
		if len(d.Items) > 0 {
			return nil, nil, problemf(d.File, "", "no numbered operative paragraph: its operative part is %d unnumbered paragraph(s), which have no locator; nothing imported from this file", len(d.Items))
		}
		return nil, nil, problemf(d.File, "", "no operative part found; nothing imported from this file")
	}

	var all strings.Builder
	for _, p := range d.Preamble {
		t := Normalize(p.Text)
		all.WriteString(t + "\n")
		for _, c := range findCitations(t, p.Links, sym) {
			res.addCitation(c, Preamble, "")
		}
	}
	for _, it := range d.Items {
		all.WriteString(Normalize(it.Text) + "\n")
	}
	for i := range res.Clauses {
		c := &res.Clauses[i]
		for _, ct := range findCitations(c.Text, w.links[i], sym) {
			c.Cites = append(c.Cites, ct.symbol)
			res.addCitation(ct, Operative, c.Locator)
		}
	}
	text := all.String()
	res.ChapterVII = chapterVII.MatchString(text)
	res.Missions, res.UnknownAcronyms = missions.find(text)
	for _, a := range res.UnknownAcronyms {
		warn("unknown mission-like acronym %s (not in the mission table)", a)
	}
	return res, warns, nil
}

func (r *Resolution) addCitation(c cited, part Part, loc string) {
	for i := range r.Citations {
		if r.Citations[i].Symbol == c.symbol {
			r.Citations[i].Link = r.Citations[i].Link || c.link
			return
		}
	}
	r.Citations = append(r.Citations, Citation{Symbol: c.symbol, Part: part, Locator: loc, Link: c.link})
}

// walker rebuilds locators from the numbering of the operative part.
type walker struct {
	file  string
	res   *Resolution
	items []Item
	links [][]string // per clause

	top     int
	l1, l2  *level
	section string // heading of the part of the resolution in force
	sub     string // heading inside the current paragraph
	// subInL2 says that sub was met among second-level items, so it ends
	// with their first-level item (2552's "Rule of law:" under (e)).
	subInL2 bool
	cur     int // index of the current clause
	next    []string
	more    [][]string // continuation texts per clause
	// prevKind and prevIdx are the last second-level item of the
	// previous first-level item, for lettered items that run on.
	prevKind seqKind
	prevIdx  int
}

func (w *walker) walk() *Problem {
	w.lookahead()
	for i, it := range w.items {
		kind, label := classify(it.Num)
		text := Normalize(it.Text)
		place := it.Place
		switch kind {
		case labelTop:
			n := 0
			fmt.Sscan(label, &n)
			if n != w.top+1 {
				if w.top == 0 {
					return problemf(w.file, place, "broken numbering: the first operative paragraph is numbered %d, not 1; nothing imported from this file", n)
				}
				return problemf(w.file, place, "broken numbering: paragraph %d follows paragraph %d; nothing imported from this file", n, w.top)
			}
			w.top, w.l1, w.l2, w.sub, w.subInL2, w.prevKind, w.prevIdx = n, nil, nil, "", false, 0, 0
			w.add(itoa(n), "", text, false, it.Links)
			if seized.MatchString(text) {
				return nil
			}
		case labelAlpha:
			if looksLikeHeading(text) && !w.nextNumberedIsAlpha(i) && w.startsNothing(label, it.Depth) {
				// A lettered or roman heading between paragraphs ("(i) Exceptions"
				// in 2498) titles a part of the resolution, not a sub-item.
				w.section, w.sub = strings.TrimSpace(it.Num+" "+text), ""
				continue
			}
			if w.top == 0 {
				return problemf(w.file, place, "broken numbering: sub-item (%s) comes before operative paragraph 1; nothing imported from this file", label)
			}
			lvl, opt, ok := w.choose(label, it.Depth, w.nextAlpha(i))
			if !ok && it.Depth >= 3 {
				// A third level of sub-items has no canonical locator.
				w.fold(it.Num, text, it.Links)
				continue
			}
			if !ok {
				return problemf(w.file, place, "broken numbering: item (%s) does not follow %s; nothing imported from this file", label, w.res.Clauses[w.cur].Locator)
			}
			heading := looksLikeHeading(text) || colonHeading(text, 1) || it.Emphasised && titleEnd(text)
			top := itoa(w.top)
			if lvl == 1 {
				if w.l2 != nil {
					w.prevKind, w.prevIdx = w.l2.kind, w.l2.idx
				}
				if w.subInL2 {
					w.sub, w.subInL2 = "", false
				}
				w.l1, w.l2 = &level{kind: opt.kind, idx: opt.idx, label: label}, nil
				if heading {
					w.l1.heading = text
				}
				w.add(top+"("+label+")", top, text, heading, it.Links)
			} else {
				w.l2 = &level{kind: opt.kind, idx: opt.idx, label: label}
				parent := top + "(" + w.l1.label + ")"
				w.add(parent+"("+label+")", parent, text, heading, it.Links)
			}
		case labelSection:
			if w.paragraphSection(label, i, it.Depth) {
				if w.l2 != nil {
					w.prevKind, w.prevIdx = w.l2.kind, w.l2.idx
				}
				w.l1, w.l2 = &level{kind: seqSection, idx: capitalRoman(label), label: label, heading: text}, nil
				w.sub, w.subInL2 = "", false
				top := itoa(w.top)
				w.add(top+"("+label+")", top, text, looksLikeHeading(text) || colonHeading(text, 1), it.Links)
				continue
			}
			w.section, w.sub, w.subInL2 = strings.TrimSpace(label+". "+text), "", false
		case labelFold:
			w.fold(it.Num, text, it.Links)
		case labelNone:
			if text == "" {
				continue
			}
			if it.Heading || looksLikeHeading(text) || w.top > 0 && colonHeading(text, w.colonWords(i)) && w.clauseEnded() && w.nextIsNumbered(i) {
				// A heading ending in a colon ("Support for Security Reform:"
				// between 1509's 3(m) and 3(n)) titles what follows only
				// after a complete clause; after a heading item ("(ii)
				// Security Sector Reform (SSR)") it is the intro of its
				// sub-items and stays their parent's text.
				if w.top > 0 && w.nextAlpha(i) != "" && w.nextNumberedIsAlpha(i) {
					w.sub, w.subInL2 = text, w.l2 != nil
				} else {
					w.section, w.sub = text, ""
				}
				continue
			}
			if w.cur >= 0 {
				w.appendText(text, it.Links)
			}
		}
	}
	return nil
}

// choose decides which sub-item level an alphabetic label continues or
// starts: a label that continues a level wins over one that starts a new
// one; "(i)" after "(h)" is a letter unless "(ii)" follows it; a nesting
// depth from the file settles what is left.
func (w *walker) choose(label string, depth int, next string) (int, option, bool) {
	type cand struct {
		lvl int
		o   option
	}
	var cands []cand
	for _, o := range options(label) {
		switch {
		case w.l2 != nil && o.kind == w.l2.kind && o.idx == w.l2.idx+1:
			cands = append(cands, cand{2, o})
		case w.l1 != nil && o.kind == w.l1.kind && o.idx == w.l1.idx+1:
			cands = append(cands, cand{1, o})
		case w.l1 != nil && w.l2 == nil && o.kind != w.l1.kind && (o.idx == 1 || o.kind == w.prevKind && o.idx == w.prevIdx+1):
			// Lettered items may restart in each roman section (2277: 35(ii)(a))
			// or run on across them (2717: 34(i)(g), then 34(ii)(h)).
			cands = append(cands, cand{2, o})
		case w.l1 == nil && o.idx == 1:
			cands = append(cands, cand{1, o})
		}
	}
	if len(cands) == 0 {
		return 0, option{}, false
	}
	if len(cands) > 1 {
		// Ambiguous ("i", "v", "x"): the label that follows decides, then the depth.
		for _, c := range cands {
			if next != "" && len(options(next)) > 0 {
				for _, no := range options(next) {
					if no.kind == c.o.kind && no.idx == c.o.idx+1 {
						return c.lvl, c.o, true
					}
				}
			}
		}
		if depth > 0 {
			for _, c := range cands {
				if c.lvl == depth {
					return c.lvl, c.o, true
				}
			}
		}
	}
	return cands[0].lvl, cands[0].o, true
}

// paragraphSection says whether a capital roman label ("I.", "II.") opens
// a section of the current paragraph rather than a part of the
// resolution: "I." must come right after the paragraph's own text, as a
// nested item or after an intro ending in a colon, and be followed by an
// "(a)"; "II." and later must follow the section before them and have
// lettered items ("II. Reports" between paragraphs is a part). An "I." after
// a part "H." is the ninth lettered part, not a roman one.
func (w *walker) paragraphSection(label string, i, depth int) bool {
	n := capitalRoman(label)
	if w.top == 0 || n == 0 {
		return false
	}
	if w.l1 != nil && w.l1.kind == seqSection {
		return n == w.l1.idx+1 && w.next[i] != ""
	}
	if n != 1 || w.l1 != nil || strings.HasPrefix(w.section, "H. ") || w.next[i] != "a" {
		return false
	}
	return depth > 0 || w.cur >= 0 && w.res.Clauses[w.cur].Locator == itoa(w.top) && strings.HasSuffix(w.res.Clauses[w.cur].Text, ":") && len(w.more[w.cur]) == 0
}

// startsNothing says whether an alphabetic label neither continues the
// current paragraph's sub-items nor could start them as its first item
// after sub-items of its own: then a heading-like item so numbered titles a
// part of the resolution.
func (w *walker) startsNothing(label string, depth int) bool {
	lvl, o, ok := w.choose(label, depth, "")
	if !ok {
		return true
	}
	return lvl == 1 && o.idx == 1 && w.l1 == nil
}

// lookahead records, for each item, the label of the next alphabetic item
// before the next paragraph or section ("" if none), in one backward pass
// so that a file of many items costs linear time.
func (w *walker) lookahead() {
	w.next = make([]string, len(w.items))
	nextLabel := ""
	for i := len(w.items) - 1; i >= 0; i-- {
		w.next[i] = nextLabel
		switch k, l := classify(w.items[i].Num); k {
		case labelAlpha:
			nextLabel = l
		case labelTop, labelSection:
			nextLabel = ""
		}
	}
}

// nextAlpha returns the label of the next alphabetic item, if it comes
// before the next paragraph.
func (w *walker) nextAlpha(i int) string { return w.next[i] }

// nextNumberedIsAlpha says whether the next numbered item is a sub-item.
func (w *walker) nextNumberedIsAlpha(i int) bool { return w.next[i] != "" }

func (w *walker) add(loc, parent, text string, heading bool, links []string) {
	// Outermost first: the section, a heading over first-level items,
	// the first-level heading item, a heading among second-level items.
	var hs []string
	push := func(h string) {
		if h != "" {
			hs = append(hs, h)
		}
	}
	push(w.section)
	if !w.subInL2 {
		push(w.sub)
	}
	if parent != "" && w.l2 != nil && w.l1 != nil && strings.Count(loc, "(") == 2 {
		push(w.l1.heading)
	}
	if w.subInL2 {
		push(w.sub)
	}
	w.res.Clauses = append(w.res.Clauses, Clause{Locator: loc, Parent: parent, Text: text, Heading: heading, Headings: hs})
	w.links = append(w.links, append([]string(nil), links...))
	w.more = append(w.more, nil)
	w.cur = len(w.res.Clauses) - 1
}

func (w *walker) fold(num, text string, links []string) {
	if w.cur < 0 {
		return
	}
	w.res.Folded++
	w.appendText(strings.TrimSpace(Normalize(num)+" "+text), links)
}

// appendText adds text to the current clause; the pieces are joined when
// the walk ends, so that many continuations cost linear time.
func (w *walker) appendText(text string, links []string) {
	if text != "" {
		w.more[w.cur] = append(w.more[w.cur], text)
	}
	w.links[w.cur] = append(w.links[w.cur], links...)
}

// join puts each clause's continuation text after its own.
func (w *walker) join() {
	for i, more := range w.more {
		if len(more) == 0 {
			continue
		}
		c := &w.res.Clauses[i]
		if c.Text != "" {
			more = append([]string{c.Text}, more...)
		}
		c.Text = strings.Join(more, " ")
	}
}

// colonHeading says whether a block reads as a heading that ends in a
// colon: minWords to twelve words, starting with a capital ("Protection of
// United Nations Staff, Facilities and Civilians:"). Between items it takes
// two words, as a lone "Decides:" is an operative verb; a numbered item
// ("II. Talks:") may be one word.
func colonHeading(text string, minWords int) bool {
	t := strings.TrimSpace(strings.TrimSuffix(text, ":"))
	f := strings.Fields(t)
	if t == text || len(f) < minWords || !looksLikeHeading(t) {
		return false
	}
	// "To help build the capacity of ... to:" is the intro of a task.
	return f[0] != "To" && !introEnd[strings.ToLower(f[len(f)-1])]
}

// introEnd are words an intro ends with before its colon, and a heading
// does not.
var introEnd = map[string]bool{"to": true, "of": true, "by": true, "for": true, "in": true, "on": true,
	"with": true, "and": true, "or": true, "the": true, "that": true, "following": true}

// titleEnd says whether an emphasised item ends as a title does: not
// with a clause's punctuation.
func titleEnd(text string) bool {
	last, _ := utf8.DecodeLastRuneInString(text)
	return text != "" && !strings.ContainsRune(".;,", last)
}

// clauseEnded says whether the current clause's text, with what was
// appended to it, ends like a complete clause or an intro (";", ":", ".").
func (w *walker) clauseEnded() bool {
	if w.cur < 0 {
		return true
	}
	t := w.res.Clauses[w.cur].Text
	if more := w.more[w.cur]; len(more) > 0 {
		t = more[len(more)-1]
	}
	t = strings.TrimSpace(t)
	return strings.HasSuffix(t, ";") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ".") ||
		strings.HasSuffix(t, "; and") || strings.HasSuffix(t, "; or")
}

// colonWords is the fewest words a colon heading before item i+1 has:
// one before a paragraph ("Reporting:"), two before a sub-item, where a
// lone "Decides:" would be the intro of the items.
func (w *walker) colonWords(i int) int {
	if i+1 < len(w.items) {
		if k, _ := classify(w.items[i+1].Num); k == labelTop {
			return 1
		}
	}
	return 2
}

// nextIsNumbered says whether the item after i carries a number.
func (w *walker) nextIsNumbered(i int) bool {
	return i+1 < len(w.items) && strings.TrimSpace(w.items[i+1].Num) != ""
}

// looksLikeHeading says whether a block reads as a heading: a few words,
// starting with a capital, not ending like a sentence or a clause.
func looksLikeHeading(text string) bool {
	if text == "" || len(strings.Fields(text)) > 12 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsUpper(first) && !strings.ContainsRune(".;:,", last)
}

// embeddedTop finds where a numbered operative paragraph starts inside a
// preambular paragraph: at its start or after a colon ("Acting under
// Chapter VII ...: 1. Decides").
var embeddedTop = regexp.MustCompile(`(?:^|:\s)([1-9][0-9]{0,2})\.\s+\p{Lu}`)

// recoverOperative moves operative paragraphs that a file stores inside its
// last preambular paragraphs (1991, 2053: "...: 1. Decides ... 4. Decides")
// into the operative part, when that part does not start with paragraph 1.
// It returns the number of the last paragraph recovered, or 0.
func recoverOperative(d *Draft) int {
	for _, it := range d.Items {
		k, l := classify(it.Num)
		if k == labelTop {
			if l == "1" {
				return 0
			}
			break
		}
	}
	for pi, p := range d.Preamble {
		loc := embeddedTop.FindStringSubmatchIndex(p.Text)
		if loc == nil || p.Text[loc[2]:loc[3]] != "1" {
			continue
		}
		rest := p.Text[loc[2]:]
		for _, q := range d.Preamble[pi+1:] {
			rest += " " + q.Text
		}
		var items []Item
		n := 1
		for {
			cur := itoa(n) + ". "
			next := " " + itoa(n+1) + ". "
			body := strings.TrimPrefix(rest, cur)
			j := strings.Index(body, next)
			if j < 0 {
				items = append(items, Item{Num: itoa(n) + ".", Text: body, Place: "preamble"})
				break
			}
			items = append(items, Item{Num: itoa(n) + ".", Text: body[:j], Place: "preamble"})
			rest = body[j+1:]
			n++
		}
		head := strings.TrimSpace(p.Text[:loc[2]])
		d.Preamble = append(d.Preamble[:pi:pi], Para{Text: head, Links: p.Links})
		d.Items = append(items, d.Items...)
		return n
	}
	return 0
}

var inlineFirst = regexp.MustCompile(`^\(a\)\s+`)

// splitInlineFirstItem separates a paragraph whose text opens with its
// first sub-item ("58." + "(a) Requests ..." in 2709) into the two items.
func splitInlineFirstItem(items []Item) []Item {
	var out []Item
	for _, it := range items {
		if k, _ := classify(it.Num); k == labelTop {
			if m := inlineFirst.FindString(it.Text); m != "" {
				out = append(out, Item{Num: it.Num, Depth: it.Depth, Place: it.Place},
					Item{Num: "(a)", Text: it.Text[len(m):], Depth: it.Depth + 1, Links: it.Links, Place: it.Place})
				continue
			}
		}
		out = append(out, it)
	}
	return out
}
