// Token-endpoint hints a challenge gives: Docker registry realm+service+scope,
// authorization_uri, RFC 9728 resource_metadata.

package exchange

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

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
		d.add(report.New(
			report.ResponseTokenEndpointHint, report.Info, report.Client,
			title, report.Detail(detail), report.Fix(fix), report.Evidence(ev), refs...).At(path(p)))
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
