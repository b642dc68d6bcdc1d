package detect

import (
	"strconv"
	"strings"
)

var methods = map[string]bool{
	"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true,
	"OPTIONS": true, "TRACE": true, "CONNECT": true,
}

var reasons = map[int]string{
	100: "continue", 101: "switching protocols", 200: "ok", 201: "created", 202: "accepted", 204: "no content",
	301: "moved permanently", 302: "found", 303: "see other", 304: "not modified", 307: "temporary redirect",
	308: "permanent redirect", 400: "bad request", 401: "unauthorized", 402: "payment required", 403: "forbidden",
	404: "not found", 405: "method not allowed", 406: "not acceptable", 407: "proxy authentication required",
	408: "request timeout", 409: "conflict", 410: "gone", 415: "unsupported media type", 419: "page expired",
	422: "unprocessable entity", 428: "precondition required", 429: "too many requests",
	500: "internal server error", 501: "not implemented", 502: "bad gateway", 503: "service unavailable",
	504: "gateway timeout",
}

func statusCode(s string) (int, bool) {
	if len(s) != 3 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, n >= 100 && n <= 599
}

// ParseStatusLine reads a response status line as people paste it:
// "HTTP/1.1 401 Unauthorized", "HTTP/2 401", "HTTP/3 401", "HTTP 401
// Unauthorized", "Status code: 401", "Status: 401 Unauthorized", ":status: 401"
// and the browser devtools' "401 Unauthorized". proto is the protocol as
// written ("HTTP/2"), or "" when the line has none.
func ParseStatusLine(line string) (proto string, code int, reason string, ok bool) {
	t := strings.TrimSpace(line)
	if len(t) > 200 {
		return "", 0, "", false
	}
	if len(t) >= 4 && strings.EqualFold(t[:4], "HTTP") {
		rest := t[4:]
		p := t[:4]
		if strings.HasPrefix(rest, "/") {
			i := 1
			for i < len(rest) && (isDigit(rest[i]) || rest[i] == '.') {
				i++
			}
			if i == 1 {
				return "", 0, "", false
			}
			p, rest = t[:4+i], rest[i:]
		}
		if rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
			return "", 0, "", false
		}
		f := strings.TrimLeft(rest, " \t")
		c, r, _ := strings.Cut(f, " ")
		n, ok := statusCode(c)
		if !ok {
			return "", 0, "", false
		}
		return p, n, strings.TrimSpace(r), true
	}
	for _, pre := range []string{"status code:", "status:", ":status:"} {
		if len(t) >= len(pre) && strings.EqualFold(t[:len(pre)], pre) {
			f := strings.TrimSpace(t[len(pre):])
			c, r, _ := strings.Cut(f, " ")
			if n, ok := statusCode(c); ok {
				return "", n, strings.Trim(strings.TrimSpace(r), "()"), true
			}
			return "", 0, "", false
		}
	}
	if t == "" || !isDigit(t[0]) {
		return "", 0, "", false
	}
	c, r, found := strings.Cut(t, " ")
	if n, ok := statusCode(c); ok && found {
		r = strings.TrimSpace(r)
		if want, known := reasons[n]; known && strings.EqualFold(strings.Trim(r, "()"), want) {
			return "", n, strings.Trim(r, "()"), true
		}
	}
	return "", 0, "", false
}

// ParseRequestLine reads "METHOD target HTTP/x" (RFC 9112 §3) and the
// version-less "GET https://api.example.com/me" of .http files and logs.
func ParseRequestLine(line string) (method, target, proto string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || line[0] < 'A' || line[0] > 'Z' || strings.Count(line, " ") > 8 {
		return "", "", "", false
	}
	f := strings.Fields(line)
	if len(f) < 2 || len(f) > 3 || len(line) > 16<<10 {
		return "", "", "", false
	}
	m := f[0]
	if len(f) == 3 {
		if !strings.HasPrefix(f[2], "HTTP/") && f[2] != "HTTP" {
			return "", "", "", false
		}
		if !methods[m] {
			for i := 0; i < len(m); i++ {
				if m[i] < 'A' || m[i] > 'Z' {
					return "", "", "", false
				}
			}
			if len(m) > 20 {
				return "", "", "", false
			}
		}
		return m, f[1], f[2], true
	}
	if !methods[m] {
		return "", "", "", false
	}
	t := f[1]
	if strings.HasPrefix(t, "/") || strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") {
		return m, t, "", true
	}
	return "", "", "", false
}

