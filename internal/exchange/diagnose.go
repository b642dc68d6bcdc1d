package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/challenge"
	"github.com/authdebug/authdebug/internal/report"
)

const (
	refFetchRedirect  = "Fetch Standard #http-redirect-fetch"
	refFetchCORS      = "Fetch Standard #http-cors-protocol"
	refFetchPreflight = "Fetch Standard #cors-preflight-fetch"
	refDocker         = "Docker Registry token authentication specification"
	// maxFindingsPerExchange bounds the findings of one exchange.
	maxFindings = 500
)

type diag struct {
	ctx   Context
	multi bool
	out   []report.Finding
	seen  map[string]bool
}

func (d *diag) add(f report.Finding) {
	if len(d.out) >= maxFindings {
		return
	}
	// The same finding repeated across exchanges (a HAR with many calls to
	// one host) is reported once, for the first exchange.
	k := f.Code + "\x00" + f.Title
	if d.seen[k] {
		return
	}
	d.seen[k] = true
	if f.Refs == nil {
		f.Refs = []string{}
	}
	d.out = append(d.out, f)
}

func (d *diag) path(k int, rest string) string {
	if d.multi {
		return fmt.Sprintf("exchanges[%d].%s", k, rest)
	}
	return rest
}

func (d *diag) mask(s string) string { return report.Mask(s, d.ctx.Reveal) }

// Diagnose produces the request.* and response.* findings for the exchanges
// of one paste (several for redirects and HAR exports): missing, mismatched,
// exposed or dropped credentials, and what the server's challenges, status
// and headers say. Findings about the token itself are the token package's.
func Diagnose(exs []Exchange, ctx Context) []report.Finding {
	d := &diag{ctx: ctx, multi: len(exs) > 1, seen: map[string]bool{}}
	for k := range exs {
		d.exchange(exs, k)
	}
	d.redirects(exs)
	return d.out
}

func spanOf(s report.Span) *report.Span {
	if s.Start == 0 && s.End == 0 {
		return nil
	}
	return &s
}

func statusLine(r *Response) string {
	if r.Status == 0 {
		return "(status unknown)"
	}
	s := strconv.Itoa(r.Status)
	if r.Proto != "" {
		s = r.Proto + " " + s
	}
	if r.Reason != "" {
		s += " " + r.Reason
	}
	return s
}

func reqLine(r *Request, reveal bool) string {
	m := r.Method
	if m == "" {
		m = "(method unknown)"
	}
	u := MaskURL(r.URL, reveal)
	if u == "" {
		u = "(URL unknown)"
	}
	return m + " " + u
}

func headerIndex(hs []Header, name string) int {
	for i, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return i
		}
	}
	return -1
}

func (d *diag) exchange(exs []Exchange, k int) {
	ex := exs[k]
	req, resp := ex.Request, ex.Response
	var creds []Credential
	if req != nil {
		creds = Credentials(req)
	}
	var chs []report.Challenge
	var chErrs []error
	status := 0
	if resp != nil {
		chs, chErrs = resp.Challenges()
		status = resp.Status
	}
	refused := status == 401 || status == 403
	preflight := isPreflight(req)

	// request.no_credentials
	if req != nil && len(creds) == 0 && req.Deferred == "" && !preflight && (resp == nil || refused) &&
		(req.Method != "" || req.URL != "" || len(req.Headers) > 0) && !d.laterWithCredentials(exs, k) && !droppedOnRedirect(exs, k) {
		d.noCredentials(k, req, resp, chs)
	}
	if req != nil {
		if resp != nil && status == 401 && len(chs) > 0 {
			d.schemeMismatch(k, req, resp, chs)
		}
		d.queryCredentials(k, req, creds, status)
		d.insecure(k, req, creds)
	}
	if resp == nil {
		return
	}
	if status == 407 {
		d.proxyAuth(k, req, resp)
	}
	if status == 401 && headerIndex(resp.Headers, "WWW-Authenticate") < 0 {
		d.challengeMissing(k, resp)
	}
	for _, err := range chErrs {
		d.challengeMalformed(k, resp, "WWW-Authenticate", err)
	}
	if _, perrs := resp.ProxyChallenges(); len(perrs) > 0 {
		for _, err := range perrs {
			d.challengeMalformed(k, resp, "Proxy-Authenticate", err)
		}
	}
	errs := d.bearerErrors(k, req, resp, chs)
	d.statusMismatch(k, req, resp, creds, errs, preflight)
	for i, c := range chs {
		d.tokenEndpoint(k, i, c, req)
	}
	d.dpopNonce(k, resp, errs)
	d.cacheable(k, req, resp)
	d.cors(k, req, resp)
}

// laterWithCredentials reports whether a later exchange to the same URL
// carries credentials (the client authenticated after a challenge, as curl
// --digest or a browser's Basic prompt do).
func (d *diag) laterWithCredentials(exs []Exchange, k int) bool {
	r := exs[k].Request
	for _, e := range exs[k+1:] {
		if e.Request != nil && e.Request.URL == r.URL && r.URL != "" && len(Credentials(e.Request)) > 0 {
			return true
		}
	}
	return false
}

// droppedOnRedirect reports whether exchange k followed a redirect from a
// request that carried Authorization (request.redirect_dropped_auth explains it).
func droppedOnRedirect(exs []Exchange, k int) bool {
	if k == 0 {
		return false
	}
	p := exs[k-1]
	if p.Request == nil || p.Response == nil || p.Response.Status < 300 || p.Response.Status > 399 {
		return false
	}
	return headerIndex(p.Request.Headers, "Authorization") >= 0
}

