package keys

// Differential tests of JWK decoding (package jwk, through Load) against
// lestrrat-go/jwx v2 (jwk.ParseKey, Key.Thumbprint), used as an oracle
// only (it is not linked into the tool).

import (
	"bytes"
	"context"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/keys/jwk"
	"github.com/lestrrat-go/jwx/v2/jwa"
	jwxjwk "github.com/lestrrat-go/jwx/v2/jwk"
)

// jwkCorpus returns every JWK in the RFC 7520 cookbook and the Wycheproof
// JOSE files (JWK Sets split into their keys), with where it came from.
func jwkCorpus(t *testing.T) (names []string, jwks []json.RawMessage) {
	t.Helper()
	addSet := func(where string, raw json.RawMessage) {
		var set struct {
			Keys []json.RawMessage `json:"keys"`
		}
		if json.Unmarshal(raw, &set) == nil && len(set.Keys) > 0 {
			for i, k := range set.Keys {
				names = append(names, where+".keys["+itoa(i)+"]")
				jwks = append(jwks, k)
			}
			return
		}
		var m map[string]any
		if json.Unmarshal(raw, &m) == nil && m["kty"] != nil {
			names = append(names, where)
			jwks = append(jwks, raw)
		}
	}
	for _, file := range []string{"json_web_signature_test.json", "json_web_key_test.json", "json_web_crypto_test.json", "json_web_encryption_test.json"} {
		b := readShared(t, filepath.Join("wycheproof/testvectors_v1", file))
		var wf struct {
			TestGroups []map[string]json.RawMessage `json:"testGroups"`
		}
		if err := json.Unmarshal(b, &wf); err != nil {
			t.Fatal(err)
		}
		for gi, g := range wf.TestGroups {
			for _, member := range []string{"public", "private", "key"} {
				if v, ok := g[member]; ok {
					addSet(file+"#"+itoa(gi)+"."+member, v)
				}
			}
		}
	}
	matches, _ := filepath.Glob(filepath.Join(sharedDir, "jose-cookbook/*/*.json"))
	for _, path := range matches {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(sharedDir, path)
		var cb struct {
			Input struct {
				Key json.RawMessage `json:"key"`
			} `json:"input"`
		}
		if json.Unmarshal(b, &cb) == nil && len(cb.Input.Key) > 0 {
			addSet(rel+"#input.key", cb.Input.Key)
		}
		addSet(rel, b)
	}
	return names, jwks
}

// jwkDeviations are the reasons this package refuses a JWK that jwx loads:
// checks jwx does not make. Each is matched against our finding's title.
var jwkDeviations = []struct{ title, why string }{
	{"ROCA", "the modulus has the ROCA fingerprint (CVE-2017-15361); jwx does not check"},
	{"is not a signature key this tool can use", "an X25519/X448/Ed448 key (JWE key agreement, or no Go Ed448); jwx loads it as a key"},
	{"the public exponent is 1", "e = 1 makes every signature trivially forgeable; jwx loads it (and fails only when verifying)"},
	{"is not a point on", "the EC point is not on its curve (invalid-curve attack); jwx loads it and refuses only when verifying"},
	{"is not base64url", "the member is not strict base64url without padding (RFC 7515 §2); jwx's decoder also accepts standard base64 and padding"},
}

