package authz

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MTc5NTM0MTYwMH0.3q2Jmb1-c3VwZXItc2lnbmF0dXJlLXRlc3QtdmFsdWU"

func basic(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

type want struct {
	code string
	sev  report.Severity
	has  []string // substrings of title or evidence
}

func find(fs []report.Finding, code string, sev report.Severity) *report.Finding {
	for i := range fs {
		if fs[i].Code == code && (sev == "" || fs[i].Severity == sev) {
			return &fs[i]
		}
	}
	return nil
}

func codes(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code+"/"+string(f.Severity)+": "+f.Title)
	}
	return out
}

// check asserts what every Parse result must satisfy.
func check(t testing.TB, value string, offset int, reveal bool, c Credentials, fs []report.Finding) {
	t.Helper()
	if err := (&report.Report{Findings: fs}).Validate(); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Side != report.Client || f.Fix == "" || f.Evidence == "" {
			t.Fatalf("%s: side %s fix %q evidence %q", f.Code, f.Side, f.Fix, f.Evidence)
		}
		if f.Span != nil && (offset < 0 || f.Span.Start < offset || f.Span.End > offset+len(value) || f.Span.Start > f.Span.End) {
			t.Fatalf("%s: span %+v outside the value", f.Code, *f.Span)
		}
	}
	if c.Offset >= 0 {
		if offset < 0 {
			t.Fatalf("offset %d without an input offset", c.Offset)
		}
		i := c.Offset - offset
		if i < 0 || i+len(c.Credential) > len(value) || value[i:i+len(c.Credential)] != c.Credential {
			t.Fatalf("Offset %d does not locate %q in %q", c.Offset, c.Credential, value)
		}
	}
	if !reveal && find(fs, report.TokenPlaceholder, "") == nil { // placeholders are not secrets
		for _, secret := range []string{c.Password, c.Credential} {
			if len(secret) < 12 || strings.Contains(c.User, secret) {
				continue
			}
			for _, f := range fs {
				// The fixed wording names the header: a "credential" that
				// is part of that word (the fuzzer's "Authorizatio") is
				// not revealed by it.
				text := strings.NewReplacer("Proxy-Authorization", "", "Authorization", "").Replace(f.Title + f.Detail + f.Evidence + f.Fix)
				if strings.Contains(text, secret) {
					t.Fatalf("%s reveals %q", f.Code, secret)
				}
			}
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		value     string
		scheme    string
		canonical string
		cred      string
		want      []want
		not       []string
	}{
		{"bearer", "Bearer " + jwt, "Bearer", "Bearer", jwt, nil,
			[]string{report.RequestBearerMalformed, report.TokenPlaceholder}},
		{"header line", "Authorization: Bearer " + jwt + "\r\n", "Bearer", "Bearer", jwt, nil, []string{report.RequestBearerMalformed}},
		{"proxy header line", "proxy-authorization:Bearer " + jwt, "Bearer", "Bearer", jwt, nil, []string{report.RequestBearerMalformed}},
		{"colon after scheme", "Bearer: " + jwt, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{`"Bearer:" has a colon after the scheme`}}}, nil},
		{"colon, no space", "Bearer:" + jwt, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"colon"}}}, nil},
		{"no space", "Bearer" + jwt, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"No space between Bearer and the token"}}}, nil},
		{"short custom scheme is not glued", "BearerX abcdefghijklmnop", "BearerX", "BearerX", "abcdefghijklmnop", nil, []string{report.RequestBearerMalformed}},
		{"no space before a quote", `Bearer"` + jwt + `"`, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"No space between Bearer and the credentials"}},
				{report.RequestBearerMalformed, report.Error, []string{"wrapped in quotes"}}}, nil},
		{"two spaces", "Bearer  " + jwt, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"2 spaces between Bearer and the credentials", `Bearer"  "`}}}, nil},
		{"tab", "Bearer\t" + jwt, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"A tab between Bearer"}}}, nil},
		{"scheme twice", "Bearer Bearer " + jwt, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{`"Bearer Bearer" twice`}}}, nil},
		{"scheme twice, odd case", "Bearer bearer " + jwt, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"twice"}}}, nil},
		{"quotes", `Bearer "` + jwt + `"`, "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"The token is wrapped in quotes"}}}, nil},
		{"curly quotes", "Bearer “" + jwt + "”", "Bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"wrapped in quotes"}}}, nil},
		{"lowercase scheme", "bearer " + jwt, "bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Warning, []string{`written "bearer"`}}}, nil},
		{"uppercase scheme", "BEARER " + jwt, "BEARER", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Warning, []string{`"BEARER"`}}}, nil},
		{"everything at once", `bearer:  Bearer "` + jwt + `"`, "bearer", "Bearer", jwt,
			[]want{{report.RequestBearerMalformed, report.Warning, nil}, {report.RequestBearerMalformed, report.Error, []string{"colon"}}}, nil},
		{"no scheme", jwt, "", "", jwt,
			[]want{{report.RequestBearerMalformed, report.Error, []string{"token but no Bearer scheme"}}}, nil},
		{"no scheme, opaque key", "Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI", "", "", "Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI",
			[]want{{report.RequestBearerMalformed, report.Error, []string{"a credential but no scheme", "Zk9PYmFy…kdI, 40 chars"}}}, nil},
		{"token with text after it", jwt + " extra", "", "", jwt + " extra",
			[]want{{report.RequestBearerMalformed, report.Error, []string{"a token but no scheme"}}}, nil},
		{"key glued to symbols", "abc/def+ghijklmn==", "", "", "abc/def+ghijklmn==",
			[]want{{report.RequestBearerMalformed, report.Error, []string{"no scheme"}}}, nil},
		{"bearer alone", "Bearer", "Bearer", "Bearer", "",
			[]want{{report.TokenPlaceholder, report.Error, []string{`"Bearer" with no token`}}}, nil},
		{"bearer and spaces", "Authorization: Bearer   ", "Bearer", "Bearer", "",
			[]want{{report.TokenPlaceholder, report.Error, nil}}, []string{report.RequestBearerMalformed}},
		{"empty header", "Authorization:", "", "", "",
			[]want{{report.TokenPlaceholder, report.Error, []string{"header is empty"}}}, nil},
		{"bearer placeholder left to the token package", "Bearer undefined", "Bearer", "Bearer", "undefined", nil,
			[]string{report.RequestBearerMalformed}},
		{"opaque bearer", "Bearer ya29.a0AfB_byC-opaque_token", "Bearer", "Bearer", "ya29.a0AfB_byC-opaque_token", nil,
			[]string{report.RequestBearerMalformed}},

		{"dpop", "DPoP " + jwt, "DPoP", "DPoP", jwt, nil, []string{report.RequestBearerMalformed}},
		{"digest", `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", response="8ca523f5e9506fed4657c9700eebdbec"`,
			"Digest", "Digest", `username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", response="8ca523f5e9506fed4657c9700eebdbec"`, nil, []string{report.RequestBearerMalformed, report.RequestBasicMalformed}},
		{"negotiate", "Negotiate YIIB9wYGKwYBBQUCoIIB6zCCAeegDTALBgkqhkiG9xIBAgI=", "Negotiate", "Negotiate", "YIIB9wYGKwYBBQUCoIIB6zCCAeegDTALBgkqhkiG9xIBAgI=", nil, nil},
		{"ntlm", "ntlm TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==", "ntlm", "NTLM", "TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==", nil, nil},
		{"aws sigv4", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
			"AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256", "Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", nil, nil},
		{"github token scheme", "token ghp_16C7e42F292c6912E7710c838347Ae178B4a", "token", "token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", nil, nil},
		{"unknown scheme kept", "Custom abc", "Custom", "Custom", "abc", nil, nil},
		{"negotiate alone", "Negotiate", "Negotiate", "Negotiate", "", nil, nil},

		{"basic", "Basic " + basic("alice:s3cr3t!"), "Basic", "Basic", basic("alice:s3cr3t!"),
			[]want{{report.RequestBasicCredentials, report.Info, []string{"Basic credentials for the user alice", "alice : ••••••• (7 chars)"}}},
			[]string{report.RequestBearerMalformed}},
		{"basic not base64", "Basic alice:s3cr3t", "Basic", "Basic", "alice:s3cr3t",
			[]want{{report.RequestBasicMalformed, report.Error, []string{"not base64: ':' at position 6"}}}, nil},
		{"basic base64url", "Basic " + base64.URLEncoding.EncodeToString([]byte("a>?:b>?")), "Basic", "Basic", base64.URLEncoding.EncodeToString([]byte("a>?:b>?")),
			[]want{{report.RequestBasicMalformed, report.Error, []string{"is base64url"}}}, nil},
		{"basic without colon", "Basic " + basic("alice-only-api-key"), "Basic", "Basic", basic("alice-only-api-key"),
			[]want{{report.RequestBasicMalformed, report.Error, []string{"decode to 18 bytes with no ':'"}}}, nil},
		{"basic empty user", "Basic " + basic(":pat-1234567890"), "Basic", "Basic", basic(":pat-1234567890"),
			[]want{{report.RequestBasicMalformed, report.Warning, []string{"empty user"}}}, nil},
		{"basic unpadded", "Basic " + strings.TrimRight(basic("alice:pw"), "="), "Basic", "Basic", strings.TrimRight(basic("alice:pw"), "="),
			[]want{{report.RequestBasicMalformed, report.Warning, []string{"padding"}}, {report.RequestBasicCredentials, report.Info, nil}}, nil},
		{"basic with a jwt", "Basic " + jwt, "Basic", "Basic", jwt,
			[]want{{report.RequestBasicMalformed, report.Error, []string{"JWT was sent with the Basic scheme"}}}, nil},
		{"basic colon", "Basic: " + basic("a:b"), "Basic", "Basic", basic("a:b"),
			[]want{{report.RequestBasicMalformed, report.Error, []string{"colon"}}}, nil},
		{"basic glued", "Basic" + basic("alice:pw"), "Basic", "Basic", basic("alice:pw"),
			[]want{{report.RequestBasicMalformed, report.Error, []string{"No space between Basic"}}}, nil},
		{"basic quoted", `Basic "` + basic("alice:pw") + `"`, "Basic", "Basic", basic("alice:pw"),
			[]want{{report.RequestBasicMalformed, report.Error, []string{"credentials is wrapped in quotes"}}}, nil},
		{"basic alone", "Basic", "Basic", "Basic", "",
			[]want{{report.RequestBasicMalformed, report.Error, []string{"no credentials"}}}, nil},
		{"basic placeholder", "Basic ${CREDS}", "Basic", "Basic", "${CREDS}",
			[]want{{report.TokenPlaceholder, report.Error, []string{"${CREDS}"}}}, []string{report.RequestBasicMalformed}},
		{"basic api key as user", "Basic " + basic("sk_test_4eC39HqLyjWDarjtT1zdp7dc:"), "Basic", "Basic", basic("sk_test_4eC39HqLyjWDarjtT1zdp7dc:"),
			[]want{{report.RequestBasicCredentials, report.Info, []string{"sk_test_…7dc, 32 chars : (empty)"}}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const offset = 100
			c, fs := Parse(tc.value, offset, false)
			check(t, tc.value, offset, false, c, fs)
			seen := map[string]bool{}
			for _, f := range fs {
				if seen[f.Title] {
					t.Errorf("duplicate finding %q", f.Title)
				}
				seen[f.Title] = true
			}
			if c.Scheme != tc.scheme || c.Canonical != tc.canonical || c.Credential != tc.cred {
				t.Errorf("got scheme %q canonical %q credential %q", c.Scheme, c.Canonical, c.Credential)
			}
			if tc.cred != "" && c.Offset < 0 {
				t.Error("no offset for a verbatim credential")
			}
			for _, w := range tc.want {
				var f *report.Finding
				for i := range fs {
					if fs[i].Code == w.code && fs[i].Severity == w.sev && (len(w.has) == 0 || strings.Contains(fs[i].Title+"\n"+fs[i].Evidence, w.has[0])) {
						f = &fs[i]
						break
					}
				}
				if f == nil {
					t.Fatalf("want %s/%s %v, got %v", w.code, w.sev, w.has, codes(fs))
				}
				for _, h := range w.has {
					if !strings.Contains(f.Title+"\n"+f.Evidence, h) {
						t.Errorf("%q not in %q / %q", h, f.Title, f.Evidence)
					}
				}
				if f.Span == nil {
					t.Errorf("%s has no span", f.Code)
				}
			}
			for _, n := range tc.not {
				if f := find(fs, n, ""); f != nil {
					t.Errorf("unexpected %s: %s", n, f.Title)
				}
			}
		})
	}
}

