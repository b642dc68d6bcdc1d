// CORS: a response or preflight that does not allow Authorization or
// credentials (Fetch Standard).

package exchange

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

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
		d.add(report.New(
			report.ResponseCORSBlocksAuth, sev, report.Server,
			title, report.Detail(detail), report.Fix(fix), report.Evidence(ev), refs...).At(d.path(k, "response.headers")).Within(spanOf(resp.Span)))
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
