package analyze

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
)

// hop is an intermediary a response names, and where it is configured to
// pass Authorization on.
type hop struct{ name, where string }

// hops are read from the response's headers, most specific first.
var hops = []struct {
	header, contains string
	hop
}{
	{"x-amz-cf-id", "", hop{"Amazon CloudFront", "CloudFront forwards Authorization only when the behaviour's origin request policy (or legacy cache settings) includes it: add Authorization to the origin request policy, or to the cache policy's headers"}},
	{"x-cache", "cloudfront", hop{"Amazon CloudFront", "CloudFront forwards Authorization only when the behaviour's origin request policy (or legacy cache settings) includes it: add Authorization to the origin request policy, or to the cache policy's headers"}},
	{"via", "cloudfront", hop{"Amazon CloudFront", "CloudFront forwards Authorization only when the behaviour's origin request policy (or legacy cache settings) includes it: add Authorization to the origin request policy, or to the cache policy's headers"}},
	{"cf-ray", "", hop{"Cloudflare", "Cloudflare passes Authorization on by default: look for a Transform Rule, Worker or Access policy that removes or replaces it"}},
	{"x-azure-ref", "", hop{"Azure Front Door", "check the route's rules engine for header actions that delete Authorization, and the origin's own proxy"}},
	{"x-served-by", "cache-", hop{"Fastly", "check the service's VCL (unset req.http.Authorization) and header rules"}},
	{"x-kong-proxy-latency", "", hop{"Kong", "check plugins that strip or consume Authorization before the upstream (jwt, key-auth, request-transformer with remove.headers), and hide_credentials"}},
	{"x-kong-upstream-latency", "", hop{"Kong", "check plugins that strip or consume Authorization before the upstream (jwt, key-auth, request-transformer with remove.headers), and hide_credentials"}},
	{"x-envoy-upstream-service-time", "", hop{"Envoy", "check the route's request_headers_to_remove and the jwt_authn provider's forward setting (forward: true keeps Authorization for the upstream)"}},
	{"server", "envoy", hop{"Envoy", "check the route's request_headers_to_remove and the jwt_authn provider's forward setting (forward: true keeps Authorization for the upstream)"}},
	{"server", "awselb", hop{"an AWS load balancer", "an ALB passes Authorization on, but its authenticate-oidc action replaces it with x-amzn-oidc-* headers: check the listener rules"}},
	{"server", "nginx", hop{"nginx", "a proxy_pass location forwards Authorization unless proxy_set_header Authorization \"\" or proxy_pass_request_headers off is set; with FastCGI/uWSGI pass it explicitly (fastcgi_param HTTP_AUTHORIZATION $http_authorization)"}},
	{"server", "apache", hop{"Apache httpd", "mod_wsgi drops Authorization unless WSGIPassAuthorization On; CGI and PHP-FPM need CGIPassAuth On (or a RewriteRule setting HTTP_AUTHORIZATION)"}},
	{"server", "microsoft-iis", hop{"IIS", "check the site's URL Rewrite rules and, for a reverse proxy (ARR), that the server variable HTTP_AUTHORIZATION is preserved"}},
	{"server", "cloudflare", hop{"Cloudflare", "Cloudflare passes Authorization on by default: look for a Transform Rule, Worker or Access policy that removes or replaces it"}},
	{"via", "", hop{"a proxy", "the proxy named in Via: make it forward the Authorization header to the server behind it"}},
}

// intermediary names what sits between the client and the server that
// answered, from the response's headers, with the header that says so.
func intermediary(resp *exchange.Response) (hop, string, bool) {
	for _, h := range hops {
		for _, v := range exchange.Values(resp.Headers, h.header) {
			if h.contains == "" || strings.Contains(strings.ToLower(v), h.contains) {
				return h.hop, h.header + ": " + report.Quote(v, 60), true
			}
		}
	}
	return hop{}, "", false
}

