package keys

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/lestrrat-go/jwx/v2/jwa"
)

// checkBounded is the fuzz property shared by both targets: every finding
// is valid and bounded, and there are not too many of them.
func checkBounded(t *testing.T, fs []report.Finding) {
	t.Helper()
	if len(fs) > 2*maxPEMBlocks+2*maxKeys+16 {
		t.Fatalf("%d findings", len(fs))
	}
	r := report.Report{Findings: fs}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Code == report.InternalError {
			t.Fatalf("internal error: %s", f.Detail)
		}
		if len(f.Title) > 400 || len(f.Evidence) > 700 || len(f.Detail) > 8000 {
			t.Fatalf("unbounded finding: %d/%d/%d bytes", len(f.Title), len(f.Evidence), len(f.Detail))
		}
	}
}

func FuzzLoad(f *testing.F) {
	seeds := []string{
		"", "{", "[]", `{"keys":[]}`, `{"keys":{}}`, `{"keys":[1,"x",{}]}`,
		`{"kty":"RSA","n":"AQAB","e":"AQAB"}`, `{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}`,
		`{"kty":"oct","k":""}`, `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`,
		"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "-----BEGIN CERTIFICATE-----\n",
		"-----BEGIN X-----\n-----BEGIN Y-----\n-----END Y-----\n", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
		"ssh-rsa AAAA", `"-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n"`,
		strings.Repeat("[", 5000), `{"keys":[` + strings.Repeat(`{"kty":"oct","k":"AQAB"},`, 120) + `{}]}`,
		"\x00\xff\xfe-----BEGIN", `{"jwks_uri":"https://x"}`, "{\"kty\":\"RSA\",\"n\":\"\xff\",\"e\":\"AQAB\"}",
		`{"kty":"RSA","n":"AQAB","e":"AQAAAAAAAAAB","d":"","p":7}`, `{"kty":"EC","crv":"P-521","x":"AA","y":"AA","d":"AQAB"}`,
		`{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}`, `{"kty":"OKP","crv":"X25519","x":"AA","d":"!"}`, `{"kty":"OKP","crv":"P-256","x":"AA"}`,
		`{"kty":"oct","k":"AQAB","kid":null,"key_ops":["verify",1],"x5c":["MIIB"],"alg":{}}`,
	}
	for _, name := range []string{"rsa2048-a.pub.pem", "p256.key.pem", "ed25519.pub.pem", "roca.jwk.json"} {
		seeds = append(seeds, fixture(f, name))
	}
	seeds = append(seeds, pubJWK(f, "p521", map[string]any{"kid": "e", "x5c": []string{"AAAA"}}), privJWK(f, "rsa2048-a"), jwks(pubJWK(f, "ed25519", nil), privJWK(f, "p384")))
	for _, s := range seeds {
		f.Add(s, "")
	}
	f.Add("", "c2VjcmV0")
	f.Add("", " padded secret \n")
	f.Fuzz(func(t *testing.T, text, secret string) {
		set, keys, fs := Load(context.Background(), Material{Texts: []string{text}, Secret: secret, TextOffsets: []int{3}}, "", Options{Verifier: testVerifier, Now: testNow})
		if set == nil {
			t.Fatal("nil set")
		}
		if set.Len() != len(keys) || len(keys) > maxKeys {
			t.Fatalf("%d keys, %d described", set.Len(), len(keys))
		}
		checkBounded(t, fs)
		for _, fd := range fs {
			if fd.Span != nil && (fd.Span.Start < 3 || fd.Span.End > 3+len(text) || fd.Span.End < fd.Span.Start) {
				t.Fatalf("span %+v outside the text (len %d)", *fd.Span, len(text))
			}
		}
		if len(secret) >= 16 {
			b, _ := json.Marshal(keys)
			if strings.Contains(string(b), secret) {
				t.Fatal("the secret appears in the key descriptions")
			}
			for _, fd := range fs {
				if strings.Contains(fd.Title+fd.Detail+fd.Evidence+fd.Fix, secret) {
					t.Fatal("the secret appears in a finding")
				}
			}
		}
	})
}

var (
	fuzzSetOnce sync.Once
	fuzzSet     *Set
)

func FuzzVerify(f *testing.F) {
	fuzzSetOnce.Do(func() {
		fuzzSet, _, _ = Load(context.Background(), Material{
			Secret: "a fuzzing secret of thirty-two bytes!",
			Texts: []string{
				jwks(pubJWK(f, "rsa2048-a", map[string]any{"kid": "r"}), pubJWK(f, "p256", map[string]any{"kid": "e", "alg": "ES256"})),
				pubPEM(f, "ed25519"),
			},
		}, "", Options{Verifier: testVerifier, Now: testNow})
	})
	add := func(c string) { f.Add(c, "") }
	add(sign(f, jwa.RS256, privKey(f, "rsa2048-a"), map[string]any{"kid": "r"}, testPayload))
	add(sign(f, jwa.PS256, privKey(f, "rsa2048-a"), nil, testPayload))
	add(sign(f, jwa.ES256, privKey(f, "p256"), map[string]any{"kid": "e"}, testPayload))
	add(sign(f, jwa.EdDSA, privKey(f, "ed25519"), nil, testPayload))
	add(sign(f, jwa.HS256, []byte("a fuzzing secret of thirty-two bytes!"), nil, testPayload))
	add(signHMAC(`{"alg":"HS256"}`, testPayload, []byte("secret")))
	add(sign(f, jwa.ES384, privKey(f, "p384"), map[string]any{"jwk": jsonMap(f, pubJWK(f, "p384", nil))}, testPayload))
	add("eyJhbGciOiJub25lIn0.e30.")
	add("a.b.c")
	add("...")
	add("")
	add("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.This is the payload string!.ciks0B6Hs-amhOqxI5_iG6mPKnMDlWCb7J2Wu7mtIcg")
	f.Add("x.y.z", `{"alg":"RS256","kid":"nope"}`)
	f.Add("x.y.z", `{"alg":"HS256","x5c":["AAAA"],"jwk":{"kty":"oct","k":"AQAB"}}`)
	f.Add("x.y.z", `{"alg":"ES256K"}`)
	f.Add("x.y.z", `{"alg":7,"kid":[1]}`)
	f.Fuzz(func(t *testing.T, compact, header string) {
		var h map[string]any
		if header != "" {
			_ = json.Unmarshal([]byte(header), &h)
		}
		for _, opts := range []Options{{Now: testNow, Verifier: testVerifier}, {Now: testNow, Verifier: testVerifier, Algs: []string{"ES256"}}} {
			sig, fs := Verify(context.Background(), Token{Compact: compact, Header: h, Path: "tokens[0]", Issuer: "https://i.example"}, fuzzSet, opts)
			if sig == nil {
				t.Fatal("nil signature")
			}
			switch sig.Status {
			case report.SigVerified, report.SigInvalid, report.SigUnverified, report.SigUntrusted, report.SigUnsupported:
			default:
				t.Fatalf("status %q", sig.Status)
			}
			if sig.Status == report.SigVerified && sig.Key == nil {
				t.Fatal("verified without a key")
			}
			if sig.Status == report.SigVerified && sig.Alg == "none" {
				t.Fatal("alg none verified")
			}
			checkBounded(t, fs)
		}
	})
}
