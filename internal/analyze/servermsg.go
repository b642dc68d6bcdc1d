package analyze

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/servermsg"
)

// causeCodes maps a server message's cause to the finding code of that cause.
var causeCodes = map[string]string{
	"expired":            report.TokenExpired,
	"not-yet-valid":      report.TokenNotYetValid,
	"iat-future":         report.TokenIssuedInFuture,
	"bad-signature":      report.SignatureInvalid,
	"wrong-alg":          report.SignatureAlgMismatch,
	"alg-none":           report.TokenAlgNone,
	"kid-not-found":      report.SignatureKidNotFound,
	"jwks-fetch-failed":  report.KeysFetchFailed,
	"wrong-audience":     report.ClaimsAudMismatch,
	"wrong-issuer":       report.ClaimsIssMismatch,
	"missing-claim":      report.ClaimsMissing,
	"insufficient-scope": report.ResponseInsufficientScope,
	"malformed":          report.TokenMalformed,
	"missing-token":      report.RequestNoCredentials,
}

// tokenIntrinsic are the codes the engine decides from the token alone: when
// it decoded the token sent and did not raise one, the server disagrees with
// what the token says, and the engine does not echo the server.
var tokenIntrinsic = map[string]bool{
	report.TokenExpired: true, report.TokenNotYetValid: true, report.TokenIssuedInFuture: true,
	report.TokenMalformed: true, report.TokenAlgNone: true,
}

// equivalent lists codes that already say what a cause code would.
var equivalent = map[string][]string{
	report.TokenExpired:              {report.ClockExpiredAtServer},
	report.ResponseInsufficientScope: {report.ClaimsScopeMissing},
	report.ClaimsMissing:             {report.TokenNoExp},
}

// serverMessages reads every 4xx answer's own words (internal/servermsg) and
// raises server.message, and the cause's code when the engine had not seen
// the cause itself.
func (r *run) serverMessages(text string) {
	for i, ex := range r.exs {
		resp := ex.Response
		if resp == nil || resp.Status < 400 || resp.Status > 499 {
			continue // a 2xx is an acceptance (principle 8); 5xx is not about credentials
		}
		in := servermsg.Response{Status: resp.Status, Body: resp.Body}
		for _, h := range resp.Headers {
			in.Headers = append(in.Headers, [2]string{h.Name, h.Value})
		}
		chs, _ := resp.Challenges()
		for _, c := range chs {
			if d := c.Params["error_description"]; d != "" {
				in.Descriptions = append(in.Descriptions, d)
			}
		}
		if len(in.Descriptions) == 0 {
			// A challenge that does not parse (AWS HTTP APIs omit the commas)
			// still says what it says.
			for _, v := range exchange.Values(resp.Headers, "WWW-Authenticate") {
				if _, d, ok := strings.Cut(v, `error_description="`); ok {
					if d, _, ok = strings.Cut(d, `"`); ok && d != "" {
						in.Descriptions = append(in.Descriptions, d)
					}
				}
			}
		}
		msgs := servermsg.Recognise(in)
		done := map[string]bool{}
		for _, m := range msgs {
			sm := report.RecognisedMessage{Library: m.Library, Cause: m.Cause, Message: m.Text, Meaning: m.Meaning,
				Where: strings.Replace(m.Where, "challenge.", "challenges.", 1), Span: r.messageSpan(text, resp, m.Raw)}
			if len(r.exs) > 1 {
				sm.Where = fmt.Sprintf("exchanges[%d].%s", i, sm.Where)
			}
			if !done[m.Cause] {
				done[m.Cause] = true
				sm.Code = r.serverMessage(i, ex, m, sm)
			} else if c := causeCodes[m.Cause]; c != "" && r.rep.Has(c) {
				sm.Code = c
			}
			r.rep.ServerMessages = append(r.rep.ServerMessages, sm)
		}
	}
}

// messageSpan locates the raw message in the input: in the response's body,
// after its last header (a curl -v transcript prints the body after the
// transcript's own lines), or else anywhere in the response.
func (r *run) messageSpan(text string, resp *exchange.Response, raw string) *report.Span {
	if raw == "" {
		return nil
	}
	lo, hi := resp.Span.Start, resp.Span.End
	if hi <= lo || hi > len(text) {
		lo, hi = 0, len(text)
	}
	body := lo
	for _, h := range resp.Headers {
		if h.Span.End > body && h.Span.End <= len(text) {
			body = h.Span.End
		}
	}
	if k := strings.Index(text[body:], raw); k >= 0 {
		return &report.Span{Start: body + k, End: body + k + len(raw)}
	}
	if k := strings.Index(text[lo:hi], raw); k >= 0 {
		return &report.Span{Start: lo + k, End: lo + k + len(raw)}
	}
	return nil
}

