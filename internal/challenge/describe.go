package challenge

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

var schemes = map[string]string{
	"basic":            "Basic: the client sends user-id:password, base64-encoded, in every request; the realm names the protection space (RFC 7617 §2).",
	"bearer":           "Bearer: the client sends an OAuth 2.0 access token as \"Authorization: Bearer <token>\"; error, error_description and scope say why a token was refused (RFC 6750 §3).",
	"digest":           "Digest: the client answers a server nonce with a hash of its credentials instead of sending the password (RFC 7616 §3.3).",
	"dpop":             "DPoP: the client sends a sender-constrained access token as \"Authorization: DPoP <token>\" plus a DPoP proof JWT signed with its own key in a DPoP header (RFC 9449 §7.1).",
	"negotiate":        "Negotiate: SPNEGO (Kerberos or NTLM) tokens exchanged in Authorization/WWW-Authenticate headers, usually on Windows domains (RFC 4559 §4).",
	"ntlm":             "NTLM: Microsoft's connection-based challenge/response scheme; it needs the same TCP connection for its three-message handshake (MS-NTHT).",
	"hoba":             "HOBA: HTTP Origin-Bound Authentication, a signature-based scheme without passwords (RFC 7486 §3).",
	"mutual":           "Mutual: mutual password authentication where the server proves it knows the password too (RFC 8120 §4).",
	"scram-sha-1":      "SCRAM-SHA-1: Salted Challenge Response Authentication over HTTP (RFC 7804 §5).",
	"scram-sha-256":    "SCRAM-SHA-256: Salted Challenge Response Authentication over HTTP (RFC 7804 §5).",
	"vapid":            "vapid: Voluntary Application Server Identification for Web Push, a JWT signed by the application server (RFC 8292 §3).",
	"privatetoken":     "PrivateToken: the client presents a Privacy Pass token issued for the challenge's token-key (RFC 9577 §2.1).",
	"concealed":        "Concealed: the client proves possession of a key bound to the TLS connection (RFC 9729 §3).",
	"aws4-hmac-sha256": "AWS4-HMAC-SHA256: AWS Signature Version 4, a request signature computed with the secret access key (AWS SigV4 documentation).",
	"token":            "Token: a non-standard scheme used by some APIs (e.g. Django REST framework) for an opaque API token sent as \"Authorization: Token <key>\".",
	"apikey":           "ApiKey: a non-standard scheme for an API key sent as \"Authorization: ApiKey <key>\" (e.g. Elasticsearch).",
	"mac":              "MAC: the expired OAuth 2.0 MAC token draft; rarely supported today (draft-ietf-oauth-v2-http-mac).",
	"gnap":             "GNAP: an access token from the Grant Negotiation and Authorization Protocol, bound to a key (RFC 9635 §7.2).",
}

// DescribeScheme explains an authentication scheme in one sentence, with its
// specification; the comparison is case-insensitive. Unknown schemes give "".
func DescribeScheme(scheme string) string {
	return schemes[strings.ToLower(strings.TrimSpace(scheme))]
}

