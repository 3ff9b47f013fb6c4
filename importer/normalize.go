package importer

import (
	"strings"
	"unicode"
)

// Normalize returns s with its whitespace normalised: no-break, narrow
// no-break and other Unicode spaces become one space, invisible marks
// (soft hyphen, zero-width joiner, left-to-right mark, BOM) are dropped,
// runs of spaces and line breaks collapse to one space, and the ends are
// trimmed. Texts are compared and hashed only in this form.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u200e' || r == '\u200f' || r == '\ufeff':
			continue
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
