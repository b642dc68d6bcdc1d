package exchange

import (
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// parseHTTPDebug reads a client's wire dump (detect's http-debug kinds):
// one exchange per request the client wrote.
func parseHTTPDebug(p detect.Part) ([]Exchange, error) {
	var exs []Exchange
	switch p.Flavor {
	case detect.FlavorWget:
		exs = parseWget(p)
	case detect.FlavorNode:
		exs = parseNodeDebug(p)
	default:
		exs = parsePythonDebug(p)
	}
	if len(exs) == 0 {
		return nil, ErrNoMessage
	}
	for _, ex := range exs {
		if ex.Request != nil {
			ex.Request.From = report.KindHTTPDebug
			ex.Request.Cookies = cookiesOf(ex.Request.Headers)
		}
	}
	return exs, nil
}

// pyLiteral decodes the body of a Python bytes or str literal as repr()
// writes it (\r \n \t \\ \' \" \xHH) and returns, for every decoded byte,
// its absolute offset in the input (base is the offset of s).
func pyLiteral(s string, base int) (string, []int) {
	var b strings.Builder
	offs := make([]int, 0, len(s))
	for i := 0; i < len(s); i++ {
		c, at := s[i], base+i
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'r':
				c = '\r'
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			case 'x':
				if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
					c = unhex(s[i+1])<<4 | unhex(s[i+2])
					i += 2
				}
			default:
				c = s[i]
			}
		}
		b.WriteByte(c)
		offs = append(offs, at)
	}
	return b.String(), offs
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// literalAfter returns the literal's body after prefix ("send: b", "reply: ")
// in the trimmed line t at absolute offset off, and the body's offset.
func literalAfter(t string, off int, prefix string) (string, int, bool) {
	rest, ok := strings.CutPrefix(t, prefix)
	if !ok || len(rest) < 2 || rest[0] != '\'' && rest[0] != '"' {
		return "", 0, false
	}
	q := rest[0]
	body := rest[1:]
	if n := len(body); n > 0 && body[n-1] == q {
		body = body[:n-1]
	}
	return body, off + len(prefix) + 1, true
}

// spanOfDecoded is the input span of decoded bytes [i, j) when they stand
// there verbatim (no escape among them), zero otherwise.
func spanOfDecoded(offs []int, i, j int) report.Span {
	if i < 0 || j > len(offs) || i >= j || offs[j-1]-offs[i] != j-1-i {
		return report.Span{}
	}
	return report.Span{Start: offs[i], End: offs[j-1] + 1}
}

// requestFromWire reads a request's head as a client wrote it (decoded
// bytes with their input offsets).
func requestFromWire(dec string, offs []int, span report.Span) *Request {
	var req *Request
	for i := 0; i < len(dec); {
		j := strings.Index(dec[i:], "\n")
		next := len(dec)
		if j >= 0 {
			next = i + j + 1
			j = i + j
		} else {
			j = len(dec)
		}
		e := j
		if e > i && dec[e-1] == '\r' {
			e--
		}
		line := dec[i:e]
		if line == "" {
			if req != nil {
				req.Body = strings.TrimSpace(dec[next:])
			}
			break
		}
		if req == nil {
			m, target, proto, ok := detect.ParseRequestLine(line)
			if !ok {
				return nil
			}
			req = &Request{Method: m, URL: target, Proto: proto, Span: span}
			if k := strings.Index(line, target); k >= 0 {
				req.URLSpan = spanOfDecoded(offs, i+k, i+k+len(target))
			}
		} else if name, value, ok := detect.SplitHeader(line); ok && len(req.Headers) < maxHeaders {
			h := Header{Name: name, Value: value, Span: spanOfDecoded(offs, i, e)}
			if k := strings.LastIndex(line, value); value != "" && k >= 0 {
				h.ValueSpan = spanOfDecoded(offs, i+k, i+k+len(value))
			}
			req.Headers = append(req.Headers, h)
		}
		i = next
	}
	return req
}

// nextTrimmed is next with the line's trimmed text and its offset.
func (it *lineIter) nextTrimmed() (rawLine, string, int, bool) {
	l, ok := it.next()
	t, off := l.trimmed()
	return l, t, off, ok
}

// parsePythonDebug reads http.client's set_debuglevel(1) output ("send:
// b'…'", "reply: '…'", "header: …") and urllib3's connection log lines
// around it (requests).
func parsePythonDebug(p detect.Part) []Exchange {
	it := lineIter{text: p.Text, base: p.Start}
	span := report.Span{Start: p.Start, End: p.End}
	var exs []Exchange
	var hp *headerParser
	scheme := ""
	finish := func() {
		if hp != nil && len(exs) > 0 && exs[len(exs)-1].Response != nil {
			exs[len(exs)-1].Response.Headers = hp.hs
		}
		hp = nil
	}
	for len(exs) < maxHops {
		_, t, off, ok := it.nextTrimmed()
		if !ok {
			break
		}
		switch {
		case strings.HasPrefix(t, "DEBUG:urllib3.connectionpool:Starting new HTTPS"):
			scheme = "https"
		case strings.HasPrefix(t, "DEBUG:urllib3.connectionpool:Starting new HTTP"):
			scheme = "http"
		case strings.HasPrefix(t, "send: "):
			body, at, ok := literalAfter(t, off, "send: b")
			if !ok {
				continue
			}
			dec, offs := pyLiteral(body, at)
			if req := requestFromWire(dec, offs, span); req != nil {
				finish()
				if host, ok := req.Header("Host"); ok && scheme != "" && strings.HasPrefix(req.URL, "/") {
					req.URL, req.URLSpan = scheme+"://"+host+req.URL, report.Span{}
				}
				exs = append(exs, Exchange{Request: req})
			} else if n := len(exs); n > 0 && exs[n-1].Request != nil && exs[n-1].Response == nil && len(exs[n-1].Request.Body) < maxBody {
				exs[n-1].Request.Body += dec // the body, sent on its own
			}
		case strings.HasPrefix(t, "reply: "):
			body, at, ok := literalAfter(t, off, "reply: ")
			if !ok {
				continue
			}
			dec, _ := pyLiteral(body, at)
			proto, code, reason, ok := detect.ParseStatusLine(strings.TrimSpace(dec))
			if !ok {
				continue
			}
			finish()
			resp := &Response{Status: code, Proto: proto, Reason: reason, Span: span}
			if n := len(exs); n > 0 && exs[n-1].Response == nil {
				exs[n-1].Response = resp
			} else {
				exs = append(exs, Exchange{Response: resp})
			}
			hp = &headerParser{}
		case strings.HasPrefix(t, "header: ") && hp != nil:
			hp.add(rawLine{text: t[len("header: "):], off: off + len("header: ")})
		}
	}
	finish()
	return exs
}

