//go:build ignore

// go_capture writes Go net/http/httputil dumps of a request refused with
// 401 by a loopback API: DumpRequestOut and DumpResponse, as a Go client
// logs them when debugging.
//
//	go run ./internal/exchange/testdata/httpdebug/capture/go_capture.go internal/exchange/testdata/httpdebug
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"path/filepath"
)

func main() {
	out := "."
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="api", error="invalid_token", error_description="The access token is malformed"`)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_token"}`)
	}))
	defer srv.Close()
	for name, auth := range map[string]string{
		"go_httputil_empty_token.txt": "Bearer ",
		"go_httputil_placeholder.txt": "Bearer ${TOKEN}",
	} {
		req, _ := http.NewRequest("GET", srv.URL+"/v1/orders", nil)
		req.Header.Set("Authorization", auth)
		dreq, err := httputil.DumpRequestOut(req, true)
		if err != nil {
			panic(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		dresp, err := httputil.DumpResponse(resp, true)
		resp.Body.Close()
		if err != nil {
			panic(err)
		}
		text := string(dreq) + "\n" + string(dresp) + "\n"
		if err := os.WriteFile(filepath.Join(out, name), []byte(text), 0o644); err != nil {
			panic(err)
		}
	}
}