// authNotForwarded is request.auth_not_forwarded for an exchange whose
// request carried creds while the server's own message (said) says none
// arrived.
func authNotForwarded(resp *exchange.Response, creds []exchange.Credential, said string, span *report.Span) report.Finding {
	h, by, ok := intermediary(resp)
	title := "The request carried credentials, but the server says none arrived"
	detail := fmt.Sprintf("The request sent %s, and the server answered with its reply for a request without credentials. "+
		"Something between client and server dropped them: a reverse proxy, CDN, gateway or the front server in front of the application (nginx, Apache with mod_wsgi or CGI, a load balancer). "+
		"A new token will not help: the same request will arrive without it again.", credNames(creds))
	fix := "Find the hop that removes the Authorization header and make it pass it on: nginx proxy_set_header / fastcgi_param HTTP_AUTHORIZATION, Apache WSGIPassAuthorization On or CGIPassAuth On, a CDN's origin request policy (CloudFront), or the gateway's header rules. Calling the application directly, bypassing the proxy, shows which hop it is."
	if ok {
		title = "The request carried credentials, but the server says none arrived: " + h.name + " in between probably dropped them"
		detail += " The response names " + h.name + " (" + by + ")."
		fix = "Make " + h.name + " pass the Authorization header on: " + h.where + ". Calling the application directly, bypassing it, confirms it."
	}
	evidence := said
	if by != "" {
		evidence += "; " + by
	}
	return report.New(report.RequestAuthNotForwarded, report.Error, report.Server, title,
		report.Detail(detail), report.Fix(fix), report.Evidence(evidence),
		"RFC 9110 §11.6.2", "RFC 9110 §7.6").Within(span)
}

// rejected raises response.credentials_rejected for a 401 to well-formed
// credentials of a scheme the server accepts when nothing else explains it:
// the secret itself is wrong, rolled or revoked.
func (r *run) rejected() {
	for _, f := range r.rep.Findings {
		if f.Severity == report.Error {
			return
		}
	}
	for i, ex := range r.exs {
		if ex.Request == nil || ex.Response == nil || ex.Response.Status != 401 || r.laterAccepted(i) {
			continue
		}
		creds := exchange.Credentials(ex.Request)
		if len(creds) == 0 {
			continue
		}
		chs, _ := ex.Response.Challenges()
		c, kind := r.rejectedCredential(creds, chs)
		if kind == "" {
			continue
		}
		path := "request"
		if len(r.exs) > 1 {
			path = fmt.Sprintf("exchanges[%d].request", i)
		}
		what := map[string]string{
			"basic":  "a wrong user name or password, a locked or disabled account, or a password changed since",
			"jwt":    "a token the server does not accept although it is well-formed and in date here: revoked or logged out, issued for another environment or tenant, or signed by keys this server does not hold (the engine could not check the signature without the issuer's keys)",
			"opaque": "an access token the server does not know: expired or revoked at the issuer (opaque tokens carry no exp to read), mistyped, or issued for another environment",
			"key":    "an API key the server does not know: mistyped, rolled or revoked, or a key of another environment (test vs live)",
		}[kind]
		fix := map[string]string{
			"basic":  "Check the user name and password (and the account) against the server; with curl use -u 'user:password' so the encoding is right.",
			"jwt":    "Get a new token from the issuer this API trusts and retry; if a fresh one is refused too, compare the token's iss and aud with the API's configuration and paste the issuer's JWKS to check the signature.",
			"opaque": "Get a new token and retry; if a fresh one is refused too, check that it comes from the authorization server this API uses (introspection endpoint, environment).",
			"key":    "Copy the key again from the provider's dashboard (the current one, for this environment) and retry.",
		}[kind]
		if kind == "jwt" && r.rep.Has(report.SignatureVerified) {
			what = "a token the server does not accept although it is well-formed, in date here and its signature verifies: revoked or logged out, issued for another environment, tenant or audience, or refused by a rule of the server's own"
		}
		f := report.New(report.ResponseCredentialsRejected, report.Error, report.Client,
			"The server refused credentials that are well-formed: "+map[string]string{"basic": "the user name or password is wrong", "jwt": "it does not accept this token", "opaque": "it does not accept this token", "key": "it does not accept this key"}[kind],
			report.Detail("The request sent "+credNames([]exchange.Credential{c})+" of a scheme the server accepts, nothing in the paste is malformed or out of date, and the answer is 401. What remains is the secret itself: "+what+"."),
			report.Fix(fix),
			report.Evidence(statusEvidence(ex.Response)+" to "+strings.TrimPrefix(c.Source, "request.")),
			"RFC 9110 §15.5.2", "RFC 9110 §11.6.2").At(path)
		r.add(f)
		return
	}
}

