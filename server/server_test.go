package server

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestServeAssets(t *testing.T) {
	s := newTestServer(t, Options{})
	site := testSite(t)
	const (
		html = "text/html; charset=utf-8"
		js   = "text/javascript; charset=utf-8"
		css  = "text/css; charset=utf-8"
	)
	tests := []struct {
		path, ae   string
		file       string // the site file whose bytes are expected
		ctype, enc string
		cache      string
		vary       bool
	}{
		{"/", "gzip, deflate, br", "index.html", html, "br", CacheRevalidate, true},
		{"/", "gzip", "index.html", html, "gzip", CacheRevalidate, true},
		{"/", "", "index.html", html, "", CacheRevalidate, true},
		{"/index.html", "br", "index.html", html, "br", CacheRevalidate, true},
		{"/about", "br;q=0.2, gzip;q=0.9", "about.html", html, "gzip", CacheRevalidate, true},
		{"/about.html", "identity", "about.html", html, "", CacheRevalidate, true},
		{"/app-worker.js", "br", "app-worker.js", js, "br", CacheRevalidate, true},
		{"/manifest.webmanifest", "gzip, br", "manifest.webmanifest", "application/manifest+json", "br", CacheRevalidate, true},
		{"/v/abc/app.js", "gzip, br", "v/abc/app.js", js, "br", CacheImmutable, true},
		{"/v/abc/app.css", "gzip", "v/abc/app.css", css, "gzip", CacheImmutable, true},
		{"/v/abc/web/app.wasm", "gzip, deflate, br", "v/abc/web/app.wasm", "application/wasm", "br", CacheImmutable, true},
		{"/v/abc/web/app.wasm", "gzip", "v/abc/web/app.wasm", "application/wasm", "gzip", CacheImmutable, true},
		{"/v/abc/web/app.wasm", "*", "v/abc/web/app.wasm", "application/wasm", "br", CacheImmutable, true},
		{"/v/abc/web/app.wasm", "", "v/abc/web/app.wasm", "application/wasm", "", CacheImmutable, true},
		{"/v/abc/web/authdebug.css", "br", "v/abc/web/authdebug.css", css, "br", CacheImmutable, true},
		{"/v/abc/web/icon.svg", "br", "v/abc/web/icon.svg", "image/svg+xml", "br", CacheImmutable, true},
		{"/v/abc/web/icon-192.png", "gzip, br", "v/abc/web/icon-192.png", "image/png", "", CacheImmutable, false},
		{"/stale.js", "gzip, br", "stale.js", js, "", CacheRevalidate, false},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+tt.ae, func(t *testing.T) {
			res, body := do(t, s, "GET", tt.path, "Accept-Encoding", tt.ae)
			if res.StatusCode != 200 {
				t.Fatalf("status %d, want 200", res.StatusCode)
			}
			h := res.Header
			checkSecurityHeaders(t, h)
			if got := h.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tt.ctype)
			}
			if got := h.Get("Content-Encoding"); got != tt.enc {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.enc)
			}
			if got := h.Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control = %q, want %q", got, tt.cache)
			}
			if got := h.Get("Vary"); (got == "Accept-Encoding") != tt.vary {
				t.Errorf("Vary = %q, want Accept-Encoding: %v", got, tt.vary)
			}
			if got := h.Get("Content-Length"); got != strconv.Itoa(len(body)) {
				t.Errorf("Content-Length = %q, body has %d bytes", got, len(body))
			}
			if et := h.Get("ETag"); !strings.HasPrefix(et, `"`) || !strings.HasSuffix(et, `"`) || len(et) < 10 {
				t.Errorf("ETag = %q, want a quoted strong tag", et)
			}
			if h.Get("Last-Modified") != "" || h.Get("Accept-Ranges") != "" {
				t.Errorf("unexpected Last-Modified/Accept-Ranges: %v", h)
			}
			if got, want := decode(t, tt.enc, body), site[tt.file].Data; !bytes.Equal(got, want) {
				t.Errorf("decoded body is not %s (%d bytes, want %d)", tt.file, len(got), len(want))
			}
		})
	}
}

func TestETagsDistinctPerEncoding(t *testing.T) {
	s := newTestServer(t, Options{})
	seen := map[string]string{}
	for _, ae := range []string{"br", "gzip", "identity"} {
		res, _ := do(t, s, "GET", "/v/abc/web/app.wasm", "Accept-Encoding", ae)
		et := res.Header.Get("ETag")
		if prev, dup := seen[et]; dup {
			t.Errorf("%s and %s share ETag %s", prev, ae, et)
		}
		seen[et] = ae
	}
	// The same request twice gives the same tag (precomputed, not random).
	a, _ := do(t, s, "GET", "/", "Accept-Encoding", "br")
	b, _ := do(t, s, "GET", "/", "Accept-Encoding", "br")
	if a.Header.Get("ETag") != b.Header.Get("ETag") {
		t.Errorf("ETag changed between requests")
	}
}

