// Package convert turns imported resolutions (package importer) into the
// project's dataset (package policy): a Mandate per resolution, a Clause
// per operative paragraph and sub-item with its canonical locator and the
// agendas the tagging rules give it, and the missions it concerns.
//
// An import joins an existing dataset (the base): its agendas, missions
// and mandates are referred to, never written again. A mission the base
// lacks is created from the importer's embedded facts table, or left out
// of the mandate when the table has no facts for it.
package convert

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"

	"github.com/mandategraph/mandategraph/importer"
	"github.com/mandategraph/mandategraph/policy"
	"github.com/mandategraph/mandategraph/tagging"
)

// Options control a conversion.
type Options struct {
	// Text writes each clause's official text. The project's own data is
	// generated without it (it never holds official text).
	Text bool
	// Base is the dataset the import joins; required.
	Base *policy.Dataset
	// Tagger gives the clauses their agendas; nil means tagging.Default().
	Tagger *tagging.Tagger
}

// Result is what a conversion produced.
type Result struct {
	Missions []policy.Mission // missions the base lacks, from the facts table
	Mandates []policy.Mandate // one per resolution written, by adoption date
	// Notes say what was not written and why, one line each.
	Notes []string
}

// DataHubURL is the source of the embedded mission facts.
const DataHubURL = "https://psdata.un.org/dataset/DPPADPOSS-PKO"

// Convert converts resolutions into dataset entities that join opts.Base.
func Convert(rs []*importer.Resolution, opts Options) *Result {
	tagger := opts.Tagger
	if tagger == nil {
		tagger = tagging.Default()
	}
	base := opts.Base
	if base == nil {
		base = &policy.Dataset{}
	}
	agendas, missions, cited := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, a := range base.Agendas {
		agendas[a.ID] = true
	}
	for _, m := range base.Missions {
		missions[m.ID] = true
	}
	inBase := map[string]bool{}
	for _, m := range base.Mandates {
		inBase[m.ID], cited[m.ID] = true, true
	}
	for _, d := range base.Documents {
		cited[d.ID] = true
	}
	names := map[string]string{}
	for _, m := range importer.Missions() {
		names[m.ID] = m.Name
	}

	why := map[string]string{}
	for _, r := range tagger.Rules {
		why[r.ID] = r.Why
	}
	out := &Result{}
	created := map[string]bool{}
	var keep []*importer.Resolution
	for _, r := range rs {
		if inBase[r.Symbol] {
			out.Notes = append(out.Notes, fmt.Sprintf("%s: already in the dataset; not written", r.Symbol))
			continue
		}
		keep = append(keep, r)
		if writable(r, missions) {
			// Only a resolution that is written may be cited: one left out
			// (no mission, no date) would be a dangling reference.
			cited[r.Symbol] = true
		}
	}
	for _, r := range keep {
		adopted, err := policy.ParseDate(r.Adopted)
		if err != nil {
			out.Notes = append(out.Notes, fmt.Sprintf("%s (%s): no adoption date; not written", r.Symbol, filepath.Base(r.Source.File)))
			continue
		}
		var ms, unknown []string
		for _, id := range r.Missions {
			switch f, ok := importer.Facts(id); {
			case missions[id]:
				ms = append(ms, id)
			case ok:
				ms = append(ms, id)
				if !created[id] {
					created[id] = true
					out.Missions = append(out.Missions, missionFrom(f, names[id]))
				}
			default:
				unknown = append(unknown, id)
			}
		}
		if len(unknown) > 0 {
			out.Notes = append(out.Notes, fmt.Sprintf("%s: concerns %v, which the dataset lacks and the mission facts table does not have; left out of its missions", r.Symbol, unknown))
		}
		if len(ms) == 0 {
			out.Notes = append(out.Notes, fmt.Sprintf("%s: concerns no mission the dataset has or can create; not written", r.Symbol))
			continue
		}
		chapterVII := r.ChapterVII
		m := policy.Mandate{
			ID:            r.Symbol,
			Kind:          policy.Resolution,
			Adopted:       adopted,
			ChapterVII:    &chapterVII,
			URL:           r.Source.URL,
			Missions:      ms,
			AllParagraphs: true,
			Provenance: policy.Provenance{
				Source: r.Source.URL,
				Status: policy.Verified,
				Method: fmt.Sprintf("imported by mandategraph import from %s %s: symbol, adoption date, Chapter VII, citations and every operative paragraph read from the file; agendas from the tagging rules",
					formatName(r.Source.Format), filepath.Base(r.Source.File)),
			},
		}
		for _, c := range r.Citations {
			if c.Symbol != r.Symbol && cited[c.Symbol] && !slices.Contains(m.Cites, c.Symbol) {
				m.Cites = append(m.Cites, c.Symbol)
			}
		}
		for i, c := range r.Clauses {
			cl := policy.Clause{
				ID:         policy.ClauseID(m.ID, c.Locator),
				MandateID:  m.ID,
				Paragraph:  c.Locator,
				Provenance: m.Provenance,
				Order:      i + 1,
			}
			if opts.Text {
				cl.Text = c.Text
			}
			for _, t := range tagger.Tag(c.Text, c.Headings) {
				if agendas[t.Agenda] {
					cl.Agendas = append(cl.Agendas, t.Agenda)
					cl.Tags = append(cl.Tags, policy.Tag{Agenda: t.Agenda, Source: policy.TagRule, Rule: t.Rule, Phrase: t.Phrase, Reason: why[t.Rule]})
				}
			}
			m.Clauses = append(m.Clauses, cl)
		}
		out.Mandates = append(out.Mandates, m)
	}
	sort.SliceStable(out.Mandates, func(i, j int) bool {
		a, b := out.Mandates[i], out.Mandates[j]
		if !a.Adopted.Equal(b.Adopted.Time) {
			return a.Adopted.Before(b.Adopted.Time)
		}
		return a.ID < b.ID
	})
	sort.Slice(out.Missions, func(i, j int) bool { return out.Missions[i].ID < out.Missions[j].ID })
	return out
}

