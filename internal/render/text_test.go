package render

import (
	"encoding/json"
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

func TestSourceLabel(t *testing.T) {
	for _, c := range []struct{ src, want, json string }{
		{"pasted", "pasted on its own", `{"where":"pasted"}`},
		{"request.authorization", "from the Authorization header", `{"where":"request.header","name":"Authorization"}`},
		{"request.header.X-Api-Key", "from the X-Api-Key header", `{"where":"request.header","name":"X-Api-Key"}`},
		{"request.cookie.session", "from the cookie session", `{"where":"request.cookie","name":"session"}`},
		{"request.query.access_token", "from the URL parameter access_token", `{"where":"request.query","name":"access_token"}`},
		{"response.body.access_token", "the access_token of the response body", `{"where":"response.body","field":"access_token"}`},
		{"tokens[0].payload", "nested in the payload of token 1", `{"where":"token.payload","token":0}`},
		{"", "", `{"where":""}`},
	} {
		t.Run(c.src, func(t *testing.T) {
			s := report.SourceOf(c.src)
			if got := SourceLabel(s); got != c.want {
				t.Errorf("SourceLabel(%q) = %q, want %q", c.src, got, c.want)
			}
			if b, _ := json.Marshal(s); string(b) != c.json {
				t.Errorf("JSON %s, want %s", b, c.json)
			}
		})
	}
}
