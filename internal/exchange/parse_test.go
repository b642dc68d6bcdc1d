package exchange

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

func TestParseFixtures(t *testing.T) {
	tk := testTokens(t)
	type hop struct {
		method, url string
		status      int
		proto       string
		headers     map[string]string // name → value that must be present
		body        string            // substring of the response body
		note        string
	}
	tests := []struct {
		file string
		hops []hop
	}{
		{"expired_curl_i.txt", []hop{{method: "GET", url: "https://api.example.com/v1/me", status: 401, proto: "HTTP/1.1",
			headers: map[string]string{"Authorization": "Bearer " + tk.Expired, "Cache-Control": "no-store"},
			body:    `"error":"invalid_token"`}}},
		{"docker_pull_verbose.txt", []hop{{method: "GET", url: "https://registry-1.docker.io/v2/library/alpine/manifests/latest",
			status: 401, proto: "HTTP/2", headers: map[string]string{"Host": "registry-1.docker.io", "docker-distribution-api-version": "registry/2.0"},
			body: `"code":"UNAUTHORIZED"`}}},
		{"redirect_dropped_auth_verbose.txt", []hop{
			{method: "GET", url: "https://api.example.com/v1/exports/42/download", status: 302, proto: "HTTP/1.1",
				headers: map[string]string{"Authorization": "Bearer " + tk.Valid, "Location": "https://cdn.example.net/exports/42.csv"}, note: "request 1 of 2"},
			{method: "GET", url: "https://cdn.example.net/exports/42.csv", status: 401, proto: "HTTP/1.1",
				headers: map[string]string{"Host": "cdn.example.net"}, body: "Unauthorized", note: "redirect 2 of 2"}}},
		{"insufficient_scope_401.txt", []hop{{method: "GET", url: "/v1/orders/1234", status: 401, proto: "HTTP/1.1",
			headers: map[string]string{"Host": "api.example.com", "Authorization": "Bearer " + tk.Valid}}}},
		{"forbidden_missing_header.txt", []hop{{method: "GET", url: "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/reports",
			status: 403, proto: "HTTP/2", headers: map[string]string{"x-amzn-errortype": "MissingAuthenticationTokenException"},
			body: "Missing Authentication Token"}}},
		{"no_challenge_401.txt", []hop{{status: 401, proto: "HTTP/1.1", headers: map[string]string{"Server": "nginx/1.24.0"}, body: `{"message":"Unauthorized"}`}}},
		{"cors_preflight.txt", []hop{{method: "OPTIONS", url: "/v1/me", status: 204, proto: "HTTP/1.1",
			headers: map[string]string{"Access-Control-Request-Headers": "authorization,content-type", "Access-Control-Allow-Headers": "Content-Type, *"}}}},
		{"dpop_nonce.txt", []hop{{status: 401, proto: "HTTP/1.1", headers: map[string]string{"DPoP-Nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v"}}}},
		{"cacheable_401.txt", []hop{{status: 401, proto: "HTTP/1.1", headers: map[string]string{"Cache-Control": "public, max-age=3600", "Age": "120"}}}},
		{"chrome_bash.txt", []hop{{method: "GET", url: "https://api.example.com/v1/me?include=teams",
			headers: map[string]string{"authorization": "Bearer " + tk.Expired, "sec-ch-ua": `"Chromium";v="131", "Not_A Brand";v="24"`,
				"Cookie": "session=s%3AQm9i.abc123; theme=dark"}}}},
		{"chrome_cmd.txt", []hop{{method: "POST", url: "https://api.example.com/v1/orders?limit=10&status=open",
			headers: map[string]string{"authorization": "Bearer " + tk.Expired, "sec-ch-ua": `"Chromium";v="131"`,
				"Cookie": "session=s%3AQm9i.abc123; theme=dark"}}}},
		{"small.har", []hop{
			{method: "OPTIONS", url: "https://api.example.com/v1/me", status: 204, proto: "HTTP/2", note: "HAR entry 2 (OPTIONS https://api.example.com/v1/me)"},
			{method: "GET", url: "https://api.example.com/v1/me", status: 401, headers: map[string]string{"authorization": "Bearer " + tk.Expired}, body: "invalid_token"},
			{method: "GET", url: "https://api.example.com/v1/teams", status: 200, headers: map[string]string{"authorization": "Bearer " + tk.Valid}}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			text := fixture(t, tt.file)
			exs, _ := parseText(t, text)
			if len(exs) != len(tt.hops) {
				t.Fatalf("%d exchanges, want %d", len(exs), len(tt.hops))
			}
			for i, want := range tt.hops {
				ex := exs[i]
				if want.method != "" || want.url != "" {
					if ex.Request == nil {
						t.Fatalf("exchange %d: no request", i)
					}
					if ex.Request.Method != want.method || ex.Request.URL != want.url {
						t.Errorf("exchange %d: request %s %s, want %s %s", i, ex.Request.Method, ex.Request.URL, want.method, want.url)
					}
				}
				if want.status != 0 {
					if ex.Response == nil {
						t.Fatalf("exchange %d: no response", i)
					}
					if ex.Response.Status != want.status || (want.proto != "" && ex.Response.Proto != want.proto) {
						t.Errorf("exchange %d: status %s %d, want %s %d", i, ex.Response.Proto, ex.Response.Status, want.proto, want.status)
					}
				}
				for n, v := range want.headers {
					var got string
					var ok bool
					if ex.Request != nil {
						got, ok = ex.Request.Header(n)
					}
					if !ok && ex.Response != nil {
						got, ok = ex.Response.Header(n)
					}
					if !ok || got != v {
						t.Errorf("exchange %d: header %s = %q (%v), want %q", i, n, got, ok, v)
					}
				}
				if want.body != "" && (ex.Response == nil || !strings.Contains(ex.Response.Body, want.body)) {
					t.Errorf("exchange %d: body does not contain %q", i, want.body)
				}
				if want.note != "" && ex.Note != want.note {
					t.Errorf("exchange %d: note %q, want %q", i, ex.Note, want.note)
				}
			}
			// Every header span with a verbatim value points at it.
			for _, ex := range exs {
				for _, hs := range [][]Header{reqHeaders(ex), respHeaders(ex)} {
					for _, h := range hs {
						if s := h.ValueSpan; s.End > 0 && text[s.Start:s.End] != h.Value {
							t.Errorf("header %s: value span %v holds %q, want %q", h.Name, s, text[s.Start:s.End], h.Value)
						}
					}
				}
			}
		})
	}
}

