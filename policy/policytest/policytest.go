// Package policytest builds the clearly synthetic datasets the API's tests
// load into Neo4j: a small, hand-checkable graph whose shape grows with the
// number of missions, so a test can run one query over a graph and over a
// graph twice as large and compare what they cost.
package policytest

import (
	"fmt"

	"github.com/mandategraph/mandategraph/policy"
)

// The fixed part of every dataset.
const (
	DocGuidance = "syn-poc-guidance"  // GUIDANCE, 2015-06-01, POC
	DocPolicy   = "syn-ssr-policy"    // POLICY, 2012 (year only), SSR
	DocHRDD     = "syn-hrdd-policy"   // POLICY, 2011-07-01, POC SSR HR; "due diligence" in its title
	DocResearch = "syn-research-2020" // RESEARCH, 2020-02-02, cites DocGuidance

	RelAgendas = "syn-rel-poc-ssr" // TENSION Agenda POC → Agenda SSR, TIME_HORIZON, strength 2
	RelDDRSSR  = "syn-rel-ddr-ssr" // CONVERGENCE Agenda DDR → Agenda SSR, DDR_LINK, strength 1
)

// MissionID returns the id of the i-th mission (1-based).
func MissionID(i int) string { return fmt.Sprintf("SYN%02d", i) }

// MandateID returns the id of the k-th mandate (0..2) of the i-th mission:
// two resolutions and a presidential statement, adopted in 2000+i.
func MandateID(i, k int) string {
	year := 2000 + i
	if k == 2 {
		return fmt.Sprintf("S/PRST/%d/%d", year, i)
	}
	return fmt.Sprintf("S/RES/%d(%d)", 9000+10*i+k, year)
}

// TensionID and ConvergenceID name the two relations of the i-th mission.
func TensionID(i int) string     { return fmt.Sprintf("syn-rel-%02d-tension", i) }
func ConvergenceID(i int) string { return fmt.Sprintf("syn-rel-%02d-convergence", i) }

func prov(src string) policy.Provenance {
	return policy.Provenance{Source: src, Status: policy.Verified, Method: "synthetic test data"}
}

func date(y, m, d int) policy.Date { return policy.MustDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d)) }

