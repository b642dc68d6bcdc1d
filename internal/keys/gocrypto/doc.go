// Package gocrypto is the keys.SigVerifier built on Go's standard library:
// crypto/rsa (RSASSA-PKCS1-v1_5 and RSASSA-PSS, RFC 8017 §8.2, §8.1),
// crypto/ecdsa (P-256, P-384, P-521; SEC 1 §4.1.4, FIPS 186-5) and
// crypto/ed25519 (RFC 8032 §5.1.7), for JWS as RFC 7518 §3.3-3.5 and
// RFC 8037 §3.1 specify.
//
// The command-line tool and the tests inject it as keys.Options.Verifier.
// The browser build must not link it (it would bring back the Go RSA,
// ECDSA and Ed25519 code keys was made free of): there, wasm/ injects a
// verifier built on WebCrypto. HMAC (HS*) is checked by package keys
// itself.
//
// Specifications:
//   - RFC 7515 JSON Web Signature, RFC 7518 JSON Web Algorithms (§3.3-3.5)
//   - RFC 8017 PKCS #1 v2.2 (RSASSA-PKCS1-v1_5, RSASSA-PSS, MGF1)
//   - SEC 1 v2 §3.2.2 (public key validation), §4.1.4 (ECDSA verification)
//   - RFC 8032 (Ed25519), RFC 8037 (EdDSA in JOSE)
package gocrypto
