//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"

	ui "github.com/authdebug/authdebug/app"
	"github.com/chromedp/chromedp"
)

// TestUIExamples loads every one-click example and checks that the engine's
// report shows the finding codes REPORT.md defines for that situation (the
// table is ui.Samples) and a verdict. These fail until the engine is wired
// into analyze.Run.
func TestUIExamples(t *testing.T) {
	ctx, _ := uiPage(t, 3*time.Minute)
	for _, s := range ui.Samples() {
		t.Run(s.ID, func(t *testing.T) {
			if err := chromedp.Do(ctx, loadExample(s.ID)); err != nil {
				t.Fatalf("loading the example: %v", err)
			}
			codes, err := findingCodes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range s.Codes {
				if !has(codes, want) {
					t.Errorf("finding %s missing; the report has %v", want, codes)
				}
			}
			verdict, err := text(ctx, "#verdict")
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(verdict) == "" || !contains(verdict, s.Verdict) {
				t.Errorf("verdict %q does not mention %q", verdict, s.Verdict)
			}
			// The page names what the paste was read as (the Report's inputs).
			if ra, _ := text(ctx, "#read-as"); !strings.HasPrefix(ra, "Read as: ") {
				t.Errorf("read-as line = %q", ra)
			}
			// The example's clock is fixed, and the page says so.
			if note, _ := text(ctx, ".clock-note"); !strings.Contains(note, "2026-11-22T09:00:00Z") {
				t.Errorf("clock note = %q", note)
			}
		})
	}
}
