package exchange

import (
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// checkParse runs Parse, Diagnose and ToReport on one part and checks the
// properties every input must keep: no panic, bounded output, spans inside
// the input, valid findings.
func checkParse(t *testing.T, kind, s string) []Exchange {
	return checkParseFlavor(t, kind, "", s)
}

// checkParseFlavor is checkParse for a part of the given flavour.
func checkParseFlavor(t *testing.T, kind, flavor, s string) []Exchange {
	p := detect.Part{Kind: kind, Flavor: flavor, Start: 0, End: len(s), Text: s}
	exs, fs, err := Parse(p)
	if err != nil {
		if len(exs) != 0 {
			t.Fatalf("error %v with %d exchanges", err, len(exs))
		}
		return nil
	}
	if len(exs) > len(s)+1 {
		t.Fatalf("%d exchanges from %d bytes", len(exs), len(s))
	}
	in := func(sp report.Span) {
		if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
			t.Fatalf("span %v outside [0,%d)", sp, len(s))
		}
	}
	for _, e := range exs {
		if e.Request != nil {
			in(e.Request.Span)
			in(e.Request.URLSpan)
			for _, h := range e.Request.Headers {
				in(h.Span)
				in(h.ValueSpan)
			}
			for _, c := range Credentials(e.Request) {
				if c.Offset >= 0 && (c.Offset+len(c.Value) > len(s) || s[c.Offset:c.Offset+len(c.Value)] != c.Value) {
					t.Fatalf("credential %s offset %d does not hold its value", c.Source, c.Offset)
				}
			}
		}
		if e.Response != nil {
			in(e.Response.Span)
			for _, h := range e.Response.Headers {
				in(h.Span)
				in(h.ValueSpan)
			}
			e.Response.Date()
		}
		ToReport(e, false)
	}
	fs = append(fs, Diagnose(exs, Context{TokenScopes: []string{"a"}, HasScopeClaim: true})...)
	if len(fs) > maxFindings+1 {
		t.Fatalf("%d findings", len(fs))
	}
	r := report.Report{Findings: fs}
	if err := r.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	for _, f := range fs {
		if f.Span != nil {
			in(*f.Span)
		}
	}
	return exs
}

func seed(f *testing.F, files ...string) {
	for _, n := range files {
		f.Add(fixture(f, n))
	}
}

func FuzzParseHTTP(f *testing.F) {
	seed(f, "expired_curl_i.txt", "insufficient_scope_401.txt", "no_challenge_401.txt", "cors_preflight.txt", "dpop_nonce.txt", "cacheable_401.txt")
	f.Add("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"a\",\r\n error=\"invalid_token\"\r\n\r\n{}")
	f.Add("Request URL: https://x/\nStatus Code: 401\n\nRequest Headers\n:path: /\nauthorization:\nBearer x")
	f.Add("GET http://bob:pw@h/?access_token=aaaaaaaaaaaaaaaa HTTP/1.1\nCookie: a=b; c\n")
	f.Fuzz(func(t *testing.T, s string) {
		exs := checkParse(t, report.KindHTTPResponse, s)
		if len(exs) != 1 {
			t.Fatalf("%d exchanges for a response part", len(exs))
		}
		if exs := checkParse(t, report.KindHTTPRequest, s); len(exs) != 1 {
			t.Fatalf("%d exchanges for a request part", len(exs))
		}
		checkParse(t, report.KindWWWAuthenticate, s)
		checkParse(t, report.KindAuthorizationHeader, s)
	})
}

func FuzzParseCurlVerbose(f *testing.F) {
	seed(f, "docker_pull_verbose.txt", "redirect_dropped_auth_verbose.txt")
	f.Add(sameHostRedirect)
	f.Add(locationTrusted)
	f.Add("> GET / HTTP/1.1\n< HTTP/1.1 100 Continue\n< HTTP/1.1 401 X\n<\nbody\n* [HTTP/2] [1] [:scheme: http]\n")
	f.Fuzz(func(t *testing.T, s string) {
		exs := checkParse(t, report.KindCurlVerbose, s)
		if len(exs) > maxHops+1 {
			t.Fatalf("%d hops", len(exs))
		}
	})
}

func FuzzParseCurlCommand(f *testing.F) {
	seed(f, "chrome_bash.txt", "chrome_cmd.txt")
	for _, s := range []string{
		`curl -u bob:s3cret -sSL -X POST --url https://x/ -d a=1 -G --oauth2-bearer t -b 'a=b' -H $'X: \x41\u00e9\101'`,
		"curl.exe -H \"A: `\"b`\"\" `\n https://x/",
		"curl ^\"https://x/^\" ^\n -H ^\"a: ^\\^\"b^\\^\"^\" --data-raw ^\"x^\n\ny^\"",
		`curl 'unterminated -H "x`,
		`curl -H`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		exs := checkParse(t, report.KindCurlCommand, s)
		if len(exs) != 1 || exs[0].Request == nil {
			t.Fatalf("want one request, got %d", len(exs))
		}
		if len(exs[0].Request.Headers) > len(s)+4 {
			t.Fatalf("%d headers from %d bytes", len(exs[0].Request.Headers), len(s))
		}
	})
}

func FuzzParseHAR(f *testing.F) {
	seed(f, "small.har")
	f.Add(`{"log":{"entries":[{"request":{"method":"OPTIONS","url":"http://a/?token=aaaaaaaaaaaaaaaaaaaa","headers":[{"name":"Access-Control-Request-Method","value":"GET"}]},"response":{"status":401,"content":{"text":"e30=","encoding":"base64"}}}]}}`)
	f.Add(`{"log":{"entries":[{"request":{"headers":"x"}}]}}`)
	f.Add(`{"log":null}`)
	f.Fuzz(func(t *testing.T, s string) {
		exs := checkParse(t, report.KindHAR, s)
		if len(exs) > MaxHAREntries {
			t.Fatalf("%d exchanges", len(exs))
		}
	})
}

func FuzzParseHTTPDebug(f *testing.F) {
	for _, n := range []string{"python_http_client_bearer_none.txt", "python_requests_expired.txt", "wget_debug_expired.txt", "node_debug_http_expired.txt"} {
		f.Add(fixture(f, "httpdebug/"+n), uint8(0))
	}
	f.Add("send: b'GET / HTTP/1.1\\r\\nA: \\x41\\x4\\'\\\\\\r\\n\\r\\nbody'\nsend: b'more'\nreply: \"HTTP/1.1 401 X\\r\\n\"\nheader: a: b\n header: c", uint8(1))
	f.Add("---response begin---\nHTTP/1.1 401 X\n---response end---\nSkipping 3 bytes of body: [abc", uint8(2))
	f.Add("HTTP 1: createConnection\n  href: '\n  headers: {\n    'a': '\n", uint8(3))
	flavors := []string{detect.FlavorPythonHTTPClient, detect.FlavorPythonRequests, detect.FlavorWget, detect.FlavorNode}
	f.Fuzz(func(t *testing.T, s string, fl uint8) {
		exs := checkParseFlavor(t, report.KindHTTPDebug, flavors[int(fl)%len(flavors)], s)
		if len(exs) > maxHops {
			t.Fatalf("%d exchanges", len(exs))
		}
	})
}
