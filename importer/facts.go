package importer

import (
	_ "embed"
	"fmt"
	"strings"
)

// missionFactsTSV holds the facts an import needs to create a mission the
// dataset does not have yet: start, end and host countries (see its header
// for the sources).
//
//go:embed mission_facts.tsv
var missionFactsTSV string

// MissionFacts is one row of the embedded mission facts table.
type MissionFacts struct {
	ID            string   // the mission table's id
	Acronym       string   // as in the Data Hub list
	Start, End    string   // YYYY-MM-DD; End "" when the list gives none
	HostCountries []string // ISO 3166-1 alpha-3, sorted
}

var missionFacts = mustMissionFacts(missionFactsTSV)

// Facts returns the facts of the mission with the given id, and whether the
// table has them (peacekeeping missions of the Data Hub list only).
func Facts(id string) (MissionFacts, bool) {
	f, ok := missionFacts[id]
	return f, ok
}

// AllFacts returns every row of the facts table, by id.
func AllFacts() map[string]MissionFacts {
	out := make(map[string]MissionFacts, len(missionFacts))
	for k, v := range missionFacts {
		out[k] = v
	}
	return out
}

func mustMissionFacts(tsv string) map[string]MissionFacts {
	m, err := parseMissionFacts(tsv)
	if err != nil {
		panic(err) // embedded: a broken table is a build defect facts_test catches
	}
	return m
}

func parseMissionFacts(tsv string) (map[string]MissionFacts, error) {
	out := map[string]MissionFacts{}
	header := false
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("mission_facts.tsv:%d: want 5 tab-separated fields, have %d", i+1, len(f))
		}
		if !header {
			header = true
			continue
		}
		if _, dup := out[f[0]]; dup {
			return nil, fmt.Errorf("mission_facts.tsv:%d: %s twice", i+1, f[0])
		}
		if missions.byAcronym[f[1]] == nil || missions.byAcronym[f[1]].ID != f[0] {
			return nil, fmt.Errorf("mission_facts.tsv:%d: %s (%s) is not in missions.tsv", i+1, f[0], f[1])
		}
		out[f[0]] = MissionFacts{ID: f[0], Acronym: f[1], Start: f[2], End: f[3], HostCountries: strings.Split(f[4], ",")}
	}
	return out, nil
}
