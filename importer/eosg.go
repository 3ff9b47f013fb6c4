package importer

import (
	"encoding/json"
	"fmt"
	"regexp"
)

// eosgParagraph is one object of an EOSG paragraph file.
type eosgParagraph struct {
	Text           string     `json:"text"`
	Type           string     `json:"type"`
	ParagraphType  *string    `json:"paragraph_type"`
	ParagraphLevel *int       `json:"paragraph_level"`
	Prefix         *string    `json:"prefix"`
	Links          [][]string `json:"links"`
}

var leadingLabel = regexp.MustCompile(`^(\([a-z]{1,4}\))\s+`)

var titleSymbol = regexp.MustCompile(`(?i)\bresolution\s+([1-9][0-9]{0,4})\s*\(((?:19|20)[0-9]{2})\)`)

// ReadEOSG reads an EOSG paragraph file (a JSON array in document order).
// It has no metadata: symbol, meeting and date come from the title and
// frontmatter lines. Everything from the first operative paragraph on is
// the operative part, whatever its paragraph_type says (2098 tags part of
// paragraph 12 as preambular).
func ReadEOSG(data []byte, file string) (*Draft, error) {
	var ps []eosgParagraph
	if err := json.Unmarshal(data, &ps); err != nil {
		return nil, problemf(file, "", "not an EOSG paragraph file (a JSON array of paragraphs): %v", err)
	}
	d := &Draft{Format: FormatEOSG, File: file}
	operative := false
	front := ""
	var held []Item // headings after the preamble, before it is known what follows
	for i, p := range ps {
		text := Normalize(p.Text)
		var links []string
		for _, l := range p.Links {
			if len(l) == 2 {
				links = append(links, l[1])
			}
		}
		prefix := ""
		if p.Prefix != nil {
			prefix = *p.Prefix
		}
		switch {
		case p.Type == "title" && d.CoverSymbol == "":
			if m := titleSymbol.FindStringSubmatch(text); m != nil {
				d.CoverSymbol = "S/RES/" + m[1] + " (" + m[2] + ")"
			}
			continue
		case p.Type == "frontmatter" || p.Type == "heading" && len(d.Preamble) == 0 && !operative && front != "":
			// The adoption line may be split over two frontmatter items.
			front += " " + text
			if m, date := parseAdoption(front); date != "" {
				d.Meeting, d.CoverDate = m, date
			}
			continue
		}
		if !operative {
			k, _ := classify(prefix)
			operative = k == labelTop || (p.ParagraphType != nil && *p.ParagraphType == "operative")
		}
		if !operative {
			if p.Type == "heading" && text != "" {
				// A heading right before paragraph 1 ("Political process"
				// in 2149) titles the operative part, as in the XML.
				held = append(held, Item{Text: text, Heading: true, Links: links, Place: fmt.Sprintf("item %d", i)})
				continue
			}
			for _, h := range held {
				d.Preamble = append(d.Preamble, Para{Text: h.Text, Links: h.Links})
			}
			held = nil
			if text != "" {
				d.Preamble = append(d.Preamble, Para{Text: text, Links: links})
			}
			continue
		}
		d.Items, held = append(d.Items, held...), nil
		// Some items carry their number in the text: a heading
		// "(ii)\tPolitical situation" with no prefix (2277), .
		if m := leadingLabel.FindStringSubmatch(text); m != nil {
			if prefix == "" {
				prefix, text = m[1], text[len(m[0]):]
			}
		}
		depth := 0
		if p.ParagraphLevel != nil && *p.ParagraphLevel > 1 {
			depth = *p.ParagraphLevel - 1
		}
		d.Items = append(d.Items, Item{Num: prefix, Text: text, Depth: depth, Heading: p.Type == "heading",
			Links: links, Place: fmt.Sprintf("item %d", i)})
	}
	return d, nil
}
