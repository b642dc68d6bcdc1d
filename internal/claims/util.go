package claims

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

func finding(code string, sev report.Severity, side report.Side, path, title, detail, fix, evidence string, refs ...string) report.Finding {
	return report.Finding{
		Code: code, Severity: sev, Side: side,
		Title: title, Detail: detail, Fix: fix, Evidence: evidence,
		Refs: refs, Path: path,
	}
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		count++
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}

// quote writes s as a Go/JSON-like quoted string, clipped to n runes, so
// control characters and invalid UTF-8 are visible and harmless.
func quote(s string, n int) string {
	c := clip(s, n)
	if c != s {
		return strconv.Quote(strings.TrimSuffix(c, "…")) + "…"
	}
	return strconv.Quote(s)
}

// quoteList writes at most max quoted values, then how many more.
func quoteList(vals []string, max int) string {
	var b strings.Builder
	for i, v := range vals {
		if i == max {
			b.WriteString(", … and " + strconv.Itoa(len(vals)-max) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(v, 100))
	}
	return b.String()
}

// plural picks a word form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func strOf(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// stringsOf reads a string or an array of strings (aud, scp).
func stringsOf(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		return []string{x}, true
	case []string:
		return x, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return out, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}
