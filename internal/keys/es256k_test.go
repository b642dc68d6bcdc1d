package keys

import (
	"context"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// ES256K (secp256k1, RFC 8812) is reported as unsupported, clearly: the tool
// has no secp256k1 code, so a secp256k1 JWK does not load and an ES256K
// token is "unsupported", never "invalid".
func TestES256KUnsupported(t *testing.T) {
	ctx := context.Background()
	_, keys, lf := Load(ctx, Material{Texts: []string{`{"kty":"EC","crv":"secp256k1","x":"gXf7tX2MfmV2zK1m1pZ8P1bF_3d5JmOm1wQXhXhqJ4I","y":"rJjzFt4SWtKZKbqSgh0K5wJfTLW6cB2SxSAZ0C6tD_o"}`}}, "", Options{Verifier: testVerifier})
	f, ok := findCode(lf, report.KeysInvalid)
	if len(keys) != 0 || !ok || !strings.Contains(f.Title, `crv "secp256k1"`) || !strings.Contains(f.Detail, "ES256K") {
		t.Errorf("secp256k1 key loaded, or not said why: %v %s", keys, titles(lf))
	}
	sig, fs := Verify(ctx, Token{Compact: "eyJhbGciOiJFUzI1NksifQ.e30.AAAA", Path: "tokens[0]"}, nil, Options{Verifier: testVerifier})
	f, ok = findCode(fs, report.SignatureUnverified)
	if sig.Status != report.SigUnsupported || !ok || f.Title != "This build cannot check ES256K signatures" || !strings.Contains(f.Detail, "secp256k1") {
		t.Errorf("sig %+v findings %s", sig, titles(fs))
	}
	if _, ok := lookupAlg("ES256K"); !ok || algTable["ES256K"].supported() {
		t.Error("ES256K must be a known, unsupported algorithm")
	}
}
