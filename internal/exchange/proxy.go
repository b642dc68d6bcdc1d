package exchange

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// proxyAuth explains a 407: a proxy between the client and the API wants
// its own credentials (RFC 9110 §15.5.8). The API never saw the request, so
// nothing about its token is in question yet; the finding says which
// scheme the proxy asks for and how to give it credentials.
func (d *diag) proxyAuth(k int, r *Request, resp *Response) {
	chs, errs := resp.ProxyChallenges()
	host := hostOf(r)
	title := "A proxy refused the request with 407 before it reached the API"
	if host != "" {
		title = "A proxy refused the request with 407 before it reached " + host
	}
	detail := "407 Proxy Authentication Required comes from a proxy between the client and the server (a corporate or " +
		"egress proxy, a gateway, a sidecar), not from the API: the request never got there, so its token or API key is " +
		"not in question yet. A proxy reads credentials from Proxy-Authorization and consumes them; it ignores " +
		"Authorization, which is for the origin server."
	ev := statusLine(resp)
	path := d.path(k, "response")
	if i := headerIndex(resp.Headers, "Proxy-Authenticate"); i >= 0 {
		path = d.path(k, fmt.Sprintf("response.headers[%d]", i))
	}
	if len(chs) > 0 {
		var parts []string
		for _, c := range chs {
			p := c.Scheme
			if realm, ok := c.Params["realm"]; ok {
				p += fmt.Sprintf(" (realm %s)", report.Quote(realm, 60))
			}
			parts = append(parts, p)
		}
		detail += " It asks for " + strings.Join(parts, " or ") + "."
		for _, v := range Values(resp.Headers, "Proxy-Authenticate") {
			ev += "; Proxy-Authenticate: " + report.Clip(v, 120)
		}
	} else if len(errs) > 0 {
		detail += " Its Proxy-Authenticate field does not parse, so the scheme the proxy wants is unclear."
	} else {
		detail += " The response carries no Proxy-Authenticate challenge, which RFC 9110 requires with every 407, so " +
			"the scheme the proxy wants is unknown: ask its operator."
	}
	if r != nil {
		if v, ok := r.Header("Proxy-Authorization"); ok {
			// The scheme only: a value without one is all credential.
			scheme, _, ok := strings.Cut(strings.TrimSpace(v), " ")
			if !ok || len(scheme) > 20 {
				scheme = "no scheme"
			}
			detail += fmt.Sprintf(" The request did send Proxy-Authorization (%s), so the proxy refused those credentials: "+
				"a wrong user or password, an expired proxy session, or a scheme it does not accept.", scheme)
			ev += "; Proxy-Authorization: " + maskValue("Proxy-Authorization", v, d.ctx.Reveal)
		} else if r.Method != "" || len(r.Headers) > 0 {
			detail += " The request carried no Proxy-Authorization."
		}
	}
	d.add(report.New(
		report.ResponseProxyAuthRequired,
		report.Error,
		report.Client,
		title,
		report.Detail(detail),
		report.Fix("Send the proxy its own credentials in Proxy-Authorization. "+proxyFix(chs)),
		report.Evidence(ev), "RFC 9110 §15.5.8", "RFC 9110 §11.7.1", "RFC 9110 §11.7.2").At(path).Within(spanOf(resp.Span)))
}

// proxyFix names the client settings for the proxy's schemes.
func proxyFix(chs []report.Challenge) string {
	has := func(s string) bool { return hasScheme(chs, s) }
	var ways []string
	switch {
	case has("Negotiate"):
		ways = append(ways, "for Negotiate (Kerberos), run kinit and use curl --proxy-negotiate -U : (browsers do it with the OS login)")
	case has("NTLM"):
		ways = append(ways, "for NTLM, curl --proxy-ntlm -U 'DOMAIN\\user:password'")
	case has("Digest"):
		ways = append(ways, "for Digest, curl --proxy-digest -U user:password")
	}
	basic := "with curl, -U user:password (--proxy-user)"
	if len(ways) > 0 {
		basic = "otherwise curl -U user:password (--proxy-user)"
	}
	ways = append(ways, basic+", or user and password in the proxy URL of HTTPS_PROXY/HTTP_PROXY "+
		"(http://user:password@proxy:3128), which most HTTP clients read",
		"if this host should not go through the proxy at all, add it to NO_PROXY")
	s := strings.Join(ways, "; ") + "."
	return strings.ToUpper(s[:1]) + s[1:]
}
