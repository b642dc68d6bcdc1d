package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

func b64Only(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if !isB64Char(t[i]) && t[i] != '.' {
			return false
		}
	}
	return true
}

func stripQuotes(t string) string {
	t = strings.TrimLeft(t, "\"'`")
	return strings.TrimRight(t, "\"'`,;")
}

func jwtShape(tok string) string {
	var sh shape
	sh.add(tok)
	return sh.kind()
}

func (s *scanner) matchJWT(off int, t string, tOff int) ([]Part, int, bool) {
	text := s.text
	if !strings.HasPrefix(stripQuotes(t), "ey") {
		// The token as a form parameter, as some token endpoints answer
		// (access_token=eyJ…&token_type=bearer): the token is the value.
		if i := strings.Index(t, "=eyJ"); i > 0 && !strings.ContainsAny(t[:i], " \t") {
			v := t[i+1:]
			if j := strings.IndexByte(v, '&'); j >= 0 {
				v = v[:j]
			}
			t, tOff = v, tOff+i+1
		}
	}
	core := stripQuotes(t)
	_, next := lineAt(text, off)
	if isPlaceholder(core) {
		// Only a lone word: nothing on the lines just before and after.
		if s.blankBefore(off) && s.blankAt(next) {
			return []Part{s.part(report.KindJWT, tOff, tOff+len(t))}, next, true
		}
		return nil, next, false
	}
	if !b64Only(core) {
		// A JWT with a stray character ("eyJ…" is base64url for `{"`):
		// the token package names the character and where it is.
		if d := strings.Count(core, "."); strings.HasPrefix(core, "eyJ") && d >= 1 && len(core) < maxToken {
			k := report.KindJWT
			if d == 4 {
				k = report.KindJWE
			}
			return []Part{s.part(k, tOff, tOff+len(t))}, next, true
		}
		return nil, next, false
	}
	var sh shape
	sh.add(core)
	end := tOff + len(t)
	// A token broken across lines: following lines of base64url text.
	prevLen := len(core)
	o := next
	for o < len(text) && prevLen >= 20 && sh.n < maxToken {
		le, nx := lineAt(text, o)
		lt, lOff := trimmed(text, o, le)
		c := stripQuotes(lt)
		if lt == "" || !b64Only(c) || strings.HasPrefix(c, "eyJ") && sh.dots >= 2 {
			break
		}
		sh.add(c)
		end, next = lOff+len(lt), nx
		prevLen = len(c)
		o = nx
	}
	k := sh.kind()
	if k == "" {
		return nil, next, false
	}
	return []Part{s.part(k, tOff, end)}, next, true
}

// maxToken bounds the length of a token joined from several lines.
const maxToken = 1 << 20

// shape accumulates what jwtShape needs of a token read in pieces, without
// joining them.
type shape struct {
	n, dots int
	head    string // the first 3 bytes
	seg     [2]int // lengths of the first two segments
}

func (sh *shape) add(s string) {
	for i := 0; i < len(s); i++ {
		if len(sh.head) < 3 {
			sh.head += s[i : i+1]
		}
		if s[i] == '.' {
			sh.dots++
		} else if sh.dots < 2 {
			sh.seg[sh.dots]++
		}
	}
	sh.n += len(s)
}

func (sh *shape) kind() string {
	jwe := sh.dots == 4
	switch {
	case strings.HasPrefix(sh.head, "eyJ"), strings.HasPrefix(sh.head, "ey") && sh.dots >= 2:
	case (sh.dots == 2 || jwe) && sh.n >= 16 && sh.seg[0] >= 2 && sh.seg[1] >= 2:
	default:
		return ""
	}
	if jwe {
		return report.KindJWE
	}
	return report.KindJWT
}

// embeddedJWTs finds compact JWS/JWE tokens (starting "eyJ", with 2 or 4
// dots) inside [start, end).
func embeddedJWTs(text string, start, end int) []Part {
	var out []Part
	i := start
	for i < end {
		j := strings.Index(text[i:end], "eyJ")
		if j < 0 {
			break
		}
		p := i + j
		if p > start && (isAlnum(text[p-1]) || text[p-1] == '-' || text[p-1] == '_') {
			i = p + 3
			continue
		}
		q := p
		for q < end && (isAlnum(text[q]) || text[q] == '-' || text[q] == '_' || text[q] == '.') {
			q++
		}
		tok := text[p:q]
		d := strings.Count(tok, ".")
		if (d == 3 || d == 5) && strings.HasSuffix(tok, ".") {
			tok, d = tok[:len(tok)-1], d-1 // a full stop after the token
		}
		if d == 2 || d == 4 {
			k := report.KindJWT
			if d == 4 {
				k = report.KindJWE
			}
			out = append(out, Part{Kind: k, Start: p, End: p + len(tok), Text: tok})
		}
		i = q
		if len(out) >= 64 {
			break
		}
	}
	return out
}

var placeholders = map[string]bool{
	"undefined": true, "null": true, "nil": true, "none": true, "nan": true, "[object object]": true,
	"token": true, "your_token": true, "your-token": true, "yourtoken": true, "your_token_here": true,
	"your-token-here": true, "access_token": true, "<token>": true, "changeme": true, "placeholder": true,
	"redacted": true, "[redacted]": true, "***": true, "...": true, "…": true, "xxx": true, "bearer_token": true,
	"jwt": true, "<jwt>": true, "{token}": true,
}

func isPlaceholder(t string) bool {
	if len(t) == 0 || len(t) > 64 {
		return false
	}
	l := strings.ToLower(t)
	if placeholders[l] {
		return true
	}
	if strings.Trim(l, "x*") == "" && len(l) >= 3 {
		return true
	}
	word := func(s string) bool {
		if s == "" {
			return false
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !isAlnum(c) && c != '_' && c != '-' && c != '.' && c != ' ' {
				return false
			}
		}
		return true
	}
	for _, w := range [][2]string{{"${", "}"}, {"{{", "}}"}, {"<", ">"}, {"%", "%"}, {"$(", ")"}} {
		if strings.HasPrefix(t, w[0]) && strings.HasSuffix(t, w[1]) && len(t) > len(w[0])+len(w[1]) {
			return word(strings.TrimSpace(t[len(w[0]) : len(t)-len(w[1])]))
		}
	}
	if strings.HasPrefix(t, "$") && word(t[1:]) && !strings.Contains(t, " ") {
		return true
	}
	return false
}

// ---- Authorization and challenge values ----
