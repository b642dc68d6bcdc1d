package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzServe sends arbitrary paths, methods, Accept-Encoding and
// If-None-Match values: the server never panics, always answers one of its
// statuses with the security headers, and never serves anything but a
// site file (no dotfile, README or variant on its own).
func FuzzServe(f *testing.F) {
	s := newTestServer(f, Options{Base: "/tools/"})
	for _, seed := range []struct {
		method      byte
		path, ae, e string
	}{
		{0, "/tools/", "br", ""}, {0, "/tools/v/abc/web/app.wasm", "gzip;q=0.5, br;q=0", `W/"x"`},
		{1, "/tools/../x", "", "*"}, {0, "/tools/%2e%2e/x", "*;q=0", ""}, {0, "/tools/.authdebug-site", "", ""},
		{0, "/tools/README.md", "", ""}, {2, "/tools/", "", ""}, {0, "/tools/v/abc/web\\..\\x", "", ""},
		{0, "/tools/index.html\x00", "", ""}, {0, "/tools", "", ""}, {3, "/tools/relay", "", ""},
		{0, "/tools/v/abc/web/app.wasm.br", "br", ""}, {0, "/tools/about", "identity;q=0", ""},
	} {
		f.Add(seed.method, seed.path, seed.ae, seed.e)
	}
	methods := []string{"GET", "HEAD", "POST", "DELETE", "OPTIONS", "PUT", "PATCH", "TRACE"}
	secrets := [][]byte{[]byte("hunter2"), []byte("hidden dir"), []byte("placeholder readme"), []byte("version=abc"), []byte("nested readme")}
	f.Fuzz(func(t *testing.T, m byte, path, ae, inm string) {
		req := &http.Request{
			Method: methods[int(m)%len(methods)],
			URL:    &url.URL{Path: path},
			Header: http.Header{"Accept-Encoding": {ae}, "If-None-Match": {inm}},
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 301, 304, 400, 404, 405, 406:
		default:
			t.Fatalf("status %d", rec.Code)
		}
		for _, kv := range SecurityHeaders {
			if rec.Header().Get(kv.Name) != kv.Value {
				t.Fatalf("%d without %s", rec.Code, kv.Name)
			}
		}
		body := rec.Body.Bytes()
		for _, sec := range secrets {
			if bytes.Contains(body, sec) {
				t.Fatalf("served %q", sec)
			}
		}
		if rec.Code == 200 && req.Method == "GET" {
			for _, f := range s.files {
				for _, v := range f.enc {
					if v != nil && bytes.Equal(v.body, body) {
						return
					}
				}
			}
			t.Fatalf("served %d bytes that are no site file", len(body))
		}
	})
}
