//go:build !js

package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const sampleJWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkFkYSIsImlhdCI6MTc2MzgwMDAwMH0.0W5zY2xvZ2dlZC1ieS1hLXRlc3Q"

// TestPasteDecodes is the walking skeleton end to end: the binary serves the
// embedded site, Chromium runs the wasm, a pasted JWT shows its claims and
// garbage shows which segment failed.
func TestPasteDecodes(t *testing.T) {
	requireBrowser(t)
	url := serve(t)
	ctx := browser(t, 60*time.Second)

	payloadView := chromedp.CSS(`[data-path="tokens[0].payload"]`)
	if err := chromedp.Do(ctx,
		waitReady(url),
		chromedp.Click(chromedp.ID("paste")),
		chromedp.SendKeys(chromedp.ID("paste"), sampleJWT),
		// Typing analyses as it goes: wait for the report of the whole token.
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.report[data-bytes="%d"]`, len(sampleJWT)))),
		chromedp.WaitVisible(payloadView),
	); err != nil {
		t.Fatalf("pasting a JWT: %v", err)
	}
	payload, err := chromedp.Run(ctx, chromedp.Text(payloadView))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(payload, `"sub"`) || !strings.Contains(payload, `"user-42"`) {
		t.Errorf("decoded payload = %q, want it to show sub user-42", payload)
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(artifact(t, "skeleton-jwt.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// The sample's own 20-byte signature is already a token.malformed
	// finding, so wait for the garbage's report to replace it (data-bytes)
	// before reading; then read every token.malformed finding it holds.
	garbage := "eyJhbGciOiJIUzI1NiJ9.not*base64.sig"
	if err := chromedp.Do(ctx,
		afterRun(setInput(garbage)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.report[data-bytes="%d"] [data-code="token.malformed"]`, len(garbage)))),
	); err != nil {
		t.Fatalf("pasting garbage: %v", err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('[data-code="token.malformed"]')].map(e => e.innerText).join("\n---\n")`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "payload") {
		t.Errorf("error message %q does not say the payload segment failed", msg)
	}
}
