package jwk

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"os"
	"testing"
)

// fixturePoint reads the EC public key of a fixture in ../testdata.
func fixturePoint(t *testing.T, name string) *PublicKey {
	t.Helper()
	b, err := os.ReadFile("../testdata/" + name + ".pub.pem")
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatal("no PEM")
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	ek := k.(*ecdsa.PublicKey)
	point, err := ek.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	size := (len(point) - 1) / 2
	return &PublicKey{Kty: KtyEC, Crv: ek.Curve.Params().Name, X: point[1 : 1+size], Y: point[1+size:]}
}

// TestOnCurve compares the engine's curve equation with crypto/ecdsa's
// point validation, on real keys, altered ones and coordinates ≥ p.
func TestOnCurve(t *testing.T) {
	// flip flips bit i%8 of byte i (i is below every curve's size).
	flip := func(b []byte, i int) []byte { out := bytes.Clone(b); out[i] ^= 1 << (i % 8); return out }
	for _, name := range []string{"p256", "p384", "p521"} {
		k := fixturePoint(t, name)
		c := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}[k.Crv]
		p := c.Params().P
		size := len(k.X)
		cases := map[string][2][]byte{
			"the key":       {k.X, k.Y},
			"y altered":     {k.X, flip(k.Y, 9)},
			"x altered":     {flip(k.X, 3), k.Y},
			"zero":          {make([]byte, size), make([]byte, size)},
			"x + p":         {new(big.Int).Add(new(big.Int).SetBytes(k.X), p).FillBytes(make([]byte, size+1))[1:], k.Y},
			"y = p":         {k.X, p.FillBytes(make([]byte, size))},
			"(x, p − y)":    {k.X, new(big.Int).Sub(p, new(big.Int).SetBytes(k.Y)).FillBytes(make([]byte, size))},
			"another key's": {fixturePoint(t, name).Y, k.X},
		}
		for what, xy := range cases {
			_, err := ecdsa.ParseUncompressedPublicKey(c, append(append([]byte{4}, xy[0]...), xy[1]...))
			if got := OnCurve(k.Crv, xy[0], xy[1]); got != (err == nil) {
				t.Errorf("%s %s: onCurve %v, crypto/ecdsa %v", name, what, got, err)
			}
		}
		if p.Cmp(func() *big.Int { v, _ := new(big.Int).SetString(curves[k.Crv].p, 16); return v }()) != 0 {
			t.Errorf("%s: p differs from crypto/elliptic's", k.Crv)
		}
		if b, _ := new(big.Int).SetString(curves[k.Crv].b, 16); b.Cmp(c.Params().B) != 0 {
			t.Errorf("%s: b differs from crypto/elliptic's", k.Crv)
		}
	}
	if OnCurve("P-224", nil, nil) {
		t.Error("an unknown curve")
	}
}
