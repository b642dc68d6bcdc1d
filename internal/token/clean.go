package token

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// cleaned is a token with its copy-paste damage removed.
type cleaned struct {
	s          string // the token
	start      int    // byte offset of s within the text, when contiguous
	contiguous bool   // s is text[start:start+len(s)]
	trimmed    string // the text with only the surroundings removed (for placeholders)
	removed    []string
	outer      int // how many of removed are about the surroundings (they come first)
	firstAt    int // position (in the text) of the first removed piece, -1 if none
}

// quotePairs maps an opening quote to the closing quotes that match it.
var quotePairs = map[rune]string{
	'"':  `"`,
	'\'': `'`,
	'`':  "`",
	'“':  "”“",
	'”':  "”",
	'„':  "“”",
	'‘':  "’‘",
	'’':  "’",
	'‚':  "‘’",
	'«':  "»",
	'»':  "«",
}

func quoteSingular(r rune) string {
	switch r {
	case '"':
		return "double quote"
	case '\'':
		return "single quote"
	case '`':
		return "backtick"
	case '«', '»':
		return "guillemet"
	case '‘', '’', '‚':
		return "curly single quote"
	}
	return "curly double quote"
}

func quoteName(r rune) string {
	switch r {
	case '"':
		return "double quotes"
	case '\'':
		return "single quotes"
	case '`':
		return "backticks"
	case '«', '»':
		return "guillemets"
	case '‘', '’', '‚':
		return "curly single quotes"
	}
	return "curly double quotes"
}

// invisible names the Unicode spaces and invisible characters that ride
// along in copy-paste; "" for any other rune.
func invisible(r rune) string {
	switch r {
	case ' ':
		return "space"
	case '\t':
		return "tab"
	case '\n', '\r':
		return "line break"
	case '\v', '\f':
		return "control character"
	case 0xA0:
		return "non-breaking space (U+00A0)"
	case 0xAD:
		return "soft hyphen (U+00AD)"
	case 0x200B:
		return "zero-width space (U+200B)"
	case 0x200C, 0x200D:
		return fmt.Sprintf("zero-width joiner (U+%04X)", r)
	case 0x2060:
		return "word joiner (U+2060)"
	case 0xFEFF:
		return "byte-order mark (U+FEFF)"
	case 0x2028, 0x2029:
		return fmt.Sprintf("line separator (U+%04X)", r)
	case 0x1680, 0x202F, 0x205F, 0x3000:
		return fmt.Sprintf("Unicode space (U+%04X)", r)
	}
	if r >= 0x2000 && r <= 0x200A {
		return fmt.Sprintf("Unicode space (U+%04X)", r)
	}
	return ""
}

func isASCIISpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}

