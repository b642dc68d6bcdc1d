package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"math/big"
	"testing"
)

// TestVerifySigOddKeys: verifySig is false, never a panic, for keys that
// are empty, half-built, of another type or on another curve, and for
// algorithms it cannot check.
func TestVerifySigOddKeys(t *testing.T) {
	p256 := privKey(t, "p256").Public().(*ecdsa.PublicKey)
	keys := []struct {
		name string
		key  any
	}{
		{"nil", nil},
		{"empty secret", []byte{}},
		{"nil secret", []byte(nil)},
		{"RSA without modulus", &rsa.PublicKey{E: 65537}},
		{"RSA zero modulus", &rsa.PublicKey{N: big.NewInt(0), E: 0}},
		{"nil *rsa.PublicKey", (*rsa.PublicKey)(nil)},
		{"EC without curve", &ecdsa.PublicKey{}},
		{"nil *ecdsa.PublicKey", (*ecdsa.PublicKey)(nil)},
		{"EC on P-224", &ecdsa.PublicKey{Curve: elliptic.P224(), X: big.NewInt(1), Y: big.NewInt(1)}},
		{"P-256 key for every alg", p256},
		{"Ed25519 empty", ed25519.PublicKey(nil)},
		{"Ed25519 33 bytes", make(ed25519.PublicKey, 33)},
		{"a string", "secret"},
	}
	sigs := [][]byte{nil, {0}, make([]byte, 64), make([]byte, 96), make([]byte, 132), make([]byte, 256)}
	for name, a := range algTable {
		for _, k := range keys {
			for _, sig := range sigs {
				if a.name == "ES256" && k.key == p256 && len(sig) == 64 {
					continue // the one combination where the key fits: still false, checked below
				}
				if verifySig(a, k.key, []byte("e30.e30"), sig) {
					t.Errorf("%s with %s and a %d-byte signature verified", name, k.name, len(sig))
				}
			}
		}
	}
	if verifySig(algTable["ES256"], p256, []byte("e30.e30"), make([]byte, 64)) {
		t.Error("all-zero ES256 signature verified")
	}
	if verifySig(algTable["Ed448"], make(ed25519.PublicKey, 32), nil, make([]byte, 64)) || verifySig(algTable["ES256K"], p256, nil, make([]byte, 64)) {
		t.Error("an unsupported algorithm verified")
	}
}
