package ui

import (
	"strconv"
	"strings"
	"time"
)

// relative says how far t is from now in at most two units: "in 5m",
// "2h ago", "3h12m ago", "in 45s", "now".
func relative(t, now time.Time) string {
	d := t.Sub(now)
	switch {
	case d > -time.Second && d < time.Second:
		return "now"
	case d < 0:
		return span(-d) + " ago"
	}
	return "in " + span(d)
}

// span renders a positive duration in its two largest units: "45s", "5m",
// "5m30s", "3h12m", "2d4h", "400d".
func span(d time.Duration) string {
	s := int64(d / time.Second)
	if s < 0 {
		s = -s
	}
	days, h, m, sec := s/86400, s/3600%24, s/60%60, s%60
	unit := func(n int64, u string) string { return strconv.FormatInt(n, 10) + u }
	pair := func(a int64, au string, b int64, bu string) string {
		if b == 0 {
			return unit(a, au)
		}
		return unit(a, au) + unit(b, bu)
	}
	switch {
	case days >= 100:
		return unit(days, "d")
	case days > 0:
		return pair(days, "d", h, "h")
	case h > 0:
		return pair(h, "h", m, "m")
	case m > 0:
		return pair(m, "m", sec, "s")
	}
	return unit(sec, "s")
}

// signedSpan renders seconds with a sign: "+5m", "−30s", "0s".
func signedSpan(s int64) string {
	switch {
	case s > 0:
		return "+" + span(time.Duration(s)*time.Second)
	case s < 0:
		return "−" + span(time.Duration(-s)*time.Second)
	}
	return "0s"
}

// timeText shows t in UTC and in loc with its distance from now:
// "2026-11-22 08:58:00 UTC · 09:58:00 UTC+1 · 2m ago".
func timeText(t, now time.Time, loc *time.Location) string {
	var b strings.Builder
	b.WriteString(t.UTC().Format("2006-01-02 15:04:05 UTC"))
	if loc != nil {
		lt := t.In(loc)
		if _, off := lt.Zone(); off != 0 {
			b.WriteString(" · ")
			if lt.YearDay() != t.UTC().YearDay() {
				b.WriteString(lt.Format("Jan 2 "))
			}
			b.WriteString(lt.Format("15:04:05 "))
			b.WriteString(zoneName(off))
		}
	}
	if !now.IsZero() {
		b.WriteString(" · ")
		b.WriteString(relative(t, now))
	}
	return b.String()
}

func zoneName(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	z := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		z += ":" + strconv.Itoa(m/10) + strconv.Itoa(m%10)
	}
	return z
}

// parseTime reads the RFC 3339 times of a Report; ok is false for nil or
// unreadable values.
func parseTime(s *string) (time.Time, bool) {
	if s == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, *s)
	return t, err == nil
}

// unixClaim reads a numeric date claim (seconds, possibly fractional) as
// JSON spells it; ok is false for anything else or absurd values.
func unixClaim(raw string) (time.Time, bool) {
	raw = strings.TrimSpace(raw)
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < -62135596800 || f > 253402300799 { // years 1..9999
		return time.Time{}, false
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), true
}
