package challenge

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// Parse parses one WWW-Authenticate (or Proxy-Authenticate) field value into
// its challenges, in order. Scheme names are returned as written; parameter
// names are lower-cased; quoted-string values are unquoted and unescaped;
// octets ≥ 0x80 are preserved as they are.
//
// On malformed input Parse returns every challenge that parsed before the
// error (and after it, where it could resynchronise at the next comma), with
// leniently read values for the broken parameter, and a *SyntaxError for the
// first place the value breaks the grammar. A value with no challenge at all
// is an error too (RFC 9110 §11.6.1 requires at least one).
func Parse(value string) ([]report.Challenge, error) {
	p := parser{s: value}
	p.run()
	if p.err != nil {
		return p.out, p.err
	}
	return p.out, nil
}

// ParseAll parses several field lines (a repeated header) in order; the
// challenges are their concatenation. The errors are those of the lines that
// did not parse (none when all did), each a *SyntaxError whose Field is the
// index of its line.
func ParseAll(values []string) ([]report.Challenge, []error) {
	var out []report.Challenge
	var errs []error
	for i, v := range values {
		cs, err := Parse(v)
		out = append(out, cs...)
		if err != nil {
			if se, ok := err.(*SyntaxError); ok {
				se.Field = i
			}
			errs = append(errs, err)
		}
	}
	return out, errs
}

// Caret returns a two-line excerpt of value around offset with a caret under
// the offending byte, for showing where a field value breaks:
//
//	Bearer realm="api, error=invalid_token
//	             ^
//
// Long values are cut to about 60 bytes either side (marked with "…"); control
// bytes are shown as "·" so the caret stays aligned.
func Caret(value string, offset int) string {
	if offset < 0 {
		offset = 0
	}
	if offset > len(value) {
		offset = len(value)
	}
	const around = 60
	start, end := offset-around, offset+around
	prefix, suffix := "", ""
	if start <= 0 {
		start = 0
	} else {
		prefix = "…"
	}
	if end >= len(value) {
		end = len(value)
	} else {
		suffix = "…"
	}
	var line strings.Builder
	line.WriteString(prefix)
	col := len([]rune(prefix))
	pad := -1
	for i := start; i < end; i++ {
		if i == offset {
			pad = col
		}
		c := value[i]
		switch {
		case c < 0x20 || c == 0x7f:
			line.WriteString("·")
			col++
		case c >= 0x80:
			// Write raw bytes; count one column per rune start.
			line.WriteByte(c)
			if c >= 0xC0 {
				col++
			}
		default:
			line.WriteByte(c)
			col++
		}
	}
	if pad < 0 {
		pad = col
	}
	line.WriteString(suffix)
	return line.String() + "\n" + strings.Repeat(" ", pad) + "^"
}

type parser struct {
	s   string
	i   int
	end int
	err *SyntaxError
	out []report.Challenge
}

