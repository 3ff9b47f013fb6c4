// Package model holds the Go types the GraphQL schema is bound to
// (gqlgen.yml `models:`): the domain types of package policy, each wrapped
// with the Batch it was loaded in, and the Date scalar. gqlgen generates
// the rest (connections, inputs, enums) into models_gen.go.
package model

import (
	"context"
	"fmt"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/mandategraph/mandategraph/policy"
)

// Node is the GraphQL Node interface: anything with a global id.
type Node interface {
	IsNode()
	GetID() string
}

// Batch is the set of objects one database read returned together: the
// siblings at one level of a response. A field of any member is loaded for
// all members at once, the first time one of them asks, so each field at
// each level of a request costs one query whatever the number of objects.
type Batch struct {
	// An RWMutex: every member asks for the same few keys (13,801 clauses
	// each ask for their agendas in one request), almost always after the
	// load is there, so those lookups share the lock.
	mu      sync.RWMutex
	members []any
	loads   map[string]*batchLoad
}

type batchLoad struct {
	done chan struct{}
	val  any
	err  error
}

// NewBatch returns an empty batch.
func NewBatch() *Batch { return &Batch{loads: map[string]*batchLoad{}} }

func (b *Batch) add(x any) {
	b.mu.Lock()
	b.members = append(b.members, x)
	b.mu.Unlock()
}

// Members returns the batch's objects.
func (b *Batch) Members() []any {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return append([]any(nil), b.members...)
}

// Preload stores val as the result of key's load, as if a Load of key had
// returned it: a read that fetched several levels at once (graph/tree.go)
// hands each level's batch the children it already has, and the resolvers
// that would load them find them there. A key already loaded or loading is
// left as it is.
func (b *Batch) Preload(key string, val any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.loads[key]; ok {
		return
	}
	l := &batchLoad{done: make(chan struct{}), val: val}
	close(l.done)
	b.loads[key] = l
}

// Peek returns the result of key's load when it is there (preloaded or
// loaded), without loading it.
func (b *Batch) Peek(key string) (any, bool) {
	b.mu.RLock()
	l, ok := b.loads[key]
	b.mu.RUnlock()
	if !ok {
		return nil, false
	}
	select {
	case <-l.done:
		return l.val, l.err == nil
	default:
		return nil, false
	}
}

// Load runs fn once per key for the whole batch and returns its result to
// every caller; concurrent callers wait for the first one's fn.
func (b *Batch) Load(ctx context.Context, key string, fn func(ctx context.Context, members []any) (any, error)) (any, error) {
	b.mu.RLock()
	l, ok := b.loads[key]
	b.mu.RUnlock()
	if ok {
		return l.wait(ctx)
	}
	b.mu.Lock()
	l, ok = b.loads[key]
	if !ok {
		l = &batchLoad{done: make(chan struct{})}
		b.loads[key] = l
		members := append([]any(nil), b.members...)
		b.mu.Unlock()
		func() {
			defer close(l.done)
			defer func() {
				if r := recover(); r != nil {
					l.err = fmt.Errorf("batch load %s panicked: %v", key, r)
					panic(r)
				}
			}()
			l.val, l.err = fn(ctx, members)
		}()
		return l.val, l.err
	}
	b.mu.Unlock()
	return l.wait(ctx)
}

