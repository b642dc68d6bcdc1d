package detect

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

// Accepted lists, for people, the kinds of text Detect recognises.
const Accepted = "a JWT (eyJ…), an Authorization header or value (Bearer …, Basic …), a WWW-Authenticate header or challenge, " +
	"a raw HTTP response or request (curl -i, devtools), a curl -v transcript, a curl command (Copy as cURL), " +
	"a HAR export, a JWKS or JWK, a PEM key or certificate, a server log or stack trace, or a decoded token payload (JSON claims, with date +%s)"

// Unrecognized builds the input.unrecognized finding for a part Detect could
// not classify. The evidence is a short excerpt; a part that is one long word
// (perhaps an opaque token) is fingerprinted instead, so it never appears in
// full.
func Unrecognized(p Part) report.Finding {
	t := strings.TrimSpace(p.Text)
	lines := strings.Count(t, "\n") + 1
	f := report.Finding{
		Code:     report.InputUnrecognized,
		Severity: report.Warning,
		Side:     report.Client,
		Refs:     []string{},
		Span:     &report.Span{Start: p.Start, End: p.End},
	}
	word := t != "" && !strings.ContainsAny(t, " \t\r\n")
	switch {
	case t == "":
		f.Title = "Nothing was pasted"
		f.Evidence = "(empty)"
	case word && len(t) >= 16 && !strings.Contains(t, "://"):
		f.Title = fmt.Sprintf("A %d-character word was not recognised: it may be an opaque token, which cannot be decoded here", utf8.RuneCountInString(t))
		f.Evidence = report.Fingerprint(t)
	case lines == 1:
		f.Title = "One line of the paste was not recognised"
		f.Evidence = excerpt(t)
	default:
		f.Title = fmt.Sprintf("%d lines of the paste were not recognised", lines)
		f.Evidence = excerpt(t)
	}
	f.Detail = "This text is none of the kinds authdebug reads, so it was not analysed. Accepted: " + Accepted + "."
	if word && len(t) >= 16 {
		f.Detail += " Opaque (non-JWT) access tokens carry no readable claims: only the server that issued them can say why they are refused, for example through its token introspection endpoint (RFC 7662)."
	}
	f.Fix = "Paste the failing request and response instead: the output of curl -v, a Copy as cURL command with the 401 response, a HAR export, or the token itself."
	return f
}

// excerpt returns the first line of t, cut to 80 characters. Long words in
// it that look like credentials are fingerprinted.
func excerpt(t string) string {
	first, _, _ := strings.Cut(t, "\n")
	first = strings.TrimSpace(first)
	ws := strings.Fields(first)
	for i, w := range ws {
		if len(w) >= 24 && !strings.Contains(w, "://") && strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			ws[i] = "[" + report.Fingerprint(w) + "]"
		}
	}
	first = strings.Join(ws, " ")
	if utf8.RuneCountInString(first) > 80 {
		first = string([]rune(first)[:79]) + "…"
	}
	if strings.Contains(t, "\n") {
		first += " …"
	}
	return first
}
