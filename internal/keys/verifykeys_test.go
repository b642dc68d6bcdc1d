package keys

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/lestrrat-go/jwx/v2/jwa"
)

// pssWithSalt signs PS256 with a chosen salt length.
func pssWithSalt(t *testing.T, name string, salt int) string {
	t.Helper()
	return signPSS(t, privKey(t, name), salt)
}

func TestWrongKidVerifiesWithAnother(t *testing.T) {
	set := Material{Texts: []string{jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"}), pubJWK(t, "rsa2048-b", map[string]any{"kid": "k2"}))}}
	runVerifyCases(t, []vcase{{
		name:     "kid k1 present, signed by k2",
		material: set,
		token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-b", "k1") },
		status:   report.SigVerified, code: report.SignatureInvalid, severity: report.Error, side: report.Both,
		contains: []string{`does not verify with key "k1"`, `verify with key "k2"`, "names the wrong kid"},
		absent:   []string{report.SignatureKidNotFound},
	}})
}

func TestRefusedKeysAreNamed(t *testing.T) {
	runVerifyCases(t, []vcase{{
		name:     "the only key is ROCA-vulnerable",
		material: Material{Texts: []string{fixture(t, "roca.jwk.json")}},
		token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "") },
		status:   report.SigUnverified, code: report.SignatureUnverified, severity: report.Info, side: report.Client,
		contains: []string{"None of the keys given could be used"},
	}})
}

// Credentials appear in findings only with Reveal.
func TestRevealAndMasking(t *testing.T) {
	ctx := context.Background()
	const secret = "this-is-the-issuers-real-shared-secret"
	tok := Token{Compact: sign(t, jwa.HS256, []byte(secret), nil, testPayload), Path: "tokens[0]"}
	for _, reveal := range []bool{false, true} {
		opts := Options{Verifier: testVerifier, Reveal: reveal}
		set, keys, lf := Load(ctx, Material{Secret: secret, Texts: []string{secret}}, "", opts)
		_, fs := Verify(ctx, tok, set, opts)
		broken := Token{Compact: tok.Compact + "!", Path: "tokens[0]"}
		_, fs2 := Verify(ctx, broken, set, opts)
		all := append(append(lf, fs...), fs2...)
		var text strings.Builder
		for _, f := range all {
			text.WriteString(f.Title + f.Detail + f.Evidence + f.Fix)
		}
		for _, k := range keys {
			text.WriteString(k.Origin + k.Thumbprint + k.Kid)
		}
		hasSecret := strings.Contains(text.String(), secret)
		hasToken := strings.Contains(text.String(), tok.Compact)
		if reveal != hasSecret || reveal != hasToken {
			t.Errorf("reveal=%v: secret shown %v, token shown %v\n%s", reveal, hasSecret, hasToken, text.String())
		}
	}
}

// A Set is shared by the tokens of one analysis, possibly concurrently.
func TestSetConcurrentUse(t *testing.T) {
	ctx := context.Background()
	set, _, _ := Load(ctx, Material{Texts: []string{pubPEM(t, "rsa2048-a"), pubPEM(t, "p256")}}, "", Options{Verifier: testVerifier})
	toks := []Token{
		rsTok(t, "rsa2048-a", ""),
		{Compact: signHMAC(`{"alg":"HS256"}`, testPayload, []byte(pubPEM(t, "rsa2048-a")))},
		{Compact: sign(t, jwa.ES256, privKey(t, "p256"), nil, testPayload)},
	}
	want := []string{report.SigVerified, report.SigInvalid, report.SigVerified}
	done := make(chan error, 12)
	for g := 0; g < 12; g++ {
		go func(g int) {
			i := g % len(toks)
			sig, _ := Verify(ctx, toks[i], set, Options{Verifier: testVerifier})
			if sig.Status != want[i] {
				done <- fmt.Errorf("token %d: %s", i, sig.Status)
				return
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 12; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
