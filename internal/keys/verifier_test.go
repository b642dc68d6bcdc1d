package keys

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// TestVerifySigOddKeys: verifySig is false, never a panic, for keys that
// are empty, half-built, of another type or on another curve, and for
// algorithms it cannot check; with no verifier it says so (ErrNoVerifier)
// rather than answering false for a key that fits.
func TestVerifySigOddKeys(t *testing.T) {
	ctx := context.Background()
	p256 := pubOf(t, "p256")
	keys := []struct {
		name string
		key  *PublicKey
	}{
		{"nil", nil},
		{"zero", &PublicKey{}},
		{"RSA without modulus", &PublicKey{Kty: ktyRSA, E: []byte{1, 0, 1}}},
		{"RSA zero modulus", &PublicKey{Kty: ktyRSA, N: []byte{0}, E: []byte{0}}},
		{"RSA 8-byte exponent", &PublicKey{Kty: ktyRSA, N: make2048(t), E: []byte{1, 0, 0, 0, 0, 0, 0, 1}}},
		{"EC without curve", &PublicKey{Kty: ktyEC}},
		{"EC on P-224", &PublicKey{Kty: ktyEC, Crv: "P-224", X: make([]byte, 28), Y: make([]byte, 28)}},
		{"EC P-256 with short x", &PublicKey{Kty: ktyEC, Crv: "P-256", X: p256.X[1:], Y: p256.Y}},
		{"EC off the curve", &PublicKey{Kty: ktyEC, Crv: "P-256", X: p256.X, Y: p256.X}},
		{"P-256 key for every alg", p256},
		{"Ed25519 empty", &PublicKey{Kty: ktyOKP, Crv: "Ed25519"}},
		{"Ed25519 33 bytes", &PublicKey{Kty: ktyOKP, Crv: "Ed25519", X: make([]byte, 33)}},
		{"Ed448", &PublicKey{Kty: ktyOKP, Crv: "Ed448", X: make([]byte, 57)}},
	}
	sigs := [][]byte{nil, {0}, make([]byte, 64), make([]byte, 96), make([]byte, 132), make([]byte, 256)}
	for name, a := range algTable {
		for _, k := range keys {
			for _, sig := range sigs {
				for _, salt := range []int{a.hashSize, 0, -1, 1 << 20} {
					ok, _ := verifySig(ctx, testVerifier, a, nil, k.key, []byte("e30.e30"), sig, salt)
					if ok {
						t.Errorf("%s with %s and a %d-byte signature verified", name, k.name, len(sig))
					}
				}
			}
		}
		for _, secret := range [][]byte{nil, {}} {
			if ok, _ := verifySig(ctx, testVerifier, a, secret, nil, []byte("e30.e30"), make([]byte, 32), 32); ok {
				t.Errorf("%s verified with an empty secret", name)
			}
		}
	}
	if _, err := verifySig(ctx, nil, algTable["ES256"], nil, p256, []byte("e30.e30"), make([]byte, 64), 0); !errors.Is(err, ErrNoVerifier) {
		t.Errorf("no verifier: err = %v, want ErrNoVerifier", err)
	}
	if ok, err := verifySig(ctx, nil, algTable["RS256"], nil, p256, []byte("e30.e30"), make([]byte, 64), 0); ok || err != nil {
		t.Errorf("a key that does not fit the alg is plainly false, even with no verifier: %v %v", ok, err)
	}
	for _, alg := range []string{"Ed448", "ES256K"} {
		if ok, err := verifySig(ctx, testVerifier, algTable[alg], nil, p256, nil, make([]byte, 64), 0); ok || err == nil {
			t.Errorf("%s: an unsupported algorithm gave %v, %v", alg, ok, err)
		}
	}
}

