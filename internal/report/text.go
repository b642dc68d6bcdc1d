package report

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Text helpers shared by the engine packages for titles and evidence: values
// from the paste are clipped and quoted so control characters and invalid
// UTF-8 show up harmlessly.

// Clip shortens s to at most n runes, marking the cut with "…".
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		count++
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}

// Quote quotes s Go-style (control characters and invalid UTF-8 escaped),
// clipped to n runes with "…" after the closing quote.
func Quote(s string, n int) string {
	c := Clip(s, n)
	if c != s {
		return strconv.Quote(c[:len(c)-len("…")]) + "…"
	}
	return strconv.Quote(s)
}

// Plural picks one or many for n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// CharDesc names the character at byte offset i of s for a finding: "a
// space", "a line break", "'+'", "control character U+0000", "byte 0xFF
// (not UTF-8)".
func CharDesc(s string, i int) string {
	c := s[i]
	switch {
	case c == ' ':
		return "a space"
	case c == '\t':
		return "a tab"
	case c == '\n' || c == '\r':
		return "a line break"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control character U+%04X", c)
	case c < 0x80:
		return fmt.Sprintf("'%c'", c)
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && w == 1 {
		return fmt.Sprintf("byte 0x%02X (not UTF-8)", c)
	}
	return fmt.Sprintf("'%c' (U+%04X)", r, r)
}