func (p *parser) fail(off int, format string, args ...any) {
	if p.err == nil {
		p.err = &SyntaxError{Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
}

func isTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func isToken68(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~+/", c) >= 0
}

func isWS(c byte) bool { return c == ' ' || c == '\t' }

// foldAt returns the length of an obs-fold (CRLF or LF followed by SP/HTAB)
// at i, or 0.
func (p *parser) foldAt(i int) int {
	s := p.s
	switch {
	case i+2 < p.end && s[i] == '\r' && s[i+1] == '\n' && isWS(s[i+2]):
		return 3
	case i+1 < p.end && s[i] == '\n' && isWS(s[i+1]):
		return 2
	}
	return 0
}

// wsAt returns the length of one whitespace unit (SP, HTAB or obs-fold) at i.
func (p *parser) wsAt(i int) int {
	if i >= p.end {
		return 0
	}
	if isWS(p.s[i]) {
		return 1
	}
	return p.foldAt(i)
}

func (p *parser) skipOWS(i int) int {
	for {
		n := p.wsAt(i)
		if n == 0 {
			return i
		}
		i += n
	}
}

func (p *parser) tokenEnd(i int) int {
	for i < p.end && isTchar(p.s[i]) {
		i++
	}
	return i
}

func describe(s string, i, end int) string {
	if i >= end {
		return "the end of the value"
	}
	c := s[i]
	switch {
	case c == '\t':
		return "a tab"
	case c == '\r' || c == '\n':
		return "a line break"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control byte 0x%02x", c)
	case c >= 0x80:
		return fmt.Sprintf("byte 0x%02x", c)
	case c == '"':
		return "a '\"'"
	}
	return fmt.Sprintf("%q", string(c))
}

func (p *parser) run() {
	s := p.s
	p.end = len(s)
	for p.end > 0 && strings.IndexByte(" \t\r\n", s[p.end-1]) >= 0 {
		p.end--
	}
	for p.i < p.end && strings.IndexByte(" \t\r\n", s[p.i]) >= 0 {
		p.i++
	}
	for {
		for {
			p.i = p.skipOWS(p.i)
			if p.i < p.end && s[p.i] == ',' {
				p.i++
				continue
			}
			break
		}
		if p.i >= p.end {
			break
		}
		p.challenge()
	}
	if len(p.out) == 0 {
		p.fail(p.i, "no challenge: a WWW-Authenticate value needs at least one auth-scheme")
	}
}

// resync moves to the next comma that is not inside a quoted-string (or the end).
func (p *parser) resync(from int) {
	s := p.s
	inQ := false
	i := from
	for ; i < p.end; i++ {
		c := s[i]
		switch {
		case inQ && c == '\\':
			i++
		case c == '"':
			inQ = !inQ
		case !inQ && c == ',':
			p.i = i
			return
		}
	}
	p.i = p.end
}

func (p *parser) challenge() {
	s := p.s
	start := p.i
	te := p.tokenEnd(start)
	if te == start {
		p.fail(start, "expected an auth-scheme (a token), found %s", describe(s, start, p.end))
		p.resync(start) // start is not a comma, so this advances
		return
	}
	c := report.Challenge{Scheme: s[start:te], Params: map[string]string{}}
	p.i = te
	if p.i >= p.end {
		p.out = append(p.out, c)
		return
	}
	switch {
	case s[p.i] == ' ' || p.foldAt(p.i) > 0:
		// 1*SP (an obs-fold reads as SP).
	case s[p.i] == ',':
		p.out = append(p.out, c)
		return
	case s[p.i] == '\t':
		j := p.skipOWS(p.i)
		if j >= p.end || s[j] == ',' {
			p.i = j
			p.out = append(p.out, c)
			return
		}
		p.fail(p.i, "the auth-scheme %q must be followed by a space, not a tab", c.Scheme)
	case s[p.i] == '=':
		p.fail(p.i, "%q is followed by '=': an auth-param cannot start a challenge (after a token68 or a bare scheme, a comma starts a new challenge)", c.Scheme)
		p.resync(p.i)
		return
	default:
		p.fail(p.i, "expected a space or a comma after the auth-scheme %q, found %s", c.Scheme, describe(s, p.i, p.end))
		p.resync(p.i)
		return
	}
	p.i = p.skipOWS(p.i)
	defer func() { p.out = append(p.out, c) }()
	if p.i >= p.end {
		return
	}
	if s[p.i] == ',' || p.paramStart(p.i, true) {
		p.params(&c)
		return
	}
	// token68
	j := p.i
	for j < p.end && isToken68(s[j]) {
		j++
	}
	if j == p.i {
		p.fail(p.i, "expected a token68 or an auth-param after %q, found %s", c.Scheme, describe(s, p.i, p.end))
		p.resync(p.i)
		return
	}
	for j < p.end && s[j] == '=' {
		j++
	}
	k := p.skipOWS(j)
	if k < p.end && s[k] != ',' {
		if k > j && isTchar(s[k]) {
			p.fail(k, "unexpected %s after the token68 %q: parameters must be name=value pairs separated by commas", describe(s, k, p.end), s[p.i:j])
		} else {
			p.fail(k, "unexpected %s after %q", describe(s, k, p.end), s[p.i:j])
		}
		t := s[p.i:j]
		c.Token68 = &t
		p.resync(k)
		return
	}
	t := s[p.i:j]
	c.Token68 = &t
	p.i = k
}

// paramStart reports whether an auth-param (token BWS "=" …) starts at i.
// With first set (the element right after the scheme) it also requires a
// value to follow, so that "abc==" and "qop=" read as token68.
func (p *parser) paramStart(i int, first bool) bool {
	s := p.s
	te := p.tokenEnd(i)
	if te == i {
		return false
	}
	j := p.skipOWS(te)
	if j >= p.end || s[j] != '=' {
		return false
	}
	if !first {
		return true
	}
	k := p.skipOWS(j + 1)
	return k < p.end && s[k] != ',' && s[k] != '='
}

func (p *parser) params(c *report.Challenge) {
	s := p.s
	first := true
	for {
		p.i = p.skipOWS(p.i)
		if p.i >= p.end {
			return
		}
		if s[p.i] == ',' {
			p.i++
			first = false
			continue
		}
		if !first && !p.paramStart(p.i, false) {
			return // a new challenge starts here
		}
		first = false
		p.param(c)
		p.i = p.skipOWS(p.i)
		if p.i >= p.end {
			return
		}
		if s[p.i] != ',' {
			p.fail(p.i, "expected a comma between auth-params, found %s", describe(s, p.i, p.end))
			p.resync(p.i)
		}
	}
}

// param reads name BWS "=" BWS ( token / quoted-string ) at p.i.
func (p *parser) param(c *report.Challenge) {
	s := p.s
	ns := p.i
	te := p.tokenEnd(ns)
	name := strings.ToLower(s[ns:te])
	j := p.skipOWS(te) // at '='
	j = p.skipOWS(j + 1)
	p.i = j
	var val string
	ok := true
	switch {
	case j < p.end && s[j] == '"':
		val, ok = p.quoted(name)
	case j < p.end && isTchar(s[j]):
		ve := p.tokenEnd(j)
		val = s[j:ve]
		p.i = ve
		if k := p.skipOWS(ve); k < p.end && s[k] != ',' && k == ve {
			p.fail(ve, "%s is not allowed in the unquoted value of %q; the value must be a token or a quoted-string", describe(s, ve, p.end), name)
			ok = false
		}
	default:
		p.fail(j, "expected a value (a token or a quoted-string) for the parameter %q, found %s", name, describe(s, j, p.end))
		ok = false
	}
	if !ok {
		// Lenient reading: the raw text up to the next comma.
		p.resync(j)
		raw := strings.TrimRight(s[j:p.i], " \t")
		if strings.HasPrefix(raw, `"`) {
			if len(val) == 0 {
				val = strings.Trim(raw, `"`)
			}
		} else {
			val = raw
		}
	}
	if _, dup := c.Params[name]; dup {
		p.fail(ns, "the parameter %q occurs twice in one challenge (RFC 9110 §11.2)", name)
		return
	}
	c.Params[name] = val
}

// quoted reads a quoted-string at p.i (which is at the opening DQUOTE).
func (p *parser) quoted(name string) (string, bool) {
	s := p.s
	open := p.i
	var b strings.Builder
	i := open + 1
	ok := true
	for i < p.end {
		c := s[i]
		switch {
		case c == '"':
			p.i = i + 1
			if p.i < p.end && !isWS(s[p.i]) && s[p.i] != ',' && p.foldAt(p.i) == 0 {
				p.fail(p.i, "unexpected %s after the closing quote of %q", describe(s, p.i, p.end), name)
				return b.String(), false
			}
			return b.String(), ok
		case c == '\\':
			if i+1 >= p.end {
				i++
				continue
			}
			n := s[i+1]
			if (n < 0x20 && n != '\t') || n == 0x7f {
				p.fail(i+1, "%s cannot be escaped in a quoted-string", describe(s, i+1, p.end))
				ok = false
			}
			b.WriteByte(n)
			i += 2
		case c == '\t' || c == ' ' || c >= 0x21 && c != 0x7f:
			b.WriteByte(c)
			i++
		default:
			if n := p.foldAt(i); n > 0 {
				b.WriteByte(' ')
				i += n
				continue
			}
			p.fail(i, "%s inside the quoted value of %q", describe(s, i, p.end), name)
			ok = false
			b.WriteByte(c)
			i++
		}
	}
	p.fail(open, "the quoted value of %q opened here is never closed", name)
	p.i = p.end
	return b.String(), false
}
