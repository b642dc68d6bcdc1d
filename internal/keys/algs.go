package keys

import (
	"crypto/sha256"
	"crypto/sha512"
	"hash"

	"github.com/authdebug/authdebug/internal/keys/jwk"
)

// Key types (RFC 7518 §6.1, RFC 8037 §2).
const (
	ktyRSA = jwk.KtyRSA
	ktyEC  = jwk.KtyEC
	ktyOKP = jwk.KtyOKP
	ktyOct = jwk.KtyOct
)

// scheme is the signature scheme of an algorithm, which says how verify.go
// checks it (verifySig: HMAC here, the rest by the injected SigVerifier).
type scheme uint8

const (
	schemeNone  scheme = iota // not implemented in this build (ES256K, Ed448)
	schemeHMAC                // RFC 7518 §3.2
	schemeRSA                 // RSASSA-PKCS1-v1_5, RFC 7518 §3.3
	schemePSS                 // RSASSA-PSS, RFC 7518 §3.5
	schemeECDSA               // RFC 7518 §3.4
	schemeEdDSA               // RFC 8037 §3.1
)

// algInfo describes one JWS algorithm (RFC 7518 §3.1, RFC 8037 §3.1,
// RFC 8812 §3.1 for ES256K, RFC 9864 for Ed25519).
type algInfo struct {
	name string
	// kty is the key type the algorithm needs; crv the curve for EC/OKP.
	kty string
	crv string
	// minBytes is the least HMAC key size (the hash output, RFC 7518
	// §3.2); minBits the least RSA modulus (RFC 7518 §3.3, §3.5).
	minBytes int
	minBits  int
	// scheme says how the signature is checked.
	scheme scheme
	// hash is the HMAC hash of an HS* algorithm, also used by the
	// weak-secret and algorithm-confusion checks.
	hash func() hash.Hash
	// hashSize is the size of the algorithm's hash in bytes: the salt
	// length of an RSASSA-PSS signature (RFC 7518 §3.5); checkPSS also
	// finds the salt length a signature used, to say so when only that
	// verifies.
	hashSize int
	ref      string
}

var algTable = map[string]algInfo{
	"HS256": {name: "HS256", kty: ktyOct, minBytes: 32, scheme: schemeHMAC, hashSize: 32, hash: sha256.New, ref: "RFC 7518 §3.2"},
	"HS384": {name: "HS384", kty: ktyOct, minBytes: 48, scheme: schemeHMAC, hashSize: 48, hash: sha512.New384, ref: "RFC 7518 §3.2"},
	"HS512": {name: "HS512", kty: ktyOct, minBytes: 64, scheme: schemeHMAC, hashSize: 64, hash: sha512.New, ref: "RFC 7518 §3.2"},
	"RS256": {name: "RS256", kty: ktyRSA, minBits: 2048, scheme: schemeRSA, hashSize: 32, ref: "RFC 7518 §3.3"},
	"RS384": {name: "RS384", kty: ktyRSA, minBits: 2048, scheme: schemeRSA, hashSize: 48, ref: "RFC 7518 §3.3"},
	"RS512": {name: "RS512", kty: ktyRSA, minBits: 2048, scheme: schemeRSA, hashSize: 64, ref: "RFC 7518 §3.3"},
	"PS256": {name: "PS256", kty: ktyRSA, minBits: 2048, scheme: schemePSS, hashSize: 32, ref: "RFC 7518 §3.5"},
	"PS384": {name: "PS384", kty: ktyRSA, minBits: 2048, scheme: schemePSS, hashSize: 48, ref: "RFC 7518 §3.5"},
	"PS512": {name: "PS512", kty: ktyRSA, minBits: 2048, scheme: schemePSS, hashSize: 64, ref: "RFC 7518 §3.5"},
	"ES256": {name: "ES256", kty: ktyEC, crv: "P-256", scheme: schemeECDSA, hashSize: 32, ref: "RFC 7518 §3.4"},
	"ES384": {name: "ES384", kty: ktyEC, crv: "P-384", scheme: schemeECDSA, hashSize: 48, ref: "RFC 7518 §3.4"},
	"ES512": {name: "ES512", kty: ktyEC, crv: "P-521", scheme: schemeECDSA, hashSize: 64, ref: "RFC 7518 §3.4"},
	// ES256K (secp256k1) is registered but this tool has no secp256k1
	// implementation (the standard library has none): always unsupported.
	"ES256K":  {name: "ES256K", kty: ktyEC, crv: "secp256k1", ref: "RFC 8812 §3.2"},
	"EdDSA":   {name: "EdDSA", kty: ktyOKP, crv: "Ed25519", scheme: schemeEdDSA, ref: "RFC 8037 §3.1"},
	"Ed25519": {name: "Ed25519", kty: ktyOKP, crv: "Ed25519", scheme: schemeEdDSA, ref: "RFC 9864 §2.2"},
	// Ed448 is registered but Go has no Ed448: always unsupported.
	"Ed448": {name: "Ed448", kty: ktyOKP, crv: "Ed448", ref: "RFC 9864 §2.2"},
}

// lookupAlg returns the algorithm's description; ok is false for anything
// that is not a registered JWS signature algorithm.
func lookupAlg(alg string) (algInfo, bool) {
	a, ok := algTable[alg]
	return a, ok
}

// supported reports whether this build can verify the algorithm.
func (a algInfo) supported() bool {
	return a.scheme != schemeNone
}

// needKey says in words which key would verify a token of this algorithm.
func (a algInfo) needKey() string {
	switch a.kty {
	case ktyOct:
		return "the shared secret the issuer signs with (at least " + itoa(a.minBytes) + " bytes for " + a.name + ")"
	case ktyRSA:
		return "an RSA public key (≥ 2048 bits)"
	case ktyEC:
		return "an EC " + a.crv + " public key"
	case ktyOKP:
		return "an " + a.crv + " public key (kty OKP)"
	}
	return "a key for " + a.name
}

// keyWord names the kind of key an algorithm needs, shortly ("an RSA key").
func (a algInfo) keyWord() string {
	switch a.kty {
	case ktyOct:
		return "a shared secret (oct)"
	case ktyRSA:
		return "an RSA key"
	case ktyEC:
		return "an EC " + a.crv + " key"
	case ktyOKP:
		return "an " + a.crv + " (OKP) key"
	}
	return "a key"
}
