//go:build jwx_es256k

package keys

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
)

// With the jwx_es256k build tag, ES256K verifies.
func TestES256K(t *testing.T) {
	crv, ok := jwk.CurveForAlgorithm(jwa.EllipticCurveAlgorithm("secp256k1"))
	if !ok || !es256kSupported() {
		t.Fatal("secp256k1 not registered despite the tag")
	}
	priv, err := ecdsa.GenerateKey(crv, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := jwk.FromRaw(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	_ = pub.Set(jwk.KeyIDKey, "k256")
	b, _ := pub.(interface{ MarshalJSON() ([]byte, error) }).MarshalJSON()
	ctx := context.Background()
	set, keys, lf := Load(ctx, Material{Texts: []string{string(b)}}, "", Options{})
	if len(keys) != 1 || keys[0].Crv != "secp256k1" {
		t.Fatalf("keys %+v %s", keys, titles(lf))
	}
	tok := sign(t, jwa.ES256K, priv, map[string]any{"kid": "k256"}, testPayload)
	sig, fs := Verify(ctx, Token{Compact: tok, Path: "tokens[0]"}, set, Options{})
	if sig.Status != report.SigVerified {
		t.Fatalf("sig %+v %s", sig, titles(fs))
	}
	sig, _ = Verify(ctx, Token{Compact: flipLast(tok)}, set, Options{})
	if sig.Status != report.SigInvalid {
		t.Errorf("tampered: %s", sig.Status)
	}
}
