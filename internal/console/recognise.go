package console

import (
	"strconv"
	"strings"
)

// Browsers, as Message.Browser names them.
const (
	Chromium = "Chromium"
	Firefox  = "Firefox"
	Safari   = "Safari"
)

// Causes of a console message.
const (
	// CORS: the browser withheld the response, or never sent the request.
	NoAllowOrigin       = "no-allow-origin"      // no Access-Control-Allow-Origin
	OriginMismatch      = "origin-mismatch"      // it names another origin
	MultipleOrigins     = "multiple-origins"     // it has several values
	HeaderNotAllowed    = "header-not-allowed"   // a request header not in Access-Control-Allow-Headers
	MethodNotAllowed    = "method-not-allowed"   // the method not in Access-Control-Allow-Methods
	PreflightStatus     = "preflight-status"     // the preflight answered with a non-2xx status
	PreflightRedirect   = "preflight-redirect"   // the preflight (or a CORS request) was redirected
	WildcardCredentials = "wildcard-credentials" // Access-Control-Allow-Origin: * with credentials
	CredentialsNotTrue  = "credentials-not-true" // Access-Control-Allow-Credentials is not true
	CORSOther           = "cors-other"           // a CORS refusal that names no reason
	FetchFailed         = "fetch-failed"         // the promise rejection, which names no reason
	NetError            = "net-error"            // a network error (net::ERR_…, Firefox's "did not succeed")
	MixedContent        = "mixed-content"        // an http:// call from an https:// page
)

// Message is one console message recognised.
type Message struct {
	Browser string
	Cause   string
	// URL is the request URL the message names, Origin the page's origin.
	URL, Origin string
	// Header is the request header a preflight refused, as written;
	// Method the method it refused; Value the Access-Control-Allow-Origin
	// value the server sent (origin-mismatch).
	Header, Method, Value string
	// Status is the HTTP status the message names, 0 when none.
	Status int
	// Code is the net::ERR_ code without its prefix (CONNECTION_REFUSED).
	Code string
	// Text is the message without the place it was printed from.
	Text string
	// Start and End locate Text in the text read; Line is its line from 1.
	Start, End, Line int
}

// CORS reports whether the cause is a CORS refusal.
func (m Message) CORS() bool {
	switch m.Cause {
	case FetchFailed, NetError, MixedContent:
		return false
	}
	return true
}

// maxLines bounds the lines one read looks at.
const maxLines = 5000

// IsLine reports whether a trimmed line is a browser console message this
// package recognises.
func IsLine(t string) bool {
	if len(t) > 16<<10 {
		return false
	}
	_, ok := recognise(strip(t))
	return ok
}

// Recognise reads console output and returns its messages, in order.
func Recognise(text string) []Message {
	var out []Message
	off := 0
	for n := 1; off < len(text) && n <= maxLines; n++ {
		end, next := len(text), len(text)
		if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
			end, next = off+i, off+i+1
		}
		line := strings.TrimRight(text[off:end], "\r")
		if t := strings.TrimSpace(line); t != "" && len(t) <= 16<<10 {
			msg, place := strip(t)
			if m, ok := recognise(msg, place); ok {
				m.Start = off + strings.Index(line, msg)
				m.End = m.Start + len(msg)
				m.Line = n
				out = append(out, m)
			}
		}
		off = next
	}
	return out
}

