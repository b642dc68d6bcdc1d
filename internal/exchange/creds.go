package exchange

import (
	"net/url"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// apiKeyHeaders are header fields that carry an API key or token.
var apiKeyHeaders = map[string]bool{
	"x-api-key": true, "api-key": true, "apikey": true, "x-apikey": true, "x-auth-token": true,
	"private-token": true, "x-access-token": true, "x-token": true, "x-auth-key": true, "x-goog-api-key": true,
	"ocp-apim-subscription-key": true, "x-functions-key": true, "x-vault-token": true, "x-amz-security-token": true,
	"x-redmine-api-key": true, "x-gitlab-token": true, "authentication": true, "x-authorization": true,
	"x-client-secret": true, "x-session-token": true, "x-csrf-token": false, "x-xsrf-token": false, "dpop": false,
	"x-ms-token-aad-access-token": true, "x-ms-token-aad-id-token": true, "x-forwarded-access-token": true,
	"x-amzn-oidc-accesstoken": true, "x-amzn-oidc-data": true, "x-id-token": true, "x-access-key": true,
	"x-secret-key": true, "x-rapidapi-key": true, "x-cg-pro-api-key": true, "x-figma-token": true,
	"x-shopify-access-token": true, "x-hub-signature-256": false, "x-jwt": true, "x-jwt-assertion": true,
	// A header named after the scheme, or Authorization misspelt: what a
	// client sends when it means "Authorization: Bearer <token>".
	"bearer": true, "token": true, "jwt": true, "access-token": true, "access_token": true, "accesstoken": true,
	"authorization-token": true, "authorisation": true, "authorizaton": true, "autorization": true, "athorization": true,
}

// IsAPIKeyHeader reports whether a header field (by name) carries an API key
// or token: X-API-Key, Api-Key, X-Auth-Token, Private-Token, … and names
// ending in -api-key, -apikey, -access-token or -auth-token.
func IsAPIKeyHeader(name string) bool {
	n := strings.ToLower(name)
	if v, ok := apiKeyHeaders[n]; ok {
		return v
	}
	for _, suf := range []string{"-api-key", "-apikey", "-access-token", "-auth-token", "-api-token", "-apitoken"} {
		if strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}

// secretHeader reports a header whose value is masked in the Report.
func secretHeader(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "dpop", "x-csrf-token", "x-xsrf-token":
		return true
	}
	return IsAPIKeyHeader(name)
}

// queryCredentialNames are query parameters that carry credentials.
var queryCredentialNames = map[string]bool{
	"access_token": true, "accesstoken": true, "access-token": true, "api_key": true, "apikey": true, "api-key": true,
	"key": true, "token": true, "auth": true, "auth_token": true, "authtoken": true, "id_token": true, "jwt": true,
	"client_secret": true, "password": true, "passwd": true, "pwd": true, "secret": true, "private_token": true,
	"appid": true, "app_key": true, "apptoken": true, "app_token": true, "session": true, "sessionid": true,
	"session_id": true, "sid": false, "bearer": true, "refresh_token": true, "subscription-key": true,
	"x-api-key": true, "hapikey": true, "oauth_token": true,
	// Signed URLs: credentials by design, listed so requests count as credentialed.
	"x-amz-signature": true, "x-amz-credential": true, "x-amz-security-token": true, "x-goog-signature": true,
	"x-goog-credential": true, "sig": true, "signature": true,
}

// genericQueryNames are credential names common enough in ordinary URLs
// ("?key=orders") that only long values count.
var genericQueryNames = map[string]bool{"key": true, "token": true, "auth": true, "session": true, "sig": true, "signature": true, "secret": true}

// presignedParams are query parameters of signed URLs (S3, GCS, Azure SAS,
// CloudFront), where credentials in the query are the design.
var presignedParams = map[string]bool{
	"x-amz-signature": true, "x-amz-credential": true, "x-amz-security-token": true, "x-goog-signature": true,
	"x-goog-credential": true, "sig": true, "signature": true,
}

// IsQueryCredential reports whether a query parameter (by name) carries a
// credential (access_token, api_key, key, token, …).
func IsQueryCredential(name string) bool {
	n := strings.ToLower(name)
	if v, ok := queryCredentialNames[n]; ok {
		return v
	}
	return strings.HasSuffix(n, "_token") || strings.HasSuffix(n, "apikey") || strings.HasSuffix(n, "api_key")
}

// queryParam is one query parameter with the offset of its raw value within
// the URL string.
type queryParam struct {
	name, value string // decoded
	raw         string // the raw value as in the URL
	at          int    // byte offset of raw within the URL
}

func queryParams(u string) []queryParam {
	q := strings.IndexByte(u, '?')
	if q < 0 {
		return nil
	}
	rest := u[q+1:]
	base := q + 1
	if h := strings.IndexByte(rest, '#'); h >= 0 {
		rest = rest[:h]
	}
	var out []queryParam
	off := 0
	for off <= len(rest) && len(out) < 512 {
		end := strings.IndexByte(rest[off:], '&')
		if end < 0 {
			end = len(rest)
		} else {
			end += off
		}
		kv := rest[off:end]
		if kv != "" {
			k, v, _ := strings.Cut(kv, "=")
			dk, err := url.QueryUnescape(k)
			if err != nil {
				dk = k
			}
			dv, err := url.QueryUnescape(v)
			if err != nil {
				dv = v
			}
			out = append(out, queryParam{name: dk, value: dv, raw: v, at: base + off + len(k) + 1})
		}
		off = end + 1
	}
	return out
}

// Credentials lists every credential a request carries: Authorization and
// Proxy-Authorization headers, API-key headers, cookies (one each), query
// parameters (access_token, api_key, key, token, …) and URL userinfo. curl
// -u and --oauth2-bearer appear as the Authorization header Parse built.
func Credentials(r *Request) []Credential {
	if r == nil {
		return nil
	}
	var out []Credential
	off := func(s report.Span, within int) int {
		if s.End == 0 && s.Start == 0 {
			return -1
		}
		return s.Start + within
	}
	cookieHeader := false
	for _, h := range r.Headers {
		n := strings.ToLower(h.Name)
		switch {
		case n == "authorization" || n == "proxy-authorization":
			out = append(out, Credential{Source: "request." + n, Value: h.Value, Offset: off(h.ValueSpan, 0)})
		case n == "cookie":
			cookieHeader = true
			pos := 0
			for _, part := range strings.Split(h.Value, ";") {
				kv := strings.TrimLeft(part, " ")
				lead := len(part) - len(kv)
				name, val, hasEq := strings.Cut(kv, "=")
				name = strings.TrimSpace(name)
				if name != "" {
					o := -1
					if h.ValueSpan.End > 0 && hasEq {
						o = h.ValueSpan.Start + pos + lead + strings.IndexByte(kv, '=') + 1
					}
					v := strings.TrimRight(val, " ")
					out = append(out, Credential{Source: "request.cookie." + name, Value: v, Offset: o})
				}
				pos += len(part) + 1
				if len(out) > 512 {
					break
				}
			}
		case IsAPIKeyHeader(n):
			out = append(out, Credential{Source: "request.header." + n, Value: h.Value, Offset: off(h.ValueSpan, 0)})
		}
	}
	if !cookieHeader {
		for _, c := range r.Cookies {
			out = append(out, Credential{Source: "request.cookie." + c.Name, Value: c.Value, Offset: -1})
		}
	}
	for _, q := range queryParams(r.URL) {
		if IsQueryCredential(q.name) && q.value != "" && !(genericQueryNames[strings.ToLower(q.name)] && len(q.value) < 12) {
			o := -1
			if r.URLSpan.End > 0 && q.raw == q.value {
				o = r.URLSpan.Start + q.at
			}
			out = append(out, Credential{Source: "request.query." + strings.ToLower(q.name), Value: q.value, Offset: o})
		}
	}
	if ui, ok := userinfo(r.URL); ok {
		o := -1
		if r.URLSpan.End > 0 {
			o = r.URLSpan.Start + strings.Index(r.URL, ui)
		}
		out = append(out, Credential{Source: "request.userinfo", Value: ui, Offset: o})
	}
	return out
}

// maskValue masks a header value that carries a credential, keeping what
// helps to read it: the scheme of Authorization, cookie names, Set-Cookie
// attributes.
func maskValue(name, value string, reveal bool) string {
	if reveal || !secretHeader(name) {
		if strings.EqualFold(name, "location") || strings.EqualFold(name, "content-location") {
			return MaskURL(value, reveal)
		}
		return value
	}
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization":
		scheme, cred := report.SplitAuthorization(value)
		if scheme == "" {
			return report.Fingerprint(strings.TrimSpace(value))
		}
		return scheme + " " + report.Fingerprint(cred)
	case "cookie":
		var parts []string
		for _, kv := range strings.Split(value, ";") {
			kv = strings.TrimSpace(kv)
			n, v, ok := strings.Cut(kv, "=")
			if !ok {
				parts = append(parts, report.Fingerprint(kv))
				continue
			}
			parts = append(parts, n+"="+report.Fingerprint(v))
		}
		return strings.Join(parts, "; ")
	case "set-cookie":
		first, attrs, _ := strings.Cut(value, ";")
		n, v, ok := strings.Cut(first, "=")
		if !ok {
			return report.Fingerprint(value)
		}
		out := strings.TrimSpace(n) + "=" + report.Fingerprint(strings.TrimSpace(v))
		if attrs != "" {
			out += ";" + attrs
		}
		return out
	}
	return report.Fingerprint(value)
}

