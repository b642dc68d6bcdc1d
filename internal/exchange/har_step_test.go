package exchange

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// A HAR is decoded entry by entry, with a step after each, and an entry
// with a field of the wrong type keeps the rest.
func TestHARSteps(t *testing.T) {
	entry := `{"request":{"method":"GET","url":"https://api.example.com/x","headers":[{"name":"authorization","value":"Bearer abc.def.ghi"}]},"response":{"status":401,"headers":[]}}`
	odd := `{"request":{"method":"GET","url":"https://api.example.com/y","headers":[{"name":"authorization","value":"Bearer abc.def.ghi"}]},"response":{"status":"401","headers":[]}}`
	text := `{"log":{"version":"1.2","pages":[{"id":"p"}],"entries":[` + strings.Repeat(entry+",", 4) + odd + `],"comment":"x"}}`
	steps := 0
	exs, _, errs := ParsePartsStep([]detect.Part{{Kind: report.KindHAR, Start: 0, End: len(text), Text: text}}, func() { steps++ })
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if steps != 5 {
		t.Errorf("%d steps, want one per entry (5)", steps)
	}
	if len(exs) != 5 || exs[4].Request.URL != "https://api.example.com/y" {
		t.Errorf("%d exchanges; the entry with a string status must keep its request", len(exs))
	}
	for _, bad := range []string{`{"log":{"entries":{}}}`, `{"log":{}}`, `{"log":{"entries":[{"request":`} {
		if _, _, errs := ParseParts([]detect.Part{{Kind: report.KindHAR, Text: bad, End: len(bad)}}); len(errs) == 0 {
			t.Errorf("%s: no error", bad)
		}
	}
}