func schemes(chs []report.Challenge) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range chs {
		l := strings.ToLower(c.Scheme)
		if !seen[l] {
			seen[l] = true
			out = append(out, c.Scheme)
		}
	}
	return out
}

func hasScheme(chs []report.Challenge, s string) bool {
	for _, c := range chs {
		if strings.EqualFold(c.Scheme, s) {
			return true
		}
	}
	return false
}

func (d *diag) noCredentials(k int, req *Request, resp *Response, chs []report.Challenge) {
	var names []string
	for _, h := range req.Headers {
		if len(names) == 12 {
			names = append(names, "…")
			break
		}
		names = append(names, h.Name)
	}
	sent := "no headers"
	if len(names) > 0 {
		sent = "headers sent: " + strings.Join(names, ", ")
	}
	host := hostOf(req)
	where := ""
	if host != "" {
		where = " to " + host
	}
	f := report.Finding{
		Code:     report.RequestNoCredentials,
		Severity: report.Error,
		Side:     report.Client,
		Evidence: reqLine(req, d.ctx.Reveal) + " — " + sent,
		Refs:     []string{"RFC 9110 §11.6.2", "RFC 9110 §15.5.2", "RFC 6750 §2.1"},
		Span:     spanOf(req.Span),
		Path:     d.path(k, "request"),
	}
	if resp != nil {
		f.Title = fmt.Sprintf("The request%s carried no credentials and was refused with %d", where, resp.Status)
	} else {
		f.Title = fmt.Sprintf("The request%s carries no credentials", where)
	}
	f.Detail = "Nothing in the request identifies the client: no Authorization or Proxy-Authorization header, no cookie, " +
		"no API-key header (X-API-Key, Private-Token, …) and no credential in the URL. A protected resource answers such a " +
		"request with 401 and a challenge saying how to authenticate."
	if req.From == report.KindHAR {
		f.Detail += " Note that Chrome's \"Export HAR (sanitized)\", the default since Chrome 130, removes Authorization, " +
			"Cookie and Set-Cookie headers: if the request did carry them, export the HAR \"with sensitive data\" instead."
	}
	switch {
	case hasDockerChallenge(chs):
		f.Fix = "Get a token from the challenge's realm first (see the token endpoint hint), then send it as \"Authorization: Bearer <token>\"."
	case hasScheme(chs, "Bearer"):
		f.Fix = "Send the access token in an Authorization header: \"Authorization: Bearer <token>\" (curl: -H 'Authorization: Bearer <token>')."
	case hasScheme(chs, "Basic"):
		f.Fix = "Send the user name and password with Basic authentication (curl: -u user:password, which sends \"Authorization: Basic …\")."
	case hasScheme(chs, "DPoP"):
		f.Fix = "Send the DPoP-bound access token as \"Authorization: DPoP <token>\" together with a DPoP proof header."
	case len(chs) > 0:
		f.Fix = "Authenticate with a scheme the server offers: " + strings.Join(schemes(chs), ", ") + "."
	default:
		f.Fix = "Add the credentials the API expects to the request: usually \"Authorization: Bearer <token>\", or the API's session cookie or API-key header."
	}
	d.add(f)
}

// authScheme returns the scheme of an Authorization value ("Bearer" for
// "Bearer eyJ…" and for "Bearer: eyJ…"), "" when it has none.
func authScheme(v string) string {
	scheme, _ := report.SplitAuthorization(v)
	return scheme
}

func (d *diag) schemeMismatch(k int, req *Request, resp *Response, chs []report.Challenge) {
	i := headerIndex(req.Headers, "Authorization")
	if i < 0 {
		return
	}
	h := req.Headers[i]
	sent := authScheme(h.Value)
	if sent == "" || hasScheme(chs, sent) {
		return
	}
	accepted := schemes(chs)
	www, _ := resp.Header("WWW-Authenticate")
	fix := "Authenticate with a scheme the server offers: " + strings.Join(accepted, ", ") + "."
	switch {
	case strings.EqualFold(sent, "Bearer") && hasScheme(chs, "DPoP"):
		fix += " The token is probably DPoP-bound: send it as \"Authorization: DPoP <token>\" with a DPoP proof header (RFC 9449 §7.1)."
	case hasScheme(chs, "Bearer"):
		fix += " For Bearer, send \"Authorization: Bearer <access token>\"."
	case hasScheme(chs, "Basic"):
		fix += " For Basic, send the user and password (curl -u user:password)."
	}
	d.add(report.Finding{
		Code:     report.RequestSchemeMismatch,
		Severity: report.Error,
		Side:     report.Client,
		Title:    fmt.Sprintf("Sent %s credentials, but the server only accepts %s", sent, strings.Join(accepted, ", ")),
		Detail: fmt.Sprintf("The Authorization header uses the %q scheme, while the 401's WWW-Authenticate lists only %s. "+
			"A server ignores credentials of a scheme it did not offer, so the request counts as unauthenticated. "+
			"Scheme names are compared case-insensitively, so this is not about capitalisation.", sent, strings.Join(accepted, ", ")),
		Fix:      fix,
		Evidence: fmt.Sprintf("Authorization: %s; WWW-Authenticate: %s", maskValue("Authorization", h.Value, d.ctx.Reveal), www),
		Refs:     []string{"RFC 9110 §11.6.1", "RFC 9110 §11.6.2", "RFC 9110 §11.1"},
		Span:     spanOf(h.Span),
		Path:     d.path(k, fmt.Sprintf("request.headers[%d]", i)),
	})
}