// Parameters valid for any scheme, then scheme-specific ones ("scheme/name").
var params = map[string]string{
	"realm":   "realm: the protection space — credentials valid for one realm of a server may be reused for other resources in the same realm (RFC 9110 §11.5).",
	"charset": "charset: the character encoding the server expects for user-id and password, only \"UTF-8\" is defined (RFC 7617 §2.1).",

	// RFC 6750 §3 (also used by DPoP, RFC 9449 §7.1).
	"error":             "error: the reason the access token was refused — invalid_request, invalid_token or insufficient_scope (RFC 6750 §3.1).",
	"error_description": "error_description: a human-readable explanation of the error for the developer, not for end users (RFC 6750 §3).",
	"error_uri":         "error_uri: a web page that explains the error (RFC 6750 §3).",
	"scope":             "scope: the space-separated scopes an access token needs for this resource (RFC 6750 §3); for a Docker registry, the repository:name:actions to request from the token service.",

	// Docker registry token authentication.
	"service": "service: the name of the registry the token must be issued for; send it to the realm URL as ?service=… when requesting a token (Docker registry token authentication specification).",

	// RFC 9728.
	"resource_metadata": "resource_metadata: the URL of the resource's OAuth 2.0 protected resource metadata, whose authorization_servers say where to obtain a token (RFC 9728 §5.1).",

	// Azure / Microsoft identity platform and other vendors.
	"authorization_uri":    "authorization_uri: the Microsoft identity platform (Entra ID) authority to obtain a token from (Microsoft identity platform documentation).",
	"authorization":        "authorization: the authority URL to obtain a token from, as Azure Key Vault and Storage send it (Azure documentation).",
	"resource_id":          "resource_id: the application ID URI or client ID of the resource to request a token for (Microsoft identity platform documentation).",
	"resource":             "resource: the resource (audience) to request a token for (RFC 8707 §2; Azure uses it too).",
	"client_id":            "client_id: the client (application) ID the resource belongs to (Microsoft identity platform documentation).",
	"trusted_issuers":      "trusted_issuers: the token issuers the resource accepts (Microsoft identity platform documentation).",
	"claims":               "claims: a base64-encoded claims challenge the client must pass to the authorization server to obtain a new token (Microsoft Continuous Access Evaluation).",
	"as_uri":               "as_uri: the authorization server to obtain a token from (RFC 9200 §5.3, ACE-OAuth \"AS Request Creation Hints\").",
	"authorization_server": "authorization_server: the authorization server to obtain a token from (non-standard; see RFC 9728 for the standard way).",

	// RFC 9470 step-up authentication.
	"acr_values": "acr_values: the authentication context class the user must authenticate with to satisfy this resource (RFC 9470 §3).",
	"max_age":    "max_age: the maximum time in seconds since the user last authenticated that this resource accepts (RFC 9470 §3).",

	// RFC 9449 DPoP.
	"dpop/algs":  "algs: the JWS algorithms the resource server accepts for DPoP proofs, space-separated (RFC 9449 §7.1).",
	"dpop/error": "error: why the DPoP request was refused — invalid_token, invalid_dpop_proof or use_dpop_nonce (RFC 9449 §7.1, §9).",

	// RFC 7616 Digest.
	"digest/nonce":     "nonce: a server-chosen value the client must hash into its response; a new one is issued when stale=true (RFC 7616 §3.3).",
	"digest/opaque":    "opaque: a value the client must return unchanged in its Authorization header (RFC 7616 §3.3).",
	"digest/stale":     "stale: true means the password was right but the nonce expired — retry with the new nonce without asking the user again (RFC 7616 §3.3).",
	"digest/algorithm": "algorithm: the hash to use, e.g. SHA-256, SHA-512-256 or the deprecated MD5; a -sess suffix means session keys (RFC 7616 §3.3).",
	"digest/qop":       "qop: the quality of protection the server supports, \"auth\" and/or \"auth-int\" (RFC 7616 §3.3).",
	"digest/domain":    "domain: the URIs that share this protection space (RFC 7616 §3.3).",
	"digest/userhash":  "userhash: true means the client should hash the username (RFC 7616 §3.3).",
	"digest/charset":   "charset: \"UTF-8\" means the server expects UTF-8 usernames and passwords (RFC 7616 §3.3).",

	// RFC 7486 HOBA.
	"hoba/challenge": "challenge: a base64url value the client must sign with its origin-bound key (RFC 7486 §3).",
	"hoba/max-age":   "max-age: how many seconds the challenge stays valid (RFC 7486 §3).",

	// RFC 9577 Privacy Pass.
	"privatetoken/challenge": "challenge: the base64url TokenChallenge the presented token must be bound to (RFC 9577 §2.1).",
	"privatetoken/token-key": "token-key: the issuer's public key for the token (RFC 9577 §2.1).",
}

var errorValues = map[string]string{
	"invalid_request":                  "error=invalid_request: the request is malformed — a missing or duplicated parameter, or the token sent more than one way; a new token will not help (RFC 6750 §3.1).",
	"invalid_token":                    "error=invalid_token: the access token is expired, revoked, malformed or invalid for other reasons; get a new one (RFC 6750 §3.1).",
	"insufficient_scope":               "error=insufficient_scope: the token is valid but lacks the scope this resource requires; the scope parameter says which (RFC 6750 §3.1).",
	"invalid_dpop_proof":               "error=invalid_dpop_proof: the DPoP proof JWT is missing, malformed or does not match the request (htm, htu, ath, iat, jti) (RFC 9449 §7.1).",
	"use_dpop_nonce":                   "error=use_dpop_nonce: resend the request with a DPoP proof whose nonce claim is the value of the DPoP-Nonce response header (RFC 9449 §8, §9).",
	"insufficient_user_authentication": "error=insufficient_user_authentication: the user must authenticate again, more strongly or more recently (acr_values, max_age) (RFC 9470 §3).",
	"insufficient_claims":              "error=insufficient_claims: the token lacks claims the resource needs; send the claims challenge to the authorization server for a new token (Microsoft Continuous Access Evaluation).",
}

// DescribeParam explains a challenge parameter in one sentence with its
// specification. name is a parameter name ("realm", "service", "algs") or a
// name=value pair for values with their own meaning ("error=invalid_token").
// Scheme-specific meanings (DPoP "algs", Digest "nonce") win over generic
// ones. Unknown parameters give "".
func DescribeParam(scheme, name string) string {
	scheme = strings.ToLower(strings.TrimSpace(scheme))
	name = strings.TrimSpace(name)
	if k, v, ok := strings.Cut(name, "="); ok {
		name = strings.ToLower(strings.TrimSpace(k))
		if name == "error" {
			if d, ok := errorValues[strings.Trim(strings.TrimSpace(v), `"`)]; ok {
				return d
			}
		}
	}
	name = strings.ToLower(name)
	if d, ok := params[scheme+"/"+name]; ok {
		return d
	}
	if name == "nonce" && scheme != "digest" {
		return ""
	}
	return params[name]
}

// Explain gives the explanations of a parsed challenge: its scheme and each
// parameter (for error, its value), or nil when none is known.
func Explain(c report.Challenge) *report.Explanations {
	e := &report.Explanations{Scheme: DescribeScheme(c.Scheme)}
	for name, val := range c.Params {
		d := ""
		if name == "error" {
			d = DescribeParam(c.Scheme, "error="+val)
		}
		if d == "" {
			d = DescribeParam(c.Scheme, name)
		}
		if d == "" {
			continue
		}
		if e.Params == nil {
			e.Params = map[string]string{}
		}
		e.Params[name] = d
	}
	if e.Scheme == "" && e.Params == nil {
		return nil
	}
	return e
}
