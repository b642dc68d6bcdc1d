package analyze

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/report"
)

// codeCase is one input that must produce code (and must not produce the
// codes in not).
type codeCase struct {
	code string
	name string
	text string
	opts []Option
	not  []string
	// check inspects the finding further.
	check func(t *testing.T, f report.Finding, r report.Report)
}

func codeCases(t testing.TB) []codeCase {
	good := rs256(rsHeader, access(nil))
	bearer := func(tok string) string { return "Authorization: Bearer " + tok }
	getWith := func(auth string) string {
		return "GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\n" + auth + "\r\n\r\n"
	}
	challenge := func(status string, wwwa ...string) string {
		var hs []string
		for _, w := range wwwa {
			hs = append(hs, "WWW-Authenticate: "+w)
		}
		hs = append(hs, httpDate(0), "Cache-Control: no-store")
		return response(status, hs...)
	}
	selfJWK := rs256(map[string]any{"alg": "RS256", "kid": "self", "jwk": jwk("self")}, access(nil))
	nestedInner := rs256(rsHeader, access(nil))
	return []codeCase{
		// token.*
		{code: report.TokenExpired, name: "exp 3h12m ago", text: rs256(rsHeader, access(map[string]any{"exp": unix(-192 * time.Minute), "iat": unix(-252 * time.Minute)})),
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title, "3h12m") }},
		{code: report.TokenNotYetValid, name: "nbf in 10m", text: rs256(rsHeader, access(map[string]any{"nbf": unix(10 * time.Minute)}))},
		{code: report.TokenIssuedInFuture, name: "iat in 10m", text: rs256(rsHeader, access(map[string]any{"iat": unix(10 * time.Minute)}))},
		{code: report.TokenNoExp, name: "no exp", text: rs256(rsHeader, access(map[string]any{"exp": nil}))},
		{code: report.TokenLongLifetime, name: "30 day access token", text: bearer(rs256(rsHeader, access(map[string]any{"exp": unix(30 * 24 * time.Hour)})))},
		{code: report.TokenAlgNone, name: "alg none", text: seg(map[string]any{"alg": "none"}) + "." + seg(access(nil)) + ".",
			not: []string{report.SignatureVerified}},
		{code: report.TokenEmbeddedKey, name: "jwk header", text: selfJWK},
		{code: report.TokenNested, name: "cty JWT", text: rs256(map[string]any{"alg": "RS256", "kid": "k1", "cty": "JWT"}, nestedInner),
			check: func(t *testing.T, _ report.Finding, r report.Report) {
				if len(r.Tokens) != 2 {
					t.Errorf("%d tokens, want the outer and the nested one", len(r.Tokens))
				}
			}},
		{code: report.TokenTyp, name: "ID token sent as access token", text: bearer(rs256(map[string]any{"alg": "RS256", "kid": "k1", "typ": "JWT"},
			access(map[string]any{"scope": nil, "nonce": "n-0S6_WzA2Mj", "at_hash": "77QmUPtjPfzWtF2AnpK9RQ", "aud": "web-app", "azp": "web-app"})))},
		{code: report.TokenMalformed, name: "payload not base64url", text: "eyJhbGciOiJIUzI1NiJ9.not*base64.sig",
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title+f.Detail, "payload") }},
		{code: report.TokenOpaque, name: "opaque bearer token", text: bearer("2YotnFZFEjr1zCsicMWpAA"),
			not: []string{report.TokenMalformed},
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				if f.Severity != report.Info {
					t.Errorf("severity %s, want info", f.Severity)
				}
				wantIn(t, f.Detail, "RFC 7662")
			}},
		{code: report.TokenTimesInconsistent, name: "exp before iat", text: rs256(rsHeader, access(map[string]any{"iat": unix(-time.Hour), "exp": unix(-2 * time.Hour)})),
			not: []string{report.TokenMalformed}},
		{code: report.TokenTimesInconsistent, name: "iat in milliseconds", text: rs256(rsHeader, access(map[string]any{"iat": unix(-time.Minute) * 1000})),
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title, "milliseconds") }},
		{code: report.TokenNotBase64URL, name: "standard base64", text: strings.NewReplacer("-", "+", "_", "/").Replace(good) + "=="},
		{code: report.TokenWhitespace, name: "newline and quotes", text: `"` + good[:40] + "\n" + good[40:] + `"`},
		{code: report.TokenPlaceholder, name: "Bearer undefined", text: "Authorization: Bearer undefined"},
		{code: report.TokenJWE, name: "compact JWE", text: seg(map[string]any{"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "enc-1"}) + ".ZW5jcnlwdGVka2V5.aXZpdml2aXZpdg.Y2lwaGVydGV4dA.dGFndGFndGFndGFn"},

		// claims.*
		{code: report.ClaimsAudMismatch, name: "aud", text: good, opts: []Option{WithAudience("https://billing.example.com")},
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				wantIn(t, f.Title+f.Detail+f.Evidence, "https://api.example.com")
			}},
		{code: report.ClaimsIssMismatch, name: "iss trailing slash", text: good, opts: []Option{WithIssuer("https://login.example.com")},
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				wantIn(t, strings.ToLower(f.Title+f.Detail), "slash")
			}},
		{code: report.ClaimsMissing, name: "require tid", text: good, opts: []Option{WithRequire("sub", "tid")},
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title, "tid") }},
		{code: report.ClaimsScopeMissing, name: "scope orders:write", text: good, opts: []Option{WithScope("orders:write")}},
		{code: report.ClaimsScopeMissing, name: "the challenge asks for orders:write", text: getWith(bearer(good)) + challenge("403 Forbidden", `Bearer error="insufficient_scope", scope="orders:write"`),
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Detail, "challenge") }},

		// signature.* and keys.*
		{code: report.SignatureVerified, name: "pasted JWKS", text: good, opts: []Option{WithKeyText(jwks("k1"))},
			check: func(t *testing.T, _ report.Finding, r report.Report) {
				if s := r.Tokens[0].Signature; s == nil || s.Status != report.SigVerified || s.Key == nil || s.Key.Kid != "k1" || s.Key.Thumbprint == "" {
					t.Errorf("signature = %+v, want verified with kid k1 and a thumbprint", s)
				}
			}},
		{code: report.SignatureVerified, name: "JWKS pasted after the token", text: good + "\n\n" + jwks("k1")},
		{code: report.SignatureInvalid, name: "tampered payload", text: tamper(good), opts: []Option{WithKeyText(jwks("k1"))},
			not: []string{report.SignatureVerified}},
		{code: report.SignatureUnverified, name: "no key", text: good,
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title+f.Detail, "k1") }},
		{code: report.SignatureKidNotFound, name: "rotated key", text: good, opts: []Option{WithKeyText(jwks("k2", "k3"))},
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title+f.Detail+f.Evidence, "k2") }},
		{code: report.SignatureAlgMismatch, name: "HS256 token, RSA key", text: hs256(map[string]any{"alg": "HS256", "kid": "k1"}, access(nil), []byte("0123456789abcdef0123456789abcdef")),
			opts: []Option{WithKeyText(jwks("k1"))}},
		{code: report.SignatureAlgConfusion, name: "HS256 with the public key's PEM", text: hs256(map[string]any{"alg": "HS256"}, access(nil), []byte(publicPEM(t))),
			opts: []Option{WithKeyText(publicPEM(t))}, not: []string{report.SignatureVerified}},
		{code: report.SignatureWeakSecret, name: "jwt.io secret", text: hs256(map[string]any{"alg": "HS256", "typ": "JWT"}, access(nil), []byte("your-256-bit-secret")),
			not: []string{report.SignatureVerified}},
		{code: report.SignatureUntrustedKey, name: "verifies only with its own jwk", text: selfJWK, not: []string{report.SignatureVerified},
			check: func(t *testing.T, _ report.Finding, r report.Report) {
				if s := r.Tokens[0].Signature; s == nil || s.Status != report.SigUntrusted {
					t.Errorf("signature = %+v, want untrusted", s)
				}
			}},
		{code: report.KeysFetchFailed, name: "CORS", text: good, opts: []Option{WithJWKSURL("https://login.example.com/.well-known/jwks.json"),
			WithFetcher(fetcherFunc(func(context.Context, string) ([]byte, error) {
				return nil, fmt.Errorf("%w: no Access-Control-Allow-Origin", discovery.ErrCORS)
			}))},
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title+f.Detail, "CORS") }},
		{code: report.KeysFetchFailed, name: "no fetcher", text: good, opts: []Option{WithDiscover(true)}},
		{code: report.KeysInvalid, name: "JWK without n", text: good, opts: []Option{WithKeyText(`{"keys":[{"kty":"RSA","kid":"k1","e":"AQAB"}]}`)}},

		// request.*
		{code: report.RequestNoCredentials, name: "no Authorization", text: "GET /v2/ HTTP/1.1\r\nHost: registry.example.com\r\n\r\n" +
			challenge("401 Unauthorized", `Bearer realm="https://auth.example.com/token",service="registry.example.com"`)},
		{code: report.RequestBearerMalformed, name: "Bearer:", text: "Authorization: Bearer: " + good},
		{code: report.RequestBearerMalformed, name: "lowercase scheme is a warning", text: "Authorization: bearer " + good,
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				if f.Severity != report.Warning {
					t.Errorf("severity %s, want warning", f.Severity)
				}
			}},
		{code: report.RequestSchemeMismatch, name: "Basic sent, Bearer asked", text: getWith("Authorization: Basic YWxpY2U6c2VjcmV0") +
			challenge("401 Unauthorized", `Bearer realm="api"`)},
		{code: report.RequestSchemeMismatch, name: "DPoP-bound token sent as Bearer", text: getWith(bearer(rs256(rsHeader, access(map[string]any{"cnf": map[string]any{"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}})))),
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				wantIn(t, f.Title, "DPoP-bound")
				wantIn(t, f.Evidence, "cnf.jkt=0ZcOCORZNYy")
				if f.Path != "request.headers[1]" {
					t.Errorf("path %q, want the Authorization header", f.Path)
				}
			}},
		{code: report.RequestDuplicateAuthorization, name: "two Authorization headers, refused", text: getWith(bearer(good)+"\r\nAuthorization: Basic YWxpY2U6c2VjcmV0") +
			challenge("401 Unauthorized", `Bearer realm="api"`),
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				if f.Severity != report.Error || f.Path != "request.headers[2]" {
					t.Errorf("severity %s path %q, want an error at the second header", f.Severity, f.Path)
				}
				wantIn(t, f.Evidence, "Basic ")
			}},
		{code: report.RequestDuplicateAuthorization, name: "two Authorization headers, accepted", text: getWith(bearer(good)+"\r\n"+bearer(good)) +
			response("200 OK", "Content-Type: application/json"),
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				if f.Severity != report.Warning {
					t.Errorf("severity %s on a 2xx, want warning", f.Severity)
				}
			}},
		{code: report.RequestCredentialsWrongPlace, name: "header named Bearer", text: getWith("Bearer: "+good) + challenge("401 Unauthorized", `Bearer realm="api"`),
			not: []string{report.RequestNoCredentials, report.ResponseCredentialsRejected},
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				wantIn(t, f.Title, `header named "Bearer"`)
				wantIn(t, f.Fix, "Authorization: Bearer")
			}},
		{code: report.RequestCredentialsWrongPlace, name: "X-API-Key to a Bearer API", text: getWith("X-API-Key: sk_live_4eC39HqLyjWDarjtT1zdp7dc") + challenge("401 Unauthorized", `Bearer realm="api"`),
			not: []string{report.ResponseCredentialsRejected}},
		{code: report.RequestCredentialsWrongPlace, name: "access_token in the query to a Bearer API", text: "GET /v1/orders?access_token=2YotnFZFEjr1zCsicMWpAA HTTP/1.1\r\nHost: api.example.com\r\n\r\n" +
			challenge("401 Unauthorized", `Bearer realm="api"`),
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				wantIn(t, f.Title, `query parameter "access_token"`)
			}},
		{code: report.RequestAuthNotForwarded, name: "FastAPI says not authenticated behind nginx", text: getWith(bearer(good)) +
			response("401 Unauthorized", "Server: nginx/1.26.3", `WWW-Authenticate: Bearer`, "Content-Type: application/json", httpDate(0), "Cache-Control: no-store") + `{"detail":"Not authenticated"}`,
			not: []string{report.RequestNoCredentials, report.ResponseCredentialsRejected},
			check: func(t *testing.T, f report.Finding, r report.Report) {
				wantIn(t, f.Title, "nginx")
				wantIn(t, f.Fix, "proxy_set_header")
				if r.Findings[0].Code != report.RequestAuthNotForwarded {
					t.Errorf("top cause %s", r.Findings[0].Code)
				}
			}},
		{code: report.RequestAuthNotForwarded, name: "DRF says not provided behind CloudFront", text: getWith("Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b") +
			response("401 Unauthorized", "Via: 1.1 abc.cloudfront.net (CloudFront)", "X-Cache: Error from cloudfront", `WWW-Authenticate: Token`, "Content-Type: application/json") + `{"detail":"Authentication credentials were not provided."}`,
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Fix, "origin request policy") }},
		{code: report.ResponseCredentialsRejected, name: "well-formed Basic refused", text: getWith("Authorization: Basic YWxpY2U6czNjcjN0LXBhc3M=") +
			challenge("401 Unauthorized", `Basic realm="admin", charset="UTF-8"`),
			check: func(t *testing.T, f report.Finding, r report.Report) {
				wantIn(t, f.Title, "password")
				if r.Findings[0].Code != report.ResponseCredentialsRejected {
					t.Errorf("top cause %s", r.Findings[0].Code)
				}
			}},
		{code: report.ResponseCredentialsRejected, name: "opaque token refused without a reason", text: getWith(bearer("2YotnFZFEjr1zCsicMWpAA")) +
			challenge("401 Unauthorized", `Bearer realm="api"`)},
		{code: report.ResponseRefreshTokenReused, name: "two refreshes with one rotated refresh token", text: refreshHAR(),
			check: func(t *testing.T, f report.Finding, r report.Report) {
				wantIn(t, f.Title, "exchange 1")
				wantIn(t, f.Detail, "succeeded (HTTP 200)")
				if strings.Contains(f.Evidence, "tGzv3JOkF0XG5Qx2TlKWIA") {
					t.Error("the refresh token is in the evidence")
				}
				for _, g := range r.Findings {
					if g.Code == report.ResponseOAuthError && strings.Contains(g.Title, "invalid_grant") {
						t.Errorf("a second finding for the same fault: %s", g.Title)
					}
				}
			}},
		{code: report.RequestBasicMalformed, name: "no colon", text: "Authorization: Basic YWxpY2U="},
		{code: report.RequestBasicCredentials, name: "valid Basic shown masked", text: "Authorization: Basic YWxpY2U6czNjcjN0LXBhc3M=",
			check: func(t *testing.T, f report.Finding, r report.Report) {
				if f.Severity != report.Info {
					t.Errorf("severity %s, want info", f.Severity)
				}
				wantIn(t, f.Title+f.Evidence, "alice")
				if strings.Contains(reportText(r), "s3cr3t-pass") {
					t.Error("the Basic password appears in the report")
				}
			}},
		{code: report.RequestAPIKeyInQuery, name: "api_key", text: "curl 'https://api.example.com/v1/orders?api_key=sk_live_51HqLyjWDarjtT1zdp7dc'"},
		{code: report.RequestRedirectDroppedAuth, name: "curl -L cross host", text: redirectTranscript(good)},
		{code: report.RequestInsecureTransport, name: "http://", text: "curl -H 'Authorization: Bearer " + good + "' http://api.example.com/v1/orders"},

		// response.*
		{code: report.ResponseChallengeMissing, name: "401 without challenge", text: response("401 Unauthorized", httpDate(0), "Content-Type: application/json")},
		{code: report.ResponseChallengeMalformed, name: "unterminated quote", text: response("401 Unauthorized", `WWW-Authenticate: Bearer realm="api, error="invalid_token"`)},
		{code: report.ResponseInvalidToken, name: "invalid_token", text: challenge("401 Unauthorized", `Bearer realm="api", error="invalid_token"`)},
		{code: report.ResponseInvalidRequest, name: "invalid_request", text: challenge("400 Bad Request", `Bearer error="invalid_request", error_description="Multiple credentials"`),
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				wantIn(t, strings.ToLower(f.Title+f.Detail+f.Fix), "refresh")
			}},
		{code: report.ResponseInsufficientScope, name: "needs orders:write", text: getWith(bearer(good)) + challenge("403 Forbidden", `Bearer error="insufficient_scope", scope="orders:write"`),
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title+f.Detail, "orders:write") }},
		{code: report.ResponseStatusMismatch, name: "insufficient_scope with 401", text: challenge("401 Unauthorized", `Bearer error="insufficient_scope", scope="admin"`)},
		{code: report.ResponseTokenEndpointHint, name: "Docker registry", text: challenge("401 Unauthorized", `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"`),
			check: func(t *testing.T, f report.Finding, _ report.Report) {
				wantIn(t, f.Title+f.Detail+f.Fix+f.Evidence, "https://auth.docker.io/token?service=registry.docker.io")
			}},
		{code: report.ResponseDPoPNonce, name: "use_dpop_nonce", text: response("401 Unauthorized", `WWW-Authenticate: DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"`, "DPoP-Nonce: eyJ7S_zG.eyJH0-Z.HX4w-7v", "Cache-Control: no-store")},
		{code: report.ResponseCacheable401, name: "public max-age", text: response("401 Unauthorized", `WWW-Authenticate: Bearer realm="api"`, "Cache-Control: public, max-age=3600")},
		{code: report.ResponseCORSBlocksAuth, name: "preflight without authorization", text: "OPTIONS /v1/orders HTTP/1.1\r\nHost: api.example.com\r\nOrigin: https://app.example.com\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n\r\n" +
			response("204 No Content", "Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Methods: GET", "Access-Control-Allow-Headers: content-type")},

		{code: report.ResponseProxyAuthRequired, name: "407 from a corporate proxy", text: "GET http://api.example.com/v1/orders HTTP/1.1\r\nHost: api.example.com\r\n" +
			bearer(rs256(rsHeader, access(map[string]any{"exp": unix(-time.Hour)}))) + "\r\n\r\n" +
			response("407 Proxy Authentication Required", `Proxy-Authenticate: Basic realm="corp"`),
			check: func(t *testing.T, f report.Finding, r report.Report) {
				wantIn(t, f.Title, "api.example.com")
				wantIn(t, f.Detail, `Basic (realm "corp")`)
				if r.Response == nil || len(r.Response.ProxyChallenges) != 1 || r.Response.ProxyChallenges[0].Params["realm"] != "corp" {
					t.Errorf("proxy challenges not in the report: %+v", r.Response)
				}
				if r.Findings[0].Code != report.ResponseProxyAuthRequired {
					t.Errorf("the 407 is not the first finding, before the expired token: %v", r.Codes())
				}
			}},

		{code: report.RequestDPoPProof, name: "DPoP scheme without a proof", text: getWith("Authorization: DPoP "+good) +
			response("401 Unauthorized", `WWW-Authenticate: DPoP algs="ES256 RS256", error="invalid_dpop_proof", error_description="DPoP proof missing"`, httpDate(0)),
			check: func(t *testing.T, f report.Finding, r report.Report) {
				wantIn(t, f.Title, "without a DPoP proof header")
				wantIn(t, f.Path, "request.headers[")
				if f.Span == nil || f.Span.End-f.Span.Start != len("DPoP ")+len(good) {
					t.Errorf("span %+v does not cover the Authorization value", f.Span)
				}
				wantIn(t, r.Verdict, "DPoP")
			}},
		{code: report.RequestDPoPProof, name: "token endpoint's proof replayed at the API", text: dpopTranscript("https://login.example.com/oauth/token", "POST", 0),
			check: func(t *testing.T, f report.Finding, r report.Report) {
				var titles []string
				for _, x := range r.Findings {
					if x.Code == report.RequestDPoPProof {
						titles = append(titles, x.Title)
					}
				}
				all := strings.Join(titles, " | ")
				wantIn(t, all, "made for another endpoint (https://login.example.com/oauth/token)")
				wantIn(t, all, "for POST but the request is GET")
				if strings.Contains(all, "signature") || strings.Contains(all, "ath") || strings.Contains(all, "bound") {
					t.Errorf("a sound proof's signature, ath or key reported: %s", all)
				}
			}},
		{code: report.RequestDPoPProof, name: "proof fits", text: dpopTranscript("https://api.example.com/v1/orders", "GET", 0),
			check: func(t *testing.T, f report.Finding, r report.Report) {
				if f.Severity != report.Info {
					t.Errorf("%s %q for a proof that fits", f.Severity, f.Title)
				}
				wantIn(t, f.Evidence, "ath matches")
			}},
		{code: report.ResponseOAuthError, name: "invalid_grant", text: response("400 Bad Request", "Content-Type: application/json", "Cache-Control: no-store") +
			`{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired"}`,
			check: func(t *testing.T, f report.Finding, r report.Report) {
				wantIn(t, f.Title, "AADSTS70008")
				wantIn(t, r.Verdict, "invalid_grant")
			}},

		// server.*
		{code: report.ServerMessage, name: "FastAPI detail", text: response("401 Unauthorized", `WWW-Authenticate: Bearer`, "Content-Type: application/json", httpDate(0), "Cache-Control: no-store") +
			`{"detail":"Could not validate credentials"}`,
			check: func(t *testing.T, f report.Finding, r report.Report) {
				wantIn(t, f.Title, "FastAPI")
				if len(r.ServerMessages) != 1 {
					t.Errorf("server_messages %+v", r.ServerMessages)
				}
			}},

		// clock.*
		{code: report.ClockSkew, name: "server 10m ahead", text: response("401 Unauthorized", `WWW-Authenticate: Bearer realm="api"`, httpDate(10*time.Minute), "Cache-Control: no-store")},
		{code: report.ClockExpiredAtServer, name: "valid here, expired at the server's Date", text: getWith(bearer(rs256(rsHeader, access(map[string]any{"exp": unix(2 * time.Minute)})))) +
			response("401 Unauthorized", `WWW-Authenticate: Bearer error="invalid_token", error_description="token expired"`, httpDate(5*time.Minute), "Cache-Control: no-store")},
		{code: report.ClockLeewayWouldAccept, name: "expired 20s ago", text: rs256(rsHeader, access(map[string]any{"exp": unix(-20 * time.Second)})),
			check: func(t *testing.T, f report.Finding, _ report.Report) { wantIn(t, f.Title+f.Detail, "30") }},

		// input.* and internal.*
		{code: report.InputUnrecognized, name: "prose", text: "hello, I can't log in since this morning, please help"},
		{code: report.InputSkipped, name: "HAR with a static asset", text: harWith(good)},
		{code: report.InternalError, name: "fault injected", text: good, opts: []Option{withFault("analyze")}},
	}
}