func (d *diag) queryCredentials(k int, req *Request, creds []Credential, status int) {
	onlyQuery := len(creds) > 0
	for _, c := range creds {
		if !strings.HasPrefix(c.Source, "request.query.") {
			onlyQuery = false
		}
	}
	for _, c := range creds {
		name, ok := strings.CutPrefix(c.Source, "request.query.")
		if !ok || presignedParams[name] {
			continue
		}
		detail := "Query strings end up in server, proxy and CDN access logs, in browser history and in Referer headers, " +
			"so a credential there leaks easily. RFC 6750 allows access_token in the query only when no header can be " +
			"used, and resource servers need not support it."
		if status == 401 && onlyQuery {
			detail += " This server answered 401, so it may not read credentials from the query at all."
		}
		f := report.Finding{
			Code:     report.RequestAPIKeyInQuery,
			Severity: report.Warning,
			Side:     report.Client,
			Title:    fmt.Sprintf("The URL carries the credential %q in its query string", name),
			Detail:   detail,
			Fix: "Send the credential in a header instead (\"Authorization: Bearer <token>\", or the API's key header such as " +
				"X-API-Key), and rotate it if these URLs were logged.",
			Evidence: name + "=" + d.mask(c.Value),
			Refs:     []string{"RFC 6750 §2.3", "RFC 6750 §5.3"},
			Path:     d.path(k, "request.url"),
		}
		if c.Offset >= 0 {
			f.Span = &report.Span{Start: c.Offset, End: c.Offset + len(c.Value)}
		}
		d.add(f)
	}
}

func (d *diag) insecure(k int, req *Request, creds []Credential) {
	if len(creds) == 0 || schemeOf(req) != "http" {
		return
	}
	host := hostOf(req)
	if host == "" || isLoopback(host) {
		return
	}
	var what []string
	for _, c := range creds {
		if len(what) == 6 {
			what = append(what, "…")
			break
		}
		what = append(what, strings.TrimPrefix(c.Source, "request."))
	}
	d.add(report.Finding{
		Code:     report.RequestInsecureTransport,
		Severity: report.Warning,
		Side:     report.Client,
		Title:    fmt.Sprintf("Credentials are sent over plain http:// to %s", host),
		Detail: "Without TLS anyone on the network path can read and replay these credentials. Servers and proxies often " +
			"redirect http:// to https://, and a client following that redirect may drop the Authorization header, or the " +
			"server may refuse credentials that arrived unencrypted.",
		Fix:      fmt.Sprintf("Use https://%s instead, and rotate the credentials if they crossed an untrusted network.", host),
		Evidence: reqLine(req, d.ctx.Reveal) + " with " + strings.Join(what, ", "),
		Refs:     []string{"RFC 6750 §5.3", "RFC 7617 §4", "RFC 9110 §4.2.2"},
		Span:     spanOf(req.URLSpan),
		Path:     d.path(k, "request.url"),
	})
}

func (d *diag) redirects(exs []Exchange) {
	for k := 0; k+1 < len(exs); k++ {
		a, b := exs[k], exs[k+1]
		if a.Request == nil || a.Response == nil || b.Request == nil {
			continue
		}
		st := a.Response.Status
		if st != 301 && st != 302 && st != 303 && st != 307 && st != 308 {
			continue
		}
		ai := headerIndex(a.Request.Headers, "Authorization")
		if ai < 0 || headerIndex(b.Request.Headers, "Authorization") >= 0 {
			continue
		}
		ha, hb := hostOf(a.Request), hostOf(b.Request)
		if ha == "" || hb == "" || ha == hb {
			continue
		}
		loc, _ := a.Response.Header("Location")
		if loc != "" {
			if base, err := url.Parse(a.Request.URL); err == nil {
				if lu, err := base.Parse(loc); err == nil && lu.Host != "" && !strings.EqualFold(lu.Hostname(), hb) {
					continue // the next exchange is not this redirect's target
				}
			}
		}
		sev := report.Warning
		for _, e := range exs[k+1:] {
			if e.Response != nil && (e.Response.Status == 401 || e.Response.Status == 403) {
				sev = report.Error
				break
			}
		}
		final := MaskURL(b.Request.URL, d.ctx.Reveal)
		d.add(report.Finding{
			Code:     report.RequestRedirectDroppedAuth,
			Severity: sev,
			Side:     report.Client,
			Title:    fmt.Sprintf("Authorization was dropped on the redirect from %s to %s", ha, hb),
			Detail: fmt.Sprintf("The request to %s carried Authorization and was answered %d with Location: %s. The next request, "+
				"to another host, went without it: curl -L does not resend credentials to a different host (since 7.58.0), and "+
				"browsers remove Authorization on cross-origin redirects, so that one host's credentials do not leak to another.",
				ha, st, MaskURL(loc, d.ctx.Reveal)),
			Fix: fmt.Sprintf("Send the request with its Authorization header directly to the final URL %s; if you trust %s, "+
				"let curl resend credentials across hosts with --location-trusted.", final, hb),
			Evidence: fmt.Sprintf("%s with Authorization: %s → %d → %s without Authorization",
				reqLine(a.Request, d.ctx.Reveal), maskValue("Authorization", a.Request.Headers[ai].Value, d.ctx.Reveal), st,
				reqLine(b.Request, d.ctx.Reveal)),
			Refs: []string{"RFC 9110 §15.4", refFetchRedirect},
			Span: spanOf(b.Request.Span),
			Path: fmt.Sprintf("exchanges[%d].request", k+1),
		})
	}
}

