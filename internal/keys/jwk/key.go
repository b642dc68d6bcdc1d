package jwk

import "math/big"

// Key types (RFC 7518 §6.1, RFC 8037 §2).
const (
	KtyRSA = "RSA"
	KtyEC  = "EC"
	KtyOKP = "OKP"
	KtyOct = "oct"
)

// PublicKey is asymmetric key material as JWK members carry it — no crypto types, so
// that the browser build links no Go RSA/ECDSA/Ed25519 code.
type PublicKey struct {
	Kty  string // "RSA", "EC", "OKP"
	N, E []byte // RSA modulus and public exponent, big-endian, no leading zero bytes
	Crv  string // EC: "P-256", "P-384", "P-521"; OKP: "Ed25519"
	X, Y []byte // EC: coordinates, each exactly the field size; OKP: the 32-byte public key in X
}

// trimZeros drops leading zero bytes (PublicKey.N and .E carry none).
func trimZeros(b []byte) []byte {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

// RSAPublicKey builds the PublicKey of an RSA modulus and exponent, which
// must be positive (the caller checks that they are usable).
func RSAPublicKey(n, e *big.Int) *PublicKey {
	return &PublicKey{Kty: KtyRSA, N: n.Bytes(), E: e.Bytes()}
}

// Bits is the size of a public key: the RSA modulus length, the EC
// curve's order size, 256 for Ed25519; 0 for anything else.
func Bits(k *PublicKey) int {
	switch k.Kty {
	case KtyRSA:
		return new(big.Int).SetBytes(k.N).BitLen()
	case KtyEC:
		if c, ok := curves[k.Crv]; ok {
			return c.bits
		}
	case KtyOKP:
		return 256
	}
	return 0
}
