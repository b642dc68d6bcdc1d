package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rsa"
	"math/big"
)

// verifySig reports whether sig is a valid JWS signature of the signing
// input under the algorithm a with key (RFC 7515 §5.2 step 8). key is the
// secret ([]byte) for HS*, *rsa.PublicKey for RS* and PS*,
// *ecdsa.PublicKey for ES*, ed25519.PublicKey for EdDSA; any other
// combination is false. It never panics, whatever the bytes.
//
//   - HS*: HMAC (RFC 2104) with the hash, compared in constant time
//     (RFC 7518 §3.2).
//   - RS*: RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2; RFC 7518 §3.3).
//   - PS*: RSASSA-PSS with MGF1 and the same hash, salt as long as the hash
//     (RFC 7518 §3.5).
//   - ES*: ECDSA where the signature is R||S, each exactly the curve's size
//     in bytes (32, 48, 66): no DER, no other length (RFC 7518 §3.4).
//   - EdDSA: Ed25519 (RFC 8032 §5.1.7; RFC 8037 §3.1).
func verifySig(a algInfo, key any, input, sig []byte) bool {
	switch a.scheme {
	case schemeHMAC:
		k, ok := key.([]byte)
		if !ok || len(k) == 0 || a.hash == nil {
			return false
		}
		m := hmac.New(a.hash, k)
		m.Write(input)
		return hmac.Equal(m.Sum(nil), sig)
	case schemeRSA:
		pub, ok := key.(*rsa.PublicKey)
		if !ok || pub == nil || pub.N == nil {
			return false
		}
		return rsa.VerifyPKCS1v15(pub, a.digest, digestOf(a.digest, input), sig) == nil
	case schemePSS:
		pub, ok := key.(*rsa.PublicKey)
		if !ok || pub == nil || pub.N == nil {
			return false
		}
		return verifyPSS(pub, a.digest, digestOf(a.digest, input), sig, rsa.PSSSaltLengthEqualsHash)
	case schemeECDSA:
		pub, ok := key.(*ecdsa.PublicKey)
		if !ok || pub == nil || pub.Curve == nil || curveName(pub.Curve) != a.crv {
			return false
		}
		r, s, ok := splitECDSA(pub, sig)
		if !ok {
			return false
		}
		return ecdsa.Verify(pub, digestOf(a.digest, input), r, s)
	case schemeEdDSA:
		pub, ok := key.(ed25519.PublicKey)
		if !ok || len(pub) != ed25519.PublicKeySize {
			return false // ed25519.Verify panics on another key length
		}
		return ed25519.Verify(pub, input, sig)
	}
	return false
}

// digestOf hashes the signing input.
func digestOf(h crypto.Hash, input []byte) []byte {
	d := h.New()
	d.Write(input)
	return d.Sum(nil)
}

// verifyPSS checks an RSASSA-PSS signature with the given salt length
// (rsa.PSSSaltLengthEqualsHash as RFC 7518 §3.5 requires, or
// rsa.PSSSaltLengthAuto to learn whether another salt length was used).
func verifyPSS(pub *rsa.PublicKey, h crypto.Hash, digest, sig []byte, salt int) bool {
	return rsa.VerifyPSS(pub, h, digest, sig, &rsa.PSSOptions{SaltLength: salt}) == nil
}

// splitECDSA reads a JWS ECDSA signature, R||S with each half exactly the
// curve's byte size (RFC 7518 §3.4), and refuses halves that are zero or
// not below the group order (SEC 1 §4.1.4 step 1).
func splitECDSA(pub *ecdsa.PublicKey, sig []byte) (r, s *big.Int, ok bool) {
	p := pub.Curve.Params()
	size := (p.BitSize + 7) / 8
	if len(sig) != 2*size {
		return nil, nil, false
	}
	r = new(big.Int).SetBytes(sig[:size])
	s = new(big.Int).SetBytes(sig[size:])
	if r.Sign() == 0 || s.Sign() == 0 || r.Cmp(p.N) >= 0 || s.Cmp(p.N) >= 0 {
		return nil, nil, false
	}
	return r, s, true
}
