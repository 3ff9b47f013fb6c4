package tagging

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Label is one hand-labelled clause of labels.tsv: per agenda, whether an
// expert judged the clause to carry it. Agendas the labeller did not judge
// ("-") are absent from Judged.
type Label struct {
	Symbol  string // "S/RES/2098(2013)"
	Locator string // canonical: "12(a)(i)"
	Mission string
	Split   string          // "dev" or "test"
	Judged  map[string]bool // agenda id → carries it
	Line    int
}

// ReadLabels reads labels in the labels.tsv format: a header line
// "symbol locator mission split AGENDA..." (tab-separated), then one line
// per clause with 1, 0 or - per agenda; lines starting with # are comments.
// Every problem is reported with its line.
func ReadLabels(r io.Reader, name string) ([]Label, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var header []string
	var out []Label
	var errs []string
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if header == nil {
			if len(f) < 5 || f[0] != "symbol" || f[1] != "locator" || f[2] != "mission" || f[3] != "split" {
				return nil, fmt.Errorf("%s:%d: header must be symbol, locator, mission, split, then agenda ids (tab-separated)", name, line)
			}
			header = f
			continue
		}
		if len(f) != len(header) {
			errs = append(errs, fmt.Sprintf("%s:%d: %d fields, the header has %d", name, line, len(f), len(header)))
			continue
		}
		l := Label{Symbol: f[0], Locator: f[1], Mission: f[2], Split: f[3], Judged: map[string]bool{}, Line: line}
		if l.Split != "dev" && l.Split != "test" {
			errs = append(errs, fmt.Sprintf("%s:%d: split %q (want dev or test)", name, line, l.Split))
		}
		for i, v := range f[4:] {
			switch v {
			case "1":
				l.Judged[header[4+i]] = true
			case "0":
				l.Judged[header[4+i]] = false
			case "-", "":
			default:
				errs = append(errs, fmt.Sprintf("%s:%d: %s: %q (want 1, 0 or -)", name, line, header[4+i], v))
			}
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if header == nil {
		return nil, fmt.Errorf("%s: no header line", name)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// Score counts a tagger's agreement with labels for one agenda and split.
type Score struct {
	TP, FP, FN, TN int
}

// Precision is TP/(TP+FP), or 0 when the tagger gave no tag.
func (s Score) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 0
	}
	return float64(s.TP) / float64(s.TP+s.FP)
}

// Recall is TP/(TP+FN), or 0 when no label is positive.
func (s Score) Recall() float64 {
	if s.TP+s.FN == 0 {
		return 0
	}
	return float64(s.TP) / float64(s.TP+s.FN)
}

// Evaluate scores tags against labels, per split and agenda. tags gives a
// labelled clause's tags, or false when the clause cannot be found (those
// labels are returned as missing, not counted).
func Evaluate(labels []Label, tags func(Label) ([]Tag, bool)) (scores map[string]map[string]*Score, missing []Label) {
	scores = map[string]map[string]*Score{}
	for _, l := range labels {
		got, ok := tags(l)
		if !ok {
			missing = append(missing, l)
			continue
		}
		has := map[string]bool{}
		for _, t := range got {
			has[t.Agenda] = true
		}
		if scores[l.Split] == nil {
			scores[l.Split] = map[string]*Score{}
		}
		for agenda, want := range l.Judged {
			s := scores[l.Split][agenda]
			if s == nil {
				s = &Score{}
				scores[l.Split][agenda] = s
			}
			switch {
			case want && has[agenda]:
				s.TP++
			case want:
				s.FN++
			case has[agenda]:
				s.FP++
			default:
				s.TN++
			}
		}
	}
	return scores, missing
}
