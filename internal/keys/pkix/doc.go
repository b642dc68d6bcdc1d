// Package pkix reads public keys and certificates from DER with
// encoding/asn1, so that the browser build links no crypto/x509 (nor the
// RSA, ECDSA and Ed25519 code it pulls in): SubjectPublicKeyInfo, PKCS #1
// RSA keys, PKCS #8 and SEC 1 private keys (for their public half only,
// when they carry it), and the subject, issuer, validity and key of an
// X.509 certificate. It checks structure, not signatures or extensions.
// Keys are jwk.PublicKey values; a key that is well formed but of a kind
// JWS cannot use is refused with a *Refusal that says why. Package keys
// reads the PEM armour (RFC 7468) and turns these results into findings.
//
// Specifications:
//   - RFC 5280 §4.1 (X.509 certificates, SubjectPublicKeyInfo), RFC 4514 (names as strings)
//   - RFC 3279, RFC 5480, RFC 8410 (key algorithms in SubjectPublicKeyInfo), RFC 4055 (id-RSASSA-PSS)
//   - RFC 8017 Appendix A.1 (PKCS #1 RSAPublicKey, RSAPrivateKey)
//   - RFC 5208 and RFC 5958 (PKCS #8), RFC 5915 (SEC 1 EC private keys), SEC 1 §2.3.3 (EC points)
package pkix
