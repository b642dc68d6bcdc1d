package keys

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/lestrrat-go/jwx/v2/jwa"
)

// vcase is one Verify scenario: material, a token, and what must (and must
// not) come out.
type vcase struct {
	name     string
	material Material
	opts     Options
	token    func(t *testing.T) Token
	status   string
	code     string // finding that must be present
	severity report.Severity
	side     report.Side
	contains []string // substrings of the finding's title+evidence
	absent   []string // codes that must not be present
}

func runVerifyCases(t *testing.T, cases []vcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			opts := c.opts
			if opts.Now.IsZero() {
				opts.Now = testNow
			}
			if opts.Verifier == nil {
				opts.Verifier = testVerifier
			}
			set, _, lf := Load(ctx, c.material, "https://issuer.example", opts)
			checkFindings(t, lf)
			tok := c.token(t)
			if tok.Path == "" {
				tok.Path = "tokens[0]"
			}
			sig, fs := Verify(ctx, tok, set, opts)
			checkFindings(t, fs)
			if sig == nil {
				t.Fatal("nil signature")
			}
			if c.status != "" && sig.Status != c.status {
				t.Errorf("status = %s, want %s\n%s", sig.Status, c.status, titles(fs))
			}
			for _, a := range c.absent {
				if hasCode(fs, a) {
					t.Errorf("unexpected %s:\n%s", a, titles(fs))
				}
			}
			if c.code == "" {
				return
			}
			f, ok := findCode(fs, c.code)
			if !ok {
				t.Fatalf("no %s; got:\n%s", c.code, titles(fs))
			}
			if f.Severity != c.severity || f.Side != c.side {
				t.Errorf("%s: severity/side = %s/%s, want %s/%s", c.code, f.Severity, f.Side, c.severity, c.side)
			}
			text := f.Title + " | " + f.Evidence + " | " + f.Detail + " | " + f.Fix
			for _, s := range c.contains {
				if !strings.Contains(text, s) {
					t.Errorf("%s: %q not in %q", c.code, s, text)
				}
			}
			if f.Path == "" || !strings.HasPrefix(f.Path, "tokens[0]") {
				t.Errorf("%s: path = %q", c.code, f.Path)
			}
		})
	}
}

func rsTok(t *testing.T, keyName, kid string) Token {
	h := map[string]any{}
	if kid != "" {
		h["kid"] = kid
	}
	return Token{Compact: sign(t, jwa.RS256, privKey(t, keyName), h, testPayload)}
}

func TestVerified(t *testing.T) {
	runVerifyCases(t, []vcase{
		{
			name:     "RS256 with its kid in a JWKS",
			material: Material{Texts: []string{jwks(pubJWK(t, "rsa2048-b", map[string]any{"kid": "k0"}), pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"}))}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "k1") },
			status:   report.SigVerified, code: report.SignatureVerified, severity: report.Info, side: report.Both,
			contains: []string{`kid="k1"`, "thumbprint=", "source=jwks", `key "k1"`},
			absent:   []string{report.SignatureInvalid, report.SignatureKidNotFound},
		},
		{
			name:     "near miss: the other key of the set",
			material: Material{Texts: []string{jwks(pubJWK(t, "rsa2048-b", map[string]any{"kid": "k1"}))}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "k1") },
			status:   report.SigInvalid, absent: []string{report.SignatureVerified},
		},
		{
			name:     "ES256 with a PEM public key",
			material: Material{Texts: []string{pubPEM(t, "p256")}},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES256, privKey(t, "p256"), nil, testPayload)}
			},
			status: report.SigVerified, code: report.SignatureVerified, severity: report.Info, side: report.Both,
			contains: []string{"EC P-256", "source=pem"},
		},
		{
			name:     "ES384, ES512 and EdDSA from one text of PEM blocks",
			material: Material{Texts: []string{pubPEM(t, "p384") + "\n" + pubPEM(t, "p521") + pubPEM(t, "ed25519")}},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.EdDSA, privKey(t, "ed25519"), nil, testPayload)}
			},
			status: report.SigVerified, code: report.SignatureVerified, severity: report.Info, side: report.Both,
			contains: []string{"Ed25519", "PEM block 3"},
		},
		{
			name:     "HS256 with the secret as base64url",
			material: Material{Secret: base64.RawURLEncoding.EncodeToString(secret32)},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, secret32, nil, testPayload)}
			},
			status: report.SigVerified, code: report.SignatureVerified, severity: report.Info, side: report.Both,
			contains: []string{"read as base64url", "secret=32 bytes"},
			absent:   []string{report.SignatureWeakSecret, report.SignatureAlgMismatch},
		},
		{
			name:     "HS256 secret with a trailing newline verifies trimmed",
			material: Material{Secret: string(secret32text) + "\n"},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, secret32text, nil, testPayload)}
			},
			status: report.SigVerified, code: report.SignatureVerified, severity: report.Info, side: report.Both,
			contains: []string{"whitespace"},
		},
		{
			name:     "certificate in PEM",
			material: Material{Texts: []string{certPEM(mustCert(t, "p256", testNow.Add(-time.Hour), testNow.Add(time.Hour)))}},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES256, privKey(t, "p256"), nil, testPayload)}
			},
			status: report.SigVerified, code: report.SignatureVerified, severity: report.Info, side: report.Both,
			contains: []string{"source=certificate"},
			absent:   []string{report.KeysInvalid},
		},
	})
}

