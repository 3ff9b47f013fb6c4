package tagging_test

// Format checks for the hand-labelled gold standard (testdata/labels.tsv; the
// guideline is docs/labelling.md). The file is the yardstick for the agenda
// tagger, so it must be well formed and every unit it names must exist in the
// official Akoma Ntoso text of its resolution in ../../shared/data. The walk
// over the XML is self-contained here (stdlib only) so that the check does not
// depend on the importer it is meant to judge.

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/internal/shareddata"
)

const labelsFile = "testdata/labels.tsv"

var labelsHeader = []string{"symbol", "locator", "mission", "split",
	"POC", "SSR", "DDR", "ROL", "HR", "ELECT", "CAAC", "CRSV", "WPS"}

var (
	symbolRE  = regexp.MustCompile(`^S/RES/([1-9][0-9]*)\(((?:19|20)[0-9]{2})\)$`)
	locatorRE = regexp.MustCompile(`^[1-9][0-9]*(\([a-z]{1,2}\)|\([ivx]+\)){0,3}$`)
	missionRE = regexp.MustCompile(`^[A-Z][A-Za-z]{2,9}$`)
)

var sharedData = shareddata.Dir()

type labelRow struct {
	line                     int
	symbol, locator, mission string
	split                    string
}

// readLabels parses the file, failing the test (with file:line:field) on any
// format error.
func readLabels(t *testing.T) []labelRow {
	t.Helper()
	f, err := os.Open(labelsFile)
	if err != nil {
		t.Fatalf("open gold standard: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var rows []labelRow
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			if text != strings.Join(labelsHeader, "\t") {
				t.Fatalf("%s:1: header is %q, want %q", labelsFile, text, strings.Join(labelsHeader, "\t"))
			}
			continue
		}
		if strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != len(labelsHeader) {
			t.Errorf("%s:%d: %d columns, want %d", labelsFile, line, len(cols), len(labelsHeader))
			continue
		}
		r := labelRow{line: line, symbol: cols[0], locator: cols[1], mission: cols[2], split: cols[3]}
		if !symbolRE.MatchString(r.symbol) {
			t.Errorf("%s:%d: symbol: %q is not like S/RES/2098(2013)", labelsFile, line, r.symbol)
		}
		if !locatorRE.MatchString(r.locator) {
			t.Errorf("%s:%d: locator: %q is not like 12, 12(a), 12(a)(i) or 35(i)(a)", labelsFile, line, r.locator)
		}
		if !missionRE.MatchString(r.mission) {
			t.Errorf("%s:%d: mission: %q is not an acronym", labelsFile, line, r.mission)
		}
		if r.split != "dev" && r.split != "test" {
			t.Errorf("%s:%d: split: %q, want dev or test", labelsFile, line, r.split)
		}
		for i, v := range cols[4:] {
			if v != "1" && v != "0" && v != "-" {
				t.Errorf("%s:%d: %s: value %q, want 1, 0 or -", labelsFile, line, labelsHeader[4+i], v)
			}
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", labelsFile, err)
	}
	return rows
}

func TestLabelsFormat(t *testing.T) {
	rows := readLabels(t)
	if len(rows) < 400 {
		t.Errorf("%d labelled units, want at least 400", len(rows))
	}
	seen := map[string]int{}
	missions := map[string]bool{}
	splits := map[string]int{}
	splitOf := map[string]string{}
	missionOf := map[string]string{}
	for _, r := range rows {
		key := r.symbol + " " + r.locator
		if prev, ok := seen[key]; ok {
			t.Errorf("%s:%d: %s %s already labelled on line %d", labelsFile, r.line, r.symbol, r.locator, prev)
		}
		seen[key] = r.line
		missions[r.mission] = true
		splits[r.split]++
		if s, ok := splitOf[r.symbol]; ok && s != r.split {
			t.Errorf("%s:%d: %s is split between %s and %s; a resolution belongs to one split", labelsFile, r.line, r.symbol, s, r.split)
		}
		splitOf[r.symbol] = r.split
		if m, ok := missionOf[r.symbol]; ok && m != r.mission {
			t.Errorf("%s:%d: %s has missions %s and %s", labelsFile, r.line, r.symbol, m, r.mission)
		}
		missionOf[r.symbol] = r.mission
	}
	if len(missions) < 8 {
		t.Errorf("%d missions, want at least 8", len(missions))
	}
	if splits["dev"] == 0 || splits["test"] == 0 {
		t.Errorf("splits %v, want both dev and test", splits)
	}
	t.Logf("%d units, %d resolutions, %d missions, splits %v", len(rows), len(splitOf), len(missions), splits)
}

// TestLabelsExistInXML checks that every labelled locator names an operative
// paragraph or sub-item of its resolution's Akoma Ntoso file.
func TestLabelsExistInXML(t *testing.T) {
	dir := filepath.Join(sharedData, "external", "unxml-scresolutions")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("shared data missing: %v (set MANDATEGRAPH_SHARED_DATA to the shared/data directory)", err)
	}
	rows := readLabels(t)
	bySymbol := map[string][]labelRow{}
	for _, r := range rows {
		bySymbol[r.symbol] = append(bySymbol[r.symbol], r)
	}
	for symbol, rs := range bySymbol {
		m := symbolRE.FindStringSubmatch(symbol)
		if m == nil {
			continue // reported by TestLabelsFormat
		}
		path, err := findResolution(dir, m[1], m[2])
		if err != nil {
			t.Errorf("%s: %v", symbol, err)
			continue
		}
		locs, err := operativeLocators(path)
		if err != nil {
			t.Errorf("%s: %s: %v", symbol, path, err)
			continue
		}
		for _, r := range rs {
			if !locs[r.locator] {
				t.Errorf("%s:%d: %s has no unit %q in %s", labelsFile, r.line, symbol, r.locator, path)
			}
		}
	}
}

