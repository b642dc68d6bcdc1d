package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"math/big"
	"testing"

	"github.com/authdebug/authdebug/internal/keys/jwk"
)

// testVerifier is gocrypto.New(), set by verifier_ext_test.go (an external
// test file: gocrypto imports keys, so this package's tests cannot import
// it). Tests pass it as Options.Verifier.
var testVerifier SigVerifier

// SetTestVerifier injects the tests' verifier. It exists only in the test
// binary.
func SetTestVerifier(v SigVerifier) { testVerifier = v }

func TestVerifierInjected(t *testing.T) {
	if testVerifier == nil {
		t.Fatal("the tests run without gocrypto: verifier_ext_test.go did not set it")
	}
}

// toPublicKey converts a Go public key (as the fixtures and the oracles
// hold them) to the PublicKey the engine and verifiers use; nil for
// anything else, and for a nil key.
func toPublicKey(k any) *PublicKey {
	switch k := k.(type) {
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return nil
		}
		return jwk.RSAPublicKey(k.N, big.NewInt(int64(k.E)))
	case *ecdsa.PublicKey:
		if k == nil || k.Curve == nil {
			return nil
		}
		pt, err := k.Bytes()
		if err != nil {
			return nil
		}
		size := (len(pt) - 1) / 2
		return &PublicKey{Kty: ktyEC, Crv: k.Curve.Params().Name, X: pt[1 : 1+size], Y: pt[1+size:]}
	case ed25519.PublicKey:
		return &PublicKey{Kty: ktyOKP, Crv: "Ed25519", X: []byte(k)}
	}
	return nil
}

// toCrypto converts a PublicKey back to Go's types, for comparing with the
// oracles' keys.
func toCrypto(t testing.TB, k *PublicKey) any {
	t.Helper()
	switch k.Kty {
	case ktyRSA:
		return &rsa.PublicKey{N: new(big.Int).SetBytes(k.N), E: int(new(big.Int).SetBytes(k.E).Int64())}
	case ktyEC:
		c, ok := map[string]func() elliptic.Curve{"P-256": elliptic.P256, "P-384": elliptic.P384, "P-521": elliptic.P521}[k.Crv]
		if !ok {
			t.Fatalf("curve %q", k.Crv)
		}
		pub, err := ecdsa.ParseUncompressedPublicKey(c(), append(append([]byte{4}, k.X...), k.Y...))
		if err != nil {
			t.Fatal(err)
		}
		return pub
	case ktyOKP:
		return ed25519.PublicKey(k.X)
	}
	t.Fatalf("kty %q", k.Kty)
	return nil
}

// pubOf is the PublicKey of a fixture.
func pubOf(t testing.TB, name string) *PublicKey {
	t.Helper()
	k := toPublicKey(privKey(t, name).Public())
	if k == nil {
		t.Fatal(name)
	}
	return k
}
