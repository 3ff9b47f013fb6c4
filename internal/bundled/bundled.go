// Package bundled regenerates the imported part of the bundled dataset
// (data/imported/ and data/import/selection.tsv) from the shared Akoma Ntoso
// collection: it selects the resolutions that establish, renew or change the
// mandate of the bundled missions and converts them with importer/convert,
// joined to the curated files. Run it with scripts/import-bundled.sh.
package bundled

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/importer/convert"
	"github.com/mandategraph/mandategraph/loader"
)

// Missions are the ten missions whose mandates are imported.
var Missions = []string{"MONUC", "MONUSCO", "MINUSMA", "MINUSCA", "UNMIL", "UNOCI", "MINUSTAH", "MINUJUSTH", "UNAMID", "UNISFA"}

// ImportedDir and SelectionFile are the generated paths, relative to the
// dataset directory.
const (
	ImportedDir   = "imported"
	SelectionFile = "import/selection.tsv"
)

// Row is one selected resolution.
type Row struct {
	Symbol   string
	Adopted  string
	Missions []string
	File     string // relative to the collection directory
	Why      []string
}

// The operative verbs that decide a mandate, at the start of a top-level
// paragraph or of one of its clauses ("Decides to extend", "Further decides
// that MONUSCO shall", "Authorizes MINUSCA to", "Takes note ..., endorses the
// recommendations").
var deciding = regexp.MustCompile(`(?i)(?:^|[,;] (?:and )?)(?:also |further |further also |strongly )?(decides|authori[sz]es|extends|establishes|renews|endorses|requests the secretary-general to (?:establish|deploy))\b`)

// mandateWord: the paragraph speaks of the mandate, its extension or its tasks.
var mandateWord = regexp.MustCompile(`(?i)\b(mandate|extend|establish|renew|authori[sz]|deploy|shall|tasks?|ceiling|strength|consist of|military component|police component|concept of operations?|priorities)`)

// matchers returns a word-bounded pattern per mission id, from its acronym
// and full name in the importer's mission table.
func matchers(ids []string) (map[string]*regexp.Regexp, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := map[string]*regexp.Regexp{}
	for _, m := range importer.Missions() {
		if !want[m.ID] {
			continue
		}
		alts := []string{regexp.QuoteMeta(m.Acronym)}
		if m.Name != "" {
			alts = append(alts, regexp.QuoteMeta(m.Name))
		}
		out[m.ID] = regexp.MustCompile(`(?i:\b(?:` + strings.Join(alts, "|") + `)\b)`)
	}
	for id := range want {
		if out[id] == nil {
			return nil, fmt.Errorf("mission %s is not in the importer's mission table", id)
		}
	}
	return out, nil
}

// Select returns the resolutions from 2000 on with a top-level operative
// paragraph with a deciding verb (at its start or after a comma) that speaks of a mandate, its
// extension, establishment or tasks, and names the mission (in the paragraph
// or one of its sub-items). The acronym must stand in the operative part:
// the importer's own recognition (every mission a text names, preamble
// included) is wider.
func Select(rs []*importer.Resolution, ids []string, root string) ([]Row, error) {
	pats, err := matchers(ids)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for _, r := range rs {
		if r.Year < 2000 {
			continue
		}
		// The text of each top-level paragraph with its sub-items.
		var order []string
		para := map[string]*strings.Builder{}
		top := map[string]string{}
		for _, c := range r.Clauses {
			t := c.Locator
			if c.Parent != "" {
				t = top[c.Parent]
			}
			top[c.Locator] = t
			b := para[t]
			if b == nil {
				b = &strings.Builder{}
				para[t] = b
				order = append(order, t)
			}
			b.WriteString(importer.Normalize(c.Text))
			b.WriteString(" ")
		}
		why := map[string][]string{}
		for _, loc := range order {
			text := strings.TrimSpace(para[loc].String())
			v := deciding.FindStringSubmatch(text)
			if v == nil || !mandateWord.MatchString(text) {
				continue
			}
			for _, id := range ids {
				if pats[id].MatchString(text) {
					why[id] = append(why[id], fmt.Sprintf("%s %s", loc, strings.ToLower(v[1])))
				}
			}
		}
		if len(why) == 0 {
			continue
		}
		row := Row{Symbol: r.Symbol, Adopted: r.Adopted}
		if rel, err := filepath.Rel(root, r.Source.File); err == nil {
			row.File = filepath.ToSlash(rel)
		} else {
			row.File = filepath.Base(r.Source.File)
		}
		for _, id := range ids {
			if w := why[id]; len(w) > 0 {
				row.Missions = append(row.Missions, id)
				if len(w) > 3 {
					w = append(w[:3:3], fmt.Sprintf("+%d more", len(w)-3))
				}
				row.Why = append(row.Why, id+": "+strings.Join(w, ", "))
			}
		}
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Adopted != rows[j].Adopted {
			return rows[i].Adopted < rows[j].Adopted
		}
		return rows[i].Symbol < rows[j].Symbol
	})
	return rows, nil
}

