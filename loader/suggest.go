package loader

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxSuggestLen bounds the length of strings for which near misses are
// looked for, so that huge values cannot make suggestion quadratic-slow.
const maxSuggestLen = 100

// editDistance returns the Levenshtein distance between a and b: the least
// number of single-character insertions, deletions and substitutions that
// turn one into the other. It counts characters (runes), not bytes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// closest returns the candidate most likely meant when s was written: the
// one at the least edit distance, ignoring case, provided that distance is
// at most a third of s's length (at least 1). Ties go to the candidate that
// sorts first, so the answer does not depend on the candidates' order. It
// reports false when no candidate is near enough.
func closest(s string, candidates []string) (string, bool) {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > maxSuggestLen {
		return "", false
	}
	limit := max(1, n/3)
	folded := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == s {
			continue
		}
		cn := utf8.RuneCountInString(c)
		if cn-n > limit || n-cn > limit {
			continue // the length difference alone is too far
		}
		d := editDistance(folded, strings.ToLower(c))
		if d > limit {
			continue
		}
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best, bestDist >= 0
}

// didYouMean returns ` (did you mean "X"?)` for the closest candidate, or
// "" when none is near.
func didYouMean(s string, candidates []string) string {
	if c, ok := closest(s, candidates); ok {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
