// Package synth generates valid synthetic datasets of a chosen size, for the
// loader's benchmark and for tests that need a load big enough to take
// seconds. The data is deterministic for a seed, follows every rule of
// docs/data-format.md and has a realistic shape: a few agendas, missions in
// succession chains, each with a few dozen mandates of several clauses, some
// guidance documents, and tension / convergence relations making up about a
// third of the relationships.
package synth

import (
	"fmt"
	"math/rand/v2"
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

// Relationships counts the relationships ds becomes in the graph: its
// distinct structural links plus its relations.
func Relationships(ds *policy.Dataset) int {
	seen := map[policy.Link]bool{}
	for l := range ds.Links() {
		seen[l] = true
	}
	return len(seen) + len(ds.Relations)
}
