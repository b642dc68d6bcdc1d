package keys

import (
	"context"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// Without the jwx_es256k build tag, ES256K is reported as unsupported,
// clearly, and a secp256k1 JWK does not load.
func TestES256KUnsupported(t *testing.T) {
	if es256kSupported() {
		t.Skip("built with jwx_es256k")
	}
	ctx := context.Background()
	_, keys, lf := Load(ctx, Material{Texts: []string{`{"kty":"EC","crv":"secp256k1","x":"gXf7tX2MfmV2zK1m1pZ8P1bF_3d5JmOm1wQXhXhqJ4I","y":"rJjzFt4SWtKZKbqSgh0K5wJfTLW6cB2SxSAZ0C6tD_o"}`}}, "", Options{})
	if len(keys) != 0 || !hasCode(lf, report.KeysInvalid) {
		t.Errorf("secp256k1 key loaded without support: %v %s", keys, titles(lf))
	}
	sig, fs := Verify(ctx, Token{Compact: "eyJhbGciOiJFUzI1NksifQ.e30.AAAA", Path: "tokens[0]"}, nil, Options{})
	f, ok := findCode(fs, report.SignatureUnverified)
	if sig.Status != report.SigUnsupported || !ok || f.Title != "This build cannot check ES256K signatures" {
		t.Errorf("sig %+v findings %s", sig, titles(fs))
	}
}
