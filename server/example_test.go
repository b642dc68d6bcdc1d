package server_test

import (
	"fmt"
	"net/http/httptest"
	"testing/fstest"

	"github.com/authdebug/authdebug/server"
)

// A built site (here in memory; usually static.FS() or os.DirFS of a
// directory `authdebug build` wrote) served under a base path.
func ExampleNew() {
	site := fstest.MapFS{
		"index.html":            {Data: []byte("<!doctype html><title>authdebug</title>")},
		"v/abc/web/app.wasm":    {Data: []byte("\x00asm\x01\x00\x00\x00")},
		".authdebug-site":       {Data: []byte("version=abc\nbase=/tools/\n")},
		"manifest.webmanifest":  {Data: []byte(`{"scope":"/tools/"}`)},
		"v/abc/web/icon.svg":    {Data: []byte("<svg/>")},
		"v/abc/web/icon.svg.gz": {Data: []byte("not gzip: dropped with a warning")},
	}
	srv, err := server.New(server.Options{Site: site, Base: "/tools/"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(srv.Warnings())
	for _, target := range []string{"/tools/", "/tools/v/abc/web/app.wasm", "/tools/.authdebug-site", "/"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		fmt.Println(target, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"))
	}
	// Output:
	// [v/abc/web/icon.svg.gz does not decompress to v/abc/web/icon.svg: not served]
	// /tools/ 200 text/html; charset=utf-8 no-cache
	// /tools/v/abc/web/app.wasm 200 application/wasm public, max-age=31536000, immutable
	// /tools/.authdebug-site 404 text/plain; charset=utf-8 no-cache
	// / 301 text/plain; charset=utf-8 no-cache
}
