// Redirects: Authorization dropped when a redirect crossed hosts (Fetch
// Standard, curl --location).

package exchange

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

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
		if ha == "" || hb == "" {
			continue
		}
		oa, ob := originOf(a.Request), originOf(b.Request)
		sameHost := ha == hb
		if sameHost && (oa == "" || ob == "" || oa == ob) {
			continue
		}
		from, to, why := ha, hb, "to another host, went without it: curl -L does not resend credentials to a different host (since 7.58.0), and "+
			"browsers remove Authorization on cross-origin redirects, so that one host's credentials do not leak to another."
		if sameHost {
			// Same host, another scheme or port: curl (since 7.83.0,
			// CVE-2022-27776) and browsers treat it as another origin.
			from, to = oa, ob
			why = "to the same host on another scheme or port, went without it: curl -L clears credentials when the scheme or port changes (since 7.83.0; " +
				"its transcript says \"Clear auth, redirects to port from … to …\"), and browsers treat another scheme or port as another origin."
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
		d.add(report.New(
			report.RequestRedirectDroppedAuth,
			sev,
			report.Client,
			fmt.Sprintf("Authorization was dropped on the redirect from %s to %s", from, to),
			report.Detail(fmt.Sprintf("The request to %s carried Authorization and was answered %d with Location: %s. The next request, %s",
				from, st, MaskURL(loc, d.ctx.Reveal), why)),
			report.Fix(fmt.Sprintf("Send the request with its Authorization header directly to the final URL %s; if you trust %s, "+
				"let curl resend credentials on redirects with --location-trusted.", final, to)),
			report.Evidence(fmt.Sprintf("%s with Authorization: %s → %d → %s without Authorization",
				reqLine(a.Request, d.ctx.Reveal), maskValue("Authorization", a.Request.Headers[ai].Value, d.ctx.Reveal), st,
				reqLine(b.Request, d.ctx.Reveal))), "RFC 9110 §15.4", refFetchRedirect).At(fmt.Sprintf("exchanges[%d].request", k+1)).Within(spanOf(b.Request.Span)))
	}
}

// originOf is the request's origin, scheme://host:port with the default
// port written out, "" when its URL is not absolute.
func originOf(r *Request) string {
	u, err := url.Parse(r.URL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}
