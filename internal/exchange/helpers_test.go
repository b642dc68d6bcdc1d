package exchange

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return string(b)
}

type tokens struct{ Expired, Valid string }

func testTokens(t testing.TB) tokens {
	t.Helper()
	var tk tokens
	if err := json.Unmarshal([]byte(fixture(t, "tokens.json")), &tk); err != nil {
		t.Fatal(err)
	}
	return tk
}

// parseText detects and parses a paste, failing on parse errors.
func parseText(t testing.TB, text string) ([]Exchange, []report.Finding) {
	t.Helper()
	exs, fs, errs := FromText(text)
	if len(errs) > 0 {
		t.Fatalf("parse errors: %v", errs)
	}
	return exs, fs
}

// onePart parses text as a single part of the given kind.
func onePart(t testing.TB, kind, text string) []Exchange {
	t.Helper()
	exs, _, err := Parse(detect.Part{Kind: kind, Start: 0, End: len(text), Text: text})
	if err != nil {
		t.Fatalf("Parse(%s): %v", kind, err)
	}
	return exs
}

// assertNoSecrets fails when a finding shows a credential in full.
func assertNoSecrets(t testing.TB, fs []report.Finding, secrets ...string) {
	t.Helper()
	for _, f := range fs {
		for _, s := range secrets {
			if s == "" {
				continue
			}
			for _, field := range []string{f.Title, f.Detail, f.Fix, f.Evidence} {
				if strings.Contains(field, s) {
					t.Errorf("finding %s shows the credential %q in full: %q", f.Code, s[:min(len(s), 12)], field)
				}
			}
		}
	}
}

func validate(t testing.TB, fs []report.Finding) {
	t.Helper()
	r := report.Report{Findings: fs}
	if err := r.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	for _, f := range fs {
		if f.Fix == "" || f.Evidence == "" {
			t.Errorf("finding %s has no fix or evidence", f.Code)
		}
	}
}

func findCode(fs []report.Finding, code string) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

func detectPart(kind, text string) detect.Part {
	return detect.Part{Kind: kind, Start: 0, End: len(text), Text: text}
}
