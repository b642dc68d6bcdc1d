package keys

import (
	"context"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwa"
)

// BenchmarkVerify measures one Verify per algorithm with one matching key,
// including the checks Verify always runs (the weak-secret list for HS*).
func BenchmarkVerify(b *testing.B) {
	cases := []struct {
		alg  jwa.SignatureAlgorithm
		key  func() any
		text func() Material
	}{
		{jwa.HS256, func() any { return secret32 }, func() Material { return Material{Secret: string(secret32)} }},
		{jwa.RS256, func() any { return privKey(b, "rsa2048-a") }, func() Material { return Material{Texts: []string{pubPEM(b, "rsa2048-a")}} }},
		{jwa.PS256, func() any { return privKey(b, "rsa2048-a") }, func() Material { return Material{Texts: []string{pubPEM(b, "rsa2048-a")}} }},
		{jwa.ES256, func() any { return privKey(b, "p256") }, func() Material { return Material{Texts: []string{pubPEM(b, "p256")}} }},
		{jwa.ES384, func() any { return privKey(b, "p384") }, func() Material { return Material{Texts: []string{pubPEM(b, "p384")}} }},
		{jwa.ES512, func() any { return privKey(b, "p521") }, func() Material { return Material{Texts: []string{pubPEM(b, "p521")}} }},
		{jwa.EdDSA, func() any { return privKey(b, "ed25519") }, func() Material { return Material{Texts: []string{pubPEM(b, "ed25519")}} }},
	}
	ctx := context.Background()
	for _, c := range cases {
		b.Run(c.alg.String(), func(b *testing.B) {
			set, _, _ := Load(ctx, c.text(), "", Options{Verifier: testVerifier})
			tok := Token{Compact: sign(b, c.alg, c.key(), map[string]any{"kid": "k1"}, testPayload), Path: "tokens[0]"}
			if sig, _ := Verify(ctx, tok, set, Options{Verifier: testVerifier}); sig.Status != "verified" {
				b.Fatalf("%s: %s", c.alg, sig.Status)
			}
			b.ReportAllocs()
			for b.Loop() {
				Verify(ctx, tok, set, Options{Verifier: testVerifier})
			}
		})
	}
}
