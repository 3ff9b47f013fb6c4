// Package loader reads mandategraph datasets — directories of YAML or JSON
// files in the format of docs/data-format.md — into a *policy.Dataset.
//
// It validates the whole input before returning anything: syntax, types,
// required and unknown fields, id formats, dates, controlled vocabularies
// and every cross-reference, across all files at once. Every problem is
// reported, each as a Diagnostic with file, line, column and field path, so
// one run shows everything there is to fix:
//
//	ds, diags := loader.Read("data")
//	if len(diags) > 0 {
//		return fmt.Errorf("loading data: %w", diags)
//	}
//
// The package does no I/O beyond reading the files and knows nothing of the
// database; package neo4jdb writes the dataset it returns.
package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/mandategraph/mandategraph/policy"
)

// IsDatasetFile reports whether name has the extension of a dataset file
// (.yaml, .yml or .json, in any case) and is not hidden (starting with ".").
func IsDatasetFile(name string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") {
		return false
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// file is one input file: its name for messages and its bytes.
type file struct {
	name string
	data []byte
}

// Read reads every dataset file below each of paths and validates them as
// one dataset. A path may be a directory, read recursively, or a single
// file. Within a directory, files are taken in lexical order of their paths;
// only .yaml, .yml and .json files count, and hidden files and directories
// (names starting with ".") are skipped. Paths in diagnostics are built from
// paths as given, so relative paths stay relative.
//
// Read returns the dataset and no diagnostics when the input is valid, and a
// nil dataset and every problem found otherwise. A path that cannot be read,
// a directory that holds no dataset file, or files that hold no entity
// (empty or only comments), is a problem too: an empty dataset would
// otherwise empty the graph.
func Read(paths ...string) (*policy.Dataset, Diagnostics) {
	l := newLoader()
	if len(paths) == 0 {
		l.add(Diagnostic{Message: "no dataset directory given"})
	}
	seen := make(map[string]bool)
	for _, p := range paths {
		for _, f := range l.readPath(p) {
			key := f.name
			if abs, err := filepath.Abs(f.name); err == nil {
				key = abs
			}
			if seen[key] {
				continue // a file named twice, e.g. through nested paths
			}
			seen[key] = true
			l.parseFile(f.name, f.data)
		}
	}
	ds, diags := l.finish()
	if ds != nil && isEmpty(ds) {
		// Every file was empty or only comments: loading that would delete
		// the whole graph (Parse allows it; its callers hold the data).
		for _, p := range paths {
			diags = append(diags, Diagnostic{File: p, Message: "holds no agendas, missions, mandates, documents or relations " +
				"(its dataset files are empty or only comments); loading an empty dataset would delete the whole graph"})
		}
		return nil, diags
	}
	return ds, diags
}

// isEmpty reports whether ds holds no entity at all.
func isEmpty(ds *policy.Dataset) bool {
	for _, n := range ds.Counts() {
		if n > 0 {
			return false
		}
	}
	return true
}

// Parse validates in-memory files, keyed by name, as one dataset, exactly as
// Read would if they were files on disk: names are used in diagnostics and
// their extension chooses YAML or JSON; names that are not dataset files
// (see IsDatasetFile) are ignored. Files are taken in lexical order of their
// names. Parse is meant for tests, fuzzing and callers that hold the data.
func Parse(files map[string][]byte) (*policy.Dataset, Diagnostics) {
	names := make([]string, 0, len(files))
	for name := range files {
		if IsDatasetFile(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	l := newLoader()
	for _, name := range names {
		l.parseFile(name, files[name])
	}
	return l.finish()
}

// readPath returns the dataset files at or below path, in lexical order,
// reporting what cannot be read.
func (l *loader) readPath(path string) []file {
	info, err := os.Stat(path)
	if err != nil {
		l.add(Diagnostic{File: path, Message: "cannot read: " + ioReason(err)})
		return nil
	}
	if !info.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			l.add(Diagnostic{File: path, Message: "cannot read: " + ioReason(err)})
			return nil
		}
		return []file{{path, data}}
	}
	var names []string
	failed := false
	root, rootErr := filepath.EvalSymlinks(path)
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			failed = true
			l.add(Diagnostic{File: p, Message: "cannot read: " + ioReason(err)})
			if d != nil && d.IsDir() && p != path {
				return fs.SkipDir
			}
			return nil
		}
		if p == path {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if IsDatasetFile(p) {
			if d.Type()&fs.ModeSymlink != 0 && (rootErr != nil || !inside(root, p)) {
				// Never read (or quote) what a link points at outside the
				// dataset: a .yaml link to /etc/passwd was read and quoted.
				failed = true
				l.add(Diagnostic{File: p, Message: "is a symbolic link that leads out of the dataset directory; copy the file into the dataset instead"})
				return nil
			}
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		l.add(Diagnostic{File: path, Message: "cannot read: " + ioReason(err)})
	}
	sort.Strings(names)
	if len(names) == 0 && err == nil && !failed {
		l.add(Diagnostic{File: path, Message: "no dataset files (.yaml, .yml or .json) found"})
	}
	var files []file
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			l.add(Diagnostic{File: name, Message: "cannot read: " + ioReason(err)})
			continue
		}
		files = append(files, file{name, data})
	}
	return files
}