// rejectedCredential is the credential of a refused request the server
// accepts the scheme of, and its kind ("" when none qualifies).
func (r *run) rejectedCredential(creds []exchange.Credential, chs []report.Challenge) (exchange.Credential, string) {
	offered := func(s string) bool {
		if len(chs) == 0 {
			return true
		}
		for _, c := range chs {
			if strings.EqualFold(c.Scheme, s) {
				return true
			}
		}
		return false
	}
	for _, c := range creds {
		switch {
		case c.Source == "request.authorization":
			scheme, _ := report.SplitAuthorization(c.Value)
			switch {
			case strings.EqualFold(scheme, "Basic") && offered("Basic"):
				return c, "basic"
			case (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "DPoP")) && offered(scheme):
				if d := r.sentToken(); d != nil && r.rep.Tokens[d.Index].Source.FromRequest() {
					return c, "jwt"
				}
				return c, "opaque"
			}
		case strings.HasPrefix(c.Source, "request.header.") && len(chs) == 0:
			return c, "key"
		}
	}
	return exchange.Credential{}, ""
}

// laterAccepted reports whether a later exchange of the paste was accepted
// (a retry that worked: the refusal is history).
func (r *run) laterAccepted(i int) bool {
	for _, ex := range r.exs[i+1:] {
		if ex.Response != nil && ex.Response.Status >= 200 && ex.Response.Status < 300 {
			return true
		}
	}
	return false
}

func statusEvidence(resp *exchange.Response) string {
	s := fmt.Sprintf("HTTP %d", resp.Status)
	if v, ok := resp.Header("WWW-Authenticate"); ok {
		s += "; WWW-Authenticate: " + report.Quote(v, 120)
	}
	return s
}

// accepted applies principle 8: when every exchange of the paste that
// carried credentials was answered 2xx and none was refused, the server
// accepted those credentials, so no finding about them is an error. Each
// demoted finding says why; what it found may still refuse the next request
// (a token past exp inside the server's leeway, a weak secret).
func (r *run) accepted() {
	status := 0
	for _, ex := range r.exs {
		if ex.Response == nil {
			continue
		}
		s := ex.Response.Status
		if s == 401 || s == 403 || s == 407 {
			return
		}
		if ex.Request == nil || len(exchange.Credentials(ex.Request)) == 0 {
			continue
		}
		if s < 200 || s > 299 {
			return
		}
		status = s
	}
	if status == 0 {
		return
	}
	for k := range r.rep.Findings {
		f := &r.rep.Findings[k]
		if f.Severity != report.Error || strings.HasPrefix(f.Code, "input.") || strings.HasPrefix(f.Code, "internal.") {
			continue
		}
		f.Severity = report.Warning
		f.Detail += fmt.Sprintf(" The server accepted this request (HTTP %d), so by its own clock, leeway and rules this did not refuse it; it may refuse a later request.", status)
	}
}

// refusedWeak says, on a signature.weak_secret finding of a paste whose
// request was refused, that the server was right: a token signed with a
// guessable secret is one anybody could have made.
func (r *run) refusedWeak() {
	refused := false
	for _, ex := range r.exs {
		if ex.Request != nil && ex.Response != nil && (ex.Response.Status == 401 || ex.Response.Status == 403) && len(exchange.Credentials(ex.Request)) > 0 {
			refused = true
		}
	}
	if !refused {
		return
	}
	for k := range r.rep.Findings {
		if f := &r.rep.Findings[k]; f.Code == report.SignatureWeakSecret {
			f.Detail += " The server refused this request, and a server holding a strong secret is right to: a token that verifies with a guessable secret could have been signed by anyone. Get a token from the real issuer rather than weakening the server."
		}
	}
}
