//go:build js && wasm

package main

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"math/big"
	"testing"

	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
)

// The WebCrypto adapter (run here under Node's crypto.subtle, the same API
// as the browser's) must agree with the standard-library verifier on every
// algorithm, on good and tampered signatures, and refuse off-curve points.
func TestWebCryptoAgreesWithGoCrypto(t *testing.T) {
	ctx := context.Background()
	wc, gc := newWebCrypto(), gocrypto.New()
	input := []byte("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0")

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaPub := keys.PublicKey{Kty: "RSA", N: rsaKey.N.Bytes(), E: big.NewInt(int64(rsaKey.E)).Bytes()}
	_, edPriv, _ := ed25519.GenerateKey(rand.Reader)
	edPub := keys.PublicKey{Kty: "OKP", Crv: "Ed25519", X: edPriv.Public().(ed25519.PublicKey)}

	type tc struct {
		alg  string
		key  keys.PublicKey
		sig  []byte
		salt int
	}
	var cases []tc
	hashes := map[string]struct {
		h crypto.Hash
		f func() hash.Hash
	}{"256": {crypto.SHA256, sha256.New}, "384": {crypto.SHA384, sha512.New384}, "512": {crypto.SHA512, sha512.New}}
	for _, bits := range []string{"256", "384", "512"} {
		hh := hashes[bits]
		d := hh.f()
		d.Write(input)
		sum := d.Sum(nil)
		sig, _ := rsa.SignPKCS1v15(nil, rsaKey, hh.h, sum)
		cases = append(cases, tc{"RS" + bits, rsaPub, sig, 0})
		pss, _ := rsa.SignPSS(rand.Reader, rsaKey, hh.h, sum, &rsa.PSSOptions{SaltLength: hh.h.Size()})
		cases = append(cases, tc{"PS" + bits, rsaPub, pss, hh.h.Size()})
	}
	for alg, curve := range map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()} {
		k, err := ecdsa.GenerateKey(curve, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		size := (curve.Params().BitSize + 7) / 8
		d := hashes[alg[2:]].f()
		d.Write(input)
		r, s, err := ecdsa.Sign(rand.Reader, k, d.Sum(nil))
		if err != nil {
			t.Fatal(err)
		}
		sig := append(r.FillBytes(make([]byte, size)), s.FillBytes(make([]byte, size))...)
		pub := keys.PublicKey{Kty: "EC", Crv: curve.Params().Name, X: k.X.FillBytes(make([]byte, size)), Y: k.Y.FillBytes(make([]byte, size))}
		cases = append(cases, tc{alg, pub, sig, 0})
	}
	cases = append(cases, tc{"EdDSA", edPub, ed25519.Sign(edPriv, input), 0})

	for _, c := range cases {
		t.Run(c.alg, func(t *testing.T) {
			for _, variant := range []struct {
				name string
				sig  []byte
				want bool
			}{
				{"valid", c.sig, true},
				{"tampered", flip(c.sig), false},
			} {
				got, err := wc.Verify(ctx, c.alg, c.key, input, variant.sig, c.salt)
				if err != nil {
					t.Fatalf("%s: WebCrypto: %v", variant.name, err)
				}
				ref, err := gc.Verify(ctx, c.alg, c.key, input, variant.sig, c.salt)
				if err != nil {
					t.Fatalf("%s: gocrypto: %v", variant.name, err)
				}
				if got != variant.want || got != ref {
					t.Errorf("%s: WebCrypto %v, gocrypto %v, want %v", variant.name, got, ref, variant.want)
				}
			}
			if err := wc.Check(ctx, c.key); err != nil {
				t.Errorf("Check: %v", err)
			}
		})
	}

	t.Run("off-curve point", func(t *testing.T) {
		bad := keys.PublicKey{Kty: "EC", Crv: "P-256", X: make([]byte, 32), Y: make([]byte, 32)}
		bad.X[31], bad.Y[31] = 1, 1
		if err := wc.Check(ctx, bad); err == nil {
			t.Error("WebCrypto accepted a point off the curve")
		}
		if err := gc.Check(ctx, bad); err == nil {
			t.Error("gocrypto accepted a point off the curve")
		}
	})
	t.Run("wrong key type", func(t *testing.T) {
		if _, err := wc.Verify(ctx, "ES256", rsaPub, input, cases[0].sig, 0); err == nil {
			t.Error("ES256 with an RSA key did not error")
		}
	})
}

func flip(b []byte) []byte {
	c := append([]byte(nil), b...)
	c[len(c)/2] ^= 0x40
	return c
}
