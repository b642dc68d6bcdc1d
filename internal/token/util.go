package token

import (
	"strconv"
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

// quote writes s quoted, clipped to n runes, with control characters and
// invalid UTF-8 escaped.
func quote(s string, n int) string {
	if len(s) <= n {
		return strconv.Quote(s)
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		count++
	}
	if i >= len(s) {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:i]) + "…"
}

func mask(s string, reveal bool) string {
	if reveal {
		return s
	}
	return report.Fingerprint(s)
}
