package detect

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// TestHTTPDebugKinds: client wire dumps are one http-debug part with their
// program named; what merely looks like them is not.
func TestHTTPDebugKinds(t *testing.T) {
	tests := []struct {
		name, in, kind, flavor string
	}{
		{"http.client", "send: b'GET /me HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer None\\r\\n\\r\\n'\nreply: 'HTTP/1.1 401 Unauthorized\\r\\n'\nheader: WWW-Authenticate: Bearer", report.KindHTTPDebug, FlavorPythonHTTPClient},
		{"reply alone", "reply: 'HTTP/1.1 401 Unauthorized\\r\\n'\nheader: Content-Length: 0", report.KindHTTPDebug, FlavorPythonHTTPClient},
		{"requests with urllib3", "DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): api.example.com:443\nsend: b'GET / HTTP/1.1\\r\\n\\r\\n'\nreply: 'HTTP/1.1 401 X\\r\\n'", report.KindHTTPDebug, FlavorPythonRequests},
		{"urllib3 line alone is a log", `DEBUG:urllib3.connectionpool:https://api.example.com:443 "GET /me HTTP/1.1" 401 0`, report.KindServerLog, ""},
		{"node", "HTTP 123: call onSocket 0 0\nHTTP 123: createConnection a:80: [Object: null prototype] {\n  headers: {\n    Authorization: 'Bearer x'\n  },\n}\nHTTP 123: outgoing message end.", report.KindHTTPDebug, FlavorNode},
		{"node without createConnection", "HTTP 123: AGENT incoming response!", report.KindUnknown, ""},
		{"prose about sending", "send: the request went out at 10:00", report.KindUnknown, ""},
		{"a header line named header", "header: X-Foo", report.KindUnknown, ""},
		{"wget options without a request", "Setting --header (header) to Accept: */*\nDEBUG output created by Wget 1.21.3 on linux-gnu.", report.KindUnknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := Detect(tt.in)
			checkParts(t, tt.in, ps)
			if len(ps) == 0 || ps[0].Kind != tt.kind || ps[0].Flavor != tt.flavor {
				t.Fatalf("parts %+v, want %s (%s) first", ps, tt.kind, tt.flavor)
			}
			if tt.kind == report.KindHTTPDebug && len(ps) != 1 {
				t.Errorf("%d parts, want the dump whole", len(ps))
			}
		})
	}
}

// TestHTTPDebugCaptures: every captured dump is one part of its flavour
// (HTTPie and Go's httputil write raw HTTP: a request and a response).
func TestHTTPDebugCaptures(t *testing.T) {
	want := map[string][]string{
		"python_http_client_bearer_none.txt": {report.KindHTTPDebug},
		"python_http_client_expired.txt":     {report.KindHTTPDebug},
		"python_requests_expired.txt":        {report.KindHTTPDebug},
		"python_requests_no_auth.txt":        {report.KindHTTPDebug},
		"wget_debug_expired.txt":             {report.KindHTTPDebug, report.KindUnknown},
		"wget_debug_undefined.txt":           {report.KindHTTPDebug, report.KindUnknown},
		"node_debug_http_expired.txt":        {report.KindHTTPDebug},
		"httpie_verbose_expired.txt":         {report.KindHTTPRequest, report.KindHTTPResponse},
		"httpie_verbose_no_auth.txt":         {report.KindHTTPRequest, report.KindHTTPResponse},
		"go_httputil_placeholder.txt":        {report.KindHTTPRequest, report.KindHTTPResponse},
		"go_httputil_empty_token.txt":        {report.KindHTTPRequest, report.KindHTTPResponse},
	}
	dir := filepath.Join("..", "exchange", "testdata", "httpdebug")
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if e.IsDir() || filepath.Ext(e.Name()) != ".txt" {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			kinds, ok := want[e.Name()]
			if !ok {
				t.Fatalf("no expectation for %s", e.Name())
			}
			ps := Detect(string(b))
			if len(ps) != len(kinds) {
				t.Fatalf("%d parts %+v, want %v", len(ps), ps, kinds)
			}
			for i, k := range kinds {
				if ps[i].Kind != k {
					t.Errorf("part %d is %s, want %s", i, ps[i].Kind, k)
				}
			}
		})
	}
	if n != len(want) {
		t.Errorf("%d captures, %d expectations", n, len(want))
	}
}
