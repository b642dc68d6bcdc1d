//go:build !js

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestUIFaults injects a panic into rendering and into the analysis (the
// page's test-only switch window.__authdebugFault) and checks that each
// becomes a visible internal.error finding with a copy button, and that the
// page keeps working afterwards.
func TestUIFaults(t *testing.T) {
	ctx, _ := uiPage(t, 2*time.Minute)
	crash := chromedp.CSS(`[data-code="internal.error"]`)
	for _, fault := range []string{"render", "analyze"} {
		t.Run(fault, func(t *testing.T) {
			if err := chromedp.Do(ctx,
				chromedp.Evaluate[chromedp.Void](`window.__authdebugFault = `+jsString(fault)),
				setInput(sampleJWT+" "+fault),
				chromedp.WaitVisible(crash),
			); err != nil {
				t.Fatalf("no internal.error box: %v", err)
			}
			msg, err := text(ctx, `[data-code="internal.error"]`)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(msg, "authdebug failed") {
				t.Errorf("error box says %q", msg)
			}
			if fault == "render" {
				if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".crash button").length`)); n == 0 {
					t.Error("the error box has no copy button")
				}
			}
			// The page keeps working.
			if err := chromedp.Do(ctx,
				chromedp.Evaluate[chromedp.Void](`delete window.__authdebugFault`),
				setInput(sampleJWT),
				chromedp.Poll[chromedp.Void](`!document.querySelector('[data-code="internal.error"]') && document.querySelector(".findings")`,
					chromedp.WithPollingTimeout(15*time.Second)),
			); err != nil {
				t.Fatalf("the page did not recover: %v", err)
			}
		})
	}
}

// bigHAR makes a HAR export of about size bytes: entries with bearer tokens
// and 401 answers.
func bigHAR(size int) string {
	var b strings.Builder
	b.WriteString(`{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"startedDateTime":"2026-11-22T08:59:%02d.000Z","time":12,"request":{"method":"GET","url":"https://api.example.com/v1/items/%d","httpVersion":"HTTP/2","headers":[{"name":"authorization","value":"Bearer %s"},{"name":"accept","value":"application/json"}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":401,"statusText":"","httpVersion":"HTTP/2","headers":[{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""},{"name":"date","value":"Sun, 22 Nov 2026 09:00:00 GMT"}],"cookies":[],"content":{"size":0,"mimeType":"application/json","text":"%s"},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":10,"receive":2}}`,
			i%60, i, sampleJWT, strings.Repeat("x", 1500))
	}
	b.WriteString(`]}}`)
	return b.String()
}

// TestUIBigPaste pastes a 5 MB HAR export and then, while it is analysed,
// a small token: the page shows the small token's report (the big run's
// result is dropped), and then the big one's when pasted alone. It logs
// (without asserting times) the longest gap between animation frames while
// the big input was analysed.
func TestUIBigPaste(t *testing.T) {
	ctx, _ := uiPage(t, 3*time.Minute)
	big := bigHAR(5 << 20)
	monitor := chromedp.Evaluate[chromedp.Void](`(() => {
		window.__maxGap = 0; window.__stopRaf = false;
		let last = performance.now();
		const f = t => { window.__maxGap = Math.max(window.__maxGap, t - last); last = t; if (!window.__stopRaf) requestAnimationFrame(f); };
		requestAnimationFrame(f);
	})()`)
	// Superseded: big then small at once.
	if err := chromedp.Do(ctx,
		setInput(big),
		setInput(sampleJWT),
		chromedp.Poll[chromedp.Void](`(document.querySelector(".report") || {dataset: {}}).dataset.bytes === "`+fmt.Sprint(len(sampleJWT))+`"`,
			chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.Sleep(2*time.Second),
	); err != nil {
		t.Fatalf("the small paste's report did not stay: %v", err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".report").dataset.bytes`)); got != fmt.Sprint(len(sampleJWT)) {
		t.Errorf("a superseded analysis replaced the newer report: bytes = %s", got)
	}

	start := time.Now()
	if err := chromedp.Do(ctx,
		monitor,
		setInput(big),
		chromedp.Poll[chromedp.Void](`(document.querySelector(".report") || {dataset: {}}).dataset.bytes === "`+fmt.Sprint(len(big))+`"`,
			chromedp.WithPollingTimeout(90*time.Second)),
	); err != nil {
		t.Fatalf("no report for a 5 MB paste: %v", err)
	}
	took := time.Since(start)
	gap, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.__stopRaf = true; window.__maxGap`))
	verdict, _ := text(ctx, "#verdict")
	t.Logf("5 MB HAR (%d bytes): report after %v, longest frame gap %.0f ms; verdict %q", len(big), took.Round(time.Millisecond), gap, verdict)
	if strings.TrimSpace(verdict) == "" {
		t.Error("empty verdict for the big paste")
	}
	// The big input is not repeated in the backdrop; the page stays usable.
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#backdrop").length`)); n != 0 {
		t.Error("the 5 MB input is painted in the backdrop")
	}
}