func TestParseBasicCredentials(t *testing.T) {
	c, fs := Parse("Basic "+basic("alice:s3cr3t!"), -1, false)
	if c.User != "alice" || c.Password != "s3cr3t!" || c.Offset != -1 {
		t.Fatalf("%+v", c)
	}
	for _, f := range fs {
		if f.Span != nil {
			t.Error("span without an input offset")
		}
		if strings.Contains(f.Title+f.Detail+f.Evidence, "s3cr3t") {
			t.Errorf("password revealed: %+v", f)
		}
	}
	_, fs = Parse("Basic "+basic("alice:s3cr3t!"), 0, true)
	if f := find(fs, report.RequestBasicCredentials, report.Info); f == nil || f.Evidence != `alice : "s3cr3t!"` {
		t.Errorf("reveal: %+v", fs)
	}
	// A quoted or odd user-id is shown quoted.
	c, fs = Parse("Basic "+basic("al ice:x"), 0, false)
	if f := find(fs, report.RequestBasicCredentials, report.Info); f == nil || !strings.Contains(f.Evidence, `"al ice" : • (1 char)`) {
		t.Errorf("%+v", fs)
	}
	if c.User != "al ice" {
		t.Errorf("user %q", c.User)
	}
}

func TestParseMasksTokens(t *testing.T) {
	for _, v := range []string{"Bearer: " + jwt, "Bearer  " + jwt, "Bearer Bearer " + jwt, `Bearer "` + jwt + `"`, jwt, "Bearer" + jwt} {
		_, fs := Parse(v, 0, false)
		if len(fs) == 0 {
			t.Fatalf("%q: no finding", v)
		}
		for _, f := range fs {
			if strings.Contains(f.Title+f.Detail+f.Evidence+f.Fix, jwt) {
				t.Errorf("%q: %s reveals the token: %s", v, f.Code, f.Evidence)
			}
			if !strings.Contains(f.Evidence, "eyJhbGci…") {
				t.Errorf("%q: %s evidence %q lacks the fingerprint", v, f.Code, f.Evidence)
			}
		}
		_, fs = Parse(v, 0, true)
		if !strings.Contains(fs[0].Evidence, jwt) {
			t.Errorf("%q: reveal does not show the token: %q", v, fs[0].Evidence)
		}
	}
}

