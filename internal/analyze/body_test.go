package analyze

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// A token endpoint's answer: the access token and the ID token in its JSON
// body are analysed (with their place in the input), a refresh token that
// is not a JWT is left alone, and the ID token is not held to access-token
// rules (typ at+jwt).
func TestResponseBodyTokens(t *testing.T) {
	at := rs256(map[string]any{"alg": "RS256", "kid": "k1", "typ": "at+jwt"}, access(map[string]any{"exp": unix(-10 * time.Minute)}))
	idt := rs256(map[string]any{"alg": "RS256", "kid": "k1", "typ": "JWT"}, map[string]any{"iss": "https://login.example.com/", "sub": "u1", "aud": "web", "exp": unix(time.Hour), "iat": unix(0)})
	cases := []struct {
		name    string
		text    string
		sources []string
	}{
		{"token response", response("200 OK", "Content-Type: application/json", httpDate(0)) +
			`{"access_token":"` + at + `","token_type":"Bearer","expires_in":3600,"refresh_token":"8xLOxBtZp8","id_token":"` + idt + `"}`,
			[]string{"response.body.access_token", "response.body.id_token"}},
		{"error body", response("400 Bad Request", "Content-Type: application/json") + `{"error":"invalid_grant"}`, nil},
		// Not JSON: detection finds the token in the text as it finds any.
		{"form-encoded body", response("200 OK", "Content-Type: application/x-www-form-urlencoded") + "access_token=" + at, []string{"pasted"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runTest(c.text)
			var got, want []string
			for _, tk := range r.Tokens {
				b, _ := json.Marshal(tk.Source)
				got = append(got, string(b))
			}
			for _, s := range c.sources {
				b, _ := json.Marshal(report.SourceOf(s))
				want = append(want, string(b))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("token sources %v, want %v", got, c.sources)
			}
			for _, tk := range r.Tokens {
				if len(tk.Segments) == 0 || tk.Segments[0].Span == nil || !strings.HasPrefix(c.text[tk.Segments[0].Span.Start:], "eyJ") {
					t.Errorf("%+v: header segment not located in the input: %+v", tk.Source, tk.Segments)
				}
			}
			if len(c.sources) > 0 {
				if !r.Has(report.TokenExpired) {
					t.Errorf("the expired access token in the body is not reported: %v", r.Codes())
				}
				for _, f := range r.Findings {
					if f.Code == report.TokenTyp {
						t.Errorf("token.typ for a body token: %s", f.Title)
					}
				}
			}
		})
	}
}

// A token endpoint that hands out an already expired token (exp at or
// before its own Date) is the issuer's fault; a token that expired only
// after the exchange (an old transcript) is the usual client advice.
func TestTokenIssuedExpired(t *testing.T) {
	body := func(exp time.Duration) string {
		return `{"access_token":"` + rs256(rsHeader, access(map[string]any{"exp": unix(exp), "iat": unix(exp - time.Hour)})) + `","token_type":"Bearer","expires_in":3600}`
	}
	cases := []struct {
		name  string
		text  string
		side  report.Side
		title string
	}{
		{"dead on arrival", response("200 OK", "Content-Type: application/json", httpDate(0)) + body(-5*time.Minute),
			report.Server, "The token endpoint issued an access token that had expired 5m before its own Date"},
		{"expired after the exchange", response("200 OK", "Content-Type: application/json", httpDate(-2*time.Hour)) + body(-time.Hour),
			report.Client, "The access token expired 1h ago"},
		{"no Date", response("200 OK", "Content-Type: application/json") + body(-5*time.Minute),
			report.Client, "The access token expired 5m ago"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runTest(c.text)
			f := findingOf(r, report.TokenExpired)
			if f.Side != c.side || f.Title != c.title {
				t.Errorf("got %s %q, want %s %q", f.Side, f.Title, c.side, c.title)
			}
		})
	}
}
