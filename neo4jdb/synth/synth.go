// Package synth generates valid synthetic datasets of a chosen size, for the
// loader's benchmark and for tests that need a load big enough to take
// seconds. The data is deterministic for a seed, follows every rule of
// docs/data-format.md and has a realistic shape: a few agendas, missions in
// succession chains, each with a few dozen mandates of several clauses, some
// guidance documents, and tension / convergence relations making up about a
// third of the relationships.
package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/mandategraph/mandategraph/policy"
)

// RelationShare is the fraction of relationships that are TENSION or
// CONVERGENCE relations; the rest are structural (MANDATES, HAS_CLAUSE,
// ADDRESSES, CITES, SUCCEEDED_BY).
const RelationShare = 0.3

var agendas = []struct{ id, name string }{
	{"POC", "Protection of civilians"},
	{"SSR", "Security sector reform"},
	{"DDR", "Disarmament, demobilization and reintegration"},
	{"WPS", "Women, peace and security"},
	{"CAAC", "Children and armed conflict"},
	{"HR", "Human rights"},
	{"ROL", "Rule of law"},
	{"ELECT", "Electoral assistance"},
	{"SEA", "Sexual exploitation and abuse"},
	{"PI", "Political process"},
	{"HUM", "Humanitarian access"},
	{"CIMIC", "Civil-military coordination"},
}

var countries = []string{"COD", "MLI", "CAF", "SSD", "SDN", "LBN", "CYP", "HTI", "LBR", "CIV", "SOM", "TLS", "SLE", "BDI"}

var base = time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)

func day(t time.Time, days int) policy.Date { return policy.Date{Time: t.AddDate(0, 0, days)} }