func TestNotModified(t *testing.T) {
	s := newTestServer(t, Options{})
	first, _ := do(t, s, "GET", "/v/abc/web/app.wasm", "Accept-Encoding", "br")
	etag := first.Header.Get("ETag")
	tests := []struct {
		name, ae, inm string
		want          int
	}{
		{"same tag", "br", etag, 304},
		{"weak form", "br", "W/" + etag, 304},
		{"in a list", "br", `"nope", ` + etag, 304},
		{"star", "br", "*", 304},
		{"tag of another coding", "gzip", etag, 200},
		{"other tag", "br", `"nope"`, 200},
		{"HEAD same tag", "br", etag, 304},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "GET"
			if strings.HasPrefix(tt.name, "HEAD") {
				method = "HEAD"
			}
			res, body := do(t, s, method, "/v/abc/web/app.wasm", "Accept-Encoding", tt.ae, "If-None-Match", tt.inm)
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.want)
			}
			checkSecurityHeaders(t, res.Header)
			if tt.want != 304 {
				return
			}
			if len(body) != 0 {
				t.Errorf("304 with %d body bytes", len(body))
			}
			h := res.Header
			if h.Get("ETag") != etag || h.Get("Vary") != "Accept-Encoding" || h.Get("Cache-Control") != CacheImmutable {
				t.Errorf("304 headers: ETag %q Vary %q Cache-Control %q", h.Get("ETag"), h.Get("Vary"), h.Get("Cache-Control"))
			}
			if h.Get("Content-Length") != "" || h.Get("Content-Encoding") != "" {
				t.Errorf("304 carries Content-Length %q / Content-Encoding %q", h.Get("Content-Length"), h.Get("Content-Encoding"))
			}
		})
	}
}

func TestRejected(t *testing.T) {
	s := newTestServer(t, Options{})
	tests := []struct {
		name, method, target string
		want                 int
	}{
		{"dot-dot", "GET", "/v/../index.html", 400},
		{"dot-dot at root", "GET", "/../etc/passwd", 400},
		{"encoded dot-dot", "GET", "/%2e%2e/etc/passwd", 400},
		{"encoded dot-dot mixed case", "GET", "/v/%2E%2e/index.html", 400},
		{"half encoded", "GET", "/.%2e/index.html", 400},
		{"single dot", "GET", "/./index.html", 400},
		{"backslash", "GET", `/v\..\index.html`, 400},
		{"encoded backslash", "GET", "/v%5c..%5cindex.html", 400},
		{"NUL", "GET", "/index.html%00.png", 400},
		{"newline", "GET", "/index%0a.html", 400},
		{"invalid UTF-8", "GET", "/%ff%fe", 400},
		{"double-encoded dot-dot", "GET", "/%252e%252e/index.html", 400},
		{"marker", "GET", "/.authdebug-site", 404},
		{"dotfile deep", "GET", "/v/abc/web/.env", 404},
		{"hidden dir", "GET", "/v/abc/.secret/key.txt", 404},
		{"README", "GET", "/README.md", 404},
		{"README clean URL", "GET", "/README", 404},
		{"nested README", "GET", "/v/abc/web/README.txt", 404},
		{"variant directly", "GET", "/index.html.br", 404},
		{"gz variant directly", "GET", "/v/abc/web/app.wasm.gz", 404},
		{"orphan variant", "GET", "/orphan.js.br", 404},
		{"directory", "GET", "/v/abc/web/", 404},
		{"directory no slash", "GET", "/v/abc/web", 404},
		{"missing", "GET", "/nope.js", 404},
		{"clean URL of missing page", "GET", "/nope", 404},
		{"double slash", "GET", "//index.html", 404},
		{"POST", "POST", "/", 405},
		{"PUT asset", "PUT", "/v/abc/app.js", 405},
		{"DELETE", "DELETE", "/index.html", 405},
		{"OPTIONS", "OPTIONS", "/", 405},
		{"PATCH missing", "PATCH", "/nope", 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, s, tt.method, tt.target)
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d (body %q)", res.StatusCode, tt.want, body)
			}
			checkSecurityHeaders(t, res.Header)
			if got := res.Header.Get("Cache-Control"); got != CacheRevalidate {
				t.Errorf("Cache-Control = %q on %d", got, tt.want)
			}
			switch tt.want {
			case 405:
				if got := res.Header.Get("Allow"); got != "GET, HEAD" {
					t.Errorf("Allow = %q", got)
				}
			case 404:
				if !bytes.Contains(body, []byte("<title>Not found</title>")) {
					t.Errorf("404 body is not the site's 404 page: %.60q", body)
				}
				if got := res.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
					t.Errorf("404 Content-Type %q", got)
				}
			}
			for _, secret := range []string{"hunter2", "hidden dir", "placeholder readme", "version=abc"} {
				if bytes.Contains(body, []byte(secret)) {
					t.Errorf("response leaks %q", secret)
				}
			}
		})
	}
}

