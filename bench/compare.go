package main

// The check that runs before any timing: every contender's answer to every
// operation, reduced to plain JSON values, must equal the floor's (ids,
// order, ends, evidence, scores, counts).

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
)

// canonical turns an answer (driver values or decoded JSON) into plain
// JSON values: numbers as float64 (scores to 12 significant digits, so the
// check does not depend on how each side prints a double), lists and maps
// as they are.
func canonical(v any) any {
	switch x := v.(type) {
	case nil, string, bool:
		return x
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case float64:
		return round12(x)
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return round12(f)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonical(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = canonical(e)
		}
		return out
	}
	return fmt.Sprintf("%T:%v", v, v)
}

func round12(f float64) float64 {
	if f == math.Trunc(f) {
		return f
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
	return r
}

// difference returns "" when a equals b, else where they first differ.
func difference(a, b any, path string) string {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok {
			return fmt.Sprintf("%s: list vs %s", path, short(b))
		}
		for i := range min(len(x), len(y)) {
			if d := difference(x[i], y[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d items vs %d", path, len(x), len(y))
		}
		return ""
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: object vs %s", path, short(b))
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			if d := difference(x[k], y[k], path+"."+k); d != "" {
				return d
			}
		}
		return ""
	}
	if a != b {
		return fmt.Sprintf("%s: %s vs %s", path, short(a), short(b))
	}
	return ""
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}

// size counts the values in an answer, to show it is not empty.
func size(v any) int {
	switch x := v.(type) {
	case nil:
		return 0
	case []any:
		n := 0
		for _, e := range x {
			n += size(e)
		}
		return n
	case map[string]any:
		n := 0
		for _, e := range x {
			n += size(e)
		}
		return n
	}
	return 1
}
