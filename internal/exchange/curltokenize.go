package exchange

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/detect"
)

// arg is one shell word of a command line: its value after unquoting and the
// raw byte range it was read from (relative to the command text).
type arg struct {
	val        string
	start, end int
	// vars says how the word's shell variables ($TOKEN, ${TOKEN}) are read:
	// varExpands when one is outside single quotes (the shell replaces it
	// when the command runs), varLiteral when one is only inside single
	// quotes (sent as written).
	vars byte
}

// maxArgs bounds the words read from one command line.
const maxArgs = 4096

// tokenize splits a command line into words according to its quoting style.
// It stops at an unquoted pipe, ';', '&&' or output redirection.
func tokenize(s string, style detect.CommandStyle) []arg {
	switch style {
	case detect.StyleCmd:
		return tokenizeCmd(s)
	case detect.StylePowerShell:
		return tokenizeShell(s, '`')
	}
	return tokenizeShell(s, '\\')
}

func tokenizeShell(s string, esc byte) []arg {
	var out []arg
	i := 0
	for i < len(s) && len(out) < maxArgs {
		// Whitespace and continuations between words.
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		if c == esc && i+1 < len(s) && (s[i+1] == '\n' || s[i+1] == '\r') {
			i += 2
			if i < len(s) && s[i-1] == '\r' && s[i] == '\n' {
				i++
			}
			continue
		}
		if c == '|' || c == ';' || c == '&' || c == '>' || c == '<' {
			break
		}
		if c == '#' {
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		}
		start := i
		var b strings.Builder
		var vars byte
	word:
		for i < len(s) {
			c := s[i]
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
				break word
			case c == '|' || c == ';' || c == '>' || c == '<' || (c == '&' && esc == '\\'):
				break word
			case c == esc:
				if i+1 < len(s) {
					n := s[i+1]
					switch {
					case n == '\n':
					case n == '\r' && i+2 < len(s) && s[i+2] == '\n':
						i++
					case esc == '`':
						b.WriteByte(psEscape(n))
					default:
						b.WriteByte(n)
					}
					i += 2
				} else {
					i++
				}
			case c == '$' && esc == '\\' && i+1 < len(s) && s[i+1] == '\'':
				i = ansiC(s, i+2, &b)
			case c == '\'':
				j := strings.IndexByte(s[i+1:], '\'')
				if j < 0 {
					b.WriteString(s[i+1:])
					i = len(s)
					break
				}
				if strings.Contains(s[i+1:i+1+j], "$") {
					vars |= varLiteral
				}
				b.WriteString(s[i+1 : i+1+j])
				i += j + 2
				if esc == '`' && i < len(s) && s[i] == '\'' { // PowerShell '' inside '…'
					b.WriteByte('\'')
					for i++; i < len(s); i++ {
						if s[i] == '\'' {
							if i+1 < len(s) && s[i+1] == '\'' {
								b.WriteByte('\'')
								i++
								continue
							}
							i++
							break
						}
						b.WriteByte(s[i])
					}
				}
			case c == '"':
				i++
				for i < len(s) && s[i] != '"' {
					if s[i] == esc && i+1 < len(s) {
						n := s[i+1]
						switch {
						case esc == '`':
							b.WriteByte(psEscape(n))
						case n == '\n':
						case n == '"' || n == '\\' || n == '$' || n == '`':
							b.WriteByte(n)
						default:
							b.WriteByte('\\')
							b.WriteByte(n)
						}
						i += 2
						continue
					}
					if isVarStart(s, i) {
						vars |= varExpands
					}
					b.WriteByte(s[i])
					i++
				}
				i++ // closing quote
			default:
				if isVarStart(s, i) {
					vars |= varExpands
				}
				b.WriteByte(c)
				i++
			}
		}
		if i > len(s) {
			i = len(s)
		}
		out = append(out, arg{val: b.String(), start: start, end: i, vars: vars})
	}
	return out
}

const (
	varExpands byte = 1 << iota
	varLiteral
)

// isVarStart reports a shell variable at s[i]: $NAME, ${NAME}, or
// PowerShell's $env:NAME.
func isVarStart(s string, i int) bool {
	if s[i] != '$' || i+1 >= len(s) {
		return false
	}
	c := s[i+1]
	return c == '{' || c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func psEscape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	case '0':
		return 0
	}
	return c
}

