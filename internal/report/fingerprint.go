package report

import (
	"fmt"
	"unicode/utf8"
)

// Fingerprint shortens a credential for display so it can be recognised but
// not reused: the first 8 and last 3 characters and the length, e.g.
// "eyJhbGci…x4Q, 812 chars". Short secrets show less: under 16 characters
// only the length; under 24 only the first 4. It reads only the ends of s,
// so a huge paste costs no memory.
func Fingerprint(s string) string {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "(empty)"
	case n < 16:
		return fmt.Sprintf("…, %d chars", n)
	case n < 24:
		return fmt.Sprintf("%s…, %d chars", head(s, 4), n)
	}
	return fmt.Sprintf("%s…%s, %d chars", head(s, 8), tail(s, 3), n)
}

// head returns the first n runes of s; invalid bytes become U+FFFD.
func head(s string, n int) string {
	out := make([]rune, 0, n)
	for i := 0; len(out) < n && i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		out = append(out, r)
		i += size
	}
	return string(out)
}

// tail returns the last n runes of s; invalid bytes become U+FFFD.
func tail(s string, n int) string {
	out := make([]rune, n)
	k := n
	for i := len(s); k > 0 && i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		k--
		out[k] = r
		i -= size
	}
	return string(out[k:])
}

// Mask returns s unchanged when reveal is true, else its Fingerprint.
func Mask(s string, reveal bool) string {
	if reveal {
		return s
	}
	return Fingerprint(s)
}