// inside reports whether the link p resolves to a path within root (both
// with their symbolic links resolved).
func inside(root, p string) bool {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// ioReason returns the reason of an I/O error without the path, which the
// diagnostic already shows.
func ioReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// maxAliasNodes bounds the number of nodes that aliases may add to a
// document once expanded, so that a small file cannot make decoding take
// forever. Reusing a provenance block by alias a few thousand times stays
// far below it.
const maxAliasNodes = 100_000

// utf8BOM is the byte order mark some editors put at the start of files.
const utf8BOM = "\xef\xbb\xbf"

// parseFile checks one file's encoding and syntax and decodes it. A file
// that holds nothing (no bytes, only white space or comments, or a null
// document) is allowed and contributes nothing.
func (l *loader) parseFile(name string, data []byte) {
	if i := firstInvalidUTF8(data); i >= 0 {
		line, col := position(data, i)
		l.add(Diagnostic{File: name, Line: line, Column: col,
			Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02X); save the file as UTF-8", data[i])})
		l.dropped = append(l.dropped, name)
		return
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if i, r := firstNonPrintable(data); i >= 0 {
		line, col := position(data, i)
		l.add(Diagnostic{File: name, Line: line, Column: col,
			Message: fmt.Sprintf("control character U+%04X is not allowed (remove it, or write it as an escape in a double-quoted string)", r)})
		l.dropped = append(l.dropped, name)
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		l.dropped = append(l.dropped, name)
		return
	}
	if strings.EqualFold(filepath.Ext(name), ".json") {
		if d, ok := jsonSyntax(name, data); !ok {
			l.add(d)
			return
		}
	}
	root, ok := l.parseYAML(name, data)
	if !ok || root == nil {
		l.dropped = append(l.dropped, name)
		return
	}
	if n, msg := checkAliases(root, maxAliasNodes); n != nil {
		l.add(Diagnostic{File: name, Line: n.Line, Column: n.Column, Message: msg})
		l.dropped = append(l.dropped, name)
		return
	}
	d := &fileDecoder{l: l, file: name}
	d.top(value{at: root, n: resolve(root)})
}

// parseYAML parses data as one YAML document and returns its top node, or
// nil when the document is empty.
func (l *loader) parseYAML(name string, data []byte) (root *yaml.Node, ok bool) {
	defer func() {
		// The parser must not bring the program down on any input.
		if r := recover(); r != nil {
			l.add(Diagnostic{File: name, Message: fmt.Sprintf("YAML parser failed: %v", r)})
			root, ok = nil, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, true
		}
		l.add(yamlSyntax(name, data, err))
		return nil, false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		l.add(yamlSyntax(name, data, err))
		return nil, false
	default:
		at := &next
		if len(next.Content) > 0 {
			at = next.Content[0]
		}
		l.add(Diagnostic{File: name, Line: at.Line, Column: at.Column,
			Message: `a file may hold only one YAML document (move the part after "---" into a file of its own)`})
		return nil, false
	}
	if len(doc.Content) == 0 {
		return nil, true
	}
	top := doc.Content[0]
	if n := resolve(top); n.Kind == yaml.ScalarNode && n.Tag == tagNull {
		return nil, true
	}
	return top, true
}

// yamlSyntax turns a YAML parser error into a diagnostic. The YAML library
// reports a line but no column, and leaves the line out when it is the
// first. Errors of its parser stage (as opposed to its scanner) carry the
// line counted from 0, so one is added to those.
func yamlSyntax(name string, data []byte, err error) Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if anchor, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		// Reported without a line; the alias is easy to find.
		anchor = strings.TrimSuffix(anchor, "' referenced")
		if i := bytes.Index(data, []byte("*"+anchor)); i >= 0 {
			line, col := position(data, i)
			return Diagnostic{File: name, Line: line, Column: col,
				Message: fmt.Sprintf("alias *%s refers to no anchor (define &%s before it)", anchor, anchor)}
		}
	}
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if _, err := fmt.Sscanf(n, "%d", &line); err == nil {
				msg = after
			}
		}
	}
	if line == 0 || isYAMLParserError(msg) {
		line++
	}
	return Diagnostic{File: name, Line: line, Message: "syntax error: " + msg}
}

