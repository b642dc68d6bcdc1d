//go:build !js

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestUIShareLink makes a share link from an example and opens it: the
// state travels in the fragment only, without the token's signature, and
// opening the link restores the text (redacted) and the expectations.
func TestUIShareLink(t *testing.T) {
	ctx, _ := uiPage(t, 2*time.Minute)
	ex, err := os.ReadFile(filepath.Join(repoRoot(t), "app", "examples", "aud_mismatch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tok := strings.TrimSpace(string(ex))
	parts := strings.Split(tok, ".")
	if err := chromedp.Do(ctx,
		loadExample("aud_mismatch"),
		chromedp.Click(chromedp.ID("share-open")),
		chromedp.WaitVisible(chromedp.ID("share-create")),
		chromedp.Click(chromedp.ID("share-create")),
		chromedp.WaitVisible(chromedp.ID("share-url")),
	); err != nil {
		t.Fatal(err)
	}
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("share-url").value`))
	if err != nil {
		t.Fatal(err)
	}
	// The dialog says what the engine removed, counted from the Report.
	if removes, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("share-removes").textContent`)); removes != "Removed from the link: 1 signature." {
		t.Errorf("the share dialog says %q, want %q", removes, "Removed from the link: 1 signature.")
	}
	if !strings.Contains(link, "#share=") || strings.Contains(link, "?") || strings.Contains(link, parts[2]) {
		t.Fatalf("share link %q: want a #share= fragment, no query, no signature", link)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate("about:blank"),
		waitReady(link),
		chromedp.Poll[chromedp.Void](`document.getElementById("paste").value !== ""`, chromedp.WithPollingTimeout(15*time.Second)),
	); err != nil {
		t.Fatalf("opening the link: %v", err)
	}
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("paste").value`))
	if want := parts[0] + "." + parts[1] + ".‹signature-removed›"; strings.TrimSpace(got) != want {
		t.Errorf("restored text = %q, want the token without its signature %q", got, want)
	}
	aud, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("aud").value`))
	if aud != "https://api.acme-corp.example" {
		t.Errorf("restored aud = %q", aud)
	}
	now, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("now").value`))
	if now != "2026-11-22T09:00:00Z" {
		t.Errorf("restored now = %q", now)
	}
	hash, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`))
	if hash != "" {
		t.Errorf("the share fragment stays in the address bar: %q", hash)
	}
}

// TestUIHighlight selects findings and checks that their evidence is
// marked in the paste box (Span) and in the decoded views (Path), that the
// backdrop wraps exactly like the textarea, and that claims explain
// themselves on focus. It shows a fixed Report (testdata/ui) through the
// page's test hook, so it does not depend on the engine.
func TestUIHighlight(t *testing.T) {
	ctx, _ := uiPage(t, 2*time.Minute)
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "app", "examples", "expired.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	var tok string
	for _, l := range lines {
		if strings.HasPrefix(l, "> Authorization: Bearer ") {
			tok = strings.TrimPrefix(l, "> Authorization: Bearer ")
		}
	}
	parts := strings.Split(tok, ".")
	if err := chromedp.Do(ctx, withReport(t, "expired.report.json"), loadExample("expired"), withoutReport()); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#backdrop .seg-header, #backdrop .seg-payload, #backdrop .seg-signature").length`)); n != 3 {
		t.Errorf("%d coloured segments in the paste box, want 3", n)
	}
	steps := []struct {
		code, mark, path string
	}{
		{"token.expired", parts[1], "tokens[0].payload.exp"},
		{"response.invalid_token", `error="invalid_token"`, "response.challenges[0].params.error"},
	}
	for _, s := range steps {
		t.Run(s.code, func(t *testing.T) {
			if err := chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS(`[data-code="`+s.code+`"] .f-head`)),
				chromedp.WaitVisible(chromedp.CSS(`.is-hl[data-path="`+s.path+`"]`)),
			); err != nil {
				t.Fatalf("no highlight at %s: %v", s.path, err)
			}
			mark, _ := text(ctx, "#backdrop mark.hl")
			if mark != s.mark {
				t.Errorf("marked in the paste box: %q, want %q", mark, s.mark)
			}
			pressed, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-code="`+s.code+`"] .f-head').getAttribute("aria-pressed")`))
			if pressed != "true" {
				t.Errorf("aria-pressed = %q", pressed)
			}
		})
	}
	// Pressing the selected finding again clears the highlight.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-code="response.invalid_token"] .f-head`)),
		chromedp.Poll[chromedp.Void](`!document.querySelector("#backdrop mark.hl") && !document.querySelector(".is-hl")`, chromedp.WithPollingTimeout(5*time.Second)),
	); err != nil {
		t.Errorf("the highlight stays: %v", err)
	}
	// The backdrop wraps the text exactly like the textarea.
	diff, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.abs(document.getElementById("backdrop").scrollHeight - document.getElementById("paste").scrollHeight)`))
	if diff > 2 {
		t.Errorf("backdrop and textarea heights differ by %v px: the colours would be misplaced", diff)
	}
	// A claim explains itself on keyboard focus.
	vis, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const k = document.querySelector('[data-path="tokens[0].payload.exp"] .has-tip');
		k.focus();
		const tip = document.getElementById(k.getAttribute("aria-describedby"));
		return getComputedStyle(tip).display + " " + tip.textContent;
	})()`))
	if err != nil || !strings.HasPrefix(vis, "block Expiration time") {
		t.Errorf("exp tooltip on focus: %q %v", vis, err)
	}
}

// TestUIFilePicker loads a transcript with the file button's input.
func TestUIFilePicker(t *testing.T) {
	ctx, _ := uiPage(t, time.Minute)
	path := filepath.Join(repoRoot(t), "app", "examples", "docker.txt")
	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{path}),
		chromedp.Poll[chromedp.Void](`document.getElementById("paste").value.includes("registry-1.docker.io")`, chromedp.WithPollingTimeout(10*time.Second)),
		waitVerdict(""),
	); err != nil {
		t.Fatalf("loading a file: %v", err)
	}
	if hint, _ := text(ctx, "#paste-hint"); !strings.Contains(hint, "docker.txt") {
		t.Errorf("hint = %q, want it to name the file", hint)
	}
}
