package exchange

import (
	"net/url"
	"slices"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// oauthErr describes one error code of an OAuth token or device endpoint
// (RFC 6749 §5.2, RFC 8628 §3.5) or of DPoP (RFC 9449 §7.1): what the
// server means and what to change.
type oauthErr struct {
	code        string
	sev         report.Severity
	side        report.Side
	title       string
	detail, fix string
	refs        []string
}

// A slice, not a map: it is static data, where a map literal would be
// init code in app.wasm.
var oauthErrors = []oauthErr{
	{"invalid_client", report.Error, report.Client,
		"The token endpoint could not authenticate the client (invalid_client)",
		"Client authentication failed: an unknown client_id, a wrong or expired client_secret, the secret sent a way the " +
			"client is not registered for (HTTP Basic vs client_id/client_secret in the form body), id or secret not " +
			"URL-encoded before Basic encoding, or, with private_key_jwt, a client assertion with the wrong aud, an old exp, " +
			"or a key the server does not have.",
		"Check client_id and client_secret (rotate an expired secret). Send them the way the client is registered: HTTP " +
			"Basic with the URL-encoded id and secret, or client_id and client_secret in the form body, not both.",
		[]string{"RFC 6749 §5.2", "RFC 6749 §2.3.1"}},
	{"invalid_grant", report.Error, report.Client,
		"The token endpoint refused the authorization code or refresh token (invalid_grant)",
		"The authorization code, refresh token or user credentials are invalid, expired or revoked, were already used " +
			"(codes are single-use, and servers that rotate refresh tokens refuse the previous one), were issued to another " +
			"client, or the redirect_uri or PKCE code_verifier differs from the authorization request. Retrying with the " +
			"same grant gives the same answer.",
		"Start the flow again for a new code or refresh token (the user signs in again). Use each code once, store the " +
			"newest refresh token after every refresh, and send the redirect_uri and code_verifier of this authorization request.",
		[]string{"RFC 6749 §5.2", "RFC 6749 §10.4", "RFC 7636 §4.6"}},
	{"unauthorized_client", report.Error, report.Both,
		"This client may not use this grant type (unauthorized_client)",
		"The client authenticated, but its registration at the authorization server does not allow the grant type it " +
			"used (for example client_credentials for a public client, or a refresh_token grant without offline access).",
		"Enable the grant type in the client's registration at the authorization server, or use a grant it allows.",
		[]string{"RFC 6749 §5.2"}},
	{"unsupported_grant_type", report.Error, report.Client,
		"The token endpoint does not support this grant_type (unsupported_grant_type)",
		"The grant_type is misspelt, not supported by this server, or was not read at all: token endpoints read an " +
			"application/x-www-form-urlencoded body, and a JSON body leaves grant_type missing.",
		"Send a form-encoded body (Content-Type: application/x-www-form-urlencoded) with grant_type spelt exactly. The " +
			"usual values: authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code.",
		[]string{"RFC 6749 §5.2", "RFC 6749 §4.1.3"}},
	{"invalid_scope", report.Error, report.Client,
		"The requested scope is invalid, unknown or more than this client may have (invalid_scope)",
		"The scope parameter names a scope the server does not know, misspells one, or asks for more than the client is " +
			"registered for (or, on refresh, more than the original grant).",
		"Request only scopes the client is registered for, spelt exactly and separated by spaces. On refresh, ask for the " +
			"original scopes or fewer.",
		[]string{"RFC 6749 §5.2", "RFC 6749 §3.3"}},
	{"access_denied", report.Error, report.Client,
		"The resource owner or the authorization server denied the request (access_denied)",
		"The user declined consent, or a policy at the authorization server (conditional access, a disabled account, an " +
			"unassigned application) refused the authorization.",
		"Ask the user to approve again, or check the authorization server's policy and the user's assignment to the application.",
		[]string{"RFC 6749 §4.1.2.1", "RFC 8628 §3.5"}},
	{"authorization_pending", report.Info, report.Client,
		"The device authorization is still pending: keep polling",
		"RFC 8628: the user has not finished the verification step yet. This answer is expected while the device flow waits.",
		"Keep polling the token endpoint at the interval the device authorization response gave (5 s by default).",
		[]string{"RFC 8628 §3.5"}},
	{"slow_down", report.Warning, report.Client,
		"The device flow is polling too fast (slow_down)",
		"RFC 8628: the authorization is still pending, and the client polls more often than the server allows.",
		"Add 5 seconds to the polling interval for this and every later request, as RFC 8628 §3.5 says.",
		[]string{"RFC 8628 §3.5"}},
	{"expired_token", report.Error, report.Client,
		"The device code expired before the user approved it (expired_token)",
		"RFC 8628: the device_code's lifetime (expires_in of the device authorization response) ended while polling.",
		"Start the device flow again and ask the user to complete it before the new code expires.",
		[]string{"RFC 8628 §3.5"}},
	{"invalid_dpop_proof", report.Error, report.Client,
		"The DPoP proof was rejected (invalid_dpop_proof)",
		"The DPoP header is missing or its proof JWT is invalid. A proof must have typ dpop+jwt, be signed by the key in " +
			"its jwk header, carry htm and htu matching this request's method and URL (without query and fragment), a " +
			"recent iat and a fresh jti, the server's latest nonce when it asks for one, and at a resource server ath (the " +
			"access token's SHA-256) and a key whose thumbprint matches the token's cnf.jkt.",
		"Send a new DPoP proof made for exactly this request. One proof per request, in the DPoP header, with the token " +
			"as Authorization: DPoP <token>.",
		[]string{"RFC 9449 §4.3", "RFC 9449 §7.1"}},
}

// oauthError explains an error code an OAuth endpoint returned that the
// RFC 6750 codes do not cover (those have their own findings).
func (d *diag) oauthError(k int, req *Request, resp *Response, e bearerError) {
	var oe oauthErr
	for _, o := range oauthErrors {
		if o.code == e.code {
			oe = o
		}
	}
	if oe.code == "" {
		return
	}
	detail := oe.detail
	ev := statusLine(resp) + "; " + e.evidence()
	if req != nil {
		ev += grantEvidence(req)
		if _, ok := req.Header("DPoP"); !ok && e.code == "invalid_dpop_proof" && (req.Method != "" || len(req.Headers) > 0) {
			detail += " This request carries no DPoP header at all."
			ev += "; request: no DPoP header"
		}
		if e.code == "unsupported_grant_type" || e.code == "invalid_client" {
			detail += jsonBodyNote(req)
		}
	}
	d.add(report.New(
		report.ResponseOAuthError,
		oe.sev,
		oe.side,
		withDesc(oe.title, e.desc),
		report.Detail(detail),
		report.Fix(oe.fix),
		report.Evidence(ev), slices.Clone(oe.refs)...).At(d.errPath(k, e, "error")).Within(spanOf(resp.Span)))
}

// grantEvidence is the token request's grant_type for a finding's evidence
// ("; request grant_type=refresh_token"), or "".
func grantEvidence(r *Request) string {
	if gt := formParam(r, "grant_type"); gt != "" {
		return "; request grant_type=" + report.Clip(gt, 80)
	}
	return ""
}

// jsonBodyNote is the sentence for a token request sent as JSON, or "".
func jsonBodyNote(r *Request) string {
	if jsonBody(r) {
		return " This request's body is JSON; token endpoints read only application/x-www-form-urlencoded (RFC 6749 §4.1.3)."
	}
	return ""
}

// formParam reads a parameter of a form-encoded request body.
func formParam(r *Request, name string) string {
	if r.Body == "" || len(r.Body) > 64<<10 || jsonBody(r) {
		return ""
	}
	q, err := url.ParseQuery(strings.TrimSpace(r.Body))
	if err != nil {
		return ""
	}
	return q.Get(name)
}

// jsonBody reports whether the request declares or sends a JSON body.
func jsonBody(r *Request) bool {
	if strings.TrimSpace(r.Body) == "" {
		return false
	}
	if ct, ok := r.Header("Content-Type"); ok {
		// The media type before any parameters (RFC 9110 §8.3.1); the mime
		// package would cost app.wasm 29 kB of brotli for this.
		mt, _, _ := strings.Cut(ct, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
		return mt == "application/json" || strings.HasSuffix(mt, "+json")
	}
	return strings.HasPrefix(strings.TrimSpace(r.Body), "{")
}

// tokenRequest reports whether req is a request to an OAuth token endpoint:
// it names a grant_type, or POSTs to a path ending in /token.
func tokenRequest(r *Request) bool {
	if r == nil {
		return false
	}
	if formParam(r, "grant_type") != "" || (jsonBody(r) && strings.Contains(r.Body, `"grant_type"`)) {
		return true
	}
	if !strings.EqualFold(r.Method, "POST") {
		return false
	}
	p := r.URL
	if u, err := url.Parse(r.URL); err == nil {
		p = u.Path
	}
	return strings.HasSuffix(strings.TrimSuffix(p, "/"), "/token")
}

// tokenInvalidRequest is response.invalid_request from a token endpoint
// (RFC 6749 §5.2), where RFC 6750's advice about sending the access token
// does not apply.
func (d *diag) tokenInvalidRequest(k int, req *Request, resp *Response, e bearerError) {
	detail := "RFC 6749 §5.2: the token request is missing a parameter its grant needs (grant_type, code, redirect_uri, " +
		"code_verifier, refresh_token, client_id…), repeats one, has an unsupported value, or authenticates the client " +
		"in more than one way. A new token will not fix it: the token request itself must change."
	detail += jsonBodyNote(req)
	d.add(report.New(
		report.ResponseInvalidRequest,
		report.Error,
		report.Client,
		withDesc("The token endpoint says the token request is malformed (invalid_request)", e.desc),
		report.Detail(detail),
		report.Fix("Fix the token request. Send a form-encoded body with each parameter the grant needs exactly once, and "+
			"authenticate the client one way only (HTTP Basic or client_id/client_secret in the body)."),
		report.Evidence(statusLine(resp)+"; "+e.evidence()+grantEvidence(req)), "RFC 6749 §5.2", "RFC 6749 §4.1.3").At(d.errPath(k, e, "error")).Within(spanOf(resp.Span)))
}
