package main

// The large dataset: the bundled data plus a synthetic part of the shape
// issue 18 measured (68 more missions of 40 mandates, 100,000 clauses,
// 20,000 relations), whose clauses address the bundled agendas, so that
// the operations over POC and SSR see both parts. loader/synth makes its
// own agendas and a different shape (about 8 clauses per mandate and
// relations a third of all relationships), hence this generator.

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/mandategraph/mandategraph/policy"
)

type largeShape struct {
	missions, mandatesPerMission, clauses, documents, relations int
}

var issueShape = largeShape{missions: 68, mandatesPerMission: 40, clauses: 100_000, documents: 200, relations: 20_000}

// tinyShape keeps the test quick while exercising the same code.
var tinyShape = largeShape{missions: 3, mandatesPerMission: 4, clauses: 240, documents: 6, relations: 60}

// syntheticPart returns a dataset that, read together with agendas (the
// bundled agenda ids), is valid: every reference it makes is to its own
// entities or to those agendas. Its ids cannot clash with real ones
// (missions SYN…, resolutions numbered from 90000, documents bench-doc-…).
func syntheticPart(shape largeShape, agendas []string, seed uint64) *policy.Dataset {
	rng := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	ds := &policy.Dataset{}
	prov := policy.Provenance{Source: "https://example.org/bench", Status: policy.Unverified}
	countries := []string{"COD", "MLI", "CAF", "SSD", "SDN", "LBN", "CYP", "HTI", "LBR", "CIV", "SOM", "TLS", "SLE", "BDI"}
	base := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range shape.documents {
		d := policy.Document{
			ID: fmt.Sprintf("bench-doc-%04d", i), Title: fmt.Sprintf("Synthetic guidance note %d", i),
			Kind: policy.DocumentKinds[i%len(policy.DocumentKinds)], Issuer: "Synthetic issuer",
			Published: policy.Date{Time: base.AddDate(0, 0, i*30)}, Provenance: prov,
		}
		d.Year = d.Published.Year()
		for _, a := range pick(rng, len(agendas), 1+rng.IntN(2)) {
			d.Agendas = append(d.Agendas, agendas[a])
		}
		ds.Documents = append(ds.Documents, d)
	}
	nMandates := shape.missions * shape.mandatesPerMission
	var clauseIDs []string
	clauseMission := map[string]string{}
	for i := range shape.missions {
		// Chains of three in succession, each ten years after the last.
		start := base.AddDate(0, 0, (i/3)*45+(i%3)*3650)
		m := policy.Mission{
			ID: fmt.Sprintf("SYN%03d", i), Name: fmt.Sprintf("Synthetic Peacekeeping Mission %d", i),
			HostCountries: []string{countries[i%len(countries)]}, Start: policy.Date{Time: start}, Provenance: prov,
		}
		if i%3 > 0 {
			m.Predecessor = ds.Missions[i-1].ID
			ds.Missions[i-1].End = policy.Date{Time: start.AddDate(0, 0, -1)}
		}
		ds.Missions = append(ds.Missions, m)
		for j := range shape.mandatesPerMission {
			k := i*shape.mandatesPerMission + j
			adopted := start.AddDate(0, 0, j*60)
			md := policy.Mandate{
				ID: fmt.Sprintf("S/RES/%d(%d)", 90000+k, adopted.Year()), Kind: policy.Resolution,
				Adopted: policy.Date{Time: adopted}, Missions: []string{m.ID}, Provenance: prov,
			}
			if j > 0 {
				md.Cites = []string{ds.Mandates[len(ds.Mandates)-1].ID}
			}
			// Clauses spread evenly: mandate k gets its share of the total.
			n := (k+1)*shape.clauses/nMandates - k*shape.clauses/nMandates
			for p := range n {
				para := fmt.Sprint(p + 1)
				c := policy.Clause{
					ID: policy.ClauseID(md.ID, para), MandateID: md.ID, Paragraph: para, Order: p + 1,
					Summary:    fmt.Sprintf("Synthetic operative paragraph %s of %s.", para, md.ID),
					Provenance: prov,
				}
				if p%2 == 0 {
					c.Text = "Decides that the mission shall carry out the tasks of paragraph " + para + "."
				}
				for _, a := range pick(rng, len(agendas), 1+rng.IntN(2)) {
					c.Agendas = append(c.Agendas, agendas[a])
				}
				md.Clauses = append(md.Clauses, c)
				clauseIDs = append(clauseIDs, c.ID)
				clauseMission[c.ID] = m.ID
			}
			ds.Mandates = append(ds.Mandates, md)
		}
	}
	var tension, convergence []string
	for _, m := range policy.Mechanisms {
		for _, k := range m.Kinds {
			if k == policy.Tension {
				tension = append(tension, m.Code)
			} else {
				convergence = append(convergence, m.Code)
			}
		}
	}
	for i := range shape.relations {
		src := clauseIDs[rng.IntN(len(clauseIDs))]
		var dst string
		switch rng.IntN(4) {
		case 0, 1:
			dst = agendas[rng.IntN(len(agendas))]
		case 2:
			dst = ds.Documents[rng.IntN(len(ds.Documents))].ID
		default:
			for dst = src; dst == src; {
				dst = clauseIDs[rng.IntN(len(clauseIDs))]
			}
		}
		r := policy.Relation{
			ID: fmt.Sprintf("bench-rel-%06d", i), Kind: policy.Tension, Source: src, Target: dst,
			Mechanism: tension[rng.IntN(len(tension))], Strength: 1 + rng.IntN(3),
			Summary: "Synthetic relation: the two provisions pull on the same capacity.",
		}
		if i%5 >= 3 {
			r.Kind, r.Mechanism = policy.Convergence, convergence[rng.IntN(len(convergence))]
			r.Summary = "Synthetic relation: the two provisions reinforce each other."
		}
		if i%2 == 0 {
			r.Mission = clauseMission[src]
		}
		for e := range 1 + i%2 {
			ev := policy.Evidence{Document: ds.Documents[rng.IntN(len(ds.Documents))].ID, Note: "Synthetic evidence note."}
			if e == 0 {
				ev.Locator = fmt.Sprintf("para. %d", 1+rng.IntN(80))
			}
			r.Evidence = append(r.Evidence, ev)
		}
		ds.Relations = append(ds.Relations, r)
	}
	return ds
}

// pick returns k distinct ints in [0, n), in ascending order.
func pick(rng *rand.Rand, n, k int) []int {
	k = min(k, n)
	seen := make([]bool, n)
	for c := 0; c < k; {
		if i := rng.IntN(n); !seen[i] {
			seen[i], c = true, c+1
		}
	}
	out := make([]int, 0, k)
	for i, s := range seen {
		if s {
			out = append(out, i)
		}
	}
	return out
}
