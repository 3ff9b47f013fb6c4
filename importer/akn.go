package importer

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDepth bounds element nesting; real files nest about 15 deep.
const maxDepth = 256

// ReadAKN reads an Akoma Ntoso (AKN4UN) resolution with a streaming
// decoder: metadata and cover into the Draft's Meta and Cover fields,
// preambular containers into Preamble, and the main body's paragraphs,
// points, headings and section numbers into Items in document order.
// Attachments (annexes), tables in the main body and footnotes are left out.
func ReadAKN(r io.Reader, file string) (*Draft, error) {
	d := &Draft{Format: FormatAKN, File: file}
	dec := xml.NewDecoder(r)
	dec.Strict = true
	a := aknReader{d: d}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, problemf(file, fmt.Sprintf("line %d", line), "not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(a.stack) >= maxDepth {
				line, _ := dec.InputPos()
				return nil, problemf(file, fmt.Sprintf("line %d", line), "elements nest more than %d deep", maxDepth)
			}
			line, _ := dec.InputPos()
			a.start(t, line)
		case xml.EndElement:
			a.end()
		case xml.CharData:
			a.text(string(t))
		}
	}
	if !a.sawRoot {
		return nil, problemf(file, "", "not an Akoma Ntoso document (no akomaNtoso root element)")
	}
	a.flush()
	return d, nil
}

// aknReader is the state of one streaming read.
type aknReader struct {
	d       *Draft
	stack   []string
	sawRoot bool

	// The element whose text is being collected and where it goes.
	sink     *strings.Builder
	sinkKind string // "num", "item", "heading", "para", "cover:symbol", "cover:date", "cover:adoption"
	skip     int    // depth inside an element whose text is ignored (0: none)

	item    *Item // the main-body item being read
	pending *Item // the point whose subheading is being read
	para    *Para // the preambular paragraph being read
	buf     strings.Builder
	numBuf  strings.Builder
	inNum   bool
	cover   strings.Builder
	inCover string
	lists   int // enclosing list, sublist and blockList elements in the main body
	line    int
	// spans says, per open span element of the main body, whether it
	// emphasises (class bold or italic); emph and plain count the
	// current item's letters inside and outside such spans.
	spans       []bool
	emph, plain int
}

