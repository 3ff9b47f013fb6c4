package loader

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/mandategraph/mandategraph/policy"
)

// This file holds the generic part of decoding: walking yaml.Node trees with
// their field paths, checking shapes (known and required fields) and scalar
// types. The per-kind decoding in decode.go is written in terms of it.

// YAML tags of the scalar types the format uses.
const (
	tagStr       = "!!str"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagBool      = "!!bool"
	tagNull      = "!!null"
	tagTimestamp = "!!timestamp"
	tagMerge     = "!!merge"
)

// loc is a place in the input: a file, a position in it and a field path.
type loc struct {
	file      string
	line, col int
	path      string
}

// String returns the place as file:line:column.
func (l loc) String() string { return fmt.Sprintf("%s:%d:%d", l.file, l.line, l.col) }

// diag returns a diagnostic at l.
func (l loc) diag(format string, args ...any) Diagnostic {
	return Diagnostic{File: l.file, Line: l.line, Column: l.col, Path: l.path, Message: fmt.Sprintf(format, args...)}
}

// value is a YAML value being decoded, with the field path that leads to it.
type value struct {
	at   *yaml.Node // where the value is written: the alias node when it is one
	n    *yaml.Node // the value itself, with aliases followed
	path string
}

// resolve follows aliases to the node they stand for. Aliases have been
// checked for cycles before decoding starts (see checkAliases).
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// fieldPath joins a parent path and a field name.
func fieldPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// field is one field of a mapping in the format.
type field struct {
	name     string
	required bool
}

// shape describes a mapping in the format: what it is called in messages
// and its fields, in the order the format documents them.
type shape struct {
	what   string
	fields []field
}

// names returns the shape's field names in documented order.
func (s shape) names() []string {
	names := make([]string, len(s.fields))
	for i, f := range s.fields {
		names[i] = f.name
	}
	return names
}

// field returns the field with the given name.
func (s shape) field(name string) (field, bool) {
	for _, f := range s.fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// fileDecoder decodes the node tree of one file into its loader.
type fileDecoder struct {
	l    *loader
	file string
}

// loc returns where v is written.
func (d *fileDecoder) loc(v value) loc {
	return loc{file: d.file, line: v.at.Line, col: v.at.Column, path: v.path}
}

// errorf reports a problem with v.
func (d *fileDecoder) errorf(v value, format string, args ...any) {
	d.l.add(d.loc(v).diag(format, args...))
}

// item returns the i-th element of the list v.
func item(v value, i int) value {
	c := v.n.Content[i]
	return value{at: c, n: resolve(c), path: fmt.Sprintf("%s[%d]", v.path, i)}
}

// describe says in words what a node is, for "must be X, not Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case tagStr:
			return fmt.Sprintf("the string %q", shorten(n.Value))
		case tagInt, tagFloat:
			return "the number " + shorten(n.Value)
		case tagBool:
			return "the boolean " + n.Value
		case tagNull:
			if n.Value == "" {
				return "an empty value"
			}
			return "null"
		case tagTimestamp:
			return "the date " + shorten(n.Value)
		}
		return "a value tagged " + shorten(n.Tag)
	}
	return "an unexpected YAML node"
}

