package data_test

// The bundled clauses' locators against the importer's. A curated clause
// names a paragraph of its resolution by locator ("36(i)(a)"); the importer
// rebuilds every locator of the same resolution from the official file's
// numbering. Both must name a paragraph the same way, or an imported and a
// curated copy of one paragraph become two clauses. This lists every
// bundled locator the importer does not derive, with the importer's
// locators of that paragraph, and fails on any.
//
//	go test ./data -run TestBundledLocatorsMatchImporter -v

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/internal/officialtext"
)

// locTop is the paragraph number of a locator.
var locTop = regexp.MustCompile(`^[0-9]+`)

// importedResolution imports symbol's official file: the Akoma Ntoso XML,
// else the EOSG paragraphs JSON; nil when shared/data has neither.
func importedResolution(t *testing.T, symbol string) *importer.Resolution {
	t.Helper()
	file, err := officialtext.AKNFile(msAKNDir, symbol)
	if err != nil {
		t.Fatal(err)
	}
	if file == "" {
		m := regexp.MustCompile(`^S/RES/(\d+)\((\d{4})\)$`).FindStringSubmatch(symbol)
		if m == nil {
			return nil
		}
		file = filepath.Join(msParagraphsDir, fmt.Sprintf("S_RES_%s(%s).json", m[1], m[2]))
		if !fileExists(file) {
			return nil
		}
	}
	res, _, p := importer.ImportFile(file)
	if p != nil {
		t.Errorf("%s: the importer rejects %s: %v", symbol, filepath.Base(file), p)
		return nil
	}
	return res
}

func TestBundledLocatorsMatchImporter(t *testing.T) {
	ds := msLoad(t)
	msRequireShared(t, msAKNDir)
	msRequireShared(t, msParagraphsDir)
	compared, missing := 0, 0
	for _, m := range msOurMandates(ds) {
		if len(m.Clauses) == 0 || m.AllParagraphs {
			continue // an imported mandate's locators are the importer's by construction
		}
		res := importedResolution(t, m.ID)
		if res == nil {
			t.Logf("%s: no official file in shared/data; its %d locators are not compared", m.ID, len(m.Clauses))
			continue
		}
		have := map[string]bool{}
		byTop := map[string][]string{}
		for _, c := range res.Clauses {
			have[c.Locator] = true
			top := locTop.FindString(c.Locator)
			byTop[top] = append(byTop[top], c.Locator)
		}
		for _, c := range m.Clauses {
			compared++
			if have[c.Paragraph] {
				continue
			}
			missing++
			t.Errorf("%s: bundled locator %s; the importer (%s) derives none such, paragraph %s has %s",
				c.ID, c.Paragraph, filepath.Base(res.Source.File), locTop.FindString(c.Paragraph),
				strings.Join(byTop[locTop.FindString(c.Paragraph)], " "))
		}
	}
	t.Logf("%d bundled locators compared with the importer's, %d disagree", compared, missing)
	if compared < 150 {
		t.Errorf("only %d bundled locators compared, want the bundled clauses (over 150)", compared)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
