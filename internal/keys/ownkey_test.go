package keys

import (
	"context"
	"strings"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwa"
)

func TestVerifyWithOwnJWK(t *testing.T) {
	const proof = `{"jti":"j1","htm":"GET","htu":"https://api.example.com/x","iat":1800000000}`
	own := func(name string) map[string]any { return jsonMap(t, pubJWK(t, name, nil)) }
	tests := []struct {
		name     string
		tok      func() string
		noVerify bool
		verified bool
		private  bool
		fault    OwnKeyFault
		problem  string // in Problem
	}{
		{name: "ES256 with its own key", tok: func() string {
			return sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"typ": "dpop+jwt", "jwk": own("p256")}, proof)
		}, verified: true},
		{name: "EdDSA with its own key", tok: func() string {
			return sign(t, jwa.EdDSA, privKey(t, "ed25519"), map[string]any{"jwk": own("ed25519")}, proof)
		}, verified: true},
		{name: "signed by another key", tok: func() string {
			return sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"jwk": own("p384")}, proof)
		}, fault: FaultSignature, problem: "needs an EC P-256"},
		{name: "RS256 signed by another RSA key", tok: func() string {
			return sign(t, jwa.RS256, privKey(t, "rsa2048-a"), map[string]any{"jwk": own("rsa2048-b")}, proof)
		}, fault: FaultSignature, problem: "does not verify"},
		{name: "private key in jwk", tok: func() string {
			return sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"jwk": jsonMap(t, privJWK(t, "p256"))}, proof)
		}, verified: true, private: true},
		{name: "no jwk", tok: func() string { return sign(t, jwa.ES256, privKey(t, "p256"), nil, proof) }, fault: FaultHeader, problem: "no jwk"},
		{name: "jwk not an object", tok: func() string {
			return sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"jwk": "k"}, proof)
		}, fault: FaultHeader, problem: "not a JSON object"},
		{name: "HS256 with an oct jwk", tok: func() string {
			return signHMAC(`{"alg":"HS256","jwk":{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}}`, proof, []byte("secretsecretsecretsecretsecret"))
		}, fault: FaultAlg, problem: "shared secret"},
		{name: "alg none", tok: func() string {
			return b64([]byte(`{"alg":"none","jwk":`+pubJWK(t, "p256", nil)+`}`)) + "." + b64([]byte(proof)) + "."
		}, fault: FaultAlg, problem: `alg is "none"`},
		{name: "no verifier", tok: func() string {
			return sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"jwk": own("p256")}, proof)
		}, noVerify: true, fault: FaultUnsupported, problem: "no verifier"},
		{name: "header not JSON", tok: func() string { return "bm90.e30.c2ln" }, fault: FaultHeader, problem: "not base64url-encoded JSON"},
		{name: "jwk does not load", tok: func() string {
			return sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"jwk": map[string]any{"kty": "EC", "crv": "P-256", "x": "AA"}}, proof)
		}, fault: FaultJWK, problem: "does not load"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Verifier: testVerifier}
			if tt.noVerify {
				opts.Verifier = nil
			}
			res := VerifyWithOwnJWK(context.Background(), tt.tok(), opts)
			if res.Verified != tt.verified || res.Private != tt.private || res.Fault != tt.fault {
				t.Errorf("got %+v, want verified=%v private=%v fault=%q", res, tt.verified, tt.private, tt.fault)
			}
			if tt.problem != "" && !strings.Contains(res.Problem, tt.problem) {
				t.Errorf("problem %q does not say %q", res.Problem, tt.problem)
			}
			if tt.verified && (res.Problem != "" || len(res.Thumbprint) != 43) {
				t.Errorf("verified with problem %q, thumbprint %q", res.Problem, res.Thumbprint)
			}
		})
	}
}
