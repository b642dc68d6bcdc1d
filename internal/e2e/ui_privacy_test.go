//go:build !js

package e2e

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// seen is one request as recorded by a server or by the browser.
type seen struct {
	where, method, url string
	headers            map[string]string
	body               string
}

type recorder struct {
	mu   sync.Mutex
	reqs []seen
}

func (r *recorder) add(s seen) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, s)
}

func (r *recorder) all() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

func (r *recorder) record(where string, req *http.Request) {
	b, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	h := map[string]string{}
	for k, v := range req.Header {
		h[k] = strings.Join(v, ", ")
	}
	r.add(seen{where: where, method: req.Method, url: req.URL.String(), headers: h, body: string(b)})
}

// TestUIPrivacy records every request of a session — loading the page,
// pasting a token, fetching a JWKS from a second loopback server (with
// CORS), copying the report, making a share link, switching the theme —
// on the servers (through a recording proxy in front of authdebug serve,
// which also sees the service worker's requests) and in the browser (the
// page's network events), and checks that no URL, header or body carries
// any part of the token, and that the JWKS server is the only other origin
// contacted.
func TestUIPrivacy(t *testing.T) {
	requireBrowser(t)
	rec := &recorder{}

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss": "https://login.example.test/", "sub": "user-privacy-7f3a", "aud": "https://api.example.test",
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "scope": "orders:read",
	})
	tok.Header["kid"] = "privacy-k1"
	token, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	jwks := fmt.Sprintf(`{"keys":[{"kty":"RSA","kid":"privacy-k1","use":"sig","alg":"RS256","n":%q,"e":%q}]}`,
		base64.RawURLEncoding.EncodeToString(key.N.Bytes()), base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes()))

	keySrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.record("jwks", r)
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Headers", "Accept")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, jwks)
	}))
	t.Cleanup(keySrv.Close)

	app, err := url.Parse(serve(t))
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(app)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.record("site", r)
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)

	ctx := browser(t, 2*time.Minute)
	browserReqs := chromedp.Events(ctx, network.RequestWillBeSent)
	extra := chromedp.Events(ctx, network.RequestWillBeSentExtraInfo)
	go func() {
		for ev, err := range browserReqs {
			if err != nil {
				return
			}
			h := map[string]string{}
			for k, v := range ev.Request.Headers {
				h[k] = fmt.Sprint(v)
			}
			var body strings.Builder
			for _, e := range ev.Request.PostDataEntries {
				body.Write(e.Bytes)
			}
			rec.add(seen{where: "browser", method: ev.Request.Method, url: ev.Request.URL + ev.Request.URLFragment, headers: h, body: body.String()})
		}
	}()
	go func() {
		for ev, err := range extra {
			if err != nil {
				return
			}
			h := map[string]string{}
			for k, v := range ev.Headers {
				h[k] = fmt.Sprint(v)
			}
			rec.add(seen{where: "browser-wire", headers: h})
		}
	}()

	if err := chromedp.Do(ctx,
		waitReady(proxy.URL),
		setInput("Authorization: Bearer "+token),
		waitVerdict(""),
		setField("jwks", keySrv.URL+"/.well-known/jwks.json"),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Click(chromedp.ID("fetch-jwks")),
		chromedp.WaitVisible(chromedp.ID("fetch-result")),
		// Later analyses use the fetched keys without fetching again.
		afterRun(setInput("Authorization: Bearer "+token+"\n")),
		chromedp.Click(chromedp.ID("copy-report")),
		chromedp.Click(chromedp.ID("share-open")),
		chromedp.Click(chromedp.ID("share-create")),
		chromedp.WaitVisible(chromedp.ID("share-url")),
		chromedp.Click(chromedp.ID("theme")),
		chromedp.Sleep(time.Second),
	); err != nil {
		t.Fatalf("session: %v", err)
	}
	shareURL, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("share-url").value`))
	if err != nil {
		t.Fatal(err)
	}

	parts := strings.Split(token, ".")
	secrets := map[string]string{"token": token, "payload segment": parts[1], "signature": parts[2], "signature prefix": parts[2][:20]}
	reqs := rec.all()
	if len(reqs) == 0 {
		t.Fatal("no request recorded")
	}
	jwksHits := 0
	for _, r := range reqs {
		all := r.url + "\n" + r.body
		for k, v := range r.headers {
			all += "\n" + k + ": " + v
		}
		for name, s := range secrets {
			if strings.Contains(all, s) {
				t.Errorf("%s request %s %s carries the %s", r.where, r.method, r.url, name)
			}
		}
		if r.where == "browser" {
			u, err := url.Parse(r.url)
			if err == nil && u.Scheme != "data" && u.Scheme != "blob" && u.Host != strings.TrimPrefix(proxy.URL, "http://") && u.Host != strings.TrimPrefix(keySrv.URL, "http://") {
				t.Errorf("the page contacted %s", r.url)
			}
		}
		if r.where == "jwks" && r.method == http.MethodGet {
			jwksHits++
			if ref := r.headers["Referer"]; ref != "" {
				t.Errorf("the JWKS fetch sent Referer %q", ref)
			}
			if c := r.headers["Cookie"]; c != "" {
				t.Errorf("the JWKS fetch sent cookies %q", c)
			}
		}
	}
	if jwksHits != 1 {
		t.Errorf("the JWKS server got %d GET requests, want exactly 1 (the Fetch JWKS button; needs ui.SetFetcher in wasm/main.go)", jwksHits)
	}
	for _, r := range reqs {
		if r.where == "site" && strings.Contains(r.url, "?") {
			t.Errorf("a request to the site has a query: %s", r.url)
		}
	}
	if strings.Contains(shareURL, parts[2]) || strings.Contains(shareURL, "?") || !strings.Contains(shareURL, "#share=") {
		t.Errorf("share link %q: want a #share= fragment without the signature", shareURL)
	}
	t.Logf("%d requests recorded, %d to the JWKS server", len(reqs), jwksHits)
}

// TestUIFetchFailure fetches a JWKS from a loopback server that sends no
// CORS headers: the keys panel shows the engine's keys.fetch_failed finding,
// which names CORS, next to the button.
func TestUIFetchFailure(t *testing.T) {
	requireBrowser(t)
	keySrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"keys":[]}`)
	}))
	t.Cleanup(keySrv.Close)
	ctx, _ := uiPage(t, time.Minute)
	if err := chromedp.Do(ctx,
		setInput(sampleJWT),
		waitVerdict(""),
		setField("jwks", keySrv.URL+"/jwks.json"),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Click(chromedp.ID("fetch-jwks")),
		chromedp.WaitVisible(chromedp.CSS(`#fetch-result [data-code="keys.fetch_failed"]`)),
	); err != nil {
		t.Fatalf("no fetch failure shown: %v", err)
	}
	msg, _ := text(ctx, "#fetch-result")
	if !strings.Contains(msg, "CORS") {
		t.Errorf("the fetch failure does not name CORS: %q", msg)
	}
	b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("keys-panel")))
	if err == nil {
		_ = os.WriteFile(artifact(t, "ui-keys-fetch-failed.png"), b, 0o644)
	}
}

// The shipped app.wasm names no directory of the machine that built it, so
// that builds of one commit in different checkouts are byte-identical and
// visitors do not learn the builder's paths. (make test builds web/app.wasm
// before the browser tests; a plain go test without it skips.)
func TestWasmNamesNoBuildDirectory(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(root + "/web/app.wasm")
	if err != nil {
		t.Skipf("no web/app.wasm: %v", err)
	}
	for _, dir := range []string{root, os.Getenv("HOME") + "/go/pkg/mod", os.TempDir() + "/"} {
		if dir != "/" && dir != "" && strings.Contains(string(b), dir) {
			t.Errorf("app.wasm contains the directory %s", dir)
		}
	}
}