func reqHeaders(e Exchange) []Header {
	if e.Request == nil {
		return nil
	}
	return e.Request.Headers
}

func respHeaders(e Exchange) []Header {
	if e.Response == nil {
		return nil
	}
	return e.Response.Headers
}

func TestParseHTTPForms(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		status int
		proto  string
		method string
		url    string
		header [2]string // a header that must be there (first of its name)
		count  int       // headers, -1 to skip
		body   string
	}{
		{"HTTP/1.1 CRLF", "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0\r\n\r\n", 401, "HTTP/1.1", "", "", [2]string{"WWW-Authenticate", `Basic realm="x"`}, 2, ""},
		{"HTTP/1.0", "HTTP/1.0 401 Unauthorized\nWWW-Authenticate: Basic realm=\"x\"", 401, "HTTP/1.0", "", "", [2]string{"WWW-Authenticate", `Basic realm="x"`}, 1, ""},
		{"HTTP/2", "HTTP/2 401 \nwww-authenticate: Bearer", 401, "HTTP/2", "", "", [2]string{"www-authenticate", "Bearer"}, 1, ""},
		{"HTTP/3", "HTTP/3 403\nserver: cloudflare", 403, "HTTP/3", "", "", [2]string{"server", "cloudflare"}, 1, ""},
		{"HTTP 401", "HTTP 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"a\"", 401, "HTTP", "", "", [2]string{"WWW-Authenticate", `Bearer realm="a"`}, 1, ""},
		{"Status code", "Status code: 401\nwww-authenticate: Bearer", 401, "", "", "", [2]string{"www-authenticate", "Bearer"}, 1, ""},
		{"devtools 401 Unauthorized", "401 Unauthorized\nwww-authenticate: Bearer", 401, "", "", "", [2]string{"www-authenticate", "Bearer"}, 1, ""},
		{"obs-fold", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"a\",\n  error=\"invalid_token\"\nX-A: 1", 401, "HTTP/1.1", "", "", [2]string{"WWW-Authenticate", `Bearer realm="a", error="invalid_token"`}, 2, ""},
		{"repeated", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"a\"\nWWW-Authenticate: Bearer realm=\"b\"", 401, "HTTP/1.1", "", "", [2]string{"WWW-Authenticate", `Basic realm="a"`}, 2, ""},
		{"body", "HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\nline one\n\nline two\n", 401, "HTTP/1.1", "", "", [2]string{"Content-Type", "text/plain"}, 1, "line one\n\nline two"},
		{"headers only", "content-type: application/json\nwww-authenticate: Bearer error=\"invalid_token\"", 0, "", "", "", [2]string{"www-authenticate", `Bearer error="invalid_token"`}, 2, ""},
		{"devtools alternating", "www-authenticate:\nBearer realm=\"api\"\ncontent-type:\napplication/json", 0, "", "", "", [2]string{"content-type", "application/json"}, 2, ""},
		{"devtools general", "Request URL: https://api.example.com/me\nRequest Method: GET\nStatus Code: 401 Unauthorized\nRemote Address: 1.2.3.4:443\nReferrer Policy: strict-origin-when-cross-origin\n\nwww-authenticate: Bearer", 401, "", "GET", "https://api.example.com/me", [2]string{}, 0, ""},
		{"request", "POST /token HTTP/1.1\nHost: login.example.com\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials", 0, "", "POST", "/token", [2]string{"Host", "login.example.com"}, 2, "grant_type=client_credentials"},
		{"request pseudo-headers", ":authority: api.example.com\n:method: GET\n:path: /me\n:scheme: https\nauthorization: Bearer abc.def.ghi", 0, "", "GET", "https://api.example.com/me", [2]string{"authorization", "Bearer abc.def.ghi"}, 1, ""},
		{".http file", "GET https://api.example.com/me\nAuthorization: Bearer abc", 0, "", "GET", "https://api.example.com/me", [2]string{"Authorization", "Bearer abc"}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exs, _ := parseText(t, tt.in)
			if len(exs) != 1 {
				t.Fatalf("%d exchanges", len(exs))
			}
			ex := exs[0]
			var hs []Header
			if tt.method != "" {
				if ex.Request == nil || ex.Request.Method != tt.method || ex.Request.URL != tt.url {
					t.Fatalf("request = %+v, want %s %s", ex.Request, tt.method, tt.url)
				}
				hs = ex.Request.Headers
				if tt.body != "" && ex.Request.Body != tt.body {
					t.Errorf("body %q, want %q", ex.Request.Body, tt.body)
				}
			}
			if ex.Response != nil {
				if ex.Response.Status != tt.status || ex.Response.Proto != tt.proto {
					t.Errorf("status %q %d, want %q %d", ex.Response.Proto, ex.Response.Status, tt.proto, tt.status)
				}
				if tt.method == "" {
					hs = ex.Response.Headers
					if tt.body != "" && ex.Response.Body != tt.body {
						t.Errorf("body %q, want %q", ex.Response.Body, tt.body)
					}
				}
			} else if tt.method == "" {
				t.Fatal("no response")
			}
			if tt.count >= 0 && len(hs) != tt.count {
				t.Errorf("%d headers, want %d: %+v", len(hs), tt.count, hs)
			}
			if tt.header[0] != "" {
				if v, ok := Get(hs, tt.header[0]); !ok || v != tt.header[1] {
					t.Errorf("%s = %q, want %q", tt.header[0], v, tt.header[1])
				}
			}
		})
	}
}

