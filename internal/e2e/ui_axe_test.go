//go:build !js

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeScript returns axe-core's axe.min.js: from $AUTHDEBUG_AXE (a file), or
// installed once with npm into the user cache directory.
func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AUTHDEBUG_AXE")
	if path == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir := filepath.Join(cache, "authdebug", "axe")
		path = filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
		if _, err := os.Stat(path); err != nil {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "axe-core@4")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Skipf("axe-core is not installed and npm could not install it (%v): %s", err, out)
			}
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("axe-core: %v", err)
	}
	return string(b)
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func runAxe(ctx context.Context, script string) ([]axeViolation, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`if (!window.axe) { `+script+` }`)); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.filter(v => v.impact === "serious" || v.impact === "critical"))`,
		chromedp.EvalAwaitPromise))
}

// TestUIAccessibility runs axe-core on the page in several states and both
// themes: no serious or critical violation is allowed.
func TestUIAccessibility(t *testing.T) {
	script := axeScript(t)
	ctx, _ := uiPage(t, 3*time.Minute)
	states := []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{
		{"empty", chromedp.Steps()},
		{"report", chromedp.Steps(withReport(t, "expired.report.json"), loadExample("expired"), withoutReport(),
			chromedp.Evaluate[chromedp.Void](`document.querySelector(".finding .f-head").click()`), chromedp.Sleep(200*time.Millisecond))},
		{"panels open", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("details").forEach(d => d.open = true); document.getElementById("share-open").click()`)},
		{"engine report", chromedp.Steps(loadExample("redirect"))},
	}
	for _, theme := range []string{"light", "dark"} {
		for _, st := range states {
			t.Run(theme+"/"+st.name, func(t *testing.T) {
				if err := chromedp.Do(ctx, setTheme(theme), st.act, chromedp.Sleep(100*time.Millisecond)); err != nil {
					t.Fatal(err)
				}
				vs, err := runAxe(ctx, script)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					var where []string
					for i, n := range v.Nodes {
						if i == 3 {
							break
						}
						where = append(where, n.HTML)
					}
					t.Errorf("axe %s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
				}
			})
		}
	}
}
