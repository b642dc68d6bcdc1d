//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Helpers for the UI tests (ui_*_test.go). The page's contract: the paste box
// is #paste, a rendered report has a non-empty #verdict, each finding
// element carries data-code, example buttons are #example-<id>, the copy
// button is #copy-report.

// uiPage serves the site and opens it in a fresh browser, ready.
func uiPage(t *testing.T, timeout time.Duration) (context.Context, string) {
	t.Helper()
	requireBrowser(t)
	url := serve(t)
	ctx := browser(t, timeout)
	if err := chromedp.Do(ctx, waitReady(url)); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	return ctx, url
}

// waitVerdict waits until a report is on screen whose verdict differs from
// before (pass "" the first time).
func waitVerdict(before string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](`(() => {
		const v = document.getElementById("verdict");
		return v && v.textContent.trim() !== "" && v.textContent !== `+jsString(before)+`;
	})()`, chromedp.WithPollingTimeout(20*time.Second))
}

// afterRun runs act and waits for the analysis it causes to be on screen:
// the report's data-run counter changes.
func afterRun(act chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Evaluate[chromedp.Void](`window.__lastRun = (document.querySelector(".report") || {dataset: {}}).dataset.run || "";`),
		act,
		chromedp.Poll[chromedp.Void](`(() => {
			const r = document.querySelector(".report");
			const v = document.getElementById("verdict");
			return r && r.dataset.run !== window.__lastRun && v && v.textContent.trim() !== "";
		})()`, chromedp.WithPollingTimeout(30*time.Second)),
	)
}

// loadExample clicks an example button (in the empty-page grid or the
// folded list) and waits for its report.
func loadExample(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Evaluate[chromedp.Void](`(() => {
			const d = document.querySelector("details.examples");
			if (d) d.open = true;
		})()`),
		afterRun(chromedp.Click(chromedp.CSS(`#example-`+id))),
	)
}

// withReport makes the page show the Report of testdata/ui/<name> instead
// of analysing (the page's test hook window.__authdebugReport), so that the
// views can be tested independently of the engine's wording.
func withReport(t *testing.T, name string) chromedp.Action[chromedp.Void] {
	t.Helper()
	b, err := os.ReadFile("testdata/ui/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return chromedp.Evaluate[chromedp.Void](`window.__authdebugReport = ` + jsString(string(b)) + `;`)
}

// withoutReport removes the report hook: the engine analyses again.
func withoutReport() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`delete window.__authdebugReport;`)
}

// findingCodes returns the data-code of every finding on screen, in order.
func findingCodes(ctx context.Context) ([]string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".findings [data-code], .crash-wrap [data-code]")).map(e => e.dataset.code)`))
}

func text(ctx context.Context, sel string) (string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const e = document.querySelector(`+jsString(sel)+`);
		return e ? e.textContent : "";
	})()`))
}

// setField sets an input of the keys panel the way typing does.
func setField(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => {
		document.getElementById("keys-panel").open = true;
		const el = document.getElementById(` + jsString(id) + `);
		el.focus();
		el.value = ` + jsString(value) + `;
		el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertText"}));
	})()`)
}

// setTheme pins the light or dark theme the way the theme button does.
func setTheme(theme string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => {
		const want = ` + jsString(theme) + ` === "dark";
		const b = document.getElementById("theme");
		if ((b.getAttribute("aria-pressed") === "true") !== want) b.click();
	})()`)
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(artifact(t, name), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func contains(haystack, needle string) bool {
	return strings.Contains(strings.ToLower(haystack), strings.ToLower(needle))
}