// strip removes, and returns second, what a console prints before a message: the place it came
// from ("http://x/app.js:12 ", "(index):1 ", "VM12:3 "), Safari's level
// ("[Error] "), Chromium's "Uncaught (in promise) ".
func strip(t string) (string, string) {
	place := ""
	for _, p := range []string{"[Error] ", "[Warning] ", "[Log] ", "[Info] ", "Error: ", "❌ "} {
		t = strings.TrimPrefix(t, p)
	}
	if sp := strings.IndexByte(t, ' '); sp > 0 {
		p := t[:sp]
		if c := strings.LastIndexByte(p, ':'); c > 0 && c < len(p)-1 && digits(p[c+1:]) {
			t, place = strings.TrimLeft(t[sp:], " \t"), p[:c]
		}
	}
	t = strings.TrimPrefix(t, "Unhandled Promise Rejection: ")
	t = strings.TrimPrefix(t, "Uncaught (in promise) ")
	return strings.TrimPrefix(t, "Uncaught "), place
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// between returns the text between the first open after from and the
// next close ("" when absent).
func between(s, from, open, close string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if open != "" {
		j := strings.Index(s, open)
		if j < 0 {
			return ""
		}
		s = s[j+len(open):]
	}
	if k := strings.Index(s, close); k >= 0 {
		return s[:k]
	}
	return ""
}

// status reads "Status code: 401".
func status(t string) int {
	if i := strings.Index(t, "Status code: "); i >= 0 {
		return atoi3(t[i+len("Status code: "):])
	}
	return 0
}

func atoi3(s string) int {
	if len(s) < 3 || !digits(s[:3]) {
		return 0
	}
	n, _ := strconv.Atoi(s[:3])
	return n
}

// recognise reads one message (its place stripped).
func recognise(t, place string) (Message, bool) {
	m := Message{Text: t}
	switch {
	case strings.Contains(t, "has been blocked by CORS policy: "):
		m.Browser = Chromium
		m.URL = between(t, " at '", "", "'")
		m.Origin = between(t, "from origin '", "", "'")
		readReason(&m, t[strings.Index(t, "CORS policy: ")+len("CORS policy: "):], chromiumReasons)
	case strings.HasPrefix(t, "Cross-Origin Request Blocked: "):
		m.Browser = Firefox
		q := quotes(t)
		m.URL = strings.TrimSuffix(strings.TrimSpace(between(q, "remote resource at ", "", " (Reason:")), ".")
		m.Status = status(q)
		readReason(&m, between(q, "(Reason: ", "", ")"), firefoxReasons)
	case strings.HasPrefix(t, "TypeError: Failed to fetch"):
		m.Browser, m.Cause = Chromium, FetchFailed
	case strings.HasPrefix(t, "TypeError: NetworkError when attempting to fetch resource"):
		m.Browser, m.Cause = Firefox, FetchFailed
	case t == "TypeError: Load failed" || strings.HasPrefix(t, "TypeError: Load failed "):
		m.Browser, m.Cause = Safari, FetchFailed
	case strings.HasPrefix(t, "Mixed Content: The page at '"):
		m.Browser, m.Cause = Chromium, MixedContent
		m.Origin = between(t, "The page at '", "", "'")
		m.URL = between(t, "insecure ", "'", "'")
	case strings.HasPrefix(t, "Blocked loading mixed active content "):
		m.Browser, m.Cause = Firefox, MixedContent
		m.URL = strings.Trim(strings.TrimPrefix(t, "Blocked loading mixed active content "), "“”\"")
	case strings.HasPrefix(t, "[blocked] The page at ") && strings.Contains(t, " insecure content from "):
		m.Browser, m.Cause = Safari, MixedContent
		m.Origin = between(t, "The page at ", "", " ")
		if i := strings.Index(t, "insecure content from "); i >= 0 {
			m.URL = strings.TrimSuffix(t[i+len("insecure content from "):], ".")
		}
	case strings.Contains(t, "net::ERR_"):
		return netError(m, t, place)
	case strings.HasPrefix(t, "Origin ") && strings.Contains(t, " is not allowed by Access-Control-Allow-Origin"):
		m.Browser, m.Cause = Safari, NoAllowOrigin
		m.Origin = between(t, "Origin ", "", " is not allowed")
		m.Status = status(t)
	case strings.HasPrefix(t, "Failed to load resource: Origin ") && strings.Contains(t, " is not allowed by Access-Control-Allow-Origin"):
		m.Browser, m.Cause = Safari, NoAllowOrigin
		m.Origin = between(t, "Origin ", "", " is not allowed")
		m.Status = status(t)
	case strings.HasPrefix(t, "Fetch API cannot load ") && strings.HasSuffix(strings.TrimSuffix(t, "."), "due to access control checks"):
		m.Browser, m.Cause = Safari, CORSOther
		m.URL = between(t, "Fetch API cannot load ", "", " due to")
	case strings.HasPrefix(t, "XMLHttpRequest cannot load ") && strings.Contains(t, "due to access control checks"):
		m.Browser, m.Cause = Safari, CORSOther
		m.URL = between(t, "XMLHttpRequest cannot load ", "", " due to")
	case strings.HasPrefix(t, "Request header field ") && strings.Contains(t, " is not allowed by Access-Control-Allow-Headers"):
		m.Browser, m.Cause = Safari, HeaderNotAllowed
		m.Header = between(t, "Request header field ", "", " is not")
	case strings.HasPrefix(t, "Preflight response is not successful"):
		m.Browser, m.Cause = Safari, PreflightStatus
		m.Status = status(t)
	default:
		return m, false
	}
	return m, m.Cause != ""
}

// quotes replaces Firefox's typographic quotes with ASCII ones.
func quotes(t string) string {
	return strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"").Replace(t)
}

