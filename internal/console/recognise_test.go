package console

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "exchange", "testdata", "console", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type want struct{ browser, cause, detail string }

// TestCaptures: the console messages headless Chromium printed here
// (tools/capture/console), and the documented Firefox, Safari and DevTools
// forms, each with its cause and what it names.
func TestCaptures(t *testing.T) {
	tests := []struct {
		file string
		want []want // detail: a header, value, code or status the message names
	}{
		{"chromium_no_acao.txt", []want{{Chromium, NoAllowOrigin, ""}, {Chromium, NetError, "FAILED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_authorization_not_allowed.txt", []want{{Chromium, HeaderNotAllowed, "authorization"}, {Chromium, NetError, "FAILED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_preflight_401.txt", []want{{Chromium, PreflightStatus, ""}, {Chromium, NetError, "FAILED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_preflight_redirect.txt", []want{{Chromium, PreflightRedirect, ""}, {Chromium, NetError, "FAILED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_wildcard_credentials.txt", []want{{Chromium, WildcardCredentials, ""}, {Chromium, NetError, "FAILED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_credentials_not_true.txt", []want{{Chromium, CredentialsNotTrue, ""}, {Chromium, NetError, "FAILED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_origin_mismatch.txt", []want{{Chromium, OriginMismatch, "https://app.example.com"}, {Chromium, NetError, "FAILED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_connection_refused.txt", []want{{Chromium, NetError, "CONNECTION_REFUSED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_name_not_resolved.txt", []want{{Chromium, NetError, "NAME_NOT_RESOLVED"}, {Chromium, FetchFailed, ""}}},
		{"chromium_cert_invalid.txt", []want{{Chromium, NetError, "CERT_AUTHORITY_INVALID"}, {Chromium, FetchFailed, ""}}},
		{"chromium_mixed_content.txt", []want{{Chromium, MixedContent, ""}, {Chromium, FetchFailed, ""}}},
		{"documented_firefox.txt", []want{
			{Firefox, NoAllowOrigin, "401"}, {Firefox, HeaderNotAllowed, "authorization"}, {Firefox, HeaderNotAllowed, "authorization"},
			{Firefox, PreflightStatus, "401"}, {Firefox, WildcardCredentials, ""}, {Firefox, CredentialsNotTrue, ""},
			{Firefox, OriginMismatch, "https://app.example.com"}, {Firefox, MethodNotAllowed, ""}, {Firefox, PreflightRedirect, ""},
			{Firefox, MultipleOrigins, ""}, {Firefox, NetError, ""}, {Firefox, FetchFailed, ""}, {Firefox, MixedContent, ""}}},
		{"documented_safari.txt", []want{
			{Safari, NoAllowOrigin, "401"}, {Safari, CORSOther, ""}, {Safari, NoAllowOrigin, "401"}, {Safari, HeaderNotAllowed, "Authorization"},
			{Safari, PreflightStatus, "401"}, {Safari, FetchFailed, ""}, {Safari, MixedContent, ""}}},
		{"documented_chrome_devtools.txt", []want{
			{Chromium, NoAllowOrigin, ""}, {Chromium, NetError, "401"}, {Chromium, FetchFailed, ""}, {Chromium, NetError, "BLOCKED_BY_CLIENT"},
			{Chromium, MethodNotAllowed, "PUT"}, {Chromium, MultipleOrigins, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			text := readFixture(t, tt.file)
			ms := Recognise(text)
			if len(ms) != len(tt.want) {
				t.Fatalf("%d messages %+v, want %d", len(ms), ms, len(tt.want))
			}
			for i, w := range tt.want {
				m := ms[i]
				if m.Browser != w.browser || m.Cause != w.cause {
					t.Errorf("message %d: %s %s, want %s %s (%q)", i, m.Browser, m.Cause, w.browser, w.cause, m.Text)
				}
				named := strings.Join([]string{m.Header, m.Method, m.Value, m.Code, itoa(m.Status)}, " ")
				if w.detail != "" && !strings.Contains(" "+named+" ", " "+w.detail+" ") {
					t.Errorf("message %d names %q, want %q", i, named, w.detail)
				}
				if text[m.Start:m.End] != m.Text {
					t.Errorf("message %d span holds %q", i, text[m.Start:m.End])
				}
				if m.CORS() && m.Cause != PreflightStatus && m.Browser == Chromium && (m.URL == "" || m.Origin == "") {
					t.Errorf("message %d: url %q origin %q", i, m.URL, m.Origin)
				}
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// TestNotConsole: text that mentions CORS, fetching or network errors in
// another sense is no console message.
func TestNotConsole(t *testing.T) {
	for _, s := range []string{
		"We failed to fetch the CORS settings from the config server.",
		"CORS is enabled for https://app.example.com",
		"TypeError: Failed to execute 'fetch' on 'Window': Invalid name",
		"Error: failed to fetch user profile",
		"the log showed net::ERR_CONNECTION_REFUSED a few times",
		"curl: (7) Failed to connect to 127.0.0.1 port 8000: Connection refused",
		"Access-Control-Allow-Origin: *",
		"Origin https://app.example.com is allowed",
		"Request header field names are case-insensitive.",
		"2026-12-07 10:00:00 INFO cors: preflight OPTIONS /users/me 204",
		"fetch failed",
		"TypeError: fetch failed",
	} {
		t.Run(s, func(t *testing.T) {
			if IsLine(s) {
				t.Errorf("%q read as a console message", s)
			}
			if ms := Recognise(s); len(ms) != 0 {
				t.Errorf("messages %+v", ms)
			}
		})
	}
}

func FuzzRecognise(f *testing.F) {
	es, _ := os.ReadDir(filepath.Join("..", "exchange", "testdata", "console"))
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".txt") {
			f.Add(readFixture(f, e.Name()))
		}
	}
	f.Add("x:1 GET h:// net::ERR_ 999\nOrigin  is not allowed by Access-Control-Allow-Origin. Status code: 4")
	f.Add("Cross-Origin Request Blocked: (Reason: header '\n[blocked] The page at  insecure content from ")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range Recognise(s) {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("span [%d,%d) does not hold %q", m.Start, m.End, m.Text)
			}
			if m.Cause == "" || m.Browser == "" {
				t.Fatalf("message without cause or browser: %+v", m)
			}
			if !IsLine(strings.TrimSpace(m.Text)) {
				t.Fatalf("%q recognised but not a line", m.Text)
			}
		}
	})
}
