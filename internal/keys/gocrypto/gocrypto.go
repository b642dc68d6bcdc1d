package gocrypto

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"math/big"

	"github.com/authdebug/authdebug/internal/keys"
)

// New returns the verifier. It is stateless and safe for concurrent use.
func New() keys.SigVerifier { return verifier{} }

type verifier struct{}

type scheme uint8

const (
	pkcs1v15 scheme = iota + 1
	pss
	ecdsaRS
	eddsa
)

type algSpec struct {
	scheme scheme
	kty    string
	crv    string
	hash   crypto.Hash
}

var algs = map[string]algSpec{
	"RS256": {pkcs1v15, "RSA", "", crypto.SHA256},
	"RS384": {pkcs1v15, "RSA", "", crypto.SHA384},
	"RS512": {pkcs1v15, "RSA", "", crypto.SHA512},
	"PS256": {pss, "RSA", "", crypto.SHA256},
	"PS384": {pss, "RSA", "", crypto.SHA384},
	"PS512": {pss, "RSA", "", crypto.SHA512},
	"ES256": {ecdsaRS, "EC", "P-256", crypto.SHA256},
	"ES384": {ecdsaRS, "EC", "P-384", crypto.SHA384},
	"ES512": {ecdsaRS, "EC", "P-521", crypto.SHA512},
	"EdDSA": {eddsa, "OKP", "Ed25519", 0},
}

var curves = map[string]func() elliptic.Curve{
	"P-256": elliptic.P256,
	"P-384": elliptic.P384,
	"P-521": elliptic.P521,
}

// Check validates k as Go's crypto would use it: an RSA key crypto/rsa
// accepts (odd modulus of 1024 to 16384 bits, odd exponent from 3 to
// 2³¹−1), an EC point on its curve (SEC 1 §3.2.2.1, by
// ecdsa.ParseUncompressedPublicKey), a 32-byte Ed25519 key.
func (verifier) Check(_ context.Context, k keys.PublicKey) error {
	var err error
	switch k.Kty {
	case "RSA":
		_, err = rsaKey(k)
	case "EC":
		_, err = ecKey(k)
	case "OKP":
		_, err = edKey(k)
	default:
		err = fmt.Errorf("%w: kty %q is not RSA, EC or OKP", ErrInvalidKey, k.Kty)
	}
	return err
}

// Verify checks one JWS signature (RFC 7515 §5.2 step 8).
func (verifier) Verify(_ context.Context, alg string, k keys.PublicKey, input, sig []byte, saltLen int) (bool, error) {
	spec, ok := algs[alg]
	if !ok {
		return false, fmt.Errorf("%w: %q", ErrUnsupportedAlg, alg)
	}
	if k.Kty != spec.kty || (spec.crv != "" && k.Crv != spec.crv) {
		return false, fmt.Errorf("%w: %s needs kty %s %s, not %s %s", ErrKeyMismatch, alg, spec.kty, spec.crv, k.Kty, k.Crv)
	}
	switch spec.scheme {
	case pkcs1v15:
		pub, err := rsaKey(k)
		if err != nil {
			return false, err
		}
		return rsa.VerifyPKCS1v15(pub, spec.hash, digest(spec.hash, input), sig) == nil, nil
	case pss:
		pub, err := rsaKey(k)
		if err != nil {
			return false, err
		}
		if saltLen < 0 {
			return false, fmt.Errorf("%w: negative RSA-PSS salt length %d", ErrUnsupportedAlg, saltLen)
		}
		if saltLen == 0 {
			// crypto/rsa reads SaltLength 0 as "any length": pin it to
			// zero by reading the salt length from the signature.
			n, found := keys.PSSSaltLength(alg, k, sig)
			if !found || n != 0 {
				return false, nil
			}
			saltLen = rsa.PSSSaltLengthAuto
		}
		return rsa.VerifyPSS(pub, spec.hash, digest(spec.hash, input), sig, &rsa.PSSOptions{SaltLength: saltLen}) == nil, nil
	case ecdsaRS:
		pub, err := ecKey(k)
		if err != nil {
			return false, err
		}
		// R||S, each exactly the curve's size (RFC 7518 §3.4), both in
		// [1, n−1] (SEC 1 §4.1.4 step 1).
		size := len(k.X)
		if len(sig) != 2*size {
			return false, nil
		}
		order := pub.Curve.Params().N
		r := new(big.Int).SetBytes(sig[:size])
		s := new(big.Int).SetBytes(sig[size:])
		if r.Sign() == 0 || s.Sign() == 0 || r.Cmp(order) >= 0 || s.Cmp(order) >= 0 {
			return false, nil
		}
		return ecdsa.Verify(pub, digest(spec.hash, input), r, s), nil
	case eddsa:
		pub, err := edKey(k)
		if err != nil {
			return false, err
		}
		return ed25519.Verify(pub, input, sig), nil
	}
	return false, fmt.Errorf("%w: %q", ErrUnsupportedAlg, alg)
}

