package loader

import (
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a", "", 1},
		{"", "abc", 3},
		{"abc", "abc", 0},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"MONUSC0", "MONUSCO", 1},
		{"POC", "PCO", 2}, // a transposition is two edits in Levenshtein distance
		{"hostCountry", "hostCountries", 3},
		{"café", "cafe", 1}, // counted in characters, not bytes
		{"ééé", "", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	missions := []string{"MINUSMA", "MONUSCO", "MONUC", "UNMISS"}
	tests := []struct {
		s          string
		candidates []string
		want       string // "" for no suggestion
	}{
		{"MONUSC0", missions, "MONUSCO"},
		{"MONUC", missions, ""},          // an exact match is not a near miss
		{"monusco", missions, "MONUSCO"}, // case is ignored
		{"UNMIS", missions, "UNMISS"},
		{"XYZ", missions, ""},
		{"", missions, ""},
		{"hostCountry", missionShape().names(), "hostCountries"},
		{"ChapterVII", mandateShape().names(), "chapterVII"},
		{"descripton", agendaShape().names(), "description"},
		{"colour", clauseShape().names(), ""},
		{"SHARED_GOALS", mechanismCodes(), "SHARED_GOAL"},
		{"AB", []string{"AC", "AD"}, "AC"},                                 // ties go to the first in sort order
		{"AB", []string{"AD", "AC"}, "AC"},                                 // whatever the candidates' order
		{"A", []string{"B"}, "B"},                                          // one edit is always near enough
		{"ABCDEF", []string{"UVWXYZ"}, ""},                                 // too far
		{strings.Repeat("A", 200), []string{strings.Repeat("A", 199)}, ""}, // too long to look
	}
	for _, tt := range tests {
		got, ok := closest(tt.s, tt.candidates)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("closest(%q) = %q, %v; want %q", tt.s, got, ok, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	if got, want := didYouMean("MONUSC0", []string{"MONUSCO"}), ` (did you mean "MONUSCO"?)`; got != want {
		t.Errorf("didYouMean = %q, want %q", got, want)
	}
	if got := didYouMean("ZZZ", []string{"MONUSCO"}); got != "" {
		t.Errorf("didYouMean with no near miss = %q, want empty", got)
	}
}

func TestOrList(t *testing.T) {
	tests := map[string][]string{
		"":                                    nil,
		"a":                                   {"a"},
		"a or b":                              {"a", "b"},
		"clause, agenda, mandate or document": {"clause", "agenda", "mandate", "document"},
	}
	for want, words := range tests {
		if got := orList(words); got != want {
			t.Errorf("orList(%q) = %q, want %q", words, got, want)
		}
	}
}