// MaskURL fingerprints the credentials in a URL — query parameters that carry
// them and the userinfo password — unless reveal is set.
func MaskURL(u string, reveal bool) string {
	if reveal {
		return u
	}
	if ui, ok := userinfo(u); ok {
		user, pass, hasPass := strings.Cut(ui, ":")
		repl := report.Fingerprint(user)
		if hasPass {
			repl = user + ":" + report.Fingerprint(pass)
		}
		u = strings.Replace(u, ui+"@", repl+"@", 1)
	}
	// Query and fragment (implicit-flow redirects carry #access_token=…).
	for _, sep := range []byte{'?', '#'} {
		i := strings.IndexByte(u, sep)
		if i < 0 {
			continue
		}
		head, tail := u[:i+1], u[i+1:]
		end := len(tail)
		if sep == '?' {
			if h := strings.IndexByte(tail, '#'); h >= 0 {
				end = h
			}
		}
		ps := strings.Split(tail[:end], "&")
		changed := false
		for k, kv := range ps {
			n, v, ok := strings.Cut(kv, "=")
			dn, err := url.QueryUnescape(n)
			if err != nil {
				dn = n
			}
			if ok && v != "" && (IsQueryCredential(dn) || strings.EqualFold(dn, "code")) {
				ps[k] = n + "=" + report.Fingerprint(v)
				changed = true
			}
		}
		if changed {
			u = head + strings.Join(ps, "&") + tail[end:]
		}
	}
	return u
}

// hostOf returns the lower-cased host (without port) of an absolute URL, or
// of the Host header for an origin-form target.
func hostOf(r *Request) string {
	if r == nil {
		return ""
	}
	if u, err := url.Parse(r.URL); err == nil && u.Host != "" {
		return strings.ToLower(u.Hostname())
	}
	if h, ok := r.Header("Host"); ok {
		if u, err := url.Parse("//" + h); err == nil {
			return strings.ToLower(u.Hostname())
		}
	}
	if h, ok := r.Header(":authority"); ok {
		return strings.ToLower(h)
	}
	return ""
}

// schemeOf returns "http" or "https" for an absolute URL, "" when unknown.
func schemeOf(r *Request) string {
	if r == nil {
		return ""
	}
	i := strings.Index(r.URL, "://")
	if i <= 0 {
		return ""
	}
	return strings.ToLower(r.URL[:i])
}

// isLoopback reports localhost, 127.0.0.0/8, ::1 and *.localhost.
func isLoopback(host string) bool {
	host = strings.Trim(strings.ToLower(host), "[]")
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "::1" ||
		strings.HasPrefix(host, "127.") || host == "0.0.0.0"
}