// serverMessage raises the findings for one message and returns the code it
// raised or confirmed for the cause ("" when none).
func (r *run) serverMessage(i int, ex exchange.Exchange, m servermsg.Message, sm report.RecognisedMessage) string {
	said := saidOf(sm.Where, m)
	f := messageFinding(m, fmt.Sprintf("%s says %s", m.Library, report.Quote(m.Text, 120)), said, refsFor(ex.Response, m), sm.Span)
	code := r.causeCode(m.Cause)
	var creds []exchange.Credential
	if ex.Request != nil {
		creds = exchange.Credentials(ex.Request)
	}
	tokenSeen := r.sentToken() != nil
	confirmed := ""
	switch {
	case code == "":
		f.Severity = report.Error
		if !m.Specific {
			f.Severity = report.Warning
			f.Detail += " It names no cause: the other findings, the WWW-Authenticate header or the server's log say more."
		}
		if m.Cause == servermsg.CauseWrongRoute {
			r.demote(report.RequestNoCredentials, "The server's own message ("+report.Quote(m.Text, 80)+") usually means a wrong path, method or stage instead.")
		}
	case r.has(code):
		// The engine saw the cause itself: the server's words confirm it.
		f.Severity = report.Info
		f.Detail += " This agrees with the " + code + " finding."
		r.enrich(code, said)
		confirmed = code
	case code == report.RequestNoCredentials && len(creds) == 0 && r.rep.Has(report.RequestRedirectDroppedAuth):
		// The credentials were dropped on a redirect: the server's words
		// confirm that finding.
		f.Severity = report.Info
		f.Detail += " The request had lost its Authorization header on a redirect (see " + report.RequestRedirectDroppedAuth + ")."
		r.enrich(report.RequestRedirectDroppedAuth, said)
		confirmed = report.RequestRedirectDroppedAuth
	case code == report.RequestNoCredentials && len(creds) > 0:
		// A credential was sent, the server says none arrived: that is not
		// request.no_credentials (REPORT.md request.auth_not_forwarded).
		if r.rep.Has(report.RequestCredentialsWrongPlace) || r.rep.Has(report.RequestSchemeMismatch) || r.rep.Has(report.RequestDuplicateAuthorization) {
			f.Severity = report.Info
			f.Detail += fmt.Sprintf(" The request carried %s, but not where or how this server reads them (see the other findings).", credNames(creds))
			break
		}
		r.add(authNotForwarded(ex.Response, creds, said, sm.Span))
		f.Severity = report.Info
		f.Detail += " But the request carried " + credNames(creds) + ": raised as " + report.RequestAuthNotForwarded + "."
		confirmed = report.RequestAuthNotForwarded
	case tokenIntrinsic[code] && tokenSeen:
		// The engine decoded the token and found no such fault: say that the
		// server disagrees rather than contradict the token's own findings.
		f.Severity = report.Warning
		f.Detail += " The token sent does not show this by the analysis clock: the server's clock or leeway differs, it read another token than the one pasted, or the wording covers more than one fault."
	default:
		r.add(causeFinding(code, m, said, sm.Span))
		f.Severity = report.Info
		f.Detail += " Raised as " + code + ", with this message as its evidence."
		confirmed = code
	}
	r.add(f)
	return confirmed
}

// saidOf is a server message as evidence: where it was, its text, its
// library and the values its placeholders held.
func saidOf(where string, m servermsg.Message) string {
	said := fmt.Sprintf("%s: %s (%s)", where, report.Quote(m.Text, 200), m.Library)
	if len(m.Fills) > 0 && m.Fills[0] != "" {
		said += " — " + strings.Join(m.Fills, ", ")
	}
	return said
}

// messageFinding is the server.message finding of m; the caller decides its
// severity.
func messageFinding(m servermsg.Message, title, said string, refs []string, span *report.Span) report.Finding {
	f := report.Finding{
		Code:     report.ServerMessage,
		Side:     report.Client,
		Title:    title,
		Detail:   m.Meaning,
		Fix:      fixFor(m.Cause),
		Evidence: said,
		Refs:     refs,
		Span:     span,
	}
	if len(m.Alternatives) > 0 {
		f.Detail += " The same words are written by " + strings.Join(m.Alternatives, ", ") + "."
	}
	return f
}