func TestDecodeBasic(t *testing.T) {
	tests := []struct {
		in, user, pw string
		err          error
	}{
		{basic("a:b:c"), "a", "b:c", nil},
		{strings.TrimRight(basic("ab:c"), "="), "ab", "c", nil},
		{basic("nocolon"), "", "", ErrNoColon},
		{"a!b", "", "", ErrNotBase64},
		{"a", "", "", ErrNotBase64},
	}
	for _, tc := range tests {
		u, p, err := DecodeBasic(tc.in)
		if u != tc.user || p != tc.pw || !isErr(err, tc.err) {
			t.Errorf("DecodeBasic(%q) = %q %q %v", tc.in, u, p, err)
		}
	}
}

func isErr(err, target error) bool {
	if target == nil {
		return err == nil
	}
	for e := err; e != nil; {
		if e == target {
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		e = u.Unwrap()
	}
	return false
}

func TestParseSpans(t *testing.T) {
	input := "GET / HTTP/1.1\r\nAuthorization: bearer:  " + jwt + "\r\n"
	start := strings.Index(input, "Authorization")
	line := input[start : len(input)-2]
	c, fs := Parse(line, start, false)
	if input[c.Offset:c.Offset+len(c.Credential)] != jwt {
		t.Fatalf("credential offset %d", c.Offset)
	}
	got := map[string]bool{}
	for _, f := range fs {
		got[input[f.Span.Start:f.Span.End]] = true
	}
	for _, s := range []string{"bearer", ":", "  "} {
		if !got[s] {
			t.Errorf("no finding spans %q; spans cover %v", s, got)
		}
	}
}

func ExampleParse() {
	c, fs := Parse(`Authorization: bearer "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl"`, 0, false)
	fmt.Println(c.Canonical, c.Credential)
	for _, f := range fs {
		fmt.Printf("%s %s: %s\n", f.Severity, f.Code, f.Title)
	}
	c, fs = Parse("Basic YWxpY2U6czNjcjN0IQ==", -1, false)
	fmt.Println(c.User, fs[0].Evidence)
	// Output:
	// Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl
	// warning request.bearer_malformed: The scheme is written "bearer"; some servers only accept "Bearer"
	// error request.bearer_malformed: The token is wrapped in quotes
	// alice alice : ••••••• (7 chars)
}

func TestParseBasicFlaws(t *testing.T) {
	for _, c := range []struct {
		name, creds, title string
	}{
		{"echo without -n", "alice:s3cr3t!\n", "line break"},
		{"CR LF", "alice:s3cr3t!\r\n", "line break"},
		{"newline inside", "alice\n:s3cr3t!", "hold a line break"},
		{"trailing space", "alice:s3cr3t! ", "spaces"},
		{"leading space in user", " alice:s3cr3t!", "spaces"},
		{"tab control", "alice:s3c\x01r3t", "control"},
		{"percent-encoded user", "alice%40example.com:s3cr3t!", "percent-encoded"},
		{"Latin-1 password", "alice:p\xe4ss", "UTF-8"},
		{"fine", "alice:s3cr3t!", ""},
		{"fine with a literal percent", "alice:100%sure", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, fs := Parse("Basic "+basic(c.creds), 0, false)
			f := find(fs, report.RequestBasicMalformed, report.Error)
			if c.title == "" {
				if f != nil || find(fs, report.RequestBasicCredentials, report.Info) == nil {
					t.Fatalf("want only request.basic_credentials: %+v", fs)
				}
				return
			}
			if f == nil {
				t.Fatalf("no request.basic_malformed error: %+v", fs)
			}
			if !strings.Contains(f.Title, c.title) || !strings.Contains(f.Fix, "printf '%s'") {
				t.Errorf("title %q fix %q", f.Title, f.Fix)
			}
			if find(fs, report.RequestBasicCredentials, report.Info) != nil {
				t.Error("also called well-formed")
			}
			if strings.Contains(f.Title+f.Detail+f.Evidence+f.Fix, "s3cr3t") {
				t.Errorf("password revealed: %+v", f)
			}
		})
	}
}
