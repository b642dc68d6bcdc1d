package claims

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

func (c *checker) expectations() {
	e := c.opts.Expect
	if e.Aud != "" {
		c.aud(e.Aud)
	}
	if e.Iss != "" {
		c.iss(e.Iss)
	}
	if len(e.Require) > 0 {
		c.require(e.Require)
	}
	if len(e.Scope) > 0 {
		c.scope(e.Scope)
	}
}

// nearMiss explains how got differs from want when they are almost equal,
// or returns "".
func nearMiss(got, want string) string {
	if got == want {
		return ""
	}
	trim := func(s string) string { return strings.TrimRight(s, "/") }
	unscheme := func(s string) string {
		l := strings.ToLower(s)
		switch {
		case strings.HasPrefix(l, "https://"):
			return s[len("https://"):]
		case strings.HasPrefix(l, "http://"):
			return s[len("http://"):]
		}
		return s
	}
	switch {
	case strings.TrimSpace(got) == strings.TrimSpace(want):
		return "they differ only by surrounding whitespace"
	case trim(got) == trim(want):
		return "they differ only by a trailing slash"
	case unscheme(got) == unscheme(want) && got != want && len(unscheme(got)) < len(got) && len(unscheme(want)) < len(want):
		return "they differ only in http:// versus https://"
	case strings.EqualFold(got, want):
		return "they differ only in letter case, and the comparison is case-sensitive"
	}
	norm := func(s string) string { return strings.ToLower(trim(unscheme(strings.TrimSpace(s)))) }
	if norm(got) == norm(want) {
		return "they differ only in letter case, scheme or a trailing slash, and the comparison is exact"
	}
	return ""
}