// Dataset returns a valid dataset that becomes exactly rels relationships
// in the graph (rels below about 100 are rounded up to the smallest
// structure the generator builds). The same seed gives the same dataset.
func Dataset(rels int, seed uint64) *policy.Dataset {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	ds := &policy.Dataset{}
	for _, a := range agendas {
		ds.Agendas = append(ds.Agendas, policy.Agenda{ID: a.id, Name: a.name,
			Description: "Synthetic agenda: " + a.name + ".",
			Provenance:  policy.Provenance{Source: "https://example.org/agendas/" + a.id, Status: policy.Unverified}})
	}
	structural := 0
	structTarget := rels - int(float64(rels)*RelationShare)
	var clauseIDs, docIDs, mandateIDs []string
	mandateMission := map[string]string{}

	newMission := func() *policy.Mission {
		i := len(ds.Missions)
		chain, pos := i/3, i%3
		start := base.AddDate(0, 0, (chain%50)*30+pos*3650)
		m := policy.Mission{
			ID:            fmt.Sprintf("SM%05d", i),
			Name:          fmt.Sprintf("Synthetic Peacekeeping Mission %d", i),
			HostCountries: []string{countries[chain%len(countries)]},
			Start:         policy.Date{Time: start},
			Provenance:    policy.Provenance{Source: "https://example.org/missions/" + fmt.Sprint(i), Status: policy.Verified, Method: "synthetic"},
		}
		if chain%4 == 1 {
			m.HostCountries = append(m.HostCountries, countries[(chain+1)%len(countries)])
		}
		if pos > 0 {
			m.Predecessor = ds.Missions[i-1].ID
			structural++ // SUCCEEDED_BY
		}
		if pos < 2 || chain%2 == 1 {
			m.End = day(start, 3650)
		}
		ds.Missions = append(ds.Missions, m)
		return &ds.Missions[len(ds.Missions)-1]
	}
	newDocument := func(published policy.Date) {
		i := len(ds.Documents)
		d := policy.Document{
			ID:         fmt.Sprintf("synth-doc-%06d", i),
			Title:      fmt.Sprintf("Synthetic guidance note %d", i),
			Kind:       policy.DocumentKinds[i%len(policy.DocumentKinds)],
			Issuer:     []string{"DPO", "OHCHR", "Secretary-General", "Security Council"}[i%4],
			Published:  published,
			Year:       published.Year(),
			Provenance: policy.Provenance{Source: "https://example.org/docs/" + fmt.Sprint(i), Status: policy.Verified, Method: "synthetic"},
		}
		if i%3 == 0 { // a document with a symbol is identified by it
			d.Symbol = fmt.Sprintf("S/%d/%d", published.Year(), 100+i)
			d.ID = d.Symbol
			d.URL = "https://example.org/docs/" + fmt.Sprint(i) + ".pdf"
		}
		for _, a := range pick(rng, len(agendas), 1+rng.IntN(3)) {
			d.Agendas = append(d.Agendas, agendas[a].id)
		}
		structural += len(d.Agendas)
		if i > 0 {
			for _, c := range pick(rng, i, min(i, rng.IntN(3))) {
				d.Cites = append(d.Cites, docIDs[c])
			}
			structural += len(d.Cites)
		}
		ds.Documents = append(ds.Documents, d)
		docIDs = append(docIDs, d.ID)
	}

	var mission *policy.Mission
	for k := 0; structural < structTarget || k == 0; k++ {
		if k%40 == 0 {
			mission = newMission()
		}
		adopted := day(mission.Start.Time, (k%40)*90)
		id := fmt.Sprintf("S/RES/%d(%d)", 1000+k, adopted.Year())
		kind := policy.Resolution
		if k%25 == 24 {
			id = fmt.Sprintf("S/PRST/%d/%d", adopted.Year(), k)
			kind = policy.PresidentialStatement
		}
		m := policy.Mandate{
			ID:         id,
			Kind:       kind,
			Adopted:    adopted,
			URL:        "https://undocs.org/" + id,
			Missions:   []string{mission.ID},
			Provenance: policy.Provenance{Source: "https://undocs.org/" + id, Status: policy.Verified, Method: "synthetic"},
		}
		switch k % 3 {
		case 0:
			yes := true
			m.ChapterVII = &yes
		case 1:
			no := false
			m.ChapterVII = &no
		}
		if k%10 == 5 && mission.Predecessor != "" {
			m.Missions = append(m.Missions, mission.Predecessor)
		}
		structural += len(m.Missions)
		if k%40 > 0 {
			m.Cites = append(m.Cites, mandateIDs[len(mandateIDs)-1])
		}
		if len(docIDs) > 0 && k%2 == 0 {
			m.Cites = append(m.Cites, docIDs[rng.IntN(len(docIDs))])
		}
		structural += len(m.Cites)
		n := 6 + rng.IntN(5)
		for j := 0; j < n; j++ {
			para := fmt.Sprint(j + 1)
			if j >= 3 {
				para = fmt.Sprintf("3(%c)", 'a'+j-3)
			}
			c := policy.Clause{
				ID:         policy.ClauseID(id, para),
				MandateID:  id,
				Paragraph:  para,
				Summary:    fmt.Sprintf("Synthetic operative paragraph %s of %s, asking the mission to act on its agendas.", para, id),
				Order:      j + 1,
				Provenance: m.Provenance, // inherited: WriteJSON leaves it out
			}
			if j%2 == 0 {
				c.Text = "Decides that the mission shall, within its capabilities and areas of deployment, carry out the tasks set out in paragraph " + para + "."
			}
			for _, a := range pick(rng, len(agendas), 1+rng.IntN(2)) {
				c.Agendas = append(c.Agendas, agendas[a].id)
			}
			structural += 1 + len(c.Agendas) // HAS_CLAUSE + ADDRESSES
			m.Clauses = append(m.Clauses, c)
			clauseIDs = append(clauseIDs, c.ID)
		}
		ds.Mandates = append(ds.Mandates, m)
		mandateIDs = append(mandateIDs, id)
		mandateMission[id] = mission.ID
		if k%4 == 0 {
			newDocument(adopted)
		}
	}

	var tensionMechs, convergenceMechs []string
	for _, m := range policy.Mechanisms {
		for _, k := range m.Kinds {
			if k == policy.Tension {
				tensionMechs = append(tensionMechs, m.Code)
			} else {
				convergenceMechs = append(convergenceMechs, m.Code)
			}
		}
	}
	for i := 0; i < rels-structural; i++ {
		src := clauseIDs[rng.IntN(len(clauseIDs))]
		var dst string
		switch rng.IntN(4) {
		case 0, 1:
			dst = agendas[rng.IntN(len(agendas))].id
		case 2:
			dst = docIDs[rng.IntN(len(docIDs))]
		default:
			for dst = src; dst == src; {
				dst = clauseIDs[rng.IntN(len(clauseIDs))]
			}
		}
		r := policy.Relation{
			ID:       fmt.Sprintf("synth-rel-%07d", i),
			Kind:     policy.Tension,
			Source:   src,
			Target:   dst,
			Summary:  "Synthetic relation: the two provisions pull on the same scarce capacity of the mission.",
			Strength: 1 + rng.IntN(3),
		}
		if i%5 >= 3 {
			r.Kind = policy.Convergence
			r.Mechanism = convergenceMechs[rng.IntN(len(convergenceMechs))]
			r.Summary = "Synthetic relation: the two provisions reinforce each other."
		} else {
			r.Mechanism = tensionMechs[rng.IntN(len(tensionMechs))]
		}
		if i%2 == 0 {
			mandate := src[:len(src)-len(paragraphOf(src))-1]
			r.Mission = mandateMission[mandate]
		}
		for e := 0; e < 1+i%2; e++ {
			ev := policy.Evidence{Document: docIDs[rng.IntN(len(docIDs))], Note: "Synthetic evidence note."}
			if e == 0 {
				ev.Locator = fmt.Sprintf("para. %d", 1+rng.IntN(80))
			}
			r.Evidence = append(r.Evidence, ev)
		}
		ds.Relations = append(ds.Relations, r)
	}
	return ds
}