// TestEveryCodeHasATrigger runs every case and checks that, together, they
// produce every code of the catalogue (REPORT.md: each code is produced by a
// real trigger and covered by a test).
func TestEveryCodeHasATrigger(t *testing.T) {
	produced := map[string]bool{}
	for _, c := range codeCases(t) {
		t.Run(c.code+"/"+c.name, func(t *testing.T) {
			r := runTest(c.text, c.opts...)
			if err := r.Validate(); err != nil {
				t.Errorf("invalid report: %v", err)
			}
			var hit *report.Finding
			for i := range r.Findings {
				if r.Findings[i].Code == c.code {
					hit = &r.Findings[i]
					break
				}
			}
			if hit == nil {
				t.Fatalf("no %s finding; got %v\nverdict: %s", c.code, r.Codes(), r.Verdict)
			}
			produced[c.code] = true
			for _, n := range c.not {
				if r.Has(n) {
					t.Errorf("unexpected %s finding", n)
				}
			}
			if c.check != nil {
				c.check(t, *hit, r)
			}
		})
	}
	t.Run("catalogue", func(t *testing.T) {
		for _, code := range report.Catalogue {
			if code == report.InputTooLarge {
				continue // TestHugeInput
			}
			if !produced[code] {
				t.Errorf("no test input produces %s", code)
			}
		}
	})
}

func TestHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 9 MiB")
	}
	text := strings.Repeat("x-forwarded-for: 10.0.0.1\n", (MaxInput/26)+100)
	r := runTest(text)
	if !r.Has(report.InputTooLarge) {
		t.Fatalf("no input.too_large for %d bytes; got %v", len(text), r.Codes())
	}
}

// Near misses: close to a trigger, must not produce the code.
func TestNearMisses(t *testing.T) {
	good := rs256(rsHeader, access(nil))
	getWithHeader := func(h string) string { return "GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\n" + h + "\r\n\r\n" }
	tests := []struct {
		name string
		text string
		opts []Option
		not  []string
	}{
		{"valid token, right key", good, []Option{WithKeyText(jwks("k1")), WithAudience("https://api.example.com"), WithIssuer("https://login.example.com/"), WithRequire("sub"), WithScope("orders:read")},
			[]string{report.TokenExpired, report.TokenNotYetValid, report.TokenIssuedInFuture, report.TokenNoExp, report.ClaimsAudMismatch, report.ClaimsIssMismatch,
				report.ClaimsMissing, report.ClaimsScopeMissing, report.SignatureInvalid, report.SignatureUnverified, report.SignatureKidNotFound,
				report.TokenWhitespace, report.TokenMalformed, report.TokenAlgNone, report.TokenTyp, report.TokenLongLifetime, report.ClockLeewayWouldAccept}},
		{"expired 20s ago, leeway 30s", rs256(rsHeader, access(map[string]any{"exp": unix(-20 * time.Second)})), []Option{WithLeeway(30 * time.Second)},
			[]string{report.TokenExpired, report.ClockLeewayWouldAccept}},
		{"expired an hour ago: no leeway helps", rs256(rsHeader, access(map[string]any{"exp": unix(-time.Hour)})), nil,
			[]string{report.ClockLeewayWouldAccept}},
		{"Bearer with one space", "Authorization: Bearer " + good, nil, []string{report.RequestBearerMalformed, report.TokenWhitespace}},
		{"DPoP-bound token sent as DPoP", "GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: DPoP " +
			rs256(rsHeader, access(map[string]any{"cnf": map[string]any{"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}})) + "\r\nDPoP: e30.e30.sig\r\n\r\n", nil,
			[]string{report.RequestSchemeMismatch}},
		{"unbound token sent as Bearer", getWithHeader("Authorization: Bearer " + good), nil, []string{report.RequestSchemeMismatch}},
		{"server Date within 10s", response("401 Unauthorized", `WWW-Authenticate: Bearer realm="api"`, httpDate(10*time.Second), "Cache-Control: no-store"), nil,
			[]string{report.ClockSkew, report.ResponseCacheable401, report.ResponseChallengeMissing, report.ResponseChallengeMalformed}},
		{"insufficient_scope with 403", response("403 Forbidden", `WWW-Authenticate: Bearer error="insufficient_scope", scope="admin"`, "Cache-Control: no-store"), nil,
			[]string{report.ResponseStatusMismatch}},
		{"https API", "curl -H 'Authorization: Bearer " + good + "' https://api.example.com/v1/orders", nil,
			[]string{report.RequestInsecureTransport, report.RequestAPIKeyInQuery, report.RequestNoCredentials}},
		{"http on loopback", "curl -H 'Authorization: Bearer " + good + "' http://127.0.0.1:8080/v1/orders", nil,
			[]string{report.RequestInsecureTransport}},
		{"registry token without scope claim", "GET /v2/library/alpine/manifests/latest HTTP/1.1\r\nHost: registry-1.docker.io\r\nAuthorization: Bearer " + rs256(rsHeader, access(map[string]any{"scope": nil, "access": []any{map[string]any{"type": "repository", "name": "library/alpine", "actions": []any{"pull"}}}})) + "\r\n\r\n" +
			response("401 Unauthorized", `WWW-Authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"`), nil,
			[]string{report.ClaimsScopeMissing}},
		{"prose around a transcript", "Hi team, since this morning the export fails with:\n\n" + redirectTranscript(good) + "\nAny idea? Thanks!", nil,
			[]string{report.InputUnrecognized}},
		{"HS256 with a strong secret", hs256(map[string]any{"alg": "HS256"}, access(nil), []byte("k8Jd93jf-2kdLq0X9vmZp1Qw7RtYe4Ua")), []Option{WithSecret("k8Jd93jf-2kdLq0X9vmZp1Qw7RtYe4Ua")},
			[]string{report.SignatureWeakSecret, report.SignatureInvalid, report.SignatureAlgConfusion}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runTest(tt.text, tt.opts...)
			for _, n := range tt.not {
				if r.Has(n) {
					f := findingOf(r, n)
					t.Errorf("unexpected %s: %s (%s)", n, f.Title, f.Evidence)
				}
			}
		})
	}
}

func TestCredentialsNeverInOutput(t *testing.T) {
	good := rs256(rsHeader, access(nil))
	secret := "k8Jd93jf-2kdLq0X9vmZp1Qw7RtYe4Ua"
	hs := hs256(map[string]any{"alg": "HS256"}, access(nil), []byte(secret))
	inputs := []string{
		good,
		"Authorization: Bearer " + good,
		getWith2("Authorization: Bearer " + good),
		"curl -H 'Authorization: Bearer " + good + "' 'https://api.example.com/x?access_token=" + good + "'",
		redirectTranscript(good),
		harWith(good),
		hs,
	}
	for i, in := range inputs {
		r := runTest(in, WithSecret(secret))
		out := reportText(r)
		for _, cred := range []string{good, good[len(good)-40:], hs[len(hs)-40:], secret} {
			if strings.Contains(out, cred) {
				t.Errorf("input %d: the report contains a credential %q…", i, cred[:12])
			}
		}
		rr := runTest(in, WithReveal(true))
		if i == 0 && !strings.Contains(reportText(rr), good) {
			t.Error("with reveal the token should appear in full")
		}
	}
}

func getWith2(auth string) string {
	return "GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\n" + auth + "\r\n\r\n" + response("401 Unauthorized", `WWW-Authenticate: Bearer error="invalid_token"`)
}

func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	parts[1] = seg(access(map[string]any{"sub": "admin"}))
	return strings.Join(parts, ".")
}

func redirectTranscript(tok string) string {
	return `*   Trying 93.184.216.34:443...
* Connected to api.example.com (93.184.216.34) port 443
> GET /exports/42 HTTP/1.1
> Host: api.example.com
> User-Agent: curl/8.5.0
> Accept: */*
> Authorization: Bearer ` + tok + `
>
< HTTP/1.1 302 Found
< Location: https://cdn.example.net/exports/42.csv
< Content-Length: 0
<
* Connection #0 to host api.example.com left intact
* Issue another request to this URL: 'https://cdn.example.net/exports/42.csv'
*   Trying 151.101.1.1:443...
* Connected to cdn.example.net (151.101.1.1) port 443
> GET /exports/42.csv HTTP/1.1
> Host: cdn.example.net
> User-Agent: curl/8.5.0
> Accept: */*
>
< HTTP/1.1 401 Unauthorized
< WWW-Authenticate: Bearer realm="cdn"
< Date: Sun, 22 Nov 2026 09:00:00 GMT
< Cache-Control: no-store
< Content-Length: 0
<
* Connection #1 to host cdn.example.net left intact
`
}

func harWith(tok string) string {
	return `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"entries":[
{"request":{"method":"GET","url":"https://app.example.com/static/app.js","httpVersion":"h2","headers":[{"name":"accept","value":"*/*"}],"cookies":[],"queryString":[]},
 "response":{"status":200,"statusText":"","httpVersion":"h2","headers":[{"name":"content-type","value":"text/javascript"}],"cookies":[],"content":{"size":10,"mimeType":"text/javascript"}}},
{"request":{"method":"GET","url":"https://api.example.com/v1/orders","httpVersion":"h2","headers":[{"name":"authorization","value":"Bearer ` + tok + `"}],"cookies":[],"queryString":[]},
 "response":{"status":401,"statusText":"","httpVersion":"h2","headers":[{"name":"www-authenticate","value":"Bearer error=\"invalid_token\""},{"name":"date","value":"Sun, 22 Nov 2026 09:00:00 GMT"}],"cookies":[],"content":{"size":0,"mimeType":"application/json"}}}
]}}`
}

func wantIn(t *testing.T, s, sub string) {
	t.Helper()
	if !strings.Contains(s, sub) {
		t.Errorf("%q does not mention %q", s, sub)
	}
}

func findingOf(r report.Report, code string) report.Finding {
	for _, f := range r.Findings {
		if f.Code == code {
			return f
		}
	}
	return report.Finding{}
}

func reportText(r report.Report) string {
	return fmt.Sprintf("%+v", r) + jsonOf(r)
}

var _ = errors.New

// runTest analyses text at the test clock with the standard-library
// signature verifier (the browser injects WebCrypto instead).
func runTest(text string, opts ...Option) report.Report {
	rep, err := Run(context.Background(), Input{Text: text}, append([]Option{WithNow(now), WithVerifier(gocrypto.New())}, opts...)...)
	if err != nil {
		panic(err) // context.Background is never cancelled
	}
	return rep
}

// Without a verifier (a build that has none) RSA signatures are reported as
// unchecked, never as invalid; HMAC still works.
func TestNoVerifier(t *testing.T) {
	good := rs256(rsHeader, access(nil))
	r, err := Run(context.Background(), Input{Text: good}, WithNow(now), WithKeyText(jwks("k1")))
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Tokens[0].Signature; s == nil || s.Status != report.SigUnsupported {
		t.Errorf("signature = %+v, want unsupported", s)
	}
	if r.Has(report.SignatureInvalid) || !r.Has(report.SignatureUnverified) {
		t.Errorf("codes %v", r.Codes())
	}
	secret := "k8Jd93jf-2kdLq0X9vmZp1Qw7RtYe4Ua"
	hs, err := Run(context.Background(), Input{Text: hs256(map[string]any{"alg": "HS256"}, access(nil), []byte(secret))}, WithNow(now), WithSecret(secret))
	if err != nil || !hs.Has(report.SignatureVerified) {
		t.Errorf("HS256 without a verifier: %v %v", hs.Codes(), err)
	}
}

// refreshHAR is a HAR of two refreshes with the same refresh token: the
// first succeeds (and rotates it), the second is refused with invalid_grant.
func refreshHAR() string {
	entry := func(status int, text, body string) string {
		return `{"request":{"method":"POST","url":"https://login.example.com/oauth/token","httpVersion":"HTTP/1.1",` +
			`"headers":[{"name":"Content-Type","value":"application/x-www-form-urlencoded"}],"queryString":[],"cookies":[],` +
			`"postData":{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_id=web-app"}},` +
			`"response":{"status":` + fmt.Sprint(status) + `,"statusText":"` + text + `","httpVersion":"HTTP/1.1",` +
			`"headers":[{"name":"Content-Type","value":"application/json"},{"name":"Cache-Control","value":"no-store"}],"cookies":[],` +
			`"content":{"size":` + fmt.Sprint(len(body)) + `,"mimeType":"application/json","text":` + strconv.Quote(body) + `}}}`
	}
	return `{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[` +
		entry(200, "OK", `{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,"refresh_token":"8xLOxBtZp8new"}`) + "," +
		entry(400, "Bad Request", `{"error":"invalid_grant","error_description":"Invalid refresh token"}`) + `]}}`
}
