package officialtext

// Reading official texts from Akoma Ntoso XML (the unxml-scresolutions
// collection, see its SOURCE.md), for the resolutions that the paragraphs
// JSON does not hold. The XML is turned into the same sequence of (prefix,
// text) items as the JSON, so one parser (parseItems) rebuilds the
// paragraph hierarchy from the numbering for both.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

var (
	aknMu    sync.Mutex
	aknIndex = map[string]map[string]string{} // dir -> "S/RES/1509(2003)" -> file
	frbrThis = regexp.MustCompile(`/akn/un/statement/deliberation/unsc/[^/]*/(\d+)-(\d{4})/!main/`)
)

// AKNFile returns the XML file of a resolution symbol in the collection
// under dir, or "" when it has none. The symbol is read from each file's
// FRBRWork (never from the file name, whose pattern changes from year to
// year); the index of a directory is built once.
func AKNFile(dir, symbol string) (string, error) {
	aknMu.Lock()
	defer aknMu.Unlock()
	if files, ok := aknIndex[dir]; ok {
		return files[symbol], nil
	}
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".xml") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		head := make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		if m := frbrThis.FindSubmatch(head[:n]); m != nil {
			sym := fmt.Sprintf("S/RES/%s(%s)", m[1], m[2])
			if _, dup := files[sym]; !dup { // 2193-2195 and 2464 appear twice
				files[sym] = path
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("index %s: %w", dir, err)
	}
	aknIndex[dir] = files
	return files[symbol], nil
}

// ParseAKN reads an Akoma Ntoso resolution: the whole text (cover page,
// preamble, body) for the header checks, and the main body as items. A <num>
// becomes the prefix of the next text block; headings are unprefixed heading
// items; annexes (<attachments>) are left out.
func ParseAKN(symbol, file string) (*Text, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(raw))
	var (
		all, block, num strings.Builder
		items           []jsonItem
		inMeta, inBody  int
		inNum, inHead   int
		inAttach        int
		pending         *string
	)
	flush := func(typ string) {
		t := Normalize(block.String())
		block.Reset()
		if t == "" || inBody == 0 || inAttach > 0 {
			return
		}
		it := jsonItem{Text: t, Type: typ}
		if typ != "heading" && pending != nil {
			it.Prefix = pending
			pending = nil
		}
		items = append(items, it)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "meta":
				inMeta++
			case "mainBody":
				inBody++
			case "attachments":
				inAttach++
			case "num":
				flush("paragraph")
				inNum++
				num.Reset()
			case "heading", "subheading", "crossHeading":
				flush("paragraph")
				inHead++
			case "p", "content", "intro", "list", "point", "paragraph", "sublist":
				flush("paragraph")
			}
		case xml.EndElement:
			all.WriteByte(' ') // element ends separate words only where the text has a space or a block ends; Normalize folds doubles
			switch el.Name.Local {
			case "meta":
				inMeta--
			case "mainBody":
				flush("paragraph")
				inBody--
			case "attachments":
				inAttach--
			case "num":
				inNum--
				p := Normalize(num.String())
				pending = &p
			case "heading", "subheading", "crossHeading":
				flush("heading")
				inHead--
			case "p", "content", "intro":
				flush("paragraph")
			}
		case xml.CharData:
			if inMeta > 0 {
				continue
			}
			all.Write(el)
			if inNum > 0 {
				num.Write(el)
			} else {
				block.Write(el)
			}
		}
	}
	o, err := parseItems(symbol, file, items)
	if err != nil {
		return nil, err
	}
	o.all = Normalize(all.String())
	return o, nil
}
