// Package dpop checks a DPoP proof (RFC 9449, OAuth 2.0 Demonstrating Proof
// of Possession) against the request that carried it, the way a resource
// server or token endpoint does (RFC 9449 §4.3): one DPoP header holding a
// JWT with typ dpop+jwt, an asymmetric alg, the public key in its jwk header
// (no private members), a signature that verifies with that key, the claims
// jti, htm, htu and iat, htm and htu matching the request's method and URI
// (query and fragment ignored), an iat close to the server's time, and, when
// an access token is presented with the DPoP scheme, ath equal to the
// base64url SHA-256 of that token (§4.2) and the key's RFC 7638 thumbprint
// equal to the token's cnf.jkt (§6.1). It also names a request that uses
// the DPoP authorization scheme without any proof (§7.1).
//
// Every problem is a request.dpop_proof finding; a proof that passes every
// check gets one info finding. The signature check is injected (Input.Verify)
// and so is the reference time (Input.ServerTime): the package reads no
// clock and links no crypto of its own beyond SHA-256.
package dpop
