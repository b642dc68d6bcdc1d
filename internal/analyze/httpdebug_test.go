package analyze

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
)

// captureNow is the analysis clock for a captured dump: a minute after the
// server's Date (the tokens were signed to expire five minutes before it),
// or now when the dump shows no Date (Node's NODE_DEBUG prints no response).
func captureNow(text string) time.Time {
	if m := regexp.MustCompile(`Date: ([A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} [\d:]{8} GMT)`).FindStringSubmatch(text); m != nil {
		if d, ok := exchange.ParseHTTPDate(m[1]); ok {
			return d.Add(time.Minute)
		}
	}
	return time.Now()
}

// TestHTTPDebug: client wire dumps captured from real programs
// (internal/exchange/testdata/httpdebug/capture) become exchanges like curl -v.
func TestHTTPDebug(t *testing.T) {
	tests := []struct {
		file, kind, flavor, top string
		status                  int
	}{
		{"python_http_client_bearer_none.txt", report.KindHTTPDebug, "Python http.client", report.TokenPlaceholder, 401},
		{"python_http_client_expired.txt", report.KindHTTPDebug, "Python http.client", report.TokenExpired, 401},
		{"python_requests_expired.txt", report.KindHTTPDebug, "Python requests", report.TokenExpired, 401},
		{"python_requests_no_auth.txt", report.KindHTTPDebug, "Python requests", report.RequestNoCredentials, 401},
		{"wget_debug_expired.txt", report.KindHTTPDebug, "wget -d", report.TokenExpired, 401},
		{"wget_debug_undefined.txt", report.KindHTTPDebug, "wget -d", report.TokenPlaceholder, 401},
		{"node_debug_http_expired.txt", report.KindHTTPDebug, "Node NODE_DEBUG=http", report.TokenExpired, 0},
		// HTTPie --verbose and Go's httputil dumps are raw HTTP messages.
		{"httpie_verbose_expired.txt", report.KindHTTPRequest, "", report.TokenExpired, 401},
		{"httpie_verbose_no_auth.txt", report.KindHTTPRequest, "", report.RequestNoCredentials, 401},
		{"go_httputil_placeholder.txt", report.KindHTTPRequest, "", report.TokenPlaceholder, 401},
		{"go_httputil_empty_token.txt", report.KindHTTPRequest, "", report.TokenPlaceholder, 401},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile("../exchange/testdata/httpdebug/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			in := string(b)
			r := runTest(in, WithNow(captureNow(in)))
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(r.Inputs) == 0 || r.Inputs[0].Kind != tt.kind {
				t.Fatalf("inputs %+v, want %s first", r.Inputs, tt.kind)
			}
			if tt.flavor != "" && r.Inputs[0].Note != tt.flavor {
				t.Errorf("input note %q, want %q", r.Inputs[0].Note, tt.flavor)
			}
			if len(r.Findings) == 0 || r.Findings[0].Code != tt.top {
				t.Errorf("codes %v, want %s first", r.Codes(), tt.top)
			}
			if r.Request == nil || !strings.HasSuffix(r.Request.URL, "/users/me") && !strings.HasSuffix(r.Request.URL, "/v1/orders") {
				t.Errorf("request %+v", r.Request)
			}
			if tt.status != 0 && (r.Response == nil || r.Response.Status == nil || *r.Response.Status != tt.status) {
				t.Errorf("response %+v, want status %d", r.Response, tt.status)
			}
			out, _ := json.Marshal(r.Findings)
			if strings.Contains(string(out), "eyJ") {
				t.Error("a finding carries a token")
			}
		})
	}
}
