package keys

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/lestrrat-go/jwx/v2/jwa"
)

type lcase struct {
	name     string
	material Material
	issuer   string
	fetcher  discovery.Fetcher
	keys     int // usable keys expected
	code     string
	severity report.Severity
	side     report.Side
	contains []string
	span     bool // the finding must carry a Span
	absent   []string
}

func runLoadCases(t *testing.T, cases []lcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set, keys, fs := Load(context.Background(), c.material, c.issuer, Options{Verifier: testVerifier, Now: testNow, Fetcher: c.fetcher})
			checkFindings(t, fs)
			if set == nil {
				t.Fatal("nil set")
			}
			if set.Len() != c.keys || len(keys) != c.keys {
				t.Errorf("keys = %d (%d described), want %d\n%s", set.Len(), len(keys), c.keys, titles(fs))
			}
			for _, a := range c.absent {
				if hasCode(fs, a) {
					t.Errorf("unexpected %s:\n%s", a, titles(fs))
				}
			}
			if c.code == "" {
				return
			}
			var f report.Finding
			found := false
			for _, x := range fs {
				if x.Code == c.code && containsAll(x.Title+" | "+x.Evidence+" | "+x.Detail+" | "+x.Fix, c.contains) {
					f, found = x, true
					break
				}
			}
			if !found {
				t.Fatalf("no %s containing %q; got:\n%s", c.code, c.contains, titles(fs))
			}
			if f.Severity != c.severity || f.Side != c.side {
				t.Errorf("severity/side = %s/%s, want %s/%s", f.Severity, f.Side, c.severity, c.side)
			}
			if c.span && f.Span == nil {
				t.Errorf("no span on %q", f.Title)
			}
		})
	}
}