func TestParseLoneLines(t *testing.T) {
	tests := []struct {
		name, kind, in   string
		header, wantName string
		value            string
		valueStart       int
	}{
		{"www-authenticate line", report.KindWWWAuthenticate, `WWW-Authenticate: Bearer error="invalid_token"`, "", "WWW-Authenticate", `Bearer error="invalid_token"`, 18},
		{"challenge value", report.KindWWWAuthenticate, `  Bearer realm="x", error="invalid_token"`, "", "WWW-Authenticate", `Bearer realm="x", error="invalid_token"`, 2},
		{"proxy-authenticate line", report.KindWWWAuthenticate, `Proxy-Authenticate: Basic realm="proxy"`, "", "Proxy-Authenticate", `Basic realm="proxy"`, 20},
		{"authorization line", report.KindAuthorizationHeader, "Authorization: Bearer abc.def.ghi", "", "Authorization", "Bearer abc.def.ghi", 15},
		{"bearer value", report.KindAuthorizationHeader, "Bearer abc.def.ghi", "", "Authorization", "Bearer abc.def.ghi", 0},
		{"bearer: value kept whole", report.KindAuthorizationHeader, "bearer: abcdef123456", "", "Authorization", "bearer: abcdef123456", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exs := onePart(t, tt.kind, tt.in)
			if len(exs) != 1 {
				t.Fatalf("%d exchanges", len(exs))
			}
			var h Header
			if tt.kind == report.KindWWWAuthenticate {
				r := exs[0].Response
				if r == nil || r.Status != 0 || exs[0].Request != nil || len(r.Headers) != 1 {
					t.Fatalf("want a status-0 response with one header, got %+v", exs[0])
				}
				h = r.Headers[0]
			} else {
				r := exs[0].Request
				if r == nil || r.Method != "" || r.URL != "" || exs[0].Response != nil || len(r.Headers) != 1 {
					t.Fatalf("want a request with only the header, got %+v", exs[0])
				}
				h = r.Headers[0]
			}
			if h.Name != tt.wantName || h.Value != tt.value || h.ValueSpan.Start != tt.valueStart || tt.in[h.ValueSpan.Start:h.ValueSpan.End] != h.Value {
				t.Errorf("header %+v, want %s: %q at %d", h, tt.wantName, tt.value, tt.valueStart)
			}
		})
	}
	if _, _, err := Parse(detectPart(report.KindJWT, "eyJ.eyJ.x")); err == nil {
		t.Error("Parse(jwt) did not fail")
	}
}