// isYAMLParserError reports whether msg comes from the parser stage of the
// YAML library, whose lines count from 0.
func isYAMLParserError(msg string) bool {
	switch msg {
	case "did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"did not find expected '-' indicator",
		"did not find expected <document start>",
		"did not find expected <stream-start>",
		"did not find expected key",
		"did not find expected node content",
		"found duplicate %TAG directive",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}

// jsonSyntax checks that data is strict JSON (YAML would also accept
// comments, trailing commas and single quotes) and returns a diagnostic
// saying where it is not.
func jsonSyntax(name string, data []byte) (Diagnostic, bool) {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	if err == nil {
		return Diagnostic{}, true
	}
	offset := len(data)
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 && int(se.Offset) <= len(data) && !strings.Contains(se.Error(), "end of JSON input") {
		offset = int(se.Offset) - 1 // the offending byte is the last one read
	}
	line, col := position(data, offset)
	return Diagnostic{File: name, Line: line, Column: col, Message: "JSON syntax error: " + err.Error()}, false
}

// firstInvalidUTF8 returns the offset of the first byte of data that is not
// part of valid UTF-8, or -1.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// firstNonPrintable returns the offset and value of the first character
// that YAML does not allow in a file, or -1.
func firstNonPrintable(data []byte) (int, rune) {
	for i, r := range string(data) {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0x7E,
			r == 0x85,
			r >= 0xA0 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			continue
		}
		return i, r
	}
	return -1, 0
}

// position returns the 1-based line and column (in characters) of the byte
// at offset in data.
func position(data []byte, offset int) (line, col int) {
	offset = min(offset, len(data))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// checkAliases looks for aliases used inside their own anchor, which would
// make decoding loop, and for aliases that add more than budget nodes to
// the document once expanded (a "billion laughs"), which would make it take
// forever. It returns the offending node and a message, or nil.
func checkAliases(root *yaml.Node, budget int) (*yaml.Node, string) {
	sizes := make(map[*yaml.Node]int) // expanded size of each finished node
	open := make(map[*yaml.Node]bool) // nodes being sized: the current ancestry
	added := 0                        // nodes added by following aliases
	var bad *yaml.Node
	var msg string
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if bad != nil {
			return 0
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			if open[n.Alias] {
				bad, msg = n, fmt.Sprintf("alias *%s is used inside its own anchor (aliases must not be recursive)", n.Value)
				return 0
			}
			s := size(n.Alias)
			if added += s; added > budget && bad == nil {
				bad, msg = n, fmt.Sprintf("aliases add more than %d values to this document (write the values out instead)", budget)
			}
			return s
		}
		if s, ok := sizes[n]; ok {
			return s
		}
		open[n] = true
		total := 1
		for _, c := range n.Content {
			total += size(c)
		}
		delete(open, n)
		sizes[n] = total
		return total
	}
	size(root)
	return bad, msg
}
