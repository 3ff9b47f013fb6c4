package neo4jdb_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/loader/synth"
	"github.com/mandategraph/mandategraph/neo4jdb"
	"github.com/mandategraph/mandategraph/neo4jdb/neo4jtest"
	"github.com/mandategraph/mandategraph/policy"
	"github.com/mandategraph/mandategraph/policy/policytest"
)

// The listing queries as they were before the predicate builder
// (predicates.go): every filter written as "$x IS NULL OR ...", with every
// parameter present (nil when unset). They are the reference the new
// queries must agree with, and the "old" side of BenchmarkListFilters.
const (
	oldFindMissions = `MATCH (m:Entity:Mission)
		WHERE ($hostCountry IS NULL OR $hostCountry IN m.hostCountries)
		  AND ($agenda IS NULL OR EXISTS {
		        (m)<-[:MANDATES]-(:Mandate)-[:HAS_CLAUSE]->(:Clause)-[:ADDRESSES]->(:Agenda {id: $agenda}) })
		  AND ($activeOn IS NULL OR (m.startDate <= $activeOn AND (m.endDate IS NULL OR m.endDate >= $activeOn)))
		  AND ($active IS NULL OR (m.endDate IS NULL) = $active)
		WITH m ORDER BY m.id
		WITH collect(m) AS matched
		RETURN size(matched) AS total, matched[$offset..$end] AS items`
	oldFindClauses = `MATCH (md:Entity:Mandate)-[:HAS_CLAUSE]->(c:Clause)
		WHERE ($mandate IS NULL OR md.id = $mandate)
		  AND ($mission IS NULL OR EXISTS { (md)-[:MANDATES]->(:Mission {id: $mission}) })
		  AND ($agenda IS NULL OR EXISTS { (c)-[:ADDRESSES]->(:Agenda {id: $agenda}) })
		  AND ($from IS NULL OR md.adopted >= $from)
		  AND ($to IS NULL OR md.adopted <= $to)
		  AND ($text IS NULL OR toLower(coalesce(c.summary, '')) CONTAINS $text OR toLower(coalesce(c.text, '')) CONTAINS $text)
		WITH c ORDER BY md.adopted, md.id, c.position, c.id
		WITH collect(c) AS matched
		RETURN size(matched) AS total, matched[$offset..$end] AS items`
	oldFindDocuments = `MATCH (d:Entity:Document)
		WHERE ($kind IS NULL OR d.documentKind = $kind)
		  AND ($issuer IS NULL OR toLower(d.issuer) CONTAINS $issuer)
		  AND ($agenda IS NULL OR EXISTS { (d)-[:ADDRESSES]->(:Agenda {id: $agenda}) })
		  AND ($year IS NULL OR d.year = $year)
		WITH d ORDER BY d.year, d.id
		WITH collect(d) AS matched
		RETURN size(matched) AS total, matched[$offset..$end] AS items`
)

// opt is the old queries' parameter of an optional field: nil when unset.
func opt[T any](p *T, conv func(T) any) any {
	if p == nil {
		return nil
	}
	return conv(*p)
}

func upper(s string) any                { return strings.ToUpper(s) }
func lower(s string) any                { return strings.ToLower(s) }
func same[T any](v T) any               { return v }
func asInt(v int) any                   { return int64(v) }
func kindStr(k policy.DocumentKind) any { return string(k) }
func date(d policy.Date) any {
	if d.IsZero() {
		return nil
	}
	return neo4j.DateOf(d.Time)
}

func oldMissionParams(f policy.MissionFilter) map[string]any {
	return map[string]any{"hostCountry": opt(f.HostCountry, upper), "agenda": opt(f.Agenda, same[string]),
		"activeOn": opt(f.ActiveOn, date), "active": opt(f.Active, same[bool])}
}

func oldClauseParams(f policy.ClauseFilter) map[string]any {
	return map[string]any{"mission": opt(f.Mission, same[string]), "agenda": opt(f.Agenda, same[string]),
		"mandate": opt(f.Mandate, same[string]), "from": opt(f.From, date), "to": opt(f.To, date),
		"text": opt(f.Text, lower)}
}

func oldDocumentParams(f policy.DocumentFilter) map[string]any {
	return map[string]any{"kind": opt(f.Kind, kindStr), "issuer": opt(f.Issuer, lower),
		"agenda": opt(f.Agenda, same[string]), "year": opt(f.Year, asInt)}
}

