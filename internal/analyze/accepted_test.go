package analyze

import (
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// A 2xx is an acceptance (principle 8): nothing about the credentials it
// accepted is an error, and the verdict says the server accepted; a paste
// with a refusal in it keeps its errors.
func TestAcceptedRequestHasNoErrors(t *testing.T) {
	req := func(tok string) string {
		return "GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer " + tok + "\r\n\r\n"
	}
	pastExp := rs256(rsHeader, access(map[string]any{"exp": unix(-time.Second), "iat": unix(-time.Hour)}))
	weak := hs256(map[string]any{"alg": "HS256", "typ": "JWT"}, access(nil), []byte("secret"))
	for _, c := range []struct {
		name, text string
		errors     bool
		demoted    string
	}{
		{"1 s past exp, accepted", req(pastExp) + response("200 OK", httpDate(0), "Content-Type: application/json") + "{}", false, report.TokenExpired},
		{"weak secret, accepted", req(weak) + response("204 No Content", httpDate(0)), false, report.SignatureWeakSecret},
		{"1 s past exp, refused", req(pastExp) + response("401 Unauthorized", `WWW-Authenticate: Bearer error="invalid_token"`, httpDate(0)), true, ""},
		{"accepted, then refused", req(pastExp) + response("200 OK", httpDate(0)) + "\n" + req(pastExp) + response("401 Unauthorized", `WWW-Authenticate: Bearer error="invalid_token"`, httpDate(0)), true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runTest(c.text)
			errs := 0
			for _, f := range r.Findings {
				if f.Severity == report.Error {
					errs++
				}
			}
			if (errs > 0) != c.errors {
				t.Fatalf("%d errors, want errors=%v: %v", errs, c.errors, r.Codes())
			}
			if c.demoted == "" {
				return
			}
			if !r.Has(c.demoted) {
				t.Fatalf("no %s: %v", c.demoted, r.Codes())
			}
			if !strings.HasPrefix(r.Verdict, "The server accepted the request (HTTP 2") {
				t.Errorf("verdict %q", r.Verdict)
			}
			for _, f := range r.Findings {
				if f.Code == c.demoted && !strings.Contains(f.Detail, "The server accepted this request") {
					t.Errorf("%s does not say the server accepted: %s", f.Code, f.Detail)
				}
			}
		})
	}
}

func TestWeakSecretOnARefusedTokenSaysTheServerWasRight(t *testing.T) {
	weak := hs256(map[string]any{"alg": "HS256", "typ": "JWT"}, access(nil), []byte("secret"))
	req := "GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer " + weak + "\r\n\r\n"
	for _, c := range []struct {
		name, text string
		right      bool
	}{
		{"refused", req + response("401 Unauthorized", `WWW-Authenticate: Bearer error="invalid_token"`, httpDate(0)), true},
		{"token alone", weak, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runTest(c.text)
			found := false
			for _, f := range r.Findings {
				if f.Code == report.SignatureWeakSecret {
					found = true
					if got := strings.Contains(f.Detail, "is right to"); got != c.right {
						t.Errorf("says the server was right: %v, want %v", got, c.right)
					}
				}
			}
			if !found {
				t.Fatalf("no weak secret finding: %v", r.Codes())
			}
		})
	}
}