func containsAll(s string, subs []string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

func TestKeysInvalid(t *testing.T) {
	good := pubPEM(t, "rsa2048-a")
	broken := strings.Replace(pubPEM(t, "p256"), "M", "!", 3)
	rocaN := rocaModulus(t)
	runLoadCases(t, []lcase{
		{
			name:     "second PEM block is cut",
			material: Material{Texts: []string{good + broken}, TextOffsets: []int{100}},
			keys:     1, code: report.KeysInvalid, severity: report.Warning, side: report.Client, span: true,
			contains: []string{"PEM block 2 (line 10)", "does not decode"},
		},
		{
			name:     "near miss: two good blocks",
			material: Material{Texts: []string{good + pubPEM(t, "p256")}},
			keys:     2, absent: []string{report.KeysInvalid},
		},
		{
			name:     "JWKS key 1 has a bad n",
			material: Material{Texts: []string{jwks(pubJWK(t, "p256", map[string]any{"kid": "a"}), `{"kty":"RSA","kid":"b","e":"AQAB","n":"abc$def"}`)}, TextOffsets: []int{0}},
			keys:     1, code: report.KeysInvalid, severity: report.Warning, side: report.Client, span: true,
			contains: []string{`"n"`, "keys[1]", "not base64url"},
		},
		{
			name:     "JWK with standard base64 n says so",
			material: Material{Texts: []string{`{"kty":"RSA","e":"AQAB","n":"ab+/cd=="}`}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"standard base64"},
		},
		{
			name:     "JSON syntax error gives line, column and offset",
			material: Material{Texts: []string{"{\n  \"keys\": [\n    {\"kty\": \"EC\",}\n  ]\n}"}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"line 3, column", "byte "},
		},
		{
			name:     "missing member",
			material: Material{Texts: []string{`{"keys":[{"kty":"EC","crv":"P-256","x":"AQAB"}]}`}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{`lacks the member "y"`, "keys[0]"},
		},
		{
			name:     "private key PEM is used with a warning",
			material: Material{Texts: []string{fixture(t, "p256.key.pem")}},
			keys:     1, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"private key was pasted", "Never paste private keys"},
		},
		{
			name:     "private JWK is used with a warning",
			material: Material{Texts: []string{privJWK(t, "p256")}},
			keys:     1, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{`private key (it has "d")`},
		},
		{
			name:     "near miss: public JWK",
			material: Material{Texts: []string{pubJWK(t, "p256", nil)}},
			keys:     1, absent: []string{report.KeysInvalid},
		},
		{
			name:     "expired certificate still loads, with a warning",
			material: Material{Texts: []string{certPEM(mustCert(t, "p256", testNow.Add(-48*time.Hour), testNow.Add(-24*time.Hour)))}},
			keys:     1, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"expired 2026-11-21T09:00:00Z"},
		},
		{
			name:     "near miss: certificate valid now",
			material: Material{Texts: []string{certPEM(mustCert(t, "p256", testNow.Add(-48*time.Hour), testNow.Add(24*time.Hour)))}},
			keys:     1, absent: []string{report.KeysInvalid},
		},
		{
			name:     "ROCA-vulnerable RSA key is refused",
			material: Material{Texts: []string{`{"kty":"RSA","e":"AQAB","n":"` + rocaN + `"}`}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"ROCA", "CVE-2017-15361"},
		},
		{
			name:     "EC point not on the curve",
			material: Material{Texts: []string{offCurveJWK(t)}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"not a point on P-256"},
		},
		{
			name:     "RSA exponent 1",
			material: Material{Texts: []string{`{"kty":"RSA","e":"AQ","n":"` + b64(make2048(t)) + `"}`}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"public exponent is 1"},
		},
		{
			name:     "discovery document pasted instead of keys",
			material: Material{Texts: []string{`{"issuer":"https://i.example","jwks_uri":"https://i.example/keys"}`}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"discovery metadata", "https://i.example/keys"},
		},
		{
			name:     "bare base64 DER public key is accepted",
			material: Material{Texts: []string{bareB64(pubPEM(t, "rsa2048-a"))}},
			keys:     1, absent: []string{report.KeysInvalid},
		},
		{
			name:     "garbage",
			material: Material{Texts: []string{"hello, I am not a key"}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"not a key"},
		},
		{
			name:     "OpenSSH public key",
			material: Material{Texts: []string{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx user@host"}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"ssh-keygen -e -m PKCS8"},
		},
		{
			name:     "escaped PEM from a JSON string",
			material: Material{Texts: []string{`"` + strings.ReplaceAll(good, "\n", `\n`) + `"`}},
			keys:     1, absent: []string{report.KeysInvalid},
		},
		{
			name:     "duplicate kid for two different keys",
			material: Material{Texts: []string{jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "same"}), pubJWK(t, "rsa2048-b", map[string]any{"kid": "same"}))}},
			keys:     2, code: report.KeysInvalid, severity: report.Warning, side: report.Server,
			contains: []string{`kid "same" names 2 different keys`},
		},
		{
			name:     "secret and public key in one set",
			material: Material{Texts: []string{jwks(`{"kty":"oct","k":"`+b64(secret32)+`"}`, pubJWK(t, "p256", nil))}},
			keys:     2, code: report.KeysInvalid, severity: report.Warning, side: report.Server,
			contains: []string{"mixes shared secrets"},
		},
		{
			name:     "X25519 is not a signature key",
			material: Material{Texts: []string{`{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}`}},
			keys:     0, code: report.KeysInvalid, severity: report.Warning, side: report.Client,
			contains: []string{"not a signature key"},
		},
	})
}

