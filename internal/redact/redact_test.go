package redact_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/redact"
	"github.com/authdebug/authdebug/internal/report"
)

var (
	hdr = map[string]any{"alg": "RS256", "kid": "k1", "typ": "JWT"}
	pl  = map[string]any{"sub": "u1", "iss": "https://issuer.example", "exp": now.Unix() - 60, "iat": now.Unix() - 3660}
	tok = jws(hdr, pl, "SIGNATURE-ONE")
	sig = tok[strings.LastIndexByte(tok, '.')+1:]
	// tok2's header does not start with eyJ: its JSON starts with a space.
	tok2 = base64.RawURLEncoding.EncodeToString([]byte(`{ "alg": "ES256", "typ": "JWT" }`)) + jws(hdr, pl, "SECOND-SIG")[strings.IndexByte(tok, '.'):]
)

// stdB64 is tok written in standard base64 with padding.
func stdB64() (string, string) {
	p := strings.Split(tok, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(p[2])
	raw[0], raw[1], raw[2] = 0xfb, 0xff, 0xfe // '+' and '/' in standard base64
	s := base64.StdEncoding.EncodeToString(raw[:len(raw)-1])
	return p[0] + "." + p[1] + "." + s, s
}

func wrap(s string, n int) string {
	var b strings.Builder
	for len(s) > n {
		b.WriteString(s[:n] + "\n")
		s = s[n:]
	}
	b.WriteString(s)
	return b.String()
}

func TestRedactAdversarial(t *testing.T) {
	std, stdSig := stdB64()
	nested := jws(map[string]any{"alg": "HS256", "cty": "JWT"}, map[string]any{}, "x")
	nested = strings.Split(nested, ".")[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(tok)) + ".c2lnbmF0dXJlLW91dGVyLXh4eHh4eHh4"
	jwe := b64(map[string]any{"alg": "RSA-OAEP", "enc": "A256GCM"}) + ".ZW5jcnlwdGVkLWtleS1ieXRlcw.aXYtYnl0ZXMtMTI.Y2lwaGVydGV4dC1ieXRlcy1oZXJl.dGFnLWJ5dGVzLTE2LXh4"
	basic := base64.StdEncoding.EncodeToString([]byte("alice:s3cr3t-passw0rd"))
	dpop := jws(map[string]any{"typ": "dpop+jwt", "alg": "ES256", "jwk": map[string]any{"kty": "EC", "crv": "P-256", "x": "eA", "y": "eQ"}},
		map[string]any{"htm": "GET", "htu": "https://api.example/me", "iat": now.Unix(), "jti": "j1"}, "DPOP-PROOF-SIG")
	cases := []struct {
		name, text string
		secrets    []string
		removed    string // the Summary
	}{
		{"pasted jws", tok, []string{sig}, "1 signature"},
		{"wrapped jws", wrap(tok, 60), []string{sig}, "1 signature"},
		// Not joined by detection (no unfolding yet): only the first line is read, as a malformed token, and removed.
		{"wrapped header line", "Authorization: Bearer " + wrap(tok, 50) + "\n", []string{tok[:50]}, "1 token"},
		{"standard base64 jws", "Authorization: Bearer " + std, []string{stdSig, sig[:40]}, "1 signature"},
		{"header not eyJ", "Authorization: Bearer " + tok2, []string{tok2[strings.LastIndexByte(tok2, '.')+1:]}, "1 signature"},
		{"quoted token with invisible characters", `"` + tok[:30] + "\u00ad" + tok[30:100] + "\u200b" + tok[100:] + `",`, []string{sig}, "1 signature"},
		{"nested jws", nested, []string{sig, "c2lnbmF0dXJlLW91dGVyLXh4eHh4eHh4"}, "1 nested token"},
		{"jwe", "Authorization: Bearer " + jwe, []string{"ZW5jcnlwdGVkLWtleS1ieXRlcw", "Y2lwaGVydGV4dC1ieXRlcy1oZXJl"}, "1 encrypted token body"},
		{"opaque bearer", "GET /me HTTP/1.1\nHost: api.example\nAuthorization: Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a\n", []string{"gho_16C7e42F292c6912E7710c838347Ae178B4a"}, "1 token"},
		{"no scheme", "GET /me HTTP/1.1\nHost: api.example\nAuthorization: 0123456789abcdefOPAQUE\n", []string{"0123456789abcdefOPAQUE"}, "1 token"},
		{"other scheme", "GET /me HTTP/1.1\nHost: api.example\nAuthorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b\n", []string{"9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"}, "1 token"},
		{"basic", "GET / HTTP/1.1\nHost: a.example\nAuthorization: Basic " + basic + "\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"x\"\n", []string{basic, "s3cr3t-passw0rd"}, "1 password"},
		{"curl -u beside -H Authorization", "curl -u alice:pa55-w0rd-unsent -H 'Authorization: Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a' https://api.example/me",
			[]string{"pa55-w0rd-unsent", "gho_16C7e42F292c6912E7710c838347Ae178B4a"}, ""},
		{"curl -u with --digest", "curl --digest -u alice:pa55-w0rd-digest https://api.example/me", []string{"pa55-w0rd-digest"}, ""},
		{"x-api-key", "curl https://api.example/v1 -H 'X-API-Key: sk_live_51H8abcdefghijklmnop'", []string{"sk_live_51H8abcdefghijklmnop"}, "1 API key"},
		{"cookie", "GET /me HTTP/1.1\nHost: app.example\nCookie: theme=dark; session=8f14e45fceea167a5a36dedd4bea2543\n", []string{"8f14e45fceea167a5a36dedd4bea2543"}, ""},
		{"set-cookie", "HTTP/1.1 200 OK\nSet-Cookie: sid=Zm9vYmFyYmF6cXV4cXV1eA; Path=/; HttpOnly\n\n", []string{"Zm9vYmFyYmF6cXV4cXV1eA"}, "1 cookie"},
		{"form client_secret", "POST /token HTTP/1.1\nHost: idp.example\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token&refresh_token=8xLOxBtZp8rT0kEyRFRESH&client_id=app&client_secret=cl1ent-s3cret%2Bvalue\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":\"invalid_grant\"}\n",
			[]string{"8xLOxBtZp8rT0kEyRFRESH", "cl1ent-s3cret%2Bvalue", "cl1ent-s3cret"}, "1 refresh token, 1 client secret"},
		{"json body", "POST /token HTTP/1.1\nHost: idp.example\nContent-Type: application/json\n\n{\"grant_type\":\"password\",\"username\":\"bob\",\"password\":\"hunter2-hunter2\",\"client_secret\":\"JSONsecretVALUE123\"}\n",
			[]string{"hunter2-hunter2", "JSONsecretVALUE123"}, "1 password, 1 client secret"},
		{"token response", "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"access_token\":\"" + tok + "\",\"refresh_token\":\"def50200aabbccddeeff00112233\",\"token_type\":\"Bearer\"}\n",
			[]string{sig, "def50200aabbccddeeff00112233"}, "1 signature, 1 refresh token"},
		{"curl -u", "curl -u alice:s3cr3t-passw0rd https://api.example/me", []string{"s3cr3t-passw0rd"}, "1 password"},
		{"curl --user quoted", "curl --user 'alice:pa ss-w0rd!' https://api.example/me", []string{"pa ss-w0rd!"}, "1 password"},
		{"curl oauth2-bearer", "curl --oauth2-bearer gho_16C7e42F292c6912E7710c838347Ae178B4a https://api.example/me", []string{"gho_16C7e42F292c6912E7710c838347Ae178B4a"}, "1 token"},
		{"query access_token", "GET /me?access_token=ya29.a0AfH6SMBx-opaque-google-token HTTP/1.1\nHost: api.example\n", []string{"ya29.a0AfH6SMBx-opaque-google-token"}, "1 token"},
		{"url userinfo", "curl https://alice:userinfo-secret@api.example/me", []string{"userinfo-secret"}, "1 password"},
		{"dpop proof", "GET /me HTTP/1.1\nHost: api.example\nAuthorization: DPoP " + tok + "\nDPoP: " + dpop + "\n", []string{sig, dpop[strings.LastIndexByte(dpop, '.')+1:]}, "2 signatures"},
		{"har", `{"log":{"version":"1.2","entries":[{"startedDateTime":"2026-11-22T09:00:00Z","request":{"method":"POST","url":"https://api.example/token","httpVersion":"HTTP/1.1",` +
			`"headers":[{"name":"Authorization","value":"Bearer ` + tok + `"},{"name":"Cookie","value":"session=HARcookieVALUE0123456789"},{"name":"X-API-Key","value":"HARapiKEY0123456789"}],` +
			`"cookies":[{"name":"session","value":"HARcookieVALUE0123456789"}],"postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=client_credentials&client_secret=HARclientSECRET0123"}},` +
			`"response":{"status":401,"statusText":"Unauthorized","httpVersion":"HTTP/1.1","headers":[{"name":"WWW-Authenticate","value":"Bearer error=\"invalid_token\""}],"content":{"size":0,"text":""}}}]}}`,
			[]string{sig, "HARcookieVALUE0123456789", "HARapiKEY0123456789", "HARclientSECRET0123"}, ""},
	}
	var many []string // more values than one strings.Index each
	for i := range 24 {
		many = append(many, fmt.Sprintf("c%d=cookieValue%04dxyz", i, i))
	}
	cases = append(cases, struct {
		name, text string
		secrets    []string
		removed    string
	}{"many cookies twice", "GET / HTTP/1.1\nHost: a.example\nCookie: " + strings.Join(many, "; ") + "\n\n" + "GET /b HTTP/1.1\nHost: a.example\nCookie: " + strings.Join(many, "; ") + "\n",
		[]string{"cookieValue0000xyz", "cookieValue0023xyz"}, "48 cookies"})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkRedacted(t, c.text, c.secrets...)
			rep := run(c.text)
			if got := redact.Summary(c.text, rep.Redactions); c.removed != "" && got != c.removed {
				t.Errorf("Summary = %q, want %q", got, c.removed)
			}
			red := redact.Text(c.text, rep.Redactions)
			if c.name == "pasted jws" && red != tok[:strings.LastIndexByte(tok, '.')+1]+redact.Marker(report.RedactSignature) {
				t.Errorf("a JWS keeps its header and payload: got %q", red)
			}
		})
	}
}

