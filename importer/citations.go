package importer

import "regexp"

var (
	// resList matches "resolution 1925 (2010)" and lists such as
	// "resolutions 2078 (2012), 2076 (2012) and 1925 (2010)", with the
	// "of 12 March 1993" older texts put after each number.
	resList = regexp.MustCompile(`(?i)\bresolutions?\s+(?:[0-9]{1,4}\s*\((?:19|20)[0-9]{2}\)(?:\s+of\s+[0-9]{1,2}\s+[A-Za-z]+\s+[0-9]{4})?(?:\s*,\s*|\s*,?\s+and\s+|\s*,?\s+as well as\s+)?)+`)
	resPair = regexp.MustCompile(`([0-9]{1,4})\s*\(((?:19|20)[0-9]{2})\)`)
	// resSym and prstSym match symbols written out in the text.
	resSym  = regexp.MustCompile(`S/RES/\s?([0-9]{1,4})\s*\(((?:19|20)[0-9]{2})\)`)
	prstSym = regexp.MustCompile(`S/PRST/((?:19|20)[0-9]{2})/([0-9]{1,3})\b`)
	// chapterVII matches "Acting under Chapter VII of the Charter" and
	// "Acting, under Chapter VII ..." or "acting under Article 41 of Chapter VII".
	chapterVII = regexp.MustCompile(`(?i)\bacting\b[^.;]{0,60}?\bchapter\s+vii\b`)
)

// cited is one citation found in one text.
type cited struct {
	symbol string
	link   bool
}

// findCitations returns the resolutions and presidential statements a text
// cites, in order and without repeats, and which of them it links; self is
// left out.
func findCitations(text string, links []string, self string) []cited {
	var out []cited
	at := map[string]int{}
	add := func(sym string, link bool) {
		if sym == "" || sym == self {
			return
		}
		if i, ok := at[sym]; ok {
			out[i].link = out[i].link || link
			return
		}
		at[sym] = len(out)
		out = append(out, cited{sym, link})
	}
	for _, l := range links {
		add(symbolFromURL(l), true)
	}
	for _, span := range resList.FindAllString(text, -1) {
		for _, m := range resPair.FindAllStringSubmatch(span, -1) {
			add("S/RES/"+trimZeros(m[1])+"("+m[2]+")", false)
		}
	}
	for _, m := range resSym.FindAllStringSubmatch(text, -1) {
		add("S/RES/"+trimZeros(m[1])+"("+m[2]+")", false)
	}
	for _, m := range prstSym.FindAllStringSubmatch(text, -1) {
		add("S/PRST/"+m[1]+"/"+trimZeros(m[2]), false)
	}
	return out
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}