func (d *diag) challengeMissing(k int, resp *Response) {
	var names []string
	for _, h := range resp.Headers {
		names = append(names, h.Name)
	}
	detail := "RFC 9110 requires every 401 to carry at least one WWW-Authenticate challenge naming the scheme and " +
		"parameters the server accepts. Without it a client cannot tell which credentials to send, and HTTP libraries " +
		"that authenticate on a challenge (Digest, NTLM, curl --anyauth) give up."
	if e, desc, ok := oauthBodyError(resp.Body); ok {
		detail += fmt.Sprintf(" The body says error=%q", e)
		if desc != "" {
			detail += fmt.Sprintf(" (%s)", desc)
		}
		detail += "."
	}
	ev := statusLine(resp)
	if len(names) > 0 {
		ev += " — headers: " + strings.Join(names, ", ")
	} else {
		ev += " — no headers"
	}
	d.add(report.Finding{
		Code:     report.ResponseChallengeMissing,
		Severity: report.Warning,
		Side:     report.Server,
		Title:    "The 401 response has no WWW-Authenticate challenge",
		Detail:   detail,
		Fix: "Server: add a challenge to every 401, e.g. WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"; " +
			"client: use the response body or the API's documentation to learn which credentials it expects.",
		Evidence: ev,
		Refs:     []string{"RFC 9110 §15.5.2", "RFC 9110 §11.6.1"},
		Span:     spanOf(resp.Span),
		Path:     d.path(k, "response.headers"),
	})
}

// challengeMalformed reports a WWW-Authenticate or Proxy-Authenticate field
// (field) that does not parse.
func (d *diag) challengeMalformed(k int, resp *Response, field string, err error) {
	var se *challenge.SyntaxError
	if !errors.As(err, &se) {
		return
	}
	// The se.Field-th line of that field.
	n := -1
	idx := -1
	for i, h := range resp.Headers {
		if strings.EqualFold(h.Name, field) {
			n++
			if n == se.Field {
				idx = i
				break
			}
		}
	}
	if idx < 0 {
		return
	}
	h := resp.Headers[idx]
	f := report.Finding{
		Code:     report.ResponseChallengeMalformed,
		Severity: report.Warning,
		Side:     report.Server,
		Title:    fmt.Sprintf("%s does not parse at byte %d: %s", field, se.Offset, se.Msg),
		Detail: "The field breaks the challenge grammar of RFC 9110 here. Strict clients may ignore the whole challenge, " +
			"and with it the error, scope and realm it carries; the challenges and parameters before the break were still read.",
		Fix: "Server: fix the header — quote parameter values that are not tokens (realm=\"…\"), escape \" and \\ inside quoted " +
			"strings, separate parameters with commas and give each parameter once per challenge.",
		Evidence: challenge.Caret(h.Value, se.Offset),
		Refs:     []string{"RFC 9110 §11.6.1", "RFC 9110 §11.2", "RFC 9110 §5.6.4"},
		Path:     d.path(k, fmt.Sprintf("response.headers[%d]", idx)),
	}
	if h.ValueSpan.End-h.ValueSpan.Start == len(h.Value) && h.ValueSpan.End > 0 {
		at := h.ValueSpan.Start + se.Offset
		f.Span = &report.Span{Start: at, End: min(at+1, h.ValueSpan.End)}
	} else {
		f.Span = spanOf(h.Span)
	}
	d.add(f)
}

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
		d.add(report.Finding{
			Code:     report.ResponseInvalidToken,
			Severity: report.Error,
			Side:     report.Client,
			Title:    withDesc("The server rejected the access token (invalid_token)", e.desc),
			Detail:   detail,
			Fix: "Get a new access token (refresh it, or sign in again) and retry; if a fresh token is refused too, compare its " +
				"aud, iss and signing key with what this API expects.",
			Evidence: e.evidence(),
			Refs:     []string{"RFC 6750 §3.1"},
			Path:     d.errPath(k, e, "error"),
			Span:     spanOf(resp.Span),
		})
	case "invalid_request":
		if tokenRequest(req) {
			d.tokenInvalidRequest(k, req, resp, e)
			return
		}
		d.add(report.Finding{
			Code:     report.ResponseInvalidRequest,
			Severity: report.Error,
			Side:     report.Client,
			Title:    withDesc("The server says the request is malformed (invalid_request); refreshing the token will not help", e.desc),
			Detail: "RFC 6750 §3.1: a required parameter is missing, a parameter is unsupported or repeated, the token is sent " +
				"more than one way (header and query or body), or the request is otherwise malformed. This is about the request, " +
				"not the token's validity, so a new token will not fix it.",
			Fix: "Fix the request itself: send the token exactly once, in the Authorization header as \"Bearer <token>\" " +
				"(one space, no quotes, not also in the query or body), with every parameter the API requires.",
			Evidence: e.evidence(),
			Refs:     []string{"RFC 6750 §3.1", "RFC 6750 §2"},
			Path:     d.errPath(k, e, "error"),
			Span:     spanOf(resp.Span),
		})
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
	d.add(report.Finding{
		Code:     report.ResponseInsufficientScope,
		Severity: report.Error,
		Side:     report.Client,
		Title:    title,
		Detail:   detail,
		Fix:      fix,
		Evidence: e.evidence(),
		Refs:     []string{"RFC 6750 §3.1", "RFC 6749 §3.3"},
		Path:     d.errPath(k, e, param),
		Span:     spanOf(resp.Span),
	})
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

