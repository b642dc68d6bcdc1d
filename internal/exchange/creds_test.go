package exchange

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func TestCredentials(t *testing.T) {
	tk := testTokens(t)
	tests := []struct {
		name    string
		kind    string
		in      string
		sources []string
		values  []string // "" = do not check
	}{
		{"chrome bash", report.KindCurlCommand, fixture(t, "chrome_bash.txt"),
			[]string{"request.authorization", "request.cookie.session", "request.cookie.theme"},
			[]string{"Bearer " + tk.Expired, "s%3AQm9i.abc123", "dark"}},
		{"api key header and query", report.KindHTTPRequest,
			"GET https://api.example.com/v1/x?limit=5&api_key=sk_live_0123456789abcdef HTTP/1.1\nX-Api-Key: k-1234567890\nPrivate-Token: glpat-abcdefghij\nX-Request-Id: 42",
			[]string{"request.header.x-api-key", "request.header.private-token", "request.query.api_key"},
			[]string{"k-1234567890", "glpat-abcdefghij", "sk_live_0123456789abcdef"}},
		{"generic query names need long values", report.KindHTTPRequest,
			"GET https://api.example.com/search?key=orders&token=0123456789abcdef HTTP/1.1",
			[]string{"request.query.token"}, []string{"0123456789abcdef"}},
		{"proxy-authorization and userinfo", report.KindHTTPRequest,
			"GET https://bob:pw@api.example.com/ HTTP/1.1\nProxy-Authorization: Basic cDpx",
			[]string{"request.proxy-authorization", "request.userinfo"}, []string{"Basic cDpx", "bob:pw"}},
		{"none", report.KindHTTPRequest, "GET /public HTTP/1.1\nHost: example.com\nAccept: */*", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exs := onePart(t, tt.kind, tt.in)
			cs := Credentials(exs[0].Request)
			var got []string
			for _, c := range cs {
				got = append(got, c.Source)
			}
			if strings.Join(got, ",") != strings.Join(tt.sources, ",") {
				t.Fatalf("sources %v, want %v", got, tt.sources)
			}
			for i, c := range cs {
				if tt.values[i] != "" && c.Value != tt.values[i] {
					t.Errorf("%s value %q, want %q", c.Source, c.Value, tt.values[i])
				}
				if c.Offset >= 0 && tt.in[c.Offset:c.Offset+len(c.Value)] != c.Value {
					t.Errorf("%s offset %d holds %q", c.Source, c.Offset, tt.in[c.Offset:min(len(tt.in), c.Offset+len(c.Value))])
				}
			}
		})
	}
	if Credentials(nil) != nil {
		t.Error("Credentials(nil) != nil")
	}
}

func TestMaskURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://api.example.com/x?access_token=abcdefghijklmnopqrstuvwxyz&limit=5", "https://api.example.com/x?access_token=abcdefgh…xyz, 26 chars&limit=5"},
		{"https://bob:s3cretpassword@example.com/", "https://bob:…, 14 chars@example.com/"},
		{"https://app.example.com/cb#access_token=abcdefghijklmnopqrstuvwxyz&token_type=Bearer", "https://app.example.com/cb#access_token=abcdefgh…xyz, 26 chars&token_type=Bearer"},
		{"https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", "https://app.example.com/cb?code=Splx…, 22 chars&state=xyz"},
		{"https://example.com/search?q=hello", "https://example.com/search?q=hello"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := MaskURL(tt.in, false); got != tt.want {
				t.Errorf("MaskURL = %q, want %q", got, tt.want)
			}
			if got := MaskURL(tt.in, true); got != tt.in {
				t.Errorf("MaskURL(reveal) = %q", got)
			}
		})
	}
}

func TestIsAPIKeyHeader(t *testing.T) {
	for n, want := range map[string]bool{"X-API-Key": true, "api-key": true, "X-Auth-Token": true, "Private-Token": true,
		"Ocp-Apim-Subscription-Key": true, "X-Custom-Api-Key": true, "X-CSRF-Token": false, "Content-Type": false, "X-Request-Id": false} {
		if got := IsAPIKeyHeader(n); got != want {
			t.Errorf("IsAPIKeyHeader(%q) = %v", n, got)
		}
	}
}
