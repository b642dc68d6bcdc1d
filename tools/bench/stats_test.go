//go:build !js

package main

import (
	"math"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"one sample", []float64{7}, 95, 7},
		{"median odd", []float64{3, 1, 2}, 50, 2},
		{"median even interpolates", []float64{4, 1, 3, 2}, 50, 2.5},
		{"p0 is the minimum", []float64{5, 9, 1}, 0, 1},
		{"p100 is the maximum", []float64{5, 9, 1}, 100, 9},
		{"p95 of 1..20", seq(20), 95, 19.05},
		{"p95 of 1..100", seq(100), 95, 95.05},
		{"p out of range clamps", []float64{1, 2}, 150, 2},
		{"unsorted with ties", []float64{2, 2, 1, 10}, 75, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.xs, tt.p); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.xs, tt.p, got, tt.want)
			}
		})
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Error("Percentile of no samples is not NaN")
	}
	xs := []float64{3, 1, 2}
	Percentile(xs, 50)
	if xs[0] != 3 {
		t.Error("Percentile sorted its argument in place")
	}
}

func seq(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[n-1-i] = float64(i + 1)
	}
	return xs
}

func TestSummarize(t *testing.T) {
	d := Summarize(seq(100))
	if d.N != 100 || d.P50 != 50.5 || math.Abs(d.P95-95.05) > 1e-9 || d.Max != 100 {
		t.Errorf("Summarize(1..100) = %+v", d)
	}
	if e := Summarize(nil); e.N != 0 || !math.IsNaN(e.P50) {
		t.Errorf("Summarize(nil) = %+v", e)
	}
	if ms(1500*time.Microsecond) != 1.5 {
		t.Errorf("ms(1.5ms) = %v", ms(1500*time.Microsecond))
	}
}
