//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const kbToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkFkYSIsImlhdCI6MTc5NTMzNDQwMCwiZXhwIjoxNzk1MzM4MDYwfQ.c2lnbmF0dXJlLWJ5dGVzLW9mLWEtdGVzdC10b2tlbg"

// activeElement names the focused element: its id, or tag.class.
const activeElement = `(() => { const e = document.activeElement; return e ? (e.id || (e.tagName.toLowerCase() + "." + e.className)) : ""; })()`

// TestUIKeyboard goes from an empty page to a copied report with Tab, Enter
// and Space only: the skip link comes first, Tab reaches the paste box,
// typing analyses (after the debounce), Tab reaches "Copy report" with a
// visible focus ring, Enter copies the Markdown report, Space selects a
// finding.
func TestUIKeyboard(t *testing.T) {
	ctx, url := uiPage(t, 2*time.Minute)
	origin := strings.TrimSuffix(url, "/")
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: origin,
		}); err != nil {
			t.Logf("granting %s: %v (the page's fallback will be checked instead)", name, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.focus();`)); err != nil {
		t.Fatal(err)
	}

	// Tab from the top of the page to the paste box.
	var order []string
	tab := func(want string, max int) {
		t.Helper()
		for range max {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](activeElement))
			if err != nil {
				t.Fatal(err)
			}
			order = append(order, got)
			if got == want {
				return
			}
		}
		t.Fatalf("Tab did not reach #%s; focus went %v", want, order)
	}
	tab("paste", 6)
	if order[0] != "a.skip" {
		t.Errorf("the first Tab stop is %q, want the skip link", order[0])
	}

	if err := chromedp.Do(ctx,
		chromedp.KeyEvent(kbToken),
		waitVerdict(""),
	); err != nil {
		t.Fatalf("typing a token: %v", err)
	}

	order = nil
	tab("copy-report", 12)
	t.Logf("focus order from the paste box: %v", order)
	ring, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).outlineStyle`))
	if err != nil {
		t.Fatal(err)
	}
	if ring == "none" {
		t.Error("the focused Copy report button shows no focus ring")
	}

	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	var md string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && md == ""; time.Sleep(100 * time.Millisecond) {
		md, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText().catch(() => "")`, chromedp.EvalAwaitPromise))
		if md == "" {
			md, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("copy-fallback") || {}).value || ""`))
		}
	}
	if !strings.HasPrefix(md, "### authdebug report") {
		t.Fatalf("Enter on Copy report gave %q, want the Markdown report", md)
	}
	if strings.Contains(md, kbToken) || strings.Contains(md, "c2lnbmF0dXJlLWJ5dGVzLW9mLWEtdGVzdC10b2tlbg") {
		t.Error("the copied report holds the token or its signature")
	}

	// Space on the first finding selects it.
	order = nil
	for range 6 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		cls, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
		order = append(order, cls)
		if cls == "f-head" {
			break
		}
	}
	if order[len(order)-1] != "f-head" {
		t.Fatalf("Tab did not reach a finding after Copy report: %v", order)
	}
	if err := chromedp.Do(ctx,
		chromedp.KeyEvent(" "),
		chromedp.Poll[chromedp.Void](`document.activeElement.getAttribute("aria-pressed") === "true"`, chromedp.WithPollingTimeout(5*time.Second)),
	); err != nil {
		t.Errorf("Space did not select the finding: %v", err)
	}
}
