package neo4jdb

// The API's reads, part 1: running read queries, scanning nodes and
// relationships into domain types, and lookups by id. Every read is one
// query in one read transaction (routable to a cluster secondary) with the
// store's transaction timeout, so a GraphQL request's round trips are
// exactly the number of read calls it makes.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/mandategraph/mandategraph/policy"
)

// query runs one read query in its own read transaction and returns its
// records.
func (s *Store) query(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		return s.run(ctx, tx, query, params)
	})
}

// ---- scanning ----

// props reads typed properties from a node or relationship, remembering
// the first problem so a scan reports one clear error instead of zeros.
type props struct {
	what string
	id   any // with what, when set: formatted only for an error, not for every node scanned
	m    map[string]any
	// keys and vals, when keys is set, are the properties as a list row
	// gives them (entityFromList); a null value is an absent property.
	keys []string
	vals []any
	err  error
}

// get returns the property key, ok false when it is absent.
func (p *props) get(key string) (any, bool) {
	if p.keys == nil {
		v, ok := p.m[key]
		return v, ok
	}
	for i, k := range p.keys {
		if k == key {
			return p.vals[i], p.vals[i] != nil
		}
	}
	return nil, false
}

// desc names what is scanned, e.g. "node S/RES/2409(2018)".
func (p *props) desc() string {
	if p.id == nil {
		return p.what
	}
	return fmt.Sprintf("%s %v", p.what, p.id)
}

func (p *props) fail(key, format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%s: property %q: %s", p.desc(), key, fmt.Sprintf(format, args...))
	}
}

func (p *props) str(key string) string {
	v, ok := p.get(key)
	if !ok {
		p.fail(key, "missing")
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.fail(key, "is %T, want string", v)
	}
	return s
}

func (p *props) optStr(key string) string {
	if _, ok := p.get(key); !ok {
		return ""
	}
	return p.str(key)
}

func (p *props) optInt(key string) int {
	v, ok := p.get(key)
	if !ok {
		return 0
	}
	i, ok := v.(int64)
	if !ok {
		p.fail(key, "is %T, want integer", v)
	}
	return int(i)
}

func (p *props) optBool(key string) *bool {
	v, ok := p.get(key)
	if !ok {
		return nil
	}
	b, ok := v.(bool)
	if !ok {
		p.fail(key, "is %T, want boolean", v)
		return nil
	}
	return &b
}

func (p *props) optDate(key string) policy.Date {
	v, ok := p.get(key)
	if !ok || v == nil { // a map's null value, as a query's result may hold
		return policy.Date{}
	}
	d, ok := v.(neo4j.Date)
	if !ok {
		p.fail(key, "is %T, want date", v)
		return policy.Date{}
	}
	t := time.Time(d)
	return policy.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

func (p *props) date(key string) policy.Date {
	if _, ok := p.get(key); !ok {
		p.fail(key, "missing")
	}
	return p.optDate(key)
}

func (p *props) strs(key string) []string {
	v, ok := p.get(key)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		p.fail(key, "is %T, want list", v)
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			p.fail(key, "has a %T, want strings", x)
			return nil
		}
		out = append(out, s)
	}
	return out
}

func (p *props) provenance() policy.Provenance {
	return policy.Provenance{
		Source: p.optStr("provenanceSource"),
		Status: policy.ProvenanceStatus(p.optStr("provenanceStatus")),
		Method: p.optStr("provenanceMethod"),
	}
}

// relationFrom scans a TENSION or CONVERGENCE relationship whose ends have
// the given ids.
func relationFrom(r neo4j.Relationship, source, target string) (policy.Relation, error) {
	p := &props{m: r.Props}
	p.what, p.id = "relation", r.Props["id"]
	rel := policy.Relation{
		ID: p.str("id"), Kind: policy.RelationKind(r.Type), Source: source, Target: target,
		Mechanism: p.str("mechanism"), Summary: p.str("summary"), Strength: p.optInt("strength"),
		Mission: p.optStr("mission"),
	}
	docs, locs, notes := p.strs("evidenceDocuments"), p.strs("evidenceLocators"), p.strs("evidenceNotes")
	if len(locs) != len(docs) || len(notes) != len(docs) {
		p.fail("evidenceDocuments", "evidence lists differ in length (%d, %d, %d)", len(docs), len(locs), len(notes))
	}
	for i := range docs {
		if i < len(locs) && i < len(notes) {
			rel.Evidence = append(rel.Evidence, policy.Evidence{Document: docs[i], Locator: locs[i], Note: notes[i]})
		}
	}
	return rel, p.err
}

// recordNode reads a node column; ok is false when the column is null.
func recordNode(rec *neo4j.Record, key string) (n neo4j.Node, ok bool, err error) {
	v, isNil, err := neo4j.GetRecordValue[neo4j.Node](rec, key)
	if err != nil {
		return n, false, fmt.Errorf("column %q: %w", key, err)
	}
	return v, !isNil, nil
}

