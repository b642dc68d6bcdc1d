// Package authz reads the value of an Authorization or Proxy-Authorization
// header (RFC 9110 §11.6.2, §11.7.2): the authentication scheme and the
// credentials after it (RFC 9110 §11.4).
//
// It knows how people break the two common schemes: Bearer (RFC 6750 §2.1:
// "Bearer" 1*SP b64token) — a colon after the scheme, no space or several,
// the scheme twice, quotes around the token, an odd-case scheme — and Basic
// (RFC 7617 §2: base64 of user-id ":" password). Each problem is a
// report.Finding and the credential is still returned, cleaned, so the token
// can be analysed anyway. Other schemes (DPoP per RFC 9449 §7.1, Digest,
// Negotiate, NTLM, AWS4-HMAC-SHA256, …) are read without findings.
//
// Passwords and tokens never appear in findings unless reveal is set: they
// are shown as report.Fingerprint values or masked.
package authz
