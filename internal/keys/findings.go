package keys

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

func itoa(n int) string { return strconv.Itoa(n) }

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string { return report.Clip(s, n) }

// quote renders a value from the input for a title or evidence: quoted,
// control characters and invalid UTF-8 escaped, and clipped.
func quote(s string) string { return report.Quote(s, 120) }

// plural returns "1 key" / "2 keys".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// listQuoted renders up to max values as "a", "b", … (+N more).
func listQuoted(vals []string, max int) string {
	var b strings.Builder
	for i, v := range vals {
		if i == max {
			fmt.Fprintf(&b, " (+%d more)", len(vals)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(v))
	}
	return b.String()
}

// lineCol returns the 1-based line and column of byte offset off in s.
func lineCol(s string, off int) (int, int) {
	if off > len(s) {
		off = len(s)
	}
	if off < 0 {
		off = 0
	}
	line := 1 + strings.Count(s[:off], "\n")
	col := off - strings.LastIndexByte(s[:off], '\n')
	return line, col
}