// oldPage runs an old listing query with every item (offset 0, end max)
// and returns its total and the ids of its items, in order.
func oldPage(t testing.TB, store *neo4jdb.Store, query string, params map[string]any, max int) (int, []string) {
	t.Helper()
	params["offset"], params["end"] = int64(0), int64(max)
	recs, err := neo4jdb.ReadForTest(context.Background(), store, query, params)
	if err != nil {
		t.Fatalf("old query: %v", err)
	}
	if len(recs) != 1 {
		t.Fatalf("old query: %d records", len(recs))
	}
	total, _ := recs[0].Get("total")
	items, _ := recs[0].Get("items")
	out := []string{}
	for _, it := range items.([]any) {
		out = append(out, it.(neo4j.Node).Props["id"].(string))
	}
	return int(total.(int64)), out
}

// subsets calls f with every subset of setters applied to a zero filter,
// named by the fields it sets.
func subsets[F any](setters map[string]func(*F), f func(name string, filter F)) {
	names := make([]string, 0, len(setters))
	for n := range setters {
		names = append(names, n)
	}
	slices.Sort(names)
	for mask := range 1 << len(names) {
		var filter F
		var set []string
		for i, n := range names {
			if mask&(1<<i) != 0 {
				setters[n](&filter)
				set = append(set, n)
			}
		}
		name := strings.Join(set, "+")
		if name == "" {
			name = "unset"
		}
		f(name, filter)
	}
}

// TestListFiltersAsBefore checks that every combination of each listing
// filter's fields (each set to a value that matches some of the fixture
// and not all of it) returns the same total and items, in the same order,
// as the old "$x IS NULL OR" queries did.
func TestListFiltersAsBefore(t *testing.T) {
	store := loadFixture(t, 4)
	ctx := context.Background()
	all := policy.PageRequest{Limit: 1000}
	m2 := policytest.MissionID(2)
	nonEmpty := map[string]int{} // filter → combinations with a non-empty answer

	missionSetters := map[string]func(*policy.MissionFilter){
		"hostCountry": func(f *policy.MissionFilter) { f.HostCountry = new("bbb") },
		"agenda":      func(f *policy.MissionFilter) { f.Agenda = new("HR") },
		"activeOn":    func(f *policy.MissionFilter) { f.ActiveOn = new(policy.MustDate("2003-06-01")) },
		"active":      func(f *policy.MissionFilter) { f.Active = new(true) },
	}
	subsets(missionSetters, func(name string, f policy.MissionFilter) {
		t.Run("missions/"+name, func(t *testing.T) {
			page, err := store.FindMissions(ctx, f, all)
			if err != nil {
				t.Fatal(err)
			}
			total, want := oldPage(t, store, oldFindMissions, oldMissionParams(f), all.Limit)
			wantIDs(t, "missions", ids(page.Items, func(m policy.Mission) string { return m.ID }), want)
			if page.Total != total {
				t.Errorf("total = %d, old query %d", page.Total, total)
			}
			if total > 0 {
				nonEmpty["missions"]++
			}
		})
	})

	clauseSetters := map[string]func(*policy.ClauseFilter){
		"mission": func(f *policy.ClauseFilter) { f.Mission = new(m2) },
		"agenda":  func(f *policy.ClauseFilter) { f.Agenda = new("SSR") },
		"mandate": func(f *policy.ClauseFilter) { f.Mandate = new(policytest.MandateID(2, 1)) },
		"from":    func(f *policy.ClauseFilter) { f.From = new(policy.MustDate("2002-01-01")) },
		"to":      func(f *policy.ClauseFilter) { f.To = new(policy.MustDate("2003-12-31")) },
		"text":    func(f *policy.ClauseFilter) { f.Text = new("DUE DILIGENCE") },
	}
	clauses := func(name string, f policy.ClauseFilter) {
		t.Run("clauses/"+name, func(t *testing.T) {
			page, err := store.FindClauses(ctx, f, all)
			if err != nil {
				t.Fatal(err)
			}
			total, want := oldPage(t, store, oldFindClauses, oldClauseParams(f), all.Limit)
			wantIDs(t, "clauses", ids(page.Items, func(c policy.Clause) string { return c.ID }), want)
			if page.Total != total {
				t.Errorf("total = %d, old query %d", page.Total, total)
			}
			if total > 0 {
				nonEmpty["clauses"]++
			}
		})
	}
	subsets(clauseSetters, clauses)
	// A zero date did not filter (its parameter was null); it still does not.
	clauses("zero dates", policy.ClauseFilter{From: new(policy.Date{}), To: new(policy.Date{})})

	documentSetters := map[string]func(*policy.DocumentFilter){
		"kind":   func(f *policy.DocumentFilter) { f.Kind = new(policy.DocPolicy) },
		"issuer": func(f *policy.DocumentFilter) { f.Issuer = new("PEACE") },
		"agenda": func(f *policy.DocumentFilter) { f.Agenda = new("SSR") },
		"year":   func(f *policy.DocumentFilter) { f.Year = new(2012) },
	}
	subsets(documentSetters, func(name string, f policy.DocumentFilter) {
		t.Run("documents/"+name, func(t *testing.T) {
			page, err := store.FindDocuments(ctx, f, all)
			if err != nil {
				t.Fatal(err)
			}
			total, want := oldPage(t, store, oldFindDocuments, oldDocumentParams(f), all.Limit)
			wantIDs(t, "documents", ids(page.Items, func(d policy.Document) string { return d.ID }), want)
			if page.Total != total {
				t.Errorf("total = %d, old query %d", page.Total, total)
			}
			if total > 0 {
				nonEmpty["documents"]++
			}
		})
	})

	// The values must select something, or the comparison proves little:
	// at least the unset filter and each single field give a non-empty list.
	for what, min := range map[string]int{"missions": 1 + len(missionSetters), "clauses": 1 + len(clauseSetters),
		"documents": 1 + len(documentSetters)} {
		if nonEmpty[what] < min {
			t.Errorf("%s: %d combinations have a non-empty answer, want at least %d", what, nonEmpty[what], min)
		}
	}
}