func (d *diag) statusMismatch(k int, req *Request, resp *Response, creds []Credential, errs []bearerError, preflight bool) {
	mk := func(title, detail, fix, ev string, refs ...string) {
		d.add(report.Finding{
			Code:     report.ResponseStatusMismatch,
			Severity: report.Warning,
			Side:     report.Server,
			Title:    title,
			Detail:   detail,
			Fix:      fix,
			Evidence: ev,
			Refs:     refs,
			Span:     spanOf(resp.Span),
			Path:     d.path(k, "response.status"),
		})
	}
	for _, e := range errs {
		switch {
		case e.code == "insufficient_scope" && resp.Status == 401:
			mk("insufficient_scope was sent with 401; RFC 6750 says 403",
				"A 401 tells the client to authenticate again, which cannot add scope: clients that refresh and retry on 401 loop. "+
					"RFC 6750 §3.1 says insufficient_scope SHOULD come with 403 Forbidden.",
				"Server: answer insufficient_scope with 403; client: do not retry with a refreshed token, request the missing scope instead.",
				statusLine(resp)+"; "+e.evidence(), "RFC 6750 §3.1", "RFC 9110 §15.5.4")
		case e.code == "invalid_token" && resp.Status == 403:
			mk("invalid_token was sent with 403; RFC 6750 says 401",
				"RFC 6750 §3.1 says invalid_token SHOULD come with 401, which tells clients to get a new token; with 403 many "+
					"clients treat the refusal as final and never refresh.",
				"Server: answer invalid_token with 401 and a WWW-Authenticate challenge.",
				statusLine(resp)+"; "+e.evidence(), "RFC 6750 §3.1", "RFC 9110 §15.5.2")
		case e.code == "invalid_request" && (resp.Status == 401 || resp.Status == 403):
			mk(fmt.Sprintf("invalid_request was sent with %d; RFC 6750 says 400", resp.Status),
				"RFC 6750 §3.1 says invalid_request SHOULD come with 400 Bad Request: the request is malformed, and a 401 "+
					"misleads clients into refreshing a token that is not the problem.",
				"Server: answer invalid_request with 400.",
				statusLine(resp)+"; "+e.evidence(), "RFC 6750 §3.1", "RFC 9110 §15.5.1")
		}
	}
	if resp.Status == 403 && req != nil && len(creds) == 0 && !preflight && req.Deferred == "" &&
		(req.Method != "" || req.URL != "" || len(req.Headers) > 0) {
		mk("A request without credentials was answered 403; 401 with a challenge would say how to authenticate",
			"403 means the server understood who is asking and refuses anyway (RFC 9110 §15.5.4); for a request that carries "+
				"no credentials at all, 401 with a WWW-Authenticate challenge (§15.5.2) tells the client to authenticate. "+
				"Some gateways answer 403 here (for example AWS API Gateway's \"Missing Authentication Token\", which also "+
				"means the path or method does not exist).",
			"Client: send credentials (see request.no_credentials) and check the URL and method; server: answer missing credentials with 401 and a challenge.",
			statusLine(resp)+" to "+reqLine(req, d.ctx.Reveal), "RFC 9110 §15.5.4", "RFC 9110 §15.5.2")
	}
}

func hasDockerChallenge(chs []report.Challenge) bool {
	for _, c := range chs {
		if isDocker(c) {
			return true
		}
	}
	return false
}

func isDocker(c report.Challenge) bool {
	realm := c.Params["realm"]
	return strings.EqualFold(c.Scheme, "Bearer") && c.Params["service"] != "" &&
		(strings.HasPrefix(realm, "https://") || strings.HasPrefix(realm, "http://"))
}

// queryEscape escapes a query value but keeps ':' '/' ',' '@' readable, as
// registry clients and documentation write scopes.
func queryEscape(s string) string {
	e := url.QueryEscape(s)
	r := strings.NewReplacer("%3A", ":", "%2F", "/", "%2C", ",", "%40", "@")
	return r.Replace(e)
}

