package serverlog

import "strings"

// Access is one access-log line: a request and the status it was answered
// with (uvicorn, gunicorn, nginx's combined format, urllib3 …:
// `"GET /users/me HTTP/1.1" 401`).
type Access struct {
	Method, Path string
	Status       int
	// Start and End locate the quoted request line and its status in the
	// text read; Line is the line's number, from 1.
	Start, End, Line int
}

// AccessLines returns the access-log lines of a log, in order.
func AccessLines(text string) []Access {
	var out []Access
	for _, l := range split(text) {
		if a, ok := accessLine(l.raw); ok {
			a.Start += l.start
			a.End += l.start
			a.Line = l.n
			out = append(out, a)
		}
	}
	return out
}

// accessLine reads `"METHOD target HTTP/x" NNN` in a line; offsets are in it.
func accessLine(s string) (Access, bool) {
	for i := 0; i < len(s); {
		q := strings.IndexByte(s[i:], '"')
		if q < 0 {
			break
		}
		q += i
		e := strings.IndexByte(s[q+1:], '"')
		if e < 0 {
			break
		}
		e += q + 1
		f := strings.Fields(s[q+1 : e])
		rest := strings.TrimLeft(s[e+1:], " ")
		if len(f) == 3 && isHTTPMethod(f[0]) && strings.HasPrefix(f[2], "HTTP/") && len(rest) >= 3 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && (len(rest) == 3 || rest[3] == ' ') {
			st := int(rest[0]-'0')*100 + int(rest[1]-'0')*10 + int(rest[2]-'0')
			end := len(s) - len(rest) + 3
			return Access{Method: f[0], Path: f[1], Status: st, Start: q, End: end}, true
		}
		i = e + 1
	}
	return Access{}, false
}

func isHTTPMethod(m string) bool {
	switch m {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return true
	}
	return false
}
