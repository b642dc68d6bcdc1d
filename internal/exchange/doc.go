// Package exchange reads what people paste from a failing HTTP call — a raw
// request or response (RFC 9112 message syntax, read leniently: HTTP/1.0,
// 1.1, 2 and 3 status lines, obs-fold, CRLF or LF), a curl -v transcript (one
// exchange per redirect hop), a curl command line (POSIX shell, Windows cmd as
// Chrome's "Copy as cURL (cmd)" writes it, PowerShell), a HAR 1.2 export, a
// lone Authorization or WWW-Authenticate line — and diagnoses the exchange:
// missing or mismatched credentials (RFC 9110 §11.6, §15.5.2, §15.5.4),
// credentials in the query or over plain HTTP (RFC 6750 §2.3, §5.3),
// Authorization dropped on a cross-host redirect (RFC 9110 §15.4, Fetch
// #http-redirect-fetch), Bearer error codes (RFC 6750 §3.1), token endpoint hints (Docker
// registry token auth, RFC 9728), DPoP nonces (RFC 9449 §8–9), cacheable 401s
// (RFC 9111 §3, §4.2.2) and CORS blocking the Authorization header (Fetch
// #http-cors-protocol, #cors-preflight-fetch).
//
// Header values are kept raw here; ToReport masks credentials with
// report.Fingerprint for the Report unless the caller asks to reveal them.
// Nothing in this package reads inside a credential: tokens and Basic
// credentials are left to the token and authz packages.
package exchange
