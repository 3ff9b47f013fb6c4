package neo4jdb

// A listing filter as Cypher: one function per policy filter turns the
// fields that are set into WHERE conditions and their parameters. A field
// that is not set adds nothing to the query's text. The form it replaces,
// "$x IS NULL OR EXISTS { ... }", cost the export minutes (read_export.go's
// inExport); in these listings Neo4j 5.26 measured no cost for an unset
// one, but a set field is now planned on its own (a mandate's clauses are
// found by index); see docs/performance.md, "One predicate builder".

import (
	"strings"

	"github.com/mandategraph/mandategraph/policy"
)

// predicates are the conditions of a filter's set fields, ANDed, with the
// parameters they refer to.
type predicates struct {
	conds  []string
	params map[string]any
}

// newPredicates starts a set of conditions with base (which may be empty),
// adding its parameters to params.
func newPredicates(params map[string]any, base ...string) *predicates {
	return &predicates{conds: base, params: params}
}

// on adds cond, which refers to $name, with $name = conv(*field), when
// field is set and converts to a value (a zero date converts to nil and
// does not filter, as before).
func on[T, P any](w *predicates, field *T, name string, conv func(T) P, cond string) {
	if field == nil {
		return
	}
	v := any(conv(*field))
	if v == nil {
		return
	}
	w.conds = append(w.conds, cond)
	w.params[name] = v
}

// where returns "WHERE c1 AND c2 ..." (each condition in parentheses), or
// "" when there is none.
func (w *predicates) where() string {
	if len(w.conds) == 0 {
		return ""
	}
	return "WHERE (" + strings.Join(w.conds, ") AND (") + ")"
}

// missionPredicates is f over the mission m.
func missionPredicates(f policy.MissionFilter, params map[string]any) *predicates {
	w := newPredicates(params)
	on(w, f.HostCountry, "hostCountry", strings.ToUpper, `$hostCountry IN m.hostCountries`)
	on(w, f.Agenda, "agenda", asIs,
		`EXISTS { (m)<-[:MANDATES]-(:Mandate)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(:Agenda {id: $agenda}) }`)
	on(w, f.ActiveOn, "activeOn", asDate, `m.startDate <= $activeOn AND (m.endDate IS NULL OR m.endDate >= $activeOn)`)
	on(w, f.Active, "active", asIs, `(m.endDate IS NULL) = $active`)
	return w
}

// clausePredicates is f over the clause c of the mandate md.
func clausePredicates(f policy.ClauseFilter, params map[string]any) *predicates {
	w := newPredicates(params)
	on(w, f.Mandate, "mandate", asIs, `md.id = $mandate`)
	on(w, f.Mission, "mission", asIs, `EXISTS { (md)-[:MANDATES]->(:Mission {id: $mission}) }`)
	on(w, f.Agenda, "agenda", asIs, `EXISTS { (c)-[:ADDRESSES]->(:Agenda {id: $agenda}) }`)
	on(w, f.From, "from", asDate, `md.adopted >= $from`)
	on(w, f.To, "to", asDate, `md.adopted <= $to`)
	on(w, f.Text, "text", strings.ToLower,
		`toLower(coalesce(c.summary, '')) CONTAINS $text OR toLower(coalesce(c.text, '')) CONTAINS $text`)
	return w
}

// documentPredicates is f over the document d.
func documentPredicates(f policy.DocumentFilter, params map[string]any) *predicates {
	w := newPredicates(params)
	on(w, f.Kind, "kind", asString, `d.documentKind = $kind`)
	on(w, f.Issuer, "issuer", strings.ToLower, `toLower(d.issuer) CONTAINS $issuer`)
	on(w, f.Agenda, "agenda", asIs, `EXISTS { (d)-[:ADDRESSES]->(:Agenda {id: $agenda}) }`)
	on(w, f.Year, "year", asInt64, `d.year = $year`)
	return w
}

// relationPredicates is the part of f that tests the relation r alone
// (its kind is the relationship type, and its agendas and mission are
// stages of their own: see FindRelations).
func relationPredicates(f policy.RelationFilter, params map[string]any) *predicates {
	w := newPredicates(params, "r.id IS NOT NULL") // lets the planner read the id index in order
	on(w, f.Mechanism, "mechanism", asIs, `r.mechanism = $mechanism`)
	on(w, f.Strength, "strength", asInt64, `r.strength = $strength`)
	on(w, f.MinStrength, "minStrength", asInt64, `r.strength >= $minStrength`)
	return w
}
