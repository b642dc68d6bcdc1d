// Package claims checks a JWT's registered claims and its times against an
// analysis clock and the caller's expectations.
//
// It implements the validation rules of RFC 7519 §4.1 (iss, sub, aud, exp,
// nbf, iat) and §7.2, with NumericDate as defined in RFC 7519 §2; the JWT
// access-token profile of RFC 9068 (typ "at+jwt", scope); the explicit-typing
// and cross-JWT-confusion advice of RFC 8725 §2.8, §3.9 and §3.11 (an OpenID
// Connect ID token or a DPoP proof (RFC 9449 §4.2) sent where an access token
// is expected); and the comparison of the local clock with a response's Date
// header (RFC 9110 §6.6.1).
//
// Nothing here reads a clock: "now" is always passed in. Problems in the
// token are returned as report.Finding values, never as Go errors.
package claims
