package render

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func load(t testing.TB, name string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &r
}

func TestMarkdownContents(t *testing.T) {
	tests := []struct {
		file    string
		want    []string
		notWant []string
	}{
		{
			file: "expired.json",
			want: []string{
				"**Verdict:** The access token expired 2m ago: refresh the access token (or get a new one) and retry.",
				"1. **✗ Error:** The access token expired 2m ago — `token.expired`, client must act",
				"   - Fix: Refresh the access token",
				"   - Evidence: `exp=1763801880 (2026-11-22T08:58:00Z)`",
				"   - See: [RFC 7519 §4.1.4](https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4)",
				"   - Where: `tokens[0].payload.exp`",
				"2. **ℹ Info:**",
				"GET https://api.example.com/v1/me?access_token=eyJhbGci…XJl, 65 chars",
				"Authorization: Bearer eyJhbGci…x4Q, 812 chars",
				"HTTP 401\n",
				`WWW-Authenticate: Bearer realm="api", error="invalid_token"`,
				"#### Token 1 — from the Authorization header, jws",
				"- Signature: unverified (RS256)",
				"- exp: `2026-11-22T08:58:00Z`",
				"- expired 2m0s ago",
				"\"typ\": \"at+jwt\"",
				"- Clock: server Date `2026-11-22T09:00:00Z`, skew +0s, leeway 0s",
			},
			notWant: []string{"c2lnbmF0dXJl"},
		},
		{
			file: "reveal.json",
			want: []string{
				"Authorization: Bearer eyJhbGci…dXg, 110 chars",
				"Cookie: session=s3cr…, 22 chars; theme=…, 4 chars",
				"api_key=sk_live_…def, 24 chars&page=2",
				"- Evidence: `Bearer eyJhbGci…dXg, 110 chars`",
				"- Signature: verified (HS256) with secret key oct",
				"**! Warning:** The token has no exp claim",
			},
			notWant: []string{
				"Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg",  // the signature
				"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0", // the raw token
				"s3cr3tsessionvalue0123",
				"sk_live_0123456789abcdef",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			md := Markdown(load(t, tt.file))
			for _, w := range tt.want {
				if !strings.Contains(md, w) {
					t.Errorf("Markdown lacks %q\n---\n%s", w, md)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(md, w) {
					t.Errorf("Markdown contains %q (a credential)", w)
				}
			}
		})
	}
}

func TestMarkdownOrdersBySeverity(t *testing.T) {
	r := load(t, "reveal.json")
	md := Markdown(r)
	w, i := strings.Index(md, "Warning:**"), strings.Index(md, "Info:**")
	if w < 0 || i < 0 || w > i {
		t.Errorf("warning at %d, info at %d: want warnings before info", w, i)
	}
	if Markdown(nil) != "" {
		t.Error("Markdown(nil) is not empty")
	}
}

func TestMarkdownEscapesAndBounds(t *testing.T) {
	big := strings.Repeat("x", 100_000)
	r := &report.Report{
		Verdict: "Use *this* [link](javascript:alert(1)) <b>now</b>",
		Findings: []report.Finding{{
			Code: report.TokenMalformed, Severity: report.Error, Side: report.Client,
			Title: "Title with `ticks` and | pipes", Detail: "line1\nline2", Evidence: "a ``` b " + big,
			Refs: []string{"RFC 7515 §7.1"},
		}},
		Tokens: []report.Token{{Source: report.SourceOf("pasted"), Form: "jws", Payload: json.RawMessage(`{"a":"` + big + `"}`)}},
	}
	md := Markdown(r)
	for _, w := range []string{
		`Use \*this\* \[link\](javascript:alert(1)) \<b\>now\</b\>`,
		"Title with \\`ticks\\` and \\| pipes",
		"What it means: line1 line2",
		"more bytes)",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("Markdown lacks %q", w)
		}
	}
	if len(md) > 20_000 {
		t.Errorf("Markdown is %d bytes for a huge input; want it bounded", len(md))
	}
}

func TestFenceAndCodeSpan(t *testing.T) {
	tests := []struct{ in, span, fenceStart string }{
		{"plain", "`plain`", "```json\n"},
		{"a`b", "``a`b``", "```json\n"},
		{"```x", "```` ```x ````", "````json\n"},
		{"", "` `", "```json\n"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := codeSpan(tt.in); got != tt.span {
				t.Errorf("codeSpan(%q) = %q, want %q", tt.in, got, tt.span)
			}
			if got := fence(tt.in, "json"); !strings.HasPrefix(got, tt.fenceStart) {
				t.Errorf("fence(%q) = %q, want prefix %q", tt.in, got, tt.fenceStart)
			}
		})
	}
}