// wait returns the load's result once it is there, or ctx's error first.
func (l *batchLoad) wait(ctx context.Context) (any, error) {
	select {
	case <-l.done:
		return l.val, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Mission is policy.Mission bound to the GraphQL Mission type.
type Mission struct {
	policy.Mission
	Batch *Batch
}

func (*Mission) IsNode()           {}
func (m *Mission) GetID() string   { return m.ID }
func (m *Mission) Acronym() string { return m.ID }

// Mandate is policy.Mandate bound to the GraphQL Mandate type.
type Mandate struct {
	policy.Mandate
	Batch *Batch
}

func (*Mandate) IsNode()                {}
func (m *Mandate) GetID() string        { return m.ID }
func (m *Mandate) Symbol() string       { return m.ID }
func (m *Mandate) NullableURL() *string { return nullable(m.URL) }
func (m *Mandate) ChapterSeven() *bool  { return m.ChapterVII }

// Clause is policy.Clause bound to the GraphQL Clause type.
type Clause struct {
	policy.Clause
	Batch *Batch
}

func (*Clause) IsNode()                 {}
func (c *Clause) GetID() string         { return c.ID }
func (c *Clause) NullableText() *string { return nullable(c.Text) }

// NullableSummary is null for a clause the dataset gives no summary (an
// imported one), never an empty string.
func (c *Clause) NullableSummary() *string { return nullable(c.Summary) }

// Document is policy.Document bound to the GraphQL Document type.
type Document struct {
	policy.Document
	Batch *Batch
}

func (*Document) IsNode()                   {}
func (d *Document) GetID() string           { return d.ID }
func (d *Document) NullableSymbol() *string { return nullable(d.Symbol) }
func (d *Document) NullableURL() *string    { return nullable(d.URL) }

// Agenda is policy.Agenda bound to the GraphQL Agenda type.
type Agenda struct {
	policy.Agenda
	Batch *Batch
}

func (*Agenda) IsNode()                        {}
func (a *Agenda) GetID() string                { return a.ID }
func (a *Agenda) NullableDescription() *string { return nullable(a.Description) }

// Relation is policy.Relation bound to the GraphQL Relation type.
type Relation struct {
	policy.Relation
	Batch *Batch
}

func (*Relation) IsNode()         {}
func (r *Relation) GetID() string { return r.ID }
func (r *Relation) NullableStrength() *int {
	if r.Strength == 0 {
		return nil
	}
	return &r.Strength
}

// Evidence is policy.Evidence bound to the GraphQL Evidence type.
type Evidence struct {
	policy.Evidence
	Batch *Batch
}

func (e *Evidence) NullableLocator() *string { return nullable(e.Locator) }
func (e *Evidence) NullableNote() *string    { return nullable(e.Note) }

// MissionOverlap is one answer of agendaOverlap.
type MissionOverlap struct {
	Mission            *Mission
	Since              policy.Date // zero (null) when unknown
	RelationCount      int
	UnrecordedMandates int
}

// TimelineEntry is one mandate of mandateTimeline.
type TimelineEntry struct {
	Mandate  *Mandate
	Coverage policy.Coverage
	Agendas  []*Agenda
	Added    []*Agenda
	Dropped  []*Agenda
}

// SearchHit is one answer of search.
type SearchHit struct {
	Node  Node
	Score float64
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// NewNode wraps an entity of any kind as a member of b.
func NewNode(b *Batch, e policy.Entity) Node {
	switch {
	case e.Mission != nil:
		return NewMission(b, *e.Mission)
	case e.Mandate != nil:
		return NewMandate(b, *e.Mandate)
	case e.Clause != nil:
		return NewClause(b, *e.Clause)
	case e.Document != nil:
		return NewDocument(b, *e.Document)
	case e.Agenda != nil:
		return NewAgenda(b, *e.Agenda)
	case e.Relation != nil:
		return NewRelation(b, *e.Relation)
	}
	return nil
}

// NewMission wraps m as a member of b.
func NewMission(b *Batch, m policy.Mission) *Mission {
	x := &Mission{Mission: m, Batch: b}
	b.add(x)
	return x
}

// NewMandate wraps m as a member of b.
func NewMandate(b *Batch, m policy.Mandate) *Mandate {
	x := &Mandate{Mandate: m, Batch: b}
	b.add(x)
	return x
}

// NewClause wraps c as a member of b.
func NewClause(b *Batch, c policy.Clause) *Clause {
	x := &Clause{Clause: c, Batch: b}
	b.add(x)
	return x
}

// NewDocument wraps d as a member of b.
func NewDocument(b *Batch, d policy.Document) *Document {
	x := &Document{Document: d, Batch: b}
	b.add(x)
	return x
}

// NewAgenda wraps a as a member of b.
func NewAgenda(b *Batch, a policy.Agenda) *Agenda {
	x := &Agenda{Agenda: a, Batch: b}
	b.add(x)
	return x
}

// NewRelation wraps r as a member of b.
func NewRelation(b *Batch, r policy.Relation) *Relation {
	x := &Relation{Relation: r, Batch: b}
	b.add(x)
	return x
}

// NewEvidence wraps e as a member of b.
func NewEvidence(b *Batch, e policy.Evidence) *Evidence {
	x := &Evidence{Evidence: e, Batch: b}
	b.add(x)
	return x
}

// MarshalDate writes a date as YYYY-MM-DD, and an unset date as null.
func MarshalDate(d policy.Date) graphql.Marshaler {
	if d.IsZero() {
		return graphql.Null
	}
	return graphql.MarshalString(d.String())
}

// UnmarshalDate reads a YYYY-MM-DD date.
func UnmarshalDate(v any) (policy.Date, error) {
	s, ok := v.(string)
	if !ok {
		return policy.Date{}, policy.Errorf(policy.EINVALID, "a Date is a string YYYY-MM-DD, got %T", v)
	}
	d, err := policy.ParseDate(s)
	if err != nil {
		return policy.Date{}, policy.Errorf(policy.EINVALID, "%q is not a date YYYY-MM-DD", s)
	}
	return d, nil
}
