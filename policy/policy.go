// Package policy holds mandategraph's domain: missions, mandates, clauses,
// guidance documents, agendas and the tension / convergence relations between
// them. It depends on the standard library only, so every other package
// (loader, neo4jdb, graph) can share these types without importing each other.
package policy

import "time"

// Date is a calendar day (no time of day, no zone). The zero value means
// "not set", e.g. the end date of an active mission.
type Date struct{ time.Time }

// DateLayout is the ISO 8601 calendar-date layout used in datasets and the API.
const DateLayout = "2006-01-02"

// ParseDate parses an ISO YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, err
	}
	return Date{t}, nil
}

// MustDate is ParseDate for literals in code and tests; it panics on bad input.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// String returns the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// Provenance says where a fact comes from and whether, and how, it was checked.
type Provenance struct {
	// Source is a document id in the dataset or a URL.
	Source string
	// Status is Verified or Unverified.
	Status ProvenanceStatus
	// Method says how the fact was checked, e.g. "paragraph locator checked
	// against the official text". Empty when unverified.
	Method string
}

// ProvenanceStatus says whether a fact was checked against its source.
type ProvenanceStatus string

// The provenance statuses.
const (
	Verified   ProvenanceStatus = "verified"
	Unverified ProvenanceStatus = "unverified"
)

// Mission is a UN peacekeeping operation. Its ID is its acronym.
type Mission struct {
	ID            string
	Name          string
	HostCountries []string // ISO 3166-1 alpha-3
	Start         Date
	End           Date   // zero while active
	Predecessor   string // mission id, optional
	Provenance    Provenance
}

// Active reports whether the mission has no end date.
func (m Mission) Active() bool { return m.End.IsZero() }

// MandateKind distinguishes resolutions from presidential statements.
type MandateKind string

// The mandate kinds.
const (
	Resolution            MandateKind = "RESOLUTION"
	PresidentialStatement MandateKind = "PRESIDENTIAL_STATEMENT"
)

// MandateKinds lists every valid MandateKind.
var MandateKinds = []MandateKind{Resolution, PresidentialStatement}

// Mandate is a Security Council decision that sets or changes a mission's
// tasks. Its ID is the official symbol, e.g. "S/RES/1925(2010)".
type Mandate struct {
	ID         string
	Kind       MandateKind
	Adopted    Date
	ChapterVII *bool // nil when not stated
	URL        string
	Missions   []string // mission ids
	Cites      []string // mandate or document ids
	// AllParagraphs says that Clauses hold every operative paragraph and
	// sub-item (an imported mandate); otherwise they are a curator's
	// selection, or nothing is recorded when there are none.
	AllParagraphs bool
	Clauses       []Clause
	Provenance    Provenance
}

// Clause is one operative paragraph or sub-paragraph of a mandate.
type Clause struct {
	// ID is the mandate id + "#" + paragraph, e.g. "S/RES/1925(2010)#12(a)".
	ID        string
	MandateID string
	Paragraph string // locator such as "12(a)", "12(a)(ii)", "35(i)" or "35(i)(a)"
	Summary   string // the project's own words; may be empty in an AllParagraphs mandate
	Text      string // official text, optional
	Agendas   []string
	// Tags say why the clause addresses each agenda; an agenda of Agendas
	// without an entry is a curated tag with no reason recorded (AllTags).
	Tags []Tag
	// NotTagged are agendas a tagging rule gives the clause's official text
	// that the curator rejects, each with the reason; none is in Agendas.
	NotTagged  []NotTagged
	Provenance Provenance
	// Order is the clause's position within its mandate, for stable listing.
	Order int
}

// ClauseID builds a clause id from its mandate id and paragraph locator.
func ClauseID(mandateID, paragraph string) string { return mandateID + "#" + paragraph }

// DocumentKind classifies guidance and analysis documents.
type DocumentKind string

// The document kinds.
const (
	DocPresidentialStatement DocumentKind = "PRESIDENTIAL_STATEMENT"
	DocThematicResolution    DocumentKind = "THEMATIC_RESOLUTION"
	DocPolicy                DocumentKind = "POLICY"
	DocGuidance              DocumentKind = "GUIDANCE"
	DocReport                DocumentKind = "REPORT"
	DocResearch              DocumentKind = "RESEARCH"
)

// DocumentKinds lists every valid DocumentKind.
var DocumentKinds = []DocumentKind{DocPresidentialStatement, DocThematicResolution, DocPolicy, DocGuidance, DocReport, DocResearch}

