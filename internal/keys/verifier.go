package keys

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"math/big"

	"github.com/authdebug/authdebug/internal/keys/jwk"
)

// PublicKey is asymmetric key material as JWK members carry it (no crypto
// types): jwk.PublicKey, named here as what a SigVerifier checks.
type PublicKey = jwk.PublicKey

// SigVerifier checks asymmetric JWS signatures and validates public keys. It is
// injected (Options.Verifier): the browser passes one built on WebCrypto (wasm/), the
// CLI and the tests gocrypto.New(). HMAC (HS*) is not its business: the engine does it.
type SigVerifier interface {
	// Check returns nil when k is usable for signature checks (an EC point on its curve,
	// an RSA key the platform accepts), else an error saying why in one sentence.
	Check(ctx context.Context, k PublicKey) error
	// Verify reports whether sig is a valid alg signature of input under k. alg is one of
	// RS256 RS384 RS512, PS256 PS384 PS512 (RSA-PSS with MGF1 of the same hash and a salt
	// of saltLen bytes), ES256 ES384 ES512 (sig is R||S, each exactly the curve's size),
	// EdDSA (Ed25519). saltLen is ignored for other algs. A non-nil error means the check
	// could not be made (unsupported alg or key, platform failure), not that it failed.
	Verify(ctx context.Context, alg string, k PublicKey, input, sig []byte, saltLen int) (bool, error)
}

// verifierAlg is the alg name the SigVerifier contract uses: RFC 9864's
// fully specified "Ed25519" is checked as EdDSA.
func verifierAlg(a algInfo) string {
	if a.scheme == schemeEdDSA {
		return "EdDSA"
	}
	return a.name
}

// verifySig reports whether sig is a valid JWS signature of the signing
// input under the algorithm a (RFC 7515 §5.2 step 8): HMAC with secret for
// HS* (RFC 2104, compared in constant time, RFC 7518 §3.2), else the
// injected verifier with pub, which must fit the algorithm (kty and curve).
// saltLen is the RSASSA-PSS salt length (the hash size, RFC 7518 §3.5,
// unless checking what else the signature used). err is non-nil when the
// check could not be made: no verifier in this build, or the verifier
// failed. It never panics, whatever the bytes.
func verifySig(ctx context.Context, v SigVerifier, a algInfo, secret []byte, pub *PublicKey, input, sig []byte, saltLen int) (bool, error) {
	switch a.scheme {
	case schemeHMAC:
		if len(secret) == 0 || a.hash == nil {
			return false, nil
		}
		m := hmac.New(a.hash, secret)
		m.Write(input)
		return hmac.Equal(m.Sum(nil), sig), nil
	case schemeNone:
		return false, ErrNoVerifier
	}
	if pub == nil || pub.Kty != a.kty || (a.crv != "" && pub.Crv != a.crv) {
		return false, nil
	}
	if v == nil {
		return false, ErrNoVerifier
	}
	return v.Verify(ctx, verifierAlg(a), *pub, input, sig, saltLen)
}

// pssHash returns the hash function of a PS* algorithm.
func pssHash(alg string) (func() hash.Hash, int) {
	switch alg {
	case "PS256":
		return sha256.New, sha256.Size
	case "PS384":
		return sha512.New384, sha512.Size384
	case "PS512":
		return sha512.New, sha512.Size
	}
	return nil, 0
}

// PSSSaltLength returns the salt length an RSASSA-PSS signature under the
// PS* algorithm alg and the RSA key k was made with, by opening the
// encoded message (RFC 8017 §8.1.2 step 2, §9.1.2 steps 4-10): ok is false
// when sig is no PSS encoding under k with alg's hash and MGF1. It does not
// verify the signature (the message hash is not compared); the engine
// uses it to tell a signature that only a lenient verifier accepts (a salt
// length other than the hash size, RFC 7518 §3.5), and a SigVerifier may
// use it to check a salt length that its platform cannot pin (Go's
// crypto/rsa reads a salt length of 0 as "any").
func PSSSaltLength(alg string, k PublicKey, sig []byte) (saltLen int, ok bool) {
	newHash, hLen := pssHash(alg)
	if newHash == nil || k.Kty != ktyRSA {
		return 0, false
	}
	n := new(big.Int).SetBytes(k.N)
	e := new(big.Int).SetBytes(k.E)
	modBits := n.BitLen()
	// Bounds as checkRSA's (a hostile key must not make this slow).
	if modBits < 512 || modBits > 16384 || e.Sign() <= 0 || e.BitLen() > 31 || len(sig) != (modBits+7)/8 {
		return 0, false
	}
	s := new(big.Int).SetBytes(sig)
	if s.Cmp(n) >= 0 {
		return 0, false
	}
	m := new(big.Int).Exp(s, e, n)
	emBits := modBits - 1
	emLen := (emBits + 7) / 8
	if m.BitLen() > emBits || emLen < hLen+2 {
		return 0, false
	}
	em := m.FillBytes(make([]byte, emLen))
	if em[emLen-1] != 0xbc {
		return 0, false
	}
	db := em[:emLen-hLen-1]
	h := em[emLen-hLen-1 : emLen-1]
	unused := uint(8*emLen - emBits)
	if db[0]>>(8-unused) != 0 {
		return 0, false
	}
	mgf1XOR(db, newHash, h)
	db[0] &= 0xff >> unused
	i := 0
	for i < len(db) && db[i] == 0 {
		i++
	}
	if i == len(db) || db[i] != 0x01 {
		return 0, false
	}
	return len(db) - i - 1, true
}

// mgf1XOR XORs out with MGF1 of seed (RFC 8017 §B.2.1).
func mgf1XOR(out []byte, newHash func() hash.Hash, seed []byte) {
	var counter [4]byte
	done := 0
	for done < len(out) {
		h := newHash()
		h.Write(seed)
		h.Write(counter[:])
		sum := h.Sum(nil)
		for i := 0; i < len(sum) && done < len(out); i++ {
			out[done] ^= sum[i]
			done++
		}
		for j := 3; j >= 0; j-- {
			counter[j]++
			if counter[j] != 0 {
				break
			}
		}
	}
}
