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

// head returns the first n runes of s.
func head(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// tail returns the last n runes of s.
func tail(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// Mask returns s unchanged when reveal is true, else its Fingerprint.
func Mask(s string, reveal bool) string {
	if reveal {
		return s
	}
	return Fingerprint(s)
}
