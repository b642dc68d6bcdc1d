package exchange

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// Header is one header field, raw and unmasked.
type Header struct {
	Name, Value string
	// Span locates the whole field line in the analysed input (zero if unknown).
	Span report.Span
	// ValueSpan locates Value in the analysed input when it is there verbatim
	// (zero if unknown, e.g. an obs-folded value, a header built from curl -u,
	// or a HAR entry).
	ValueSpan report.Span
	// ShellVar is set on a header of a pasted command whose value holds a
	// shell variable: ShellExpands when the shell replaces it as the command
	// runs (so the paste does not show what was sent), ShellLiteral when
	// single quotes keep it as written.
	ShellVar byte
}

// How a command's header holds a shell variable (Header.ShellVar).
const (
	ShellExpands byte = 1 + iota
	ShellLiteral
)

// Cookie is one cookie a request sent.
type Cookie struct{ Name, Value string }

// Request is what the client sent.
type Request struct {
	Method, URL, Proto string
	Headers            []Header
	Body               string
	Span               report.Span
	// Cookies are parsed from Cookie headers, curl -b and HAR request.cookies.
	Cookies []Cookie
	// URLSpan locates URL in the analysed input when it is there verbatim.
	URLSpan report.Span
	// Deferred is set when the client computes its credentials only after a
	// challenge (curl --digest, --ntlm, --negotiate, --anyauth, --aws-sigv4), so
	// a first request without Authorization is expected.
	Deferred string
	// Unsent are credentials the pasted command holds but did not send as
	// such (curl -u or --oauth2-bearer beside an explicit Authorization
	// header, -u with --digest): not evidence of the request, but still
	// secrets of the paste (Source as in Credential, Offset in the input).
	Unsent []Credential
	// From names the kind of text the request was read from (report.Kind…).
	From string
}

// Response is what the server answered.
type Response struct {
	// Status is 0 when unknown (headers pasted without a status line).
	Status        int
	Proto, Reason string
	Headers       []Header
	Body          string
	Span          report.Span
}

// Exchange is one request and the response to it; either may be nil.
type Exchange struct {
	Request  *Request
	Response *Response
	// Note says where it came from: "redirect 2 of 3", "HAR entry 17 (GET https://…)".
	Note string
}

// Credential is one credential a request carries.
type Credential struct {
	// Source is "request.authorization", "request.proxy-authorization",
	// "request.header.<name>", "request.cookie.<name>", "request.query.<name>"
	// or "request.userinfo".
	Source string
	// Value is raw and unmasked (for Authorization: the whole field value,
	// scheme included).
	Value string
	// Offset is the byte offset of Value in the analysed input, -1 when it is
	// not there verbatim.
	Offset int
}

// Context carries what the caller learned from the tokens (this package does
// not read tokens itself).
type Context struct {
	// TokenScopes are the scopes of the token sent, from its scope/scp claim.
	TokenScopes []string
	// HasScopeClaim says whether the token had a scope/scp claim at all.
	HasScopeClaim bool
	// Reveal shows credentials in full instead of fingerprints.
	Reveal bool
}

// Get returns the value of the first header named name (case-insensitive).
func Get(hs []Header, name string) (string, bool) {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// Values returns the values of every header named name, in order.
func Values(hs []Header, name string) []string {
	var out []string
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			out = append(out, h.Value)
		}
	}
	return out
}

// Header returns the first request header named name.
func (r *Request) Header(name string) (string, bool) { return Get(r.Headers, name) }

// Header returns the first response header named name.
func (r *Response) Header(name string) (string, bool) { return Get(r.Headers, name) }
