package main

// The tables: per scale, latency at c=1, throughput and p99 at c=16, CPU
// per request and peak RSS; across scales, one summary like issue 18's.
// Every figure is the median over the rounds of that cell.

import (
	"fmt"
	"io"
	"strings"
)

// stat is one figure of a cell, taken per round and reduced to the median;
// ok is false when any round failed or was aborted.
func (r *result) stat(o op, c string, conc int, f func(cell) float64) (v float64, ok bool, note string) {
	cells := r.cells[key(o, c, conc)]
	if len(cells) == 0 {
		return 0, false, "not run"
	}
	var xs []float64
	ok = true
	for _, cl := range cells {
		if !cl.ok() {
			ok = false
			switch {
			case cl.aborted != "":
				note = "aborted: " + cl.aborted
			case cl.firstErr != nil:
				note = fmt.Sprintf("%d of %d failed: %s", cl.errs, cl.errs+len(cl.lat), firstLine(cl.firstErr.Error()))
			}
		}
		if len(cl.lat) > 0 {
			xs = append(xs, f(cl))
		}
	}
	return median(xs), ok && len(xs) > 0, note
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return s
}

func q(p float64) func(cell) float64 { return func(c cell) float64 { return ms(quantile(c.lat, p)) } }

func tput(c cell) float64 { return c.throughput() }

func fmtMS(v float64) string {
	switch {
	case v >= 1000:
		return fmt.Sprintf("%.2f s", v/1000)
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// three formats one figure for floor / peer / mg; a failed cell is marked.
func (r *result) three(o op, conc int, f func(cell) float64, format func(float64) string, notes *[]string) string {
	var parts []string
	for _, c := range contenderNames {
		v, ok, note := r.stat(o, c, conc, f)
		s := format(v)
		if !ok {
			s += "†"
			if note != "" {
				*notes = append(*notes, fmt.Sprintf("op %s %s c=%d: %s", o.Name, c, conc, note))
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " / ")
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func printScale(w io.Writer, r *result) {
	fmt.Fprintf(w, "\n### %s: %s\n\n", r.scale, r.counts)
	fmt.Fprintf(w, "Operation 1's mission: %s. Check before timing: ", r.params.Mission)
	switch {
	case r.checked:
		fmt.Fprintln(w, "all three contenders gave the same answers to all seven operations.")
	case len(r.checks) == 0:
		fmt.Fprintln(w, "not completed (see the error).")
		return
	default:
		fmt.Fprintln(w, "FAILED:")
		for k, d := range r.checks {
			fmt.Fprintf(w, "- %s: %s\n", k, d)
		}
		return
	}
	var notes []string
	fmt.Fprintln(w, "\nLatency in ms, floor / peer / mg; ratios are mg ÷ floor and mg ÷ peer of the p50.")
	fmt.Fprintf(w, "\n| operation | peer | c=1 p50 | c=1 p95 | c=1 p99 | p50 mg÷floor, ÷peer | c=%d req/s | req/s mg÷floor, ÷peer | c=%d p99 |\n", r.many, r.many)
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, o := range ops {
		f50, _, _ := r.stat(o, "floor", 1, q(0.5))
		p50, _, _ := r.stat(o, "peer", 1, q(0.5))
		m50, _, _ := r.stat(o, "mg", 1, q(0.5))
		ft, _, _ := r.stat(o, "floor", r.many, tput)
		pt, _, _ := r.stat(o, "peer", r.many, tput)
		mt, _, _ := r.stat(o, "mg", r.many, tput)
		fmt.Fprintf(w, "| %s %s | %s | %s | %s | %s | %s, %s | %s | %s, %s | %s |\n", o.Name, o.Title, o.PeerHow,
			r.three(o, 1, q(0.5), fmtMS, &notes), r.three(o, 1, q(0.95), fmtMS, &notes), r.three(o, 1, q(0.99), fmtMS, &notes),
			ratio(m50, f50), ratio(m50, p50),
			r.three(o, r.many, tput, func(v float64) string { return fmt.Sprintf("%.1f", v) }, &notes),
			ratio(mt, ft), ratio(mt, pt),
			r.three(o, r.many, q(0.99), fmtMS, &notes))
	}
	fmt.Fprintln(w, "\nCPU ms per request at c=1 (floor: this process, the client; peer: its Node.js process; mg: its server process) and Neo4j's; peak RSS under load (c="+fmt.Sprint(r.many)+") in MB.")
	fmt.Fprintln(w, "\n| operation | client/server CPU floor / peer / mg | Neo4j CPU floor / peer / mg | server CPU mg ÷ floor client | RSS peer / mg |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, o := range ops {
		cpu := func(c cell) float64 { return c.cpuServer * 1000 }
		neo := func(c cell) float64 { return c.cpuNeo4j * 1000 }
		fc, _, _ := r.stat(o, "floor", 1, cpu)
		mc, _, _ := r.stat(o, "mg", 1, cpu)
		var rss []string
		for _, c := range []string{"peer", "mg"} {
			v, _, _ := r.stat(o, c, r.many, func(c cell) float64 { return float64(c.rssMax >> 20) })
			rss = append(rss, fmt.Sprintf("%.0f", v))
		}
		fmt.Fprintf(w, "| %s %s | %s | %s | %s | %s |\n", o.Name, o.Title,
			r.three(o, 1, cpu, func(v float64) string { return fmt.Sprintf("%.2f", v) }, &[]string{}),
			r.three(o, 1, neo, func(v float64) string { return fmt.Sprintf("%.2f", v) }, &[]string{}),
			ratio(mc, fc), strings.Join(rss, " / "))
	}
	if len(notes) > 0 {
		fmt.Fprintln(w, "\n† failed or aborted in at least one round (figures are of the requests that succeeded):")
		seen := map[string]bool{}
		for _, n := range notes {
			if !seen[n] {
				seen[n] = true
				fmt.Fprintln(w, "- "+n)
			}
		}
	}
}

// printSummary prints one table in the layout of issue 18: bundled p50s
// and ratios, bundled throughput ratios, large p50s and ratios.
func printSummary(w io.Writer, rs []*result) {
	var b, l *result
	for _, r := range rs {
		switch r.scale {
		case "bundled":
			b = r
		case "large":
			l = r
		}
	}
	if b == nil || l == nil {
		return
	}
	fmt.Fprintln(w, "\n### Summary (p50 at c=1 in ms, floor / peer / mg; req/s at c=16)")
	fmt.Fprintln(w, "\n| operation | bundled p50 | mg ÷ floor, ÷ peer | bundled req/s mg ÷ floor, ÷ peer | large p50 | mg ÷ floor, ÷ peer | large req/s mg ÷ floor, ÷ peer |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, o := range ops {
		row := []string{o.Name + " " + o.Title}
		for _, r := range []*result{b, l} {
			f, _, _ := r.stat(o, "floor", 1, q(0.5))
			p, _, _ := r.stat(o, "peer", 1, q(0.5))
			m, _, _ := r.stat(o, "mg", 1, q(0.5))
			ft, _, _ := r.stat(o, "floor", r.many, tput)
			pt, _, _ := r.stat(o, "peer", r.many, tput)
			mt, _, _ := r.stat(o, "mg", r.many, tput)
			var none []string
			row = append(row, r.three(o, 1, q(0.5), fmtMS, &none), ratio(m, f)+", "+ratio(m, p), ratio(mt, ft)+", "+ratio(mt, pt))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
	}
}
