package authz

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/token"
)

// Credentials is what an Authorization header carries.
type Credentials struct {
	// Scheme is as written ("Bearer", "bearer", "Basic", "DPoP", …); "" when
	// none could be read.
	Scheme string
	// Canonical is the registered spelling of a known scheme ("Bearer",
	// "Basic", "DPoP", "Digest", "Negotiate", "NTLM", …), the scheme as
	// written for an unknown one, and "" when there is no scheme.
	Canonical string
	// Credential is what follows the scheme, cleaned of the malformations
	// reported (for Bearer and DPoP: the token).
	Credential string
	// Offset is the byte offset of Credential within the analysed input, -1
	// when it is not verbatim there.
	Offset int
	// User is the decoded user-id of Basic credentials.
	User string
	// Password is the decoded Basic password, for the caller to mask; it
	// never appears unmasked in findings.
	Password string
}

// isTchar is RFC 9110 §5.6.2 tchar.
func isTchar(c byte) bool {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func isOWS(c byte) bool { return c == ' ' || c == '\t' }

// parser keeps the value and where it is in the input.
type parser struct {
	v      string
	offset int // offset of v[0] in the input, -1 if unknown
	reveal bool
	fs     []report.Finding
}

func (p *parser) span(i, j int) *report.Span {
	if p.offset < 0 {
		return nil
	}
	return &report.Span{Start: p.offset + i, End: p.offset + j}
}

func (p *parser) add(f report.Finding, i, j int) {
	f.Span = p.span(i, j)
	p.fs = append(p.fs, f)
}

// Parse reads an Authorization header value, a whole "Authorization: …"
// (or "Proxy-Authorization: …") line, or a bare "Bearer …" value. offset is
// the byte offset of value within the analysed input (for spans), or -1.
// Problems are findings; the credential is returned anyway, cleaned of the
// problems reported, so the caller can analyse the token.
func Parse(value string, offset int, reveal bool) (Credentials, []report.Finding) {
	p := &parser{v: value, offset: offset, reveal: reveal}
	c := p.parse()
	return c, p.fs
}

func (p *parser) parse() Credentials {
	v := p.v
	lo, hi := 0, len(v)
	// A whole header line: drop the field name.
	if i := strings.IndexByte(v, ':'); i >= 0 {
		name := strings.TrimSpace(v[:i])
		if strings.EqualFold(name, "authorization") || strings.EqualFold(name, "proxy-authorization") {
			lo = i + 1
		}
	}
	for lo < hi && (isOWS(v[lo]) || v[lo] == '\r' || v[lo] == '\n') {
		lo++
	}
	for hi > lo && (isOWS(v[hi-1]) || v[hi-1] == '\r' || v[hi-1] == '\n') {
		hi--
	}
	c := Credentials{Offset: -1}
	if lo >= hi {
		p.add(report.New(report.TokenPlaceholder, report.Error, report.Client,
			"The Authorization header is empty",
			"The header is present but carries no scheme and no credentials (RFC 9110 §11.6.2): the code that sets it ran without a token.",
			"Make sure the token is set before the request is sent, and send \"Authorization: Bearer <token>\".",
			"Authorization: (empty)", "RFC 9110 §11.6.2", "RFC 6750 §2.1"), lo, lo)
		return c
	}
	// The scheme: a run of tchar.
	s := lo
	for s < hi && isTchar(v[s]) {
		s++
	}
	scheme := v[lo:s]
	lower := strings.ToLower(scheme)
	canon, isKnown := report.AuthSchemes[lower]
	rest := s // where the credentials part begins
	glued := false

	switch {
	case scheme == "":
		// No scheme at all (starts with a quote or another character).
	case !isKnown && strings.HasPrefix(lower, "bearer") && (len(scheme) >= 6+8 || strings.HasPrefix(scheme[6:], "eyJ")):
		scheme, canon, isKnown, s, rest, glued = scheme[:6], "Bearer", true, lo+6, lo+6, true
		p.add(report.New(report.RequestBearerMalformed, report.Error, report.Client,
			"No space between Bearer and the token",
			"The scheme and the token are separated by a space (RFC 6750 §2.1: \"Bearer\" 1*SP b64token); glued together, the server reads one unknown scheme and no token.",
			"Send \"Authorization: Bearer <token>\" with one space after Bearer.",
			report.Evidence(scheme+mask(v[rest:hi], p.reveal)), "RFC 6750 §2.1", "RFC 9110 §11.4"), lo, lo+7)
	case !isKnown && strings.HasPrefix(lower, "basic") && len(scheme) >= 5+4 && !strings.HasPrefix(lower, "basic-"):
		scheme, canon, isKnown, s, rest, glued = scheme[:5], "Basic", true, lo+5, lo+5, true
		p.add(report.New(report.RequestBasicMalformed, report.Error, report.Client,
			"No space between Basic and the credentials",
			"The scheme and the credentials are separated by a space (RFC 7617 §2); glued together, the server reads one unknown scheme.",
			"Send \"Authorization: Basic <base64 of user:password>\" with one space after Basic.",
			report.Evidence(scheme+mask(v[rest:hi], p.reveal)), "RFC 7617 §2", "RFC 9110 §11.4"), lo, lo+6)
	case !isKnown && s == hi && strings.Count(scheme, ".") >= 1 && token.LooksLikeJWT(scheme):
		// A bare token with no scheme.
		cred := v[lo:hi]
		c.Credential, c.Offset = cred, p.abs(lo)
		p.add(report.New(report.RequestBearerMalformed, report.Error, report.Client,
			"The Authorization header has a token but no Bearer scheme",
			"The header value must start with the scheme: \"Authorization: Bearer <token>\" (RFC 9110 §11.6.2, RFC 6750 §2.1). Without it the server cannot tell what the credential is and rejects the request.",
			"Send \"Authorization: Bearer <token>\".",
			report.Evidence("Authorization: "+mask(cred, p.reveal)), "RFC 6750 §2.1", "RFC 9110 §11.6.2"), lo, hi)
		return c
	case !isKnown && hi-lo >= 8 && (s == hi || !report.LooksLikeScheme(scheme) || !isOWS(v[s]) && v[s] != ':'):
		// A credential with no scheme before it: a bare token or key, or a
		// token followed by whatever was pasted after it. The whole value is
		// the credential; none of it is shown as a scheme.
		cred := v[lo:hi]
		c.Credential, c.Offset = cred, p.abs(lo)
		what, detail := "a credential", "The header value must start with the scheme the server expects, \"Authorization: <scheme> <credentials>\" (RFC 9110 §11.6.2); without one the server cannot tell what the credential is and rejects the request."
		if token.LooksLikeJWT(scheme) {
			what = "a token"
		}
		p.add(report.New(report.RequestBearerMalformed, report.Error, report.Client,
			"The Authorization header has "+what+" but no scheme",
			report.Detail(detail),
			"Send \"Authorization: Bearer <token>\" for an access token, or the scheme the API documents (its 401's WWW-Authenticate names it).",
			report.Evidence("Authorization: "+mask(cred, p.reveal)), "RFC 6750 §2.1", "RFC 9110 §11.6.2"), lo, hi)
		return c
	}
	if !isKnown {
		canon = scheme
	}
	c.Scheme, c.Canonical = scheme, canon

	if canon == "Bearer" && scheme != "Bearer" {
		p.add(report.New(report.RequestBearerMalformed, report.Warning, report.Client,
			fmt.Sprintf("The scheme is written %q; some servers only accept \"Bearer\"", scheme),
			"Auth schemes are case-insensitive (RFC 9110 §11.1), but many servers and proxies compare the prefix exactly (e.g. header.startsWith(\"Bearer \")) and refuse other spellings.",
			"Write the scheme exactly as \"Bearer\".",
			report.Evidence(scheme+" "+mask(strings.TrimLeft(v[s:hi], ": \t"), p.reveal)), "RFC 9110 §11.1", "RFC 6750 §2.1"), lo, s)
	}

	if !glued {
		rest = p.separator(rest, hi, canon, scheme)
	}
	// "Bearer Bearer <token>": the prefix added twice.
	if canon == "Bearer" || canon == "DPoP" {
		for n := 0; n < 3; n++ {
			r := v[rest:hi]
			if len(r) < len(scheme) || !strings.EqualFold(r[:len(scheme)], scheme) {
				break
			}
			after := rest + len(scheme)
			if after < hi && !isOWS(v[after]) && v[after] != ':' {
				break
			}
			p.add(report.New(report.RequestBearerMalformed, report.Error, report.Client,
				fmt.Sprintf("The header says %q twice", scheme+" "+scheme),
				report.Detail(fmt.Sprintf("The scheme appears twice: the client added \"%s \" to a value that already had it, so the server reads %q as the token and rejects it.", scheme, scheme)),
				report.Fix(fmt.Sprintf("Add the %s prefix once: either the stored value includes it or the code adds it, not both.", canon)),
				report.Evidence(v[lo:after]+" "+mask(strings.TrimLeft(v[after:hi], ": \t"), p.reveal)), "RFC 6750 §2.1"), rest, after)
			rest = after
			for rest < hi && (isOWS(v[rest]) || v[rest] == ':') {
				rest++
			}
		}
	}

	// Quotes around the credential.
	cs, ce := rest, hi
	if canon == "Bearer" || canon == "Basic" || canon == "DPoP" {
		if q, w := utf8.DecodeRuneInString(v[cs:ce]); isQuote(q) && ce-cs > w {
			if l, lw := utf8.DecodeLastRuneInString(v[cs:ce]); isQuote(l) {
				code, what := report.RequestBearerMalformed, "token"
				if canon == "Basic" {
					code, what = report.RequestBasicMalformed, "credentials"
				}
				inner := v[cs+w : ce-lw]
				p.add(report.New(code, report.Error, report.Client,
					fmt.Sprintf("The %s is wrapped in quotes", what),
					report.Detail(fmt.Sprintf("The %s syntax has no quotes (RFC 6750 §2.1 b64token, RFC 7617 token68): the server takes the quotes as part of the %s, which then fails. The value was usually read from JSON or an .env file with its quotes.", canon, what)),
					report.Fix(fmt.Sprintf("Send the %s without quotes: \"Authorization: %s <%s>\".", what, canon, what)),
					report.Evidence(v[lo:cs]+string(q)+mask(inner, p.reveal)+string(l)), "RFC 6750 §2.1", "RFC 9110 §11.4"), cs, ce)
				cs, ce = cs+w, ce-lw
			}
		}
	}
	c.Credential = v[cs:ce]
	c.Offset = p.abs(cs)

	switch canon {
	case "Bearer":
		if c.Credential == "" {
			p.add(report.New(report.TokenPlaceholder, report.Error, report.Client,
				fmt.Sprintf("The header says %q with no token after it", scheme),
				"The client sent the scheme but an empty token: the variable holding the token was empty when the request was built.",
				"Make sure the token is set before the request is sent (log its length, never its value).",
				report.Evidence("Authorization: "+scheme), "RFC 6750 §2.1", "RFC 6750 §3.1"), lo, hi)
		}
	case "Basic":
		p.basic(&c, cs, ce)
	}
	return c
}

func (p *parser) abs(i int) int {
	if p.offset < 0 {
		return -1
	}
	return p.offset + i
}

// separator checks what separates the scheme from the credentials and
// returns where the credentials start.
func (p *parser) separator(i, hi int, canon, scheme string) int {
	v := p.v
	code := report.RequestBearerMalformed
	if canon == "Basic" {
		code = report.RequestBasicMalformed
	}
	check := canon == "Bearer" || canon == "Basic"
	colon := false
	if i < hi && v[i] == ':' {
		colon = true
		if check {
			p.add(report.New(code, report.Error, report.Client,
				fmt.Sprintf("%q has a colon after the scheme", scheme+":"),
				report.Detail(fmt.Sprintf("The scheme is followed by a space, not a colon: \"Authorization: %s <credentials>\" (RFC 9110 §11.4). The server reads \"%s:\" as an unknown scheme and rejects the request.", canon, scheme)),
				report.Fix(fmt.Sprintf("Remove the colon: \"Authorization: %s <credentials>\".", canon)),
				report.Evidence(v[i-len(scheme):i+1]+" "+mask(strings.TrimLeft(v[i+1:hi], " \t"), p.reveal)), "RFC 6750 §2.1", "RFC 9110 §11.4"), i, i+1)
		}
		i++
	}
	j := i
	for j < hi && isOWS(v[j]) {
		j++
	}
	if !check || j == hi {
		return j
	}
	ws := v[i:j]
	switch {
	case ws == "" && !colon:
		p.add(report.New(code, report.Error, report.Client,
			fmt.Sprintf("No space between %s and the credentials", scheme),
			report.Detail(fmt.Sprintf("The scheme and the credentials are separated by one space (RFC 9110 §11.4); without it the server cannot find where %s ends.", canon)),
			report.Fix(fmt.Sprintf("Send \"Authorization: %s <credentials>\" with one space.", canon)),
			report.Evidence(scheme+mask(v[j:hi], p.reveal)), "RFC 6750 §2.1", "RFC 9110 §11.4"), i, i+1)
	case ws == " ":
	case ws == "" && colon:
	default:
		what := fmt.Sprintf("%d spaces", len(ws))
		if strings.Contains(ws, "\t") {
			what = "a tab"
			if len(ws) > 1 {
				what = fmt.Sprintf("%d spaces and tabs", len(ws))
			}
		}
		p.add(report.New(code, report.Error, report.Client,
			fmt.Sprintf("%s between %s and the credentials", upperFirst(what), scheme),
			report.Detail("RFC 9110 §11.4 allows several spaces, but many servers split the header on a single space and then read an empty token, or compare the prefix \""+canon+" \" exactly; tabs are rejected more often still."),
			report.Fix(fmt.Sprintf("Send exactly one space: \"Authorization: %s <credentials>\".", canon)),
			report.Evidence(fmt.Sprintf("%s%q%s", scheme, ws, mask(v[j:hi], p.reveal))), "RFC 6750 §2.1", "RFC 9110 §11.4"), i, j)
	}
	return j
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '`', '“', '”', '‘', '’', '„', '«', '»':
		return true
	}
	return false
}

func mask(s string, reveal bool) string {
	if reveal {
		return s
	}
	return report.Fingerprint(s)
}

func clipRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

// KnownScheme reports whether name is a registered or common vendor
// authentication scheme (case-insensitive).
func KnownScheme(name string) bool {
	_, ok := report.AuthSchemes[strings.ToLower(name)]
	return ok
}
