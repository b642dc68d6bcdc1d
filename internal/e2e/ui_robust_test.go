//go:build !js

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestUIFaults injects a panic into rendering, into the analysis and into
// an event handler (the page's test-only switch window.__authdebugFault)
// and checks that each becomes a visible internal.error finding with a copy
// button, and that the page keeps working afterwards.
func TestUIFaults(t *testing.T) {
	ctx, _ := uiPage(t, 2*time.Minute)
	crash := chromedp.CSS(`[data-code="internal.error"]`)
	for _, fault := range []string{"render", "analyze", "event"} {
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
			if fault != "analyze" {
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
	// The big input is held beside the box, not in the textarea (whose
	// layout would block the page), nor repeated in the backdrop.
	state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[document.getElementById("paste").value.length,
		document.getElementById("backdrop").childNodes.length, !!document.getElementById("large-input")].join(" ")`))
	if state != "0 0 true" {
		t.Errorf("textarea length, backdrop nodes, preview shown = %q, want \"0 0 true\"", state)
	}
}

// TestUILargePaste pastes a 300 kB transcript the way a browser does (a
// paste event with clipboardData): the page takes it before the textarea,
// analyses all of it and shows a preview beside the box. "Show all" puts it
// in the box, and a small paste replaces it; "Clear" empties everything.
func TestUILargePaste(t *testing.T) {
	ctx, _ := uiPage(t, 2*time.Minute)
	big := "Authorization: Bearer " + sampleJWT + "\n" + "X-Pad: " + strings.Repeat("a", 300<<10) + "\n"
	paste := func(s string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(() => {
			const el = document.getElementById("paste"); el.focus();
			const dt = new DataTransfer(); dt.setData("text/plain", ` + jsString(s) + `);
			if (el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}))) {
				window.__pasteNotTaken = true;
				el.setRangeText(dt.getData("text/plain"), el.selectionStart, el.selectionEnd, "end");
				el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
			}
		})()`)
	}
	state := func() string {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[document.getElementById("paste").value.length,
			!!document.getElementById("large-input"), (document.querySelector(".report") || {dataset: {}}).dataset.bytes,
			!!window.__pasteNotTaken].join(" ")`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	waitBytes := func(n int) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](`(document.querySelector(".report") || {dataset: {}}).dataset.bytes === "`+fmt.Sprint(n)+`"`,
			chromedp.WithPollingTimeout(30*time.Second))
	}
	if err := chromedp.Do(ctx, paste(big), waitBytes(len(big))); err != nil {
		t.Fatalf("no report for the large paste: %v", err)
	}
	if got, want := state(), fmt.Sprintf("0 true %d false", len(big)); got != want {
		t.Errorf("after a large paste: %q, want %q (box length, preview, report bytes, paste left to the textarea)", got, want)
	}
	if v, _ := text(ctx, "#verdict"); strings.TrimSpace(v) == "" {
		t.Error("no verdict for the large paste")
	}
	if p, _ := text(ctx, "#large-input pre"); !strings.HasPrefix(p, "Authorization: Bearer eyJ") {
		t.Errorf("preview %.60q does not show the input's beginning", p)
	}

	// Show all: the text goes into the box, the preview goes away.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#show-all"))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if got, want := state(), fmt.Sprintf("%d false %d false", len(big), len(big)); got != want {
		t.Errorf("after Show all: %q, want %q", got, want)
	}

	// Shown in the box, the text is the textarea's: a small paste over all
	// of it is the textarea's own, and replaces it.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("paste").select()`), paste(sampleJWT), waitBytes(len(sampleJWT))); err != nil {
		t.Fatalf("a small paste did not replace the large input: %v", err)
	}
	if got, want := state(), fmt.Sprintf("%d false %d true", len(sampleJWT), len(sampleJWT)); got != want {
		t.Errorf("after a small paste over the large text: %q, want %q", got, want)
	}

	// At the caret, after the token: the paste goes where the textarea
	// would have put it. Then Clear.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById("paste"); el.setSelectionRange(el.value.length, el.value.length); })()`),
		paste(big), waitBytes(len(sampleJWT)+len(big)), chromedp.Click(chromedp.CSS("#clear-input"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`!document.getElementById("large-input") && !document.getElementById("verdict")`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("Clear did not empty the page: %v (state %q)", err, state())
	}
	// A small paste into the empty box is the textarea's own too.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__pasteNotTaken = false`), paste(sampleJWT), waitBytes(len(sampleJWT))); err != nil {
		t.Fatalf("no report for a small paste: %v", err)
	}
	if got, want := state(), fmt.Sprintf("%d false %d true", len(sampleJWT), len(sampleJWT)); got != want {
		t.Errorf("after a small paste into the empty box: %q, want %q", got, want)
	}
}
