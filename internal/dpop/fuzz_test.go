package dpop

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/report"
)

// FuzzCheck feeds arbitrary proofs, methods and URLs: Check never panics,
// and every finding it returns is a complete request.dpop_proof finding.
func FuzzCheck(f *testing.F) {
	fx := newFixture(f)
	f.Add(es256(f, fx.key, fx.header, fx.claims), "GET", "https://api.example.com/v1/orders", accessToken)
	f.Add("e30.e30.", "POST", "/token", "")
	f.Add(seg(map[string]any{"typ": "dpop+jwt", "alg": "ES256", "jwk": map[string]any{"kty": "EC", "crv": "P-256", "x": 1}})+"."+seg(map[string]any{"iat": 1e300, "htu": "http://[::1"})+".AA", "get", "http://[::1]:99999/x", "t")
	f.Add("a.b.c", "", "", "")
	v := gocrypto.New()
	st := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, proof, method, url, tok string) {
		in := Input{Proofs: strings.Split(proof, "\n"), Scheme: "DPoP", AccessToken: tok, JKT: "x", Method: method, URL: url, Host: "api.example.com", ServerTime: &st,
			Verify: func(p string) keys.OwnKey {
				return keys.VerifyWithOwnJWK(context.Background(), p, keys.Options{Verifier: v})
			}}
		for _, x := range Check(in) {
			if x.Code != report.RequestDPoPProof || x.Title == "" || x.Detail == "" || x.Severity == "" {
				t.Fatalf("incomplete finding %+v", x)
			}
		}
	})
}
