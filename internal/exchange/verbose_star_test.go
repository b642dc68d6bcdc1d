package exchange

import (
	"os"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// curl prints '*' lines between response headers (its cookie engine, its
// auth state): the headers after them belong to the same response.
func TestVerboseStarLinesInsideResponseHeaders(t *testing.T) {
	real, err := os.ReadFile("testdata/curl_v_star_mid_headers.txt") // testdata/capture/star_lines.sh
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, text string }{
		{"real curl 7.88 with -c and -u", string(real)},
		{"HSTS and connection lines", "> GET /me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer abc.def.ghi\n>\n< HTTP/2 401\n< date: Mon, 07 Dec 2026 20:00:00 GMT\n* HSTS max-age=31536000\n< strict-transport-security: max-age=31536000\n* Connection #0 to host api.example.com left intact\n< www-authenticate: Bearer error=\"invalid_token\"\n< content-type: application/json\n<\n{\"error\":\"invalid_token\"}\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var parts []detect.Part
			for _, p := range detect.Detect(c.text) {
				if p.Kind != report.KindUnknown {
					parts = append(parts, p)
				}
			}
			exs, _, errs := ParseParts(parts)
			if len(exs) != 1 || exs[0].Response == nil {
				t.Fatalf("exchanges %+v, errors %v", exs, errs)
			}
			resp := exs[0].Response
			if _, ok := resp.Header("WWW-Authenticate"); !ok {
				t.Errorf("WWW-Authenticate lost after a '*' line: %+v", resp.Headers)
			}
			if _, ok := resp.Header("Content-Type"); !ok {
				t.Errorf("Content-Type lost: %+v", resp.Headers)
			}
			if resp.Body == "" {
				t.Error("body lost")
			}
		})
	}
}

// A fault repeated across HAR entries is one finding that says where else
// it stands.
func TestRepeatedFindingSaysWhichExchanges(t *testing.T) {
	entry := func(path string) string {
		return `{"request":{"method":"GET","url":"https://api.example.com` + path + `","httpVersion":"HTTP/1.1","headers":[],"queryString":[],"cookies":[]},` +
			`"response":{"status":401,"statusText":"Unauthorized","httpVersion":"HTTP/1.1","headers":[{"name":"WWW-Authenticate","value":"Bearer realm=\"api\""},{"name":"Cache-Control","value":"no-store"}],"cookies":[],"content":{"size":0,"mimeType":"text/plain","text":""}}}`
	}
	har := `{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[` + entry("/a") + "," + entry("/b") + "," + entry("/c") + `]}}`
	var parts []detect.Part
	for _, p := range detect.Detect(har) {
		if p.Kind != report.KindUnknown {
			parts = append(parts, p)
		}
	}
	exs, _, errs := ParseParts(parts)
	if len(exs) != 3 {
		t.Fatalf("%d exchanges, %v", len(exs), errs)
	}
	n := 0
	for _, f := range Diagnose(exs, Context{}) {
		if f.Code == report.RequestNoCredentials {
			n++
			if !strings.Contains(f.Detail, "exchanges 1, 2 and 3") {
				t.Errorf("detail does not list the exchanges: %s", f.Detail)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d request.no_credentials findings, want one", n)
	}
}

// A redirect to the same host on another port (curl: "Clear auth,
// redirects to port from … to …") drops Authorization like a redirect to
// another host; a plain-http transcript's first request gets its full URL.
func TestRedirectToAnotherPortDropsAuth(t *testing.T) {
	b, err := os.ReadFile("testdata/curl_v_redirect_port_clears_auth.txt") // testdata/capture/redirect_port.sh
	if err != nil {
		t.Fatal(err)
	}
	var parts []detect.Part
	for _, p := range detect.Detect(string(b)) {
		if p.Kind != report.KindUnknown {
			parts = append(parts, p)
		}
	}
	exs, _, errs := ParseParts(parts)
	if len(exs) != 2 {
		t.Fatalf("%d exchanges: %v", len(exs), errs)
	}
	if u := exs[0].Request.URL; u != "http://127.0.0.1:18091/v1/me" {
		t.Errorf("first URL %q, want the full http URL", u)
	}
	var got *report.Finding
	fs := Diagnose(exs, Context{})
	for i := range fs {
		if fs[i].Code == report.RequestRedirectDroppedAuth {
			got = &fs[i]
		}
	}
	if got == nil {
		t.Fatalf("no request.redirect_dropped_auth: %+v", fs)
	}
	if got.Severity != report.Error || !strings.Contains(got.Title, ":18092") || !strings.Contains(got.Detail, "scheme or port") {
		t.Errorf("%s %q %q", got.Severity, got.Title, got.Detail)
	}
	if strings.Contains(got.Title+got.Detail+got.Evidence+got.Fix, "4f1c0d1e6b2a4e1f9d8c7b6a5f4e3d2c") {
		t.Error("the token is in the finding")
	}
}