// causeCode is the finding code of a message's cause ("" when it has none):
// a scope the engine already found missing is claims.scope_missing.
func (r *run) causeCode(cause string) string {
	code := causeCodes[cause]
	if code == report.ResponseInsufficientScope && r.rep.Has(report.ClaimsScopeMissing) {
		code = report.ClaimsScopeMissing
	}
	return code
}

func credNames(cs []exchange.Credential) string {
	var names []string
	for _, c := range cs {
		n := strings.TrimPrefix(c.Source, "request.")
		if !contains(names, n) {
			names = append(names, n)
		}
	}
	return "credentials (" + strings.Join(names, ", ") + ")"
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// has reports whether code, or a code that says the same, was raised.
func (r *run) has(code string) bool {
	if r.rep.Has(code) {
		return true
	}
	for _, c := range equivalent[code] {
		if r.rep.Has(c) {
			return true
		}
	}
	return false
}

// enrich adds the server's words to the evidence of the first finding of code.
func (r *run) enrich(code, said string) {
	for k := range r.rep.Findings {
		f := &r.rep.Findings[k]
		if f.Code == code || contains(equivalent[code], f.Code) {
			f.Evidence = strings.TrimSpace(f.Evidence + "; the server says " + said)
			return
		}
	}
}

// demote makes the error findings of code warnings, saying why.
func (r *run) demote(code, why string) {
	for k := range r.rep.Findings {
		if f := &r.rep.Findings[k]; f.Code == code && f.Severity == report.Error {
			f.Severity = report.Warning
			f.Detail += " " + why
		}
	}
}

// causeFinding is the cause's own finding, with the server's message as its
// evidence, when the engine could not see the cause (no token pasted, no
// expectations or keys given).
func causeFinding(code string, m servermsg.Message, said string, span *report.Span) report.Finding {
	f := report.Finding{
		Code:     code,
		Severity: report.Error,
		Side:     report.Client,
		Detail:   m.Meaning + " The engine could not check this itself (no token, expectation or key for it was pasted): the server's own message is the evidence.",
		Evidence: said,
		Span:     span,
	}
	q := report.Quote(m.Text, 100)
	switch code {
	case report.TokenExpired:
		f.Title = "The server says the token expired: " + q
		f.Fix = "Get a new access token (refresh it, or sign in again) and retry."
		f.Refs = []string{"RFC 7519 §4.1.4", "RFC 6750 §3.1"}
	case report.TokenNotYetValid:
		f.Title = "The server says the token is not valid yet: " + q
		f.Fix = "Compare the issuer's and the server's clocks (NTP); wait, or allow a small leeway for nbf."
		f.Refs = []string{"RFC 7519 §4.1.5"}
	case report.TokenIssuedInFuture:
		f.Title = "The server says the token was issued in the future: " + q
		f.Side = report.Server
		f.Fix = "Synchronise the issuer's and the API server's clocks (NTP), or allow a small leeway for iat."
		f.Refs = []string{"RFC 7519 §4.1.6"}
	case report.SignatureInvalid:
		f.Title = "The server says the signature does not verify: " + q
		f.Side = report.Both
		f.Fix = "Check that the token comes from the issuer this API trusts and that the server has that issuer's current keys; a refresh from the same issuer will not help if the keys differ."
		f.Refs = []string{"RFC 7515 §5.2"}
	case report.SignatureAlgMismatch:
		f.Title = "The server does not accept the token's algorithm: " + q
		f.Side = report.Both
		f.Fix = "Issue the token with an algorithm the API allows (the issuer's signing settings), or allow that algorithm on the server; a refresh will not help."
		f.Refs = []string{"RFC 7518 §3.1", "RFC 8725 §3.1"}
	case report.TokenAlgNone:
		f.Title = "The server refuses an unsigned token: " + q
		f.Fix = "Send a signed token from the issuer; alg none is never accepted."
		f.Refs = []string{"RFC 8725 §3.1"}
	case report.SignatureKidNotFound:
		f.Title = "The server has no key for the token's kid: " + q
		f.Side = report.Both
		f.Fix = "Make the server refresh its JWKS (a key rotation its cache has not seen), or check that the token comes from the issuer the server is configured for."
		f.Refs = []string{"RFC 7515 §4.1.4", "RFC 7517 §4.5"}
	case report.KeysFetchFailed:
		f.Title = "The server could not fetch its signing keys: " + q
		f.Side = report.Server
		f.Fix = "On the server: check the issuer / JWKS URL it is configured with and that it can reach it (DNS, proxy, TLS, firewall). Nothing on the client will help."
		f.Refs = []string{"RFC 7517 §5", "OpenID Connect Discovery 1.0 §4"}
	case report.ClaimsAudMismatch:
		f.Title = "The server says the token is for another audience: " + q
		f.Fix = "Request the token for this API (the audience or resource parameter at the token endpoint, the API's identifier in the IdP); a refresh will not help, it keeps the same audience."
		f.Refs = []string{"RFC 7519 §4.1.3", "RFC 8707"}
	case report.ClaimsIssMismatch:
		f.Title = "The server says the token's issuer is not one it trusts: " + q
		f.Side = report.Both
		f.Fix = "Get the token from the issuer the API is configured for (tenant, realm, trailing slash and http/https must match exactly); a refresh will not help."
		f.Refs = []string{"RFC 7519 §4.1.1"}
	case report.ClaimsMissing:
		f.Title = "The server says the token lacks a claim it requires: " + q
		f.Side = report.Both
		f.Fix = "Have the issuer include the claim (the scopes, audience or client settings that add it); a refresh will not add it."
		f.Refs = []string{"RFC 7519 §4.1"}
	case report.ResponseInsufficientScope:
		f.Title = "The server says the token lacks a scope or permission: " + q
		f.Fix = "Request a token with the scope or role this call needs (the user or an administrator may have to consent); a refresh keeps the same scopes."
		f.Refs = []string{"RFC 6750 §3.1"}
	case report.TokenMalformed:
		f.Title = "The server could not parse the token: " + q
		f.Fix = "Send the token exactly as issued: \"Authorization: Bearer <token>\", with no quotes, spaces or line breaks, and not a placeholder."
		f.Refs = []string{"RFC 7519 §7.2", "RFC 6750 §2.1"}
	case report.RequestNoCredentials:
		f.Title = "The server says no credentials arrived: " + q
		f.Detail = m.Meaning + " Only the response was pasted, so whether the request carried credentials is not known: if it did, something between client and server dropped them."
		f.Fix = "Send the credentials the API expects (usually \"Authorization: Bearer <token>\"); if they were sent, check what proxies or gateways in between forward."
		f.Refs = []string{"RFC 9110 §11.6.2", "RFC 6750 §2.1"}
	}
	return f
}

// fixFor says what to do about a message's cause.
func fixFor(cause string) string {
	switch cause {
	case "expired", "session-expired":
		return "Get a new token (refresh it, or sign in again) and retry."
	case "revoked":
		return "Sign in again to get a new token; a refresh token issued with the revoked one will be refused too."
	case servermsg.CauseBadCredentials:
		return "Check the secret itself: copy the API key or token again from where it was issued (no stray characters), and make sure it is not revoked, rolled or for another environment (test or live)."
	case servermsg.CauseCredentialExpired:
		return "Renew the credential (new session credentials, a new client secret) and update where the client reads it."
	case servermsg.CauseWrongRoute:
		return "Check the URL's path, stage and method against the API's deployed routes before anything about credentials."
	case servermsg.CauseForbidden:
		return "The credentials were accepted but are not allowed here: grant the caller the role, scope or policy this call needs, or call with an account that has it; a refresh will not help."
	case "wrong-audience", "wrong-issuer", "wrong-type", "insufficient-scope", "missing-claim", "wrong-alg":
		return "Get a token issued for this API, with what it requires; a refresh will not help, it keeps the same claims."
	case "bad-signature", "kid-not-found", "jwks-fetch-failed", "jwks-invalid", "config-error", "no-keys-configured", "wrong-key-type":
		return "Compare the issuer and keys the server is configured with to the token's iss and kid; this is usually fixed on the server or at the issuer, not by a new token."
	case "missing-token":
		return "Send the credentials the API expects, usually \"Authorization: Bearer <token>\", and check that nothing in between drops the header."
	case "wrong-scheme":
		return "Send the credential with the scheme the server expects (the WWW-Authenticate header names it)."
	case "malformed":
		return "Send the credential exactly as issued, with no quotes, spaces or line breaks around it."
	}
	return "Read the server's log for the exception behind this message; check the token's expiry, audience, issuer and signature in the findings above."
}

func refsFor(resp *exchange.Response, m servermsg.Message) []string {
	var refs []string
	ct, _ := resp.Header("Content-Type")
	if strings.Contains(strings.ToLower(ct), "problem+json") {
		refs = append(refs, "RFC 9457 §3")
	}
	if strings.HasPrefix(m.Where, "challenge.") {
		refs = append(refs, "RFC 6750 §3")
	}
	if resp.Status == 403 {
		refs = append(refs, "RFC 9110 §15.5.4")
	} else {
		refs = append(refs, "RFC 9110 §15.5.2")
	}
	return refs
}
