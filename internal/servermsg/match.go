package servermsg

import (
	"strings"
)

// pattern is a message as a source writes it, split at its placeholders
// ({0}, %s, ${key} …) into lower-cased, normalised literal pieces.
type pattern struct {
	pieces []string
	// open says the message starts (lead) or ends (trail) with a placeholder.
	lead, trail bool
	literal     int // total length of the pieces
}

// compile splits msg at its placeholders.
func compile(msg string) pattern {
	var p pattern
	var cur strings.Builder
	flush := func() {
		if s := cur.String(); s != "" {
			p.pieces = append(p.pieces, s)
			p.literal += len(s)
		}
		cur.Reset()
	}
	for i := 0; i < len(msg); {
		if n := placeholderLen(msg[i:]); n > 0 {
			flush()
			if len(p.pieces) == 0 {
				p.lead = true
			}
			i += n
			if i == len(msg) {
				p.trail = true
			}
			continue
		}
		cur.WriteByte(msg[i])
		i++
	}
	flush()
	// The literal length counts the normalised pieces, so that "Signature
	// has expired." (python-jose) and "Signature has expired" (PyJWT) tie and
	// the context decides.
	p.literal = 0
	for k := range p.pieces {
		p.pieces[k] = norm(p.pieces[k], k > 0 || p.lead, k < len(p.pieces)-1 || p.trail)
		p.literal += len(p.pieces[k])
	}
	return p
}

// placeholderLen is the length of the placeholder at the start of s, or 0.
func placeholderLen(s string) int {
	switch {
	case strings.HasPrefix(s, "${") || strings.HasPrefix(s, "{") && len(s) > 1 && s[1] != '"' && s[1] != ' ':
		depth := 0
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
	case len(s) >= 2 && s[0] == '%':
		i := 1
		for i < len(s) && (s[i] == '+' || s[i] == '#' || s[i] >= '0' && s[i] <= '9') {
			i++
		}
		if i < len(s) && strings.IndexByte("sdvqwTxf", s[i]) >= 0 {
			return i + 1
		}
	}
	return 0
}

// norm lower-cases s, makes every quote character '"', collapses white space
// and, at the ends of a message (not at a placeholder), trims spaces, quotes
// and a final full stop.
func norm(s string, keepStart, keepEnd bool) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '\'', '`', '‘', '’', '“', '”':
			r = '"'
		case '\t', '\n', '\r':
			r = ' '
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	out := b.String()
	if !keepEnd {
		out = strings.TrimRight(strings.TrimRight(out, " \""), ".")
	}
	if !keepStart {
		out = strings.TrimLeft(out, " \"")
	}
	return out
}

// match reports whether the normalised text t holds the pattern: exact (the
// whole of t, placeholders filled) or inside longer text. It returns the
// text that filled the placeholders.
func (p pattern) match(t string) (exact, found bool, fills []string) {
	if len(p.pieces) == 0 {
		return false, false, nil
	}
	pos := 0
	start := -1
	for k, piece := range p.pieces {
		i := strings.Index(t[pos:], piece)
		if i < 0 {
			return false, false, nil
		}
		if k == 0 {
			start = pos + i
		} else if i > 0 {
			fills = append(fills, t[pos:pos+i])
		} else if k > 0 {
			fills = append(fills, "")
		}
		pos += i + len(piece)
	}
	if p.lead && start > 0 {
		fills = append([]string{t[:start]}, fills...)
	}
	if p.trail && pos < len(t) {
		fills = append(fills, t[pos:])
	}
	exact = (start == 0 || p.lead) && (pos == len(t) || p.trail)
	return exact, true, fills
}

// Match is a message recognised in one line of text.
type Match struct {
	// Library is the library or product that writes the message.
	Library string
	// Cause is the catalogue's cause (expired, wrong-audience, …) or one of
	// the rules' (bad-credentials, wrong-route, forbidden, credential-expired).
	Cause string
	// Fills are the values the message's placeholders held, in order (an
	// expiry time, an audience): evidence, already normalised (lower case).
	Fills []string
	// Alternatives names other libraries that write the same words.
	Alternatives []string
	score        int
}

type row struct {
	lib     int
	cause   string
	message string
}

var compiled = func() []pattern {
	if len(catalogue) > maxPatterns {
		panic("servermsg: raise maxPatterns")
	}
	ps := make([]pattern, len(catalogue))
	for i, r := range catalogue {
		ps[i] = compile(r.message)
	}
	return ps
}()

// maxPatterns bounds the catalogue, for MatchText's candidate set.
const maxPatterns = 1024

var anchors = newAnchorIndex(compiled)

// minExact and minInside bound how much literal text a message must have to
// be recognised as the whole text, or inside longer text (a log line, a
// stack trace): "Unauthorized" alone names nothing.
const (
	minExact  = 4
	minInside = 14
)

// generic are words many stacks write: alone they name no library.
var generic = map[string]bool{"unauthorized": true, "forbidden": true, "invalid token": true, "unauthenticated": true, "access denied": true}

// MatchText recognises text — a body field, an error_description, a log line —
// against the catalogue of library messages. hint (a product named by the
// response's headers or shape, "" when none) decides between libraries that
// write the same words. ok is false when nothing fits.
func MatchText(text, hint string) (m Match, ok bool) { return matchText(text, hint, false) }

// matchText is MatchText; every pattern is tried when all is set (the
// anchor index's test), else only the anchor index's candidates.
func matchText(text, hint string, all bool) (m Match, ok bool) {
	t := norm(text, false, false)
	if t == "" || len(t) > 4096 {
		return Match{}, false
	}
	best := -1
	var ties []int
	var set [(maxPatterns + 63) / 64]uint64
	anchors.candidates(t, set[:])
	for i, p := range compiled {
		if !all && set[i>>6]&(1<<(i&63)) == 0 {
			continue
		}
		exact, found, fills := p.match(t)
		if !found {
			continue
		}
		if len(p.pieces) == 1 && !p.lead && !p.trail && generic[p.pieces[0]] &&
			(hint == "" || !strings.Contains(strings.ToLower(libraries[catalogue[i].lib]), strings.ToLower(hint))) {
			continue // "Unauthorized" names a library only where the response's context does
		}
		score := p.literal
		switch {
		case exact && p.literal >= minExact:
			score += 10000
		case p.literal >= minInside:
		default:
			continue
		}
		switch {
		case best < 0 || score > m.score:
			best = i
			ties = ties[:0]
			m = Match{Library: libraries[catalogue[i].lib], Cause: catalogue[i].cause, Fills: fills, score: score}
		case score == m.score:
			ties = append(ties, i)
		}
	}
	if best < 0 {
		return Match{}, false
	}
	hint = strings.ToLower(hint)
	for _, i := range ties {
		lib := libraries[catalogue[i].lib]
		if hint != "" && !strings.Contains(strings.ToLower(m.Library), hint) && strings.Contains(strings.ToLower(lib), hint) {
			m.Alternatives = append(m.Alternatives, m.Library)
			m.Library, m.Cause = lib, catalogue[i].cause
			continue
		}
		if lib != m.Library && !contains(m.Alternatives, lib) {
			m.Alternatives = append(m.Alternatives, lib)
		}
	}
	return m, true
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
