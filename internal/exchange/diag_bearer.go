// Bearer error codes of the challenge or an OAuth JSON body (RFC 6750 §3.1,
// RFC 6749 §5.2).

package exchange

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// oauthBodyError reads an OAuth-style JSON error body
// ({"error":"invalid_token","error_description":"…"}).
func oauthBodyError(body string) (string, string, bool) {
	b := strings.TrimSpace(body)
	if !strings.HasPrefix(b, "{") || len(b) > 64<<10 {
		return "", "", false
	}
	var v struct {
		Error       any    `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal([]byte(b), &v) != nil {
		return "", "", false
	}
	e, ok := v.Error.(string)
	if !ok || e == "" || len(e) > 100 {
		return "", "", false
	}
	return e, v.Description, true
}

// bearerError is one RFC 6750 error a response carries.
type bearerError struct {
	code, desc, uri, scope string
	scheme                 string
	chIndex                int // -1: from the body
}

func (d *diag) bearerErrors(k int, req *Request, resp *Response, chs []report.Challenge) []bearerError {
	var errs []bearerError
	for i, c := range chs {
		if e := c.Params["error"]; e != "" {
			errs = append(errs, bearerError{code: e, desc: c.Params["error_description"], uri: c.Params["error_uri"],
				scope: c.Params["scope"], scheme: c.Scheme, chIndex: i})
		}
	}
	if len(errs) == 0 {
		if e, desc, ok := oauthBodyError(resp.Body); ok {
			errs = append(errs, bearerError{code: e, desc: desc, chIndex: -1})
		}
	}
	for _, e := range errs {
		d.bearerError(k, req, resp, e)
	}
	return errs
}

func (e bearerError) evidence() string {
	var parts []string
	if e.chIndex < 0 {
		parts = append(parts, "body:")
	} else {
		parts = append(parts, e.scheme)
	}
	parts = append(parts, fmt.Sprintf("error=%q", e.code))
	if e.desc != "" {
		parts = append(parts, fmt.Sprintf("error_description=%q", e.desc))
	}
	if e.scope != "" {
		parts = append(parts, fmt.Sprintf("scope=%q", e.scope))
	}
	if e.uri != "" {
		parts = append(parts, fmt.Sprintf("error_uri=%q", e.uri))
	}
	return strings.Join(parts, " ")
}

func (d *diag) errPath(k int, e bearerError, param string) string {
	if e.chIndex < 0 {
		return d.path(k, "response.body")
	}
	return d.path(k, fmt.Sprintf("response.challenges[%d].params.%s", e.chIndex, param))
}

func withDesc(title, desc string) string {
	if desc == "" {
		return title
	}
	if len(desc) > 120 {
		desc = desc[:117] + "…"
	}
	return title + ": " + desc
}

func (d *diag) bearerError(k int, req *Request, resp *Response, e bearerError) {
	switch e.code {
	case "invalid_token":
		detail := "RFC 6750 §3.1: the access token is expired, revoked, malformed, or invalid for another reason " +
			"(wrong audience, issuer or signing key). The token's own findings say which, when it is a JWT."
		if strings.EqualFold(e.scheme, "DPoP") {
			detail += " With DPoP, a proof that does not match the token's key binding is refused this way too."
		}
		d.add(report.New(
			report.ResponseInvalidToken,
			report.Error,
			report.Client,
			withDesc("The server rejected the access token (invalid_token)", e.desc),
			report.Detail(detail),
			report.Fix("Get a new access token (refresh it, or sign in again) and retry; if a fresh token is refused too, compare its "+
				"aud, iss and signing key with what this API expects."),
			report.Evidence(e.evidence()), "RFC 6750 §3.1").At(d.errPath(k, e, "error")).Within(spanOf(resp.Span)))
	case "invalid_request":
		if tokenRequest(req) {
			d.tokenInvalidRequest(k, req, resp, e)
			return
		}
		d.add(report.New(
			report.ResponseInvalidRequest,
			report.Error,
			report.Client,
			withDesc("The server says the request is malformed (invalid_request); refreshing the token will not help", e.desc),
			report.Detail("RFC 6750 §3.1: a required parameter is missing, a parameter is unsupported or repeated, the token is sent "+
				"more than one way (header and query or body), or the request is otherwise malformed. This is about the request, "+
				"not the token's validity, so a new token will not fix it."),
			report.Fix("Fix the request itself: send the token exactly once, in the Authorization header as \"Bearer <token>\" "+
				"(one space, no quotes, not also in the query or body), with every parameter the API requires."),
			report.Evidence(e.evidence()), "RFC 6750 §3.1", "RFC 6750 §2").At(d.errPath(k, e, "error")).Within(spanOf(resp.Span)))
	case "insufficient_scope":
		d.insufficientScope(k, resp, e)
	default:
		d.oauthError(k, req, resp, e)
	}
}

func (d *diag) insufficientScope(k int, resp *Response, e bearerError) {
	required := strings.Fields(e.scope)
	have := map[string]bool{}
	for _, s := range d.ctx.TokenScopes {
		have[s] = true
	}
	var missing []string
	for _, s := range required {
		if !have[s] {
			missing = append(missing, s)
		}
	}
	tokenHas := "The token carries no scope or scp claim (or it could not be read)."
	if d.ctx.HasScopeClaim {
		if len(d.ctx.TokenScopes) == 0 {
			tokenHas = "The token's scope claim is empty."
		} else {
			tokenHas = "The token has: " + strings.Join(d.ctx.TokenScopes, " ") + "."
		}
	}
	var title, fix string
	switch {
	case len(required) == 0:
		title = "The token's scopes are not enough for this resource (insufficient_scope), and the challenge does not say which are needed"
		fix = "Find the scope this endpoint needs in the API's documentation and request a token that includes it."
	case len(missing) == 0:
		title = fmt.Sprintf("The server asks for scope %s (insufficient_scope) although the token lists it", quoteList(required))
		fix = "Check that the token was issued for this API (its aud) and that the scope names match exactly; " +
			"the server may also require a scope for a different resource."
	default:
		title = fmt.Sprintf("The token lacks the scope %s that this resource requires", quoteList(missing))
		fix = fmt.Sprintf("Request a new token that includes %s (add it to the scope parameter of the authorization or "+
			"token request, and make sure the client may ask for it); refreshing the same grant gives the same scopes.",
			strings.Join(missing, " "))
	}
	detail := "RFC 6750 §3.1: the token is valid but was not granted enough scope for this request. " + tokenHas
	if len(required) > 0 {
		detail = "RFC 6750 §3.1: the token is valid but was not granted enough scope for this request. Required: " +
			strings.Join(required, " ") + ". " + tokenHas
	}
	param := "scope"
	if e.scope == "" {
		param = "error"
	}
	d.add(report.New(
		report.ResponseInsufficientScope,
		report.Error,
		report.Client,
		title,
		report.Detail(detail),
		report.Fix(fix),
		report.Evidence(e.evidence()), "RFC 6750 §3.1", "RFC 6749 §3.3").At(d.errPath(k, e, param)).Within(spanOf(resp.Span)))
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	if len(q) > 1 {
		return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
	}
	return strings.Join(q, "")
}