// TestJWKDifferential loads every RFC 7520 and Wycheproof JWK with jwx
// (jwxjwk.ParseKey, Validate) and with this package, and checks they agree:
// same public key (or secret), same RFC 7638 thumbprint as jwx's
// Thumbprint(crypto.SHA256), the same JWK JSON as jwx prints for the
// public key, and the same refusals but for the documented deviations.
func TestJWKDifferential(t *testing.T) {
	names, corpus := jwkCorpus(t)
	if len(corpus) < 30 {
		t.Fatalf("only %d JWKs in the corpus", len(corpus))
	}
	agree, deviated := 0, map[string]int{}
	for i, raw := range corpus {
		name := names[i]
		jk, jerr := jwxjwk.ParseKey(raw)
		if jerr == nil {
			jerr = jk.Validate()
		}
		if jerr == nil {
			if pk, err := jk.PublicKey(); err == nil && jk.KeyType() != jwa.OctetSeq {
				jk = pk
			}
		}
		set, _, fs := Load(context.Background(), Material{Texts: []string{string(raw)}}, "", Options{Verifier: testVerifier, Now: testNow})
		entries := set.snapshot()
		switch {
		case jerr != nil && len(entries) == 0:
			agree++
			continue
		case jerr != nil:
			t.Errorf("%s: jwx refuses (%v) but it loads here", name, jerr)
			continue
		case len(entries) == 0:
			reason := ""
			for _, d := range jwkDeviations {
				if strings.Contains(titles(fs), d.title) {
					reason = d.title
				}
			}
			if reason == "" {
				t.Errorf("%s: jwx loads a %s key, refused here:\n%s", name, jk.KeyType(), titles(fs))
				continue
			}
			deviated[reason]++
			continue
		}
		e := entries[0]
		var rawKey any
		if err := jk.Raw(&rawKey); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e.kty == ktyOct {
			if !bytes.Equal(e.secret, rawKey.([]byte)) {
				t.Errorf("%s: secrets differ", name)
			}
			agree++
			continue
		}
		eq, ok := toCrypto(t, e.pub).(interface{ Equal(crypto.PublicKey) bool })
		if !ok || !eq.Equal(rawKey) {
			t.Errorf("%s: public keys differ: ours %+v, jwx %T", name, e.pub, rawKey)
			continue
		}
		tp, err := jk.Thumbprint(crypto.SHA256)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := base64.RawURLEncoding.EncodeToString(tp); e.ref.Thumbprint != want {
			t.Errorf("%s: thumbprint %s, jwx %s", name, e.ref.Thumbprint, want)
		}
		checkJWKJSON(t, name, toCrypto(t, e.pub), e.kid)
		agree++
	}
	for _, d := range jwkDeviations {
		t.Logf("deviation (%d keys): %s", deviated[d.title], d.why)
	}
	t.Logf("%d JWKs: %d agree with jwx, %d documented deviations", len(corpus), agree, len(corpus)-agree)
	if agree+sum(deviated) != len(corpus) {
		t.Errorf("%d JWKs, %d agree, %d deviate", len(corpus), agree, sum(deviated))
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// checkJWKJSON compares jwk.PublicJSON (used by the algorithm-confusion check)
// with the JSON jwx prints for jwxjwk.FromRaw(pub) with the kid set.
func checkJWKJSON(t *testing.T, name string, pub any, kid string) {
	t.Helper()
	jk, err := jwxjwk.FromRaw(pub)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if kid != "" {
		_ = jk.Set(jwxjwk.KeyIDKey, kid)
	}
	want, err := json.Marshal(jk)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := jwk.PublicJSON(toPublicKey(pub), kid)
	if !ok || string(got) != string(want) {
		t.Errorf("%s: JWK JSON\n ours %s\n jwx  %s", name, got, want)
	}
}

// TestJWKJSONMatchesJWX: for the fixture keys (as PEM, so with no JWK given)
// and kids with characters JSON escapes, the JWK JSON form matches jwx's.
func TestJWKJSONMatchesJWX(t *testing.T) {
	for _, f := range []string{"rsa1024", "rsa2048-a", "rsa2048-b", "p256", "p384", "p521", "ed25519"} {
		for _, kid := range []string{"", "k1", `a "quoted" <kid> & \ é`, "zzz"} {
			checkJWKJSON(t, f+" kid "+kid, privKey(t, f).Public(), kid)
		}
		jk, _ := jwxjwk.FromRaw(privKey(t, f).Public())
		tp, _ := jk.Thumbprint(crypto.SHA256)
		if got := jwk.Thumbprint(pubOf(t, f)); got != base64.RawURLEncoding.EncodeToString(tp) {
			t.Errorf("%s: thumbprint %s differs from jwx's", f, got)
		}
	}
}
