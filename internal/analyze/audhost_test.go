package analyze

import (
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func TestAudienceAgainstRequestHost(t *testing.T) {
	get := func(host string, aud any) string {
		tok := rs256(rsHeader, access(map[string]any{"aud": aud}))
		return "GET /v1/orders HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + tok + "\r\n\r\n" +
			response("401 Unauthorized", `WWW-Authenticate: Bearer realm="api"`, httpDate(0))
	}
	for _, c := range []struct {
		name, text string
		opts       []Option
		warn       bool
	}{
		{"URL audience of another domain", get("api.example.com", "https://api.other-corp.io"), nil, true},
		{"array, all other domains", get("api.example.com", []any{"https://billing.other.io", "graph.microsoft.com"}), nil, true},
		{"same domain, other subdomain", get("api.example.com", "https://login.example.com/api"), nil, false},
		{"same host", get("api.example.com", "https://api.example.com"), nil, false},
		{"client-id audience is not comparable", get("api.example.com", "orders-api"), nil, false},
		{"one comparable match in an array", get("api.example.com", []any{"https://x.other.io", "https://api.example.com/"}), nil, false},
		{"co.uk domains compared by three labels", get("api.shop.co.uk", "https://auth.shop.co.uk"), nil, false},
		{"IP host is not compared", get("10.0.0.5:8080", "https://api.other.io"), nil, false},
		{"expected audience given: claims decides", get("api.example.com", "https://api.other-corp.io"), []Option{WithAudience("https://api.other-corp.io")}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runTest(c.text, c.opts...)
			got := false
			for _, f := range r.Findings {
				if f.Code == report.ClaimsAudMismatch {
					if f.Severity != report.Warning {
						t.Errorf("severity %s, want warning", f.Severity)
					}
					got = true
				}
			}
			if got != c.warn {
				t.Errorf("aud warning %v, want %v: %v", got, c.warn, r.Codes())
			}
		})
	}
}
