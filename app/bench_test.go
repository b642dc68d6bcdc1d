package ui

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/redact"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// bigText is a 5 MB transcript-like text with a token every line.
func bigText() string {
	line := "> Authorization: Bearer " + shareJWS + "\n< www-authenticate: Basic realm=\"x\"\n"
	return strings.Repeat(line, (5<<20)/len(line))
}

func BenchmarkRedact5MB(b *testing.B) {
	text := bigText()
	rep := analysed(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = redact.Text(text, rep.Redactions)
	}
}

func BenchmarkPaint(b *testing.B) {
	r := loadReport(b, "expired.report.json")
	text := strings.Repeat("x", 2200)
	hl := &report.Span{Start: 400, End: 700}
	b.ReportAllocs()
	for b.Loop() {
		_ = paint(text, segmentRanges(r), hl)
	}
}

func BenchmarkRenderReport(b *testing.B) {
	r := loadReport(b, "expired.report.json")
	b.ReportAllocs()
	for b.Loop() {
		_ = app.HTMLString(&findingsList{Rep: r, Sel: 0})
		_ = app.HTMLString(&tokenView{Rep: r})
		_ = app.HTMLString(&exchangeView{Rep: r})
	}
}
