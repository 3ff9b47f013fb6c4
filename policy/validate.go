package policy

import (
	"slices"
	"strings"
)

// Bounds of the API's reads, and their defaults.
const (
	MaxGraphNodes            = 500 // node cap of every Graph, and its default
	MaxNeighborhoodDepth     = 3
	DefaultNeighborhoodDepth = 1
	MaxPathHops              = 10
	MaxOverlapAgendas        = 12
	MinStrength, MaxStrength = 1, 3 // a relation's strength
)

// Validate checks the filter's bounds: at most two agendas, a known
// mechanism, strengths from MinStrength to MaxStrength.
func (f RelationFilter) Validate() error {
	if len(f.Agendas) > 2 {
		return Errorf(EINVALID, "a relation filter takes one or two agenda ids (a relation has two ends), got %d", len(f.Agendas))
	}
	if f.Mechanism != nil {
		if _, ok := MechanismByCode(*f.Mechanism); !ok {
			return Errorf(EINVALID, "unknown mechanism %q (see the mechanism vocabulary in docs/data-format.md)", *f.Mechanism)
		}
	}
	for _, s := range []struct {
		name string
		v    *int
	}{{"strength", f.Strength}, {"minimum strength", f.MinStrength}} {
		if s.v != nil && (*s.v < MinStrength || *s.v > MaxStrength) {
			return Errorf(EINVALID, "%s must be between %d and %d, got %d", s.name, MinStrength, MaxStrength, *s.v)
		}
	}
	return nil
}

// Validate checks the filter's kinds and node limit (1 to MaxGraphNodes).
func (f GraphFilter) Validate() error {
	for _, k := range f.NodeKinds {
		if !slices.Contains(NodeKinds, k) {
			return Errorf(EINVALID, "unknown node kind %q (want one of %s)", k, joinKinds(NodeKinds))
		}
	}
	for _, k := range f.EdgeKinds {
		if !slices.Contains(EdgeKinds, k) {
			return Errorf(EINVALID, "unknown edge kind %q (want one of %s)", k, joinKinds(EdgeKinds))
		}
	}
	if f.Limit != nil && (*f.Limit < 1 || *f.Limit > MaxGraphNodes) {
		return Errorf(EINVALID, "the node limit must be between 1 and %d, got %d", MaxGraphNodes, *f.Limit)
	}
	return nil
}

// NodeLimit is the filter's node limit, MaxGraphNodes when it sets none.
func (f GraphFilter) NodeLimit() int {
	if f.Limit == nil {
		return MaxGraphNodes
	}
	return *f.Limit
}

// CheckDepth checks a neighborhood depth (1 to MaxNeighborhoodDepth).
func CheckDepth(depth int) error {
	if depth < 1 || depth > MaxNeighborhoodDepth {
		return Errorf(EINVALID, "depth must be between 1 and %d, got %d", MaxNeighborhoodDepth, depth)
	}
	return nil
}

// CheckPathHops checks a shortest path's bound (1 to MaxPathHops).
func CheckPathHops(hops int) error {
	if hops < 1 || hops > MaxPathHops {
		return Errorf(EINVALID, "maxHops must be between 1 and %d, got %d", MaxPathHops, hops)
	}
	return nil
}

// OverlapAgendas returns the agenda ids of an agenda overlap without
// repeats or empty ids, and checks there are 1 to MaxOverlapAgendas.
func OverlapAgendas(ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if len(out) == 0 || len(out) > MaxOverlapAgendas {
		return nil, Errorf(EINVALID, "agendas takes 1 to %d agenda ids, got %d", MaxOverlapAgendas, len(out))
	}
	return out, nil
}

func joinKinds[K ~string](ks []K) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