// emphatic says whether a span's class sets its text in bold or italics.
func emphatic(t xml.StartElement) bool {
	for _, c := range strings.Fields(attr(t, "class")) {
		if c == "bold" || c == "italic" {
			return true
		}
	}
	return false
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (a *aknReader) in(name string) bool {
	for _, s := range a.stack {
		if s == name {
			return true
		}
	}
	return false
}

func (a *aknReader) start(t xml.StartElement, line int) {
	name := t.Name.Local
	a.stack = append(a.stack, name)
	a.line = line
	if len(a.stack) == 1 {
		a.sawRoot = name == "akomaNtoso"
	}
	if a.skip > 0 {
		a.skip++
		return
	}
	switch {
	case name == "attachments" || name == "authorialNote" || (name == "container" && a.in("mainBody")) || name == "table":
		a.flush()
		a.skip = 1
	case name == "FRBRthis" && a.in("FRBRWork"):
		a.d.MetaSymbol = symbolFromFRBR(attr(t, "value"))
	case name == "FRBRdate" && a.in("FRBRWork") && attr(t, "name") == "adoption":
		a.d.MetaDate = attr(t, "date")
	case a.in("coverPage"):
		switch {
		case name == "docNumber":
			a.inCover, a.cover = "symbol", strings.Builder{}
		case name == "docTitle" && attr(t, "refersTo") == "#adoption":
			a.inCover, a.cover = "adoption", strings.Builder{}
		case name == "inline" && attr(t, "name") == "adoptionMeeting":
			if n, err := strconv.Atoi(strings.TrimRight(attr(t, "title"), "stndrh")); err == nil {
				a.d.Meeting = n
			}
		}
	case a.in("preamble"):
		if len(a.stack) >= 2 && a.stack[len(a.stack)-2] == "preamble" {
			a.para = &Para{}
			a.buf.Reset()
		}
		if name == "a" && a.para != nil {
			a.para.Links = append(a.para.Links, attr(t, "href"))
		}
		if name == "p" {
			a.buf.WriteByte(' ')
		}
	case a.in("mainBody"):
		switch name {
		case "list", "sublist", "blockList":
			// The paragraph stays open: its text goes on in the list's intro.
			a.lists++
		case "paragraph", "point", "section", "alinea":
			a.flush()
			a.item = &Item{Depth: a.lists, Place: fmt.Sprintf("line %d", line)}
		case "num":
			a.inNum = true
			a.numBuf.Reset()
		case "subheading", "heading", "crossHeading", "wrapUp":
			// A point's subheading comes before its num: the heading is
			// emitted first and the point goes on being read after it.
			if a.item != nil && a.item.Num == "" && Normalize(a.buf.String()) == "" && name == "subheading" {
				a.pending = a.item
				a.item = nil
				a.buf.Reset()
			} else {
				a.flush()
			}
			a.item = &Item{Depth: a.lists, Heading: name != "crossHeading" && name != "wrapUp", Place: fmt.Sprintf("line %d", line)}
		case "a":
			if a.item != nil {
				a.item.Links = append(a.item.Links, attr(t, "href"))
			}
		case "span":
			a.spans = append(a.spans, emphatic(t))
		case "p", "intro":
			a.buf.WriteByte(' ')
		}
	}
}

func (a *aknReader) end() {
	name := a.stack[len(a.stack)-1]
	a.stack = a.stack[:len(a.stack)-1]
	if a.skip > 0 {
		a.skip--
		return
	}
	switch {
	case a.inCover != "" && (name == "docNumber" || name == "docTitle"):
		switch a.inCover {
		case "symbol":
			a.d.CoverSymbol = Normalize(a.cover.String())
		case "adoption":
			m, date := parseAdoption(a.cover.String())
			if a.d.Meeting == 0 {
				a.d.Meeting = m
			}
			a.d.CoverDate = date
		}
		a.inCover = ""
	case a.para != nil && len(a.stack) == indexOf(a.stack, "preamble")+1:
		a.para.Text = Normalize(a.buf.String())
		if a.para.Text != "" {
			a.d.Preamble = append(a.d.Preamble, *a.para)
		}
		a.para = nil
		a.buf.Reset()
	case name == "num" && a.inNum:
		a.inNum = false
		if a.item != nil {
			a.item.Num = Normalize(a.numBuf.String())
		}
	case name == "list" || name == "sublist" || name == "blockList":
		if a.in("mainBody") || name == "list" || name == "sublist" {
			a.flush()
			if a.lists > 0 {
				a.lists--
			}
		}
	case name == "subheading" && a.pending != nil:
		a.flush()
		a.item, a.pending = a.pending, nil
	case name == "paragraph" || name == "point" || name == "subheading" || name == "heading" || name == "crossHeading" || name == "wrapUp" || name == "alinea":
		a.flush()
	case name == "p" || name == "intro":
		a.buf.WriteByte(' ')
	case name == "span" && len(a.spans) > 0:
		a.spans = a.spans[:len(a.spans)-1]
	}
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -2
}

func (a *aknReader) text(s string) {
	if a.skip > 0 {
		return
	}
	switch {
	case a.inCover != "":
		a.cover.WriteString(s)
	case a.inNum:
		a.numBuf.WriteString(s)
	case a.para != nil, a.item != nil:
		a.buf.WriteString(s)
		if a.item != nil {
			n := letters(s)
			if a.inEmphasis() {
				a.emph += n
			} else {
				a.plain += n
			}
		}
	}
}

// letters counts the bytes of s that are not ASCII white space, without
// allocating (it runs on every piece of text of the collection).
func letters(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			n++
		}
	}
	return n
}

// inEmphasis says whether the text being read is inside a bold or italic span.
func (a *aknReader) inEmphasis() bool {
	for _, e := range a.spans {
		if e {
			return true
		}
	}
	return false
}

// flush emits the item being read, if it has a number or text.
func (a *aknReader) flush() {
	if a.item == nil {
		return
	}
	a.item.Text = Normalize(a.buf.String())
	a.item.Emphasised = a.emph > 0 && a.plain == 0
	if a.item.Num != "" || a.item.Text != "" {
		a.d.Items = append(a.d.Items, *a.item)
	}
	a.item = nil
	a.buf.Reset()
	a.emph, a.plain = 0, 0
}