func TestParseCurlCommand(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name     string
		in       string
		method   string
		url      string
		headers  map[string]string
		absent   []string
		body     string
		deferred bool
		cookies  int
	}{
		{"user", `curl -u bob:s3cret https://api.example.com/me`, "GET", "https://api.example.com/me", map[string]string{"Authorization": "Basic " + b64("bob:s3cret")}, nil, "", false, 0},
		{"oauth2-bearer", `curl --oauth2-bearer abc.def.ghi https://api.example.com/me`, "GET", "https://api.example.com/me", map[string]string{"Authorization": "Bearer abc.def.ghi"}, nil, "", false, 0},
		{"explicit header wins over -u", `curl -u a:b -H "Authorization: Bearer x" https://h.example/`, "GET", "https://h.example/", map[string]string{"Authorization": "Bearer x"}, nil, "", false, 0},
		{"-X and --url", `curl -X DELETE --url https://api.example.com/items/1`, "DELETE", "https://api.example.com/items/1", nil, nil, "", false, 0},
		{"-d means POST", `curl https://api.example.com/items -d 'a=1' --data-raw "b=2"`, "POST", "https://api.example.com/items", nil, nil, "a=1&b=2", false, 0},
		{"-G moves data to the query", `curl -G https://api.example.com/search -d q=x -d access_token=abc`, "GET", "https://api.example.com/search?q=x&access_token=abc", nil, nil, "", false, 0},
		{"-I is HEAD", `curl -sI https://example.com/`, "HEAD", "https://example.com/", nil, nil, "", false, 0},
		{"--compressed and unknown flags", `curl --compressed --frobnicate -sSL -k https://example.com/a`, "GET", "https://example.com/a", nil, nil, "", false, 0},
		{"attached -H value", `curl -HX-Api-Key:k123 https://example.com/`, "GET", "https://example.com/", map[string]string{"X-Api-Key": "k123"}, nil, "", false, 0},
		{"ANSI-C quoting", `curl -H $'Authorization: Bearer a\x62c' https://example.com/`, "GET", "https://example.com/", map[string]string{"Authorization": "Bearer abc"}, nil, "", false, 0},
		{"double quotes escapes", `curl -H "X-Note: say \"hi\" \$HOME" https://example.com/`, "GET", "https://example.com/", map[string]string{"X-Note": `say "hi" $HOME`}, nil, "", false, 0},
		{"continuations", "curl \\\n  -H 'Accept: */*' \\\r\n  https://example.com/x", "GET", "https://example.com/x", map[string]string{"Accept": "*/*"}, nil, "", false, 0},
		{"powershell", "curl.exe -H \"Authorization: Bearer abc\" `\n  https://example.com/ps", "GET", "https://example.com/ps", map[string]string{"Authorization": "Bearer abc"}, nil, "", false, 0},
		{"pipe stops", `curl -s https://example.com/j | jq -r .token`, "GET", "https://example.com/j", nil, nil, "", false, 0},
		{"digest is deferred", `curl --digest -u bob:pw https://example.com/d`, "GET", "https://example.com/d", nil, []string{"Authorization"}, "", true, 0},
		{"no scheme means http", `curl api.example.com/me -H "X-Api-Key: k"`, "GET", "http://api.example.com/me", map[string]string{"X-Api-Key": "k"}, nil, "", false, 0},
		{"userinfo becomes Basic", `curl https://bob:pw@example.com/u`, "GET", "https://bob:pw@example.com/u", map[string]string{"Authorization": "Basic " + b64("bob:pw")}, nil, "", false, 0},
		{"cookie string", `curl -b 'sid=abc; theme=dark' https://example.com/`, "GET", "https://example.com/", map[string]string{"Cookie": "sid=abc; theme=dark"}, nil, "", false, 2},
		{"cookie file ignored", `curl -b cookies.txt https://example.com/`, "GET", "https://example.com/", nil, []string{"Cookie"}, "", false, 0},
		{"header file ignored", `curl -H @headers.txt https://example.com/`, "GET", "https://example.com/", nil, []string{"@headers.txt"}, "", false, 0},
		{"json", `curl --json '{"a":1}' https://example.com/j`, "POST", "https://example.com/j", map[string]string{"Content-Type": "application/json"}, nil, `{"a":1}`, false, 0},
		{"proxy user", `curl -U p:q -x http://proxy:3128 https://example.com/`, "GET", "https://example.com/", map[string]string{"Proxy-Authorization": "Basic " + b64("p:q")}, nil, "", false, 0},
		{"cmd plain quotes", `curl "https://example.com/w" -H "Authorization: Bearer w1"`, "GET", "https://example.com/w", map[string]string{"Authorization": "Bearer w1"}, nil, "", false, 0},
		{"cmd chrome newline in data", "curl ^\"https://example.com/n^\" ^\n  --data-raw ^\"a^\n\nb^\"", "POST", "https://example.com/n", nil, nil, "a\nb", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exs := onePart(t, report.KindCurlCommand, tt.in)
			if len(exs) != 1 || exs[0].Request == nil {
				t.Fatalf("got %+v", exs)
			}
			r := exs[0].Request
			if r.Method != tt.method || r.URL != tt.url {
				t.Errorf("request %s %s, want %s %s", r.Method, r.URL, tt.method, tt.url)
			}
			for n, v := range tt.headers {
				if got, ok := r.Header(n); !ok || got != v {
					t.Errorf("%s = %q (%v), want %q; headers %+v", n, got, ok, v, r.Headers)
				}
			}
			for _, n := range tt.absent {
				if _, ok := r.Header(n); ok {
					t.Errorf("header %s should be absent", n)
				}
			}
			if r.Body != tt.body {
				t.Errorf("body %q, want %q", r.Body, tt.body)
			}
			if (r.Deferred != "") != tt.deferred {
				t.Errorf("deferred = %q", r.Deferred)
			}
			if len(r.Cookies) != tt.cookies {
				t.Errorf("cookies %+v, want %d", r.Cookies, tt.cookies)
			}
			if s := r.URLSpan; s.End > 0 && tt.in[s.Start:s.End] != r.URL {
				t.Errorf("URL span holds %q", tt.in[s.Start:s.End])
			}
		})
	}
}