func paragraphOf(clauseID string) string {
	for i := len(clauseID) - 1; i >= 0; i-- {
		if clauseID[i] == '#' {
			return clauseID[i+1:]
		}
	}
	return ""
}

// pick returns k distinct ints in [0, n).
func pick(rng *rand.Rand, n, k int) []int {
	k = min(k, n)
	seen := map[int]bool{}
	out := make([]int, 0, k)
	for len(out) < k {
		if i := rng.IntN(n); !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

// Relationships counts the relationships ds becomes in the graph.
func Relationships(ds *policy.Dataset) int {
	type key struct{ typ, from, to string }
	seen := map[key]bool{}
	add := func(typ, from, to string) { seen[key{typ, from, to}] = true }
	for _, m := range ds.Missions {
		if m.Predecessor != "" {
			add("SUCCEEDED_BY", m.Predecessor, m.ID)
		}
	}
	for _, d := range ds.Documents {
		for _, a := range d.Agendas {
			add("ADDRESSES", d.ID, a)
		}
		for _, c := range d.Cites {
			add("CITES", d.ID, c)
		}
	}
	for _, m := range ds.Mandates {
		for _, x := range m.Missions {
			add("MANDATES", m.ID, x)
		}
		for _, c := range m.Cites {
			add("CITES", m.ID, c)
		}
		for _, c := range m.Clauses {
			id := c.ID
			if id == "" {
				id = policy.ClauseID(m.ID, c.Paragraph)
			}
			add("HAS_CLAUSE", m.ID, id)
			for _, a := range c.Agendas {
				add("ADDRESSES", id, a)
			}
		}
	}
	return len(seen) + len(ds.Relations)
}

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
		Summary    string          `json:"summary"`
		Text       string          `json:"text,omitempty"`
		Agendas    []string        `json:"agendas"`
		Provenance *provenanceJSON `json:"provenance,omitempty"`
	}
	mandateJSON struct {
		ID         string         `json:"id"`
		Kind       string         `json:"kind"`
		Adopted    string         `json:"adopted"`
		ChapterVII *bool          `json:"chapterVII,omitempty"`
		URL        string         `json:"url,omitempty"`
		Missions   []string       `json:"missions"`
		Cites      []string       `json:"cites,omitempty"`
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
			mj := mandateJSON{m.ID, string(m.Kind), m.Adopted.String(), m.ChapterVII, m.URL, m.Missions, m.Cites, nil, prov(m.Provenance)}
			for _, c := range m.Clauses {
				cj := clauseJSON{Paragraph: c.Paragraph, Summary: c.Summary, Text: c.Text, Agendas: c.Agendas}
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
