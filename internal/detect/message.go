package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// messageExtent returns the end of an HTTP message whose start line is at
// off: its header lines (with obs-fold continuations), and after a blank line
// its body — a JSON value, or text up to the first paragraph that starts
// something else.
func (s *scanner) messageExtent(off int) (end, next int) {
	text := s.text
	le, nx := lineAt(text, off)
	t, tOff := trimmed(text, off, le)
	end, next = tOff+len(t), nx
	o := nx
	emptyValue := false
	for o < len(text) {
		le, nx := lineAt(text, o)
		raw := text[o:le]
		t, tOff := trimmed(text, o, le)
		if t == "" {
			break
		}
		switch {
		case raw[0] == ' ' || raw[0] == '\t':
			// obs-fold continuation
		case strongStart(t):
			return end, o
		default:
			if _, v, ok := SplitHeader(t); ok {
				emptyValue = v == ""
				end, next, o = tOff+len(t), nx, nx
				continue
			}
			if emptyValue {
				// devtools copies "name:" and the value on the next line
				emptyValue = false
				break
			}
			if t[0] == '{' || t[0] == '[' {
				if e, ok := s.extent(tOff); ok && sniffJSON(text[tOff:e]) == "" {
					_, n := lineAt(text, e-1)
					return e, n
				}
			}
			return end, o
		}
		end, next, o = tOff+len(t), nx, nx
	}
	// Body.
	first := true
	blank := false
	for o < len(text) {
		le, nx := lineAt(text, o)
		t, tOff := trimmed(text, o, le)
		if t == "" {
			blank = true
			o = nx
			continue
		}
		if strongStart(t) || (blank && !first && startsPart(t)) {
			break
		}
		if first && (t[0] == '{' || t[0] == '[') {
			if e, ok := s.extent(tOff); ok {
				if sniffJSON(text[tOff:e]) != "" {
					break // a HAR/JWKS/JWK pasted after the message, not its body
				}
				_, n := lineAt(text, e-1)
				return e, n
			}
		}
		if first && startsPart(t) && !strings.HasPrefix(t, "<") {
			break
		}
		first, blank = false, false
		end, next, o = tOff+len(t), nx, nx
	}
	return end, next
}

// startsPart is a cheap test for a line that begins a recognisable part.
func startsPart(t string) bool {
	if strongStart(t) {
		return true
	}
	switch verboseKind(t) {
	case '>', '<', '*':
		return true
	}
	if n, _, ok := SplitHeader(t); ok {
		r, q, c := headerSide(n)
		if r || q || c || credSchemes[strings.ToLower(n)] {
			return true
		}
	}
	if strings.HasPrefix(t, "{") && sniffJSON(t) != "" {
		return true
	}
	if c := stripQuotes(t); b64Only(c) && jwtShape(c) != "" {
		return true
	}
	return authValueKind(t) != ""
}

// maxBlockHeaders bounds one block of header lines.
const maxBlockHeaders = 4096

type hline struct {
	start, end int
	name       string
	value      string
}

// matchHeaderBlock reads a block of header lines without a start line.
func (s *scanner) matchHeaderBlock(off int) ([]Part, int, bool) {
	text := s.text
	var hs []hline
	o := off
	next := off
	for o < len(text) && len(hs) < maxBlockHeaders {
		le, nx := lineAt(text, o)
		raw := text[o:le]
		t, tOff := trimmed(text, o, le)
		if t == "" {
			break
		}
		if len(hs) > 0 && (raw[0] == ' ' || raw[0] == '\t') {
			if _, _, ok := SplitHeader(t); !ok {
				h := &hs[len(hs)-1]
				h.end = tOff + len(t)
				h.value += " " + t
				next, o = nx, nx
				continue
			}
		}
		if n, v, ok := SplitHeader(t); ok && !strongStart(t) {
			hs = append(hs, hline{start: tOff, end: tOff + len(t), name: strings.ToLower(n), value: v})
			next, o = nx, nx
			continue
		}
		if len(hs) > 0 && hs[len(hs)-1].value == "" && !strongStart(t) {
			h := &hs[len(hs)-1]
			h.end = tOff + len(t)
			h.value = t
			next, o = nx, nx
			continue
		}
		break
	}
	if len(hs) == 0 {
		return nil, next, false
	}
	for _, h := range hs {
		if h.name == "status code" || h.name == "request url" || h.name == "request method" {
			// Browser devtools' Headers panel: General, Response Headers and
			// Request Headers sections form one exchange.
			end, nx := s.devtoolsExtent(hs[len(hs)-1].end, next)
			return []Part{s.part(report.KindHTTPResponse, hs[0].start, end)}, nx, true
		}
	}
	if ps, ok := s.classifyHeaders(hs); ok {
		return ps, next, true
	}
	return nil, next, false
}

