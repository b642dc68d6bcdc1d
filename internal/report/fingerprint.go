package report

import (
	"fmt"
	"unicode/utf8"
)

// Fingerprint shortens a credential for display so it can be recognised but
// not reused: the first 8 and last 3 characters and the length, e.g.
// "eyJhbGci…x4Q, 812 chars". Short secrets show less: under 16 characters
// only the length; under 24 only the first 4.
func Fingerprint(s string) string {
	n := utf8.RuneCountInString(s)
	r := []rune(s)
	switch {
	case n == 0:
		return "(empty)"
	case n < 16:
		return fmt.Sprintf("…, %d chars", n)
	case n < 24:
		return fmt.Sprintf("%s…, %d chars", string(r[:4]), n)
	}
	return fmt.Sprintf("%s…%s, %d chars", string(r[:8]), string(r[n-3:]), n)
}

// Mask returns s unchanged when reveal is true, else its Fingerprint.
func Mask(s string, reveal bool) string {
	if reveal {
		return s
	}
	return Fingerprint(s)
}