// reason maps words of a browser's CORS reason to its cause.
type reason struct{ words, cause string }

// chromiumReasons are the reasons after "blocked by CORS policy: "
// (Chromium's cors_error_status), the more specific first.
var chromiumReasons = []reason{
	{"Request header field ", HeaderNotAllowed},
	{"is not allowed by Access-Control-Allow-Methods", MethodNotAllowed},
	{"It does not have HTTP ok status", PreflightStatus},
	{"Redirect is not allowed for a preflight request", PreflightRedirect},
	{"must not be the wildcard '*' when the request's credentials mode is 'include'", WildcardCredentials},
	{"'Access-Control-Allow-Credentials' header in the response is", CredentialsNotTrue},
	{"header contains multiple values", MultipleOrigins},
	{"'Access-Control-Allow-Origin' header has a value '", OriginMismatch},
	{"No 'Access-Control-Allow-Origin' header is present", NoAllowOrigin},
}

// firefoxReasons are the "(Reason: …)" of Firefox's CORS message (MDN,
// "CORS errors"; quotes already made ASCII).
var firefoxReasons = []reason{
	{"missing token '", HeaderNotAllowed},
	{"according to header 'Access-Control-Allow-Headers'", HeaderNotAllowed},
	{"Did not find method in CORS header", MethodNotAllowed},
	{"in CORS header 'Access-Control-Allow-Methods'", MethodNotAllowed},
	{"Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'", WildcardCredentials},
	{"expected 'true' in CORS header 'Access-Control-Allow-Credentials'", CredentialsNotTrue},
	{"CORS preflight channel did not succeed", PreflightStatus},
	{"CORS preflight response did not succeed", PreflightStatus},
	{"CORS header 'Access-Control-Allow-Origin' does not match", OriginMismatch},
	{"multiple CORS header 'Access-Control-Allow-Origin' not allowed", MultipleOrigins},
	{"CORS request external redirect not allowed", PreflightRedirect},
	{"CORS header 'Access-Control-Allow-Origin' missing", NoAllowOrigin},
	{"CORS request did not succeed", NetError},
}

// readReason sets m's cause from the first reason whose words r holds, and
// what the reason quotes (header, method, origin value).
func readReason(m *Message, r string, table []reason) {
	m.Cause = CORSOther
	for _, x := range table {
		if strings.Contains(r, x.words) {
			m.Cause = x.cause
			break
		}
	}
	switch m.Cause {
	case HeaderNotAllowed:
		if m.Header = between(r, "Request header field ", "", " is not"); m.Header == "" {
			m.Header = between(r, "", "'", "'")
		}
	case MethodNotAllowed:
		m.Method = between(r, "Method ", "", " is not")
	case OriginMismatch:
		if m.Value = between(r, "header has a value '", "", "'"); m.Value == "" {
			m.Value = between(r, "does not match ", "'", "'")
		}
	}
}

// netError reads Chromium's network error lines: "Failed to load resource:
// net::ERR_X", "GET https://… net::ERR_X 401 (Unauthorized)".
func netError(m Message, t, place string) (Message, bool) {
	i := strings.Index(t, "net::ERR_")
	j := i + len("net::ERR_")
	for j < len(t) && (t[j] >= 'A' && t[j] <= 'Z' || t[j] >= '0' && t[j] <= '9' || t[j] == '_') {
		j++
	}
	code := t[i+len("net::ERR_") : j]
	if code == "" {
		return m, false
	}
	before := strings.TrimSpace(t[:i])
	after := strings.TrimSpace(t[j:])
	switch {
	case before == "Failed to load resource:":
		if strings.Contains(place, "://") {
			m.URL = place // the console prints the resource as the place
		}
	case strings.Count(before, " ") == 1 && isMethod(before[:strings.IndexByte(before, ' ')]) && strings.Contains(before, "://"):
		m.URL = before[strings.IndexByte(before, ' ')+1:]
	default:
		return m, false // net::ERR_ in prose or another program's output
	}
	m.Browser, m.Cause, m.Code = Chromium, NetError, code
	m.Status = atoi3(after)
	return m, true
}

func isMethod(s string) bool {
	switch s {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return true
	}
	return false
}
