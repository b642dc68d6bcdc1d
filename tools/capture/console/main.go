//go:build !js

// Command console captures what Chromium's console prints when a page's
// fetch to an API on another origin is refused: CORS errors, the failed
// request's network line, the uncaught "TypeError: Failed to fetch",
// net::ERR_ lines and mixed content. Two loopback servers on different
// ports play the page's origin and the API (with wrong or missing CORS
// headers); each case loads a fresh page in headless Chromium (fresh
// profile) and writes the console messages, one per line as the DevTools
// console shows them, to chromium_<case>.txt.
//
//	go run ./tools/capture/console -out internal/exchange/testdata/console
//
// CHROMIUM names the browser (default /usr/bin/chromium).
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// apiCase is one way the API answers a cross-origin call with a token.
type apiCase struct {
	name string
	// fetch is the page's call: a JS expression given the API's base URL as base.
	fetch string
	// api answers the request (OPTIONS preflights included).
	api func(w http.ResponseWriter, r *http.Request)
	// mixed loads the page over https and the API over http.
	mixed bool
}

const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.throwaway-capture-signature"

func unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="api", error="invalid_token"`)
	w.WriteHeader(http.StatusUnauthorized)
}

var cases = []apiCase{
	{name: "no_acao", fetch: `fetch(base + "/users/me")`,
		api: func(w http.ResponseWriter, r *http.Request) { unauthorized(w) }},
	{name: "authorization_not_allowed", fetch: `fetch(base + "/users/me", {headers: {Authorization: "Bearer ` + token + `"}})`,
		api: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			if r.Method == http.MethodOptions {
				w.Header().Set("Access-Control-Allow-Methods", "GET")
				w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
				w.WriteHeader(http.StatusNoContent)
				return
			}
			unauthorized(w)
		}},
	{name: "preflight_401", fetch: `fetch(base + "/users/me", {headers: {Authorization: "Bearer ` + token + `"}})`,
		api: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			unauthorized(w) // the auth middleware runs before CORS, OPTIONS too
		}},
	{name: "preflight_redirect", fetch: `fetch(base + "/users/me", {headers: {Authorization: "Bearer ` + token + `"}})`,
		api: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			if r.Method == http.MethodOptions {
				http.Redirect(w, r, "/login", http.StatusFound)
				return
			}
			unauthorized(w)
		}},
	{name: "wildcard_credentials", fetch: `fetch(base + "/users/me", {credentials: "include"})`,
		api: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			unauthorized(w)
		}},
	{name: "credentials_not_true", fetch: `fetch(base + "/users/me", {credentials: "include"})`,
		api: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			unauthorized(w)
		}},
	{name: "origin_mismatch", fetch: `fetch(base + "/users/me")`,
		api: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")
			unauthorized(w)
		}},
	{name: "connection_refused", fetch: `fetch(closedBase + "/users/me", {headers: {Authorization: "Bearer ` + token + `"}})`},
	{name: "name_not_resolved", fetch: `fetch("http://api.invalid/users/me")`},
	{name: "cert_invalid", fetch: `fetch(tlsBase + "/users/me")`},
	{name: "mixed_content", fetch: `fetch(base.replace("127.0.0.1", "api.test") + "/users/me")`, mixed: true,
		api: func(w http.ResponseWriter, r *http.Request) { unauthorized(w) }},
}

func main() {
	out := flag.String("out", "internal/exchange/testdata/console", "directory for the captures")
	only := flag.String("case", "", "capture only this case")
	flag.Parse()
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	tlsAPI := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { unauthorized(w) }))
	defer tlsAPI.Close()
	for _, c := range cases {
		if *only != "" && c.name != *only {
			continue
		}
		lines, err := capture(chromium, c, tlsAPI.URL)
		if err != nil {
			log.Fatalf("%s: %v", c.name, err)
		}
		path := filepath.Join(*out, "chromium_"+c.name+".txt")
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d lines\n", path, len(lines))
	}
}

// closedBase is the URL of a loopback port nothing listens on.
func closedBase() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	return "http://" + l.Addr().String()
}

// capture serves the page and the API on two loopback ports, opens the page
// in a fresh headless Chromium and returns its console messages.
func capture(chromium string, c apiCase, tlsBase string) ([]string, error) {
	api := c.api
	if api == nil {
		api = func(w http.ResponseWriter, r *http.Request) { unauthorized(w) }
	}
	apiSrv := httptest.NewServer(http.HandlerFunc(api))
	defer apiSrv.Close()
	page := fmt.Sprintf(`<!doctype html><title>capture</title><script>
const base = %q, tlsBase = %q, closedBase = %q;
async function run() {
  const r = await %s;
  console.log("status", r.status);
}
run();
</script>`, apiSrv.URL, tlsBase, closedBase(), c.fetch)
	pageHandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	})
	var pageSrv *httptest.Server
	if c.mixed {
		pageSrv = httptest.NewUnstartedServer(pageHandler)
		pageSrv.TLS = &tls.Config{}
		pageSrv.StartTLS()
	} else {
		pageSrv = httptest.NewServer(pageHandler)
	}
	defer pageSrv.Close()

	profile, err := os.MkdirTemp("", "console-capture-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile),
	}
	if c.mixed {
		// api.test is no loopback name, so http to it is mixed content.
		opts = append(opts, chromedp.Flag("ignore-certificate-errors", true),
			chromedp.Flag("host-resolver-rules", "MAP api.test 127.0.0.1"))
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	defer cancelT()

	var mu sync.Mutex
	var lines []string
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			mu.Lock()
			lines = append(lines, devtoolsLine(m))
			mu.Unlock()
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate(pageSrv.URL), chromedp.Sleep(1500*time.Millisecond)); err != nil {
		return nil, err
	}
	cancelT()
	<-done
	mu.Lock()
	defer mu.Unlock()
	return append([]string(nil), lines...), nil
}

// devtoolsLine writes a message as DevTools' "Save as…" does: the place it
// came from (URL:line, lines from 1), then its text; an exception's stack
// follows it, indented.
func devtoolsLine(m chromedp.ConsoleMessage) string {
	text := m.Text
	if m.IsException() && m.Exception != nil && !strings.HasPrefix(text, m.Exception.Text) {
		text = m.Exception.Text + " " + text
	}
	if m.URL != "" {
		text = fmt.Sprintf("%s:%d %s", m.URL, m.Line+1, text)
	}
	if m.Stack != nil {
		for _, f := range m.Stack.CallFrames {
			name := f.FunctionName
			if name == "" {
				name = "(anonymous)"
			}
			text += fmt.Sprintf("\n    at %s (%s:%d:%d)", name, f.URL, f.LineNumber+1, f.ColumnNumber+1)
		}
	}
	return text
}