// findResolution returns the file whose FRBR work identifier is <n>-<year>.
// File names only preselect candidates (their pattern changes over the years);
// the symbol is confirmed from the metadata.
func findResolution(dir, number, year string) (string, error) {
	nameRE := regexp.MustCompile(`(^|[^0-9])` + number + `([^0-9]|$)`)
	want := "/" + number + "-" + year + "/"
	var found string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if found != "" || d.IsDir() || !strings.HasSuffix(p, ".xml") || !nameRE.MatchString(d.Name()) {
			return nil
		}
		id, err := frbrThis(p)
		if err != nil {
			return err
		}
		if strings.Contains(id, want) {
			found = p
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if found == "" {
		return "", fmt.Errorf("no file in %s has FRBR work %s", dir, want)
	}
	return found, nil
}

func frbrThis(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "FRBRthis" {
			for _, a := range se.Attr {
				if a.Name.Local == "value" {
					return a.Value, nil
				}
			}
		}
	}
}

// node is a minimal element tree: enough to find numbered items.
type node struct {
	name     string
	children []*node
	text     strings.Builder
}

func parseTree(path string) (*node, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &node{name: tk.Name.Local}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text.Write(tk)
		}
	}
}

// mainBody is the operative part: the first mainBody that is not inside the
// attachments (annexes have their own).
func mainBody(n *node) *node {
	for _, c := range n.children {
		if c.name == "attachments" {
			continue
		}
		if c.name == "mainBody" {
			return c
		}
		if m := mainBody(c); m != nil {
			return m
		}
	}
	return nil
}

// numbers lists the <num> of every paragraph and point in document order,
// whether sub-items are nested or flattened into sibling paragraphs.
func numbers(n *node, out *[]string) {
	for _, c := range n.children {
		switch c.name {
		case "paragraph", "point", "subparagraph", "alinea":
			for _, g := range c.children {
				if g.name == "num" {
					*out = append(*out, strings.TrimSpace(g.text.String()))
					break
				}
			}
			numbers(c, out)
		case "list", "sublist", "section", "container":
			numbers(c, out)
		}
	}
}

