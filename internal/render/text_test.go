package render

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func TestTextVerdictFirstAndWhoActs(t *testing.T) {
	r := report.Report{Now: "2026-11-22T09:00:00Z", Inputs: []report.Part{{Kind: report.KindJWT}}, Findings: []report.Finding{
		{Code: report.SignatureUnverified, Severity: report.Info, Side: report.Client, Title: "No key was given", Detail: "d", Refs: []string{"RFC 7515 §5.2"}},
		{Code: report.TokenExpired, Severity: report.Error, Side: report.Client, Title: "The access token expired 2m ago", Detail: "d", Fix: "Refresh it.", Refs: []string{"RFC 7519 §4.1.4"}},
	}}
	r.Finalize()
	var b strings.Builder
	if err := Text(&b, &r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "The access token expired 2m ago: refresh it.\n") {
		t.Errorf("verdict not first:\n%s", out)
	}
	if !strings.Contains(out, "[token.expired, client must act]") {
		t.Errorf("an error must say who acts:\n%s", out)
	}
	if !strings.Contains(out, "[signature.unverified]\n") || strings.Contains(out, "signature.unverified, client must act") {
		t.Errorf("an info finding asks nothing of anyone:\n%s", out)
	}
	if strings.Index(out, "token.expired") > strings.Index(out, "signature.unverified") {
		t.Errorf("errors must come before info:\n%s", out)
	}
}

// The CLI prints the challenges with the Report's explanations, the same
// text the page shows.
func TestTextChallengeExplanations(t *testing.T) {
	st := 401
	r := report.Report{Response: &report.Response{Status: &st, Challenges: []report.Challenge{{
		Scheme: "Bearer", Params: map[string]string{"error": "invalid_token", "realm": "api"},
		Explanations: &report.Explanations{Scheme: "Bearer: explained.", Params: map[string]string{"error": "invalid_token: explained."}},
	}}}}
	r.Finalize()
	var b strings.Builder
	if err := Text(&b, &r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"WWW-Authenticate challenge 1: Bearer", "Bearer: explained.", `error="invalid_token" — invalid_token: explained.`, `realm="api"`} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}
