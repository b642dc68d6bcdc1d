package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/render"
)

// TestExamplesReport runs the engine over every example as the page does
// (its form, its fixed clock) and checks the codes and verdict the browser
// tests expect, and that the page can name what each example is read as.
func TestExamplesReport(t *testing.T) {
	readAs := map[string]string{
		"server_log":      "server log — python-jose",
		"browser_console": "browser console — Chromium",
		"http_debug":      "HTTP debug — Python http.client",
		"claims_json":     "decoded claims",
	}
	for _, ex := range examples {
		t.Run(ex.ID, func(t *testing.T) {
			text, _ := exampleText(ex.ID)
			opts, err := ex.Form.config().Options(time.Now())
			if err != nil {
				t.Fatal(err)
			}
			r, err := analyze.Run(context.Background(), analyze.Input{Text: text}, opts...)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range ex.Codes {
				if !r.Has(c) {
					t.Errorf("no %s: %v", c, r.Codes())
				}
			}
			if !strings.Contains(strings.ToLower(r.Verdict), strings.ToLower(ex.Verdict)) {
				t.Errorf("verdict %q does not mention %q", r.Verdict, ex.Verdict)
			}
			if want, ok := readAs[ex.ID]; ok && !strings.Contains(render.ReadAs(&r), want) {
				t.Errorf("read as %q, want %q", render.ReadAs(&r), want)
			}
		})
	}
}