var (
	secret32     = []byte("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\xfe")
	secret32text = []byte("correct horse battery staple 2026")
)

func mustCert(t *testing.T, name string, nb, na time.Time) []byte {
	_, der := selfSigned(t, name, nb, na)
	return der
}

func TestInvalid(t *testing.T) {
	runVerifyCases(t, []vcase{
		{
			name:     "signed by another environment's key with the same kid",
			material: Material{Texts: []string{jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"}))}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-b", "k1") },
			status:   report.SigInvalid, code: report.SignatureInvalid, severity: report.Error, side: report.Both,
			contains: []string{`RS256 signature does not verify with key "k1"`, "another environment", `kid="k1"`},
			absent:   []string{report.SignatureVerified, report.SignatureKidNotFound},
		},
		{
			name:     "near miss: right key",
			material: Material{Texts: []string{jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"}))}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "k1") },
			status:   report.SigVerified, absent: []string{report.SignatureInvalid},
		},
		{
			name:     "payload modified after signing",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			token: func(t *testing.T) Token {
				c := rsTok(t, "rsa2048-a", "").Compact
				parts := strings.Split(c, ".")
				parts[1] = base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(testPayload, "u1", "admin", 1)))
				return Token{Compact: strings.Join(parts, ".")}
			},
			status: report.SigInvalid, code: report.SignatureInvalid, severity: report.Error, side: report.Both,
			contains: []string{"modified after signing"},
		},
		{
			name:     "HS256 with the wrong secret lists the encodings tried",
			material: Material{Secret: "another-secret-of-sufficient-length!"},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, secret32, nil, testPayload)}
			},
			status: report.SigInvalid, code: report.SignatureInvalid, severity: report.Error, side: report.Both,
			contains: []string{"read as utf-8", "base64 versus raw text"},
		},
		{
			name:     "PS256 with a salt length other than the hash size",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			token:    func(t *testing.T) Token { return Token{Compact: pssWithSalt(t, "rsa2048-a", 20)} },
			status:   report.SigInvalid, code: report.SignatureInvalid, severity: report.Error, side: report.Server,
			contains: []string{"salt length", "32 bytes"},
		},
		{
			name:     "near miss: PS256 with the standard salt",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			token:    func(t *testing.T) Token { return Token{Compact: pssWithSalt(t, "rsa2048-a", 32)} },
			status:   report.SigVerified, absent: []string{report.SignatureInvalid},
		},
		{
			name:     "signature segment with padding",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			token:    func(t *testing.T) Token { return Token{Compact: rsTok(t, "rsa2048-a", "").Compact + "=="} },
			status:   report.SigInvalid, code: report.SignatureInvalid, severity: report.Error, side: report.Client,
			contains: []string{"signature segment is not base64url"},
		},
	})
}