var (
	topNumRE = regexp.MustCompile(`^([1-9][0-9]*)\.?$`)
	subNumRE = regexp.MustCompile(`^\(([a-z]{1,4})\)$`)
)

// operativeLocators rebuilds the locators from the numbering: "12." opens a
// paragraph; "(a)"/"(i)" continue the current level when they follow its last
// number, return to the outer level when they follow that one, and open a
// new level when they start the other sequence. So a roman section with
// letters under it gives 35(i)(a), and 12(a) followed by (i) gives 12(a)(i).
func operativeLocators(path string) (map[string]bool, error) {
	root, err := parseTree(path)
	if err != nil {
		return nil, err
	}
	body := mainBody(root)
	if body == nil {
		return nil, fmt.Errorf("no mainBody")
	}
	var nums []string
	numbers(body, &nums)
	locs := map[string]bool{}
	type level struct {
		roman bool
		v     string
	}
	var top string
	var stack []level
	for _, num := range nums {
		if m := topNumRE.FindStringSubmatch(num); m != nil {
			top, stack = m[1], nil
			locs[top] = true
			continue
		}
		m := subNumRE.FindStringSubmatch(num)
		if m == nil || top == "" {
			continue // dashes, bullets: no locator of their own
		}
		v := m[1]
		switch {
		case len(stack) == 2 && successor(stack[1].roman, stack[1].v) == v:
			stack[1].v = v
		case len(stack) >= 1 && successor(stack[0].roman, stack[0].v) == v:
			stack = []level{{stack[0].roman, v}}
		case len(stack) == 0:
			stack = []level{{v == "i", v}}
		case len(stack) == 1 && (!stack[0].roman && v == "i" || stack[0].roman && v == "a"):
			stack = append(stack, level{v == "i", v})
		default:
			continue // broken numbering: no locator
		}
		loc := top
		for _, l := range stack {
			loc += "(" + l.v + ")"
		}
		locs[loc] = true
	}
	return locs, nil
}

var romans = []string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
	"xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"}

// successor is the number after v in the roman or the letter sequence.
func successor(roman bool, v string) string {
	if roman {
		for i, r := range romans[:len(romans)-1] {
			if r == v {
				return romans[i+1]
			}
		}
		return ""
	}
	if len(v) == 1 && v[0] >= 'a' && v[0] < 'z' {
		return string(v[0] + 1)
	}
	return ""
}

// TestOperativeLocators pins the numbering rebuild on files whose layout is
// known: nested sub-items with a roman sublist (2098), sub-items with empty
// own content (1528), and a paragraph with no sub-items at all.
func TestOperativeLocators(t *testing.T) {
	dir := filepath.Join(sharedData, "external", "unxml-scresolutions")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("shared data missing: %v (set MANDATEGRAPH_SHARED_DATA to the shared/data directory)", err)
	}
	tests := []struct {
		number, year string
		has, hasNot  []string
		count        int
	}{
		{"2098", "2013", []string{"12(a)(iii)", "15(i)", "34(b)(vi)", "35"}, []string{"12(a)(iv)", "15(j)", "36", "34(c)"}, 64},
		{"1528", "2004", []string{"6(q)", "16"}, []string{"6(r)", "16(a)"}, 35},
		{"1509", "2003", []string{"3(s)", "20"}, []string{"3(t)", "3(i)(a)"}, 39},
	}
	for _, tc := range tests {
		path, err := findResolution(dir, tc.number, tc.year)
		if err != nil {
			t.Fatal(err)
		}
		locs, err := operativeLocators(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range tc.has {
			if !locs[l] {
				t.Errorf("%s (%s): no locator %s", tc.number, tc.year, l)
			}
		}
		for _, l := range tc.hasNot {
			if locs[l] {
				t.Errorf("%s (%s): unexpected locator %s", tc.number, tc.year, l)
			}
		}
		if len(locs) != tc.count {
			t.Errorf("%s (%s): %d locators, want %d", tc.number, tc.year, len(locs), tc.count)
		}
	}
}
