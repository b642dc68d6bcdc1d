//go:build !js

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/authdebug/authdebug/internal/site"
)

// hostJWT is a token whose payload the page must show.
const hostJWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJob3N0LXRlc3QiLCJpYXQiOjE3NjM4MDAwMDB9.c2lnbmF0dXJlLW5vdC1jaGVja2Vk"

// rootSite returns static/site, the root build `make static` wrote (which
// the binary also embeds), after checking that it holds the current
// web/app.wasm.
func rootSite(t testing.TB) string {
	t.Helper()
	root := repoRoot(t)
	dir := filepath.Join(root, "static", "site")
	info, err := site.ReadInfo(os.DirFS(dir))
	if err != nil {
		t.Fatalf("static/site: %v (run make static)", err)
	}
	entries, err := os.ReadDir(filepath.Join(root, "web"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			continue
		}
		built, err1 := os.ReadFile(filepath.Join(dir, "v", info.Version, "web", name))
		src, err2 := os.ReadFile(filepath.Join(root, "web", name))
		if err1 != nil || err2 != nil || !bytes.Equal(built, src) {
			t.Fatalf("static/site does not hold the current web/%s: run make static", name)
		}
	}
	return dir
}

// buildSite runs `authdebug build -o DIR --base BASE` (with the
// repository's web/, app.wasm included) into a new temporary directory.
func buildSite(t testing.TB, base string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	cmd := exec.Command(binary(t), "build", "-o", dir, "--base", base)
	cmd.Dir = repoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("authdebug build --base %s: %v\n%s", base, err, out)
	}
	return dir
}

// serveProc starts `authdebug serve` with args on a free loopback port and
// returns the URL it prints (with the base) and a function that stops it.
func serveProc(t testing.TB, args ...string) (string, func()) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			_ = cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				_ = cmd.Process.Kill()
			}
		})
	}
	t.Cleanup(stop)
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil && !sent {
				urlc <- m[1]
				sent = true
			}
		}
	}()
	select {
	case u := <-urlc:
		return u, stop
	case <-time.After(20 * time.Second):
		t.Fatal("authdebug serve did not report its address")
	}
	return "", stop
}

// pageWatch records what a page reports about its policies: console
// messages and securitypolicyviolation events.
type pageWatch struct {
	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
}

const cspListener = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => {
	window.__cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`

// watch installs the violation listener in every document the tab loads and
// starts collecting console messages.
func watch(t testing.TB, ctx context.Context) *pageWatch {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspListener}); err != nil {
		t.Fatalf("installing the CSP listener: %v", err)
	}
	w := &pageWatch{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.messages = append(w.messages, m)
			w.mu.Unlock()
		}
	}()
	return w
}

// check fails the test on CSP violations in the current document and on
// console errors or policy warnings so far. allow lists substrings of
// messages that are expected (e.g. network errors when offline).
func (w *pageWatch) check(t testing.TB, ctx context.Context, allow ...string) {
	t.Helper()
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__cspViolations || []`))
	if err != nil {
		t.Fatalf("reading CSP violations: %v", err)
	}
	for _, v := range violations {
		t.Errorf("Content-Security-Policy violation: %s", v)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
next:
	for _, m := range w.messages {
		bad := m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException ||
			strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Permissions-Policy") ||
			strings.Contains(m.Text, "Permissions Policy") || strings.Contains(m.Text, "Unrecognized feature")
		if !bad {
			continue
		}
		for _, a := range allow {
			if strings.Contains(m.Text, a) {
				continue next
			}
		}
		t.Errorf("console %s (%s): %s", m.Type, m.Source, m.Text)
	}
}

// pasteAndRead pastes the test JWT and returns the page's text once it
// shows the decoded payload (its sub claim, "host-test"). It reads the whole
// page's text, not one element, so that it does not depend on the UI's
// markup.
func pasteAndRead(t testing.TB, ctx context.Context) string {
	t.Helper()
	if err := chromedp.Do(ctx, setInput(hostJWT)); err != nil {
		t.Fatalf("pasting a JWT: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const text = document.body.innerText;
		return text.includes("host-test") ? text : false;
	})()`, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Fatalf("the decoded payload (sub host-test) never showed: %v", err)
	}
	return text
}
