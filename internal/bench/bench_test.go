package bench

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/authdebug/authdebug/internal/analyze"
)

// TestFixturesAnalyse checks that every fixture gives a Report that keeps
// the Report contract, so the benchmarks time real work.
func TestFixturesAnalyse(t *testing.T) {
	for _, f := range Fixtures() {
		t.Run(f.Name, func(t *testing.T) {
			rep, err := analyze.Run(context.Background(), analyze.Input{Text: f.Text}, f.Options()...)
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Validate(); err != nil {
				t.Errorf("Report does not validate: %v", err)
			}
			if len(rep.Inputs) == 0 {
				t.Error("the engine found nothing in the fixture")
			}
			if rep.Has("internal.error") {
				t.Errorf("internal error: %+v", rep.Findings)
			}
		})
	}
}

// BenchmarkAnalyze times analyze.Run plus the JSON encoding of the Report
// for each fixture: the work window.authdebug.inspect does in the browser.
func BenchmarkAnalyze(b *testing.B) {
	for _, f := range Fixtures() {
		opts := f.Options()
		b.Run(f.Name, func(b *testing.B) {
			b.SetBytes(int64(len(f.Text)))
			b.ReportAllocs()
			for b.Loop() {
				rep, err := analyze.Run(context.Background(), analyze.Input{Text: f.Text}, opts...)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := json.Marshal(rep); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