// devtoolsNames are the "General" lines of browser devtools, which are not
// header fields but look like them.
var devtoolsNames = []string{"request url", "request method", "status code", "remote address", "referrer policy"}

// SplitHeader splits a "Name: value" line. Names are RFC 9110 tokens,
// optionally with a leading ':' (HTTP/2 pseudo-headers as devtools show them),
// or one of the devtools "General" names ("Request URL", "Status Code", …).
// The value is returned without surrounding whitespace.
func SplitHeader(line string) (name, value string, ok bool) {
	i := 0
	if strings.HasPrefix(line, ":") {
		i = 1
	}
	j := i
	for j < len(line) && IsTchar(line[j]) {
		j++
	}
	if j == i || j >= len(line) || line[j] != ':' {
		if j < len(line) && line[j] == ' ' {
			l := strings.ToLower(line)
			for _, n := range devtoolsNames {
				if strings.HasPrefix(l, n+":") {
					return line[:len(n)], strings.TrimSpace(line[len(n)+1:]), true
				}
			}
		}
		return "", "", false
	}
	v := line[j+1:]
	if strings.HasPrefix(v, "//") {
		return "", "", false // a URL, not a header
	}
	return line[:j], strings.Trim(v, " \t"), true
}

var responseHeaders = map[string]bool{
	"www-authenticate": true, "proxy-authenticate": true, "set-cookie": true, "server": true,
	"access-control-allow-origin": true, "access-control-allow-headers": true, "access-control-allow-methods": true,
	"access-control-allow-credentials": true, "access-control-expose-headers": true, "access-control-max-age": true,
	"dpop-nonce": true, "location": true, "retry-after": true, "etag": true, "last-modified": true, "expires": true,
	"age": true, "vary": true, "x-powered-by": true, "strict-transport-security": true, "content-security-policy": true,
	"x-frame-options": true, "status code": true, ":status": true, "x-content-type-options": true,
	"authentication-info": true, "docker-distribution-api-version": true, "x-ratelimit-remaining": true,
	"x-ratelimit-limit": true, "cf-ray": true, "x-cache": true, "via": true, "x-amzn-requestid": true,
	"x-request-id": false, "www-authenticate-error": true, "accept-ranges": true, "content-disposition": true,
	"x-ms-request-id": true,
}

var requestHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "host": true, "user-agent": true, "accept": true,
	"accept-encoding": true, "accept-language": true, "cookie": true, "origin": true, "referer": true,
	"access-control-request-method": true, "access-control-request-headers": true, "dpop": true,
	"if-none-match": true, "if-modified-since": true, ":method": true, ":path": true, ":authority": true,
	":scheme": true, "request url": true, "request method": true, "x-requested-with": true,
	"upgrade-insecure-requests": true, "dnt": true, "sec-fetch-mode": true, "sec-fetch-site": true,
	"sec-fetch-dest": true, "sec-ch-ua": true, "sec-ch-ua-mobile": true, "sec-ch-ua-platform": true,
	"x-api-key": true, "api-key": true, "x-auth-token": true, "private-token": true, "x-access-token": true,
	"ocp-apim-subscription-key": true, "x-goog-api-key": true, "apikey": true, "x-csrf-token": true,
	"x-xsrf-token": true, "priority": true, "pragma": false,
}

// Headers seen on both sides; enough for a bare header block to be HTTP.
var commonHeaders = map[string]bool{
	"content-type": true, "content-length": true, "date": true, "cache-control": true, "connection": true,
	"content-encoding": true, "transfer-encoding": true, "keep-alive": true, "pragma": true, "x-request-id": true,
	"traceparent": true, "x-correlation-id": true, "content-language": true,
}

func headerSide(name string) (resp, req, common bool) {
	n := strings.ToLower(name)
	if responseHeaders[n] || strings.HasPrefix(n, "access-control-allow-") || strings.HasPrefix(n, "x-ratelimit") {
		return true, false, false
	}
	if requestHeaders[n] || strings.HasPrefix(n, "sec-") {
		return false, true, false
	}
	return false, false, commonHeaders[n]
}
