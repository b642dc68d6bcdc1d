//go:build !js

package main

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Row is one line of the table. A row with only Measure set is a section
// heading.
type Row struct {
	Measure  string // what is measured
	Value    string // authdebug's figure
	Baseline string // the baseline's figure and what it is
	Ratio    string // authdebug ÷ baseline, or a verdict
}

// Table is the report `make bench` prints.
type Table struct {
	Title string
	// Env lines describe the machine and the versions measured.
	Env  []string
	Rows []Row
	// Notes follow the table: what each baseline is, caveats, failures.
	Notes []string
}

// Section starts a group of rows.
func (t *Table) Section(title string) { t.Rows = append(t.Rows, Row{Measure: title}) }

// Add appends a row.
func (t *Table) Add(measure, value, baseline, ratio string) {
	t.Rows = append(t.Rows, Row{measure, value, baseline, ratio})
}

// Note appends a note under the table.
func (t *Table) Note(format string, args ...any) {
	t.Notes = append(t.Notes, fmt.Sprintf(format, args...))
}

// Markdown renders the table as GitHub-flavoured Markdown, with the columns
// padded so it reads as well in a terminal.
func (t *Table) Markdown() string {
	head := Row{"Measure", "authdebug", "Baseline", "× baseline"}
	rows := make([]Row, 0, len(t.Rows))
	for _, r := range t.Rows {
		if r.Value == "" && r.Baseline == "" && r.Ratio == "" {
			r.Measure = "**" + r.Measure + "**"
		}
		rows = append(rows, Row{cell(r.Measure), cell(r.Value), cell(r.Baseline), cell(r.Ratio)})
	}
	w := [4]int{}
	for _, r := range append([]Row{head}, rows...) {
		for i, c := range []string{r.Measure, r.Value, r.Baseline, r.Ratio} {
			w[i] = max(w[i], utf8.RuneCountInString(c), 3)
		}
	}
	var b strings.Builder
	if t.Title != "" {
		fmt.Fprintf(&b, "## %s\n\n", t.Title)
	}
	for _, e := range t.Env {
		fmt.Fprintf(&b, "%s  \n", e)
	}
	if len(t.Env) > 0 {
		b.WriteString("\n")
	}
	line := func(r Row) {
		cs := []string{r.Measure, r.Value, r.Baseline, r.Ratio}
		b.WriteString("|")
		for i, c := range cs {
			pad := strings.Repeat(" ", w[i]-utf8.RuneCountInString(c))
			if i == 0 {
				fmt.Fprintf(&b, " %s%s |", c, pad)
			} else {
				fmt.Fprintf(&b, " %s%s |", pad, c)
			}
		}
		b.WriteString("\n")
	}
	line(head)
	b.WriteString("|")
	for i := range w {
		if i == 0 {
			b.WriteString(" " + strings.Repeat("-", w[i]) + " |")
		} else {
			b.WriteString(" " + strings.Repeat("-", w[i]-1) + ": |")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		line(r)
	}
	if len(t.Notes) > 0 {
		b.WriteString("\n")
		for _, n := range t.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	return b.String()
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// ratio formats a ÷ b as "3.02×", or "n/a" when either is missing.
func ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 || a < 0 || b < 0 {
		return "n/a"
	}
	r := a / b
	switch {
	case r >= 100:
		return fmt.Sprintf("%.0f×", r)
	case r >= 10:
		return fmt.Sprintf("%.1f×", r)
	default:
		return fmt.Sprintf("%.2f×", r)
	}
}

// fmtMs formats milliseconds with three significant digits or so.
func fmtMs(v float64) string {
	switch {
	case math.IsNaN(v) || v < 0:
		return "n/a"
	case v >= 10000:
		return fmt.Sprintf("%.1f s", v/1000)
	case v >= 1000:
		return fmt.Sprintf("%.2f s", v/1000)
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 10:
		return fmt.Sprintf("%.1f ms", v)
	case v >= 1:
		return fmt.Sprintf("%.2f ms", v)
	default:
		return fmt.Sprintf("%.0f µs", v*1000)
	}
}

// fmtP50P95 is "p50 / p95".
func fmtP50P95(d Dist) string {
	if d.N == 0 {
		return "n/a"
	}
	return fmtMs(d.P50) + " / " + fmtMs(d.P95)
}

// fmtBytes is "7,345,894 B (7.35 MB)".
func fmtBytes(n int) string {
	return fmt.Sprintf("%s B (%.2f MB)", thousands(int64(n)), float64(n)/1e6)
}

// fmtRate is "12,345 tokens/s".
func fmtRate(perSec float64) string {
	if math.IsNaN(perSec) || perSec <= 0 {
		return "n/a"
	}
	return thousands(int64(math.Round(perSec))) + " tokens/s"
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
