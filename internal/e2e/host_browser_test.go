//go:build !js

package e2e

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/authdebug/authdebug/server"
	"github.com/authdebug/authdebug/server/deploy"
)

// TestHostBootsUnderCSP: the page served by `authdebug serve` boots under
// the strict Content-Security-Policy and Permissions-Policy, and analyses a
// token, without one violation or console error.
func TestHostBootsUnderCSP(t *testing.T) {
	requireBrowser(t)
	u, _ := serveProc(t, "--dir", rootSite(t))
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, kv := range server.SecurityHeaders {
		if got := res.Header.Get(kv.Name); got != kv.Value {
			t.Errorf("%s = %q", kv.Name, got)
		}
	}
	ctx := browser(t, 90*time.Second)
	w := watch(t, ctx)
	if err := chromedp.Do(ctx, waitReady(u)); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	pasteAndRead(t, ctx)
	w.check(t, ctx)
}

// TestHostBootsUnderMetaCSP: on a host that sets no headers at all (a bare
// file server), the policy in <meta http-equiv> still lets the page boot.
func TestHostBootsUnderMetaCSP(t *testing.T) {
	requireBrowser(t)
	dir := rootSite(t)
	ts := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer ts.Close()
	ctx := browser(t, 90*time.Second)
	w := watch(t, ctx)
	if err := chromedp.Do(ctx, waitReady(ts.URL+"/")); err != nil {
		t.Fatalf("loading: %v", err)
	}
	pasteAndRead(t, ctx)
	// The meta policy is in force: an inline script is refused.
	blocked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.createElement("script");
		s.textContent = "window.__inlineRan = true";
		document.head.appendChild(s);
		return !window.__inlineRan;
	})()`))
	if err != nil || !blocked {
		t.Errorf("an inline script ran under the meta CSP (%v)", err)
	}
	violations, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__cspViolations`))
	if len(violations) != 1 || !strings.HasPrefix(violations[0], "script-src") {
		t.Errorf("violations %q, want exactly the inline script", violations)
	}
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.__cspViolations = [], true)`))
	w.check(t, ctx, "Executing inline script violates")
}

// TestHostSubPath: a site built with --base boots under that path, every
// URL it loads is under it, and its worker's scope is the base.
func TestHostSubPath(t *testing.T) {
	requireBrowser(t)
	t.Parallel() // builds the site again (brotli -q 11 of app.wasm): overlap with the other build
	const base = "/tools/authdebug/"
	u, _ := serveProc(t, "--dir", buildSite(t, base))
	if !strings.HasSuffix(u, base) {
		t.Fatalf("serve printed %s, want the base %s (read from the build's marker)", u, base)
	}
	ctx := browser(t, 90*time.Second)
	w := watch(t, ctx)
	if err := chromedp.Do(ctx, waitReady(u)); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	pasteAndRead(t, ctx)
	scope, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.serviceWorker.ready.then(r => r.scope)`, chromedp.EvalAwaitPromise))
	if err != nil || scope != u {
		t.Errorf("service worker scope %q (%v), want %q", scope, err, u)
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntries().map(e => e.name).filter(n => n.startsWith("http"))`))
	if err != nil {
		t.Fatal(err)
	}
	origin := strings.TrimSuffix(u, base)
	wasm := false
	for _, l := range loaded {
		p, err := url.Parse(l)
		if err != nil || !strings.HasPrefix(l, origin) {
			continue
		}
		if !strings.HasPrefix(p.Path, base) {
			t.Errorf("the page loaded %s, outside %s", l, base)
		}
		wasm = wasm || strings.HasSuffix(p.Path, "/web/app.wasm")
	}
	if !wasm || len(loaded) < 5 {
		t.Errorf("resource entries %q lack app.wasm", loaded)
	}
	manifest, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("link[rel=manifest]").href).then(r => r.json()).then(m => m.scope + " " + m.start_url)`, chromedp.EvalAwaitPromise))
	if err != nil || manifest != base+" "+base {
		t.Errorf("manifest scope and start_url %q (%v), want %s", manifest, err, base)
	}
	w.check(t, ctx)
}

// TestHostOffline: after one visit the worker has cached the site; with the
// server gone, a reload still boots the page and analyses a token.
func TestHostOffline(t *testing.T) {
	requireBrowser(t)
	u, stop := serveProc(t, "--dir", rootSite(t))
	ctx := browser(t, 120*time.Second)
	w := watch(t, ctx)
	if err := chromedp.Do(ctx, waitReady(u)); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	// Wait until the worker controls the page and has cached app.wasm and
	// the page itself.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(async () => {
		if (!navigator.serviceWorker.controller) return false;
		for (const k of await caches.keys()) {
			const urls = (await (await caches.open(k)).keys()).map(r => new URL(r.url).pathname);
			if (urls.includes("/") && urls.some(p => p.endsWith("/web/app.wasm"))) return true;
		}
		return false;
	})()`, chromedp.WithPollingInterval(100*time.Millisecond))); err != nil {
		t.Fatalf("the service worker never took control with a full cache: %v", err)
	}
	stop()
	if _, err := http.Get(u); err == nil {
		t.Fatal("the server still answers")
	}
	if err := chromedp.Do(ctx, waitReady(u)); err != nil {
		t.Fatalf("reloading offline: %v", err)
	}
	pasteAndRead(t, ctx)
	// Offline, the worker's update check fails; that is the only error allowed.
	w.check(t, ctx, "Failed to fetch", "ERR_CONNECTION_REFUSED", "An unknown error occurred when fetching the script")
}

// TestHostNginx: the shipped nginx.conf serves the build so that the page
// boots under the same policy.
func TestHostNginx(t *testing.T) {
	requireBrowser(t)
	dir := rootSite(t)
	n, err := deploy.StartNginx(dir, "/", t.TempDir(), false)
	if err != nil {
		if err == deploy.ErrNoNginx {
			t.Skip("nginx is not installed (Debian package nginx; make test installs it)")
		}
		t.Fatal(err)
	}
	defer n.Stop()
	ctx := browser(t, 90*time.Second)
	w := watch(t, ctx)
	if err := chromedp.Do(ctx, waitReady(n.URL+"/")); err != nil {
		t.Fatalf("loading from nginx: %v", err)
	}
	pasteAndRead(t, ctx)
	enc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType("resource").filter(e => e.name.endsWith("/web/app.wasm")).map(e => e.encodedBodySize < e.decodedBodySize ? "compressed" : "plain").join()`))
	if err != nil || enc != "compressed" {
		t.Errorf("app.wasm from nginx arrived %q (%v), want compressed", enc, err)
	}
	w.check(t, ctx)
}

// TestHostReproducibleBuild: two builds of this commit (the real app.wasm)
// are byte-identical, file for file: static/site (make static) and a fresh
// one.
func TestHostReproducibleBuild(t *testing.T) {
	requireBrowser(t)
	t.Parallel() // builds the site again (brotli -q 11 of app.wasm): overlap with the other build
	first := rootSite(t)
	second := buildSite(t, "/")
	a, b := treeOf(t, first), treeOf(t, second)
	delete(a, "README.md") // the committed placeholder beside the build
	if len(a) != len(b) || len(a) < 20 {
		t.Errorf("%d files vs %d files", len(a), len(b))
	}
	for name, want := range a {
		if got, ok := b[name]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func treeOf(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
