package loader

import (
	"fmt"
	"sort"
	"strings"
)

// Diagnostic is one problem found in a dataset, with the place it was found.
type Diagnostic struct {
	// File is the file's path as given by the caller (relative paths stay
	// relative), or the directory for problems with a whole directory.
	File string
	// Line and Column are 1-based; Column counts characters, not bytes.
	// Either is 0 when not known (YAML syntax errors carry no column).
	Line, Column int
	// Path is the field path, e.g. "mandates[0].missions[0]"; empty for
	// problems with the file as a whole.
	Path string
	// Message says what is wrong and, where it can, what would be right.
	Message string
}

// String formats the diagnostic as "file:line:column: path: message",
// leaving out the parts that are not known.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&b, ":%d", d.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is every problem found in a dataset, sorted by file, line and
// column. It implements error; an empty Diagnostics means the input is valid.
type Diagnostics []Diagnostic

// Error returns the diagnostics one per line.
func (ds Diagnostics) Error() string { return strings.Join(ds.Lines(), "\n") }

// Lines returns each diagnostic formatted by Diagnostic.String.
func (ds Diagnostics) Lines() []string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return lines
}

// Count returns the number of problems.
func (ds Diagnostics) Count() int { return len(ds) }

// Err returns ds as an error, or nil when there are no problems. Use it
// rather than converting ds to error directly, which is never nil.
func (ds Diagnostics) Err() error {
	if len(ds) == 0 {
		return nil
	}
	return ds
}

// sorted returns ds sorted by file, line and column (keeping the order in
// which problems were found among equals), with exact repeats removed.
func (ds Diagnostics) sorted() Diagnostics {
	out := append(Diagnostics(nil), ds...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	seen := make(map[Diagnostic]bool, len(out))
	uniq := out[:0]
	for _, d := range out {
		if !seen[d] {
			seen[d] = true
			uniq = append(uniq, d)
		}
	}
	return uniq
}
