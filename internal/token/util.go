package token

import (
	"github.com/authdebug/authdebug/internal/report"
)

func finding(code string, sev report.Severity, side report.Side, path, title, detail, fix, evidence string, refs ...string) report.Finding {
	return report.Finding{
		Code: code, Severity: sev, Side: side,
		Title: title, Detail: detail, Fix: fix, Evidence: evidence,
		Refs: refs, Path: path,
	}
}

func mask(s string, reveal bool) string {
	if reveal {
		return s
	}
	return report.Fingerprint(s)
}
