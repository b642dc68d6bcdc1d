// Status codes that do not fit what the server said (RFC 6750 §3.1, RFC 9110
// §15.5.2, §15.5.4).

package exchange

import (
	"fmt"

	"github.com/authdebug/authdebug/internal/report"
)

func (d *diag) statusMismatch(k int, req *Request, resp *Response, creds []Credential, errs []bearerError, preflight bool) {
	mk := func(title, detail, fix, ev string, refs ...string) {
		d.add(report.New(
			report.ResponseStatusMismatch,
			report.Warning,
			report.Server,
			title,
			report.Detail(detail),
			report.Fix(fix),
			report.Evidence(ev), refs...).At(d.path(k, "response.status")).Within(spanOf(resp.Span)))
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
