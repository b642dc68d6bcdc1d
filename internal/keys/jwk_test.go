package keys

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/keys/jwk"
	"github.com/authdebug/authdebug/internal/report"
)

// withMember returns the JWK JSON s with members set (nil deletes).
func withMember(t testing.TB, s string, kv ...any) string {
	t.Helper()
	m := jsonMap(t, s)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(m, kv[i].(string))
		} else {
			m[kv[i].(string)] = kv[i+1]
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestJWKDecodeDiagnoses covers each way jwk.Decode refuses a JWK
// (keys.invalid), each with a near miss that loads.
func TestJWKDecodeDiagnoses(t *testing.T) {
	p256 := pubJWK(t, "p256", nil)
	p521 := pubJWK(t, "p521", nil)
	rsaJWK := pubJWK(t, "rsa2048-a", nil)
	ed := pubJWK(t, "ed25519", nil)
	x := jsonMap(t, p256)["x"].(string)
	x521 := jsonMap(t, p521)["x"].(string)
	edX := jsonMap(t, ed)["x"].(string)
	one := func(s string) Material { return Material{Texts: []string{s}} }
	inv := func(name string, m Material, contains ...string) lcase {
		return lcase{name: name, material: m, code: report.KeysInvalid, severity: report.Warning, side: report.Client, contains: contains}
	}
	ok := func(name string, m Material) lcase {
		return lcase{name: name, material: m, keys: 1, absent: []string{report.KeysInvalid}}
	}
	runLoadCases(t, []lcase{
		inv("kid is a number", one(withMember(t, p256, "kid", 7)), `The member "kid" of the JWK in the pasted key text is not a string`, "kid=7"),
		ok("near miss: kid is a string", one(withMember(t, p256, "kid", "7"))),
		inv("alg is a number", one(withMember(t, p256, "alg", 256)), `"alg"`, "not a string"),
		inv("use is a boolean", one(withMember(t, p256, "use", true)), `"use"`, "use=true"),
		inv("x5t#S256 is a number", one(withMember(t, p256, "x5t#S256", 3)), `"x5t#S256"`),
		inv("key_ops is a string", one(withMember(t, p256, "key_ops", "verify")), `"key_ops"`, "not an array of strings", `key_ops="verify"`),
		inv("x5c holds a number", one(withMember(t, p256, "x5c", []any{1})), `"x5c"`, "not an array of strings"),
		ok("near miss: key_ops array, x5c unreadable but an array of strings", one(withMember(t, p256, "key_ops", []any{"verify"}, "x5c", []any{"not DER"}))),
		ok("near miss: null members count as absent", one(withMember(t, p256, "alg", nil, "use", nil, "x5c", nil))),

		inv("EC x one byte short", one(withMember(t, p256, "x", b64(mustB64(t, x)[1:]))), `The EC key in the JWK in the pasted key text is not a valid P-256 key: "x" is 31 bytes, not 32`, "leading zero"),
		inv("P-521 x without its leading zero byte", one(withMember(t, p521, "x", b64(mustB64(t, x521)[1:]))), `not a valid P-521 key: "x" is 65 bytes, not 66`),
		ok("near miss: P-521 key with full-length coordinates", one(p521)),
		inv("P-256 coordinates labelled P-384", one(withMember(t, p256, "crv", "P-384")), `not a valid P-384 key: "x" is 32 bytes, not 48`),
		inv("unknown EC curve", one(withMember(t, p256, "crv", "P-257")), `has crv "P-257", a curve this tool cannot use`),
		inv("EC d of the wrong size", one(withMember(t, p256, "d", "AQAB")), `"d" is 3 bytes, not 32`),
		inv("private member d is not base64url", one(withMember(t, p256, "d", "a+b/")), `The private member "d" of the JWK in the pasted key text is not base64url`, "d: 4 characters"),
		inv("private member d is a number", one(withMember(t, p256, "d", 4)), `"d"`, "is not a string", "d=a number"),
		inv("RSA private member p is not base64url", one(withMember(t, rsaJWK, "d", "AQAB", "p", "!!")), `The private member "p"`),
		inv("RSA private d is empty", one(withMember(t, rsaJWK, "d", "")), `The private member "d"`, "is empty"),
		ok("near miss: private members of another kty are ignored", one(withMember(t, p256, "p", "!!"))),

		inv("RSA exponent over 2^31-1", one(withMember(t, rsaJWK, "e", "gAAAAQ")), "the public exponent is 32 bits, over the 31 bits verifiers accept"),
		inv("RSA exponent of 65 bits", one(withMember(t, rsaJWK, "e", "AQAAAAAAAAAB")), "the public exponent is 65 bits"),
		ok("near miss: exponent 2^31-1 (odd, in range)", one(withMember(t, rsaJWK, "e", "f____w"))),
		ok("near miss: exponent with a leading zero byte", one(withMember(t, rsaJWK, "e", "AAEAAQ"))),
		inv("RSA empty modulus", one(withMember(t, rsaJWK, "n", "")), "cannot be used: the modulus is missing"),
		inv("RSA empty exponent", one(withMember(t, rsaJWK, "e", "")), "cannot be used: the public exponent is 0"),

		inv("Ed25519 x of 30 bytes", one(withMember(t, ed, "x", edX[:40])), `The Ed25519 key in the JWK in the pasted key text is not valid: "x" is 30 bytes, not 32`),
		inv("OKP with an EC curve", one(withMember(t, ed, "crv", "P-256")), `has crv "P-256", which is not an OKP curve`),
		inv("Ed448 is refused as today", one(withMember(t, ed, "crv", "Ed448", "x", strings.Repeat("A", 76))), "(OKP Ed448) is not a signature key this tool can use"),
		ok("near miss: Ed25519 with a stray y", one(withMember(t, ed, "y", edX))),
		inv("empty oct secret", one(`{"kty":"oct","k":""}`), "The JWK in the pasted key text is an empty secret"),
		ok("near miss: oct secret", one(`{"kty":"oct","k":"AQAB"}`)),
	})
}

func mustB64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestJWKNoDoubleArticle: names that start with "the" are not prefixed
// with another "the".
func TestJWKNoDoubleArticle(t *testing.T) {
	for _, text := range []string{
		`{"kty":"EC","crv":"P-256","x":"AA"}`, `{"kty":"RSA","n":"a+b","e":"AQAB"}`, `{"kty":"RSA","n":1,"e":"AQAB"}`,
		`{"kty":"oct","k":""}`, `{"kty":"oct","k":"AQAB","kid":null}`, privJWK(t, "p256"),
	} {
		_, _, fs := Load(context.Background(), Material{Texts: []string{text}}, "", Options{Verifier: testVerifier})
		if len(fs) == 0 {
			t.Errorf("%s: no finding", text)
		}
		for _, f := range fs {
			if strings.Contains(strings.ToLower(f.Title), "the the ") {
				t.Errorf("double article: %q", f.Title)
			}
		}
	}
}

// TestThumbprintVectors checks RFC 7638 thumbprints against the RFCs'
// own examples, and that every key type gets the same one whatever
// format it was loaded from.
func TestThumbprintVectors(t *testing.T) {
	cases := []struct {
		name, jwk, want string
	}{
		{"RFC 7638 §3.1 RSA", `{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}`, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"},
		{"RFC 8037 A.3 Ed25519", `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, keys, fs := Load(context.Background(), Material{Texts: []string{c.jwk}}, "", Options{Verifier: testVerifier})
			if len(keys) != 1 || keys[0].Thumbprint != c.want {
				t.Errorf("thumbprint = %+v, want %s\n%s", keys, c.want, titles(fs))
			}
		})
	}
	for _, name := range []string{"rsa2048-a", "p256", "p384", "p521", "ed25519"} {
		t.Run(name+" PEM and JWK agree", func(t *testing.T) {
			_, a, _ := Load(context.Background(), Material{Texts: []string{pubPEM(t, name)}}, "", Options{Verifier: testVerifier})
			_, b, _ := Load(context.Background(), Material{Texts: []string{pubJWK(t, name, map[string]any{"kid": "x"})}}, "", Options{Verifier: testVerifier})
			if len(a) != 1 || len(b) != 1 || a[0].Thumbprint == "" || a[0].Thumbprint != b[0].Thumbprint {
				t.Errorf("PEM %+v, JWK %+v", a, b)
			}
		})
	}
	for _, k := range []*PublicKey{
		nil, {}, {Kty: ktyRSA}, {Kty: ktyRSA, N: []byte{0, 0}, E: []byte{1}}, {Kty: ktyOKP, Crv: "Ed25519", X: []byte{1, 2}},
		{Kty: ktyOKP, Crv: "Ed448", X: make([]byte, 57)}, {Kty: ktyEC}, {Kty: ktyEC, Crv: "P-256", X: make([]byte, 32), Y: make([]byte, 31)},
		{Kty: ktyEC, Crv: "P-224", X: make([]byte, 28), Y: make([]byte, 28)},
	} {
		if tp := jwk.Thumbprint(k); tp != "" {
			t.Errorf("thumbprint of %+v = %q", k, tp)
		}
	}
}

// TestPublicJWK checks the JWK JSON forms: members sorted, kid in its
// place, no whitespace.
func TestPublicJWK(t *testing.T) {
	pub := pubOf(t, "ed25519")
	got, ok := jwk.PublicJSON(pub, "")
	x := jsonMap(t, pubJWK(t, "ed25519", nil))["x"].(string)
	if want := `{"crv":"Ed25519","kty":"OKP","x":"` + x + `"}`; !ok || string(got) != want {
		t.Errorf("canonical = %s, want %s", got, want)
	}
	got, _ = jwk.PublicJSON(pub, "k<1>")
	if want := `{"crv":"Ed25519","kid":"k\u003c1\u003e","kty":"OKP","x":"` + x + `"}`; string(got) != want {
		t.Errorf("with kid = %s, want %s", got, want)
	}
	got, _ = jwk.PublicJSON(pubOf(t, "rsa2048-a"), "z")
	if !strings.HasPrefix(string(got), `{"e":"AQAB","kid":"z","kty":"RSA","n":"`) || !strings.HasSuffix(string(got), `"}`) || strings.ContainsAny(string(got), " \n") {
		t.Errorf("RSA with kid z = %s", got)
	}
	if _, ok := jwk.PublicJSON(&PublicKey{Kty: ktyOct}, ""); ok {
		t.Error("a secret has no public JWK")
	}
	// N and E with leading zero bytes are written without them.
	k := pubOf(t, "rsa2048-a")
	padded := &PublicKey{Kty: ktyRSA, N: append([]byte{0, 0}, k.N...), E: append([]byte{0}, k.E...)}
	a, _ := jwk.PublicJSON(k, "")
	b, _ := jwk.PublicJSON(padded, "")
	if string(a) != string(b) {
		t.Errorf("leading zeros change the JWK: %s", b)
	}
}

// TestAlgConfusionJWKForms: the algorithm-confusion check finds an HS256
// token keyed with the public key's JWK JSON as JWK libraries print it
// (with the kid) and in its RFC 7638 form, however the key was given.
func TestAlgConfusionJWKForms(t *testing.T) {
	pemText := pubPEM(t, "rsa2048-a")
	withKid, _ := jwk.PublicJSON(pubOf(t, "rsa2048-a"), "k1")
	canon, _ := jwk.PublicJSON(pubOf(t, "rsa2048-a"), "")
	hs := func(secret []byte) func(t *testing.T) Token {
		return func(t *testing.T) Token {
			return Token{Compact: signHMAC(`{"alg":"HS256","kid":"k1"}`, testPayload, secret)}
		}
	}
	jwksWithKid := jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1", "use": "sig"}))
	runVerifyCases(t, []vcase{
		{
			name: "keyed with the RFC 7638 JWK JSON, key given as a JWKS with kid", material: Material{Texts: []string{jwksWithKid}}, token: hs(canon),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"RFC 7638 members only"},
		},
		{
			name: "keyed with the JWK JSON, key given as PEM", material: Material{Texts: []string{pemText}}, token: hs(canon),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"the public key's JWK JSON"},
		},
		{
			name: "keyed with the JWK JSON a library prints (kid included)", material: Material{Texts: []string{jwksWithKid}}, token: hs(withKid),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"the public key's JWK JSON"},
		},
		{
			name: "near miss: keyed with the JWK JSON of another key", material: Material{Texts: []string{pemText}}, token: hs(mustPublicJWK(t, "rsa2048-b")),
			status: report.SigInvalid, absent: []string{report.SignatureAlgConfusion},
		},
	})
}

func mustPublicJWK(t testing.TB, name string) []byte {
	b, ok := jwk.PublicJSON(pubOf(t, name), "")
	if !ok {
		t.Fatal(name)
	}
	return b
}
