package report

// Finding codes (REPORT.md "Finding codes"). The order of Catalogue is the
// order of likelihood used to sort findings of equal severity: what makes
// every other check moot comes first (nothing was sent, the token is not a
// token), then what a server checks first (scheme, signature), then time and
// claims, then what the server said about it.
const (
	// Input-level codes: additions to REPORT.md's catalogue for text that is
	// not any known kind, and for failures of the tool itself.
	InputUnrecognized = "input.unrecognized"
	InputTooLarge     = "input.too_large"
	InputSkipped      = "input.skipped"
	InternalError     = "internal.error"

	TokenPlaceholder    = "token.placeholder"
	TokenMalformed      = "token.malformed"
	TokenNotBase64URL   = "token.not_base64url"
	TokenWhitespace     = "token.whitespace"
	TokenJWE            = "token.jwe"
	TokenExpired        = "token.expired"
	TokenNotYetValid    = "token.not_yet_valid"
	TokenIssuedInFuture = "token.issued_in_future"
	TokenNoExp          = "token.no_exp"
	TokenLongLifetime   = "token.long_lifetime"
	TokenAlgNone        = "token.alg_none"
	TokenEmbeddedKey    = "token.embedded_key"
	TokenNested         = "token.nested"
	TokenTyp            = "token.typ"
	// TokenOpaque is an opaque (non-JWT) token: nothing to decode (info).
	TokenOpaque = "token.opaque"
	// TokenTimesInconsistent is a JWT whose own times contradict each other:
	// exp before iat or nbf, a time claim in milliseconds.
	TokenTimesInconsistent = "token.times_inconsistent"

	ClaimsAudMismatch  = "claims.aud_mismatch"
	ClaimsIssMismatch  = "claims.iss_mismatch"
	ClaimsMissing      = "claims.missing"
	ClaimsScopeMissing = "claims.scope_missing"

	SignatureVerified     = "signature.verified"
	SignatureInvalid      = "signature.invalid"
	SignatureUnverified   = "signature.unverified"
	SignatureKidNotFound  = "signature.kid_not_found"
	SignatureAlgMismatch  = "signature.alg_mismatch"
	SignatureAlgConfusion = "signature.alg_confusion"
	SignatureWeakSecret   = "signature.weak_secret"
	SignatureUntrustedKey = "signature.untrusted_key"
	KeysFetchFailed       = "keys.fetch_failed"
	KeysInvalid           = "keys.invalid"

	RequestNoCredentials   = "request.no_credentials"
	RequestBearerMalformed = "request.bearer_malformed"
	RequestSchemeMismatch  = "request.scheme_mismatch"
	RequestBasicMalformed  = "request.basic_malformed"
	// RequestBasicCredentials is well-formed Basic credentials, shown as the
	// user and a masked password (info).
	RequestBasicCredentials    = "request.basic_credentials"
	RequestAPIKeyInQuery       = "request.api_key_in_query"
	RequestRedirectDroppedAuth = "request.redirect_dropped_auth"
	RequestInsecureTransport   = "request.insecure_transport"
	// RequestDuplicateAuthorization is more than one Authorization header.
	RequestDuplicateAuthorization = "request.duplicate_authorization"
	// RequestCredentialsWrongPlace is a credential where the server does not
	// read it (another header, the query) when its 401 asks for Authorization.
	RequestCredentialsWrongPlace = "request.credentials_wrong_place"
	// RequestAuthNotForwarded is a credential sent while the server's answer
	// says none arrived: something between dropped it.
	RequestAuthNotForwarded = "request.auth_not_forwarded"
	// RequestDPoPProof is an addition to REPORT.md's catalogue: the DPoP
	// proof a request carries (RFC 9449 §4.3) does not fit it, or the DPoP
	// scheme is used without one; info when the proof passes every check.
	RequestDPoPProof = "request.dpop_proof"

	ResponseChallengeMissing   = "response.challenge_missing"
	ResponseChallengeMalformed = "response.challenge_malformed"
	ResponseInvalidToken       = "response.invalid_token"
	ResponseInvalidRequest     = "response.invalid_request"
	ResponseInsufficientScope  = "response.insufficient_scope"
	// ResponseCredentialsRejected is well-formed credentials of a scheme the
	// server accepts, refused, with nothing else to explain it.
	ResponseCredentialsRejected = "response.credentials_rejected"
	// ResponseRefreshTokenReused is a refresh token refused (invalid_grant)
	// after an earlier request in the paste had already used it.
	ResponseRefreshTokenReused = "response.refresh_token_reused"
	ResponseStatusMismatch     = "response.status_mismatch"
	ResponseTokenEndpointHint  = "response.token_endpoint_hint"
	ResponseDPoPNonce          = "response.dpop_nonce"
	ResponseCacheable401       = "response.cacheable_401"
	ResponseCORSBlocksAuth     = "response.cors_blocks_auth"
	// ResponseProxyAuthRequired is an addition to REPORT.md's catalogue: a
	// 407 from a proxy, which the API never saw.
	ResponseProxyAuthRequired = "response.proxy_auth_required"
	// ResponseOAuthError is an addition too: an OAuth error code beyond RFC
	// 6750's (token endpoint, device flow, DPoP proof), from a challenge or
	// a JSON body.
	ResponseOAuthError = "response.oauth_error"

	// ServerMessage is a message of the server's own, recognised: names the
	// library or product and what it means.
	ServerMessage = "server.message"

	ClockSkew              = "clock.skew"
	ClockExpiredAtServer   = "clock.expired_at_server"
	ClockLeewayWouldAccept = "clock.leeway_would_accept"
)

