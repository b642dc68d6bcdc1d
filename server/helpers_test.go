package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
)

// testSite is a small built site: every compressible file has .br and .gz
// beside it, as internal/site writes them.
func testSite(t testing.TB) fstest.MapFS {
	t.Helper()
	siteOnce.Do(func() { siteFS = makeTestSite() })
	m := make(fstest.MapFS, len(siteFS)) // a copy: tests may delete files
	for k, v := range siteFS {
		m[k] = v
	}
	return m
}

var (
	siteOnce sync.Once
	siteFS   fstest.MapFS
)

func makeTestSite() fstest.MapFS {
	m := fstest.MapFS{}
	add := func(name, body string, compress bool) {
		m[name] = &fstest.MapFile{Data: []byte(body), Mode: 0o644}
		if compress {
			m[name+".gz"] = &fstest.MapFile{Data: gz([]byte(body)), Mode: 0o644}
			m[name+".br"] = &fstest.MapFile{Data: br([]byte(body)), Mode: 0o644}
		}
	}
	page := strings.Repeat("<p>authdebug explains 401s</p>\n", 40)
	add("index.html", "<!doctype html><title>index</title>"+page, true)
	add("about.html", "<!doctype html><title>about</title>"+page, true)
	add("404.html", "<!doctype html><title>Not found</title>"+page, true)
	add("app-worker.js", "const cacheName = 'app-abc';"+strings.Repeat("// worker\n", 50), true)
	add("manifest.webmanifest", `{"name":"authdebug","scope":"/"}`+strings.Repeat(" ", 200), true)
	add("v/abc/app.js", "console.log('app');"+strings.Repeat("// app\n", 80), true)
	add("v/abc/app.css", "body{margin:0}"+strings.Repeat("/* css */\n", 40), true)
	add("v/abc/web/app.wasm", "\x00asm\x01\x00\x00\x00"+strings.Repeat("\x00\x01wasm", 500), true)
	add("v/abc/web/authdebug.css", ".page{}"+strings.Repeat("/* page */\n", 40), true)
	add("v/abc/web/icon.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`+strings.Repeat(" ", 100), true)
	add("v/abc/web/icon-192.png", "\x89PNG\r\n\x1a\nnot really", false)
	add(".authdebug-site", "version=abc\nbase=/\n", false)
	add("README.md", "placeholder readme", false)
	add("v/abc/web/README.txt", "nested readme", false)
	add("v/abc/.secret/key.txt", "hidden dir", false)
	add("v/abc/web/.env", "TOKEN=hunter2", false)
	add("orphan.js.br", "no identity beside it", false)
	// A file edited after the build: its variants no longer match.
	m["stale.js"] = &fstest.MapFile{Data: []byte("new content"), Mode: 0o644}
	m["stale.js.gz"] = &fstest.MapFile{Data: gz([]byte("old content")), Mode: 0o644}
	m["stale.js.br"] = &fstest.MapFile{Data: []byte("not brotli at all"), Mode: 0o644}
	return m
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func br(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func newTestServer(t testing.TB, o Options) *Server {
	t.Helper()
	if o.Site == nil {
		o.Site = testSite(t)
	}
	s, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// do sends one request to h and returns the recorded response and body.
func do(t testing.TB, h http.Handler, method, target string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, "http://authdebug.test"+target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Add(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// decode undoes a Content-Encoding.
func decode(t testing.TB, enc string, b []byte) []byte {
	t.Helper()
	var r io.Reader
	switch enc {
	case "":
		return b
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding %s body: %v", enc, err)
	}
	return out
}

// checkSecurityHeaders asserts every security header is present and exact.
func checkSecurityHeaders(t testing.TB, h http.Header) {
	t.Helper()
	for _, kv := range SecurityHeaders {
		if got := h.Values(kv.Name); len(got) != 1 || got[0] != kv.Value {
			t.Errorf("%s = %q, want exactly %q", kv.Name, got, kv.Value)
		}
	}
}
