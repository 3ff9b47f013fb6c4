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
	"slices"
	"sort"
	"strings"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/importer/convert"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/policy"
)

// Chapter are the ten missions the curated files describe (the chapter
// the project grows from names eight of them).
var Chapter = []string{"MONUC", "MONUSCO", "MINUSMA", "MINUSCA", "UNMIL", "UNOCI", "MINUSTAH", "MINUJUSTH", "UNAMID", "UNISFA"}

// Since is the first day whose missions are imported: every peacekeeping
// operation of the importer's facts table (the UN Peace and Security Data
// Hub list, ../shared/data/external/un-psdata-pko) that had not ended by
// then.
const Since = "2000-01-01"

// Missions are the missions whose mandates are imported: the ten and every
// peacekeeping operation active on or after Since, sorted.
var Missions = activeSince(Since)

func activeSince(day string) []string {
	ids := slices.Clone(Chapter)
	for id, f := range importer.AllFacts() {
		if f.Start != "" && (f.End == "" || f.End >= day) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

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
// recommendations", "Expresses its full support for UNFICYP and decides to
// extend its mandate", as UNFICYP's renewals put it).
var deciding = regexp.MustCompile(`(?i)(?:^|[,;] (?:and )?| and )(?:also |further |further also |strongly )?(decides|authori[sz]es|extends|establishes|renews|endorses|requests the secretary-general to (?:establish|deploy))\b`)

// mandateWord: the paragraph speaks of the mandate, its extension or its tasks.
var mandateWord = regexp.MustCompile(`(?i)\b(mandate|extend|establish|renew|authori[sz]|deploy|shall|tasks?|ceiling|strength|consist of|military component|police component|concept of operations?|priorities)`)

// missionNames finds the missions a text names: one word-bounded pattern
// over every acronym and full name of the missions, longest first, so
// that a name inside a longer one counts only for the longer (MINURCA's
// "United Nations Mission in the Central African Republic" inside
// MINURCAT's "... and Chad").
type missionNames struct {
	re *regexp.Regexp
	by map[string]string // lower-case acronym or name -> mission id
}

func matchers(ids []string) (*missionNames, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	mn := &missionNames{by: map[string]string{}}
	found := map[string]bool{}
	for _, m := range importer.Missions() {
		if !want[m.ID] {
			continue
		}
		found[m.ID] = true
		for _, alt := range []string{m.Acronym, m.Name} {
			if alt != "" {
				mn.by[strings.ToLower(alt)] = m.ID
			}
		}
	}
	for id := range want {
		if !found[id] {
			return nil, fmt.Errorf("mission %s is not in the importer's mission table", id)
		}
	}
	alts := make([]string, 0, len(mn.by))
	for a := range mn.by {
		alts = append(alts, a)
	}
	sort.Slice(alts, func(i, j int) bool {
		if len(alts[i]) != len(alts[j]) {
			return len(alts[i]) > len(alts[j])
		}
		return alts[i] < alts[j]
	})
	for i, a := range alts {
		alts[i] = regexp.QuoteMeta(a)
	}
	mn.re = regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
	return mn, nil
}

// named returns the set of missions the text names.
func (mn *missionNames) named(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range mn.re.FindAllString(text, -1) {
		out[mn.by[strings.ToLower(m)]] = true
	}
	return out
}

// Select returns the resolutions from 2000 on with a top-level operative
// paragraph with a deciding verb (at its start, after a comma or an "and") that speaks of a mandate, its
// extension, establishment or tasks, and names the mission (in the paragraph
// or one of its sub-items); of several missions so found, those that one
// such paragraph names alone (all of them when none is alone). The acronym
// must stand in the operative part: the importer's own recognition (every
// mission a text names, preamble included) is wider.
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
		alone := map[string]bool{} // a deciding paragraph names it and no other mission
		for _, loc := range order {
			text := strings.TrimSpace(para[loc].String())
			v := deciding.FindStringSubmatch(text)
			if v == nil || !mandateWord.MatchString(text) {
				continue
			}
			named := pats.named(text)
			for _, id := range ids {
				if named[id] {
					why[id] = append(why[id], fmt.Sprintf("%s %s", loc, strings.ToLower(v[1])))
					if len(named) == 1 {
						alone[id] = true
					}
				}
			}
		}
		if len(why) == 0 {
			continue
		}
		// A resolution that decides on several missions is a mandate of
		// those a paragraph decides on alone: the others are named only
		// beside them, as when the mandate of one mission authorizes
		// troops to be lent from its neighbours (S/RES/2100(2013), MINUSMA's,
		// names UNMIL and UNOCI so). When none stands alone the text does
		// not tell them apart, and all are kept.
		if len(alone) > 0 {
			for id := range why {
				if !alone[id] {
					delete(why, id)
				}
			}
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
	b.WriteString("# Generated by `make import-bundled` from ../shared/data/external/unxml-scresolutions; do not edit.\n")
	b.WriteString("# A resolution is selected for a mission when a top-level operative paragraph has a deciding\n")
	b.WriteString("# verb (decides, authorizes, extends, establishes, renews, endorses; at its start, after a comma or an \"and\"), speaks of a mandate, its extension or tasks,\n")
	b.WriteString("# and names the mission in that paragraph or its sub-items; of several missions so found, only those one such\n")
	b.WriteString("# paragraph names alone (all when none is alone). why: mission: paragraph verb, ...\n")
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
	// Every curated mandate the collection holds is completed, selected or
	// not (2476 (2019) ends MINUJUSTH without a decision naming it).
	sups, err := supplements(res.Resolutions, base)
	if err != nil {
		return err
	}
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
	header := "Generated by `make import-bundled` from ../shared/data/external/unxml-scresolutions\n" +
		"(the United Nations is the source); do not edit: curated content lives in data/missions/\n" +
		"and data/relations.yaml (a supplements: file adds the paragraphs a curated mandate lacks)."
	if _, err := convert.Write(dir, conv, header); err != nil {
		return err
	}
	for _, sup := range sups {
		var b bytes.Buffer
		for _, line := range strings.Split(header, "\n") {
			fmt.Fprintf(&b, "# %s\n", line)
		}
		if err := loader.WriteSupplementsYAML(&b, []loader.Supplement{sup}); err != nil {
			return fmt.Errorf("%s: %w", sup.Mandate, err)
		}
		path := filepath.Join(dir, convert.FileName(sup.Mandate))
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

// supplements returns, for each resolution the curated files already
// hold, the imported paragraphs its curated mandate lacks: the
// curated clauses (summaries, tags) stay as they are, and the mandate,
// completed by its supplement, records every operative paragraph. A
// curated mandate that already has them all gets none.
func supplements(all []*importer.Resolution, base *policy.Dataset) ([]loader.Supplement, error) {
	curated := map[string]policy.Mandate{}
	for _, m := range base.Mandates {
		curated[m.ID] = m
	}
	var rs []*importer.Resolution
	for _, r := range all {
		if cm, ok := curated[r.Symbol]; ok {
			// Its own missions, not every mission the text names.
			c := *r
			c.Missions = cm.Missions
			rs = append(rs, &c)
		}
	}
	if len(rs) == 0 {
		return nil, nil
	}
	// Converted against a base without these mandates, so that convert
	// writes them whole instead of leaving them to the curated files.
	without := *base
	without.Mandates = nil
	for _, m := range base.Mandates {
		if !slices.ContainsFunc(rs, func(r *importer.Resolution) bool { return r.Symbol == m.ID }) {
			without.Mandates = append(without.Mandates, m)
		}
	}
	conv := convert.Convert(rs, convert.Options{Base: &without})
	var out []loader.Supplement
	for _, im := range conv.Mandates {
		cm := curated[im.ID]
		if cm.AllParagraphs {
			continue
		}
		has := map[string]bool{}
		for _, c := range cm.Clauses {
			has[c.Paragraph] = true
		}
		s := loader.Supplement{Mandate: im.ID, Provenance: im.Provenance}
		for _, c := range im.Clauses {
			if !has[c.Paragraph] {
				c.Order, c.MandateID, c.ID = 0, "", ""
				s.Clauses = append(s.Clauses, c)
			}
		}
		if len(s.Clauses) > 0 {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Mandate < out[j].Mandate })
	return out, nil
}
