// Package detect splits a paste into its parts and says what kind of text
// each one is: a JWT (RFC 7519 compact JWS, RFC 7515 §7.1) or JWE (RFC 7516
// §7.1), an Authorization header or value (RFC 9110 §11.6.2), a
// WWW-Authenticate header or challenge value (RFC 9110 §11.6.1), a raw HTTP
// request or response (RFC 9112 §3, §4; leniently, as people paste them:
// "HTTP/2 401", "Status code: 401", bare header blocks), a curl -v transcript,
// a curl command line, a HAR 1.2 export, a JWKS or JWK (RFC 7517 §4, §5), a
// PEM block (RFC 7468), or a server's log or stack trace (timestamped and
// levelled lines, JSON and logfmt records, Python tracebacks, Java, .NET and
// Node exceptions: log.go; internal/serverlog reads them), or a decoded
// token payload — a JSON object of RFC 7519 §4.1 registered claims, with the
// Unix time of date +%s beside it (claims.go).
//
// Detection only draws boundaries and names kinds; the parsers in other
// packages read the parts. It never fails: text that matches nothing becomes a
// part of kind "unknown", and Unrecognized builds the input.unrecognized
// finding for it.
package detect