func TestUnverified(t *testing.T) {
	runVerifyCases(t, []vcase{
		{
			name: "RS256 without keys names the key and where to get it",
			token: func(t *testing.T) Token {
				tk := rsTok(t, "rsa2048-a", "k1")
				tk.Issuer = "https://issuer.example/"
				return tk
			},
			status: report.SigUnverified, code: report.SignatureUnverified, severity: report.Info, side: report.Client,
			contains: []string{`an RSA public key (≥ 2048 bits) with kid "k1"`, "Discover", "https://issuer.example/.well-known/openid-configuration", "https://issuer.example/.well-known/jwks.json"},
		},
		{
			name: "HS256 without a secret asks for the shared secret",
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, secret32, nil, testPayload)}
			},
			status: report.SigUnverified, code: report.SignatureUnverified, severity: report.Info, side: report.Client,
			contains: []string{"the shared secret the issuer signs with"},
		},
		{
			name: "jku is named, never fetched",
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"jku": "https://attacker.example/jwks"}, testPayload)}
			},
			status: report.SigUnverified, code: report.SignatureUnverified, severity: report.Info, side: report.Client,
			contains: []string{"never fetched automatically", "https://attacker.example/jwks"},
		},
		{
			name:     "near miss: a key is given",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "k1") },
			status:   report.SigVerified, absent: []string{report.SignatureUnverified},
		},
		{
			name:   "alg none is never verified and needs no finding here",
			token:  func(t *testing.T) Token { return Token{Compact: "eyJhbGciOiJub25lIn0.e30."} },
			status: report.SigUnverified, absent: []string{report.SignatureUnverified, report.SignatureVerified},
		},
		{
			name: "Ed448 is unsupported",
			token: func(t *testing.T) Token {
				return Token{Compact: "eyJhbGciOiJFZDQ0OCJ9.e30.AAAA"}
			},
			status: report.SigUnsupported, code: report.SignatureUnverified, severity: report.Info, side: report.Client,
			contains: []string{"Ed448"},
		},
	})
}

func TestKidNotFound(t *testing.T) {
	set := Material{Texts: []string{jwks(pubJWK(t, "rsa2048-b", map[string]any{"kid": "k1"}), pubJWK(t, "p256", map[string]any{"kid": "k0"}))}}
	runVerifyCases(t, []vcase{
		{
			name:     "kid absent from the JWKS lists the kids present",
			material: set,
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "k2") },
			status:   report.SigUnverified, code: report.SignatureKidNotFound, severity: report.Error, side: report.Both,
			contains: []string{`kid "k2"`, `"k0", "k1"`, "rotated"},
			absent:   []string{report.SignatureVerified},
		},
		{
			name:     "near miss: the kid is present",
			material: set,
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-b", "k1") },
			status:   report.SigVerified, absent: []string{report.SignatureKidNotFound},
		},
		{
			name:     "wrong kid, but another key of the set verifies",
			material: set,
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-b", "k-old") },
			status:   report.SigVerified, code: report.SignatureKidNotFound, severity: report.Error, side: report.Both,
			contains: []string{`kid "k-old"`, `verifies with key "k1"`},
		},
	})
}

