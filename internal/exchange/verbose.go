package exchange

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// maxHops bounds the exchanges read from one transcript.
const maxHops = 256

// parseCurlVerbose reads a curl -v transcript: one exchange per request curl
// sent (redirect hops with -L, or several URLs).
func parseCurlVerbose(p detect.Part) ([]Exchange, error) {
	text := p.Text
	it := lineIter{text: text, base: p.Start}
	var cmdReq *Request
	// The command line itself, when it was pasted with the transcript.
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "curl") {
		end := detect.CommandEnd(text, 0)
		sub := detect.Part{Kind: report.KindCurlCommand, Start: p.Start, End: p.Start + end, Text: text[:end]}
		if exs, err := parseCurlCommand(sub); err == nil && len(exs) == 1 {
			cmdReq = exs[0].Request
		}
		it.off = end
	}
	type hop struct {
		ex       Exchange
		req      headerParser
		resp     headerParser
		url      string // from "OPENED stream for" / "Issue another request"
		scheme   string
		host     string // from "Connected to"
		port     string
		tls      bool
		bodyFrom int // first body line index, -1
		bodyTo   int
	}
	var hops []*hop
	var cur *hop
	state := 0 // 0 before/between, 1 request headers, 2 response headers, 3 response body
	pendingURL, connHost, connPort, connScheme := "", "", "", ""
	connTLS := false
	var pseudo = map[string]string{}
	var body strings.Builder
	inBody := false
	flushBody := func() {
		if cur != nil && inBody && cur.ex.Response != nil {
			cur.ex.Response.Body = strings.TrimRight(body.String(), " \t\r\n")
		}
		body.Reset()
		inBody = false
	}
	addBody := func(s string) {
		inBody = true
		if body.Len() < maxBody {
			if body.Len() > 0 {
				body.WriteByte('\n')
			}
			body.WriteString(s)
		}
	}
	for {
		l, more := it.next()
		if !more {
			break
		}
		t, tOff := l.trimmed()
		if t == "" {
			if state == 3 {
				addBody("")
			}
			continue
		}
		kind := byte(0)
		if c := t[0]; (c == '*' || c == '>' || c == '<') && (len(t) == 1 || t[1] == ' ' || t[1] == '\t') {
			kind = c
		} else if (c == '{' || c == '}') && strings.HasPrefix(t[1:], " [") {
			kind = c
		}
		rest := ""
		restOff := tOff
		if kind != 0 && len(t) > 1 {
			rest = t[2:]
			restOff = tOff + 2
		}
		line := rawLine{text: rest, off: restOff}
		switch kind {
		case 0:
			// The response body; curl may print it after its last '*' line.
			if state == 3 || state == 2 || state == 0 && cur != nil && cur.ex.Response != nil && cur.ex.Response.Body == "" && !inBody {
				state = 3
				addBody(l.text)
			}
			continue
		case '{', '}':
			continue
		case '*':
			flushBody()
			// curl prints '*' lines in the middle of response headers too
			// ("* Authentication problem. Ignoring this.", "* Added cookie
			// …", "* HSTS …"): the headers go on after them.
			if state == 3 {
				state = 0
			}
			info := strings.TrimSpace(rest)
			switch {
			case strings.HasPrefix(info, "Connected to "):
				// "Connected to host (ip) port 443 (#0)"
				f := strings.Fields(info[len("Connected to "):])
				if len(f) > 0 {
					connHost = f[0]
				}
				for j := 0; j+1 < len(f); j++ {
					if f[j] == "port" {
						connPort = f[j+1]
					}
				}
				connTLS, connScheme = false, ""
			case strings.HasPrefix(info, "Re-using existing") || strings.HasPrefix(info, "Reusing existing"):
				if j := strings.LastIndex(info, "host "); j >= 0 {
					connHost = strings.Fields(info[j+5:] + " ")[0]
				}
				if strings.Contains(info, "https:") {
					connTLS = true
				}
			case strings.HasPrefix(info, "SSL connection using") || strings.HasPrefix(info, "ALPN") ||
				strings.HasPrefix(info, "TLSv1") || strings.HasPrefix(info, "Server certificate"):
				connTLS = true
			case strings.Contains(info, "OPENED stream for "):
				pendingURL = strings.TrimSpace(info[strings.Index(info, "OPENED stream for ")+len("OPENED stream for "):])
			case strings.HasPrefix(info, "Issue another request to this URL:"):
				u := strings.TrimSpace(info[len("Issue another request to this URL:"):])
				pendingURL = strings.Trim(u, "'\"")
			case strings.HasPrefix(info, "[HTTP/2]") || strings.HasPrefix(info, "[HTTP/3]"):
				// "[HTTP/2] [1] [:scheme: https]"
				if j := strings.Index(info, "] [:"); j >= 0 {
					kv := strings.TrimSuffix(info[j+3:], "]")
					if n, v, ok := strings.Cut(kv, ": "); ok {
						pseudo[n] = v
						if n == ":scheme" {
							connScheme = v
						}
					}
				}
			}
		case '>':
			flushBody()
			if m, target, proto, ok := detect.ParseRequestLine(rest); ok && state != 1 {
				if len(hops) >= maxHops {
					break
				}
				cur = &hop{url: pendingURL, host: connHost, port: connPort, tls: connTLS, scheme: connScheme}
				if cur.scheme == "" {
					cur.scheme = pseudo[":scheme"]
				}
				cur.ex.Request = &Request{Method: m, URL: target, Proto: proto, From: p.Kind,
					Span: report.Span{Start: tOff, End: l.off + len(l.text)}}
				if j := strings.Index(rest, target); j >= 0 {
					cur.ex.Request.URLSpan = report.Span{Start: restOff + j, End: restOff + j + len(target)}
				}
				hops = append(hops, cur)
				pendingURL = ""
				pseudo = map[string]string{}
				state = 1
				continue
			}
			if cur == nil || state != 1 {
				continue
			}
			if strings.TrimSpace(rest) == "" {
				state = 0
				continue
			}
			cur.req.add(line)
			cur.ex.Request.Span.End = l.off + len(l.text)
		case '<':
			if cur == nil {
				// Response lines with no request before them: a fragment
				// (grep '^<', a pasted tail). Read the response alone.
				if len(hops) >= maxHops {
					continue
				}
				cur = &hop{}
				hops = append(hops, cur)
				state = 0
			}
			if cur.ex.Response == nil && cur.ex.Request == nil {
				if _, _, ok := detect.SplitHeader(rest); ok {
					// Headers without their status line: status unknown.
					cur.ex.Response = &Response{Span: report.Span{Start: tOff, End: l.off + len(l.text)}}
					state = 2
				}
			}
			if proto, code, reason, ok := detect.ParseStatusLine(rest); ok && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(rest)), "HTTP") {
				flushBody()
				// A second status line for the same request (after 100
				// Continue): the last one is the answer.
				cur.resp = headerParser{}
				cur.ex.Response = &Response{Status: code, Proto: proto, Reason: reason,
					Span: report.Span{Start: tOff, End: l.off + len(l.text)}}
				state = 2
				continue
			}
			if cur.ex.Response == nil {
				continue
			}
			if strings.TrimSpace(rest) == "" {
				state = 3
				continue
			}
			if state == 2 {
				cur.resp.add(line)
				cur.ex.Response.Span.End = l.off + len(l.text)
			}
		}
	}
	flushBody()
	out := make([]Exchange, 0, len(hops))
	for k, h := range hops {
		r := h.ex.Request
		if r == nil {
			// A response-only fragment.
			if h.ex.Response != nil {
				h.ex.Response.Headers = h.resp.hs
				out = append(out, h.ex)
			}
			continue
		}
		r.Headers = h.req.hs
		r.Cookies = cookiesOf(r.Headers)
		if h.ex.Response != nil {
			h.ex.Response.Headers = h.resp.hs
		}
		r.URL, r.URLSpan = hopURL(r, h.url, h.scheme, h.host, h.port, h.tls, k == 0, cmdReq)
		if k == 0 && cmdReq != nil {
			r.Deferred = cmdReq.Deferred
		}
		ex := h.ex
		if len(hops) > 1 {
			if k == 0 {
				ex.Note = fmt.Sprintf("request 1 of %d", len(hops))
			} else {
				ex.Note = fmt.Sprintf("redirect %d of %d", k+1, len(hops))
			}
		}
		out = append(out, ex)
	}
	if len(out) == 0 && cmdReq != nil {
		out = append(out, Exchange{Request: cmdReq})
	}
	return out, nil
}