func TestParseHARSkips(t *testing.T) {
	exs, fs := parseText(t, fixture(t, "small.har"))
	if len(exs) != 3 {
		t.Fatalf("%d exchanges", len(exs))
	}
	sk := findCode(fs, report.InputSkipped)
	if len(sk) != 1 {
		t.Fatalf("input.skipped findings: %+v", fs)
	}
	f := sk[0]
	if f.Severity != report.Info || f.Title != "3 of 6 HAR entries were skipped" ||
		!strings.Contains(f.Evidence, "2: no credentials and not refused") || !strings.Contains(f.Evidence, "answered 404") {
		t.Errorf("skipped finding %+v", f)
	}
	validate(t, fs)
	// Near miss: every entry relevant, nothing skipped.
	har := `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://a.example/x","headers":[]},"response":{"status":401,"headers":[]}}]}}`
	exs, fs = parseText(t, har)
	if len(exs) != 1 || len(findCode(fs, report.InputSkipped)) != 0 {
		t.Errorf("got %d exchanges, findings %+v", len(exs), fs)
	}
	// Broken HAR: an error, not a panic.
	if _, _, err := Parse(detectPart(report.KindHAR, `{"log":{"entries":[`)); err == nil {
		t.Error("truncated HAR parsed")
	}
}