func TestAlgMismatch(t *testing.T) {
	runVerifyCases(t, []vcase{
		{
			name:     "RS256 token, EC key",
			material: Material{Texts: []string{pubJWK(t, "p256", map[string]any{"kid": "e1"})}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "e1") },
			status:   report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{`RS256 needs an RSA key, but key "e1" is an EC P-256 key`},
		},
		{
			name:     "HS256 token, RSA key",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, secret32, nil, testPayload)}
			},
			status: report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{"HS256 needs a shared secret (oct), but the public key in PEM block 1 (line 1) of the pasted key text is an RSA key"},
			absent:   []string{report.SignatureAlgConfusion},
		},
		{
			name:     "ES384 token, P-256 key",
			material: Material{Texts: []string{pubPEM(t, "p256")}},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES384, privKey(t, "p384"), nil, testPayload)}
			},
			status: report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{"ES384 needs an EC P-384 key", "is on P-256"},
		},
		{
			name:     "JWK alg differs from the token's",
			material: Material{Texts: []string{pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1", "alg": "PS256"})}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "k1") },
			status:   report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{`declared for PS256`, "would verify mathematically"},
		},
		{
			name:     "JWK with use enc",
			material: Material{Texts: []string{pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1", "use": "enc"})}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "k1") },
			status:   report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{`"use": "enc"`},
		},
		{
			name:     "JWK key_ops without verify",
			material: Material{Texts: []string{pubJWK(t, "rsa2048-a", map[string]any{"key_ops": []string{"encrypt"}})}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "") },
			status:   report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{`without "verify"`},
		},
		{
			name:     "alg not in the allowed list",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			opts:     Options{Verifier: testVerifier, Algs: []string{"ES256", "PS256"}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "") },
			status:   report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{"not among the allowed algorithms (ES256, PS256)", "signature itself verifies"},
		},
		{
			name:     "unknown alg",
			material: Material{Texts: []string{pubPEM(t, "rsa2048-a")}},
			token:    func(t *testing.T) Token { return Token{Compact: "eyJhbGciOiJyczI1NiJ9.e30.AAAA"} },
			status:   report.SigUnsupported, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Client,
			contains: []string{`"rs256"`, "did you mean RS256"},
		},
		{
			name:     "1024-bit RSA key matches but is refused (RFC 7518 MUST)",
			material: Material{Texts: []string{pubPEM(t, "rsa1024")}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa1024", "") },
			status:   report.SigUntrusted, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Server,
			absent:   []string{report.SignatureVerified},
			contains: []string{"only 1024 bits", "at least 2048"},
		},
		{
			name:     "short HS256 secret matches but is refused (RFC 7518 MUST)",
			material: Material{Secret: "a-short-secret"},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, []byte("a-short-secret"), nil, testPayload)}
			},
			status: report.SigUntrusted, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Server,
			absent:   []string{report.SignatureVerified},
			contains: []string{"only 14 bytes", "at least 32"},
		},
		{
			name:     "near miss: RS256 token, RSA key with alg RS256",
			material: Material{Texts: []string{pubJWK(t, "rsa2048-a", map[string]any{"alg": "RS256", "use": "sig", "key_ops": []string{"verify"}})}},
			opts:     Options{Verifier: testVerifier, Algs: []string{"RS256"}},
			token:    func(t *testing.T) Token { return rsTok(t, "rsa2048-a", "") },
			status:   report.SigVerified, absent: []string{report.SignatureAlgMismatch},
		},
	})
}

func TestAlgConfusion(t *testing.T) {
	pemText := pubPEM(t, "rsa2048-a")
	jwkText := pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"})
	blk := strings.TrimSpace(pemText)
	der, _ := base64.StdEncoding.DecodeString(strings.Join(strings.Split(blk, "\n")[1:len(strings.Split(blk, "\n"))-1], ""))
	hs := func(secret string) func(t *testing.T) Token {
		return func(t *testing.T) Token {
			return Token{Compact: signHMAC(`{"alg":"HS256","typ":"JWT"}`, testPayload, []byte(secret))}
		}
	}
	runVerifyCases(t, []vcase{
		{
			name: "HMAC keyed with the PEM text as given", material: Material{Texts: []string{pemText}}, token: hs(pemText),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"HS256 signature verifies with the public key's bytes as the HMAC secret (the PEM block as given"},
			absent:   []string{report.SignatureVerified, report.SignatureAlgMismatch},
		},
		{
			name: "HMAC keyed with the PEM without its trailing newline", material: Material{Texts: []string{pemText}}, token: hs(strings.TrimSpace(pemText)),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"trimmed"},
		},
		{
			name: "HMAC keyed with the DER", material: Material{Texts: []string{pemText}}, token: hs(string(der)),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"DER"},
		},
		{
			name: "HMAC keyed with the JWK JSON as given", material: Material{Texts: []string{jwkText}}, token: hs(jwkText),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"JWK JSON", `key "k1"`},
		},
		{
			name: "HMAC keyed with the canonical PEM when a JWK was given", material: Material{Texts: []string{jwkText}}, token: hs(pemText),
			status: report.SigInvalid, code: report.SignatureAlgConfusion, severity: report.Error, side: report.Server,
			contains: []string{"public key's PEM text"},
		},
		{
			name: "near miss: HMAC with an unrelated secret", material: Material{Texts: []string{pemText}}, token: hs("unrelated secret, long enough to be fine"),
			status: report.SigInvalid, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			absent: []string{report.SignatureAlgConfusion},
		},
	})
}

