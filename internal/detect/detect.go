package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/console"
	"github.com/authdebug/authdebug/internal/report"
)

// Part is one piece of a paste and what kind of text it is.
type Part struct {
	// Kind is one of report.KindJWT, KindJWE, KindAuthorizationHeader,
	// KindHTTPResponse, KindHTTPRequest, KindCurlVerbose, KindCurlCommand,
	// KindHAR, KindWWWAuthenticate, KindJWKS, KindJWK, KindPEM, KindServerLog,
	// KindClaimsJSON, KindHTTPDebug, KindBrowserConsole, KindUnknown.
	Kind string
	// Flavor names the program that wrote the part when its form tells
	// ("Python http.client", "wget", "Chromium" …), "" otherwise.
	Flavor string
	// Start and End are the byte offsets of the part in the input.
	Start int
	End   int
	// Text is input[Start:End].
	Text string
}

// Detect splits a paste into its parts, in input order, and names the kind of
// each. It tolerates what people paste: shell prompts, CRLF, Markdown code
// fences, trailing whitespace, several things one after the other (a request
// block and its response, a token and a JWKS). Text that matches no kind is
// returned as parts of kind report.KindUnknown (consecutive unrecognised lines
// form one part). Empty or whitespace-only input gives no parts. Detect never
// panics and runs in time roughly linear in the input.
func Detect(text string) []Part {
	s := &scanner{text: text, jsonBudget: 4, cmdBudget: 8, unkStart: -1}
	s.run()
	if len(s.parts) == 0 {
		if t, off := trimmed(text, 0, len(text)); t != "" {
			s.parts = append(s.parts, s.part(report.KindUnknown, off, off+len(t)))
		}
	}
	return s.parts
}

// MaxParts bounds the parts Detect returns; text after the last one is
// returned as a single unknown part.
const MaxParts = 1024

type scanner struct {
	text       string
	parts      []Part
	jsonBudget int // failed JSON extent scans still allowed (keeps detection linear)
	noPEMEnd   bool
	cmdBudget  int // multi-line curl command scans that may still fail
	// Ends of regions already tried and rejected, so that each line of a
	// long unrecognised block is not rescanned from every line (linear time).
	headerFailEnd, jwtFailEnd, verboseFailEnd int
	unkStart                                  int
	unkEnd                                    int
}

func (s *scanner) part(kind string, start, end int) Part {
	return Part{Kind: kind, Start: start, End: end, Text: s.text[start:end]}
}

func (s *scanner) flushUnknown() {
	if s.unkStart >= 0 {
		s.parts = append(s.parts, s.part(report.KindUnknown, s.unkStart, s.unkEnd))
		s.unkStart = -1
	}
}

func (s *scanner) emit(ps ...Part) {
	s.flushUnknown()
	if n := MaxParts - 1 - len(s.parts); len(ps) > n {
		ps = ps[:max(n, 0)]
	}
	s.parts = append(s.parts, ps...)
}

func (s *scanner) run() {
	text := s.text
	off := 0
	for off < len(text) {
		if len(s.parts) >= MaxParts-1 {
			// Enough: the rest is one unknown part.
			s.flushUnknown()
			if t, o := trimmed(text, off, len(text)); t != "" {
				s.parts = append(s.parts, s.part(report.KindUnknown, o, o+len(t)))
			}
			return
		}
		end, next := lineAt(text, off)
		t, tOff := trimmed(text, off, end)
		if t == "" || isFence(t) || isProgress(t) || IsSectionTitle(t) && s.headerAt(next) {
			off = next
			continue
		}
		if ps, nx, ok := s.match(off, t, tOff); ok {
			s.emit(ps...)
			if nx <= off {
				nx = next
			}
			off = nx
			continue
		}
		if ps := embeddedJWTs(text, tOff, tOff+len(t)); len(ps) > 0 {
			s.emit(ps...)
			off = next
			continue
		}
		if s.unkStart < 0 {
			s.unkStart = tOff
		}
		s.unkEnd = tOff + len(t)
		off = next
	}
	s.flushUnknown()
}

