//go:build !js

package main

import (
	"math"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tb := &Table{Title: "authdebug performance", Env: []string{"Go 1.26"}}
	tb.Section("app.wasm size")
	tb.Add("brotli -q11", fmtBytes(1441047), "hello-world wasm: "+fmtBytes(560000), ratio(1441047, 560000))
	tb.Add("a | pipe", "x", "", "")
	tb.Note("ratios are authdebug ÷ baseline")
	out := tb.Markdown()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		"## authdebug performance",
		"",
		"Go 1.26  ",
		"",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i, lines[i], w)
		}
	}
	table := lines[4:8]
	for i, l := range table {
		if !strings.HasPrefix(l, "| ") || !strings.HasSuffix(l, " |") {
			t.Errorf("table line %d is not a row: %q", i, l)
		}
		if n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); n != 5 {
			t.Errorf("table line %d has %d cell separators, want 5: %q", i, n, l)
		}
		if len([]rune(l)) != len([]rune(table[0])) {
			t.Errorf("table line %d is not padded like the header:\n%s\n%s", i, table[0], l)
		}
	}
	if !strings.Contains(table[1], "---: |") {
		t.Errorf("figures are not right-aligned: %q", table[1])
	}
	if !strings.Contains(table[2], "**app.wasm size**") {
		t.Errorf("section row not bold: %q", table[2])
	}
	if !strings.Contains(table[3], "1,441,047 B (1.44 MB)") || !strings.Contains(table[3], "2.57×") {
		t.Errorf("figures row = %q", table[3])
	}
	if !strings.Contains(out, `a \| pipe`) {
		t.Errorf("a pipe in a cell is not escaped:\n%s", out)
	}
	if !strings.HasSuffix(out, "\n- ratios are authdebug ÷ baseline\n") {
		t.Errorf("notes missing at the end:\n%s", out)
	}
}

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{ratio(3, 1), "3.00×"},
		{ratio(25, 2), "12.5×"},
		{ratio(1234, 2), "617×"},
		{ratio(1, 0), "n/a"},
		{ratio(math.NaN(), 1), "n/a"},
		{ratio(-1, 2), "n/a"},
		{fmtMs(0.0423), "42 µs"},
		{fmtMs(1.234), "1.23 ms"},
		{fmtMs(16.66), "16.7 ms"},
		{fmtMs(612.4), "612 ms"},
		{fmtMs(1534), "1.53 s"},
		{fmtMs(-1), "n/a"},
		{fmtP50P95(Dist{N: 3, P50: 1, P95: 2.5}), "1.00 ms / 2.50 ms"},
		{fmtP50P95(Dist{}), "n/a"},
		{fmtBytes(7345894), "7,345,894 B (7.35 MB)"},
		{fmtRate(12345.6), "12,346 tokens/s"},
		{fmtRate(0), "n/a"},
		{thousands(-1234567), "-1,234,567"},
		{thousands(999), "999"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