func TestWeakSecret(t *testing.T) {
	runVerifyCases(t, []vcase{
		{
			name: "jwt.io's default secret, no key given",
			token: func(t *testing.T) Token {
				return Token{Compact: signHMAC(`{"alg":"HS256","typ":"JWT"}`, testPayload, []byte("your-256-bit-secret"))}
			},
			status: report.SigUntrusted, code: report.SignatureWeakSecret, severity: report.Error, side: report.Server,
			contains: []string{`"your-256-bit-secret"`, "jwt.io", "anyone can sign"},
			absent:   []string{report.SignatureUnverified, report.SignatureVerified},
		},
		{
			name: "secret, HS384",
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS384, []byte("secret"), nil, testPayload)}
			},
			status: report.SigUntrusted, code: report.SignatureWeakSecret, severity: report.Error, side: report.Server,
			contains: []string{`"secret"`, "HS384", "48 bytes"},
		},
		{
			name:   "empty secret",
			token:  func(t *testing.T) Token { return Token{Compact: signHMAC(`{"alg":"HS256"}`, testPayload, nil)} },
			status: report.SigUntrusted, code: report.SignatureWeakSecret, severity: report.Error, side: report.Server,
			contains: []string{"empty"},
		},
		{
			name:     "the user's own secret is a well-known one",
			material: Material{Secret: "keyboard cat"},
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, []byte("keyboard cat"), nil, testPayload)}
			},
			status: report.SigUntrusted, code: report.SignatureWeakSecret, severity: report.Error, side: report.Server,
			contains: []string{`"keyboard cat"`},
		},
		{
			name:     "the server's secret differs from the weak one the token was signed with",
			material: Material{Secret: string(secret32text)},
			token: func(t *testing.T) Token {
				return Token{Compact: signHMAC(`{"alg":"HS256"}`, testPayload, []byte("changeme"))}
			},
			status: report.SigInvalid, code: report.SignatureWeakSecret, severity: report.Error, side: report.Server,
			contains: []string{`"changeme"`},
		},
		{
			name:     "HS256 with a well-known secret against an RSA-only JWKS: the key type refuses it first",
			material: Material{Texts: []string{jwks(pubJWK(t, "rsa2048-b", nil))}},
			token: func(t *testing.T) Token {
				return Token{Compact: signHMAC(`{"alg":"HS256"}`, testPayload, []byte("secret"))}
			},
			status: report.SigUntrusted, code: report.SignatureAlgMismatch, severity: report.Error, side: report.Both,
			contains: []string{"RSA", "well-known example secret"},
		},
		{
			name: "near miss: a random secret",
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.HS256, secret32, nil, testPayload)}
			},
			status: report.SigUnverified, absent: []string{report.SignatureWeakSecret},
		},
	})
}

func TestUntrustedKey(t *testing.T) {
	attackerJWK := func(t *testing.T) map[string]any {
		return jsonMap(t, pubJWK(t, "p384", map[string]any{"kid": "kid-ec"}))
	}
	legit := Material{Texts: []string{jwks(pubJWK(t, "p256", map[string]any{"kid": "kid-ec"}))}}
	cert, der := selfSigned(t, "p256", testNow.Add(-time.Hour), testNow.Add(time.Hour))
	_ = cert
	runVerifyCases(t, []vcase{
		{
			name:     "embedded jwk of the attacker, legit key supplied",
			material: legit,
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES384, privKey(t, "p384"), map[string]any{"kid": "kid-ec", "jwk": attackerJWK(t)}, testPayload)}
			},
			status: report.SigUntrusted, code: report.SignatureUntrustedKey, severity: report.Error, side: report.Both,
			contains: []string{"only with the jwk the token carries", "source=token-header"},
			absent:   []string{report.SignatureVerified},
		},
		{
			name: "embedded jwk, no key supplied",
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES384, privKey(t, "p384"), map[string]any{"jwk": attackerJWK(t)}, testPayload)}
			},
			status: report.SigUntrusted, code: report.SignatureUntrustedKey, severity: report.Error, side: report.Both,
			contains: []string{"No trusted key was supplied"},
		},
		{
			name: "embedded x5c certificate",
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"x5c": []string{base64.StdEncoding.EncodeToString(der)}}, testPayload)}
			},
			status: report.SigUntrusted, code: report.SignatureUntrustedKey, severity: report.Error, side: report.Both,
			contains: []string{"x5c certificate"},
		},
		{
			name:     "near miss: embedded jwk is the supplied key",
			material: legit,
			token: func(t *testing.T) Token {
				return Token{Compact: sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"kid": "kid-ec", "jwk": jsonMap(t, pubJWK(t, "p256", nil))}, testPayload)}
			},
			status: report.SigVerified, absent: []string{report.SignatureUntrustedKey},
		},
	})
}