func (d *diag) tokenEndpoint(k, i int, c report.Challenge, req *Request) {
	path := func(p string) string { return d.path(k, fmt.Sprintf("response.challenges[%d].params.%s", i, p)) }
	target := "<the same URL>"
	if req != nil && strings.Contains(req.URL, "://") {
		target = MaskURL(req.URL, d.ctx.Reveal)
	}
	hint := func(title, detail, fix, ev, p string, refs ...string) {
		d.add(report.Finding{
			Code: report.ResponseTokenEndpointHint, Severity: report.Info, Side: report.Client,
			Title: title, Detail: detail, Fix: fix, Evidence: ev, Refs: refs, Path: path(p),
		})
	}
	ev := challengeString(c)
	switch {
	case isDocker(c):
		realm := c.Params["realm"]
		u := realm
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + "service=" + queryEscape(c.Params["service"])
		for _, s := range strings.Fields(c.Params["scope"]) {
			u += "&scope=" + queryEscape(s)
		}
		what := c.Params["scope"]
		if what == "" {
			what = c.Params["service"]
		}
		hint(fmt.Sprintf("Get a token for %s from %s", what, u),
			"This is the Docker Registry token flow: the registry does not check credentials itself; its challenge names a "+
				"token service (realm), the service the token is for and the scope needed. Ask that service for a token — "+
				"anonymously for public images, with -u user:password (or an access token as the password) for private ones — "+
				"and send it back as \"Authorization: Bearer <token>\".",
			fmt.Sprintf("Fetch a token from the realm and retry with it: TOKEN=$(curl -s \"%s\" | jq -r .token) && "+
				"curl -H \"Authorization: Bearer $TOKEN\" \"%s\" (add -u user:password to the first curl for private repositories).", u, target),
			ev, "realm", refDocker, "RFC 6750 §3")
	case c.Params["authorization_uri"] != "" || c.Params["authorization"] != "" && strings.HasPrefix(c.Params["authorization"], "http"):
		auth := c.Params["authorization_uri"]
		p := "authorization_uri"
		if auth == "" {
			auth, p = c.Params["authorization"], "authorization"
		}
		res := c.Params["resource_id"]
		if res == "" {
			res = c.Params["resource"]
		}
		if res == "" {
			res = c.Params["client_id"]
		}
		fix := fmt.Sprintf("Request a token from %s", auth)
		if res != "" {
			fix += fmt.Sprintf(" for the resource %s (e.g. az account get-access-token --resource %s)", res, res)
		}
		fix += " and send it as \"Authorization: Bearer <token>\"."
		hint(fmt.Sprintf("The challenge names the authority to get a token from: %s", auth),
			"Microsoft Entra ID (Azure AD) resources name the authority (tenant) that issues their tokens, and the resource "+
				"or application the token must be for. A token from another tenant or for another resource is refused.",
			fix, ev, p, "Microsoft identity platform: WWW-Authenticate challenge", "RFC 6750 §3")
	}
	if m := c.Params["resource_metadata"]; m != "" {
		hint(fmt.Sprintf("The challenge points to the resource's OAuth metadata: %s", m),
			"RFC 9728: the protected resource metadata lists the authorization_servers that issue tokens for this resource, "+
				"the scopes it supports and how it accepts tokens.",
			fmt.Sprintf("Fetch the metadata (curl -s \"%s\"), get a token from one of its authorization_servers for this resource, and retry with it.", m),
			ev, "resource_metadata", "RFC 9728 §5.1", "RFC 9728 §3")
	}
	for _, p := range []string{"as_uri", "authorization_server"} {
		if a := c.Params[p]; a != "" {
			ref := "RFC 6750 §3"
			if p == "as_uri" {
				ref = "RFC 9200 §5.3"
			}
			hint(fmt.Sprintf("The challenge names the authorization server: %s", a),
				"The resource server says which authorization server issues the tokens it accepts.",
				fmt.Sprintf("Get an access token from %s for this resource and retry with it.", a),
				ev, p, ref)
		}
	}
}

// challengeString renders a challenge for evidence.
func challengeString(c report.Challenge) string {
	s := c.Scheme
	if c.Token68 != nil {
		return s + " " + *c.Token68
	}
	keys := make([]string, 0, len(c.Params))
	for k := range c.Params {
		keys = append(keys, k)
	}
	// realm first, then alphabetical
	sortStrings(keys)
	var ps []string
	for _, k := range keys {
		ps = append(ps, fmt.Sprintf("%s=%q", k, c.Params[k]))
	}
	if len(ps) > 0 {
		s += " " + strings.Join(ps, ", ")
	}
	return s
}

func sortStrings(ks []string) {
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && less(ks[j], ks[j-1]); j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
}

func less(a, b string) bool {
	if a == "realm" || b == "realm" {
		return a == "realm" && b != "realm"
	}
	return a < b
}