// hopURL builds the absolute URL of one hop's request: from curl's own
// "OPENED stream for" / "Issue another request" lines, else from the command
// line (first hop), else from the connection (TLS or port 443 means https)
// and the Host header.
func hopURL(r *Request, announced, scheme, connHost, port string, tls, first bool, cmd *Request) (string, report.Span) {
	target := r.URL
	if strings.Contains(target, "://") {
		return target, r.URLSpan
	}
	if announced != "" && strings.Contains(announced, "://") {
		return announced, report.Span{}
	}
	if first && cmd != nil && strings.Contains(cmd.URL, "://") {
		if u := cmd.URL; strings.HasSuffix(u, target) || pathOf(u) == pathOf(target) {
			return u, cmd.URLSpan
		}
	}
	host, _ := r.Header("Host")
	if host == "" {
		host = connHost
		if port != "" && port != "443" && port != "80" {
			host += ":" + port
		}
	}
	if host == "" {
		return target, r.URLSpan
	}
	switch {
	case scheme != "":
	case tls || port == "443" || strings.HasPrefix(r.Proto, "HTTP/2") || strings.HasPrefix(r.Proto, "HTTP/3"):
		scheme = "https"
	case port == "80" || connHost != "":
		// curl -v prints its TLS handshake (ALPN, SSL connection using …)
		// after "Connected to"; a connection without one is plain http.
		scheme = "http"
	default:
		return target, r.URLSpan
	}
	return scheme + "://" + host + target, report.Span{}
}

func pathOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
		return "/"
	}
	return u
}