// IsSectionTitle reports the section titles of the browser devtools' Headers
// panel ("General", "Response Headers", "Request Headers").
func IsSectionTitle(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "general", "response headers", "request headers", "headers", "response headers (raw)", "request headers (raw)":
		return true
	}
	return false
}

// devtoolsExtent extends a devtools General block over the section titles,
// blank lines and header lines after it.
func (s *scanner) devtoolsExtent(end, next int) (int, int) {
	text := s.text
	o := next
	for o < len(text) {
		le, nx := lineAt(text, o)
		t, tOff := trimmed(text, o, le)
		switch {
		case t == "":
		case IsSectionTitle(t):
			end, next = tOff+len(t), nx
		default:
			if _, _, ok := SplitHeader(t); !ok || strongStart(t) {
				return end, next
			}
			end, next = tOff+len(t), nx
		}
		o = nx
	}
	return end, next
}

func (s *scanner) classifyHeaders(hs []hline) ([]Part, bool) {
	if len(hs) == 1 {
		return s.singleHeader(hs[0])
	}
	resp, req, common := 0, 0, 0
	firstResp, lastReq := -1, -1
	for i, h := range hs {
		if h.name == "status code" || h.name == ":status" || h.name == "request url" {
			return []Part{s.part(report.KindHTTPResponse, hs[0].start, hs[len(hs)-1].end)}, true
		}
		r, q, c := headerSide(h.name)
		switch {
		case r:
			resp++
			if firstResp < 0 {
				firstResp = i
			}
		case q:
			req++
			lastReq = i
		case c:
			common++
		}
	}
	switch {
	case resp == 0 && req == 0 && common == 0:
		return nil, false
	case resp > 0 && req > 0 && lastReq < firstResp:
		// request headers, then response headers (e.g. Authorization then WWW-Authenticate)
		a, _ := s.classifyHeaders(hs[:firstResp])
		b, _ := s.classifyHeaders(hs[firstResp:])
		if a == nil {
			a = []Part{s.part(report.KindHTTPRequest, hs[0].start, hs[firstResp-1].end)}
		}
		if b == nil {
			b = []Part{s.part(report.KindHTTPResponse, hs[firstResp].start, hs[len(hs)-1].end)}
		}
		return append(a, b...), true
	case req > resp:
		return []Part{s.part(report.KindHTTPRequest, hs[0].start, hs[len(hs)-1].end)}, true
	}
	return []Part{s.part(report.KindHTTPResponse, hs[0].start, hs[len(hs)-1].end)}, true
}

func (s *scanner) singleHeader(h hline) ([]Part, bool) {
	one := func(k string) ([]Part, bool) { return []Part{s.part(k, h.start, h.end)}, true }
	switch {
	case h.name == "authorization" || h.name == "proxy-authorization":
		return one(report.KindAuthorizationHeader)
	case h.name == "www-authenticate" || h.name == "proxy-authenticate":
		return one(report.KindWWWAuthenticate)
	case credSchemes[h.name]:
		if credWord(h.value) {
			return one(report.KindAuthorizationHeader)
		}
		return nil, false
	}
	r, q, _ := headerSide(h.name)
	switch {
	case r:
		return one(report.KindHTTPResponse)
	case q:
		return one(report.KindHTTPRequest)
	}
	// "token: eyJ…", "access_token: eyJ…": the token itself.
	if ps := embeddedJWTs(s.text, h.start, h.end); len(ps) > 0 {
		return ps, true
	}
	return nil, false
}