func TestHead(t *testing.T) {
	s := newTestServer(t, Options{})
	get, getBody := do(t, s, "GET", "/v/abc/web/app.wasm", "Accept-Encoding", "br")
	head, headBody := do(t, s, "HEAD", "/v/abc/web/app.wasm", "Accept-Encoding", "br")
	if head.StatusCode != 200 || len(headBody) != 0 {
		t.Fatalf("HEAD: status %d, %d body bytes", head.StatusCode, len(headBody))
	}
	for _, k := range []string{"Content-Length", "Content-Type", "Content-Encoding", "ETag", "Cache-Control", "Vary"} {
		if head.Header.Get(k) != get.Header.Get(k) {
			t.Errorf("HEAD %s = %q, GET has %q", k, head.Header.Get(k), get.Header.Get(k))
		}
	}
	if head.Header.Get("Content-Length") != strconv.Itoa(len(getBody)) {
		t.Errorf("HEAD Content-Length %q, GET body %d", head.Header.Get("Content-Length"), len(getBody))
	}
	nf, nfBody := do(t, s, "HEAD", "/nope")
	if nf.StatusCode != 404 || len(nfBody) != 0 {
		t.Errorf("HEAD of a missing page: %d with %d bytes", nf.StatusCode, len(nfBody))
	}
}

func TestNotAcceptable(t *testing.T) {
	s := newTestServer(t, Options{})
	res, _ := do(t, s, "GET", "/v/abc/web/icon-192.png", "Accept-Encoding", "identity;q=0, br")
	if res.StatusCode != http.StatusNotAcceptable {
		t.Fatalf("PNG with identity refused: %d, want 406", res.StatusCode)
	}
	checkSecurityHeaders(t, res.Header)
	res, body := do(t, s, "GET", "/", "Accept-Encoding", "identity;q=0, gzip")
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" || len(decode(t, "gzip", body)) == 0 {
		t.Errorf("HTML with identity refused but gzip offered: %d %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
}

func TestBuiltin404(t *testing.T) {
	m := testSite(t)
	delete(m, "404.html")
	delete(m, "404.html.br")
	delete(m, "404.html.gz")
	s := newTestServer(t, Options{Site: m})
	res, body := do(t, s, "GET", "/nope")
	if res.StatusCode != 404 || !strings.Contains(string(body), "404") || res.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("built-in 404: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	checkSecurityHeaders(t, res.Header)
}

func TestBase(t *testing.T) {
	s := newTestServer(t, Options{Base: "/tools/authdebug/"})
	tests := []struct {
		target   string
		want     int
		location string
	}{
		{"/tools/authdebug/", 200, ""},
		{"/tools/authdebug/about", 200, ""},
		{"/tools/authdebug/v/abc/web/app.wasm", 200, ""},
		{"/tools/authdebug", 301, "/tools/authdebug/"},
		{"/", 301, "/tools/authdebug/"},
		{"/index.html", 404, ""},
		{"/v/abc/web/app.wasm", 404, ""},
		{"/tools/authdebugx/", 404, ""},
		{"/tools/", 404, ""},
		{"/tools/authdebug/../authdebug/", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			res, _ := do(t, s, "GET", tt.target)
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.want)
			}
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			checkSecurityHeaders(t, res.Header)
		})
	}
}

func TestNewErrors(t *testing.T) {
	noIndex := testSite(t)
	delete(noIndex, "index.html")
	tests := []struct {
		name string
		o    Options
		want error
	}{
		{"no index.html", Options{Site: noIndex}, ErrNoSite},
		{"empty", Options{Site: fstest.MapFS{}}, ErrNoSite},
		{"nil site", Options{}, ErrNoSite},
		{"base without trailing slash", Options{Site: testSite(t), Base: "/tools"}, ErrBadBase},
		{"relative base", Options{Site: testSite(t), Base: "tools/"}, ErrBadBase},
		{"base with dot-dot", Options{Site: testSite(t), Base: "/a/../"}, ErrBadBase},
		{"base with space", Options{Site: testSite(t), Base: "/a b/"}, ErrBadBase},
		{"base with empty segment", Options{Site: testSite(t), Base: "/a//"}, ErrBadBase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "nil site" {
				tt.o.Site = nil
			}
			_, err := New(tt.o)
			if !errors.Is(err, tt.want) {
				t.Errorf("New: %v, want %v", err, tt.want)
			}
		})
	}
}

