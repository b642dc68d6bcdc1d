package gocrypto_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
)

// signer is a private key of the keys package's fixtures (../testdata).
func signer(t testing.TB, name string) crypto.Signer {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name+".key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(crypto.Signer)
}

func publicKey(t testing.TB, pub crypto.PublicKey) keys.PublicKey {
	t.Helper()
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return keys.PublicKey{Kty: "RSA", N: k.N.Bytes(), E: big.NewInt(int64(k.E)).Bytes()}
	case *ecdsa.PublicKey:
		b, err := k.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		n := (len(b) - 1) / 2
		return keys.PublicKey{Kty: "EC", Crv: k.Curve.Params().Name, X: b[1 : 1+n], Y: b[1+n:]}
	case ed25519.PublicKey:
		return keys.PublicKey{Kty: "OKP", Crv: "Ed25519", X: k}
	}
	t.Fatalf("%T", pub)
	return keys.PublicKey{}
}

func digest(h crypto.Hash, b []byte) []byte {
	d := h.New()
	d.Write(b)
	return d.Sum(nil)
}

var hashes = map[string]crypto.Hash{"256": crypto.SHA256, "384": crypto.SHA384, "512": crypto.SHA512}

// jwsSign signs input as the JWS alg does.
func jwsSign(t testing.TB, alg string, k crypto.Signer, input []byte) []byte {
	t.Helper()
	var sig []byte
	var err error
	switch alg[:2] {
	case "RS":
		sig, err = rsa.SignPKCS1v15(nil, k.(*rsa.PrivateKey), hashes[alg[2:]], digest(hashes[alg[2:]], input))
	case "PS":
		h := hashes[alg[2:]]
		sig, err = rsa.SignPSS(rand.Reader, k.(*rsa.PrivateKey), h, digest(h, input), &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	case "ES":
		var r, s *big.Int
		r, s, err = ecdsa.Sign(rand.Reader, k.(*ecdsa.PrivateKey), digest(hashes[alg[2:]], input))
		size := (k.Public().(*ecdsa.PublicKey).Curve.Params().BitSize + 7) / 8
		sig = append(r.FillBytes(make([]byte, size)), s.FillBytes(make([]byte, size))...)
	default:
		sig = ed25519.Sign(k.(ed25519.PrivateKey), input)
	}
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func TestVerify(t *testing.T) {
	ctx := context.Background()
	v := gocrypto.New()
	fixtureOf := map[string]string{"RS": "rsa2048-a", "PS": "rsa2048-a", "ES256": "p256", "ES384": "p384", "ES512": "p521", "EdDSA": "ed25519"}
	other := map[string]string{"rsa2048-a": "rsa2048-b", "p256": "p384", "p384": "p521", "p521": "p256", "ed25519": "p256"}
	input := []byte("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9")
	for _, alg := range []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"} {
		t.Run(alg, func(t *testing.T) {
			f := fixtureOf[alg]
			if f == "" {
				f = fixtureOf[alg[:2]]
			}
			k := signer(t, f)
			pub := publicKey(t, k.Public())
			sig := jwsSign(t, alg, k, input)
			salt := 0
			if alg[:2] == "PS" {
				salt = hashes[alg[2:]].Size()
			}
			if ok, err := v.Verify(ctx, alg, pub, input, sig, salt); !ok || err != nil {
				t.Fatalf("valid signature: %v %v", ok, err)
			}
			if err := v.Check(ctx, pub); err != nil {
				t.Errorf("Check: %v", err)
			}
			tampered := append([]byte(nil), sig...)
			tampered[len(tampered)/2] ^= 1
			for what, c := range map[string][2][]byte{
				"tampered signature": {input, tampered},
				"other input":        {append(input, 'x'), sig},
				"short signature":    {input, sig[:len(sig)-1]},
				"empty signature":    {input, nil},
			} {
				if ok, err := v.Verify(ctx, alg, pub, c[0], c[1], salt); ok || err != nil {
					t.Errorf("%s: %v %v", what, ok, err)
				}
			}
			otherPub := publicKey(t, signer(t, other[f]).Public())
			ok, err := v.Verify(ctx, alg, otherPub, input, sig, salt)
			if ok || (otherPub.Kty == pub.Kty && otherPub.Crv == pub.Crv) != (err == nil) || (err != nil && !errors.Is(err, gocrypto.ErrKeyMismatch)) {
				t.Errorf("other key: %v %v", ok, err)
			}
		})
	}
	if _, err := v.Verify(ctx, "HS256", keys.PublicKey{}, nil, nil, 0); !errors.Is(err, gocrypto.ErrUnsupportedAlg) {
		t.Errorf("HS256: %v", err)
	}
	if _, err := v.Verify(ctx, "Ed25519", publicKey(t, signer(t, "ed25519").Public()), nil, nil, 0); !errors.Is(err, gocrypto.ErrUnsupportedAlg) {
		t.Errorf("Ed25519 is passed as EdDSA: %v", err)
	}
}

// TestPSSSaltLength: Verify accepts exactly the salt length it is given,
// 0 included (which crypto/rsa alone reads as "any").
func TestPSSSaltLength(t *testing.T) {
	ctx := context.Background()
	v := gocrypto.New()
	k := signer(t, "rsa2048-a").(*rsa.PrivateKey)
	pub := publicKey(t, k.Public())
	input := []byte("a.b")
	d := sha256.Sum256(input)
	sigs := map[int][]byte{}
	for _, salt := range []int{1, 20, 32, 256 - 32 - 2} {
		s, err := rsa.SignPSS(rand.Reader, k, crypto.SHA256, d[:], &rsa.PSSOptions{SaltLength: salt})
		if err != nil {
			t.Fatal(err)
		}
		sigs[salt] = s
	}
	// A salt of 0 bytes, by hand (crypto/rsa signs SaltLength 0 as "auto").
	sigs[0] = pssZeroSalt(t, k, d[:])
	for made, sig := range sigs {
		for _, asked := range []int{0, 1, 20, 32, 256 - 32 - 2} {
			ok, err := v.Verify(ctx, "PS256", pub, input, sig, asked)
			if err != nil || ok != (made == asked) {
				t.Errorf("made with %d, checked with %d: %v %v", made, asked, ok, err)
			}
		}
	}
	if _, err := v.Verify(ctx, "PS256", pub, input, sigs[32], -1); err == nil {
		t.Error("a negative salt length is not an error")
	}
}

// pssZeroSalt signs an RSASSA-PSS SHA-256 digest with an empty salt (RFC
// 8017 §9.1.1) using the raw RSA operation.
func pssZeroSalt(t *testing.T, k *rsa.PrivateKey, mHash []byte) []byte {
	t.Helper()
	emBits := k.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	h := sha256.New()
	h.Write(make([]byte, 8))
	h.Write(mHash)
	H := h.Sum(nil)
	db := make([]byte, emLen-len(H)-1)
	db[len(db)-1] = 1
	// MGF1-SHA256
	mask := make([]byte, 0, len(db))
	for c := uint32(0); len(mask) < len(db); c++ {
		g := sha256.New()
		g.Write(H)
		g.Write([]byte{byte(c >> 24), byte(c >> 16), byte(c >> 8), byte(c)})
		mask = g.Sum(mask)
	}
	for i := range db {
		db[i] ^= mask[i]
	}
	db[0] &= 0xff >> (8*emLen - emBits)
	em := append(append(db, H...), 0xbc)
	m := new(big.Int).SetBytes(em)
	s := new(big.Int).Exp(m, k.D, k.N)
	return s.FillBytes(make([]byte, (k.N.BitLen()+7)/8))
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	v := gocrypto.New()
	p256 := publicKey(t, signer(t, "p256").Public())
	rsaKey := publicKey(t, signer(t, "rsa2048-a").Public())
	cases := []struct {
		name string
		k    keys.PublicKey
		ok   bool
	}{
		{"P-256", p256, true},
		{"RSA 2048", rsaKey, true},
		{"RSA 1024", publicKey(t, signer(t, "rsa1024").Public()), true},
		{"Ed25519", publicKey(t, signer(t, "ed25519").Public()), true},
		{"EC y altered", keys.PublicKey{Kty: "EC", Crv: "P-256", X: p256.X, Y: append(append([]byte(nil), p256.Y[:31]...), p256.Y[31]^1)}, false},
		{"EC short x", keys.PublicKey{Kty: "EC", Crv: "P-256", X: p256.X[1:], Y: p256.Y}, false},
		{"EC P-224", keys.PublicKey{Kty: "EC", Crv: "P-224", X: make([]byte, 28), Y: make([]byte, 28)}, false},
		{"RSA empty", keys.PublicKey{Kty: "RSA"}, false},
		{"RSA 512 bits", keys.PublicKey{Kty: "RSA", N: rsaKey.N[:64], E: rsaKey.E}, false},
		{"RSA even modulus", keys.PublicKey{Kty: "RSA", N: append(append([]byte(nil), rsaKey.N[:255]...), 2), E: rsaKey.E}, false},
		{"RSA e = 1", keys.PublicKey{Kty: "RSA", N: rsaKey.N, E: []byte{1}}, false},
		{"RSA e even", keys.PublicKey{Kty: "RSA", N: rsaKey.N, E: []byte{1, 0, 0}}, false},
		{"RSA e of 40 bits", keys.PublicKey{Kty: "RSA", N: rsaKey.N, E: []byte{1, 0, 0, 0, 1}}, false},
		{"Ed25519 31 bytes", keys.PublicKey{Kty: "OKP", Crv: "Ed25519", X: make([]byte, 31)}, false},
		{"X25519", keys.PublicKey{Kty: "OKP", Crv: "X25519", X: make([]byte, 32)}, false},
		{"oct", keys.PublicKey{Kty: "oct"}, false},
	}
	for _, c := range cases {
		err := v.Check(ctx, c.k)
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, gocrypto.ErrInvalidKey)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestOddInputs: never a panic, never true, for odd keys and signatures
// under every algorithm.
func TestOddInputs(t *testing.T) {
	ctx := context.Background()
	v := gocrypto.New()
	p256 := publicKey(t, signer(t, "p256").Public())
	oddKeys := []keys.PublicKey{
		{}, {Kty: "RSA"}, {Kty: "RSA", N: []byte{0}, E: []byte{0}}, {Kty: "EC"}, {Kty: "EC", Crv: "P-256"},
		{Kty: "EC", Crv: "P-256", X: p256.X, Y: p256.X}, {Kty: "OKP"}, {Kty: "OKP", Crv: "Ed25519", X: make([]byte, 33)}, p256,
	}
	sigs := [][]byte{nil, {0}, make([]byte, 64), make([]byte, 132), make([]byte, 256)}
	order := elliptic.P256().Params().N
	sigs = append(sigs, append(order.FillBytes(make([]byte, 32)), order.FillBytes(make([]byte, 32))...))
	for _, alg := range []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "ES256K", "Ed448", "none", ""} {
		for _, k := range oddKeys {
			for _, sig := range sigs {
				for _, salt := range []int{-1, 0, 32, 1 << 20} {
					if ok, _ := v.Verify(ctx, alg, k, []byte("x.y"), sig, salt); ok {
						t.Errorf("%s %+v %d bytes: verified", alg, k, len(sig))
					}
				}
			}
		}
	}
}
