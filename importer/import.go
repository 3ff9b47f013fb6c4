package importer

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// MaxFileBytes bounds the size of one input file; the largest resolution
// in the UN's XML collection is under 1 MB.
const MaxFileBytes = 32 << 20

// Result is what importing a set of files gives.
type Result struct {
	Resolutions []*Resolution // sorted by year, then number
	Warnings    []*Problem
	// Errors are the files (or pairs of files) that gave nothing: not a
	// resolution, broken numbering, unreadable, or a duplicate symbol
	// with different content.
	Errors []*Problem
	Files  int // files read
}

// ReadDraft reads one file into a Draft, choosing the reader from the
// content: XML, a JSON array (EOSG paragraphs), or plain text.
func ReadDraft(file string, data []byte) (*Draft, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(trimmed, []byte("<")):
		return ReadAKN(bytes.NewReader(data), file)
	case bytes.HasPrefix(trimmed, []byte("[")):
		return ReadEOSG(data, file)
	default:
		return ReadText(string(data), file)
	}
}

// ImportFile reads and builds one file.
func ImportFile(file string) (*Resolution, []*Problem, *Problem) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, problemf(file, "", "cannot read: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, nil, problemf(file, "", "cannot read: %v", err)
	}
	if len(data) > MaxFileBytes {
		return nil, nil, problemf(file, "", "larger than %d MB; not a resolution file", MaxFileBytes>>20)
	}
	d, err := ReadDraft(file, data)
	if err != nil {
		if p, ok := err.(*Problem); ok {
			return nil, nil, p
		}
		return nil, nil, problemf(file, "", "%v", err)
	}
	return Build(d)
}

// Files expands paths: a file is itself; a directory gives every .xml,
// .json and .txt file under it, in lexical order.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".xml", ".json", ".txt":
				if !e.IsDir() {
					out = append(out, path)
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
	}
	return out, nil
}

// Import reads every file under paths. A file that fails is reported in
// Errors and the others still import. Two files with the same symbol are
// one resolution when their clauses (locators and normalised text) are
// identical, and an error naming both files otherwise; then neither is kept.
func Import(paths []string) (*Result, error) {
	files, err := Files(paths)
	if err != nil {
		return nil, err
	}
	r := &Result{Files: len(files)}
	bySymbol := map[string]*Resolution{}
	digest := map[string][32]byte{}
	conflict := map[string]bool{}
	for _, f := range files {
		res, warns, p := ImportFile(f)
		r.Warnings = append(r.Warnings, warns...)
		if p != nil {
			r.Errors = append(r.Errors, p)
			continue
		}
		sum := res.digest()
		if prev, ok := bySymbol[res.Symbol]; ok {
			if digest[res.Symbol] == sum {
				prev.Source.Also = append(prev.Source.Also, f)
				continue
			}
			r.Errors = append(r.Errors, problemf(f, "", "symbol %s is also in %s with different content; neither file imported", res.Symbol, prev.Source.File))
			conflict[res.Symbol] = true
			continue
		}
		bySymbol[res.Symbol], digest[res.Symbol] = res, sum
	}
	for sym, res := range bySymbol {
		if !conflict[sym] {
			r.Resolutions = append(r.Resolutions, res)
		}
	}
	sort.Slice(r.Resolutions, func(i, j int) bool {
		a, b := r.Resolutions[i], r.Resolutions[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Number < b.Number
	})
	return r, nil
}

// digest hashes what makes two copies of a resolution the same: its
// clauses' locators and normalised texts.
func (r *Resolution) digest() [32]byte {
	h := sha256.New()
	for _, c := range r.Clauses {
		fmt.Fprintf(h, "%s\x00%s\x00", c.Locator, c.Text)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}
