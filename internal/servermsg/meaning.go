package servermsg

// meanings say what each cause means, in the project's words.
var meanings = map[string]string{
	"expired":              "The server says the token has expired.",
	"not-yet-valid":        "The server says the token is not valid yet (nbf in the future by its clock).",
	"iat-future":           "The server says the token was issued in the future by its clock: the issuer's clock or the server's is off.",
	"bad-signature":        "The server says the signature does not verify with the key it holds.",
	"wrong-alg":            "The server does not accept the token's signing algorithm.",
	"alg-none":             "The server refuses an unsigned token (alg none).",
	"kid-not-found":        "The server has no key with the token's kid: a key rotation its cache has not seen, or a token from another issuer.",
	"kid-missing":          "The server needs a kid in the token header to pick a key.",
	"jwks-fetch-failed":    "The server could not fetch its signing keys (JWKS or discovery): a server-side network or configuration problem.",
	"jwks-invalid":         "The server's key set did not parse.",
	"wrong-key-type":       "The server's key does not fit the token's algorithm.",
	"key-too-small":        "The server refuses a key that is too small.",
	"wrong-audience":       "The server says the token's aud is not this API.",
	"wrong-issuer":         "The server says the token's iss is not an issuer it trusts.",
	"wrong-subject":        "The server says the token's sub is not the one it expects.",
	"missing-claim":        "The server says a claim it requires is absent.",
	"invalid-claim":        "The server says a claim has a value it does not accept.",
	"invalid-claim-type":   "The server says a claim has the wrong JSON type.",
	"insufficient-scope":   "The server says the token lacks a scope or permission this request needs.",
	"wrong-type":           "The server says this is the wrong kind of token (an ID token for an access token, a refresh token …).",
	"malformed":            "The server could not parse the token or the Authorization header.",
	"missing-token":        "The server says no credentials arrived.",
	"multiple-tokens":      "The server saw credentials in more than one place and refuses to choose.",
	"wrong-scheme":         "The server expects another Authorization scheme.",
	"revoked":              "The server says the token, session or user was revoked, blacklisted or removed.",
	"session-expired":      "The server says the session behind the token has ended.",
	"crit-unsupported":     "The server does not understand a crit header parameter.",
	"config-error":         "The server's own validation is misconfigured.",
	"no-keys-configured":   "The server has no keys configured to verify tokens.",
	"generic-invalid":      "The server refused the credentials without saying why.",
	CauseBadCredentials:    "The server does not know this secret: a wrong password, or an API key or token that is mistyped, rolled or revoked.",
	CauseWrongRoute:        "No route matches the request's path, method or stage; the message only sounds like authentication.",
	CauseForbidden:         "The server knows who is calling but a policy denies this request.",
	CauseCredentialExpired: "A credential other than the token (a session key, a client secret) has expired.",
}

// Meaning says what a cause means, in a sentence.
func Meaning(cause string) string {
	if m, ok := meanings[cause]; ok {
		return m
	}
	return "The server refused the request in its own words."
}
