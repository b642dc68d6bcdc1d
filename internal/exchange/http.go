package exchange

import (
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// rawLine is one line of a message: its text (line break, trailing CR and, in
// curl -v transcripts, the "> " prefix removed) and the absolute offset of
// that text in the analysed input.
type rawLine struct {
	text string
	off  int
}

func (l rawLine) trimmed() (string, int) {
	t := l.text
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	return strings.TrimRight(t[i:], " \t"), l.off + i
}

func (l rawLine) blank() bool { return strings.Trim(l.text, " \t\r") == "" }

// lineIter walks the lines of text (which starts at absolute offset base)
// without splitting it all at once.
type lineIter struct {
	text string
	base int
	off  int // local offset of the next line
}

func (it *lineIter) next() (rawLine, bool) {
	if it.off >= len(it.text) {
		return rawLine{}, false
	}
	i := strings.IndexByte(it.text[it.off:], '\n')
	end, nxt := len(it.text), len(it.text)
	if i >= 0 {
		end = it.off + i
		nxt = end + 1
	}
	e := end
	if e > it.off && it.text[e-1] == '\r' {
		e--
	}
	l := rawLine{text: it.text[it.off:e], off: it.base + it.off}
	it.off = nxt
	return l, true
}

// maxHeaders bounds the header fields kept for one message.
const maxHeaders = 4096

// headerParser accumulates header lines: obs-fold continuations and the
// devtools "name:" / value-on-the-next-line layout.
type headerParser struct {
	hs []Header
}

// add reads one line; it returns false when the line is not part of a
// header section.
func (p *headerParser) add(l rawLine) bool {
	if len(p.hs) >= maxHeaders {
		_, _, ok := detect.SplitHeader(strings.TrimSpace(l.text))
		return ok // read but not kept
	}
	if len(p.hs) > 0 && (strings.HasPrefix(l.text, " ") || strings.HasPrefix(l.text, "\t")) {
		t, off := l.trimmed()
		if _, _, ok := detect.SplitHeader(t); !ok {
			h := &p.hs[len(p.hs)-1]
			if h.Value == "" {
				h.Value = t
				h.ValueSpan = report.Span{Start: off, End: off + len(t)}
			} else {
				h.Value += " " + t
				h.ValueSpan = report.Span{} // no longer verbatim
			}
			h.Span.End = off + len(t)
			return true
		}
	}
	t, off := l.trimmed()
	if name, value, ok := detect.SplitHeader(t); ok {
		vs := report.Span{}
		if value != "" {
			if i := strings.Index(t[len(name)+1:], value); i >= 0 {
				s := off + len(name) + 1 + i
				vs = report.Span{Start: s, End: s + len(value)}
			}
		}
		p.hs = append(p.hs, Header{Name: name, Value: value, Span: report.Span{Start: off, End: off + len(t)}, ValueSpan: vs})
		return true
	}
	if n := len(p.hs); n > 0 && p.hs[n-1].Value == "" && t != "" {
		h := &p.hs[n-1]
		h.Value = t
		h.ValueSpan = report.Span{Start: off, End: off + len(t)}
		h.Span.End = off + len(t)
		return true
	}
	return false
}

// parseHTTP reads a raw request or response part, leniently.
func parseHTTP(p detect.Part) ([]Exchange, error) {
	it := lineIter{text: p.Text, base: p.Start}
	span := report.Span{Start: p.Start, End: p.End}
	var req *Request
	var resp *Response
	var pending *rawLine
	for {
		l, ok := it.next()
		if !ok {
			break
		}
		if l.blank() {
			continue
		}
		t, off := l.trimmed()
		if proto, code, reason, ok := detect.ParseStatusLine(t); ok {
			resp = &Response{Status: code, Proto: proto, Reason: reason, Span: span}
		} else if m, target, proto, ok := detect.ParseRequestLine(t); ok {
			req = &Request{Method: m, URL: target, Proto: proto, Span: span, From: p.Kind}
			if j := strings.Index(t, target); j >= 0 {
				req.URLSpan = report.Span{Start: off + j, End: off + j + len(target)}
			}
		} else {
			pending = &l
		}
		break
	}
	var hp, reqHP headerParser
	devtools := false // a devtools Headers panel: sections of headers
	inRequest := false
	bodyOff := len(p.Text)
	for {
		var l rawLine
		if pending != nil {
			l, pending = *pending, nil
		} else {
			var ok bool
			if l, ok = it.next(); !ok {
				break
			}
		}
		t, _ := l.trimmed()
		if l.blank() {
			if devtools && nextIsHeader(it) {
				continue
			}
			bodyOff = it.off
			break
		}
		if detect.IsSectionTitle(t) {
			devtools = true
			inRequest = strings.Contains(strings.ToLower(t), "request")
			continue
		}
		if _, code, reason, ok := detect.ParseStatusLine(t); ok && !strings.HasPrefix(strings.ToLower(t), ":status") {
			// devtools "Status Code: 401 Unauthorized" among the General lines
			if resp == nil {
				resp = &Response{Span: span}
			}
			resp.Status, resp.Reason = code, reason
			devtools = devtools || req == nil
			continue
		}
		if n, _, ok := detect.SplitHeader(t); ok && strings.Contains(n, " ") {
			devtools = true
		}
		if inRequest && req == nil {
			if reqHP.add(l) {
				continue
			}
		} else if hp.add(l) {
			continue
		}
		if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") || strings.HasPrefix(t, "<") {
			bodyOff = l.off - p.Start // a body without the blank line
			break
		}
		// other stray lines ("view source") are ignored
	}
	body := strings.TrimLeft(strings.TrimRight(p.Text[bodyOff:], " \t\r\n"), "\r\n")
	hs, general := splitGeneral(hp.hs)
	if req == nil && resp == nil {
		if p.Kind == report.KindHTTPRequest {
			req = &Request{Span: span, From: p.Kind}
		} else {
			resp = &Response{Span: span}
		}
	}
	if req != nil {
		req.Headers = hs
		req.Body = body
		pseudoRequest(req)
		req.Cookies = cookiesOf(req.Headers)
		return []Exchange{{Request: req}}, nil
	}
	resp.Headers = hs
	resp.Body = body
	for _, h := range resp.Headers {
		if h.Name == ":status" {
			if _, code, _, ok := detect.ParseStatusLine(":status: " + h.Value); ok {
				resp.Status = code
			}
		}
	}
	ex := Exchange{Response: resp}
	// devtools General section: Request URL / Request Method.
	if u, ok := general["request url"]; ok || len(reqHP.hs) > 0 {
		r := &Request{Method: general["request method"].Value, URL: u.Value, URLSpan: u.ValueSpan, Span: span, From: p.Kind}
		r.Headers = reqHP.hs
		pseudoRequest(r)
		r.Cookies = cookiesOf(r.Headers)
		ex.Request = r
	}
	return []Exchange{ex}, nil
}

