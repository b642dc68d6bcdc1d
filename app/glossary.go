package ui

// claimGlossary explains registered and common JOSE header parameters and
// JWT claims, each with where it is defined. Keys are "header.<name>" for
// header parameters and "<name>" for claims.
var claimGlossary = map[string]string{
	// JOSE header (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6).
	"header.alg":      "Algorithm: how the token is signed (JWS) or its key encrypted (JWE); \"none\" means not signed at all (RFC 7515 §4.1.1).",
	"header.typ":      "Type of the whole token, e.g. \"JWT\", or \"at+jwt\" for an OAuth 2.0 access token (RFC 7515 §4.1.9, RFC 9068 §2.1).",
	"header.cty":      "Content type of the payload; \"JWT\" means the payload is itself a token (nested) (RFC 7515 §4.1.10, RFC 7519 §5.2).",
	"header.kid":      "Key ID: which of the issuer's keys signed the token; it must match a kid in the JWKS (RFC 7515 §4.1.4).",
	"header.jku":      "JWK Set URL: where the token says its key can be fetched; never trust it without an allow-list (RFC 7515 §4.1.2).",
	"header.jwk":      "A public key embedded in the token itself; verifying with it proves nothing about the issuer (RFC 7515 §4.1.3).",
	"header.x5u":      "URL of the X.509 certificate chain of the signing key (RFC 7515 §4.1.5).",
	"header.x5c":      "The X.509 certificate chain of the signing key, embedded in the token (RFC 7515 §4.1.6).",
	"header.x5t":      "SHA-1 thumbprint of the signing key's X.509 certificate (RFC 7515 §4.1.7).",
	"header.x5t#S256": "SHA-256 thumbprint of the signing key's X.509 certificate (RFC 7515 §4.1.8).",
	"header.crit":     "Header parameters the recipient must understand, or reject the token (RFC 7515 §4.1.11).",
	"header.enc":      "Content encryption algorithm of a JWE, e.g. A256GCM (RFC 7516 §4.1.2).",
	"header.zip":      "Compression applied before encryption, e.g. DEF (RFC 7516 §4.1.3).",
	"header.epk":      "Ephemeral public key for ECDH-ES key agreement (RFC 7518 §4.6.1.1).",
	"header.apu":      "Agreement PartyUInfo for ECDH-ES (RFC 7518 §4.6.1.2).",
	"header.apv":      "Agreement PartyVInfo for ECDH-ES (RFC 7518 §4.6.1.3).",
	"header.iv":       "Initialization vector for AES-GCM key wrapping (RFC 7518 §4.7.1.1).",
	"header.tag":      "Authentication tag for AES-GCM key wrapping (RFC 7518 §4.7.1.2).",
	"header.p2s":      "PBES2 salt input (RFC 7518 §4.8.1.1).",
	"header.p2c":      "PBES2 iteration count (RFC 7518 §4.8.1.2).",
	"header.b64":      "false means the payload is not base64url-encoded (RFC 7797 §3).",

	// Registered claims (RFC 7519 §4.1).
	"iss": "Issuer: who created and signed the token; must equal the issuer the API expects, character for character (RFC 7519 §4.1.1).",
	"sub": "Subject: the user or client the token is about (RFC 7519 §4.1.2).",
	"aud": "Audience: the APIs the token is meant for; the API must find its own identifier here (RFC 7519 §4.1.3).",
	"exp": "Expiration time: the token must not be accepted on or after this moment (seconds since 1970, UTC) (RFC 7519 §4.1.4).",
	"nbf": "Not before: the token must not be accepted before this moment (RFC 7519 §4.1.5).",
	"iat": "Issued at: when the token was created; a value in the future means the issuer's clock is ahead (RFC 7519 §4.1.6).",
	"jti": "JWT ID: a unique identifier, used to prevent replay (RFC 7519 §4.1.7).",

	// OAuth 2.0 and JWT access tokens.
	"scope":        "Scopes granted to the token, space-separated; the API compares them with what the endpoint needs (RFC 8693 §4.2, RFC 9068 §2.2.3).",
	"scp":          "Scopes granted to the token, as Microsoft Entra ID and Okta name them (string or array) (vendor claim).",
	"azp":          "Authorized party: the client the token was issued to (OpenID Connect Core 1.0 §2).",
	"client_id":    "The OAuth 2.0 client the token was issued to (RFC 8693 §4.3, RFC 9068 §2.2).",
	"cnf":          "Confirmation: the key the token is bound to (DPoP jkt, mTLS x5t#S256); the client must prove it holds that key (RFC 7800 §3.1, RFC 9449 §6).",
	"act":          "Actor: who is acting on behalf of the subject (token exchange) (RFC 8693 §4.1).",
	"may_act":      "Who is allowed to act on behalf of the subject (RFC 8693 §4.4).",
	"roles":        "Roles granted to the subject (RFC 9068 §2.2.3.1; also Entra ID app roles).",
	"groups":       "Groups the subject belongs to (RFC 9068 §2.2.3.1).",
	"entitlements": "Entitlements of the subject (RFC 9068 §2.2.3.1).",

	// OpenID Connect.
	"nonce":              "Value from the authentication request, echoed to prevent replay of ID tokens (OpenID Connect Core 1.0 §2).",
	"auth_time":          "When the user last authenticated (OpenID Connect Core 1.0 §2).",
	"acr":                "Authentication context class: how strongly the user authenticated (OpenID Connect Core 1.0 §2).",
	"amr":                "Authentication methods used, e.g. pwd, mfa, otp (OpenID Connect Core 1.0 §2, RFC 8176).",
	"sid":                "Session ID at the identity provider (OpenID Connect Front-Channel Logout 1.0 §3).",
	"at_hash":            "Hash of the access token issued with this ID token (OpenID Connect Core 1.0 §3.1.3.6).",
	"c_hash":             "Hash of the authorization code issued with this ID token (OpenID Connect Core 1.0 §3.3.2.11).",
	"email":              "The user's e-mail address (OpenID Connect Core 1.0 §5.1).",
	"email_verified":     "Whether the identity provider verified the e-mail address (OpenID Connect Core 1.0 §5.1).",
	"name":               "The user's full name (OpenID Connect Core 1.0 §5.1).",
	"given_name":         "The user's given name (OpenID Connect Core 1.0 §5.1).",
	"family_name":        "The user's family name (OpenID Connect Core 1.0 §5.1).",
	"preferred_username": "The user's preferred username; not unique, do not use it as an identifier (OpenID Connect Core 1.0 §5.1).",

	// DPoP proofs (RFC 9449 §4.2).
	"htm": "HTTP method of the request the DPoP proof is for (RFC 9449 §4.2).",
	"htu": "HTTP URL (without query and fragment) of the request the DPoP proof is for (RFC 9449 §4.2).",
	"ath": "Hash of the access token the DPoP proof is sent with (RFC 9449 §4.2).",

	// Vendors.
	"tid":             "Microsoft Entra ID tenant ID the token was issued in (vendor claim).",
	"oid":             "Microsoft Entra ID object ID of the user or service principal (vendor claim).",
	"upn":             "User principal name, usually the sign-in name (Microsoft, vendor claim).",
	"appid":           "Microsoft Entra ID application (client) ID, v1 tokens (vendor claim).",
	"ver":             "Token format version (Microsoft Entra ID: 1.0 or 2.0; Okta: 1) (vendor claim).",
	"idp":             "The identity provider that authenticated the user (vendor claim).",
	"wids":            "Microsoft Entra ID directory role template IDs of the user (vendor claim).",
	"uti":             "Microsoft internal token identifier (vendor claim).",
	"rh":              "Microsoft internal claim used to revalidate tokens (vendor claim).",
	"realm_access":    "Keycloak realm roles of the user (vendor claim).",
	"resource_access": "Keycloak client roles of the user, per client (vendor claim).",
	"session_state":   "Keycloak session identifier (vendor claim).",
	"permissions":     "Auth0 RBAC permissions granted to the token (vendor claim).",
	"token_use":       "Amazon Cognito token kind: \"access\" or \"id\" (vendor claim).",
	"username":        "Amazon Cognito user name (vendor claim).",
	"cognito:groups":  "Amazon Cognito groups of the user (vendor claim).",
	"origin_jti":      "Amazon Cognito identifier of the original authentication (vendor claim).",
	"event_id":        "Amazon Cognito authentication event identifier (vendor claim).",
	"cid":             "Okta client ID the token was issued to (vendor claim).",
	"uid":             "Okta user ID (vendor claim).",
	"typ":             "Token type inside the payload, e.g. Keycloak's \"Bearer\" or \"ID\" (vendor claim).",
}

// claimInfo explains a header parameter (part "header") or a claim (part
// "payload"); "" when the name is not in the glossary.
func claimInfo(part, name string) string {
	if part == "header" {
		return claimGlossary["header."+name]
	}
	return claimGlossary[name]
}

// timeClaims are numeric claims holding seconds since the epoch.
var timeClaims = map[string]bool{"exp": true, "nbf": true, "iat": true, "auth_time": true}
