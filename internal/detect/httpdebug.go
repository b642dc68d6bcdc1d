package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// ---- client wire dumps (report.KindHTTPDebug) ----

// Flavours of http-debug parts: the program whose debug output it is.
const (
	FlavorPythonHTTPClient = "Python http.client"
	FlavorPythonRequests   = "Python requests"
	FlavorWget             = "wget -d"
	FlavorNode             = "Node NODE_DEBUG=http"
)

// maxDebugLines bounds the lines one http-debug part may span.
const maxDebugLines = 2000

// httpDebugStart names the flavour of wire dump a trimmed line starts, ""
// when it starts none: Python http.client's "send: b'…'" and "reply: '…'"
// (set_debuglevel(1), which requests shows too), urllib3's connection pool
// log line, wget -d's "---request begin---" and banner, Node's
// "HTTP 1234: …" (NODE_DEBUG=http).
func httpDebugStart(t string) string {
	switch {
	case pythonSendReply(t):
		return FlavorPythonHTTPClient
	case strings.HasPrefix(t, "DEBUG:urllib3.connectionpool:"):
		return FlavorPythonRequests
	case t == "---request begin---" || t == "---response begin---" || strings.HasPrefix(t, "DEBUG output created by Wget"):
		return FlavorWget
	case strings.HasPrefix(t, "Setting --") && strings.Contains(t, ") to "):
		return FlavorWget
	case nodeDebugLine(t):
		return FlavorNode
	}
	return ""
}

// pythonSendReply reports http.client's "send: b'…'" and "reply: '…'" lines.
func pythonSendReply(t string) bool {
	return strings.HasPrefix(t, "send: b'") || strings.HasPrefix(t, `send: b"`) ||
		strings.HasPrefix(t, "reply: '") || strings.HasPrefix(t, `reply: "`)
}

// pythonDebugLine reports a line of http.client's debug output or of
// urllib3's DEBUG log around it.
func pythonDebugLine(t string) bool {
	return pythonSendReply(t) || strings.HasPrefix(t, "header: ") || strings.HasPrefix(t, "DEBUG:urllib3.")
}

// nodeDebugLine reports Node's NODE_DEBUG line "HTTP 1234: …" (or NET).
func nodeDebugLine(t string) bool {
	rest, ok := strings.CutPrefix(t, "HTTP ")
	if !ok {
		rest, ok = strings.CutPrefix(t, "NET ")
	}
	if !ok {
		return false
	}
	i := 0
	for i < len(rest) && isDigit(rest[i]) {
		i++
	}
	return i > 0 && i < len(rest) && rest[i] == ':'
}

// matchHTTPDebug reads the wire dump starting at the line at off.
func (s *scanner) matchHTTPDebug(off int, t string, tOff int) ([]Part, int, bool) {
	switch httpDebugStart(t) {
	case FlavorPythonHTTPClient, FlavorPythonRequests:
		return s.debugBlock(off, tOff, pythonDebugLine, pythonSendReply, pythonFlavor)
	case FlavorNode:
		return s.debugBlock(off, tOff, func(t string) bool {
			return nodeDebugLine(t) || strings.HasPrefix(t, "(node:") || strings.HasPrefix(t, "(Use `node")
		}, func(t string) bool { return strings.Contains(t, "createConnection") }, func(string) string { return FlavorNode })
	case FlavorWget:
		return s.matchWget(off, tOff)
	}
	return nil, 0, false
}

func pythonFlavor(text string) string {
	if strings.Contains(text, "urllib3") || strings.Contains(text, "python-requests/") {
		return FlavorPythonRequests
	}
	return FlavorPythonHTTPClient
}

// debugBlock reads consecutive lines for which line holds (indented lines
// and closing brackets continue the one before, as Node prints objects); it
// is a part only if one of them is key.
func (s *scanner) debugBlock(off, tOff int, line, key func(string) bool, flavor func(string) string) ([]Part, int, bool) {
	text := s.text
	end, next := off, off
	found := false
	for o, n := off, 0; o < len(text) && n < maxDebugLines; n++ {
		le, nx := lineAt(text, o)
		lt, lOff := trimmed(text, o, le)
		cont := n > 0 && lt != "" && (text[o] == ' ' || text[o] == '\t' || lt[0] == '}' || lt[0] == ']')
		if lt == "" || !line(lt) && !cont {
			break
		}
		found = found || key(lt)
		end, next = lOff+len(lt), nx
		o = nx
	}
	if !found {
		return nil, 0, false
	}
	p := s.part(report.KindHTTPDebug, tOff, end)
	p.Flavor = flavor(p.Text)
	return []Part{p}, next, true
}

// wgetMarker reports a line wget -d writes around its request and response.
func wgetMarker(t string) bool {
	return t == "---request begin---" || t == "---request end---" || t == "---response begin---" || t == "---response end---"
}

// matchWget reads wget -d output: from its first line to the end of the
// lines after its last "---response end---" (the status and the body it
// skipped). Inside a marker pair every line is the message; outside, the
// dump ends at two blank lines in a row or at a prompt.
func (s *scanner) matchWget(off, tOff int) ([]Part, int, bool) {
	text := s.text
	end, next := -1, off
	inside, blank, seenBegin := false, 0, false
	tail := false // after a ---response end---: its status lines
	for o, n := off, 0; o < len(text) && n < maxDebugLines; n++ {
		le, nx := lineAt(text, o)
		lt, lOff := trimmed(text, o, le)
		switch {
		case wgetMarker(lt):
			inside = strings.HasSuffix(lt, "begin---")
			seenBegin = seenBegin || inside
			tail = lt == "---response end---"
			end, next, blank = lOff+len(lt), nx, 0
		case inside:
			if lt != "" {
				end, next = lOff+len(lt), nx
			}
		case lt == "":
			blank++
			tail = false
			if blank >= 2 {
				o = len(text)
				continue
			}
		case strings.HasPrefix(lt, "$ ") || isFence(lt) || strings.HasPrefix(lt, "curl "):
			o = len(text)
			continue
		default:
			blank = 0
			if tail {
				end, next = lOff+len(lt), nx
			}
		}
		o = nx
	}
	if !seenBegin || end < 0 {
		return nil, 0, false
	}
	p := s.part(report.KindHTTPDebug, tOff, end)
	p.Flavor = FlavorWget
	return []Part{p}, next, true
}