// ansiC reads a bash $'…' string body from i (after the opening quote) and
// returns the index after the closing quote.
func ansiC(s string, i int, b *strings.Builder) int {
	for i < len(s) {
		c := s[i]
		if c == '\'' {
			return i + 1
		}
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			i++
			continue
		}
		n := s[i+1]
		i += 2
		switch n {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'e', 'E':
			b.WriteByte(27)
		case 'f':
			b.WriteByte(12)
		case 'v':
			b.WriteByte(11)
		case 'x', 'u', 'U':
			max := map[byte]int{'x': 2, 'u': 4, 'U': 8}[n]
			j := i
			for j < len(s) && j-i < max && isHex(s[j]) {
				j++
			}
			if j == i {
				b.WriteByte('\\')
				b.WriteByte(n)
				continue
			}
			v, _ := strconv.ParseUint(s[i:j], 16, 32)
			if n == 'x' {
				b.WriteByte(byte(v))
			} else if utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
			}
			i = j
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i - 1
			for j < len(s) && j-(i-1) < 3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i-1:j], 8, 16)
			b.WriteByte(byte(v))
			i = j
		default: // \\ \' \" \? and unknown escapes
			if n != '\\' && n != '\'' && n != '"' && n != '?' {
				b.WriteByte('\\')
			}
			b.WriteByte(n)
		}
	}
	return i
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// tokenizeCmd reads a Windows cmd.exe command line: first cmd's caret
// escapes (^X is X, ^ at the end of a line continues it, and Chrome writes a
// newline inside a value as ^ followed by two line breaks), then the C
// runtime's argument rules ("…" quoting, \" a literal quote, \\ a backslash,
// as Chrome's "Copy as cURL (cmd)" encodes them).
func tokenizeCmd(s string) []arg {
	r := caretReader{s: s}
	var out []arg
	for len(out) < maxArgs {
		c, off, ok := r.peek()
		if !ok {
			break
		}
		if c == ' ' || c == '\t' {
			r.next()
			continue
		}
		start, end := off, len(s)
		var b strings.Builder
		inQ := false
		for {
			c, off, ok := r.peek()
			if !ok {
				break
			}
			if !inQ && (c == ' ' || c == '\t') {
				end = off
				break
			}
			r.next()
			switch c {
			case '\\':
				if n, _, ok := r.peek(); ok && (n == '"' || n == '\\') {
					r.next()
					b.WriteByte(n)
					continue
				}
				b.WriteByte(c)
			case '"':
				inQ = !inQ
			default:
				b.WriteByte(c)
			}
		}
		out = append(out, arg{val: b.String(), start: start, end: end})
	}
	return out
}

// caretReader yields the characters of a cmd.exe line after caret escapes,
// each with its offset, one at a time.
type caretReader struct {
	s       string
	i       int
	has     bool
	c       byte
	off     int
	hasNext bool
}

func (r *caretReader) peek() (byte, int, bool) {
	if !r.has {
		r.c, r.off, r.hasNext = r.decode()
		r.has = true
	}
	return r.c, r.off, r.hasNext
}

func (r *caretReader) next() (byte, int, bool) {
	c, off, ok := r.peek()
	r.has = false
	return c, off, ok
}

func (r *caretReader) decode() (byte, int, bool) {
	s := r.s
	for r.i < len(s) {
		c, off := s[r.i], r.i
		if c == '^' && r.i+1 < len(s) {
			j := r.i + 1
			n := s[j]
			if n == '\r' && j+1 < len(s) && s[j+1] == '\n' {
				j++
				n = '\n'
			}
			if n == '\n' {
				k := j + 1
				if k < len(s) && s[k] == '\r' {
					k++
				}
				if k < len(s) && s[k] == '\n' {
					r.i = k + 1
					return '\n', off, true // a newline inside a value
				}
				r.i = j + 1 // continuation
				continue
			}
			r.i = j + 1
			return n, off, true
		}
		r.i++
		if c == '\n' || c == '\r' {
			c = ' '
		}
		return c, off, true
	}
	return 0, len(s), false
}
