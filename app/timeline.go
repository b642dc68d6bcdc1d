package ui

import (
	"cmp"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// The timeline draws a token's validity window (iat, nbf, exp) with the
// leeway bands, and the clocks that judged it (the browser's or the
// analysis clock, and the server's Date), so expiry and drift are seen at a
// glance. timelineModel does the geometry; timelineSVG draws it.

const (
	tlW      = 640.0
	tlPad    = 28.0
	tlBarY   = 70.0
	tlBarH   = 18.0
	tlMinGap = 74.0 // closer labels go on another row
)

type tlMark struct {
	Key   string // iat, nbf, exp, local, server
	Label string
	T     time.Time
	X     float64
	Above bool // clocks are labelled above the bar, token times below
	Row   int
}

type tlBand struct {
	X0, X1 float64
	Class  string // tl-valid, tl-early, tl-late, tl-leeway
}

type tlModel struct {
	Marks   []tlMark
	Bands   []tlBand
	Summary string
}

// timelineModel places the times of tm and the clocks on one axis. ok is
// false when there is nothing to draw (no time claim, or nothing readable).
func timelineModel(tm *report.Times, c *report.Clock, now string) (tlModel, bool) {
	if tm == nil {
		return tlModel{}, false
	}
	iat, hasIat := parseTime(tm.Iat)
	nbf, hasNbf := parseTime(tm.Nbf)
	exp, hasExp := parseTime(tm.Exp)
	if !hasIat && !hasNbf && !hasExp {
		return tlModel{}, false
	}
	var local, server time.Time
	var hasLocal, hasServer bool
	var leeway time.Duration
	if c != nil {
		local, hasLocal = parseTime(&c.Local)
		server, hasServer = parseTime(c.ServerDate)
		if c.LeewayS > 0 && c.LeewayS < 1<<31 {
			leeway = time.Duration(c.LeewayS) * time.Second
		}
	}
	if !hasLocal {
		local, hasLocal = parseTime(&now)
	}

	var m tlModel
	add := func(ok bool, key, label string, t time.Time, above bool) {
		if ok {
			m.Marks = append(m.Marks, tlMark{Key: key, Label: label, T: t, Above: above})
		}
	}
	add(hasIat, "iat", "iat", iat, false)
	add(hasNbf, "nbf", "nbf", nbf, false)
	add(hasExp, "exp", "exp", exp, false)
	add(hasLocal, "local", "your clock", local, true)
	add(hasServer, "server", "server Date", server, true)

	lo, hi := m.Marks[0].T, m.Marks[0].T
	for _, mk := range m.Marks {
		if mk.T.Before(lo) {
			lo = mk.T
		}
		if mk.T.After(hi) {
			hi = mk.T
		}
	}
	if hasExp && leeway > 0 && exp.Add(leeway).After(hi) {
		hi = exp.Add(leeway)
	}
	if hasNbf && leeway > 0 && nbf.Add(-leeway).Before(lo) {
		lo = nbf.Add(-leeway)
	}
	if !hi.After(lo) {
		lo, hi = lo.Add(-time.Minute), hi.Add(time.Minute)
	}
	// Margins so that the first and last marks are not on the edge.
	pad := hi.Sub(lo) / 12
	lo, hi = lo.Add(-pad), hi.Add(pad)
	total := float64(hi.Sub(lo))
	x := func(t time.Time) float64 {
		return tlPad + float64(t.Sub(lo))/total*(tlW-2*tlPad)
	}
	for i := range m.Marks {
		m.Marks[i].X = x(m.Marks[i].T)
	}
	assignRows(m.Marks)

	start, end := tlPad, tlW-tlPad
	if hasNbf {
		start = x(nbf)
	} else if hasIat {
		start = x(iat)
	}
	if hasExp {
		end = x(exp)
	}
	if hasNbf && start > tlPad {
		m.Bands = append(m.Bands, tlBand{tlPad, start, "tl-early"})
	}
	if end > start {
		m.Bands = append(m.Bands, tlBand{start, end, "tl-valid"})
	}
	if hasExp && end < tlW-tlPad {
		m.Bands = append(m.Bands, tlBand{end, tlW - tlPad, "tl-late"})
	}
	if leeway > 0 {
		if hasNbf {
			m.Bands = append(m.Bands, tlBand{x(nbf.Add(-leeway)), x(nbf), "tl-leeway"})
		}
		if hasExp {
			m.Bands = append(m.Bands, tlBand{x(exp), x(exp.Add(leeway)), "tl-leeway"})
		}
	}
	m.Summary = timelineSummary(iat, nbf, exp, local, server, hasIat, hasNbf, hasExp, hasLocal, hasServer, leeway)
	return m, true
}

// assignRows puts labels that would overlap on successive rows, separately
// above and below the bar.
func assignRows(ms []tlMark) {
	for _, above := range []bool{true, false} {
		var group []int
		for i := range ms {
			if ms[i].Above == above {
				group = append(group, i)
			}
		}
		slices.SortStableFunc(group, func(a, b int) int { return cmp.Compare(ms[a].X, ms[b].X) })
		lastX := map[int]float64{}
		for _, i := range group {
			row := 0
			for ; row < 3; row++ {
				lx, used := lastX[row]
				if !used || ms[i].X-lx >= tlMinGap {
					break
				}
			}
			if row == 3 {
				row = 2
			}
			ms[i].Row = row
			lastX[row] = ms[i].X
		}
	}
}

func timelineSummary(iat, nbf, exp, local, server time.Time, hasIat, hasNbf, hasExp, hasLocal, hasServer bool, leeway time.Duration) string {
	var parts []string
	if hasIat {
		parts = append(parts, "Issued "+utc(iat))
	}
	if hasNbf {
		parts = append(parts, "valid from "+utc(nbf))
	}
	if hasExp {
		s := "expires " + utc(exp)
		if hasIat && exp.After(iat) {
			s += " (lifetime " + span(exp.Sub(iat)) + ")"
		}
		parts = append(parts, s)
	} else {
		parts = append(parts, "no expiry")
	}
	out := strings.Join(parts, ", ") + "."
	if hasLocal {
		out += " Your clock: " + utc(local)
		if hasExp {
			out += ", " + beforeAfter(local, exp, "exp")
		}
		out += "."
	}
	if hasServer {
		out += " Server Date: " + utc(server)
		if hasExp {
			out += ", " + beforeAfter(server, exp, "exp")
		}
		if hasLocal {
			out += "; " + span(absDur(server.Sub(local))) + " " + aheadBehind(server.Sub(local)) + " your clock"
		}
		out += "."
	}
	out += " Leeway " + span(leeway) + "."
	return out
}

func utc(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

func beforeAfter(t, ref time.Time, name string) string {
	d := t.Sub(ref)
	switch {
	case d > -time.Second && d < time.Second:
		return "exactly at " + name
	case d < 0:
		return span(-d) + " before " + name
	}
	return span(d) + " after " + name
}

func aheadBehind(d time.Duration) string {
	if d < 0 {
		return "behind"
	}
	return "ahead of"
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// timelineSVG draws m. id makes the element ids unique on the page. The
// SVG uses classes only (no style attributes: the page's CSP forbids them).
func timelineSVG(m tlModel, id string, hlKey string) string {
	rowsAbove, rowsBelow := 0, 0
	for _, mk := range m.Marks {
		if mk.Above {
			rowsAbove = max(rowsAbove, mk.Row+1)
		} else {
			rowsBelow = max(rowsBelow, mk.Row+1)
		}
	}
	top := 8.0 + 16*float64(rowsAbove)
	barY := max(top+8, 30)
	h := barY + tlBarH + 12 + 16*float64(rowsBelow) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline-svg" viewBox="0 0 %g %g" width="%g" height="%g" aria-hidden="true" focusable="false">`, tlW, h, tlW, h)
	fmt.Fprintf(&b, `<defs><pattern id="%s-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect class="tl-hatch" x="0" y="0" width="3" height="6"></rect></pattern></defs>`, html.EscapeString(id))
	fmt.Fprintf(&b, `<rect class="tl-axis" x="%g" y="%g" width="%g" height="%g" rx="3"></rect>`, tlPad, barY, tlW-2*tlPad, tlBarH)
	for _, bd := range m.Bands {
		x0, x1 := min(bd.X0, bd.X1), max(bd.X0, bd.X1)
		if x1-x0 < 0.5 {
			x1 = x0 + 0.5
		}
		if bd.Class == "tl-leeway" {
			fmt.Fprintf(&b, `<rect class="tl-leeway" x="%.1f" y="%g" width="%.1f" height="%g" fill="url(#%s-hatch)"></rect>`, x0, barY-4, x1-x0, tlBarH+8, html.EscapeString(id))
			continue
		}
		fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%g" width="%.1f" height="%g"></rect>`, bd.Class, x0, barY, x1-x0, tlBarH)
	}
	for _, mk := range m.Marks {
		cls := "tl-mark tl-" + mk.Key
		if mk.Key == hlKey {
			cls += " tl-hl"
		}
		if mk.Above {
			y := top - 16*float64(mk.Row)
			fmt.Fprintf(&b, `<line class="%s" x1="%.1f" x2="%.1f" y1="%g" y2="%g"></line>`, cls, mk.X, mk.X, y+3, barY+tlBarH+4)
			fmt.Fprintf(&b, `<text class="tl-label tl-label-%s" x="%.1f" y="%g" text-anchor="%s">%s</text>`, mk.Key, mk.X, y, anchor(mk.X), html.EscapeString(mk.Label))
			continue
		}
		y := barY + tlBarH + 14 + 16*float64(mk.Row)
		fmt.Fprintf(&b, `<line class="%s" x1="%.1f" x2="%.1f" y1="%g" y2="%g"></line>`, cls, mk.X, mk.X, barY-2, y-11)
		fmt.Fprintf(&b, `<text class="tl-label tl-label-%s" x="%.1f" y="%g" text-anchor="%s">%s</text>`, mk.Key, mk.X, y, anchor(mk.X), html.EscapeString(mk.Label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func anchor(x float64) string {
	switch {
	case x < tlPad+30:
		return "start"
	case x > tlW-tlPad-30:
		return "end"
	}
	return "middle"
}