// SelectionTSV renders the rows as the committed selection file.
func SelectionTSV(rows []Row) []byte {
	var b bytes.Buffer
	b.WriteString("# Generated by scripts/import-bundled.sh from ../shared/data/external/unxml-scresolutions; do not edit.\n")
	b.WriteString("# A resolution is selected for a mission when a top-level operative paragraph has a deciding\n")
	b.WriteString("# verb (decides, authorizes, extends, establishes, renews, endorses; at its start or after a comma), speaks of a mandate, its extension or tasks,\n")
	b.WriteString("# and names the mission in that paragraph or its sub-items. why: mission: paragraph verb, ...\n")
	b.WriteString("symbol\tadopted\tmissions\tfile\twhy\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", r.Symbol, r.Adopted, strings.Join(r.Missions, ","), r.File, strings.Join(r.Why, "; "))
	}
	return b.Bytes()
}

// curatedPaths lists the dataset's files outside the generated directory.
func curatedPaths(dataDir string) ([]string, error) {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return nil, fmt.Errorf("read the dataset directory: %w", err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() == ImportedDir || e.Name() == "import" {
			continue
		}
		if e.IsDir() || strings.HasSuffix(e.Name(), ".yaml") {
			out = append(out, filepath.Join(dataDir, e.Name()))
		}
	}
	return out, nil
}

// Generate imports the collection under root, selects the resolutions of
// the missions, converts them joined to the curated files of dataDir and
// writes the selection file and the imported directory under outDir (which
// is dataDir itself for a regeneration). Resolutions the curated files
// already hold are not written: the curated mandate stays as it is.
func Generate(root, dataDir, outDir string) error {
	res, err := importer.Import([]string{root})
	if err != nil {
		return fmt.Errorf("import %s: %w", root, err)
	}
	rows, err := Select(res.Resolutions, Missions, root)
	if err != nil {
		return err
	}
	paths, err := curatedPaths(dataDir)
	if err != nil {
		return err
	}
	base, diags := loader.Read(paths...)
	if err := diags.Err(); err != nil {
		return fmt.Errorf("the curated dataset is not valid: %w", err)
	}
	bySymbol := map[string]*importer.Resolution{}
	for _, r := range res.Resolutions {
		bySymbol[r.Symbol] = r
	}
	var selected []*importer.Resolution
	for _, row := range rows {
		r := *bySymbol[row.Symbol]
		r.Missions = row.Missions // the missions it mandates, not every mission it names
		selected = append(selected, &r)
	}
	conv := convert.Convert(selected, convert.Options{Base: base})
	sel := filepath.Join(outDir, SelectionFile)
	if err := os.MkdirAll(filepath.Dir(sel), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(sel), err)
	}
	if err := os.WriteFile(sel, SelectionTSV(rows), 0o644); err != nil {
		return fmt.Errorf("write the selection: %w", err)
	}
	dir := filepath.Join(outDir, ImportedDir)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	header := "Generated by scripts/import-bundled.sh from ../shared/data/external/unxml-scresolutions\n" +
		"(the United Nations is the source); do not edit: curated content lives in data/missions/."
	if _, err := convert.Write(dir, conv, header); err != nil {
		return err
	}
	return nil
}
