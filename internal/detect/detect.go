package detect

import (
	"encoding/json"
	"strings"

	"github.com/authdebug/authdebug/internal/challenge"
	"github.com/authdebug/authdebug/internal/report"
)

// Part is one piece of a paste and what kind of text it is.
type Part struct {
	// Kind is one of report.KindJWT, KindJWE, KindAuthorizationHeader,
	// KindHTTPResponse, KindHTTPRequest, KindCurlVerbose, KindCurlCommand,
	// KindHAR, KindWWWAuthenticate, KindJWKS, KindJWK, KindPEM, KindUnknown.
	Kind string
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

// jsonExtent returns the end of the JSON value starting at off by bracket
// matching (strings and escapes respected), and whether it balanced.
func jsonExtent(text string, off int) (int, bool) {
	depth := 0
	inStr := false
	for i := off; i < len(text); i++ {
		c := text[i]
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				return i + 1, true
			}
		}
	}
	return len(text), false
}

// extent is jsonExtent with a budget: after a few values that never
// close, JSON is no longer tried (a scan to the end of the text each time
// would make detection quadratic).
func (s *scanner) extent(off int) (int, bool) {
	if s.jsonBudget <= 0 {
		return 0, false
	}
	e, ok := jsonExtent(s.text, off)
	if !ok {
		s.jsonBudget--
	}
	return e, ok
}

type jsonProbe struct {
	Log *struct {
		Entries json.RawMessage `json:"entries"`
	} `json:"log"`
	Keys json.RawMessage `json:"keys"`
	Kty  json.RawMessage `json:"kty"`
}

func sniffJSON(seg string) string {
	head := seg
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case strings.Contains(head, `"log"`) && (strings.Contains(head, `"entries"`) || strings.Contains(head, `"creator"`)):
		return report.KindHAR
	case strings.Contains(head, `"keys"`) && strings.Contains(seg, `"kty"`):
		return report.KindJWKS
	case strings.Contains(head, `"kty"`):
		return report.KindJWK
	}
	return ""
}

func (s *scanner) matchJSON(tOff int) ([]Part, int, bool) {
	text := s.text
	if s.jsonBudget <= 0 {
		return nil, 0, false
	}
	end, balanced := s.extent(tOff)
	if !balanced {
		if k := sniffJSON(text[tOff:]); k != "" {
			t, o := trimmed(text, tOff, len(text))
			return []Part{s.part(k, o, o+len(t))}, len(text), true
		}
		return nil, 0, false
	}
	seg := text[tOff:end]
	_, next := lineAt(text, end-1)
	kind := ""
	if seg[0] == '{' {
		// The head of the document usually tells (a HAR starts with
		// {"log":{"version":…,"creator":…); parse the whole of it only
		// when it does not: a 5 MB HAR is then read once, by exchange.
		if kind = sniffJSON(seg); kind == "" {
			var p jsonProbe
			if err := json.Unmarshal([]byte(seg), &p); err == nil {
				switch {
				case p.Log != nil:
					kind = report.KindHAR
				case len(p.Keys) > 0 && p.Keys[0] == '[':
					kind = report.KindJWKS
				case len(p.Kty) > 0 && p.Kty[0] == '"':
					kind = report.KindJWK
				}
			}
		}
	}
	if kind != "" {
		return []Part{s.part(kind, tOff, end)}, next, true
	}
	// Other JSON (a token response, an error body): the tokens inside it.
	if ps := embeddedJWTs(text, tOff, end); len(ps) > 0 {
		return ps, next, true
	}
	if !json.Valid([]byte(seg)) {
		return nil, 0, false
	}
	return []Part{s.part(report.KindUnknown, tOff, end)}, next, true
}

// ---- tokens ----

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

var credSchemes = map[string]bool{
	"bearer": true, "basic": true, "dpop": true, "token": true, "apikey": true, "api-key": true,
	"negotiate": true, "ntlm": true, "digest": true, "aws4-hmac-sha256": true, "hoba": true, "gnap": true,
	"mac": true, "jwt": true, "sso-key": true, "otp": true, "privatetoken": true,
}

// authParamStart reports whether s starts with an auth-param (token BWS "="
// BWS value) or a comma, as in a challenge value.
func authParamStart(s string) bool {
	s = strings.TrimLeft(s, " \t")
	if strings.HasPrefix(s, ",") {
		return true
	}
	i := 0
	for i < len(s) && IsTchar(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	r := strings.TrimLeft(s[i:], " \t")
	if !strings.HasPrefix(r, "=") {
		return false
	}
	r = strings.TrimLeft(r[1:], " \t")
	return r != "" && r[0] != '=' && r[0] != ','
}

// credWord reports whether rest (what follows a scheme) looks like one
// credential: a single word that is not an ordinary lower-case English word
// ("Basic authentication"), or a placeholder ("Bearer undefined"). A repeated
// scheme ("Bearer Bearer eyJ…") is allowed: the authz package reports it.
func credWord(rest string) bool {
	f := strings.Fields(rest)
	if len(f) == 2 && credSchemes[strings.ToLower(f[0])] {
		f = f[1:]
	}
	if len(f) != 1 {
		return false
	}
	w := strings.Trim(f[0], "\"'`,;")
	if isPlaceholder(w) {
		return true
	}
	if len(w) < 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return true
		}
	}
	return false
}

// authValueKind classifies a bare value: an Authorization credential
// ("Bearer eyJ…", "Basic dXNl…", "bearer: x") or a challenge ("Bearer
// realm=\"x\", error=\"invalid_token\""). "" when it is neither.
func authValueKind(t string) string {
	i := 0
	for i < len(t) && IsTchar(t[i]) {
		i++
	}
	if i == 0 || len(t) > 64<<10 {
		return ""
	}
	scheme := strings.ToLower(t[:i])
	rest := t[i:]
	known := credSchemes[scheme]
	switch {
	case rest == "":
		if known && (scheme == "bearer" || scheme == "basic" || scheme == "dpop") {
			return report.KindAuthorizationHeader
		}
		return ""
	case rest[0] == ':':
		if known && (strings.TrimSpace(rest[1:]) == "" || credWord(rest[1:])) {
			return report.KindAuthorizationHeader
		}
		return ""
	case rest[0] != ' ' && rest[0] != '\t':
		return ""
	}
	if authParamStart(rest) {
		l := strings.ToLower(rest)
		if scheme == "digest" && (strings.Contains(l, "response=") || strings.Contains(l, "username=")) || scheme == "aws4-hmac-sha256" {
			return report.KindAuthorizationHeader
		}
		if !known {
			if _, err := challenge.Parse(t); err != nil {
				return ""
			}
		}
		return report.KindWWWAuthenticate
	}
	if known && credWord(rest) {
		return report.KindAuthorizationHeader
	}
	return ""
}
