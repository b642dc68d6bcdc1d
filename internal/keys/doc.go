// Package keys loads verification keys and checks JWS signatures for the
// analysis engine: shared secrets, PEM public keys and certificates, JWKs and
// JWK Sets, fetched JWKS documents and OpenID Connect / OAuth discovery.
//
// Load turns the key material a user supplied (or asked to fetch) into a Set,
// with findings for material that does not parse (keys.invalid) or could not
// be fetched (keys.fetch_failed). Verify checks one compact JWS against a Set
// and the keys the token carries itself, and explains the verdict: which key
// verified it (kid and RFC 7638 thumbprint), why none did (wrong key, unknown
// kid, alg and key type disagree), and the attacks and mistakes RFC 8725
// warns about (algorithm confusion, well-known example secrets, keys the
// token supplies itself).
//
// The package is pure Go and runs in the browser: it never fetches on its
// own (a discovery.Fetcher is injected: the browser's fetch, httpfetch in
// the CLI, or a test fake), never reads the clock (Options.Now), and never fetches a URL
// named by a token (jku, x5u). Discovery does start from the token's iss,
// so like jku the keys it finds verify a signature only as "untrusted"
// unless Options.ExpectedIssuer (the user's --iss) equals that iss; a
// JWKS URL the user typed is trusted. It follows only https issuers and
// jwks_uris unless Options.AllowHTTP, and describes a fetched body that is
// no key material (kind, length) instead of quoting it.
//
// It links no Go RSA, ECDSA, Ed25519 or X.509 code, to keep the browser
// build small. Asymmetric signatures (RS*, PS*, ES*, EdDSA) are checked by
// an injected SigVerifier (Options.Verifier): WebCrypto in the browser
// (wasm/), gocrypto.New() (crypto/rsa, crypto/ecdsa, crypto/ed25519) in the
// CLI and the tests; without one they are "unsupported". HMAC (HS*), the
// weak-secret and algorithm-confusion checks are done here. Keys are
// PublicKey (jwk.PublicKey) values, JWK members as bytes, and the verifier's
// Check is asked at Load. The formats are read by sub-packages, one per
// specification, and turned into findings here:
//
//   - pkix: DER with encoding/asn1 (SubjectPublicKeyInfo, PKCS #1, PKCS #8,
//     SEC 1, the subject, issuer, validity and key of an X.509 certificate);
//     the PEM armour around it is read here (loadpem.go);
//   - jwk: JWK decoding, the JWS EC curves (an EC point is checked against
//     its curve's equation with math/big) and RFC 7638 thumbprints.
//   - discovery: the Fetcher interface, its Cache, the fetch errors, and
//     the issuer metadata (well-known URLs, issuer and jwks_uri); which
//     fetched keys are trusted, and the findings, are decided here.
//
// The differential tests check all of it, with gocrypto, against
// lestrrat-go/jwx, golang-jwt and crypto/x509, which only the tests link.
//
// Specifications:
//   - RFC 7515 JSON Web Signature (JWS), RFC 7797 (unencoded payload, b64)
//   - RFC 7517 JSON Web Key (JWK), RFC 7518 JSON Web Algorithms (JWA)
//   - RFC 7638 JWK Thumbprint, RFC 8037 (EdDSA / OKP keys), RFC 9864 (Ed25519 alg)
//   - RFC 8017 (RSASSA-PKCS1-v1_5, RSASSA-PSS, RSAPublicKey), RFC 8032 (Ed25519), SEC 1 (ECDSA, EC points)
//   - RFC 8414 OAuth 2.0 Authorization Server Metadata, OpenID Connect Discovery 1.0
//   - RFC 8725 JSON Web Token Best Current Practices
//   - RFC 7468 (PEM), RFC 5280 (X.509 certificates, SubjectPublicKeyInfo), RFC 4514 (names as strings)
//   - RFC 3279, RFC 5480, RFC 8410 (key algorithms in SubjectPublicKeyInfo), RFC 5208 and RFC 5958 (PKCS #8),
//     RFC 5915 (SEC 1 EC private keys)
package keys