func (d *diag) dpopNonce(k int, resp *Response, errs []bearerError) {
	nonce, hasNonce := resp.Header("DPoP-Nonce")
	var use *bearerError
	for i := range errs {
		if errs[i].code == "use_dpop_nonce" {
			use = &errs[i]
			break
		}
	}
	ni := headerIndex(resp.Headers, "DPoP-Nonce")
	switch {
	case use != nil:
		f := report.Finding{
			Code:     report.ResponseDPoPNonce,
			Severity: report.Error,
			Side:     report.Client,
			Detail: "RFC 9449: the server wants every DPoP proof to carry a nonce it issued, which limits the use of " +
				"pre-generated proofs. The first request without the current nonce is expected to fail this way; the client " +
				"retries once with a new proof.",
			Evidence: use.evidence(),
			Refs:     []string{"RFC 9449 §8", "RFC 9449 §9"},
			Path:     d.errPath(k, *use, "error"),
			Span:     spanOf(resp.Span),
		}
		if hasNonce && nonce != "" {
			f.Title = fmt.Sprintf("The server requires a DPoP nonce: resend the proof with nonce %q", nonce)
			f.Fix = fmt.Sprintf("Create a new DPoP proof JWT whose \"nonce\" claim is %q (with a fresh jti and iat, and ath for "+
				"the access token) and resend the request; keep using the latest DPoP-Nonce the server sends.", nonce)
			f.Evidence += "; DPoP-Nonce: " + nonce
			f.Path = d.path(k, fmt.Sprintf("response.headers[%d]", ni))
			if s := resp.Headers[ni].ValueSpan; s.End > 0 {
				f.Span = &s
			}
		} else {
			f.Title = "The server requires a DPoP nonce (use_dpop_nonce) but sent no DPoP-Nonce header"
			f.Side = report.Both
			f.Detail += " RFC 9449 §8 and §9 require the server to send the nonce to use in a DPoP-Nonce header with this error; it is missing here."
			f.Fix = "Server: send DPoP-Nonce with every use_dpop_nonce error; client: put the value of DPoP-Nonce in the " +
				"\"nonce\" claim of a new DPoP proof and resend the request."
		}
		d.add(f)
	case hasNonce && nonce != "":
		f := report.Finding{
			Code:     report.ResponseDPoPNonce,
			Severity: report.Info,
			Side:     report.Client,
			Title:    fmt.Sprintf("The server supplied a DPoP nonce for the next proof: %q", nonce),
			Detail:   "RFC 9449: a DPoP-Nonce header gives the nonce the next DPoP proof sent to this server must carry.",
			Fix:      "Put this value in the \"nonce\" claim of the next DPoP proof you send to this server.",
			Evidence: "DPoP-Nonce: " + nonce,
			Refs:     []string{"RFC 9449 §8.2", "RFC 9449 §9"},
			Path:     d.path(k, fmt.Sprintf("response.headers[%d]", ni)),
		}
		if s := resp.Headers[ni].ValueSpan; s.End > 0 {
			f.Span = &s
		}
		d.add(f)
	}
}

// directives parses Cache-Control values into lower-cased name → value.
func directives(vals []string) map[string]string {
	m := map[string]string{}
	for _, v := range vals {
		for _, d := range strings.Split(v, ",") {
			n, val, _ := strings.Cut(strings.TrimSpace(d), "=")
			n = strings.ToLower(strings.TrimSpace(n))
			if n != "" {
				if _, dup := m[n]; !dup {
					m[n] = strings.Trim(strings.TrimSpace(val), `"`)
				}
			}
		}
	}
	return m
}

func positive(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n > 0
}

func (d *diag) cacheable(k int, req *Request, resp *Response) {
	if resp.Status != 401 {
		return
	}
	ccVals := Values(resp.Headers, "Cache-Control")
	cc := directives(ccVals)
	for _, n := range []string{"no-store", "private", "no-cache"} {
		if _, ok := cc[n]; ok {
			return
		}
	}
	if v, ok := resp.Header("Vary"); ok {
		l := strings.ToLower(v)
		if strings.Contains(l, "authorization") || strings.TrimSpace(l) == "*" {
			return
		}
	}
	var why []string
	if _, ok := cc["public"]; ok {
		why = append(why, "public")
	}
	if positive(cc["s-maxage"]) {
		why = append(why, "s-maxage="+cc["s-maxage"])
	}
	if positive(cc["max-age"]) {
		why = append(why, "max-age="+cc["max-age"])
	}
	expires, hasExp := resp.Header("Expires")
	if len(why) == 0 && hasExp {
		date, okD := resp.Date()
		exp, okE := ParseHTTPDate(expires)
		if !okD || !okE || !exp.After(date) {
			return
		}
		why = append(why, fmt.Sprintf("Expires %s after Date", exp.Sub(date)))
	}
	if len(why) == 0 {
		return
	}
	ev := ""
	if len(ccVals) > 0 {
		ev = "Cache-Control: " + strings.Join(ccVals, ", ")
	}
	if hasExp {
		if ev != "" {
			ev += "; "
		}
		ev += "Expires: " + expires
	}
	sev := report.Warning
	detail := "RFC 9111: a 401 is not cacheable by default, but explicit freshness (" + strings.Join(why, ", ") + ") without " +
		"no-store or private lets shared caches (CDNs, proxies) store it and serve it to other clients — including clients " +
		"whose credentials are valid, since caches do not key responses on Authorization unless told to (Vary)."
	hit := ""
	if age, ok := resp.Header("Age"); ok && positive(strings.TrimSpace(age)) {
		hit = "Age: " + age
	}
	for _, n := range []string{"X-Cache", "CF-Cache-Status", "X-Cache-Status", "X-Proxy-Cache"} {
		if v, ok := resp.Header(n); ok && strings.Contains(strings.ToUpper(v), "HIT") {
			hit = n + ": " + v
			break
		}
	}
	if hit != "" {
		sev = report.Error
		detail += " This copy came from a cache (" + hit + "), so the refusal may be someone else's, stored earlier."
		ev += "; " + hit
	}
	d.add(report.Finding{
		Code:     report.ResponseCacheable401,
		Severity: sev,
		Side:     report.Server,
		Title:    fmt.Sprintf("The 401 may be stored and reused by shared caches (%s)", strings.Join(why, ", ")),
		Detail:   detail,
		Fix: "Server: send \"Cache-Control: no-store\" (or private) on 401 responses, add Vary: Authorization where " +
			"authenticated responses are cached, and purge the cached 401 from the CDN.",
		Evidence: ev,
		Refs:     []string{"RFC 9111 §3", "RFC 9111 §4.2.2", "RFC 9111 §5.2.2", "RFC 9110 §15.5.2"},
		Span:     spanOf(resp.Span),
		Path:     d.path(k, "response.headers"),
	})
}