func TestMaskHeader(t *testing.T) {
	tok := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.Zm9vYmFy"
	tests := []struct{ name, value, want string }{
		{"Authorization", "Bearer " + tok, "Bearer eyJhbGci…mFy, 53 chars"},
		{"authorization", "Basic dXNlcjpwYXNzd29yZA==", "Basic dXNl…, 20 chars"},
		{"Authorization", "Bearer eyJhbGci…x4Q, 812 chars", "Bearer eyJhbGci…x4Q, 812 chars"},
		{"Authorization", tok, "eyJhbGci…mFy, 53 chars"},
		{"Cookie", "a=0123456789abcdefghij; b=1", "a=0123…, 20 chars; b=…, 1 chars"},
		{"Set-Cookie", "sid=0123456789abcdefghij; Path=/; HttpOnly", "sid=0123…, 20 chars; Path=/; HttpOnly"},
		{"X-API-Key", "0123456789abcdefghijklmnop", "01234567…nop, 26 chars"},
		{"Accept", "application/json", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.value, func(t *testing.T) {
			if got := MaskHeader(tt.name, tt.value); got != tt.want {
				t.Errorf("MaskHeader(%q, %q) = %q, want %q", tt.name, tt.value, got, tt.want)
			}
		})
	}
}

func TestKeyLine(t *testing.T) {
	tests := []struct {
		k    report.Key
		want string
	}{
		{report.Key{Source: "jwks-url", Origin: "https://id.example.com/jwks", Kid: "k1", Kty: "RSA", Bits: 2048, Alg: "RS256", Use: "sig", Thumbprint: "NzbL"},
			"jwks-url https://id.example.com/jwks: RSA 2048 bits, kid k1, RS256, use sig, thumbprint NzbL"},
		{report.Key{Source: "secret", Origin: "pasted", Kty: "oct", Bits: 256, Encoding: "utf-8"}, "secret pasted: oct 256 bits, read as utf-8"},
		{report.Key{Source: "certificate", Kty: "EC", Crv: "P-256", Certificate: &report.Certificate{Subject: "CN=id", Issuer: "CN=ca", NotBefore: "2026-01-01T00:00:00Z", NotAfter: "2027-01-01T00:00:00Z"}},
			"certificate: EC P-256, certificate subject CN=id, issuer CN=ca, valid 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z"},
		{report.Key{Source: "pem"}, "pem"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := KeyLine(tt.k); got != tt.want {
				t.Errorf("KeyLine = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRefURL(t *testing.T) {
	tests := []struct{ ref, want string }{
		{"RFC 7519 §4.1.4", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4"},
		{"RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"},
		{"RFC 7515", "https://www.rfc-editor.org/rfc/rfc7515"},
		{"RFC 7515 Appendix A.1", "https://www.rfc-editor.org/rfc/rfc7515#appendix-A.1"},
		{"RFC 7515 §A.3", "https://www.rfc-editor.org/rfc/rfc7515#appendix-A.3"},
		{"RFC 9449 §8, §9", "https://www.rfc-editor.org/rfc/rfc9449#section-8"},
		{"RFC 6750 Section 3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1"},
		{"rfc 6750 §3.", "https://www.rfc-editor.org/rfc/rfc6750#section-3"},
		{"RFC 7638 thumbprint", "https://www.rfc-editor.org/rfc/rfc7638"},
		{"OpenID Connect Core 1.0 §2", "https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2"},
		{"OpenID Connect Discovery 1.0 §4", "https://openid.net/specs/openid-connect-discovery-1_0.html#rfc.section.4"},
		{"Fetch Standard §3.2 (CORS protocol)", "https://fetch.spec.whatwg.org/#http-cors-protocol"},
		{"Fetch Standard #http-redirect-fetch", "https://fetch.spec.whatwg.org/#http-redirect-fetch"},
		{"Fetch Standard #bad\"anchor", "https://fetch.spec.whatwg.org/"},
		{"draft-ietf-oauth-v2-http-mac §3", "https://datatracker.ietf.org/doc/draft-ietf-oauth-v2-http-mac"},
		{"Docker registry token authentication specification", "https://distribution.github.io/distribution/spec/auth/token/"},
		{"Microsoft identity platform documentation", ""},
		{"RFC", ""},
		{"RFC abc", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			if got := RefURL(tt.ref); got != tt.want {
				t.Errorf("RefURL(%q) = %q, want %q", tt.ref, got, tt.want)
			}
		})
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		s    int64
		want string
	}{
		{0, "in 0s"}, {45, "in 45s"}, {-120, "2m0s ago"}, {11520, "in 3h12m"}, {-90000, "1d1h ago"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Duration(tt.s); got != tt.want {
				t.Errorf("Duration(%d) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

func FuzzRefURL(f *testing.F) {
	for _, s := range []string{"RFC 7519 §4.1.4", "RFC 7515 Appendix A.1", "OpenID Connect Core 1.0 §2", "draft-x", "RFC 99999999 §", "RFC 1 § A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		u := RefURL(ref)
		if u != "" && !strings.HasPrefix(u, "https://") {
			t.Fatalf("RefURL(%q) = %q: not an https URL", ref, u)
		}
		if strings.ContainsAny(u, "\"<> \n") {
			t.Fatalf("RefURL(%q) = %q: unsafe characters", ref, u)
		}
	})
}

func FuzzMaskHeader(f *testing.F) {
	for _, s := range [][2]string{{"Authorization", "Bearer abc.def.ghi"}, {"Cookie", "a=b; c"}, {"Set-Cookie", "=;;="}, {"X-Api-Key", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		got := MaskHeader(name, value)
		if len(got) > 2*len(value)+64*(strings.Count(value, ";")+1) {
			t.Fatalf("MaskHeader grew %d bytes to %d", len(value), len(got))
		}
		if credentialHeaders[strings.ToLower(strings.TrimSpace(name))] && len(value) >= 40 && !masked(value) && strings.Contains(got, value) {
			t.Fatalf("MaskHeader(%q, %q) kept the credential", name, value)
		}
	})
}

func ExampleMarkdown() {
	r := &report.Report{
		Verdict: "The access token expired 2m ago: refresh it.",
		Findings: []report.Finding{{
			Code: report.TokenExpired, Severity: report.Error, Side: report.Client,
			Title: "The access token expired 2m ago", Fix: "Refresh it.",
			Evidence: "exp=1763801880", Refs: []string{"RFC 7519 §4.1.4"},
		}},
	}
	fmt.Print(Markdown(r))
	// Output:
	// ### authdebug report
	//
	// **Verdict:** The access token expired 2m ago: refresh it.
	//
	// #### Findings
	//
	// 1. **✗ Error:** The access token expired 2m ago — `token.expired`, client must act
	//    - Fix: Refresh it.
	//    - Evidence: `exp=1763801880`
	//    - See: [RFC 7519 §4.1.4](https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4)
	//
	// <sub>Made with authdebug. Credentials are shown as fingerprints; signatures and secrets are not included.</sub>
}

func BenchmarkMarkdown(b *testing.B) {
	r := load(b, "expired.json")
	b.ReportAllocs()
	for b.Loop() {
		_ = Markdown(r)
	}
}

func TestMarkdownWithInput(t *testing.T) {
	const in = "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJlLXNlY3JldA\nX-API-Key: k-0123456789\n"
	sig := strings.Index(in, "c2ln")
	key := strings.Index(in, "k-0123")
	rs := []report.Redaction{{Start: sig, End: sig + len("c2lnbmF0dXJlLXNlY3JldA"), Kind: report.RedactSignature}, {Start: key, End: key + len("k-0123456789"), Kind: report.RedactAPIKey}}
	tests := []struct {
		name     string
		rep      report.Report
		want     []string
		wantNone []string
	}{
		{"redacted", report.Report{Verdict: "v", Redactions: rs},
			[]string{"#### Pasted input", "Removed: 1 signature, 1 API key.", "eyJzdWIiOiJ1In0.‹signature-removed›", "X-API-Key: ‹api-key-removed›"},
			[]string{"c2lnbmF0dXJlLXNlY3JldA", "k-0123456789"}},
		{"failed analysis leaves the input out", report.Report{Verdict: "v", Redactions: rs, Findings: []report.Finding{{Code: report.InternalError, Title: "x"}}},
			nil, []string{"Pasted input", "eyJzdWIiOiJ1In0", "k-0123456789"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := MarkdownWithInput(&tt.rep, in)
			for _, w := range tt.want {
				if !strings.Contains(md, w) {
					t.Errorf("lacks %q:\n%s", w, md)
				}
			}
			for _, w := range tt.wantNone {
				if strings.Contains(md, w) {
					t.Errorf("holds %q:\n%s", w, md)
				}
			}
		})
	}
}
