//go:build !js

package main

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the p-th percentile (0 ≤ p ≤ 100) of xs by linear
// interpolation between the closest ranks (the "R-7" definition, as
// numpy.percentile and spreadsheets compute it). It returns NaN for no
// samples. xs is not modified.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	p = min(max(p, 0), 100)
	h := p / 100 * float64(len(s)-1)
	lo := int(math.Floor(h))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}

// Median is the 50th percentile.
func Median(xs []float64) float64 { return Percentile(xs, 50) }

// Dist summarises samples (milliseconds, bytes/s, …).
type Dist struct {
	N             int
	P50, P95, Max float64
}

// Summarize returns the count, median, 95th percentile and maximum.
func Summarize(xs []float64) Dist {
	if len(xs) == 0 {
		return Dist{P50: math.NaN(), P95: math.NaN(), Max: math.NaN()}
	}
	return Dist{N: len(xs), P50: Percentile(xs, 50), P95: Percentile(xs, 95), Max: slices.Max(xs)}
}

// ms converts a duration to float milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