// clean removes what copy-paste adds to a token: surrounding quotes, a
// trailing ',' ';' or sentence '.', and whitespace or invisible characters
// inside. Plain whitespace around the token is removed silently.
func clean(text string) cleaned {
	lo, hi := 0, len(text)
	c := cleaned{firstAt: -1}
	note := func(what string, at int) {
		c.removed = append(c.removed, what)
		if c.firstAt < 0 || at < c.firstAt {
			c.firstAt = at
		}
	}
	for iter := 0; iter < 16 && lo < hi; iter++ {
		changed := false
		// Whitespace and invisible characters at either end.
		for lo < hi {
			r, w := utf8.DecodeRuneInString(text[lo:hi])
			if name := invisible(r); name != "" {
				if !isASCIISpace(r) {
					note("a leading "+name, lo)
				}
				lo += w
				changed = true
				continue
			}
			break
		}
		for lo < hi {
			r, w := utf8.DecodeLastRuneInString(text[lo:hi])
			if name := invisible(r); name != "" {
				if !isASCIISpace(r) {
					note("a trailing "+name, hi-w)
				}
				hi -= w
				changed = true
				continue
			}
			break
		}
		if lo >= hi {
			break
		}
		// A header pasted whole: "Authorization: Bearer <token>".
		if n := prefixLen(text[lo:hi], "authorization:"); n > 0 {
			note("a leading \"Authorization:\" header name", lo)
			lo += n
			continue
		}
		if n := prefixLen(text[lo:hi], "bearer"); n > 0 && lo+n < hi && (text[lo+n] == ' ' || text[lo+n] == '\t') {
			note("a leading \"Bearer \" scheme", lo)
			lo += n
			continue
		}
		// Trailing punctuation.
		switch text[hi-1] {
		case ',':
			note("a trailing comma", hi-1)
			hi--
			continue
		case ';':
			note("a trailing semicolon", hi-1)
			hi--
			continue
		case '.':
			// A sentence's full stop, not the empty signature of alg none:
			// only when the rest has the dots of a JWS or JWE.
			if n := strings.Count(text[lo:hi-1], "."); (n == 2 || n == 4) && hi-1 > lo {
				note("a trailing period", hi-1)
				hi--
				continue
			}
		}
		// Quotes around it, matched or lone.
		first, fw := utf8.DecodeRuneInString(text[lo:hi])
		last, lw := utf8.DecodeLastRuneInString(text[lo:hi])
		closers, isOpen := quotePairs[first]
		if isOpen && hi-lo > fw && strings.ContainsRune(closers, last) {
			note("surrounding "+quoteName(first), lo)
			lo += fw
			hi -= lw
			continue
		}
		if isOpen {
			note("a leading "+quoteSingular(first), lo)
			lo += fw
			continue
		}
		if _, isQuote := quotePairs[last]; isQuote {
			note("a trailing "+quoteSingular(last), hi-lw)
			hi -= lw
			continue
		}
		if !changed {
			break
		}
	}
	if lo > hi {
		lo = hi
	}
	c.trimmed = text[lo:hi]
	c.start = lo
	c.outer = len(c.removed)
	// Whitespace inside.
	inner := c.trimmed
	counts := map[string]int{}
	var order []string
	for i := 0; i < len(inner); {
		r, w := utf8.DecodeRuneInString(inner[i:])
		if name := invisible(r); name != "" {
			if counts[name] == 0 {
				order = append(order, name)
			}
			counts[name]++
			if c.firstAt < 0 || lo+i < c.firstAt {
				c.firstAt = lo + i
			}
		}
		i += w
	}
	if len(order) == 0 {
		c.s, c.contiguous = inner, true
		return c
	}
	var b strings.Builder
	b.Grow(len(inner))
	for i := 0; i < len(inner); {
		r, w := utf8.DecodeRuneInString(inner[i:])
		if invisible(r) == "" {
			b.WriteString(inner[i : i+w])
		}
		i += w
	}
	for _, name := range order {
		c.removed = append(c.removed, countNoun(counts[name], name)+" inside the token")
	}
	c.s = b.String()
	return c
}

// countNoun writes "a space", "3 line breaks", "2 zero-width spaces (U+200B)".
func countNoun(n int, name string) string {
	if n == 1 {
		art := "a "
		if strings.ContainsAny(name[:1], "aeiou") {
			art = "an "
		}
		return art + name
	}
	if i := strings.Index(name, " ("); i >= 0 {
		return fmt.Sprintf("%d %ss%s", n, name[:i], name[i:])
	}
	return fmt.Sprintf("%d %ss", n, name)
}

// keepInside undoes the removal of whitespace inside the token (for an
// RFC 7797 unencoded payload, where spaces belong to the payload).
func (c cleaned) keepInside() cleaned {
	c.s, c.contiguous = c.trimmed, true
	c.removed = c.removed[:c.outer]
	return c
}

// prefixLen is len(prefix) when s starts with it, ignoring case, else 0.
func prefixLen(s, prefix string) int {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return len(prefix)
	}
	return 0
}
