package keys

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// checkFindings asserts every finding is complete (report.Validate) and
// that each names a fix and evidence or detail.
func checkFindings(t *testing.T, fs []report.Finding) {
	t.Helper()
	r := report.Report{Findings: fs}
	if err := r.Validate(); err != nil {
		t.Errorf("invalid finding: %v", err)
	}
	for _, f := range fs {
		if f.Fix == "" {
			t.Errorf("finding %s %q has no fix", f.Code, f.Title)
		}
	}
}

func hasCode(fs []report.Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

func findCode(fs []report.Finding, code string) (report.Finding, bool) {
	for _, f := range fs {
		if f.Code == code {
			return f, true
		}
	}
	return report.Finding{}, false
}

func codes(fs []report.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}

func titles(fs []report.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Code + ": " + f.Title + "\n")
	}
	return b.String()
}

func hasError(fs []report.Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code && f.Severity == report.Error {
			return true
		}
	}
	return false
}