// parseWget reads wget -d output: the messages between its
// "---request begin---"/"---request end---" and "---response begin---"/
// "---response end---" lines, the URL of its "--date--  URL" lines and the
// body it says it skipped.
func parseWget(p detect.Part) []Exchange {
	it := lineIter{text: p.Text, base: p.Start}
	var exs []Exchange
	url := ""
	start := -1 // local offset of the message after a begin line
	kind := ""
	for len(exs) < maxHops {
		l, t, _, ok := it.nextTrimmed()
		if !ok {
			break
		}
		switch {
		case t == "---request begin---" || t == "---response begin---":
			start, kind = it.off, report.KindHTTPRequest
			if t == "---response begin---" {
				kind = report.KindHTTPResponse
			}
		case (t == "---request end---" || t == "---response end---") && start >= 0:
			local := l.off - p.Start
			sub := detect.Part{Kind: kind, Start: p.Start + start, End: p.Start + local, Text: p.Text[start:local]}
			start = -1
			got, err := parseHTTP(sub)
			if err != nil || len(got) != 1 {
				continue
			}
			if req := got[0].Request; req != nil {
				if strings.HasPrefix(req.URL, "/") && strings.HasSuffix(url, req.URL) {
					req.URL, req.URLSpan = url, report.Span{}
				}
				exs = append(exs, Exchange{Request: req})
			} else if resp := got[0].Response; resp != nil {
				if n := len(exs); n > 0 && exs[n-1].Response == nil {
					exs[n-1].Response = resp
				} else {
					exs = append(exs, Exchange{Response: resp})
				}
			}
		case start < 0 && strings.HasPrefix(t, "--") && strings.Contains(t, "--  "):
			url = strings.TrimSpace(t[strings.Index(t, "--  ")+4:])
		case start < 0 && strings.HasPrefix(t, "Skipping ") && strings.Contains(t, " bytes of body: ["):
			if n := len(exs); n > 0 && exs[n-1].Response != nil && exs[n-1].Response.Body == "" {
				b := t[strings.Index(t, ": [")+3:]
				exs[n-1].Response.Body = strings.TrimSuffix(strings.TrimSuffix(b, " done."), "]")
			}
		}
	}
	return exs
}

// parseNodeDebug reads NODE_DEBUG=http output: the options object Node
// prints with "createConnection" (href, method, headers: {…}). Node does
// not print the response's head.
func parseNodeDebug(p detect.Part) []Exchange {
	it := lineIter{text: p.Text, base: p.Start}
	span := report.Span{Start: p.Start, End: p.End}
	var exs []Exchange
	var req *Request
	inHeaders := false
	for len(exs) < maxHops {
		_, t, off, ok := it.nextTrimmed()
		if !ok {
			break
		}
		switch {
		case strings.Contains(t, ": createConnection "):
			req = &Request{Method: "GET", Span: span}
			exs = append(exs, Exchange{Request: req})
			inHeaders = false
		case req == nil:
		case t == "headers: {":
			inHeaders = true
		case inHeaders && strings.HasPrefix(t, "}"):
			inHeaders = false
		case inHeaders:
			name, v, ok := strings.Cut(t, ": ")
			if !ok || len(req.Headers) >= maxHeaders {
				continue
			}
			name = strings.Trim(name, `'"`)
			v = strings.TrimSuffix(v, ",")
			if len(v) < 2 || v[0] != '\'' && v[0] != '"' || v[len(v)-1] != v[0] {
				continue
			}
			vOff := off + strings.Index(t, v) + 1
			value := v[1 : len(v)-1]
			req.Headers = append(req.Headers, Header{Name: name, Value: value,
				Span:      report.Span{Start: off, End: off + len(t)},
				ValueSpan: report.Span{Start: vOff, End: vOff + len(value)}})
		case strings.HasPrefix(t, "href: '"):
			u := strings.TrimSuffix(strings.TrimSuffix(t[len("href: '"):], ","), "'")
			req.URL = u
			if k := strings.Index(t, u); k >= 0 {
				req.URLSpan = report.Span{Start: off + k, End: off + k + len(u)}
			}
		case strings.HasPrefix(t, "method: '"):
			req.Method = strings.TrimSuffix(strings.TrimSuffix(t[len("method: '"):], ","), "'")
		}
	}
	return exs
}