// TestPSSSaltLength reads back the salt length of signatures made with
// every length from 0 to the largest, for each PS* hash, and refuses what
// is no PSS encoding under the key.
func TestPSSSaltLength(t *testing.T) {
	priv := privKey(t, "rsa2048-a").(*rsa.PrivateKey)
	pub := *pubOf(t, "rsa2048-a")
	for _, c := range []struct {
		alg  string
		hash crypto.Hash
	}{{"PS256", crypto.SHA256}, {"PS384", crypto.SHA384}, {"PS512", crypto.SHA512}} {
		d := digestOf(c.hash, []byte("input"))
		maxSalt := 256 - c.hash.Size() - 2
		for _, salt := range []int{0, 1, 20, c.hash.Size(), maxSalt} {
			sig, err := rsa.SignPSS(rand.Reader, priv, c.hash, d, &rsa.PSSOptions{SaltLength: salt})
			if err != nil {
				t.Fatal(err)
			}
			if salt == 0 {
				// crypto/rsa reads 0 as "auto" (the maximum) when signing.
				sig, err = rsa.SignPSS(rand.Reader, priv, c.hash, d, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
				if err != nil {
					t.Fatal(err)
				}
				salt = maxSalt
			}
			n, ok := PSSSaltLength(c.alg, pub, sig)
			if !ok || n != salt {
				t.Errorf("%s salt %d: got %d, %v", c.alg, salt, n, ok)
			}
			if _, ok := PSSSaltLength(c.alg, pub, flipBit(sig, 5)); ok {
				t.Errorf("%s salt %d: a damaged signature has a salt length", c.alg, salt)
			}
		}
		v15, _ := rsa.SignPKCS1v15(nil, priv, c.hash, d)
		if _, ok := PSSSaltLength(c.alg, pub, v15); ok {
			t.Errorf("%s: a PKCS #1 v1.5 signature has a PSS salt length", c.alg)
		}
	}
	for _, c := range []struct {
		name string
		alg  string
		k    PublicKey
		sig  []byte
	}{
		{"not PS*", "RS256", pub, make([]byte, 256)},
		{"not RSA", "PS256", *pubOf(t, "p256"), make([]byte, 256)},
		{"signature too short", "PS256", pub, make([]byte, 255)},
		{"signature ≥ n", "PS256", pub, append([]byte{0xff}, make([]byte, 255)...)},
		{"huge exponent", "PS256", PublicKey{Kty: ktyRSA, N: pub.N, E: []byte{1, 0, 0, 0, 0, 1}}, make([]byte, 256)},
		{"empty key", "PS256", PublicKey{Kty: ktyRSA}, nil},
	} {
		if _, ok := PSSSaltLength(c.alg, c.k, c.sig); ok {
			t.Errorf("%s: ok", c.name)
		}
	}
}

// TestNoCryptoInBrowserBuild: the browser build of this package links no
// Go RSA, ECDSA, Ed25519, ECDH or X.509 code (signatures are checked by the
// injected verifier: WebCrypto there). It asks `go list -deps` for
// GOOS=js GOARCH=wasm, so it runs natively only.
func TestNoCryptoInBrowserBuild(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(goBin, "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := []string{
		"crypto/rsa", "crypto/ecdsa", "crypto/ed25519", "crypto/elliptic", "crypto/ecdh", "crypto/x509", "crypto/dsa",
		"crypto/internal/fips140/rsa", "crypto/internal/fips140/ecdsa", "crypto/internal/fips140/ed25519",
		"crypto/internal/fips140/nistec", "crypto/internal/fips140/edwards25519", "crypto/internal/fips140/bigmod",
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list printed %d packages", len(deps))
	}
	for _, d := range deps {
		for _, f := range forbidden {
			if d == f {
				t.Errorf("the browser build of internal/keys links %s", d)
			}
		}
	}
	if !contains(deps, "encoding/asn1") || !contains(deps, "crypto/hmac") {
		t.Errorf("unexpected dependency list: %v", deps)
	}
}

// TestNilVerifier: a build without a verifier still checks HS* (and the
// weak-secret list), loads public keys without the verifier's Check, and
// reports RS/PS/ES/EdDSA signatures as unsupported, saying why.
func TestNilVerifier(t *testing.T) {
	ctx := context.Background()
	opts := Options{Now: testNow}
	set, keys, lf := Load(ctx, Material{Secret: string(secret32), Texts: []string{pubPEM(t, "rsa2048-a"), pubJWK(t, "p256", nil), pubPEM(t, "ed25519")}}, "", opts)
	checkFindings(t, lf)
	if len(lf) != 0 || set.Len() != len(keys) || set.Len() < 4 {
		t.Fatalf("keys %d, findings %s", set.Len(), titles(lf))
	}
	hs, fs := Verify(ctx, Token{Compact: signHMAC(`{"alg":"HS256"}`, testPayload, secret32), Path: "tokens[0]"}, set, opts)
	if hs.Status != report.SigVerified {
		t.Errorf("HS256 without a verifier: %s\n%s", hs.Status, titles(fs))
	}
	for _, tok := range []struct {
		alg  string
		comp string
	}{
		{"RS256", rsTok(t, "rsa2048-a", "").Compact},
		{"ES256", sign(t, "ES256", privKey(t, "p256"), nil, testPayload)},
		{"EdDSA", sign(t, "EdDSA", privKey(t, "ed25519"), nil, testPayload)},
	} {
		sig, fs := Verify(ctx, Token{Compact: tok.comp, Path: "tokens[0]"}, set, opts)
		checkFindings(t, fs)
		f, ok := findCode(fs, report.SignatureUnverified)
		if sig.Status != report.SigUnsupported || !ok || f.Title != "This build has no verifier for "+tok.alg+" signatures" ||
			f.Severity != report.Info || f.Side != report.Client || f.Path != "tokens[0].header.alg" {
			t.Errorf("%s: %+v\n%s", tok.alg, sig, titles(fs))
		}
		// Near miss: the same token with a verifier verifies.
		sig, _ = Verify(ctx, Token{Compact: tok.comp}, set, Options{Verifier: testVerifier})
		if sig.Status != report.SigVerified {
			t.Errorf("%s with a verifier: %s", tok.alg, sig.Status)
		}
	}
	// The alg allow-list is still enforced.
	_, fs = Verify(ctx, Token{Compact: rsTok(t, "rsa2048-a", "").Compact, Path: "tokens[0]"}, set, Options{Algs: []string{"ES256"}})
	if !hasError(fs, report.SignatureAlgMismatch) {
		t.Errorf("no alg_mismatch for a disallowed alg:\n%s", titles(fs))
	}
	// An off-curve EC key is still refused without a verifier.
	_, keys, lf = Load(ctx, Material{Texts: []string{offCurveJWK(t)}}, "", opts)
	if len(keys) != 0 || !strings.Contains(titles(lf), "not a point on P-256") {
		t.Errorf("off-curve key: %v\n%s", keys, titles(lf))
	}
}