// writable says whether Convert writes r: it has an adoption date and
// concerns a mission the base has or the facts table can create.
func writable(r *importer.Resolution, inBase map[string]bool) bool {
	if _, err := policy.ParseDate(r.Adopted); err != nil {
		return false
	}
	for _, id := range r.Missions {
		if _, ok := importer.Facts(id); ok || inBase[id] {
			return true
		}
	}
	return false
}

// missionFrom makes a mission from a row of the facts table.
func missionFrom(f importer.MissionFacts, name string) policy.Mission {
	m := policy.Mission{
		ID:            f.ID,
		Name:          name,
		HostCountries: datasetCountries(f.HostCountries),
		Start:         policy.MustDate(f.Start),
		Provenance: policy.Provenance{
			Source: DataHubURL,
			Status: policy.Verified,
			Method: "start and end dates from the UN Peace and Security Data Hub list of peacekeeping operations (snapshot 2024-02-19), host countries from the crosswalk distributed with it; no end date where the list gives none",
		},
	}
	if f.End != "" {
		m.End = policy.MustDate(f.End)
	}
	return m
}

// dataHubCodes are the Data Hub crosswalk's country codes that are not the
// dataset's: it writes KSV for Kosovo, the loader knows XKX (the
// user-assigned code in common use; loader/countries.go).
var dataHubCodes = map[string]string{"KSV": "XKX"}

// datasetCountries is the facts table's host countries in the dataset's codes.
func datasetCountries(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		if d, ok := dataHubCodes[c]; ok {
			c = d
		}
		out[i] = c
	}
	return out
}

func formatName(f importer.Format) string {
	switch f {
	case importer.FormatAKN:
		return "the Akoma Ntoso XML file"
	case importer.FormatEOSG:
		return "the EOSG paragraphs JSON file"
	case importer.FormatText:
		return "the plain-text file"
	}
	return "the file"
}