func TestParsePairs(t *testing.T) {
	in := "Authorization: Basic Ym9iOnB3\nWWW-Authenticate: Bearer realm=\"api\""
	exs, _ := parseText(t, in)
	if len(exs) != 1 || exs[0].Request == nil || exs[0].Response == nil {
		t.Fatalf("want one paired exchange, got %+v", exs)
	}
}

func TestParseDevtoolsPanel(t *testing.T) {
	in := "General\nRequest URL: https://api.example.com/me\nRequest Method: GET\nStatus Code: 401 Unauthorized\n" +
		"Remote Address: 203.0.113.10:443\n\nResponse Headers\nwww-authenticate: Bearer error=\"invalid_token\"\n" +
		"content-type: application/json\n\nRequest Headers\n:authority: api.example.com\n:method: GET\n:path: /me\n" +
		":scheme: https\nauthorization: Bearer abc.def.ghi\n"
	exs, _ := parseText(t, in)
	if len(exs) != 1 || exs[0].Request == nil || exs[0].Response == nil {
		t.Fatalf("got %+v", exs)
	}
	rq, rs := exs[0].Request, exs[0].Response
	if rq.Method != "GET" || rq.URL != "https://api.example.com/me" || len(rq.Headers) != 1 || rq.Headers[0].Value != "Bearer abc.def.ghi" {
		t.Errorf("request %+v", rq)
	}
	if rs.Status != 401 || len(rs.Headers) != 2 {
		t.Errorf("response %+v", rs)
	}
}