// Catalogue lists every finding code, most likely cause of a refusal first.
var Catalogue = []string{
	InternalError,
	ResponseProxyAuthRequired,
	TokenPlaceholder,
	RequestNoCredentials,
	RequestRedirectDroppedAuth,
	RequestAuthNotForwarded,
	TokenMalformed,
	TokenTimesInconsistent,
	RequestBearerMalformed,
	RequestBasicMalformed,
	RequestSchemeMismatch,
	RequestCredentialsWrongPlace,
	RequestDuplicateAuthorization,
	RequestDPoPProof,
	ResponseCORSBlocksAuth,
	TokenAlgNone,
	SignatureAlgMismatch,
	SignatureKidNotFound,
	SignatureInvalid,
	SignatureUntrustedKey,
	SignatureAlgConfusion,
	ClockExpiredAtServer,
	TokenExpired,
	TokenNotYetValid,
	TokenIssuedInFuture,
	ClaimsAudMismatch,
	ClaimsIssMismatch,
	ClaimsMissing,
	ResponseInsufficientScope,
	ClaimsScopeMissing,
	ResponseOAuthError,
	ResponseDPoPNonce,
	ResponseInvalidRequest,
	TokenTyp,
	TokenJWE,
	ServerMessage,
	ResponseRefreshTokenReused,
	ResponseInvalidToken,
	ResponseCredentialsRejected,
	ResponseChallengeMalformed,
	ResponseChallengeMissing,
	ResponseStatusMismatch,
	TokenNotBase64URL,
	TokenWhitespace,
	ClockSkew,
	ClockLeewayWouldAccept,
	RequestInsecureTransport,
	RequestAPIKeyInQuery,
	SignatureWeakSecret,
	TokenEmbeddedKey,
	KeysFetchFailed,
	KeysInvalid,
	SignatureUnverified,
	TokenNoExp,
	TokenLongLifetime,
	ResponseCacheable401,
	ResponseTokenEndpointHint,
	TokenNested,
	TokenOpaque,
	RequestBasicCredentials,
	SignatureVerified,
	InputUnrecognized,
	InputTooLarge,
	InputSkipped,
}

var rank = func() map[string]int {
	m := make(map[string]int, len(Catalogue))
	for i, c := range Catalogue {
		m[c] = i
	}
	return m
}()

// Known reports whether code is in the Catalogue.
func Known(code string) bool {
	_, ok := rank[code]
	return ok
}

// Rank is the position of code in the Catalogue; unknown codes sort last.
func Rank(code string) int {
	if r, ok := rank[code]; ok {
		return r
	}
	return len(Catalogue)
}