func (c *checker) aud(want string) {
	v, present := c.payload["aud"]
	path := c.claimPath("aud")
	refs := []string{"RFC 7519 §4.1.3", "RFC 8725 §3.9"}
	fix := fmt.Sprintf("Request the token for the audience %s (the audience or resource parameter of the token request, or the API identifier registered at the issuer); if the API's expected audience is what is wrong, correct its configuration.", report.Quote(want, 200))
	if !present {
		c.add(report.New(report.ClaimsAudMismatch, report.Error, report.Both,
			fmt.Sprintf("The %s has no aud claim; the API expects %s", c.what, report.Quote(want, 100)),
			"A server that checks the audience rejects a token that does not name it in aud (RFC 7519 §4.1.3): the token was issued without an audience, usually because the token request named no audience or resource.",
			report.Fix(fix), "no aud in payload", refs...).At(c.path + ".payload"))
		return
	}
	auds, ok := stringsOf(v)
	if !ok {
		c.add(report.New(report.ClaimsAudMismatch, report.Error, report.Server,
			fmt.Sprintf("aud is neither a string nor an array of strings; the API expects %s", report.Quote(want, 100)),
			"aud must be a string or an array of strings (RFC 7519 §4.1.3); libraries reject any other type.",
			"Have the issuer write aud as a string or an array of strings.",
			"aud has the wrong type", refs...).At(path))
		return
	}
	for _, a := range auds {
		if a == want {
			return
		}
	}
	ev := "aud=" + report.Quote(firstOr(auds), 200)
	if _, isList := v.(string); !isList {
		ev = "aud=[" + quoteList(auds, 10) + "]"
	}
	title := fmt.Sprintf("The %s is for %s, not %s", c.what, quoteList(auds, 3), report.Quote(want, 100))
	if len(auds) == 0 {
		title = fmt.Sprintf("The %s's aud is an empty list, not %s", c.what, report.Quote(want, 100))
	}
	detail := "A server rejects a token whose aud does not contain its own identifier (RFC 7519 §4.1.3): the token was issued for another API (often the issuer's userinfo endpoint, or the client itself in an ID token)."
	for _, a := range auds {
		if m := nearMiss(a, want); m != "" {
			detail += fmt.Sprintf(" Near miss: %s and %s — %s.", report.Quote(a, 100), report.Quote(want, 100), m)
			break
		}
	}
	c.add(report.New(report.ClaimsAudMismatch, report.Error, report.Both, title, report.Detail(detail), report.Fix(fix), report.Evidence(ev), refs...).At(path))
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func (c *checker) iss(want string) {
	v, present := c.payload["iss"]
	path := c.claimPath("iss")
	refs := []string{"RFC 7519 §4.1.1", "RFC 8725 §3.8"}
	if !present {
		c.add(report.New(report.ClaimsIssMismatch, report.Error, report.Both,
			fmt.Sprintf("The %s has no iss claim; the API expects %s", c.what, report.Quote(want, 100)),
			"A server that checks the issuer rejects a token that does not name one (RFC 7519 §4.1.1).",
			report.Fix(fmt.Sprintf("Use a token issued by %s.", report.Quote(want, 200))),
			"no iss in payload", refs...).At(c.path + ".payload"))
		return
	}
	got, ok := v.(string)
	if !ok {
		c.add(report.New(report.ClaimsIssMismatch, report.Error, report.Server,
			fmt.Sprintf("iss is not a string; the API expects %s", report.Quote(want, 100)),
			"iss must be a string (RFC 7519 §4.1.1); libraries reject any other type.",
			"Have the issuer write iss as a string.", "iss has the wrong type", refs...).At(path))
		return
	}
	if got == want {
		return
	}
	detail := "The server compares iss with its configured issuer exactly, character for character (RFC 7519 §4.1.1): a token from another issuer, tenant or environment is rejected."
	fix := fmt.Sprintf("Get the token from %s, or, if that is the same issuer, make the API's configured issuer exactly %s.", report.Quote(want, 200), report.Quote(got, 200))
	if m := nearMiss(got, want); m != "" {
		detail += " Here " + m + "."
		fix = fmt.Sprintf("Make the API's configured issuer exactly %s (copy it from the issuer's discovery document), or fix the issuer URL the token is requested from.", report.Quote(got, 200))
	}
	if az := azureVersions(got, want); az != "" {
		detail += " " + az
	}
	c.add(report.New(report.ClaimsIssMismatch, report.Error, report.Both,
		fmt.Sprintf("The %s was issued by %s, not %s", c.what, report.Quote(got, 100), report.Quote(want, 100)),
		report.Detail(detail), report.Fix(fix), report.Evidence("iss="+report.Quote(got, 200)), refs...).At(path))
}

// azureVersions notices a Microsoft Entra ID v1.0 token where v2.0 is expected, or the reverse.
func azureVersions(got, want string) string {
	v1 := func(s string) bool { return strings.Contains(strings.ToLower(s), "sts.windows.net/") }
	v2 := func(s string) bool {
		l := strings.ToLower(s)
		return strings.Contains(l, "login.microsoftonline.com/") && strings.Contains(l, "/v2.0")
	}
	if v1(got) && v2(want) || v2(got) && v1(want) {
		return "This is Microsoft Entra ID: one is a v1.0 issuer (sts.windows.net), the other v2.0 (login.microsoftonline.com/…/v2.0). The token version follows the API's app registration (accessTokenAcceptedVersion in its manifest), not the endpoint the client used."
	}
	return ""
}

func (c *checker) require(names []string) {
	var missing []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		if v, ok := c.payload[n]; !ok || v == nil {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return
	}
	list := strings.Join(missing, ", ")
	c.add(report.New(report.ClaimsMissing, report.Error, report.Both,
		fmt.Sprintf("The %s lacks the required %s %s", c.what, report.Plural(len(missing), "claim", "claims"), report.Clip(list, 200)),
		report.Detail(fmt.Sprintf("The API requires %s, and a token without %s is rejected (RFC 7519 §4.1: which claims are required is up to the application; RFC 9068 §2.2 requires iss, exp, aud, sub, client_id, iat and jti in JWT access tokens).", report.Clip(list, 200), report.Plural(len(missing), "it", "them"))),
		"Get a token that carries them: request the right token type, audience or scopes, or configure the issuer to include them.",
		report.Evidence("missing: "+report.Clip(list, 200)), "RFC 7519 §4.1", "RFC 9068 §2.2").At(c.path + ".payload"))
}

// Scopes returns the token's scopes from `scope` (a space-separated string,
// RFC 9068 §2.2.3 and RFC 8693 §4.2) and `scp` (an array or a string, as
// Microsoft and Okta write them), in order, without duplicates; ok is false
// when neither claim is present.
func Scopes(payload map[string]any) (scopes []string, ok bool) {
	seen := map[string]bool{}
	for _, k := range []string{"scope", "scp"} {
		v, present := payload[k]
		if !present {
			continue
		}
		ok = true
		var parts []string
		switch x := v.(type) {
		case string:
			parts = strings.Fields(x)
		case []any:
			for _, e := range x {
				if s, isStr := e.(string); isStr {
					parts = append(parts, strings.Fields(s)...)
				}
			}
		case []string:
			for _, s := range x {
				parts = append(parts, strings.Fields(s)...)
			}
		}
		for _, p := range parts {
			if !seen[p] {
				seen[p] = true
				scopes = append(scopes, p)
			}
		}
	}
	return scopes, ok
}

func (c *checker) scope(need []string) {
	have, ok := Scopes(c.payload)
	has := map[string]bool{}
	for _, s := range have {
		has[s] = true
	}
	var missing []string
	seen := map[string]bool{}
	for _, n := range need {
		for _, s := range strings.Fields(n) {
			if !has[s] && !seen[s] {
				seen[s] = true
				missing = append(missing, s)
			}
		}
	}
	if len(missing) == 0 {
		return
	}
	ev := "no scope or scp claim"
	path := c.path + ".payload"
	if ok {
		if v, isScope := c.payload["scope"]; isScope {
			ev, path = "scope="+scopeText(v), c.claimPath("scope")
		} else {
			ev, path = "scp="+scopeText(c.payload["scp"]), c.claimPath("scp")
		}
	}
	detail := fmt.Sprintf("The API requires %s %s, which the token was not granted (RFC 6749 §3.3; scope values are case-sensitive).", report.Plural(len(missing), "the scope", "the scopes"), strings.Join(missing, " "))
	if !ok {
		detail += " The token carries no scope or scp claim at all: it may be an ID token, a token for another API, or the issuer puts permissions elsewhere (roles, permissions)."
	} else {
		detail += fmt.Sprintf(" It has: %s.", report.Clip(strings.Join(have, " "), 300))
	near:
		for _, m := range missing {
			for _, h := range have {
				if strings.EqualFold(m, h) {
					detail += fmt.Sprintf(" Near miss: the token has %s where %s is required; scopes are compared case-sensitively.", report.Quote(h, 100), report.Quote(m, 100))
					break near
				}
			}
		}
	}
	c.add(report.New(report.ClaimsScopeMissing, report.Error, report.Client,
		fmt.Sprintf("The %s lacks the %s %s", c.what, report.Plural(len(missing), "scope", "scopes"), report.Clip(strings.Join(missing, ", "), 200)),
		report.Detail(detail),
		report.Fix(fmt.Sprintf("Request the token with scope=%q (the user or an administrator may have to consent), then retry.", report.Clip(strings.Join(missing, " "), 200))),
		report.Evidence(ev), "RFC 6749 §3.3", "RFC 6750 §3.1", "RFC 9068 §2.2.3").At(path))
}

func scopeText(v any) string {
	switch x := v.(type) {
	case string:
		return report.Quote(x, 300)
	}
	if ss, ok := stringsOf(v); ok {
		return "[" + quoteList(ss, 20) + "]"
	}
	return "(not a string or array)"
}

// CheckScopes is the claims.scope_missing check alone: it compares the
// scopes a challenge (or the user) requires with the token's scope/scp
// claim. path is "tokens[i]"; source names who requires them, e.g. "the
// server's challenge (scope=\"orders:write\")", and is added to the detail.
func CheckScopes(payload map[string]any, path string, need []string, source string, accessToken bool) []report.Finding {
	if payload == nil || len(need) == 0 {
		return nil
	}
	c := checker{payload: payload, path: path, what: "token"}
	if accessToken {
		c.what = "access token"
	}
	c.scope(need)
	if source != "" {
		for i := range c.fs {
			c.fs[i].Detail = "Required by " + source + ". " + c.fs[i].Detail
		}
	}
	return c.fs
}
