package loader_test

import (
	"strings"
	"testing"

	"github.com/mandategraph/mandategraph/loader"
)

// fixtureMandate is the smallest valid dataset the YAML tests build on:
// three agendas, one mission and one mandate, whose clauses (or
// allParagraphs, or more of its fields) each test appends.
const fixtureMandate = `agendas:
  - {id: POC, name: Protection of civilians, description: x, provenance: {source: https://example.org, status: unverified}}
  - {id: SSR, name: Security sector reform, description: x, provenance: {source: https://example.org, status: unverified}}
  - {id: HR, name: Human rights, description: x, provenance: {source: https://example.org, status: unverified}}
missions:
  - {id: UNTM, name: Test mission, hostCountries: [ATA], start: 2080-01-01, provenance: {source: https://example.org, status: unverified}}
mandates:
  - id: S/RES/9001(2080)
    kind: RESOLUTION
    adopted: 2080-02-01
    missions: [UNTM]
    provenance: {source: https://example.org, status: unverified}
`

// fixtureClause starts the fixture mandate's one clause, with the given
// agendas; a test appends the clause's remaining fields.
func fixtureClause(agendas string) string {
	return fixtureMandate + `    clauses:
      - paragraph: 1
        summary: Our words.
        agendas: [` + agendas + `]
`
}

// wantOneDiagnostic fails t unless diags is exactly one diagnostic whose
// line contains want.
func wantOneDiagnostic(t *testing.T, diags loader.Diagnostics, want string) {
	t.Helper()
	if lines := diags.Lines(); len(lines) != 1 || !strings.Contains(lines[0], want) {
		t.Fatalf("diagnostics %q, want one containing %q", lines, want)
	}
}