func TestWarningsForStaleVariants(t *testing.T) {
	s := newTestServer(t, Options{})
	w := strings.Join(s.Warnings(), "\n")
	for _, want := range []string{"stale.js.gz does not decompress", "stale.js.br does not decompress"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q lack %q", w, want)
		}
	}
	if strings.Contains(w, "index.html") {
		t.Errorf("good variants reported: %q", w)
	}
}

func TestSiteTooLarge(t *testing.T) {
	m := fstest.MapFS{"index.html": {Data: []byte("x")}}
	for i := range MaxSiteFiles {
		m["f/"+strconv.Itoa(i)] = &fstest.MapFile{}
	}
	if _, err := New(Options{Site: m}); !errors.Is(err, ErrSiteTooLarge) {
		t.Errorf("New with %d files: %v, want ErrSiteTooLarge", len(m), err)
	}
}

func TestSymlinksNotServed(t *testing.T) {
	m := testSite(t)
	m["link.html"] = &fstest.MapFile{Data: []byte("secret"), Mode: fs.ModeSymlink}
	s := newTestServer(t, Options{Site: m})
	if res, _ := do(t, s, "GET", "/link.html"); res.StatusCode != 404 {
		t.Errorf("symlink served: %d", res.StatusCode)
	}
}

func TestRelayMounted(t *testing.T) {
	relay := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"keys":[]}`))
	})
	for _, base := range []string{"/", "/tools/authdebug/"} {
		t.Run(base, func(t *testing.T) {
			s := newTestServer(t, Options{Base: base, Relay: relay})
			res, body := do(t, s, "GET", base+"relay?url=https%3A%2F%2Fissuer.example%2Fjwks")
			if res.StatusCode != 200 || string(body) != `{"keys":[]}` {
				t.Fatalf("relay: %d %q", res.StatusCode, body)
			}
			checkSecurityHeaders(t, res.Header)
		})
	}
	s := newTestServer(t, Options{})
	if res, _ := do(t, s, "GET", "/relay?url=x"); res.StatusCode != 404 {
		t.Errorf("relay answered without --jwks-relay: %d", res.StatusCode)
	}
}

func TestAccessLog(t *testing.T) {
	var log bytes.Buffer
	s := newTestServer(t, Options{Log: &log})
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJzZWNyZXQiOiJodW50ZXIyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"
	do(t, s, "GET", "/v/abc/web/app.wasm?token=hunter2", "Accept-Encoding", "br", "Authorization", "Bearer "+jwt, "Cookie", "session=hunter2")
	do(t, s, "POST", "/?code=hunter2")
	do(t, s, "GET", "/"+jwt)
	do(t, s, "GET", "/a%0ab")
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d log lines, want 4:\n%s", len(lines), log.String())
	}
	wasm := s.files["v/abc/web/app.wasm"].enc[encBrotli].body
	wants := []string{
		" GET /v/abc/web/app.wasm 200 " + strconv.Itoa(len(wasm)) + " ",
		" POST / 405 ",
		" GET /eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJzZWNyZX… 404 ",
		" GET /a%0ab 400 ",
	}
	for i, want := range wants {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %q, want it to contain %q", i, lines[i], want)
		}
	}
	for _, leak := range []string{"hunter2", "token", "Bearer", "session", "c2lnbmF0dXJl"} {
		if strings.Contains(log.String(), leak) {
			t.Errorf("access log contains %q:\n%s", leak, log.String())
		}
	}
}

func TestValidBase(t *testing.T) {
	for base, want := range map[string]bool{
		"/": true, "/a/": true, "/tools/authdebug/": true, "/a.b_c~d-e/f/": true,
		"": false, "a/": false, "/a": false, "//": false, "/./": false, "/../": false,
		"/a b/": false, "/a%20b/": false, "/é/": false, "/a?/": false,
	} {
		if got := ValidBase(base); got != want {
			t.Errorf("ValidBase(%q) = %v, want %v", base, got, want)
		}
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"a.wasm": "application/wasm", "manifest.webmanifest": "application/manifest+json",
		"x.JS": "text/javascript; charset=utf-8", "i.svg": "image/svg+xml", "unknown.bin": "application/octet-stream",
		"noext": "application/octet-stream",
	} {
		if got := ContentType(name); got != want {
			t.Errorf("ContentType(%q) = %q, want %q", name, got, want)
		}
	}
}
