// Package jwk reads JSON Web Keys for the keys engine: the structural
// checks and decoding of one JWK (Decode), the members each key type
// requires, the elements of a JWK Set, the JWS EC curves (sizes and the
// on-curve check), and RFC 7638 thumbprints (Thumbprint, PublicJSON).
//
// Keys are PublicKey values, the JWK members as bytes, with no Go crypto
// types, so that the browser build links no RSA, ECDSA or Ed25519 code.
// Findings about a key (which need the loader's context: where the key
// came from, whether evidence may be quoted) are written by package keys;
// Decode returns a Defect, the finding's text.
//
// Specifications:
//   - RFC 7517 JSON Web Key (JWK) §4 and §5 (JWK Set)
//   - RFC 7518 JSON Web Algorithms (JWA) §6 (key types and members)
//   - RFC 7638 JWK Thumbprint
//   - RFC 8037 (OKP keys: Ed25519, Ed448, X25519, X448)
//   - SEC 1 §3.2.2 (EC public key validation), SEC 2 and FIPS 186-5 (curve parameters)
package jwk