// relationColumns scans the columns rel, src, tgt that relation queries
// return.
func relationColumns(rec *neo4j.Record) (policy.Relation, error) {
	r, err := get[neo4j.Relationship](rec, "rel")
	if err != nil {
		return policy.Relation{}, err
	}
	src, err := get[string](rec, "src")
	if err != nil {
		return policy.Relation{}, err
	}
	tgt, err := get[string](rec, "tgt")
	if err != nil {
		return policy.Relation{}, err
	}
	return relationFrom(r, src, tgt)
}

// relationFromMap scans a {rel, src, tgt} map collected inside a query.
func relationFromMap(v any) (policy.Relation, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return policy.Relation{}, fmt.Errorf("relation row is %T, want map", v)
	}
	r, ok1 := m["rel"].(neo4j.Relationship)
	src, ok2 := m["src"].(string)
	tgt, ok3 := m["tgt"].(string)
	if !ok1 || !ok2 || !ok3 {
		return policy.Relation{}, fmt.Errorf("relation row has %T, %T, %T", m["rel"], m["src"], m["tgt"])
	}
	return relationFrom(r, src, tgt)
}

// nodesFromList scans a list of nodes collected inside a query.
func nodesFromList(v any) ([]policy.Entity, error) {
	list, ok := v.([]any)
	if !ok && v != nil {
		return nil, fmt.Errorf("node list is %T", v)
	}
	out := make([]policy.Entity, 0, len(list))
	for _, x := range list {
		n, ok := x.(neo4j.Node)
		if !ok {
			return nil, fmt.Errorf("node list has a %T", x)
		}
		e, err := entityFromNode(n)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// ---- lookups ----

// FindEntities returns the entities (nodes or relations) with the given
// ids, keyed by id; unknown ids are absent from the map.
func (s *Store) FindEntities(ctx context.Context, ids []string) (map[string]policy.Entity, error) {
	out := map[string]policy.Entity{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, `UNWIND $ids AS key
		CALL (key) {
			MATCH (n:Entity {id: key}) RETURN n AS node, null AS rel, null AS src, null AS tgt
			UNION ALL
			MATCH (a:Entity)-[r:TENSION {id: key}]->(b:Entity) RETURN null AS node, r AS rel, a.id AS src, b.id AS tgt
			UNION ALL
			MATCH (a:Entity)-[r:CONVERGENCE {id: key}]->(b:Entity) RETURN null AS node, r AS rel, a.id AS src, b.id AS tgt
		}
		RETURN key, node, rel, src, tgt`, map[string]any{"ids": dedupe(ids)})
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	for _, rec := range recs {
		key, err := get[string](rec, "key")
		if err != nil {
			return nil, err
		}
		n, ok, err := recordNode(rec, "node")
		if err != nil {
			return nil, err
		}
		if ok {
			e, err := entityFromNode(n)
			if err != nil {
				return nil, err
			}
			out[key] = e
			continue
		}
		rel, err := relationColumns(rec)
		if err != nil {
			return nil, err
		}
		out[key] = policy.Entity{Relation: &rel}
	}
	return out, nil
}

// dedupe returns ids without repeats or empty strings, in first-seen order.
func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// ---- parameters ----

// param is *p as a Cypher parameter, or null (no filtering) when p is nil,
// with conv applied (the driver takes plain strings and int64s, and a Go
// time.Time would become a DATETIME, which never equals a DATE).
func param[T, P any](p *T, conv func(T) P) any {
	if p == nil {
		return nil
	}
	return conv(*p)
}

func asIs[T any](v T) T              { return v }
func asString[S ~string](v S) string { return string(v) }
func asInt64(v int) int64            { return int64(v) }
func asDate(d policy.Date) any       { return dateValue(d) }

// pageParams validates a page request and returns its Cypher parameters:
// the list is sliced as all[$offset..$end].
func pageParams(p policy.PageRequest, params map[string]any) error {
	if p.Offset < 0 || p.Limit < 0 {
		return policy.Errorf(policy.EINVALID, "page offset and size must not be negative")
	}
	params["offset"] = int64(p.Offset)
	params["end"] = int64(p.Offset) + int64(p.Limit)
	return nil
}

// isLuceneSyntaxError reports whether err is the full-text procedure
// rejecting its query string.
func isLuceneSyntaxError(err error) bool {
	var nerr *neo4j.Neo4jError
	if !errors.As(err, &nerr) {
		return false
	}
	return strings.HasPrefix(nerr.Code, "Neo.ClientError.Procedure.") &&
		(strings.Contains(nerr.Msg, "ParseException") || strings.Contains(nerr.Msg, "parse"))
}