// nextIsHeader reports whether the next non-blank line is a header line or
// a devtools section title.
func nextIsHeader(it lineIter) bool {
	for {
		l, ok := it.next()
		if !ok {
			return false
		}
		if l.blank() {
			continue
		}
		t, _ := l.trimmed()
		if detect.IsSectionTitle(t) {
			return true
		}
		_, _, ok = detect.SplitHeader(t)
		return ok
	}
}

// splitGeneral removes the devtools "General" lines (Request URL, Request
// Method, Status Code, Remote Address, Referrer Policy), which are not headers.
func splitGeneral(hs []Header) ([]Header, map[string]Header) {
	g := map[string]Header{}
	out := hs[:0:0]
	for _, h := range hs {
		if strings.Contains(h.Name, " ") {
			g[strings.ToLower(h.Name)] = h
			continue
		}
		out = append(out, h)
	}
	return out, g
}

// pseudoRequest fills method and URL from HTTP/2 pseudo-headers (as devtools
// shows them) and drops them from the header list.
func pseudoRequest(r *Request) {
	var scheme, authority, path string
	out := r.Headers[:0:0]
	for _, h := range r.Headers {
		switch strings.ToLower(h.Name) {
		case ":method":
			if r.Method == "" {
				r.Method = h.Value
			}
		case ":scheme":
			scheme = h.Value
		case ":authority":
			authority = h.Value
		case ":path":
			path = h.Value
		default:
			out = append(out, h)
			continue
		}
	}
	r.Headers = out
	if r.URL == "" && path != "" {
		r.URL = path
	}
	if strings.HasPrefix(r.URL, "/") && scheme != "" && authority != "" {
		r.URL = scheme + "://" + authority + r.URL
		r.URLSpan = report.Span{}
	}
}

// cookiesOf parses every Cookie header ("a=1; b=2").
func cookiesOf(hs []Header) []Cookie {
	var out []Cookie
	for _, h := range hs {
		if strings.EqualFold(h.Name, "cookie") {
			out = append(out, parseCookies(h.Value)...)
		}
	}
	return out
}

func parseCookies(v string) []Cookie {
	var out []Cookie
	for _, kv := range strings.Split(v, ";") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		n, val, _ := strings.Cut(kv, "=")
		out = append(out, Cookie{Name: strings.TrimSpace(n), Value: strings.TrimSpace(val)})
		if len(out) >= 256 {
			break
		}
	}
	return out
}