// BenchmarkListFilters times each listing with no filter set, the old
// query ("$x IS NULL OR ..." for every field) against the new one (only
// the set fields' predicates), side by side on a synthetic graph of about
// 100,000 relationships (synth.Dataset(100_000, 1)):
//
//	scripts/test.sh go test ./neo4jdb/ -run '^$' -bench BenchmarkListFilters -benchtime 10x
//
// The new and old answers are compared once before timing.
func BenchmarkListFilters(b *testing.B) {
	store := neo4jtest.Open(b)
	ctx := context.Background()
	ds := synth.Dataset(100_000, 1)
	start := time.Now()
	if _, err := store.Load(ctx, ds, neo4jdb.LoadOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %v in %v (%d relationships)", ds.Counts(), time.Since(start).Round(time.Millisecond), synth.Relationships(ds))
	page := policy.PageRequest{Limit: 50}
	lists := []struct {
		name  string
		old   string
		param map[string]any
		new   func() (int, []string, error)
	}{
		{"missions", oldFindMissions, oldMissionParams(policy.MissionFilter{}), func() (int, []string, error) {
			p, err := store.FindMissions(ctx, policy.MissionFilter{}, page)
			return p.Total, ids(p.Items, func(m policy.Mission) string { return m.ID }), err
		}},
		{"clauses", oldFindClauses, oldClauseParams(policy.ClauseFilter{}), func() (int, []string, error) {
			p, err := store.FindClauses(ctx, policy.ClauseFilter{}, page)
			return p.Total, ids(p.Items, func(c policy.Clause) string { return c.ID }), err
		}},
		{"documents", oldFindDocuments, oldDocumentParams(policy.DocumentFilter{}), func() (int, []string, error) {
			p, err := store.FindDocuments(ctx, policy.DocumentFilter{}, page)
			return p.Total, ids(p.Items, func(d policy.Document) string { return d.ID }), err
		}},
	}
	for _, l := range lists {
		total, got, err := l.new()
		if err != nil {
			b.Fatal(err)
		}
		oldTotal, want := oldPage(b, store, l.old, l.param, page.Limit)
		if total != oldTotal || !slices.Equal(got, want) {
			b.Fatalf("%s: new %d %v, old %d %v", l.name, total, got, oldTotal, want)
		}
		b.Logf("%s: %d in all", l.name, total)
		// Old and new alternate within each iteration, each going first
		// every other time, so that the machine's load and any warming
		// fall on both alike; each is reported per query.
		b.Run(l.name, func(b *testing.B) {
			var oldTime, newTime time.Duration
			runOld := func() {
				t := time.Now()
				oldPage(b, store, l.old, l.param, page.Limit)
				oldTime += time.Since(t)
			}
			runNew := func() {
				t := time.Now()
				if _, _, err := l.new(); err != nil {
					b.Fatal(err)
				}
				newTime += time.Since(t)
			}
			for i := range b.N {
				if i%2 == 0 {
					runOld()
					runNew()
				} else {
					runNew()
					runOld()
				}
			}
			b.ReportMetric(float64(oldTime.Microseconds())/1000/float64(b.N), "old-ms/query")
			b.ReportMetric(float64(newTime.Microseconds())/1000/float64(b.N), "new-ms/query")
		})
	}
}
