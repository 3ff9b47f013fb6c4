package loader

// The writer of the dataset format: what it writes, Read reads back as
// the same dataset.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mandategraph/mandategraph/policy"
)

// The file format of docs/data-format.md.
type (
	provenanceJSON struct {
		Source string `json:"source"`
		Status string `json:"status"`
		Method string `json:"method,omitempty"`
	}
	agendaJSON struct {
		ID          string         `json:"id"`
		Name        string         `json:"name"`
		Description string         `json:"description"`
		Provenance  provenanceJSON `json:"provenance"`
	}
	missionJSON struct {
		ID            string         `json:"id"`
		Name          string         `json:"name"`
		HostCountries []string       `json:"hostCountries"`
		Start         string         `json:"start"`
		End           string         `json:"end,omitempty"`
		Predecessor   string         `json:"predecessor,omitempty"`
		Provenance    provenanceJSON `json:"provenance"`
	}
	clauseJSON struct {
		Paragraph  string          `json:"paragraph"`
		Summary    string          `json:"summary,omitempty"`
		Text       string          `json:"text,omitempty"`
		Agendas    []string        `json:"agendas,omitempty"`
		Tags       []tagJSON       `json:"tags,omitempty"`
		NotTagged  []notTaggedJSON `json:"notTagged,omitempty"`
		Provenance *provenanceJSON `json:"provenance,omitempty"`
	}
	notTaggedJSON struct {
		Agenda string `json:"agenda"`
		Reason string `json:"reason"`
	}
	tagJSON struct {
		Agenda string `json:"agenda"`
		Rule   string `json:"rule,omitempty"`
		Phrase string `json:"phrase,omitempty"`
		Reason string `json:"reason"`
	}
	mandateJSON struct {
		ID         string         `json:"id"`
		Kind       string         `json:"kind"`
		Adopted    string         `json:"adopted"`
		ChapterVII *bool          `json:"chapterVII,omitempty"`
		URL        string         `json:"url,omitempty"`
		Missions   []string       `json:"missions"`
		Cites      []string       `json:"cites,omitempty"`
		All        bool           `json:"allParagraphs,omitempty"`
		Clauses    []clauseJSON   `json:"clauses,omitempty"`
		Provenance provenanceJSON `json:"provenance"`
	}
	documentJSON struct {
		ID         string         `json:"id"`
		Title      string         `json:"title"`
		Kind       string         `json:"kind"`
		Issuer     string         `json:"issuer"`
		Published  any            `json:"published"`
		Symbol     string         `json:"symbol,omitempty"`
		URL        string         `json:"url,omitempty"`
		Agendas    []string       `json:"agendas,omitempty"`
		Cites      []string       `json:"cites,omitempty"`
		Provenance provenanceJSON `json:"provenance"`
	}
	evidenceJSON struct {
		Document string `json:"document"`
		Locator  string `json:"locator,omitempty"`
		Note     string `json:"note"`
	}
	relationJSON struct {
		ID        string         `json:"id"`
		Kind      string         `json:"kind"`
		Source    string         `json:"source"`
		Target    string         `json:"target"`
		Mechanism string         `json:"mechanism"`
		Summary   string         `json:"summary"`
		Strength  int            `json:"strength"`
		Mission   string         `json:"mission,omitempty"`
		Evidence  []evidenceJSON `json:"evidence"`
	}
	fileJSON struct {
		Agendas   []agendaJSON   `json:"agendas,omitempty"`
		Missions  []missionJSON  `json:"missions,omitempty"`
		Mandates  []mandateJSON  `json:"mandates,omitempty"`
		Documents []documentJSON `json:"documents,omitempty"`
		Relations []relationJSON `json:"relations,omitempty"`
	}
)

func prov(p policy.Provenance) provenanceJSON {
	return provenanceJSON{Source: p.Source, Status: string(p.Status), Method: p.Method}
}

// WriteJSON writes ds into dir (created if needed) as JSON files in the
// dataset format: agendas, missions and documents in one file each,
// mandates and relations in chunks, so a loader reads it as one dataset.
func WriteJSON(dir string, ds *policy.Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name string, f fileJSON) error {
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	var head fileJSON
	for _, a := range ds.Agendas {
		head.Agendas = append(head.Agendas, agendaJSON{a.ID, a.Name, a.Description, prov(a.Provenance)})
	}
	for _, m := range ds.Missions {
		head.Missions = append(head.Missions, missionJSON{m.ID, m.Name, m.HostCountries, m.Start.String(), m.End.String(), m.Predecessor, prov(m.Provenance)})
	}
	for _, d := range ds.Documents {
		var published any = d.Published.String()
		if d.Published.IsZero() {
			published = d.Year
		}
		head.Documents = append(head.Documents, documentJSON{d.ID, d.Title, string(d.Kind), d.Issuer, published, d.Symbol, d.URL, d.Agendas, d.Cites, prov(d.Provenance)})
	}
	if err := write("000-head.json", head); err != nil {
		return err
	}
	const chunk = 2000
	for lo := 0; lo < len(ds.Mandates); lo += chunk {
		var f fileJSON
		for _, m := range ds.Mandates[lo:min(lo+chunk, len(ds.Mandates))] {
			mj := mandateJSON{m.ID, string(m.Kind), m.Adopted.String(), m.ChapterVII, m.URL, m.Missions, m.Cites, m.AllParagraphs, nil, prov(m.Provenance)}
			for _, c := range m.Clauses {
				cj := clauseJSON{Paragraph: c.Paragraph, Summary: c.Summary, Text: c.Text, Agendas: c.Agendas}
				for _, t := range c.Tags {
					cj.Tags = append(cj.Tags, tagJSON{t.Agenda, t.Rule, t.Phrase, t.Reason})
				}
				for _, n := range c.NotTagged {
					cj.NotTagged = append(cj.NotTagged, notTaggedJSON{n.Agenda, n.Reason})
				}
				if c.Provenance != m.Provenance {
					p := prov(c.Provenance)
					cj.Provenance = &p
				}
				mj.Clauses = append(mj.Clauses, cj)
			}
			f.Mandates = append(f.Mandates, mj)
		}
		if err := write(fmt.Sprintf("100-mandates-%04d.json", lo/chunk), f); err != nil {
			return err
		}
	}
	for lo := 0; lo < len(ds.Relations); lo += 10 * chunk {
		var f fileJSON
		for _, r := range ds.Relations[lo:min(lo+10*chunk, len(ds.Relations))] {
			rj := relationJSON{r.ID, string(r.Kind), r.Source, r.Target, r.Mechanism, r.Summary, r.Strength, r.Mission, nil}
			for _, e := range r.Evidence {
				rj.Evidence = append(rj.Evidence, evidenceJSON(e))
			}
			f.Relations = append(f.Relations, rj)
		}
		if err := write(fmt.Sprintf("200-relations-%04d.json", lo/(10*chunk)), f); err != nil {
			return err
		}
	}
	return nil
}