// Document is guidance or analysis that is not a mandate.
type Document struct {
	ID         string
	Title      string
	Kind       DocumentKind
	Issuer     string
	Published  Date // may be zero when only the year is known
	Year       int  // publication year; always set
	Symbol     string
	URL        string
	Agendas    []string
	Cites      []string // mandate or document ids
	Provenance Provenance
}

// Agenda is a policy agenda such as POC or SSR. Its ID is its short code.
type Agenda struct {
	ID          string
	Name        string
	Description string
	Provenance  Provenance
}

// RelationKind is TENSION or CONVERGENCE.
type RelationKind string

// The relation kinds.
const (
	Tension     RelationKind = "TENSION"
	Convergence RelationKind = "CONVERGENCE"
)

// RelationKinds lists every valid RelationKind.
var RelationKinds = []RelationKind{Tension, Convergence}

// Relation is a documented tension or convergence between two of Clause,
// Agenda, Document and Mandate.
type Relation struct {
	ID        string
	Kind      RelationKind
	Source    string // entity id
	Target    string // entity id
	Mechanism string // a Mechanisms key
	Summary   string
	Strength  int    // 1..3
	Mission   string // mission id, optional
	Evidence  []Evidence
}

// Evidence points at the place in a document that supports a relation.
type Evidence struct {
	Document string // document id
	Locator  string // page, paragraph or section; optional
	Note     string
}

// Mechanism is one entry of the controlled vocabulary explaining why two
// things pull apart or together.
type Mechanism struct {
	Code        string
	Kinds       []RelationKind // the relation kinds it may explain
	Description string
}

// Mechanisms is the controlled vocabulary of relation mechanisms. It lives
// in code (not data) so that a typo in a dataset is an error, not a new
// category; docs/data-format.md documents it.
var Mechanisms = []Mechanism{
	{"PARTNER_FORCE_ABUSES", []RelationKind{Tension}, "A mission supports, trains or operates with host-state or partner forces that themselves harm civilians."},
	{"TIME_HORIZON", []RelationKind{Tension}, "Long-term institutional reform competes with the immediate need to keep civilians safe."},
	{"HOST_STATE_CONSENT", []RelationKind{Tension}, "Dependence on the host government's consent limits how far a mission can press on abuses or reform."},
	{"RESOURCE_COMPETITION", []RelationKind{Tension}, "The agendas draw on the same scarce troops, staff, funds or political attention."},
	{"CAPACITY_SUBSTITUTION", []RelationKind{Tension}, "The mission's own protection role substitutes for, and can delay, national capacity and ownership."},
	{"LEGITIMACY_RISK", []RelationKind{Tension}, "Association with abusive or partial security actors erodes the mission's impartiality, credibility or acceptance."},
	{"SHARED_ACCOUNTABILITY", []RelationKind{Convergence}, "Both agendas gain from accountable, rights-respecting security institutions and from vetting and oversight."},
	{"SHARED_GOAL", []RelationKind{Convergence}, "Both agendas aim at civilians being safe; the guidance treats them as mutually supportive."},
	{"CONDITIONAL_SUPPORT", []RelationKind{Convergence}, "Conditions on support (such as human rights due diligence) let a mission back security forces while protecting civilians."},
	{"CAPACITY_TRANSFER", []RelationKind{Convergence}, "Reformed national forces take over protection as a mission draws down."},
	{"COMMUNITY_ENGAGEMENT", []RelationKind{Convergence}, "Engaging communities on their security needs serves both protection and people-centred reform."},
	{"RULE_OF_LAW_LINK", []RelationKind{Convergence}, "Justice, corrections and the fight against impunity serve both protection and reform."},
	{"DDR_LINK", []RelationKind{Convergence, Tension}, "Disarmament, demobilization and reintegration (and the integration of ex-combatants into the forces) links protection and reform, for better or worse."},
}

// MechanismByCode returns the mechanism with the given code.
func MechanismByCode(code string) (Mechanism, bool) {
	for _, m := range Mechanisms {
		if m.Code == code {
			return m, true
		}
	}
	return Mechanism{}, false
}

// Dataset is a whole, validated set of facts: the unit the loader writes.
// The graph is made equal to it on load.
type Dataset struct {
	Agendas   []Agenda
	Missions  []Mission
	Mandates  []Mandate
	Documents []Document
	Relations []Relation
}

// Counts summarizes a dataset by kind.
func (d *Dataset) Counts() map[string]int {
	clauses := 0
	for _, m := range d.Mandates {
		clauses += len(m.Clauses)
	}
	return map[string]int{
		"Agenda":   len(d.Agendas),
		"Mission":  len(d.Missions),
		"Mandate":  len(d.Mandates),
		"Clause":   clauses,
		"Document": len(d.Documents),
		"Relation": len(d.Relations),
	}
}
