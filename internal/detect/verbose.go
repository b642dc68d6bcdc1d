package detect

import "strings"

// verboseKind returns the curl -v line prefix ('*', '>', '<', '{', '}') of a
// trimmed line, or 0.
func verboseKind(t string) byte {
	if t == "" {
		return 0
	}
	c := t[0]
	switch c {
	case '*', '>', '<':
		if len(t) == 1 || t[1] == ' ' || t[1] == '\t' {
			return c
		}
	case '{', '}':
		if strings.HasPrefix(t[1:], " [") {
			return c
		}
	}
	return 0
}

// isProgress reports curl's progress meter lines.
func isProgress(t string) bool {
	if strings.HasPrefix(t, "% Total") || strings.Contains(t, "Dload  Upload") {
		return true
	}
	return len(t) > 0 && isDigit(t[0]) && (strings.Contains(t, "--:--:--") || strings.Contains(t, "0:00:0")) &&
		timestampLen(t) == 0 // a log line's time (2026-12-01T00:00:00Z) is no progress meter
}

// verboseFollows reports whether one of the next n non-blank lines from off
// is a curl -v line.
func (s *scanner) verboseFollows(off, n int) bool {
	o := off
	for o < len(s.text) && n > 0 {
		le, nx := lineAt(s.text, o)
		t, _ := trimmed(s.text, o, le)
		o = nx
		if t == "" {
			continue
		}
		if verboseKind(t) != 0 {
			return true
		}
		n--
	}
	return false
}

// verboseExtent returns the end of a curl -v transcript starting at the line
// at off: its '*', '>', '<', '{', '}' lines and the response bodies curl
// printed between them. It needs at least one request or status line.
func (s *scanner) verboseExtent(off int) (end, next int, ok bool) {
	if off < s.verboseFailEnd {
		return 0, 0, false
	}
	text := s.text
	o := off
	end, next = -1, off
	inBody, bodyContent, blank, seen := false, false, false, false
	respSeen := false // a status line since the last request line
	defer func() {
		if !ok && o > s.verboseFailEnd {
			// Lines up to here cannot start a transcript either.
			s.verboseFailEnd = o
		}
	}()
	for o < len(text) {
		le, nx := lineAt(text, o)
		t, tOff := trimmed(text, o, le)
		if t == "" {
			blank = true
			o = nx
			continue
		}
		if isProgress(t) {
			o = nx
			continue
		}
		if k := verboseKind(t); k != 0 {
			rest := strings.TrimSpace(t[1:])
			switch k {
			case '>':
				if _, _, _, ok := ParseRequestLine(rest); ok {
					seen, respSeen = true, false
				}
			case '<':
				if _, _, _, ok := ParseStatusLine(rest); ok && strings.HasPrefix(strings.ToUpper(rest), "HTTP") {
					seen, respSeen = true, true
				} else if n, _, ok := SplitHeader(rest); ok {
					// A fragment left by grep ("grep '^<'", or one "<
					// WWW-Authenticate:" line): response headers without
					// their status line are still curl's.
					if resp, _, common := headerSide(n); resp || common {
						seen = true
					}
				}
			}
			inBody = k == '<' && rest == ""
			bodyContent, blank = false, false
			end, next = tOff+len(t), nx
			o = nx
			continue
		}
		if strongStart(t) {
			break
		}
		if inBody || respSeen && !blank {
			// The response body; curl may print it after its last '*' line.
			if blank && bodyContent && !s.verboseFollows(o, 3) {
				break
			}
			bodyContent, blank = true, false
			end, next = tOff+len(t), nx
			o = nx
			continue
		}
		if !s.verboseFollows(nx, 2) {
			break
		}
		o = nx
	}
	ok = seen && end >= 0
	return end, next, ok
}

// strongStart reports a line that always begins a new part.
func strongStart(t string) bool {
	if strings.HasPrefix(t, "-----BEGIN ") {
		return true
	}
	if _, ok := curlStart(t); ok {
		return true
	}
	if p, _, _, ok := ParseStatusLine(t); ok && p != "" {
		return true
	}
	if _, _, p, ok := ParseRequestLine(t); ok && p != "" {
		return true
	}
	return false
}
