// Where the credentials stand: more than one Authorization field (RFC 9110
// §5.3: it is not a list, so servers pick one), and credentials in a place
// the server does not read (a header named after the scheme, an API-key
// header or a query parameter sent to a server whose 401 challenges for
// Authorization; RFC 9110 §11.6.2, RFC 6750 §2).

package exchange

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

func (d *diag) duplicateAuthorization(k int, req *Request, status int) {
	var idx []int
	for i, h := range req.Headers {
		if strings.EqualFold(h.Name, "Authorization") {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return
	}
	var shown []string
	for _, i := range idx {
		h := req.Headers[i]
		shown = append(shown, "Authorization: "+maskValue(h.Name, h.Value, d.ctx.Reveal))
	}
	sev, detail := report.Error, " This request was refused: the value the server chose is probably not the one meant."
	if status < 400 {
		sev, detail = report.Warning, ""
		if status >= 200 && status < 300 {
			detail = " The server accepted this request, so it chose a value that works; another server, proxy or version may choose the other."
		}
	}
	d.add(report.New(report.RequestDuplicateAuthorization, sev, report.Client,
		fmt.Sprintf("The request sends %d Authorization headers", len(idx)),
		report.Detail("Authorization holds one credential and is not a comma-separated list (RFC 9110 §5.3, §11.6.2), so a request with several is ambiguous: "+
			"servers and frameworks take the first, the last, or join them and fail to parse the result, and proxies may drop or merge them."+detail),
		"Send exactly one Authorization header: remove the duplicate (a default header of the HTTP client or an interceptor plus the one added by hand is the usual cause; curl: one -H 'Authorization: …', and no -u or --oauth2-bearer beside it).",
		report.Evidence(strings.Join(shown, "; ")),
		"RFC 9110 §5.3", "RFC 9110 §11.6.2").At(d.path(k, fmt.Sprintf("request.headers[%d]", idx[1]))).Within(spanOf(req.Headers[idx[1]].Span)))
}

// wrongPlace raises request.credentials_wrong_place for credentials the
// server's 401 shows it does not read, and reports whether it did.
func (d *diag) wrongPlace(k int, req *Request, resp *Response, chs []report.Challenge, creds []Credential) bool {
	if resp == nil || resp.Status != 401 || headerIndex(req.Headers, "Authorization") >= 0 {
		return false
	}
	reads := readsAuthorization(chs)
	if reads == "" {
		return false
	}
	var where, evidence string
	var at *Header
	for i, h := range req.Headers {
		if IsAPIKeyHeader(h.Name) {
			at = &req.Headers[i]
			where = fmt.Sprintf("a header named %q", h.Name)
			evidence = h.Name + ": " + maskValue("Authorization", h.Value, d.ctx.Reveal)
			break
		}
	}
	if at == nil {
		for _, c := range creds {
			if name, ok := strings.CutPrefix(c.Source, "request.query."); ok && !presignedParams[strings.ToLower(name)] {
				where = fmt.Sprintf("the URL's query parameter %q", name)
				evidence = name + "=" + d.mask(c.Value)
				break
			}
		}
	}
	if where == "" {
		return false
	}
	www, _ := resp.Header("WWW-Authenticate")
	f := report.New(report.RequestCredentialsWrongPlace, report.Error, report.Client,
		fmt.Sprintf("The credential was sent in %s, but the server reads the Authorization header", where),
		report.Detail(fmt.Sprintf("The 401 challenges with %s, which asks for an Authorization header; the request has none, and carries its credential in %s instead. "+
			"A server reads credentials only where its authentication is configured to look, so it saw none.", reads, where)),
		report.Fix(fmt.Sprintf("Send it as \"Authorization: %s <credential>\" (curl: -H 'Authorization: %s <credential>'), unless this API's documentation names another header.", reads, reads)),
		report.Evidence(evidence+"; WWW-Authenticate: "+www),
		"RFC 9110 §11.6.2", "RFC 6750 §2.1").At(d.path(k, "request"))
	if at != nil {
		f.Span = spanOf(at.Span)
	}
	d.add(f)
	return true
}

// readsAuthorization is the scheme of the first challenge that is answered
// with an Authorization header carrying a credential the client already has
// (Bearer, Basic, DPoP), "" when none is.
func readsAuthorization(chs []report.Challenge) string {
	for _, c := range chs {
		switch strings.ToLower(c.Scheme) {
		case "bearer":
			return "Bearer"
		case "basic":
			return "Basic"
		case "dpop":
			return "DPoP"
		}
	}
	return ""
}
