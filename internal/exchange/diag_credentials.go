// Request credentials: none sent, a scheme the server did not offer, credentials
// in the query, credentials over plain http (RFC 9110 §11, RFC 6750 §2).

package exchange

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

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
	d.add(report.New(
		report.RequestSchemeMismatch,
		report.Error,
		report.Client,
		fmt.Sprintf("Sent %s credentials, but the server only accepts %s", sent, strings.Join(accepted, ", ")),
		report.Detail(fmt.Sprintf("The Authorization header uses the %q scheme, while the 401's WWW-Authenticate lists only %s. "+
			"A server ignores credentials of a scheme it did not offer, so the request counts as unauthenticated. "+
			"Scheme names are compared case-insensitively, so this is not about capitalisation.", sent, strings.Join(accepted, ", "))),
		report.Fix(fix),
		report.Evidence(fmt.Sprintf("Authorization: %s; WWW-Authenticate: %s", maskValue("Authorization", h.Value, d.ctx.Reveal), www)), "RFC 9110 §11.6.1", "RFC 9110 §11.6.2", "RFC 9110 §11.1").At(d.path(k, fmt.Sprintf("request.headers[%d]", i))).Within(spanOf(h.Span)))
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
		f := report.New(
			report.RequestAPIKeyInQuery,
			report.Warning,
			report.Client,
			fmt.Sprintf("The URL carries the credential %q in its query string", name),
			report.Detail(detail),
			report.Fix("Send the credential in a header instead (\"Authorization: Bearer <token>\", or the API's key header such as "+
				"X-API-Key), and rotate it if these URLs were logged."),
			report.Evidence(name+"="+d.mask(c.Value)), "RFC 6750 §2.3", "RFC 6750 §5.3").At(d.path(k, "request.url"))
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
	d.add(report.New(
		report.RequestInsecureTransport,
		report.Warning,
		report.Client,
		fmt.Sprintf("Credentials are sent over plain http:// to %s", host),
		report.Detail("Without TLS anyone on the network path can read and replay these credentials. Servers and proxies often "+
			"redirect http:// to https://, and a client following that redirect may drop the Authorization header, or the "+
			"server may refuse credentials that arrived unencrypted."),
		report.Fix(fmt.Sprintf("Use https://%s instead, and rotate the credentials if they crossed an untrusted network.", host)),
		report.Evidence(reqLine(req, d.ctx.Reveal)+" with "+strings.Join(what, ", ")), "RFC 6750 §5.3", "RFC 7617 §4", "RFC 9110 §4.2.2").At(d.path(k, "request.url")).Within(spanOf(req.URLSpan)))
}