func TestSecretEncodings(t *testing.T) {
	_, keys, _ := Load(context.Background(), Material{Secret: "c2VjcmV0LXdpdGgtLWRhc2hlcw"}, "", Options{Verifier: testVerifier})
	var encs []string
	for _, k := range keys {
		if k.Source != "secret" || k.Kty != "oct" || k.Thumbprint != "" {
			t.Errorf("secret described as %+v", k)
		}
		encs = append(encs, k.Encoding)
	}
	if strings.Join(encs, ",") != "utf-8,base64" {
		t.Errorf("encodings = %v", encs)
	}
	// A secret with - and _ is tried as base64url, and its description never
	// carries the secret.
	s := base64.RawURLEncoding.EncodeToString([]byte{0xfb, 0xff, 0xfe, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	_, keys, _ = Load(context.Background(), Material{Secret: s}, "", Options{Verifier: testVerifier})
	b, _ := json.Marshal(keys)
	if !strings.Contains(string(b), `"base64url"`) || strings.Contains(string(b), s) {
		t.Errorf("keys = %s", b)
	}
}

func TestFetchFailed(t *testing.T) {
	const u = "https://issuer.example/.well-known/jwks.json"
	runLoadCases(t, []lcase{
		{
			name:     "CORS is named, with the paste and relay ways out",
			material: Material{JWKSURL: u},
			fetcher:  newFake(map[string]fakeDoc{u: {err: fmt.Errorf("fetch: %w", discovery.ErrCORS)}}),
			code:     report.KeysFetchFailed, severity: report.Warning, side: report.Client,
			contains: []string{"(CORS)", "Access-Control-Allow-Origin", "Open " + u + " in a new tab", "--jwks-relay"},
		},
		{
			name:     "404 from the JWKS URL",
			material: Material{JWKSURL: u},
			fetcher:  newFake(nil),
			code:     report.KeysFetchFailed, severity: report.Error, side: report.Server,
			contains: []string{"HTTP 404", u},
		},
		{
			name:     "no fetcher in this build",
			material: Material{JWKSURL: u},
			code:     report.KeysFetchFailed, severity: report.Warning, side: report.Client,
			contains: []string{"no fetcher in this build"},
		},
		{
			name:     "network error",
			material: Material{JWKSURL: u},
			fetcher:  newFake(map[string]fakeDoc{u: {err: errBoom}}),
			code:     report.KeysFetchFailed, severity: report.Warning, side: report.Client,
			contains: []string{"connection refused"},
		},
		{
			name:     "not an http URL",
			material: Material{JWKSURL: "file:///etc/passwd"},
			fetcher:  newFake(nil),
			code:     report.KeysFetchFailed, severity: report.Warning, side: report.Client,
			contains: []string{"only http(s)"},
		},
		{
			name:     "HTML instead of a JWKS",
			material: Material{JWKSURL: u},
			fetcher:  newFake(map[string]fakeDoc{u: {body: "<!DOCTYPE html><html>login</html>"}}),
			code:     report.KeysInvalid, severity: report.Error, side: report.Server,
			contains: []string{"is not JSON", "an HTML page (33 bytes)"},
		},
		{
			name:     "near miss: the JWKS is served",
			material: Material{JWKSURL: u},
			fetcher:  newFake(map[string]fakeDoc{u: {body: jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"}))}}),
			keys:     1, absent: []string{report.KeysFetchFailed, report.KeysInvalid},
		},
		{
			name:     "discovery blocked by CORS",
			material: Material{Discover: true},
			issuer:   "https://issuer.example",
			fetcher:  newFake(map[string]fakeDoc{"https://issuer.example/.well-known/openid-configuration": {err: discovery.ErrCORS}}),
			code:     report.KeysFetchFailed, severity: report.Warning, side: report.Client,
			contains: []string{"(CORS)", "https://issuer.example/.well-known/openid-configuration", "--jwks-relay"},
		},
		{
			name:     "discovery without iss",
			material: Material{Discover: true},
			fetcher:  newFake(nil),
			code:     report.KeysFetchFailed, severity: report.Warning, side: report.Client,
			contains: []string{"no iss claim"},
		},
		{
			name:     "discovery where every metadata URL fails lists them",
			material: Material{Discover: true},
			issuer:   "https://issuer.example/realms/x",
			fetcher:  newFake(nil),
			code:     report.KeysFetchFailed, severity: report.Warning, side: report.Client,
			contains: []string{"https://issuer.example/realms/x/.well-known/openid-configuration", "https://issuer.example/.well-known/oauth-authorization-server/realms/x"},
		},
	})
}

func TestDiscovery(t *testing.T) {
	const iss = "https://issuer.example/tenant1"
	jwksURL := "https://keys.issuer.example/t1/jwks"
	ff := newFake(map[string]fakeDoc{
		"https://issuer.example/.well-known/oauth-authorization-server/tenant1": {body: `{"issuer":"` + iss + `","jwks_uri":"` + jwksURL + `"}`},
		jwksURL: {body: jwks(pubJWK(t, "p256", map[string]any{"kid": "d1"}))},
	})
	// The user expects this issuer: keys discovered from it are trusted.
	set, keys, fs := Load(context.Background(), Material{Discover: true}, iss, Options{Verifier: testVerifier, Fetcher: ff, ExpectedIssuer: iss})
	checkFindings(t, fs)
	if len(fs) != 0 {
		t.Errorf("findings: %s", titles(fs))
	}
	want := []string{
		iss + "/.well-known/openid-configuration",
		iss + "/.well-known/oauth-authorization-server",
		"https://issuer.example/.well-known/oauth-authorization-server/tenant1",
		jwksURL,
	}
	if strings.Join(ff.log, " ") != strings.Join(want, " ") {
		t.Errorf("fetched %v, want %v", ff.log, want)
	}
	if len(keys) != 1 || keys[0].Source != "discovery" || keys[0].Origin != jwksURL {
		t.Fatalf("keys = %+v", keys)
	}
	tok := Token{Compact: sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"kid": "d1"}, testPayload)}
	sig, _ := Verify(context.Background(), tok, set, Options{Verifier: testVerifier})
	if sig.Status != report.SigVerified || sig.Key.Source != "discovery" {
		t.Errorf("sig = %+v", sig)
	}

	t.Run("issuer mismatch in metadata", func(t *testing.T) {
		ff := newFake(map[string]fakeDoc{
			iss + "/.well-known/openid-configuration": {body: `{"issuer":"` + iss + `/","jwks_uri":"` + jwksURL + `"}`},
			jwksURL: {body: jwks(pubJWK(t, "p256", nil))},
		})
		_, _, fs := Load(context.Background(), Material{Discover: true}, iss, Options{Verifier: testVerifier, Fetcher: ff})
		f, ok := findCode(fs, report.KeysInvalid)
		if !ok || !strings.Contains(f.Title, `names the issuer "`+iss+`/"`) || f.Severity != report.Warning || f.Side != report.Server {
			t.Errorf("findings: %s", titles(fs))
		}
	})
	t.Run("near miss: OIDC discovery answers first", func(t *testing.T) {
		ff := newFake(map[string]fakeDoc{
			iss + "/.well-known/openid-configuration": {body: `{"issuer":"` + iss + `","jwks_uri":"` + jwksURL + `"}`},
			jwksURL: {body: jwks(pubJWK(t, "p256", nil))},
		})
		_, keys, fs := Load(context.Background(), Material{Discover: true}, iss, Options{Verifier: testVerifier, Fetcher: ff})
		if len(fs) != 0 || len(keys) != 1 || len(ff.log) != 2 {
			t.Errorf("log %v findings %s", ff.log, titles(fs))
		}
	})
	t.Run("never fetches unless asked", func(t *testing.T) {
		ff := newFake(nil)
		Load(context.Background(), Material{Texts: []string{pubPEM(t, "p256")}}, iss, Options{Verifier: testVerifier, Fetcher: ff})
		if len(ff.log) != 0 {
			t.Errorf("fetched %v", ff.log)
		}
	})
}

func TestCache(t *testing.T) {
	const u = "https://issuer.example/jwks"
	now := testNow
	clock := func() time.Time { return now }
	ff := newFake(map[string]fakeDoc{u: {body: jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"}))}})
	c := discovery.NewCache(ff, 5*time.Minute, clock)
	ctx := context.Background()

	t.Run("TTL", func(t *testing.T) {
		for i := 0; i < 3; i++ {
			if _, err := c.Fetch(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		if n := ff.count(u); n != 1 {
			t.Errorf("upstream hits = %d, want 1", n)
		}
		now = now.Add(5*time.Minute + time.Second)
		if _, err := c.Fetch(ctx, u); err != nil {
			t.Fatal(err)
		}
		if n := ff.count(u); n != 2 {
			t.Errorf("after TTL upstream hits = %d, want 2", n)
		}
	})

	t.Run("errors are not cached", func(t *testing.T) {
		c := discovery.NewCache(newFake(nil), time.Minute, clock)
		if _, err := c.Fetch(ctx, "https://x.example/missing"); err == nil {
			t.Fatal("want error")
		}
		if _, ok := c.Age("https://x.example/missing"); ok {
			t.Error("error was cached")
		}
	})

	t.Run("kid miss re-fetches exactly once", func(t *testing.T) {
		// The cached JWKS is a minute old; the issuer has rotated to k2.
		now = now.Add(time.Minute)
		set, _, _ := Load(ctx, Material{JWKSURL: u}, "", Options{Verifier: testVerifier, Fetcher: c})
		before := ff.count(u)
		ff.set(u, jwks(pubJWK(t, "rsa2048-b", map[string]any{"kid": "k2"})))
		sig, fs := Verify(ctx, rsTok(t, "rsa2048-b", "k2"), set, Options{Verifier: testVerifier, Fetcher: c})
		if sig.Status != report.SigVerified || sig.Key.Kid != "k2" {
			t.Fatalf("sig = %+v\n%s", sig, titles(fs))
		}
		f, _ := findCode(fs, report.SignatureVerified)
		if !strings.Contains(f.Detail, "fetched again") {
			t.Errorf("verified detail does not mention the re-fetch: %q", f.Detail)
		}
		if n := ff.count(u) - before; n != 1 {
			t.Errorf("re-fetches = %d, want 1", n)
		}
		// Another unknown kid in the same analysis: no further fetch.
		sig, fs = Verify(ctx, rsTok(t, "rsa2048-a", "k3"), set, Options{Verifier: testVerifier, Fetcher: c})
		if sig.Status == report.SigVerified || !hasCode(fs, report.SignatureKidNotFound) {
			t.Errorf("sig = %+v\n%s", sig, titles(fs))
		}
		if n := ff.count(u) - before; n != 1 {
			t.Errorf("re-fetches = %d, want still 1", n)
		}
	})

	t.Run("re-fetch is rate-limited", func(t *testing.T) {
		// A fresh analysis right after: the cached copy is seconds old.
		now = now.Add(5 * time.Second)
		set, _, _ := Load(ctx, Material{JWKSURL: u}, "", Options{Verifier: testVerifier, Fetcher: c})
		before := ff.count(u)
		_, fs := Verify(ctx, rsTok(t, "rsa2048-a", "k9"), set, Options{Verifier: testVerifier, Fetcher: c})
		f, ok := findCode(fs, report.SignatureKidNotFound)
		if !ok || !strings.Contains(f.Detail, "was not fetched again") {
			t.Errorf("kid_not_found should say the re-fetch was skipped:\n%s\n%s", titles(fs), f.Detail)
		}
		if ff.count(u) != before {
			t.Error("rate-limited re-fetch reached the upstream")
		}
	})

	t.Run("a plain fetcher is never re-fetched", func(t *testing.T) {
		ff := newFake(map[string]fakeDoc{u: {body: jwks(pubJWK(t, "rsa2048-a", map[string]any{"kid": "k1"}))}})
		set, _, _ := Load(ctx, Material{JWKSURL: u}, "", Options{Verifier: testVerifier, Fetcher: ff})
		Verify(ctx, rsTok(t, "rsa2048-a", "k5"), set, Options{Verifier: testVerifier, Fetcher: ff})
		if ff.count(u) != 1 {
			t.Errorf("hits = %d", ff.count(u))
		}
	})
}
