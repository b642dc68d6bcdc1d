//go:build !js

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestUIScreenshots saves the page at 1280 and 375 px in both themes, empty
// and with a report (an example, its first finding selected), to
// artifacts/ui-*.png. It asserts only that the pictures are taken and that
// nothing overflows the narrow viewport sideways.
func TestUIScreenshots(t *testing.T) {
	ctx, _ := uiPage(t, 3*time.Minute)
	for _, width := range []int64{1280, 375} {
		for _, theme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d-%s", width, theme), func(t *testing.T) {
				if err := chromedp.Do(ctx,
					chromedp.EmulateViewport(width, 900),
					setTheme(theme),
					setInput(""),
					chromedp.WaitVisible(chromedp.CSS(".example-grid")),
				); err != nil {
					t.Fatal(err)
				}
				screenshot(t, ctx, fmt.Sprintf("ui-empty-%d-%s.png", width, theme))
				if err := chromedp.Do(ctx,
					withReport(t, "expired.report.json"),
					loadExample("expired"),
					withoutReport(),
					chromedp.Evaluate[chromedp.Void](`document.querySelector(".finding .f-head").click()`),
					chromedp.Sleep(300*time.Millisecond),
					chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`),
				); err != nil {
					t.Fatal(err)
				}
				screenshot(t, ctx, fmt.Sprintf("ui-report-%d-%s.png", width, theme))
				if err := chromedp.Do(ctx,
					chromedp.Evaluate[chromedp.Void](`document.getElementById("keys-panel").open = true; document.getElementById("share-open").click()`),
					chromedp.Sleep(200*time.Millisecond),
					chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`),
				); err != nil {
					t.Fatal(err)
				}
				screenshot(t, ctx, fmt.Sprintf("ui-panels-%d-%s.png", width, theme))
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("keys-panel").open = false; document.getElementById("share-open").click()`)); err != nil {
					t.Fatal(err)
				}
				if width == 1280 && theme == "light" {
					for _, id := range []string{"expired", "redirect", "docker", "jwe", "clock_skew", "proxy_407", "refresh_refused", "dpop_replayed"} {
						if err := chromedp.Do(ctx, loadExample(id), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
							t.Fatal(err)
						}
						screenshot(t, ctx, "ui-engine-"+id+".png")
					}
				}
				overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
				if err != nil {
					t.Fatal(err)
				}
				if overflow > 0 {
					t.Errorf("the page is %d px wider than the %d px viewport", overflow, width)
				}
			})
		}
	}
}
