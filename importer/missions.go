package importer

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// missionsTSV is the mission table: id, acronym, kind and full name per
// line (see its header for sources).
//
//go:embed missions.tsv
var missionsTSV string

// notMissionsTXT lists mission-like acronyms that are not missions.
//
//go:embed not_missions.txt
var notMissionsTXT string

// Mission is one row of the embedded mission table.
type Mission struct {
	ID      string // the project's mission id, e.g. "MONUSCO", "UNOSOM-II"
	Acronym string // as printed in resolutions, e.g. "UNOSOM II"
	Kind    string // "peacekeeping" or "political"
	Name    string // full name
}

// missionTable is the parsed, embedded mission table.
type missionTable struct {
	rows       []Mission
	byAcronym  map[string]*Mission
	names      []*Mission // matched by full name, longest name first
	notMission map[string]bool
}

var missions = mustMissionTable(missionsTSV, notMissionsTXT)

// Missions returns the embedded mission table, sorted by id.
func Missions() []Mission { return append([]Mission(nil), missions.rows...) }

func mustMissionTable(tsv, not string) *missionTable {
	t, err := parseMissionTable(tsv, not)
	if err != nil {
		panic(err) // the table is embedded: a broken one is a build defect a test catches
	}
	return t
}

func parseMissionTable(tsv, not string) (*missionTable, error) {
	t := &missionTable{byAcronym: map[string]*Mission{}, notMission: map[string]bool{}}
	header := false
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("missions.tsv:%d: want 4 tab-separated fields, have %d", i+1, len(f))
		}
		if !header {
			header = true
			continue
		}
		t.rows = append(t.rows, Mission{ID: f[0], Acronym: f[1], Kind: f[2], Name: f[3]})
	}
	sort.Slice(t.rows, func(i, j int) bool { return t.rows[i].ID < t.rows[j].ID })
	for i := range t.rows {
		m := &t.rows[i]
		if t.byAcronym[m.Acronym] != nil {
			return nil, fmt.Errorf("missions.tsv: acronym %s twice", m.Acronym)
		}
		t.byAcronym[m.Acronym] = m
		words := strings.Fields(m.Name)
		if len(words) >= 4 && !romanSuffix.MatchString(m.Name) {
			t.names = append(t.names, m)
		}
	}
	sort.SliceStable(t.names, func(i, j int) bool { return len(t.names[i].Name) > len(t.names[j].Name) })
	for _, line := range strings.Split(not, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			t.notMission[line] = true
		}
	}
	return t, nil
}

var (
	romanSuffix = regexp.MustCompile(` [IVX]+$`)
	// missionLike matches acronyms shaped like mission acronyms, with the
	// roman numeral some of them carry ("UNOSOM II").
	missionLike = regexp.MustCompile(`\b(?:UN[A-Z]{2,8}|MINU[A-Z]{1,6}|MONU[A-Z]{1,4}|ONU[A-Z]{1,4}|BINU[A-Z]{1,3})(?: (?:III|II|I)\b)?`)
)

// find returns the ids of the missions a text names and the mission-like
// acronyms it uses that the table does not know, both sorted.
func (t *missionTable) find(text string) (ids, unknown []string) {
	seen, unk := map[string]bool{}, map[string]bool{}
	for _, a := range missionLike.FindAllString(text, -1) {
		if m := t.byAcronym[a]; m != nil {
			seen[m.ID] = true
			continue
		}
		base, _, _ := strings.Cut(a, " ")
		if m := t.byAcronym[base]; m != nil {
			seen[m.ID] = true
			continue
		}
		if !t.notMission[base] {
			unk[base] = true
		}
	}
	// Longest names first, and a matched name is blanked out, so that
	// "... Central African Republic and Chad" does not also count as the
	// shorter "... Central African Republic".
	lower := []byte(strings.ToLower(text))
	for _, m := range t.names {
		name := []byte(strings.ToLower(m.Name))
		for off := 0; ; {
			i := bytes.Index(lower[off:], name)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(name)
			if (start == 0 || !isWordByte(lower[start-1])) && (end == len(lower) || !isWordByte(lower[end])) {
				seen[m.ID] = true
				for k := start; k < end; k++ {
					lower[k] = ' '
				}
			}
			off = end
		}
	}
	return sortedKeys(seen), sortedKeys(unk)
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
