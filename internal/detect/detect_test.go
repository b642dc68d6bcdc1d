package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const jws = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.abcx4Q"

type want struct {
	kind string
	text string // prefix of the part's text ("" = any)
}

func TestDetect(t *testing.T) {
	jwe := "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ"
	tests := []struct {
		name string
		in   string // "@file" reads testdata
		want []want
	}{
		{"empty", "", nil},
		{"whitespace", " \n\t\r\n ", nil},
		{"bare jws", jws, []want{{report.KindJWT, jws}}},
		{"jws in quotes with comma", `"` + jws + `",`, []want{{report.KindJWT, `"eyJ`}}},
		{"jws broken across lines", jws[:30] + "\n" + jws[30:], []want{{report.KindJWT, jws[:30] + "\n"}}},
		{"alg none (empty signature)", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.", []want{{report.KindJWT, "eyJhbGciOiJub25lIn0."}}},
		{"jwe", jwe, []want{{report.KindJWE, "eyJhbGciOiJSU0Et"}}},
		{"stray character still a token", "eyJhbGciOiJIUzI1NiJ9.not*base64.sig", []want{{report.KindJWT, "eyJhbGciOiJIUzI1NiJ9.not*"}}},
		{"stray character in a jwe", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2!0.dGFn", []want{{report.KindJWE, "eyJ"}}},
		{"form-encoded token response", "access_token=" + jws + "&token_type=bearer&scope=repo", []want{{report.KindJWT, jws}}},
		{"form parameter after others", "state=xyz&id_token=" + jws, []want{{report.KindJWT, jws}}},
		{"two segments still a token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9", []want{{report.KindJWT, ""}}},
		{"placeholder undefined", "undefined", []want{{report.KindJWT, "undefined"}}},
		{"placeholder null", "\nnull\n", []want{{report.KindJWT, "null"}}},
		{"placeholder object", "[object Object]", []want{{report.KindJWT, "[object Object]"}}},
		{"placeholder template", "${token}", []want{{report.KindJWT, "${token}"}}},
		{"placeholder angle", "<token>", []want{{report.KindJWT, "<token>"}}},
		{"placeholder inside prose is not a token", "my value is\nnull", []want{{report.KindUnknown, "my value is"}}},
		{"authorization line", "Authorization: Bearer " + jws, []want{{report.KindAuthorizationHeader, "Authorization: Bearer"}}},
		{"bearer value", "Bearer " + jws, []want{{report.KindAuthorizationHeader, "Bearer eyJ"}}},
		{"bearer colon", "bearer: " + jws, []want{{report.KindAuthorizationHeader, "bearer: eyJ"}}},
		{"basic value", "Basic dXNlcjpwYXNzd29yZA==", []want{{report.KindAuthorizationHeader, "Basic dXNl"}}},
		{"bearer placeholder", "Bearer undefined", []want{{report.KindAuthorizationHeader, "Bearer undefined"}}},
		{"digest credentials", `Digest username="bob", realm="x", nonce="n", uri="/", response="abc"`, []want{{report.KindAuthorizationHeader, "Digest"}}},
		{"challenge value", `Bearer realm="x", error="invalid_token"`, []want{{report.KindWWWAuthenticate, "Bearer realm"}}},
		{"malformed challenge value", `Bearer realm="x, error="invalid_token`, []want{{report.KindWWWAuthenticate, "Bearer realm"}}},
		{"unknown scheme challenge", `Newauth realm="apps", type=1`, []want{{report.KindWWWAuthenticate, "Newauth"}}},
		{"www-authenticate line", `WWW-Authenticate: Basic realm="x"`, []want{{report.KindWWWAuthenticate, "WWW-Authenticate"}}},
		{"authorization then challenge", "Authorization: Bearer " + jws + "\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n",
			[]want{{report.KindAuthorizationHeader, "Authorization"}, {report.KindWWWAuthenticate, "WWW-Authenticate"}}},
		{"HTTP/1.1 status", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer", []want{{report.KindHTTPResponse, "HTTP/1.1 401"}}},
		{"HTTP/2 status", "HTTP/2 401\nwww-authenticate: Bearer", []want{{report.KindHTTPResponse, "HTTP/2 401"}}},
		{"HTTP 401", "HTTP 401 Unauthorized", []want{{report.KindHTTPResponse, "HTTP 401"}}},
		{"Status code", "Status code: 401\nwww-authenticate: Bearer", []want{{report.KindHTTPResponse, "Status code: 401"}}},
		{"devtools 401 Unauthorized", "401 Unauthorized\nwww-authenticate: Bearer", []want{{report.KindHTTPResponse, "401 Unauthorized"}}},
		{"response headers without status", "content-type: application/json\nwww-authenticate: Bearer\ndate: Sun, 22 Nov 2026 09:00:00 GMT", []want{{report.KindHTTPResponse, "content-type"}}},
		{"request headers without request line", "Host: api.example.com\nAuthorization: Bearer x\nAccept: */*", []want{{report.KindHTTPRequest, "Host"}}},
		{"request line", "GET /v1/me HTTP/1.1\nHost: api.example.com", []want{{report.KindHTTPRequest, "GET /v1/me"}}},
		{"version-less request line", "GET https://api.example.com/me\nAuthorization: Bearer x", []want{{report.KindHTTPRequest, "GET https"}}},
		{"proxy log CRLF", "@proxy_log_crlf.txt", []want{{report.KindHTTPRequest, "GET /v1/orders HTTP/1.1\r\n"}, {report.KindHTTPResponse, "HTTP/1.1 401"}}},
		{"response then jwks", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n\n{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}]}",
			[]want{{report.KindHTTPResponse, "HTTP/1.1"}, {report.KindJWKS, `{"keys"`}}},
		{"response with JSON body", "HTTP/1.1 401 Unauthorized\n\n{\"error\":\n \"invalid_token\"}\n\n" + jws,
			[]want{{report.KindHTTPResponse, "HTTP/1.1"}, {report.KindJWT, jws}}},
		{"token, jwks, pem", "@token_jwks_pem.txt", []want{{report.KindJWT, `"eyJ`}, {report.KindJWKS, `{"keys"`}, {report.KindPEM, "-----BEGIN PUBLIC KEY-----"}}},
		{"jwk", `{"kty":"oct","k":"c2VjcmV0"}`, []want{{report.KindJWK, `{"kty"`}}},
		{"two pem blocks", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----",
			[]want{{report.KindPEM, "-----BEGIN"}, {report.KindPEM, "-----BEGIN"}}},
		{"har", `{"log":{"version":"1.2","creator":{"name":"x"},"entries":[]}}`, []want{{report.KindHAR, `{"log"`}}},
		{"truncated har", "{\"log\":{\"version\":\"1.2\",\"entries\":[{\"request\":", []want{{report.KindHAR, `{"log"`}}},
		{"token response json", `{"access_token":"` + jws + `","token_type":"Bearer","expires_in":3600}`, []want{{report.KindJWT, jws}}},
		{"curl command", "$ curl -s https://api.example.com/me \\\n  -H 'Authorization: Bearer x'\n", []want{{report.KindCurlCommand, "curl -s"}}},
		{"curl cmd style", "curl ^\"https://x.example/^\" ^\n  -H ^\"a: b^\"", []want{{report.KindCurlCommand, "curl ^"}}},
		{"powershell curl", "PS C:\\> curl.exe -H \"A: b\" `\n  https://x.example/", []want{{report.KindCurlCommand, "curl.exe"}}},
		{"curl then response", "curl -i https://x.example/\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer", []want{{report.KindCurlCommand, "curl -i"}, {report.KindHTTPResponse, "HTTP/1.1"}}},
		{"unbalanced quote ends at line", "curl https://x.example -d \"it's\nnext line", []want{{report.KindCurlCommand, "curl https"}, {report.KindUnknown, "next line"}}},
		{"curl verbose with command", "$ curl -v https://x.example/\n*   Trying 1.2.3.4:443...\n> GET / HTTP/1.1\n> Host: x.example\n>\n< HTTP/1.1 401 Unauthorized\n<\nbody",
			[]want{{report.KindCurlVerbose, "curl -v"}}},
		{"curl verbose with progress meter", "@curl_verbose_progress.txt", []want{{report.KindCurlVerbose, "* Connected"}}},
		{"devtools panel", "@devtools_panel.txt", []want{{report.KindHTTPResponse, "Request URL:"}}},
		{"markdown issue", "@markdown_issue.md", []want{{report.KindUnknown, "Hi, I get"}, {report.KindCurlCommand, "curl -i"}, {report.KindUnknown, "and the answer"},
			{report.KindHTTPResponse, "HTTP/2 401"}, {report.KindUnknown, "Any idea?"}}},
		{"markdown bullets are not curl -v", "* item one\n* item two\n> quoted", []want{{report.KindUnknown, "* item one"}}},
		{"prose starting with a scheme word", "Basic authentication does not work", []want{{report.KindUnknown, "Basic"}}},
		{"token label", "access_token: " + jws, []want{{report.KindJWT, jws}}},
		{"opaque token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", []want{{report.KindUnknown, "ghp_"}}},
		{"nul and invalid utf-8", "\x00\xff\xfe junk", []want{{report.KindUnknown, "\x00"}}},
		{"only a fence", "```", []want{{report.KindUnknown, "```"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDetect(t, tt.in, tt.want) })
	}
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// checkParts asserts the invariants of Detect's output.
// checkDetect detects in ("@file" reads testdata) and compares the parts
// with want.
func checkDetect(t *testing.T, in string, want []want) {
	t.Helper()
	if f, ok := strings.CutPrefix(in, "@"); ok {
		in = readFixture(t, f)
	}
	got := Detect(in)
	checkParts(t, in, got)
	if len(got) != len(want) {
		var kinds []string
		for _, p := range got {
			kinds = append(kinds, p.Kind+"("+short(p.Text)+")")
		}
		t.Fatalf("got %d parts %v, want %d", len(got), kinds, len(want))
	}
	for i, w := range want {
		if got[i].Kind != w.kind || !strings.HasPrefix(got[i].Text, w.text) {
			t.Errorf("part %d = %s %q, want %s %q…", i, got[i].Kind, short(got[i].Text), w.kind, short(w.text))
		}
	}
}

func checkParts(t *testing.T, in string, ps []Part) {
	t.Helper()
	prev := 0
	for i, p := range ps {
		if p.Start < prev || p.End < p.Start || p.End > len(in) {
			t.Fatalf("part %d [%d,%d) out of order or bounds (prev end %d, len %d)", i, p.Start, p.End, prev, len(in))
		}
		if p.Text != in[p.Start:p.End] || strings.TrimSpace(p.Text) == "" {
			t.Fatalf("part %d text does not match its span or is blank", i)
		}
		prev = p.End
	}
	if strings.TrimSpace(in) != "" && len(ps) == 0 {
		t.Fatalf("no parts for non-blank input")
	}
}

func TestStatusAndRequestLines(t *testing.T) {
	st := []struct {
		in     string
		proto  string
		code   int
		reason string
		ok     bool
	}{
		{"HTTP/1.1 401 Unauthorized", "HTTP/1.1", 401, "Unauthorized", true},
		{"HTTP/2 401 ", "HTTP/2", 401, "", true},
		{"HTTP/3 403", "HTTP/3", 403, "", true},
		{"HTTP 401 Unauthorized", "HTTP", 401, "Unauthorized", true},
		{"Status Code: 401 Unauthorized", "", 401, "Unauthorized", true},
		{"status: 403", "", 403, "", true},
		{"401 Unauthorized", "", 401, "Unauthorized", true},
		{"401 (Unauthorized)", "", 401, "Unauthorized", true},
		{"401 apples", "", 0, "", false},
		{"HTTP/1.1 999 X", "", 0, "", false},
		{"HTTP/1.1401", "", 0, "", false},
	}
	for _, tt := range st {
		p, c, r, ok := ParseStatusLine(tt.in)
		if ok != tt.ok || p != tt.proto || c != tt.code || r != tt.reason {
			t.Errorf("ParseStatusLine(%q) = %q %d %q %v", tt.in, p, c, r, ok)
		}
	}
	rl := []struct {
		in, m, target, proto string
		ok                   bool
	}{
		{"GET /v1/me HTTP/1.1", "GET", "/v1/me", "HTTP/1.1", true},
		{"PROPFIND /d HTTP/1.1", "PROPFIND", "/d", "HTTP/1.1", true},
		{"POST https://x/y", "POST", "https://x/y", "", true},
		{"GET me", "", "", "", false},
		{"get /x HTTP/1.1", "", "", "", false},
	}
	for _, tt := range rl {
		m, tg, p, ok := ParseRequestLine(tt.in)
		if ok != tt.ok || m != tt.m || tg != tt.target || p != tt.proto {
			t.Errorf("ParseRequestLine(%q) = %q %q %q %v", tt.in, m, tg, p, ok)
		}
	}
}

func TestSplitHeader(t *testing.T) {
	tests := []struct {
		in, name, value string
		ok              bool
	}{
		{"Authorization: Bearer x", "Authorization", "Bearer x", true},
		{"Host:example.com", "Host", "example.com", true},
		{":authority: api.example.com", ":authority", "api.example.com", true},
		{"Request URL: https://x/", "Request URL", "https://x/", true},
		{"www-authenticate:", "www-authenticate", "", true},
		{"https://example.com/x", "", "", false},
		{"Hello world: no", "", "", false},
	}
	for _, tt := range tests {
		n, v, ok := SplitHeader(tt.in)
		if ok != tt.ok || n != tt.name || v != tt.value {
			t.Errorf("SplitHeader(%q) = %q %q %v", tt.in, n, v, ok)
		}
	}
}

func TestCommandEnd(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"curl a \\\n  b\nnext", "curl a \\\n  b"},
		{"curl -d 'x\ny' z\nnext", "curl -d 'x\ny' z"},
		{"curl -d 'unclosed\nnext", "curl -d 'unclosed"},
		{"curl ^\"a^\" ^\n  -d ^\"x^\n\ny^\"\nnext", "curl ^\"a^\" ^\n  -d ^\"x^\n\ny^\""},
		{"curl.exe a `\n  b\nnext", "curl.exe a `\n  b"},
		{"curl a", "curl a"},
	}
	for _, tt := range tests {
		if got := tt.in[:CommandEnd(tt.in, 0)]; got != tt.want {
			t.Errorf("CommandEnd(%q) → %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnrecognized(t *testing.T) {
	tests := []struct {
		in       string
		title    string
		evidence string
		notIn    string
	}{
		{"Why do I get 401?", "One line of the paste was not recognised", "Why do I get 401?", ""},
		{"line one\nline two\nline three", "3 lines of the paste were not recognised", "line one …", ""},
		{"ghp_16C7e42F292c6912E7710c838347Ae178B4a", "A 40-character word was not recognised: it may be an opaque token", "ghp_16C7…B4a, 40 chars", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"},
		{"my key is sk_live_0123456789abcdefghijkl ok", "One line", "[sk_live_…jkl, 30 chars]", "sk_live_0123456789abcdefghijkl"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			ps := Detect(tt.in)
			if len(ps) != 1 || ps[0].Kind != report.KindUnknown {
				t.Fatalf("parts %+v", ps)
			}
			f := Unrecognized(ps[0])
			r := report.Report{Findings: []report.Finding{f}}
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if f.Code != report.InputUnrecognized || f.Severity != report.Warning || f.Side != report.Client {
				t.Errorf("finding %+v", f)
			}
			if !strings.HasPrefix(f.Title, tt.title) || !strings.Contains(f.Evidence, tt.evidence) {
				t.Errorf("title %q evidence %q", f.Title, f.Evidence)
			}
			if tt.notIn != "" && (strings.Contains(f.Evidence, tt.notIn) || strings.Contains(f.Title, tt.notIn)) {
				t.Error("credential shown in full")
			}
			if !strings.Contains(f.Detail, "curl -v transcript") || f.Span == nil || f.Span.End != len(tt.in) {
				t.Errorf("detail/span: %q %v", f.Detail, f.Span)
			}
		})
	}
}

// A token given as a form parameter is exactly the value: not the name
// before it, not the parameters after it.
func TestDetectFormParameter(t *testing.T) {
	for _, in := range []string{"access_token=" + jws + "&token_type=bearer", "a=1&id_token=" + jws, "access_token=" + jws} {
		ps := Detect(in)
		if len(ps) != 1 || ps[0].Text != jws || in[ps[0].Start:ps[0].End] != jws {
			t.Errorf("%.30q…: parts %+v", in, ps)
		}
	}
}