// shorten cuts long values for quoting in messages.
func shorten(s string) string {
	const limit = 80
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

// isScalar reports whether v is a scalar with one of the given tags.
func isScalar(v value, tags ...string) bool {
	if v.n.Kind != yaml.ScalarNode {
		return false
	}
	for _, t := range tags {
		if v.n.Tag == t {
			return true
		}
	}
	return false
}

// typeError reports that v is not of the wanted type.
func (d *fileDecoder) typeError(v value, want string) {
	hint := ""
	switch {
	case strings.HasPrefix(want, "a string") && v.n.Kind == yaml.ScalarNode && v.n.Tag != tagNull:
		hint = fmt.Sprintf(" (quote it if you mean the text: %q)", shorten(v.n.Value))
	case strings.HasPrefix(want, "a list") && isScalar(v, tagStr):
		hint = fmt.Sprintf(" (write [%s] for a single item)", shorten(v.n.Value))
	}
	d.errorf(v, "must be %s, not %s%s", want, describe(v.n), hint)
}

// object is a mapping being decoded against a shape.
type object struct {
	d      *fileDecoder
	v      value
	shape  shape
	fields map[string]value
	order  []string // field names in the order written
}

// object checks that v is a mapping of the given shape: field names are
// plain, known and given once. It returns nil, after reporting, when v is
// not a mapping. Unknown or repeated fields are reported and left out.
func (d *fileDecoder) object(v value, s shape) *object {
	if v.n.Kind != yaml.MappingNode {
		d.typeError(v, "a mapping ("+s.what+")")
		return nil
	}
	o := &object{d: d, v: v, shape: s, fields: make(map[string]value)}
	keys := make(map[string]*yaml.Node)
	for i := 0; i+1 < len(v.n.Content); i += 2 {
		k, val := resolve(v.n.Content[i]), v.n.Content[i+1]
		kv := value{at: v.n.Content[i], n: k, path: v.path}
		switch {
		case k.Tag == tagMerge:
			d.errorf(kv, `merge keys ("<<") are not supported (write the fields out)`)
			continue
		case k.Kind != yaml.ScalarNode:
			d.errorf(kv, "field names must be plain text, not %s", describe(k))
			continue
		}
		name := k.Value
		if first, dup := keys[name]; dup {
			d.errorf(kv, "field %q is given twice (first at line %d, column %d)", shorten(name), first.Line, first.Column)
			continue
		}
		keys[name] = kv.at
		if _, ok := s.field(name); !ok {
			if hint := didYouMean(name, s.names()); hint != "" {
				d.errorf(kv, "unknown field %q%s", shorten(name), hint)
			} else {
				d.errorf(kv, "unknown field %q (valid fields: %s)", shorten(name), strings.Join(s.names(), ", "))
			}
			continue
		}
		o.fields[name] = value{at: val, n: resolve(val), path: fieldPath(v.path, name)}
		o.order = append(o.order, name)
	}
	return o
}

// get returns the named field, reporting it missing when it is required.
func (o *object) get(name string) (value, bool) {
	f, ok := o.shape.field(name)
	if !ok {
		panic("loader: field " + name + " is not in the shape of " + o.shape.what)
	}
	v, ok := o.fields[name]
	if !ok && f.required {
		o.d.errorf(o.v, "missing required field %q", name)
	}
	return v, ok
}

// has reports whether the named field is given.
func (o *object) has(name string) bool {
	_, ok := o.fields[name]
	return ok
}

// str returns the named field as a non-empty string.
func (o *object) str(name string) (string, value, bool) {
	v, ok := o.get(name)
	if !ok {
		return "", v, false
	}
	s, ok := o.d.str(v)
	return s, v, ok
}

// str returns v as a string that is not empty or only white space.
func (d *fileDecoder) str(v value) (string, bool) {
	if !isScalar(v, tagStr) {
		d.typeError(v, "a string")
		return "", false
	}
	if strings.TrimSpace(v.n.Value) == "" {
		d.errorf(v, "must not be empty")
		return "", false
	}
	return v.n.Value, true
}

// list returns the named field's items. A required list must have at least
// one item.
func (o *object) list(name string) ([]value, bool) {
	v, ok := o.get(name)
	if !ok {
		return nil, false
	}
	items, ok := o.d.list(v)
	if ok && len(items) == 0 {
		if f, _ := o.shape.field(name); f.required {
			o.d.errorf(v, "must have at least one item")
		}
	}
	return items, ok
}

// list returns v's items, or reports that v is not a list.
func (d *fileDecoder) list(v value) ([]value, bool) {
	if v.n.Kind != yaml.SequenceNode {
		d.typeError(v, "a list")
		return nil, false
	}
	items := make([]value, len(v.n.Content))
	for i := range v.n.Content {
		items[i] = item(v, i)
	}
	return items, true
}

// strings returns the named field as a list of non-empty strings, each
// with its value, reporting strings listed twice.
func (o *object) strings(name string) ([]string, []value) {
	items, _ := o.list(name)
	var strs []string
	var vals []value
	seen := make(map[string]value)
	for _, it := range items {
		s, ok := o.d.str(it)
		if !ok {
			continue
		}
		if first, dup := seen[s]; dup {
			o.d.errorf(it, "%q is listed twice (first at %s)", shorten(s), o.d.loc(first))
			continue
		}
		seen[s] = it
		strs = append(strs, s)
		vals = append(vals, it)
	}
	return strs, vals
}

// boolean returns the named optional field as a *bool, nil when absent.
func (o *object) boolean(name string) *bool {
	v, ok := o.get(name)
	if !ok {
		return nil
	}
	if isScalar(v, tagBool) {
		if b, err := strconv.ParseBool(v.n.Value); err == nil {
			return &b
		}
	}
	o.d.typeError(v, "true or false")
	return nil
}

// enum returns the named field, which must be one of valid; noun names the
// kind of value in messages.
func (o *object) enum(name, noun string, valid []string) (string, value, bool) {
	s, v, ok := o.str(name)
	if !ok {
		return "", v, false
	}
	for _, x := range valid {
		if s == x {
			return s, v, true
		}
	}
	hint := didYouMean(s, valid)
	if hint == "" {
		hint = " (valid: " + strings.Join(valid, ", ") + ")"
	}
	o.d.errorf(v, "unknown %s %q%s", noun, s, hint)
	return "", v, false
}

// date returns the named field as a calendar date.
func (o *object) date(name string) (policy.Date, value, bool) {
	v, ok := o.get(name)
	if !ok {
		return policy.Date{}, v, false
	}
	dt, ok := o.d.date(v)
	return dt, v, ok
}

// date returns v as a calendar date written YYYY-MM-DD. YAML reads an
// unquoted date as a timestamp and a quoted one as a string; both are fine.
func (d *fileDecoder) date(v value) (policy.Date, bool) {
	if !isScalar(v, tagStr, tagTimestamp) {
		d.typeError(v, "a date (YYYY-MM-DD)")
		return policy.Date{}, false
	}
	dt, problem := parseDate(v.n.Value)
	if problem != "" {
		d.errorf(v, "%s", problem)
		return policy.Date{}, false
	}
	return dt, true
}

// isDateSyntax reports whether s has the shape of a date: four, two and
// two digits separated by hyphens.
func isDateSyntax(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// parseDate parses a YYYY-MM-DD calendar date, returning a message that
// says what is wrong when it is not one.
func parseDate(s string) (policy.Date, string) {
	if !isDateSyntax(s) {
		return policy.Date{}, fmt.Sprintf("invalid date %q (want YYYY-MM-DD, e.g. 2010-05-28)", shorten(s))
	}
	year, _ := strconv.Atoi(s[:4])
	month, _ := strconv.Atoi(s[5:7])
	day, _ := strconv.Atoi(s[8:])
	if month < 1 || month > 12 {
		return policy.Date{}, fmt.Sprintf("invalid date %q: there is no month %02d (want YYYY-MM-DD)", s, month)
	}
	if n := daysIn(year, month); day < 1 || day > n {
		return policy.Date{}, fmt.Sprintf("invalid date %q: %s %04d has days 01 to %02d", s, monthName(month), year, n)
	}
	dt, err := policy.ParseDate(s)
	if err != nil {
		return policy.Date{}, fmt.Sprintf("invalid date %q: %v", s, err)
	}
	return dt, ""
}

// daysIn returns the number of days in a month of a year.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// monthName returns the English name of month 1..12.
func monthName(month int) string {
	return [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}[month-1]
}