func digest(h crypto.Hash, input []byte) []byte {
	switch h {
	case crypto.SHA256:
		d := sha256.Sum256(input)
		return d[:]
	case crypto.SHA384:
		d := sha512.Sum384(input)
		return d[:]
	}
	d := sha512.Sum512(input)
	return d[:]
}

func rsaKey(k keys.PublicKey) (*rsa.PublicKey, error) {
	n := new(big.Int).SetBytes(k.N)
	e := new(big.Int).SetBytes(k.E)
	switch {
	case n.Sign() == 0:
		return nil, fmt.Errorf("%w: the RSA modulus is empty", ErrInvalidKey)
	case n.BitLen() < 1024:
		return nil, fmt.Errorf("%w: the RSA modulus is %d bits, and Go's crypto/rsa refuses keys under 1024 bits", ErrInvalidKey, n.BitLen())
	case n.BitLen() > 16384:
		return nil, fmt.Errorf("%w: the RSA modulus is %d bits, over 16384", ErrInvalidKey, n.BitLen())
	case n.Bit(0) == 0:
		return nil, fmt.Errorf("%w: the RSA modulus is even", ErrInvalidKey)
	case e.BitLen() > 31 || e.Int64() < 3:
		return nil, fmt.Errorf("%w: the RSA public exponent is outside 3 to 2³¹−1", ErrInvalidKey)
	case e.Bit(0) == 0:
		return nil, fmt.Errorf("%w: the RSA public exponent is even", ErrInvalidKey)
	}
	return &rsa.PublicKey{N: n, E: int(e.Int64())}, nil
}

func ecKey(k keys.PublicKey) (*ecdsa.PublicKey, error) {
	curve, ok := curves[k.Crv]
	if !ok {
		return nil, fmt.Errorf("%w: the curve %q is not P-256, P-384 or P-521", ErrInvalidKey, k.Crv)
	}
	c := curve()
	size := (c.Params().BitSize + 7) / 8
	if len(k.X) != size || len(k.Y) != size {
		return nil, fmt.Errorf("%w: %s coordinates are %d bytes, these are %d and %d", ErrInvalidKey, k.Crv, size, len(k.X), len(k.Y))
	}
	point := make([]byte, 0, 1+2*size)
	point = append(append(append(point, 4), k.X...), k.Y...)
	pub, err := ecdsa.ParseUncompressedPublicKey(c, point)
	if err != nil {
		return nil, fmt.Errorf("%w: the point is not on %s (%v)", ErrInvalidKey, k.Crv, err)
	}
	return pub, nil
}

func edKey(k keys.PublicKey) (ed25519.PublicKey, error) {
	if k.Crv != "Ed25519" {
		return nil, fmt.Errorf("%w: the OKP curve %q is not Ed25519", ErrInvalidKey, k.Crv)
	}
	if len(k.X) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: an Ed25519 key is 32 bytes, this one is %d", ErrInvalidKey, len(k.X))
	}
	return ed25519.PublicKey(k.X), nil
}