// listHas reports whether a comma-separated header list contains name (case-insensitively).
func listHas(list, name string) bool {
	for _, it := range strings.Split(list, ",") {
		if strings.EqualFold(strings.TrimSpace(it), name) {
			return true
		}
	}
	return false
}

func (d *diag) cors(k int, req *Request, resp *Response) {
	mk := func(sev report.Severity, title, detail, fix, ev string, refs ...string) {
		d.add(report.Finding{
			Code: report.ResponseCORSBlocksAuth, Severity: sev, Side: report.Server,
			Title: title, Detail: detail, Fix: fix, Evidence: ev, Refs: refs,
			Span: spanOf(resp.Span), Path: d.path(k, "response.headers"),
		})
	}
	acao, hasACAO := resp.Header("Access-Control-Allow-Origin")
	acah, hasACAH := resp.Header("Access-Control-Allow-Headers")
	acac, _ := resp.Header("Access-Control-Allow-Credentials")
	_, hasACAM := resp.Header("Access-Control-Allow-Methods")
	preflight := isPreflight(req) || (req == nil && hasACAM)
	if preflight {
		st := resp.Status
		if st != 0 && (st < 200 || st > 299) {
			title := fmt.Sprintf("The CORS preflight failed with %d, so the browser never sends the real request", st)
			detail := "A preflight must succeed with a 2xx status before the browser sends the actual request."
			if st == 401 || st == 403 {
				title = fmt.Sprintf("The CORS preflight was refused with %d: browsers never send credentials on a preflight", st)
				detail = "The browser sends the OPTIONS preflight without Authorization or cookies, so a server that demands " +
					"authentication for it blocks the real request before it is sent; the console shows a CORS error, not the 401."
			}
			mk(report.Error, title, detail,
				"Server: answer OPTIONS preflights without requiring authentication (200 or 204 with the Access-Control-Allow-* "+
					"headers), before the authentication middleware runs.",
				statusLine(resp)+" to OPTIONS", refFetchPreflight, refFetchCORS)
			return
		}
		wanted := false
		ev := ""
		if req != nil {
			acrh, _ := req.Header("Access-Control-Request-Headers")
			wanted = listHas(acrh, "authorization")
			ev = "Access-Control-Request-Headers: " + acrh + "; "
		}
		if (wanted || (req == nil && hasACAH)) && !listHas(acah, "authorization") {
			sev := report.Error
			if !wanted {
				sev = report.Warning
			}
			title := "The CORS preflight does not allow the Authorization header"
			detail := "The preflight answer must list every non-safelisted request header the page wants to send; " +
				"Authorization is not listed, so the browser refuses to send the request with it."
			if listHas(acah, "*") {
				title += " (\"*\" does not cover it)"
				detail += " The wildcard * never covers Authorization: it must be named explicitly (Fetch standard; current browsers enforce this)."
			}
			if !hasACAH {
				acah = "(absent)"
			}
			mk(sev, title, detail,
				"Server: name Authorization explicitly in the preflight answer, e.g. \"Access-Control-Allow-Headers: Authorization, Content-Type\".",
				ev+"Access-Control-Allow-Headers: "+acah, refFetchPreflight, refFetchCORS)
		}
		return
	}
	if !hasACAO || req == nil {
		if hasACAO && acao == "*" && strings.EqualFold(strings.TrimSpace(acac), "true") {
			mk(report.Warning, "Access-Control-Allow-Credentials: true is combined with Access-Control-Allow-Origin: *",
				"Browsers reject this combination for credentialed requests (cookies, or fetch with credentials: \"include\"): "+
					"with credentials the allowed origin must be named exactly.",
				"Server: echo the request's Origin (from an allow-list) in Access-Control-Allow-Origin, with Vary: Origin.",
				"Access-Control-Allow-Origin: *; Access-Control-Allow-Credentials: "+acac, refFetchCORS)
		}
		return
	}
	origin, hasOrigin := req.Header("Origin")
	if !hasOrigin || len(cookiesOf(req.Headers)) == 0 && len(req.Cookies) == 0 {
		return
	}
	switch {
	case strings.TrimSpace(acao) == "*":
		mk(report.Error, "The request sends cookies, but Access-Control-Allow-Origin is *",
			"A request with cookies is a credentialed CORS request; the browser only hands its response to the page when "+
				"Access-Control-Allow-Origin names the origin exactly and Access-Control-Allow-Credentials is true.",
			fmt.Sprintf("Server: answer with \"Access-Control-Allow-Origin: %s\" (from an allow-list), \"Access-Control-Allow-Credentials: true\" and Vary: Origin.", origin),
			"Origin: "+origin+"; Cookie sent; Access-Control-Allow-Origin: *", refFetchCORS)
	case !strings.EqualFold(strings.TrimSpace(acac), "true"):
		mk(report.Error, "The request sends cookies, but Access-Control-Allow-Credentials: true is missing",
			"For a credentialed CORS request the browser requires Access-Control-Allow-Credentials: true in the response, "+
				"otherwise the page cannot read it (and the session cookie seems not to work).",
			"Server: add \"Access-Control-Allow-Credentials: true\" to responses for allowed origins (and to the preflight answer).",
			"Origin: "+origin+"; Cookie sent; Access-Control-Allow-Origin: "+acao+"; Access-Control-Allow-Credentials: (absent)", refFetchCORS)
	}
}
