package data_test

// Tests for the bundled missions, mandates and clauses (data/missions/*.yaml).
//
// The dataset is read with the product's own loader, so it is validated exactly
// as the product validates it, and the facts in it are then checked against the
// real data in ../../shared/data:
//
//   - mission dates, names and host countries against the UN Peace and Security
//     Data Hub list (un-psdata-pko), with every known-stale row listed and
//     explained in msMissionTable;
//   - mandate adoption dates, Chapter VII status and mandate-to-mandate citations
//     against the official texts (un-mandates-housekeeping paragraphs JSON, and
//     the cr-unsc plain text for 1445 (2002));
//   - every clause of a mandate with an official text: its locator must name
//     exactly one paragraph or sub-paragraph of that text, and that text
//     (with its sub-items) must be about each agenda the clause is tagged with,
//     judged by the keyword table msAgendaKeywords.
//
// Mandates without an official text in shared/data must be marked unverified.

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mandategraph/mandategraph/internal/officialtext"
	"github.com/mandategraph/mandategraph/loader"
	"github.com/mandategraph/mandategraph/policy"
)

// msSharedData is the shared data directory: MANDATEGRAPH_SHARED_DATA when
// set; else ../../shared/data, when the checkout sits beside shared/; else,
// for a clone made elsewhere (git clone . /tmp/ci-check), the shared/data
// beside the local repository it was cloned from.
var msSharedData = func() string {
	if dir := os.Getenv("MANDATEGRAPH_SHARED_DATA"); dir != "" {
		return dir
	}
	const beside = "../../shared/data"
	if _, err := os.Stat(beside); err == nil {
		return beside
	}
	if out, err := exec.Command("git", "remote", "get-url", "origin").Output(); err == nil {
		dir := filepath.Join(strings.TrimSpace(string(out)), "..", "shared", "data")
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	return beside // missing: msRequireShared says so
}()

var msShared = filepath.Join(msSharedData, "external")

var (
	msParagraphsDir = filepath.Join(msShared, "un-mandates-housekeeping", "paragraphs")
	msGoldDir       = filepath.Join(msShared, "cr-unsc", "res_en_gold")
	msAKNDir        = filepath.Join(msShared, "unxml-scresolutions")
	msPKODir        = filepath.Join(msShared, "un-psdata-pko")
)

// ---------------------------------------------------------------------------
// Loading the dataset and the shared data

var (
	msOnce    sync.Once
	msDataset *policy.Dataset
	msDiags   loader.Diagnostics
)

// msLoad reads the whole data/ directory with the product's loader.
func msLoad(t *testing.T) *policy.Dataset {
	t.Helper()
	msOnce.Do(func() { msDataset, msDiags = loader.Read(".") })
	if len(msDiags) > 0 {
		for _, d := range msDiags {
			t.Error(d.String())
		}
		t.Fatalf("data/ does not validate: %d diagnostics", len(msDiags))
	}
	return msDataset
}

func msRequireShared(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("shared data missing: %v (these tests read the real data in %s, resolved from %s; "+
			"set MANDATEGRAPH_SHARED_DATA to the shared/data directory when the checkout is not beside shared/)", err, msSharedData, msCwd())
	}
}

func msCwd() string {
	wd, _ := os.Getwd()
	return wd
}