// headerAt reports whether the first non-blank line at or after off is a header line.
func (s *scanner) headerAt(off int) bool {
	for off < len(s.text) {
		le, nx := lineAt(s.text, off)
		t, _ := trimmed(s.text, off, le)
		if t != "" {
			_, _, ok := SplitHeader(t)
			return ok
		}
		off = nx
	}
	return false
}

// match tries every kind at the line starting at off (trimmed: t at tOff).
// It returns the parts found and the offset of the line to continue at.
func (s *scanner) match(off int, t string, tOff int) ([]Part, int, bool) {
	switch {
	case strings.HasPrefix(t, "-----BEGIN "):
		return s.matchPEM(tOff)
	case httpDebugStart(t) != "":
		if ps, nx, ok := s.matchHTTPDebug(off, t, tOff); ok {
			return ps, nx, true
		}
	}
	switch {
	case console.IsLine(t):
		return s.matchConsole(off, t, tOff)
	case IsLogLine(t):
		return s.matchLog(off, t, tOff)
	case t[0] == '{' || t[0] == '[':
		if ps, nx, ok := s.matchJSON(tOff); ok {
			return ps, nx, true
		}
	}
	if i, ok := curlStart(t); ok {
		return s.matchCurl(tOff + i)
	}
	if verboseKind(t) != 0 {
		if end, next, ok := s.verboseExtent(off); ok {
			return []Part{s.part(report.KindCurlVerbose, tOff, end)}, next, true
		}
	}
	if _, _, _, ok := ParseStatusLine(t); ok {
		end, next := s.messageExtent(off)
		return []Part{s.part(report.KindHTTPResponse, tOff, end)}, next, true
	}
	if _, _, _, ok := ParseRequestLine(t); ok {
		end, next := s.messageExtent(off)
		return []Part{s.part(report.KindHTTPRequest, tOff, end)}, next, true
	}
	if _, _, ok := SplitHeader(t); ok && off >= s.headerFailEnd {
		ps, next, ok := s.matchHeaderBlock(off)
		if ok {
			return ps, next, true
		}
		s.headerFailEnd = next
	}
	if off >= s.jwtFailEnd {
		ps, next, ok := s.matchJWT(off, t, tOff)
		if ok {
			return ps, next, true
		}
		s.jwtFailEnd = next
	}
	if k := authValueKind(t); k != "" {
		_, next := lineAt(s.text, off)
		return []Part{s.part(k, tOff, tOff+len(t))}, next, true
	}
	return nil, 0, false
}

// ---- PEM (RFC 7468) ----

func (s *scanner) matchPEM(tOff int) ([]Part, int, bool) {
	text := s.text
	if !s.noPEMEnd {
		if i := strings.Index(text[tOff:], "-----END"); i >= 0 {
			e := tOff + i
			le, next := lineAt(text, e)
			t, o := trimmed(text, e, le)
			return []Part{s.part(report.KindPEM, tOff, o+len(t))}, next, true
		}
		s.noPEMEnd = true
	}
	// No END line: the part is the paragraph.
	end, next := s.paragraph(tOff)
	return []Part{s.part(report.KindPEM, tOff, end)}, next, true
}

// paragraph returns the end of the last non-blank line of the run of
// non-blank lines starting at the line containing off.
func (s *scanner) paragraph(off int) (end, next int) {
	o := off
	end, next = off, off
	for o < len(s.text) {
		le, nx := lineAt(s.text, o)
		t, tOff := trimmed(s.text, o, le)
		if t == "" {
			break
		}
		end, next = tOff+len(t), nx
		o = nx
	}
	return end, next
}

// ---- JSON: HAR, JWKS, JWK, or other JSON ----

// blankBefore reports whether the line before the one at off is blank (or absent).
func (s *scanner) blankBefore(off int) bool {
	if off == 0 {
		return true
	}
	e := off - 1 // the '\n' ending the previous line
	b := strings.LastIndexByte(s.text[:e], '\n') + 1
	t, _ := trimmed(s.text, b, e)
	return t == "" || isFence(t)
}

// blankAt reports whether the line at off is blank (or absent).
func (s *scanner) blankAt(off int) bool {
	if off >= len(s.text) {
		return true
	}
	le, _ := lineAt(s.text, off)
	t, _ := trimmed(s.text, off, le)
	return t == "" || isFence(t)
}
