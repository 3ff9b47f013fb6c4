// Package officialtext reads the official text of a Security Council
// resolution, as published in three public collections (a paragraphs JSON
// per resolution, a hard-wrapped plain text, Akoma Ntoso XML), and cuts its
// operative part into located items: numbered paragraphs, lettered and
// roman sub-items, so a clause's locator ("12(a)", "35(ii)(d)") can be
// checked and its text found. Tests of the bundled data and of the
// importer share it; the product does not need it.
package officialtext

import (
	"fmt"
	"os"
	"path/filepath"
)

// Dirs are the collections Find reads, in order of preference; an empty
// one is skipped.
type Dirs struct {
	Paragraphs string // paragraphs JSON, S_RES_N(YYYY).json
	Plain      string // plain text, S_RES_NNNN_YYYY_EN_GOLD.txt
	AKN        string // Akoma Ntoso XML, any file names
}

// Find reads the official text of symbol ("S/RES/1925(2010)") from the
// first collection that holds it: the paragraphs JSON, then the plain
// text, then the Akoma Ntoso XML. It returns nil (and no error) when none
// does or symbol is not a resolution symbol.
func Find(dirs Dirs, symbol string) (*Text, error) {
	m := symbolFile.FindStringSubmatch(symbol)
	if m == nil {
		return nil, nil
	}
	if f := filepath.Join(dirs.Paragraphs, fmt.Sprintf("S_RES_%s(%s).json", m[1], m[2])); dirs.Paragraphs != "" && exists(f) {
		return ParseJSON(symbol, f)
	}
	if f := filepath.Join(dirs.Plain, fmt.Sprintf("S_RES_%04d_%s_EN_GOLD.txt", atoi(m[1]), m[2])); dirs.Plain != "" && exists(f) {
		return ParseGold(symbol, f)
	}
	if dirs.AKN != "" {
		f, err := AKNFile(dirs.AKN, symbol)
		if err != nil || f == "" {
			return nil, err
		}
		return ParseAKN(symbol, f)
	}
	return nil, nil
}
func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