func msMission(t *testing.T, ds *policy.Dataset, id string) policy.Mission {
	t.Helper()
	for _, m := range ds.Missions {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("mission %s not in the dataset", id)
	return policy.Mission{}
}

func msMandate(ds *policy.Dataset, id string) (policy.Mandate, bool) {
	for _, m := range ds.Mandates {
		if m.ID == id {
			return m, true
		}
	}
	return policy.Mandate{}, false
}

// msOurMandates returns the mandates linked to the ten missions these files
// describe (every mandate in the dataset at present).
func msOurMandates(ds *policy.Dataset) []policy.Mandate {
	var out []policy.Mandate
	for _, m := range ds.Mandates {
		for _, id := range m.Missions {
			if _, ok := msMissionTable[id]; ok {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Official texts (read by internal/officialtext)

var (
	msTextOnce  sync.Once
	msTextCache map[string]*officialtext.Text
	msTextErrs  []error
)

// msOfficialText returns the official text of a symbol from shared/data, or
// nil when there is none: the paragraphs JSON first, then the cr-unsc plain
// text, then the Akoma Ntoso XML.
func msOfficialText(t *testing.T, symbol string) *officialtext.Text {
	t.Helper()
	msRequireShared(t, msParagraphsDir)
	msRequireShared(t, msGoldDir)
	msTextOnce.Do(func() { msTextCache = map[string]*officialtext.Text{} })
	if o, ok := msTextCache[symbol]; ok {
		return o
	}
	msRequireShared(t, msAKNDir)
	o, err := officialtext.Find(officialtext.Dirs{Paragraphs: msParagraphsDir, Plain: msGoldDir, AKN: msAKNDir}, symbol)
	if err != nil {
		t.Fatalf("reading the official text of %s: %v", symbol, err)
	}
	msTextCache[symbol] = o
	return o
}

// ---------------------------------------------------------------------------
// Agenda keywords

// msAgendaKeywords says what a paragraph must mention to be about an agenda.
// Each entry is a list of alternatives; an alternative is a list of regular
// expressions that must all match the paragraph text (lower-cased, with its
// sub-items). Deliberately narrow: a bare "police" or "protection" does not
// count, so a clause tagged with the wrong agenda fails.
var msAgendaKeywords = map[string][][]string{
	"POC": {
		{`civilian`, `\bprotect`}, {`civilian`, `\bthreat`}, {`civilian`, `\bharm`}, {`civilian`, `violence`},
		{`protection strateg`}, {`protection teams`}, {`protect\w* (the|its) population`},
	},
	"SSR": {
		{`security sector`}, {`\bssr\b`}, {`security (sector )?reforms?`}, {`national police`}, {`police service`},
		{`reform of the police`}, {`police reform`}, {`gendarmerie`}, {`police capabilit`}, {`\barmy\b`},
		{`\bfardc\b`}, {`\bfaca\b`}, {`\bisf\b`}, {`\bpnc\b`}, {`\bhnp\b`}, {`defen[cs]e`}, {`security forces`},
		{`security (and (judicial|justice) )?institutions`}, {`security services`}, {`vetting`},
		{`military justice`}, {`\bhrddp\b`}, {`due diligence`}, {`capacity-building`, `police`},
	},
	"DDR": {
		{`\bddr`}, {`disarm`}, {`demobili[sz]`}, {`reintegrat`}, {`\bcvr\b`}, {`community violence`},
		{`combatants`}, {`weapons and ammunition`}, {`repatriation`},
	},
	"ROL": {
		{`justice`}, {`judicia`}, {`impunity`}, {`prosecut`}, {`correction`}, {`prison`}, {`penitentiar`},
		{`rule of law`}, {`criminal`}, {`accountab`}, {`\bscc\b`}, {`\barrest`}, {`law and order`},
	},
	"HR":    {{`human rights`}},
	"ELECT": {{`election`}, {`electoral`}},
	"CAAC":  {{`\bchild`}, {`children`}},
	"CRSV":  {{`sexual violence`}, {`gender[- ]based violence`}, {`\brape\b`}},
	"WPS":   {{`\bwomen`}, {`\bgender`}},
	"HUM":   {{`humanitarian`}, {`displaced`}, {`refugee`}},
	"STATE": {
		{`state authority`}, {`authority of the state`}, {`state institutions`}, {`state presence`},
		{`territorial administration`}, {`civil administration`}, {`stabili[sz]ation`}, {`\bstarec\b`}, {`\bissss\b`},
	},
	"PEACE": {
		{`peace process`}, {`political process`}, {`agreement`}, {`dialogue`}, {`reconciliation`}, {`mediation`},
		{`good offices`}, {`cease-?fire`}, {`peace consolidation`}, {`political transition`}, {`transition process`},
		{`\bappr\b`}, {`psc framework`},
	},
}

var msKeywordRes = func() map[string][][]*regexp.Regexp {
	out := map[string][][]*regexp.Regexp{}
	for code, alts := range msAgendaKeywords {
		for _, alt := range alts {
			var res []*regexp.Regexp
			for _, p := range alt {
				res = append(res, regexp.MustCompile(p))
			}
			out[code] = append(out[code], res)
		}
	}
	return out
}()

// msAbout reports whether text is about the agenda, by msAgendaKeywords.
func msAbout(agenda, text string) (bool, error) {
	alts, ok := msKeywordRes[agenda]
	if !ok {
		return false, fmt.Errorf("no keywords for agenda %q", agenda)
	}
	t := strings.ToLower(text)
	for _, alt := range alts {
		all := true
		for _, re := range alt {
			if !re.MatchString(t) {
				all = false
				break
			}
		}
		if all {
			return true, nil
		}
	}
	return false, nil
}

// msCheckClause checks one clause against the official text: the locator must
// name exactly one item, and that item's text must be about every agenda
// the curator gave. An agenda with a rule's tag is checked against the
// tagging rules instead (TestRulesAgainstCuratedTags in rules_test.go).
func msCheckClause(o *officialtext.Text, c policy.Clause) []error {
	if err := o.Locate(c.Paragraph); err != nil {
		return []error{err}
	}
	text := o.TextOf(c.Paragraph)
	var errs []error
	for _, a := range c.Agendas {
		if t, _ := c.Tag(a); t.Source == policy.TagRule {
			continue
		}
		ok, err := msAbout(a, text)
		if err != nil {
			errs = append(errs, err)
		} else if !ok {
			errs = append(errs, fmt.Errorf("%s paragraph %s is tagged %s but its text has none of the %s keywords: %.200q", o.Symbol(), c.Paragraph, a, a, text))
		}
	}
	return errs
}

// ---------------------------------------------------------------------------
// Mission facts

// msPKORow is one mission of the un-psdata-pko snapshot plus its crosswalk hosts.
type msPKORow struct {
	name, start, end string
	hosts            []string
}

func msReadPKO(t *testing.T) map[string]msPKORow {
	t.Helper()
	msRequireShared(t, msPKODir)
	rows := map[string]msPKORow{}
	for _, rec := range msReadCSV(t, filepath.Join(msPKODir, "DPPADPOSS-PKO.csv")) {
		rows[rec["mission_acronym"]] = msPKORow{name: rec["mission_name"], start: rec["start_date"], end: rec["end_date"]}
	}
	for _, rec := range msReadCSV(t, filepath.Join(msPKODir, "unpko_country_crosswalk.csv")) {
		r := rows[rec["mission_acronym"]]
		if rec["iso3c"] != "" {
			r.hosts = append(r.hosts, rec["iso3c"])
		}
		rows[rec["mission_acronym"]] = r
	}
	return rows
}

func msReadCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// msException documents where the dataset knowingly differs from un-psdata-pko.
type msException struct{ field, psdata, reason string }

// msMissionSpec is what the dataset must hold for a mission.
type msMissionSpec struct {
	start, end   string   // dataset values ("" end: still active)
	hosts        []string // ISO alpha-3
	predecessor  string
	establishing string // the establishing mandate, which must be in the dataset
	ending       string // the mandate that ended it ("" while active, or see exceptions)
	exceptions   []msException
}

var msMissionTable = map[string]msMissionSpec{
	"MONUC": {start: "1999-11-30", end: "2010-06-30", hosts: []string{"COD"},
		establishing: "S/RES/1279(1999)", ending: "S/RES/1925(2010)"},
	"MONUSCO": {start: "2010-07-01", hosts: []string{"COD"}, predecessor: "MONUC",
		establishing: "S/RES/1925(2010)"},
	"MINUSCA": {start: "2014-04-10", hosts: []string{"CAF"}, establishing: "S/RES/2149(2014)"},
	"MINUSMA": {start: "2013-04-25", end: "2023-12-31", hosts: []string{"MLI"},
		establishing: "S/RES/2100(2013)", ending: "S/RES/2690(2023)",
		exceptions: []msException{{"end", "", "stale snapshot of 2024-02-19 still lists the mission as active; S/RES/2690(2023) paras 2 and 7 end the withdrawal on 31 December 2023"}}},
	"UNISFA": {start: "2011-06-27", hosts: []string{"SDN", "SSD"}, establishing: "S/RES/1990(2011)",
		exceptions: []msException{{"name", "United Nations Organization Interim Security Force for Abyei", "psdata adds \"Organization\"; S/RES/1990(2011) para 1 names it United Nations Interim Security Force for Abyei"}}},
	"UNAMID": {start: "2007-07-31", end: "2020-12-31", hosts: []string{"SDN"},
		establishing: "S/RES/1769(2007)", ending: "S/RES/2559(2020)"},
	"UNMIL": {start: "2003-09-19", end: "2018-03-30", hosts: []string{"LBR"}, establishing: "S/RES/1509(2003)",
		// The final extension S/RES/2333(2016) is left out: sources disagree on its adoption date.
		exceptions: []msException{
			{"start", "2003-09-01", "psdata gives the first of the month; S/RES/1509(2003) established UNMIL on 19 September 2003"},
			{"end", "2018-03-01", "psdata gives the first of the month; the final mandate ran until 30 March 2018"},
		}},
	"UNOCI": {start: "2004-04-04", end: "2017-06-30", hosts: []string{"CIV"},
		establishing: "S/RES/1528(2004)", ending: "S/RES/2284(2016)",
		exceptions: []msException{{"end", "2017-05-01", "psdata date is approximate; S/RES/2284(2016) extended UNOCI a final time until 30 June 2017"}}},
	"MINUSTAH": {start: "2004-06-01", end: "2017-10-15", hosts: []string{"HTI"},
		establishing: "S/RES/1542(2004)", ending: "S/RES/2350(2017)",
		exceptions: []msException{{"end", "2017-10-01", "psdata gives the first of the month; S/RES/2350(2017) extended MINUSTAH a final time until 15 October 2017"}}},
	"MINUJUSTH": {start: "2017-10-16", end: "2019-10-15", hosts: []string{"HTI"}, predecessor: "MINUSTAH",
		establishing: "S/RES/2350(2017)", ending: "S/RES/2466(2019)",
		exceptions: []msException{{"end", "2019-10-01", "psdata gives the first of the month; S/RES/2476(2019) paras 1 and 5 hand over after 15 October 2019"}}},
}

func msNormName(s string) string { return strings.ReplaceAll(s, "’", "'") }

func TestMissionFactsAgainstPSData(t *testing.T) {
	ds := msLoad(t)
	pko := msReadPKO(t)
	if len(msMissionTable) != 10 {
		t.Fatalf("mission table has %d missions, want 10", len(msMissionTable))
	}
	for id, spec := range msMissionTable {
		t.Run(id, func(t *testing.T) {
			m := msMission(t, ds, id)
			row, ok := pko[id]
			if !ok {
				t.Fatalf("%s has no un-psdata-pko row", id)
			}
			exc := map[string]msException{}
			for _, e := range spec.exceptions {
				exc[e.field] = e
			}
			// The dataset holds the values in the table ...
			if got := m.Start.String(); got != spec.start {
				t.Errorf("start = %s, want %s", got, spec.start)
			}
			if got := m.End.String(); got != spec.end {
				t.Errorf("end = %q, want %q", got, spec.end)
			}
			if !slices.Equal(slices.Sorted(slices.Values(m.HostCountries)), spec.hosts) {
				t.Errorf("host countries = %v, want %v", m.HostCountries, spec.hosts)
			}
			if m.Predecessor != spec.predecessor {
				t.Errorf("predecessor = %q, want %q", m.Predecessor, spec.predecessor)
			}
			// ... and the table agrees with un-psdata-pko except where an exception says why not.
			for field, pair := range map[string][2]string{
				"start": {spec.start, row.start},
				"end":   {spec.end, row.end},
				"name":  {msNormName(m.Name), msNormName(row.name)},
			} {
				want, psdata := pair[0], pair[1]
				if e, ok := exc[field]; ok {
					if psdata != msNormName(e.psdata) {
						t.Errorf("%s: exception expects psdata %q but psdata has %q; update the exception", field, e.psdata, psdata)
					}
					if want == psdata {
						t.Errorf("%s: exception listed but dataset and psdata agree (%q); remove it", field, want)
					}
					continue
				}
				if want != psdata {
					t.Errorf("%s = %q but un-psdata-pko has %q (add an exception with a reason if psdata is wrong)", field, want, psdata)
				}
			}
			if !slices.Equal(slices.Sorted(slices.Values(row.hosts)), spec.hosts) {
				t.Errorf("crosswalk hosts %v, want %v", row.hosts, spec.hosts)
			}
		})
	}
	for _, m := range ds.Missions {
		if _, ok := msMissionTable[m.ID]; !ok {
			t.Errorf("mission %s is in the dataset but not in the facts table", m.ID)
		}
	}
}

// msAnchor is a mission date that the official text states in words.
type msAnchor struct {
	mission, field, symbol, loc, phrase string
}

var msAnchors = []msAnchor{
	{"MONUC", "end", "S/RES/1925(2010)", "1", "extend the mandate of MONUC until 30 June 2010"},
	{"MONUSCO", "start", "S/RES/1925(2010)", "1", "as from 1 July 2010"},
	{"MINUSCA", "start", "S/RES/2149(2014)", "18", "as of the date of adoption of this resolution"},
	{"UNISFA", "start", "S/RES/1990(2011)", "1", "Decides to establish"},
	{"MINUSMA", "end", "S/RES/2690(2023)", "2", "completing this process by 31 December 2023"},
	{"MINUJUSTH", "end", "S/RES/2476(2019)", "5", "after 15 October 2019"},
}

func TestMissionDatesInOfficialTexts(t *testing.T) {
	ds := msLoad(t)
	for _, a := range msAnchors {
		o := msOfficialText(t, a.symbol)
		if o == nil {
			t.Fatalf("no official text for %s", a.symbol)
		}
		if err := o.Check(a.loc); err != nil {
			t.Error(err)
			continue
		}
		if !strings.Contains(o.TextOf(a.loc), a.phrase) {
			t.Errorf("%s para %s does not say %q", a.symbol, a.loc, a.phrase)
		}
		man, ok := msMandate(ds, a.symbol)
		if !ok {
			t.Errorf("%s not in the dataset", a.symbol)
			continue
		}
		// Missions established "as of the date of adoption" start on that date.
		if m := msMission(t, ds, a.mission); a.field == "start" && (a.mission == "MINUSCA" || a.mission == "UNISFA") && !m.Start.Equal(man.Adopted.Time) {
			t.Errorf("%s start %s, but %s (adopted %s) establishes it on adoption", a.mission, m.Start, a.symbol, man.Adopted)
		}
	}
}

func TestSuccession(t *testing.T) {
	ds := msLoad(t)
	for _, m := range ds.Missions {
		if m.Predecessor == "" {
			continue
		}
		p := msMission(t, ds, m.Predecessor)
		if p.End.IsZero() {
			t.Errorf("%s: predecessor %s has no end date", m.ID, p.ID)
			continue
		}
		if next := p.End.AddDate(0, 0, 1); !next.Equal(m.Start.Time) {
			t.Errorf("%s starts %s but its predecessor %s ended %s: want the day after", m.ID, m.Start, p.ID, p.End)
		}
	}
}

// ---------------------------------------------------------------------------
// Mandate facts

// msExpectedTexts are the mandates the brief says have an official text here;
// each must be in the dataset, verified, and checked below.
var msExpectedTexts = []string{
	"S/RES/1445(2002)",
	"S/RES/1925(2010)", "S/RES/2098(2013)", "S/RES/2147(2014)", "S/RES/2277(2016)", "S/RES/2348(2017)",
	"S/RES/2409(2018)", "S/RES/2502(2019)", "S/RES/2556(2020)", "S/RES/2717(2023)", "S/RES/2765(2024)",
	"S/RES/2149(2014)", "S/RES/2659(2022)", "S/RES/2709(2023)", "S/RES/2759(2024)",
	"S/RES/1990(2011)", "S/RES/2024(2011)", "S/RES/2550(2020)",
	"S/RES/2690(2023)", "S/RES/2476(2019)",
}

func TestMandateFactsAgainstOfficialTexts(t *testing.T) {
	ds := msLoad(t)
	// A text's citations of other dataset mandates and of the thematic
	// resolutions among the dataset's documents must all be in its cites.
	known := map[string]bool{}
	for _, m := range ds.Mandates {
		known[m.ID] = true
	}
	for _, d := range ds.Documents {
		if strings.HasPrefix(d.ID, "S/RES/") {
			known[d.ID] = true
		}
	}
	for _, id := range msExpectedTexts {
		if !known[id] {
			t.Errorf("%s (official text in shared/data) is not in the dataset", id)
		}
	}
	for _, m := range msOurMandates(ds) {
		t.Run(strings.NewReplacer("/", "_").Replace(m.ID), func(t *testing.T) {
			if want := "https://undocs.org/" + m.ID; m.URL != want {
				t.Errorf("url = %q, want %q", m.URL, want)
			}
			o := msOfficialText(t, m.ID)
			if o == nil {
				// No official text here: must say so.
				if m.Provenance.Status != policy.Unverified {
					t.Errorf("no official text in shared/data but status is %q", m.Provenance.Status)
				}
				if want := "https://undocs.org/" + m.ID; m.Provenance.Source != want {
					t.Errorf("unverified source = %q, want %q", m.Provenance.Source, want)
				}
				for _, c := range m.Clauses {
					if c.Provenance.Status != policy.Unverified {
						t.Errorf("clause %s of an unverified mandate is %q", c.Paragraph, c.Provenance.Status)
					}
				}
				return
			}
			if m.Provenance.Status != policy.Verified || m.Provenance.Method == "" {
				t.Errorf("official text is in shared/data: want status verified with a method, got %+v", m.Provenance)
			}
			adopted, err := o.Adopted()
			if err != nil {
				t.Fatal(err)
			}
			if !m.Adopted.Equal(adopted.Time) {
				t.Errorf("adopted = %s, official text says %s", m.Adopted, adopted)
			}
			if m.ChapterVII == nil {
				t.Errorf("chapterVII not set, though the official text settles it (%v)", o.ChapterVII())
			} else if *m.ChapterVII != o.ChapterVII() {
				t.Errorf("chapterVII = %v, official text %s \"Acting under Chapter VII\"", *m.ChapterVII,
					map[bool]string{true: "says", false: "never says"}[o.ChapterVII()])
			}
			cites := slices.Sorted(slices.Values(m.Cites))
			if want := o.CitedMandates(known); !slices.Equal(cites, want) {
				t.Errorf("cites = %v, but the official text names these dataset mandates and resolutions: %v", cites, want)
			}
		})
	}
}

func TestMandateCoverage(t *testing.T) {
	ds := msLoad(t)
	byMission := map[string][]policy.Mandate{}
	for _, m := range ds.Mandates {
		for _, id := range m.Missions {
			byMission[id] = append(byMission[id], m)
		}
	}
	for id, spec := range msMissionTable {
		mission := msMission(t, ds, id)
		mandates := byMission[id]
		if len(mandates) == 0 {
			t.Errorf("%s has no mandate", id)
			continue
		}
		end := mission.End.Time
		if mission.End.IsZero() {
			end = time.Now()
		}
		if end.Sub(mission.Start.Time) >= 4*365*24*time.Hour && len(mandates) < 4 {
			t.Errorf("%s lasted four years or more but has %d mandates, want at least 4", id, len(mandates))
		}
		has := func(sym string) bool {
			return slices.ContainsFunc(mandates, func(m policy.Mandate) bool { return m.ID == sym })
		}
		if !has(spec.establishing) {
			t.Errorf("%s: establishing resolution %s missing", id, spec.establishing)
		}
		if spec.ending != "" && !has(spec.ending) {
			t.Errorf("%s: ending resolution %s missing", id, spec.ending)
		}
		for _, m := range mandates {
			a := m.Adopted.Time
			earliest := mission.Start.Time
			if m.ID == spec.establishing {
				earliest = earliest.AddDate(0, -7, 0) // established shortly before it deployed
			}
			if a.Before(earliest) || a.After(end) {
				t.Errorf("%s: %s adopted %s, outside the mission's life %s..%s", id, m.ID, m.Adopted, mission.Start, mission.End)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// Clauses

func TestClausesAgainstOfficialTexts(t *testing.T) {
	ds := msLoad(t)
	total, checked := 0, 0
	for _, m := range msOurMandates(ds) {
		total += len(m.Clauses)
		o := msOfficialText(t, m.ID)
		if o == nil {
			continue
		}
		for _, c := range m.Clauses {
			checked++
			for _, err := range msCheckClause(o, c) {
				t.Errorf("%s: %v", c.ID, err)
			}
			if c.Text != "" && !strings.Contains(o.TextOf(c.Paragraph), officialtext.Normalize(c.Text)) {
				t.Errorf("%s: text is not verbatim from the official text", c.ID)
			}
		}
	}
	t.Logf("%d clauses, %d checked against official texts", total, checked)
	if total < 150 {
		t.Errorf("%d clauses, want at least 150", total)
	}
}

func TestClauseAgendasAreAgreedCodes(t *testing.T) {
	ds := msLoad(t)
	for _, m := range msOurMandates(ds) {
		for _, c := range m.Clauses {
			for _, a := range c.Agendas {
				if _, ok := msAgendaKeywords[a]; !ok {
					t.Errorf("%s: agenda %q is not one of the agreed codes", c.ID, a)
				}
			}
			if strings.TrimSpace(c.Summary) == "" || strings.Count(c.Summary, ". ") > 1 {
				t.Errorf("%s: summary should be one or two sentences: %q", c.ID, c.Summary)
			}
		}
	}
}

// The checker must catch what it exists to catch.
func TestClauseCheckerCatchesMistakes(t *testing.T) {
	clause := func(mandate, para string, agendas ...string) policy.Clause {
		return policy.Clause{ID: policy.ClauseID(mandate, para), MandateID: mandate, Paragraph: para, Agendas: agendas}
	}
	cases := []struct {
		name    string
		mandate string
		clause  policy.Clause
		wantErr string // "" = must pass
	}{
		{"good clause passes", "S/RES/1925(2010)", clause("S/RES/1925(2010)", "12(a)", "POC"), ""},
		{"good sub-sub-item passes", "S/RES/2098(2013)", clause("S/RES/2098(2013)", "12(a)(i)", "POC"), ""},
		{"gold text clause passes", "S/RES/1445(2002)", clause("S/RES/1445(2002)", "18", "SSR"), ""},
		{"letter locator that does not exist", "S/RES/1925(2010)", clause("S/RES/1925(2010)", "12(z)", "POC"), "has no paragraph"},
		{"paragraph number past the end", "S/RES/2149(2014)", clause("S/RES/2149(2014)", "99", "POC"), "has no paragraph"},
		{"roman level that does not exist", "S/RES/2098(2013)", clause("S/RES/2098(2013)", "12(a)(vii)", "POC"), "has no paragraph"},
		{"ambiguous restarted letter", "S/RES/2277(2016)", clause("S/RES/2277(2016)", "35(a)", "POC"), "ambiguous"},
		{"lettered item of a roman section without its section", "S/RES/2348(2017)", clause("S/RES/2348(2017)", "34(f)", "ROL"), "write it within its section as 34(i)(f)"},
		{"same item within its section passes", "S/RES/2348(2017)", clause("S/RES/2348(2017)", "34(i)(f)", "ROL"), ""},
		{"letters running through sections are located within theirs too", "S/RES/2765(2024)", clause("S/RES/2765(2024)", "36(j)", "DDR"), "write it within its section as 36(ii)(j)"},
		{"running letter within its section passes", "S/RES/2765(2024)", clause("S/RES/2765(2024)", "36(ii)(j)", "DDR"), ""},
		{"lettered item of a capital roman section without it", "S/RES/1542(2004)", clause("S/RES/1542(2004)", "7(f)", "POC"), "write it within its section as 7(I)(f)"},
		{"same item within its capital section passes", "S/RES/1542(2004)", clause("S/RES/1542(2004)", "7(I)(f)", "POC"), ""},
		{"XML text: lettered item passes", "S/RES/2190(2014)", clause("S/RES/2190(2014)", "10(a)", "POC"), ""},
		{"XML text: paragraph past the end", "S/RES/1509(2003)", clause("S/RES/1509(2003)", "40", "POC"), "has no paragraph"},
		{"wrong agenda: elections on a protection paragraph", "S/RES/1990(2011)", clause("S/RES/1990(2011)", "3(d)", "POC", "ELECT"), "tagged ELECT"},
		{"wrong agenda: protection on demining", "S/RES/1925(2010)", clause("S/RES/1925(2010)", "12(s)", "POC"), "tagged POC"},
		{"wrong agenda: SSR on elections support", "S/RES/1925(2010)", clause("S/RES/1925(2010)", "12(q)", "SSR"), "tagged SSR"},
		{"unknown agenda code", "S/RES/1925(2010)", clause("S/RES/1925(2010)", "12(a)", "POCX"), "no keywords"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := msOfficialText(t, tc.mandate)
			if o == nil {
				t.Fatalf("no official text for %s", tc.mandate)
			}
			errs := msCheckClause(o, tc.clause)
			if tc.wantErr == "" {
				if len(errs) > 0 {
					t.Errorf("want no error, got %v", errs)
				}
				return
			}
			if len(errs) == 0 {
				t.Fatalf("broken clause %s passed the checker", tc.clause.ID)
			}
			if !strings.Contains(fmt.Sprint(errs), tc.wantErr) {
				t.Errorf("want an error containing %q, got %v", tc.wantErr, errs)
			}
		})
	}
}

// The parser must reproduce the structures the locators rely on.
func TestOfficialTextParser(t *testing.T) {
	cases := []struct {
		symbol  string
		present []string // unambiguous locators
		absent  []string
		dup     []string
	}{
		{"S/RES/1925(2010)", []string{"6(i)", "12(a)", "12(t)", "23"}, []string{"6(a)", "24"}, nil},
		{"S/RES/2098(2013)", []string{"12(a)(iii)", "12(b)", "12(d)", "34(b)(vi)"}, []string{"35(a)"}, nil},
		{"S/RES/2659(2022)", []string{"35(a)(vi)", "36(f)(vii)", "36(c)"}, []string{"35(i)"}, nil},
		{"S/RES/2765(2024)", []string{"36(ii)", "36(iii)", "36(j)", "36(o)", "36(ii)(j)"}, []string{"36(i)(j)"}, []string{"36(i)"}},
		{"S/RES/2348(2017)", []string{"34(i)", "34(e)", "35(ii)", "34(i)(a)", "34(ii)(a)", "35(ii)(d)"}, []string{"34(ii)(e)", "34(iii)(a)"}, []string{"34(a)", "35(d)"}},
		{"S/RES/2409(2018)", []string{"36(i)", "36(i)(g)", "37(ii)(d)"}, []string{"36(ii)(g)"}, []string{"36(a)"}},
		{"S/RES/1445(2002)", []string{"1", "13", "25"}, []string{"26"}, nil},
		// Capital roman sections of paragraph 7 (XML only), letters restarting.
		{"S/RES/1542(2004)", []string{"7(I)", "7(I)(f)", "7(II)", "7(II)(d)", "7(III)(b)", "8(b)"}, []string{"7(I)(g)", "7(IV)", "8(II)"}, []string{"7(a)", "7(b)"}},
	}
	for _, tc := range cases {
		o := msOfficialText(t, tc.symbol)
		if o == nil {
			t.Fatalf("no official text for %s", tc.symbol)
		}
		for _, l := range tc.present {
			if err := o.Check(l); err != nil {
				t.Error(err)
			}
		}
		for _, l := range tc.absent {
			if o.Count(l) != 0 {
				t.Errorf("%s: %s should not exist", tc.symbol, l)
			}
		}
		for _, l := range tc.dup {
			if o.Count(l) < 2 {
				t.Errorf("%s: %s should be ambiguous, count %d", tc.symbol, l, o.Count(l))
			}
		}
	}
	// A section's text includes the lettered items under it; an unlabelled
	// heading between paragraphs is not glued to the paragraph before it.
	o := msOfficialText(t, "S/RES/2348(2017)")
	if s := o.TextOf("35(ii)"); !strings.Contains(s, "army reform") {
		t.Errorf("2348 35(ii) should include its lettered items, got %.200q", s)
	}
	// A lettered item located within its section is that item alone.
	if d, sec := o.TextOf("35(ii)(d)"), o.TextOf("35(ii)"); d == "" || d == sec || !strings.Contains(sec, d) || d == o.TextOf("35(i)(d)") {
		t.Errorf("2348 35(ii)(d) should be one item of 35(ii), got %.200q", d)
	}
	o = msOfficialText(t, "S/RES/2147(2014)")
	if s := o.TextOf("10"); strings.Contains(s, "Elections") {
		t.Errorf("2147 para 10 swallowed the heading that follows it: %q", s)
	}
}

// msParagraphFact is a fact a relation summary, a clause or data/README.md
// states about a paragraph: the official text of that paragraph (with its
// sub-items; "" = anywhere in the text, e.g. the preamble) must contain the
// phrase (whitespace-normalised, as in the text).
type msParagraphFact struct {
	what, symbol, loc, phrase string
}

var msParagraphFacts = []msParagraphFact{
	{"2659#43 carries the resource-priority rule", "S/RES/2659(2022)", "43", "prioritising mandated protection activities in decisions about the use of available capacity and resources"},
	{"2348 para 32: protection first in resource decisions", "S/RES/2348(2017)", "32", "priority in decisions about the use of available capacity and resources"},
	{"2348 para 34 holds the priority tasks", "S/RES/2348(2017)", "34", "the following priority tasks"},
	{"2348 para 35 holds further tasks, SSR in (ii)", "S/RES/2348(2017)", "35(ii)", "Security Sector Reform"},
	{"README: 2211 para 34 first asks to promote reputable personnel", "S/RES/2211(2015)", "34", "reputable human rights records"},
	{"2277 para 40 repeats it", "S/RES/2277(2016)", "40", "human rights records"},
	{"1925 para 6(ii): national forces to take over", "S/RES/1925(2010)", "6(ii)", "progressively take over MONUSCO’s security role"},
	{"1925 para 12(d): military justice prosecutions", "S/RES/1925(2010)", "12(d)", "FARDC military justice authorities"},
	{"1925 para 12(m): military justice in army reform", "S/RES/1925(2010)", "12(m)", "including military justice and military police"},
	{"2190 para 1: primary responsibility", "S/RES/2190(2014)", "1", "primary and ultimate responsibility for security and the protection of its population"},
	{"2190 para 6: plan in step with reconfiguration", "S/RES/2190(2014)", "6", "in coordination with the reconfiguration of UNMIL"},
	{"2190 para 10(c)(i): national SSR strategy", "S/RES/2190(2014)", "10(c)(i)", "national strategy on Security Sector Reform"},
	{"2190 para 12: HRDDP", "S/RES/2190(2014)", "12", "Human Rights Due Diligence Policy"},
	{"2000 para 7: the protection and security heading", "S/RES/2000(2011)", "", "Protection and security"},
	{"2000 para 7(f): reform of security institutions", "S/RES/2000(2011)", "7(f)", "organization of the future National Army"},
	{"2550 para 5: police cuts tied to the APS", "S/RES/2550(2020)", "5", "Abyei Police Service"},
	{"2640 para 26(d)(ii): public quarterly reporting", "S/RES/2640(2022)", "26(d)(ii)", "report publicly and quarterly"},
	{"2640 para 31: abuses documented by the mission", "S/RES/2640(2022)", "31", "as documented by MINUSMA"},
	{"2640 para 32: HRDDP conditions and oversight", "S/RES/2640(2022)", "32", "subject to appropriate oversight"},
	{"2690 preamble: Mali's letter", "S/RES/2690(2023)", "", "(S/2023/463), requesting MINUSMA’s withdrawal without delay"},
	{"2690 para 1: mandate terminated", "S/RES/2690(2023)", "1", "terminate MINUSMA’s mandate"},
	{"2690 para 5: protection until 30 September", "S/RES/2690(2023)", "5", "until 30 September 2023"},
	{"2363 para 15(a)(iv): police capacity under the protection heading", "S/RES/2363(2017)", "15(a)(iv)", "community policing"},
	{"2363 para 15(a): the protection heading", "S/RES/2363(2017)", "15(a)", "Protection of civilians, facilitation of humanitarian assistance"},
	{"1608 para 8: vetting and certification of the HNP", "S/RES/1608(2005)", "8", "vet and certify new and existing HNP personnel"},
	{"1608 para 10: investigations involving HNP officers", "S/RES/1608(2005)", "10", "allegedly involving HNP officers"},
	{"2151 para 12: UN police and accountable police reform", "S/RES/2151(2014)", "12", "oversight and accountability mechanisms"},
	{"2151 para 5: SSR and impunity", "S/RES/2151(2014)", "5", "critical to addressing impunity"},
	{"2151 preamble: balance component and sector-wide support", "S/RES/2151(2014)", "", "strategic governance, management and oversight"},
	{"2553 para 13: governance first in funding", "S/RES/2553(2020)", "13", "prioritize support and funding for security sector governance"},
}

func TestParagraphFacts(t *testing.T) {
	for _, f := range msParagraphFacts {
		o := msOfficialText(t, f.symbol)
		if o == nil {
			t.Errorf("%s: no official text for %s", f.what, f.symbol)
			continue
		}
		text := o.All()
		if f.loc != "" {
			if err := o.Check(f.loc); err != nil {
				t.Errorf("%s: %v", f.what, err)
				continue
			}
			text = o.TextOf(f.loc)
		}
		if !strings.Contains(text, f.phrase) {
			t.Errorf("%s: %s %s does not contain %q", f.what, f.symbol, f.loc, f.phrase)
		}
	}
	// unoci-2000-protection-and-reform-heading: in 2000 para 7, the reform of
	// security institutions (f) sits under the same heading as protection (a),
	// before the next heading.
	o := msOfficialText(t, "S/RES/2000(2011)")
	head := strings.Index(o.All(), "Protection and security")
	poc := strings.Index(o.All(), "Protection of civilians")
	ssr := strings.Index(o.All(), "Reconstitution and reform of security and rule of law institutions")
	next := strings.Index(o.All(), "Peace and electoral process")
	if !(head >= 0 && head < poc && poc < ssr && ssr < next) {
		t.Errorf("2000 para 7: want the heading, then (a) protection, then (f) reform, then the next heading; offsets %d %d %d %d", head, poc, ssr, next)
	}
}