func TestRedactCorpus(t *testing.T) {
	for name, text := range corpus(t) {
		t.Run(name, func(t *testing.T) { checkRedacted(t, text) })
	}
}

func TestText(t *testing.T) {
	cases := []struct {
		name, in string
		rs       []report.Redaction
		want     string
	}{
		{"none", "abc", nil, "abc"},
		{"one", "a.b.sig", []report.Redaction{{Start: 4, End: 7, Kind: report.RedactSignature}}, "a.b.‹signature-removed›"},
		{"overlap merges", "0123456789", []report.Redaction{{Start: 2, End: 6, Kind: report.RedactToken}, {Start: 4, End: 8, Kind: report.RedactPassword}}, "01‹password-removed›89"},
		{"out of range", "abc", []report.Redaction{{Start: 2, End: 9, Kind: report.RedactCookie}, {Start: -3, End: -1}}, "ab‹cookie-removed›"},
		{"unsorted", "abcdef", []report.Redaction{{Start: 4, End: 5, Kind: report.RedactAPIKey}, {Start: 0, End: 1, Kind: report.RedactToken}}, "‹token-removed›bcd‹api-key-removed›f"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := redact.Text(c.in, c.rs); got != c.want {
				t.Errorf("Text = %q, want %q", got, c.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	rs := []report.Redaction{
		{Start: 0, End: 1, Kind: report.RedactToken}, {Start: 2, End: 3, Kind: report.RedactSignature},
		{Start: 4, End: 5, Kind: report.RedactToken}, {Start: 6, End: 7, Kind: report.RedactPassword},
	}
	if got, want := redact.Summary("0123456789", rs), "1 signature, 2 tokens, 1 password"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := redact.Summary("x", nil); got != "" {
		t.Errorf("Summary of nothing = %q", got)
	}
}
