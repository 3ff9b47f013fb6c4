package importer

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	resSymbol  = regexp.MustCompile(`^S/RES/([1-9][0-9]{0,4}) ?\(((?:19|20)[0-9]{2})\)$`)
	prstSymbol = regexp.MustCompile(`^S/PRST/((?:19|20)[0-9]{2})/([1-9][0-9]{0,3})$`)
	// frbrWork is the work part of an AKN4UN FRBRthis value:
	// /akn/un/statement/deliberation/unsc/2013-03-28/2098-2013/!main/
	frbrWork = regexp.MustCompile(`/unsc/[^/]*/([1-9][0-9]{0,4})-((?:19|20)[0-9]{2})/`)
	months   = map[string]time.Month{}
)

func init() {
	for m := time.January; m <= time.December; m++ {
		months[strings.ToLower(m.String())] = m
	}
}

// CanonicalSymbol returns a resolution or presidential statement symbol in
// the project's form ("S/RES/2098(2013)", "S/PRST/2012/28"), or "" when s
// is neither. It accepts the printed form with a space and any whitespace.
func CanonicalSymbol(s string) string {
	s = strings.ReplaceAll(Normalize(s), " ", "")
	s = strings.ReplaceAll(s, "(", " (")
	if m := resSymbol.FindStringSubmatch(s); m != nil {
		return "S/RES/" + m[1] + "(" + m[2] + ")"
	}
	if m := prstSymbol.FindStringSubmatch(strings.ReplaceAll(s, " ", "")); m != nil {
		return "S/PRST/" + m[1] + "/" + m[2]
	}
	return ""
}

// symbolFromFRBR reads the resolution symbol from an AKN4UN FRBRthis value.
func symbolFromFRBR(v string) string {
	if m := frbrWork.FindStringSubmatch(v); m != nil {
		return "S/RES/" + m[1] + "(" + m[2] + ")"
	}
	return ""
}

// symbolFromURL reads a symbol from a link such as
// https://undocs.org/en/S/RES/1701(2006) or http://undocs.org/S/PRST/2012/28.
func symbolFromURL(href string) string {
	if u, err := url.PathUnescape(href); err == nil {
		href = u
	}
	for _, p := range []string{"S/RES/", "S/PRST/"} {
		if i := strings.Index(href, p); i >= 0 {
			rest := href[i:]
			if j := strings.IndexAny(rest, "?#&\""); j >= 0 {
				rest = rest[:j]
			}
			return CanonicalSymbol(strings.TrimRight(rest, "/ "))
		}
	}
	return ""
}

// symbolParts splits a canonical resolution symbol into number and year.
func symbolParts(sym string) (n, year int, ok bool) {
	m := resSymbol.FindStringSubmatch(sym)
	if m == nil {
		return 0, 0, false
	}
	n, _ = strconv.Atoi(m[1])
	year, _ = strconv.Atoi(m[2])
	return n, year, true
}

// validDate returns d when it is a real YYYY-MM-DD date from 1946 on, else "".
func validDate(d string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(d))
	if err != nil || t.Year() < 1946 {
		return ""
	}
	return t.Format("2006-01-02")
}

// parseDayMonthYear reads "28 March 2013" (any whitespace, an optional
// ordinal suffix) as YYYY-MM-DD.
func parseDayMonthYear(s string) (string, error) {
	f := strings.Fields(Normalize(s))
	if len(f) != 3 {
		return "", fmt.Errorf("date %q: want day, month and year", s)
	}
	day, err := strconv.Atoi(strings.TrimRight(f[0], "stndrh"))
	if err != nil {
		return "", fmt.Errorf("date %q: bad day", s)
	}
	m, ok := months[strings.ToLower(f[1])]
	if !ok {
		return "", fmt.Errorf("date %q: bad month", s)
	}
	year, err := strconv.Atoi(strings.TrimRight(f[2], ".,"))
	if err != nil {
		return "", fmt.Errorf("date %q: bad year", s)
	}
	t := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return "", fmt.Errorf("date %q: no such day", s)
	}
	return validDate(t.Format("2006-01-02")), nil
}

var (
	// adoptionLine reads the cover line "Adopted by the Security Council
	// at its 6943rd meeting, on 28 March 2013" after normalisation.
	adoptionLine = regexp.MustCompile(`(?i)adopted by the security council(?: at its ([0-9]{1,5})(?:st|nd|rd|th)? meeting,?)? on\s*([0-9]{1,2} [A-Za-z]+ [0-9]{4})`)
	dateOnly     = regexp.MustCompile(`\b([0-9]{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) (?:19|20)[0-9]{2})\b`)
)

// parseAdoption reads the meeting number and date from a cover line.
func parseAdoption(line string) (meeting int, date string) {
	m := adoptionLine.FindStringSubmatch(Normalize(line))
	if m == nil {
		return 0, ""
	}
	if m[1] != "" {
		meeting, _ = strconv.Atoi(m[1])
	}
	date, _ = parseDayMonthYear(m[2])
	return meeting, date
}
