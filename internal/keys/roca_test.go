package keys

import (
	"crypto/rsa"
	"encoding/base64"
	"math/big"
	"testing"
)

func TestROCA(t *testing.T) {
	nb, err := base64.RawURLEncoding.DecodeString(rocaModulus(t))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		n    *big.Int
		want bool
	}{
		{"Wycheproof ROCA key", new(big.Int).SetBytes(nb), true},
		{"openssl RSA 2048 a", privKey(t, "rsa2048-a").Public().(*rsa.PublicKey).N, false},
		{"openssl RSA 2048 b", privKey(t, "rsa2048-b").Public().(*rsa.PublicKey).N, false},
		{"openssl RSA 1024", privKey(t, "rsa1024").Public().(*rsa.PublicKey).N, false},
		{"ROCA key + 2", new(big.Int).Add(new(big.Int).SetBytes(nb), big.NewInt(2)), false},
		{"zero", big.NewInt(0), false},
		{"nil", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := isROCA(c.n); got != c.want {
				t.Errorf("isROCA = %v, want %v", got, c.want)
			}
		})
	}
}