// Dataset returns a dataset with n missions (n ≥ 1). Mission i (1-based):
//
//   - id SYNii, hosted by AAA (odd i) or BBB (even i), starting 2000+i-01-01;
//     odd missions ended 2001+i-01-01, even ones are active and succeed the
//     odd mission before them;
//   - three mandates adopted 2000+i-01-15, -04-15, -07-15 (MandateID):
//     k=0 (Chapter VII) clauses 1 [POC], 2 [SSR];
//     k=1 (cites k=0 and DocGuidance) clauses 1 [POC SSR], 2(a) [DDR];
//     k=2 (a presidential statement) clauses 1 [POC], 3 [HR];
//   - a TENSION (PARTNER_FORCE_ABUSES, strength 3, mission context SYNii)
//     from clause k=0 #1 to clause k=0 #2, evidence DocHRDD "p. 4";
//   - a CONVERGENCE (CONDITIONAL_SUPPORT, strength 2, no mission context)
//     from clause k=1 #1 to DocHRDD, evidence DocGuidance and DocPolicy.
//
// Plus four agendas (DDR HR POC SSR), four documents and two agenda-level
// relations (RelAgendas, RelDDRSSR).
func Dataset(n int) *policy.Dataset {
	ds := &policy.Dataset{
		Agendas: []policy.Agenda{
			{ID: "POC", Name: "Protection of civilians", Description: "Synthetic: keeping civilians safe.", Provenance: prov("https://example.org/poc")},
			{ID: "SSR", Name: "Security sector reform", Description: "Synthetic: reforming security institutions.", Provenance: prov("https://example.org/ssr")},
			{ID: "DDR", Name: "Disarmament, demobilization and reintegration", Description: "Synthetic: DDR.", Provenance: prov("https://example.org/ddr")},
			{ID: "HR", Name: "Human rights", Description: "Synthetic: human rights.", Provenance: prov("https://example.org/hr")},
		},
		Documents: []policy.Document{
			{ID: DocGuidance, Title: "Synthetic guidance on the protection of civilians", Kind: policy.DocGuidance,
				Issuer: "Synthetic Department of Peace Operations", Published: date(2015, 6, 1), Year: 2015,
				URL: "https://example.org/poc-guidance", Agendas: []string{"POC"}, Provenance: prov("https://example.org/poc-guidance")},
			{ID: DocPolicy, Title: "Synthetic policy on security sector reform", Kind: policy.DocPolicy,
				Issuer: "Synthetic Inter-Agency Task Force", Year: 2012, Agendas: []string{"SSR"}, Provenance: prov("https://example.org/ssr-policy")},
			{ID: DocHRDD, Title: "Synthetic human rights due diligence policy", Kind: policy.DocPolicy,
				Issuer: "Synthetic Secretary-General", Published: date(2011, 7, 1), Year: 2011, Symbol: "SYN/2011/1",
				Agendas: []string{"HR", "POC", "SSR"}, Provenance: prov("https://example.org/hrdd")},
			{ID: DocResearch, Title: "Synthetic research on protection and reform", Kind: policy.DocResearch,
				Issuer: "Synthetic Institute", Published: date(2020, 2, 2), Year: 2020, Agendas: []string{"POC", "SSR"},
				Cites: []string{DocGuidance}, Provenance: prov("https://example.org/research")},
		},
		Relations: []policy.Relation{
			{ID: RelAgendas, Kind: policy.Tension, Source: "POC", Target: "SSR", Mechanism: "TIME_HORIZON",
				Summary: "Synthetic: reform takes years, protection cannot wait.", Strength: 2,
				Evidence: []policy.Evidence{{Document: DocResearch, Locator: "ch. 2", Note: "synthetic note"}}},
			{ID: RelDDRSSR, Kind: policy.Convergence, Source: "DDR", Target: "SSR", Mechanism: "DDR_LINK",
				Summary: "Synthetic: integration of ex-combatants links DDR and reform.", Strength: 1,
				Evidence: []policy.Evidence{{Document: DocPolicy, Note: "synthetic note"}}},
		},
	}
	yes := true
	for i := 1; i <= n; i++ {
		id := MissionID(i)
		m := policy.Mission{ID: id, Name: fmt.Sprintf("Synthetic Mission %d", i),
			HostCountries: []string{"AAA"}, Start: date(2000+i, 1, 1), Provenance: prov("https://example.org/" + id)}
		if i%2 == 1 {
			m.End = date(2001+i, 1, 1)
		} else {
			m.HostCountries = []string{"BBB"}
			m.Predecessor = MissionID(i - 1)
		}
		ds.Missions = append(ds.Missions, m)
		clauses := [][]struct {
			para    string
			agendas []string
		}{
			{{"1", []string{"POC"}}, {"2", []string{"SSR"}}},
			{{"1", []string{"POC", "SSR"}}, {"2(a)", []string{"DDR"}}},
			{{"1", []string{"POC"}}, {"3", []string{"HR"}}},
		}
		for k := range 3 {
			md := policy.Mandate{ID: MandateID(i, k), Kind: policy.Resolution, Adopted: date(2000+i, 1+3*k, 15),
				URL: "https://example.org/" + MandateID(i, k), Missions: []string{id}, Provenance: prov("https://example.org/" + id)}
			switch k {
			case 0:
				md.ChapterVII = &yes
			case 1:
				md.Cites = []string{MandateID(i, 0), DocGuidance}
			case 2:
				md.Kind = policy.PresidentialStatement
			}
			for j, c := range clauses[k] {
				cl := policy.Clause{ID: policy.ClauseID(md.ID, c.para), MandateID: md.ID, Paragraph: c.para,
					Summary: fmt.Sprintf("Synthetic clause %s of %s on %v.", c.para, md.ID, c.agendas),
					Agendas: c.agendas, Order: j}
				if k == 1 && j == 0 {
					cl.Text = "Requests the synthetic mission to apply human rights due diligence when supporting national forces."
				}
				md.Clauses = append(md.Clauses, cl)
			}
			ds.Mandates = append(ds.Mandates, md)
		}
		ds.Relations = append(ds.Relations,
			policy.Relation{ID: TensionID(i), Kind: policy.Tension,
				Source: policy.ClauseID(MandateID(i, 0), "1"), Target: policy.ClauseID(MandateID(i, 0), "2"),
				Mechanism: "PARTNER_FORCE_ABUSES", Summary: "Synthetic: supported forces harm civilians.", Strength: 3, Mission: id,
				Evidence: []policy.Evidence{{Document: DocHRDD, Locator: "p. 4", Note: "synthetic note"}}},
			policy.Relation{ID: ConvergenceID(i), Kind: policy.Convergence,
				Source: policy.ClauseID(MandateID(i, 1), "1"), Target: DocHRDD,
				Mechanism: "CONDITIONAL_SUPPORT", Summary: "Synthetic: conditions on support protect civilians.", Strength: 2,
				Evidence: []policy.Evidence{{Document: DocGuidance, Note: "first"}, {Document: DocPolicy, Locator: "s. 3", Note: "second"}}},
		)
	}
	return ds
}
