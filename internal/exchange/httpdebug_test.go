package exchange

import (
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// TestHTTPDebugParse: wire dumps become requests and responses whose header
// spans point at the values in the input (or nowhere when an escape stands
// inside them).
func TestHTTPDebugParse(t *testing.T) {
	tests := []struct {
		name, in, flavor string
		method, url      string
		auth             string // the Authorization value read
		status           int
		body             string
	}{
		{"http.client", "send: b'GET /me HTTP/1.1\\r\\nHost: api.example.com\\r\\nAuthorization: Bearer None\\r\\n\\r\\n'\nreply: 'HTTP/1.1 401 Unauthorized\\r\\n'\nheader: WWW-Authenticate: Bearer realm=\"x\"\n",
			detect.FlavorPythonHTTPClient, "GET", "/me", "Bearer None", 401, ""},
		{"requests with a body sent apart", "DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): api.example.com:443\nsend: b'POST /token HTTP/1.1\\r\\nHost: api.example.com\\r\\nAuthorization: Basic YTpi\\r\\n\\r\\n'\nsend: b'grant_type=refresh_token'\nreply: 'HTTP/1.1 400 Bad Request\\r\\n'\n",
			detect.FlavorPythonRequests, "POST", "https://api.example.com/token", "Basic YTpi", 400, ""},
		{"escaped bytes in a value", "send: b'GET / HTTP/1.1\\r\\nAuthorization: Bearer a\\xc3\\xa9b\\r\\n\\r\\n'\n", detect.FlavorPythonHTTPClient, "GET", "/", "Bearer a\u00e9b", 0, ""},
		{"wget", "--2026-12-07 20:53:50--  http://127.0.0.1:8000/users/me\n---request begin---\nGET /users/me HTTP/1.1\nAuthorization: Bearer x.y.z\n\n---request end---\n---response begin---\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n\n---response end---\n401 Unauthorized\nSkipping 2 bytes of body: [{}] done.\n",
			detect.FlavorWget, "GET", "http://127.0.0.1:8000/users/me", "Bearer x.y.z", 401, "{}"},
		{"node", "HTTP 9: createConnection a:80: [Object: null prototype] {\n  href: 'http://a/me',\n  method: 'POST',\n  headers: {\n    Authorization: 'Bearer t',\n    'x-api-key': 'k'\n  },\n}\n",
			detect.FlavorNode, "POST", "http://a/me", "Bearer t", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exs := checkParseFlavor(t, report.KindHTTPDebug, tt.flavor, tt.in)
			if len(exs) != 1 || exs[0].Request == nil {
				t.Fatalf("exchanges %+v, want one with a request", exs)
			}
			req := exs[0].Request
			if req.Method != tt.method || req.URL != tt.url || req.From != report.KindHTTPDebug {
				t.Errorf("request %s %s from %s, want %s %s", req.Method, req.URL, req.From, tt.method, tt.url)
			}
			got, _ := req.Header("Authorization")
			if got != tt.auth {
				t.Errorf("Authorization %q, want %q", got, tt.auth)
			}
			for _, h := range req.Headers {
				if vs := h.ValueSpan; vs.End > 0 && tt.in[vs.Start:vs.End] != h.Value {
					t.Errorf("%s value span holds %q, not %q", h.Name, tt.in[vs.Start:vs.End], h.Value)
				}
			}
			if tt.status == 0 {
				if exs[0].Response != nil {
					t.Errorf("a response %+v where the dump shows none", exs[0].Response)
				}
				return
			}
			if r := exs[0].Response; r == nil || r.Status != tt.status || r.Body != tt.body {
				t.Errorf("response %+v, want %d %q", r, tt.status, tt.body)
			}
		})
	}
	if _, _, err := Parse(detect.Part{Kind: report.KindHTTPDebug, Flavor: detect.FlavorWget, Text: "nothing"}); err == nil {
		t.Error("a dump with no message parsed")
	}
}
