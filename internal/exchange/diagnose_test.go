package exchange

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

type codeCase struct {
	name     string
	in       string // paste text, or "@file" for a fixture
	ctx      Context
	code     string
	want     bool // the code must be present (else absent)
	severity report.Severity
	side     report.Side
	contains string // in title or evidence
	path     string // expected path (optional)
}

func (c codeCase) text(t *testing.T) string {
	if f, ok := strings.CutPrefix(c.in, "@"); ok {
		return fixture(t, f)
	}
	return c.in
}

var scopeCtx = Context{TokenScopes: []string{"profile", "orders:read"}, HasScopeClaim: true}

func diagnoseCases() []codeCase {
	return []codeCase{
		// request.no_credentials
		{"no credentials: docker anonymous", "@docker_pull_verbose.txt", Context{}, report.RequestNoCredentials, true, report.Error, report.Client, "registry-1.docker.io carried no credentials and was refused with 401", "request"},
		{"no credentials: 403 from API Gateway", "@forbidden_missing_header.txt", Context{}, report.RequestNoCredentials, true, report.Error, report.Client, "refused with 403", ""},
		{"no credentials: command alone", "curl https://api.example.com/me", Context{}, report.RequestNoCredentials, true, report.Error, report.Client, "carries no credentials", ""},
		{"near miss: API key header", "GET /me HTTP/1.1\nHost: api.example.com\nX-Api-Key: k-1234567890\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer", Context{}, report.RequestNoCredentials, false, "", "", "", ""},
		{"near miss: preflight", "@cors_preflight.txt", Context{}, report.RequestNoCredentials, false, "", "", "", ""},
		{"near miss: curl --digest", "curl --digest -u bob:pw https://example.com/d", Context{}, report.RequestNoCredentials, false, "", "", "", ""},
		{"near miss: answered 200", "GET /public HTTP/1.1\nHost: example.com\n\nHTTP/1.1 200 OK", Context{}, report.RequestNoCredentials, false, "", "", "", ""},

		// request.scheme_mismatch
		{"scheme mismatch", "Authorization: Basic Ym9iOnB3\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"", Context{}, report.RequestSchemeMismatch, true, report.Error, report.Client, "Sent Basic credentials, but the server only accepts Bearer", "request.headers[0]"},
		{"scheme mismatch: bearer vs DPoP", "GET https://api.example.com/me\nAuthorization: Bearer abc.def.ghi\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: DPoP algs=\"ES256\"", Context{}, report.RequestSchemeMismatch, true, report.Error, report.Client, "only accepts DPoP", ""},
		{"near miss: scheme case differs", "Authorization: bearer abc.def.ghi\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"", Context{}, report.RequestSchemeMismatch, false, "", "", "", ""},
		{"near miss: one of two schemes", "Authorization: Basic Ym9iOnB3\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"\nWWW-Authenticate: Basic realm=\"api\"", Context{}, report.RequestSchemeMismatch, false, "", "", "", ""},

		// request.api_key_in_query
		{"api key in query", "curl 'https://api.example.com/v1/data?api_key=sk_live_0123456789abcdef&limit=5'", Context{}, report.RequestAPIKeyInQuery, true, report.Warning, report.Client, "api_key=sk_live_…def, 24 chars", "request.url"},
		{"access_token in query", "GET https://api.example.com/me?access_token=abcdefghijklmnopqrstu HTTP/1.1\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer", Context{}, report.RequestAPIKeyInQuery, true, report.Warning, report.Client, `credential "access_token"`, ""},
		{"near miss: short generic key", "curl -H 'X-Api-Key: k-1234567890' 'https://api.example.com/search?key=orders'", Context{}, report.RequestAPIKeyInQuery, false, "", "", "", ""},
		{"near miss: presigned URL", "curl 'https://bucket.s3.amazonaws.com/f?X-Amz-Credential=AKIA0000%2F20261122&X-Amz-Signature=0123456789abcdef0123456789abcdef'", Context{}, report.RequestAPIKeyInQuery, false, "", "", "", ""},

		// request.redirect_dropped_auth
		{"redirect dropped auth", "@redirect_dropped_auth_verbose.txt", Context{}, report.RequestRedirectDroppedAuth, true, report.Error, report.Client, "from api.example.com to cdn.example.net", "exchanges[1].request"},
		{"near miss: same-host redirect", sameHostRedirect, Context{}, report.RequestRedirectDroppedAuth, false, "", "", "", ""},
		{"near miss: --location-trusted kept auth", locationTrusted, Context{}, report.RequestRedirectDroppedAuth, false, "", "", "", ""},

		// request.insecure_transport
		{"insecure transport", "curl -H 'Authorization: Bearer abc.def.ghi' http://api.example.com/me", Context{}, report.RequestInsecureTransport, true, report.Warning, report.Client, "plain http:// to api.example.com", "request.url"},
		{"near miss: localhost", "curl -H 'Authorization: Bearer abc.def.ghi' http://localhost:8080/me", Context{}, report.RequestInsecureTransport, false, "", "", "", ""},
		{"near miss: https", "curl -H 'Authorization: Bearer abc.def.ghi' https://api.example.com/me", Context{}, report.RequestInsecureTransport, false, "", "", "", ""},

		// response.challenge_missing
		{"challenge missing", "@no_challenge_401.txt", Context{}, report.ResponseChallengeMissing, true, report.Warning, report.Server, "no WWW-Authenticate", "response.headers"},
		{"near miss: 403 without challenge", "HTTP/1.1 403 Forbidden\nContent-Type: text/plain", Context{}, report.ResponseChallengeMissing, false, "", "", "", ""},
		{"near miss: 401 with challenge", "@expired_curl_i.txt", Context{}, report.ResponseChallengeMissing, false, "", "", "", ""},

		// response.challenge_malformed
		{"challenge malformed", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired", Context{}, report.ResponseChallengeMalformed, true, report.Warning, report.Server, "never closed", "response.headers[0]"},
		{"challenge malformed: duplicate", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"a\", realm=\"b\"", Context{}, report.ResponseChallengeMalformed, true, report.Warning, report.Server, "occurs twice", ""},
		{"near miss: valid challenge", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"", Context{}, report.ResponseChallengeMalformed, false, "", "", "", ""},

		// response.invalid_token
		{"invalid token", "@expired_curl_i.txt", Context{}, report.ResponseInvalidToken, true, report.Error, report.Client, "The access token expired", "response.challenges[0].params.error"},
		{"invalid token from JSON body", "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{\"error\":\"invalid_token\",\"error_description\":\"Token revoked\"}", Context{}, report.ResponseInvalidToken, true, report.Error, report.Client, "body: error=\"invalid_token\"", "response.body"},
		{"near miss: invalid_request", "HTTP/1.1 400 Bad Request\nWWW-Authenticate: Bearer error=\"invalid_request\"", Context{}, report.ResponseInvalidToken, false, "", "", "", ""},

		// response.invalid_request
		{"invalid request", "HTTP/1.1 400 Bad Request\nWWW-Authenticate: Bearer realm=\"api\", error=\"invalid_request\", error_description=\"Multiple tokens\"", Context{}, report.ResponseInvalidRequest, true, report.Error, report.Client, "refreshing the token will not help", ""},
		{"near miss: invalid_token", "@expired_curl_i.txt", Context{}, report.ResponseInvalidRequest, false, "", "", "", ""},

		// response.insufficient_scope
		{"insufficient scope", "@insufficient_scope_401.txt", scopeCtx, report.ResponseInsufficientScope, true, report.Error, report.Client, `lacks the scope "orders:write"`, "response.challenges[0].params.scope"},
		{"insufficient scope: no scope claim", "@insufficient_scope_401.txt", Context{}, report.ResponseInsufficientScope, true, report.Error, report.Client, `"orders:read" and "orders:write"`, ""},
		{"near miss: no error", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"orders\", scope=\"orders:write\"", scopeCtx, report.ResponseInsufficientScope, false, "", "", "", ""},

		// response.status_mismatch
		{"status mismatch: insufficient_scope with 401", "@insufficient_scope_401.txt", scopeCtx, report.ResponseStatusMismatch, true, report.Warning, report.Server, "insufficient_scope was sent with 401", "response.status"},
		{"status mismatch: 403 without credentials", "@forbidden_missing_header.txt", Context{}, report.ResponseStatusMismatch, true, report.Warning, report.Server, "without credentials was answered 403", ""},
		{"status mismatch: invalid_token with 403", "HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error=\"invalid_token\"", Context{}, report.ResponseStatusMismatch, true, report.Warning, report.Server, "invalid_token was sent with 403", ""},
		{"near miss: insufficient_scope with 403", "HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"a\"", scopeCtx, report.ResponseStatusMismatch, false, "", "", "", ""},
		{"near miss: 403 with credentials", "curl -H 'Authorization: Bearer abc.def.ghi' https://api.example.com/admin\nHTTP/1.1 403 Forbidden", Context{}, report.ResponseStatusMismatch, false, "", "", "", ""},

		// response.token_endpoint_hint
		{"token endpoint: docker", "@docker_pull_verbose.txt", Context{}, report.ResponseTokenEndpointHint, true, report.Info, report.Client, "https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/alpine:pull", "response.challenges[0].params.realm"},
		{"token endpoint: azure", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"invalid_token\", resource_id=\"https://management.core.windows.net/\"", Context{}, report.ResponseTokenEndpointHint, true, report.Info, report.Client, "login.microsoftonline.com", "response.challenges[0].params.authorization_uri"},
		{"token endpoint: RFC 9728", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource\"", Context{}, report.ResponseTokenEndpointHint, true, report.Info, report.Client, "oauth-protected-resource", "response.challenges[0].params.resource_metadata"},
		{"token endpoint: as_uri", "WWW-Authenticate: Bearer as_uri=\"https://as.example.com/token\"", Context{}, report.ResponseTokenEndpointHint, true, report.Info, report.Client, "authorization server: https://as.example.com/token", ""},
		{"near miss: plain realm", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"https://api.example.com\"", Context{}, report.ResponseTokenEndpointHint, false, "", "", "", ""},

		// response.dpop_nonce
		{"dpop nonce", "@dpop_nonce.txt", Context{}, report.ResponseDPoPNonce, true, report.Error, report.Client, `nonce "eyJ7S_zG.eyJH0-Z.HX4w-7v"`, "response.headers[2]"},
		{"dpop nonce without header", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: DPoP error=\"use_dpop_nonce\"", Context{}, report.ResponseDPoPNonce, true, report.Error, report.Both, "sent no DPoP-Nonce header", ""},
		{"dpop nonce from token endpoint body", "HTTP/1.1 400 Bad Request\nDPoP-Nonce: n-1\nContent-Type: application/json\n\n{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof\"}", Context{}, report.ResponseDPoPNonce, true, report.Error, report.Client, `nonce "n-1"`, ""},
		{"dpop nonce for next time", "HTTP/1.1 200 OK\nDPoP-Nonce: n-2", Context{}, report.ResponseDPoPNonce, true, report.Info, report.Client, `"n-2"`, ""},
		{"near miss: DPoP challenge without nonce", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: DPoP algs=\"ES256\", error=\"invalid_token\"", Context{}, report.ResponseDPoPNonce, false, "", "", "", ""},

		// response.cacheable_401
		{"cacheable 401 served from cache", "@cacheable_401.txt", Context{}, report.ResponseCacheable401, true, report.Error, report.Server, "public, max-age=3600", "response.headers"},
		{"cacheable 401 by Expires", "HTTP/1.1 401 Unauthorized\nDate: Sun, 22 Nov 2026 09:00:00 GMT\nExpires: Sun, 22 Nov 2026 10:00:00 GMT\nWWW-Authenticate: Bearer", Context{}, report.ResponseCacheable401, true, report.Warning, report.Server, "Expires 1h0m0s after Date", ""},
		{"near miss: no-store", "HTTP/1.1 401 Unauthorized\nCache-Control: public, max-age=60, no-store\nWWW-Authenticate: Bearer", Context{}, report.ResponseCacheable401, false, "", "", "", ""},
		{"near miss: no cache headers", "@expired_curl_i.txt", Context{}, report.ResponseCacheable401, false, "", "", "", ""},
		{"near miss: Vary Authorization", "HTTP/1.1 401 Unauthorized\nCache-Control: max-age=60\nVary: Authorization\nWWW-Authenticate: Bearer", Context{}, report.ResponseCacheable401, false, "", "", "", ""},
		{"near miss: cacheable 200", "HTTP/1.1 200 OK\nCache-Control: public, max-age=60", Context{}, report.ResponseCacheable401, false, "", "", "", ""},

		// response.proxy_auth_required
		{"407 on CONNECT from curl -v", "@proxy_407_verbose.txt", Context{}, report.ResponseProxyAuthRequired, true, report.Error, report.Client, "before it reached api.example.com", "response.headers[0]"},
		{"407 refusing the proxy credentials sent", "GET http://api.example.com/v1 HTTP/1.1\nHost: api.example.com\nProxy-Authorization: Basic Ym9iOmh1bnRlcjI=\n\nHTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Digest realm=\"corp\", nonce=\"abc\", qop=\"auth\"", Context{}, report.ResponseProxyAuthRequired, true, report.Error, report.Client, "Proxy-Authorization: Basic", ""},
		{"407 refusing a Proxy-Authorization without a scheme", "GET http://api.example.com/v1 HTTP/1.1\nHost: api.example.com\nProxy-Authorization: sk_live_0123456789abcdef\n\nHTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic", Context{}, report.ResponseProxyAuthRequired, true, report.Error, report.Client, "before it reached api.example.com", ""},
		{"407 without a challenge", "HTTP/1.1 407 Proxy Authentication Required\nContent-Length: 0", Context{}, report.ResponseProxyAuthRequired, true, report.Error, report.Client, "before it reached the API", "response"},
		{"malformed Proxy-Authenticate on a 407", "HTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic realm=corp proxy", Context{}, report.ResponseChallengeMalformed, true, report.Warning, report.Server, "Proxy-Authenticate does not parse at byte", "response.headers[0]"},
		{"near miss: Proxy-Authenticate on a 401", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\nProxy-Authenticate: Basic", Context{}, report.ResponseProxyAuthRequired, false, "", "", "", ""},
		{"invalid_request from a token endpoint", "POST /oauth/token HTTP/1.1\nHost: login.example.com\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=authorization_code&code=xyz\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":\"invalid_request\",\"error_description\":\"Missing parameter: code_verifier\"}", Context{}, report.ResponseInvalidRequest, true, report.Error, report.Client, "The token endpoint says the token request is malformed (invalid_request): Missing parameter: code_verifier", "response.body"},
		// response.oauth_error
		{"invalid_grant from a refresh", "POST /oauth2/token HTTP/1.1\nHost: login.example.com\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token&refresh_token=abcdefghijklmnop\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json\nCache-Control: no-store\n\n{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token expired\"}", Context{}, report.ResponseOAuthError, true, report.Error, report.Client, "request grant_type=refresh_token", "response.body"},
		{"invalid_client with a Basic challenge", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"token\"\nContent-Type: application/json\n\n{\"error\":\"invalid_client\"}", Context{}, report.ResponseOAuthError, true, report.Error, report.Client, "(invalid_client)", ""},
		{"invalid_dpop_proof in a DPoP challenge", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: DPoP algs=\"ES256\", error=\"invalid_dpop_proof\", error_description=\"htu mismatch\"", Context{}, report.ResponseOAuthError, true, report.Error, report.Client, "htu mismatch", "response.challenges[0].params.error"},
		{"invalid_dpop_proof, no proof sent", "GET /me HTTP/1.1\nHost: api.example.com\nAuthorization: DPoP abc.def.ghi\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: DPoP error=\"invalid_dpop_proof\"", Context{}, report.ResponseOAuthError, true, report.Error, report.Client, "no DPoP header", ""},
		{"device flow still pending", "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":\"authorization_pending\"}", Context{}, report.ResponseOAuthError, true, report.Info, report.Client, "keep polling", ""},
		{"near miss: invalid_token in the body", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n\n{\"error\":\"invalid_token\"}", Context{}, report.ResponseOAuthError, false, "", "", "", ""},
		{"near miss: an API's own error word", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n\n{\"error\":\"Unauthorized\",\"message\":\"Jwt is expired\"}", Context{}, report.ResponseOAuthError, false, "", "", "", ""},
		// response.cors_blocks_auth
		{"cors: preflight lacks authorization", "@cors_preflight.txt", Context{}, report.ResponseCORSBlocksAuth, true, report.Error, report.Server, `("*" does not cover it)`, "response.headers"},
		{"cors: preflight refused with 401", "OPTIONS /me HTTP/1.1\nOrigin: https://app.example.com\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer", Context{}, report.ResponseCORSBlocksAuth, true, report.Error, report.Server, "preflight was refused with 401", ""},
		{"cors: cookies with ACAO *", "GET https://api.example.com/me HTTP/1.1\nOrigin: https://app.example.com\nCookie: sid=abcdefghijklmnop\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *", Context{}, report.ResponseCORSBlocksAuth, true, report.Error, report.Server, "Access-Control-Allow-Origin is *", ""},
		{"cors: cookies without ACAC", "GET https://api.example.com/me HTTP/1.1\nOrigin: https://app.example.com\nCookie: sid=abcdefghijklmnop\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://app.example.com", Context{}, report.ResponseCORSBlocksAuth, true, report.Error, report.Server, "Allow-Credentials: true is missing", ""},
		{"near miss: preflight allows authorization", "OPTIONS /me HTTP/1.1\nOrigin: https://app.example.com\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Headers: Authorization, Content-Type", Context{}, report.ResponseCORSBlocksAuth, false, "", "", "", ""},
		{"near miss: credentialed CORS done right", "GET https://api.example.com/me HTTP/1.1\nOrigin: https://app.example.com\nCookie: sid=abcdefghijklmnop\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true", Context{}, report.ResponseCORSBlocksAuth, false, "", "", "", ""},
	}
}

const sameHostRedirect = `> GET /a HTTP/1.1
> Host: api.example.com
> Authorization: Bearer abc.def.ghi
>
< HTTP/1.1 302 Found
< Location: /b
<
* Issue another request to this URL: 'https://api.example.com/b'
> GET /b HTTP/1.1
> Host: api.example.com
>
< HTTP/1.1 200 OK
<`

const locationTrusted = `> GET /a HTTP/1.1
> Host: api.example.com
> Authorization: Bearer abc.def.ghi
>
< HTTP/1.1 302 Found
< Location: https://cdn.example.net/b
<
* Issue another request to this URL: 'https://cdn.example.net/b'
> GET /b HTTP/1.1
> Host: cdn.example.net
> Authorization: Bearer abc.def.ghi
>
< HTTP/1.1 200 OK
<`

func TestDiagnoseCodes(t *testing.T) {
	tk := testTokens(t)
	for _, tc := range diagnoseCases() {
		t.Run(tc.name, func(t *testing.T) {
			exs, pfs := parseText(t, tc.text(t))
			fs := append(pfs, Diagnose(exs, tc.ctx)...)
			validate(t, fs)
			assertNoSecrets(t, fs, tk.Expired, tk.Valid, "sk_live_0123456789abcdef", "abcdefghijklmnop")
			got := findCode(fs, tc.code)
			if !tc.want {
				if len(got) > 0 {
					t.Fatalf("unexpected %s: %q", tc.code, got[0].Title)
				}
				return
			}
			if len(got) == 0 {
				var codes []string
				for _, f := range fs {
					codes = append(codes, f.Code)
				}
				t.Fatalf("no %s; findings: %v", tc.code, codes)
			}
			f := got[0]
			if f.Severity != tc.severity || f.Side != tc.side {
				t.Errorf("%s: severity/side %s/%s, want %s/%s", tc.code, f.Severity, f.Side, tc.severity, tc.side)
			}
			if !strings.Contains(f.Title, tc.contains) && !strings.Contains(f.Evidence, tc.contains) {
				t.Errorf("%s: neither title %q nor evidence %q contains %q", tc.code, f.Title, f.Evidence, tc.contains)
			}
			if tc.path != "" && f.Path != tc.path {
				t.Errorf("%s: path %q, want %q", tc.code, f.Path, tc.path)
			}
			if f.Span != nil {
				if text := tc.text(t); f.Span.Start < 0 || f.Span.End > len(text) || f.Span.Start > f.Span.End {
					t.Errorf("%s: span %v outside the input", tc.code, f.Span)
				}
			}
		})
	}
}

// Every owned code has a trigger and a near miss in the table.
func TestDiagnoseCoverage(t *testing.T) {
	owned := []string{report.RequestNoCredentials, report.RequestSchemeMismatch, report.RequestAPIKeyInQuery,
		report.RequestRedirectDroppedAuth, report.RequestInsecureTransport, report.ResponseChallengeMissing,
		report.ResponseChallengeMalformed, report.ResponseInvalidToken, report.ResponseInvalidRequest,
		report.ResponseInsufficientScope, report.ResponseStatusMismatch, report.ResponseTokenEndpointHint,
		report.ResponseDPoPNonce, report.ResponseCacheable401, report.ResponseCORSBlocksAuth, report.ResponseProxyAuthRequired, report.ResponseOAuthError}
	trig, miss := map[string]bool{}, map[string]bool{}
	for _, c := range diagnoseCases() {
		if c.want {
			trig[c.code] = true
		} else {
			miss[c.code] = true
		}
	}
	for _, c := range owned {
		if !trig[c] || !miss[c] {
			t.Errorf("%s: trigger %v, near miss %v", c, trig[c], miss[c])
		}
	}
}

// A token request sent as JSON gets the form-encoding hint, and the refresh
// token in its body appears nowhere.
func TestDiagnoseOAuthJSONBody(t *testing.T) {
	in := "POST /token HTTP/1.1\nHost: login.example.com\nContent-Type: application/json\n\n" +
		`{"grant_type":"refresh_token","refresh_token":"abcdefghijklmnop"}` + "\n\nHTTP/1.1 400 Bad Request\n\n" +
		`{"error":"unsupported_grant_type"}`
	exs, _ := parseText(t, in)
	fs := Diagnose(exs, Context{})
	f := findCode(fs, report.ResponseOAuthError)
	if len(f) != 1 || !strings.Contains(f[0].Detail, "body is JSON") {
		t.Fatalf("no JSON-body hint: %+v", fs)
	}
	assertNoSecrets(t, fs, "abcdefghijklmnop")
}

func TestDiagnoseMalformedSpan(t *testing.T) {
	in := "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=foo@bar, error=\"invalid_token\""
	exs, _ := parseText(t, in)
	fs := Diagnose(exs, Context{})
	m := findCode(fs, report.ResponseChallengeMalformed)
	if len(m) != 1 || m[0].Span == nil || in[m[0].Span.Start:m[0].Span.End] != "@" {
		t.Fatalf("malformed finding %+v", m)
	}
	if !strings.Contains(m[0].Evidence, "\n") || !strings.Contains(m[0].Evidence, "^") {
		t.Errorf("evidence lacks a caret excerpt: %q", m[0].Evidence)
	}
	// The error parameter after the break is still read.
	if len(findCode(fs, report.ResponseInvalidToken)) != 1 {
		t.Error("invalid_token after the malformed parameter was lost")
	}
}

func TestDiagnoseReveal(t *testing.T) {
	in := "curl 'https://api.example.com/v1/data?api_key=sk_live_0123456789abcdef'"
	exs, _ := parseText(t, in)
	f := findCode(Diagnose(exs, Context{Reveal: true}), report.RequestAPIKeyInQuery)
	if len(f) != 1 || f[0].Evidence != "api_key=sk_live_0123456789abcdef" {
		t.Errorf("reveal: %+v", f)
	}
	if f[0].Span == nil || in[f[0].Span.Start:f[0].Span.End] != "sk_live_0123456789abcdef" {
		t.Errorf("span %+v", f[0].Span)
	}
}

func TestDiagnoseHARPaths(t *testing.T) {
	exs, _ := parseText(t, fixture(t, "small.har"))
	fs := Diagnose(exs, Context{})
	it := findCode(fs, report.ResponseInvalidToken)
	if len(it) != 1 || it[0].Path != "exchanges[1].response.challenges[0].params.error" {
		t.Fatalf("invalid_token in HAR: %+v", it)
	}
	if len(findCode(fs, report.ResponseCORSBlocksAuth)) != 0 || len(findCode(fs, report.RequestNoCredentials)) != 0 {
		t.Errorf("unexpected findings: %+v", fs)
	}
}
