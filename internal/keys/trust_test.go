package keys

import (
	"context"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/lestrrat-go/jwx/v2/jwa"
)

// A token must not vouch for itself: keys discovery found from the
// token's own iss are trusted only when the user expects that issuer, or
// typed the JWKS URL.
func TestDiscoveryTrust(t *testing.T) {
	const evil = "https://evil.example"
	jwksURL := evil + "/jwks"
	docs := func() *fakeFetcher {
		return newFake(map[string]fakeDoc{
			evil + "/.well-known/openid-configuration": {body: `{"issuer":"` + evil + `","jwks_uri":"` + jwksURL + `"}`},
			jwksURL: {body: jwks(pubJWK(t, "p256", map[string]any{"kid": "e1"}))},
		})
	}
	tok := Token{Compact: sign(t, jwa.ES256, privKey(t, "p256"), map[string]any{"kid": "e1"}, `{"iss":"`+evil+`","sub":"u1"}`), Issuer: evil}
	cases := []struct {
		name     string
		material Material
		expect   string
		want     string
		code     string
	}{
		{"iss-derived, no expectation: untrusted", Material{Discover: true}, "", report.SigUntrusted, report.SignatureUntrustedKey},
		{"iss-derived, another issuer expected: untrusted", Material{Discover: true}, "https://login.example", report.SigUntrusted, report.SignatureUntrustedKey},
		{"iss-derived, trailing slash differs: untrusted", Material{Discover: true}, evil + "/", report.SigUntrusted, report.SignatureUntrustedKey},
		{"expected issuer equals iss: verified", Material{Discover: true}, evil, report.SigVerified, report.SignatureVerified},
		{"typed JWKS URL: verified", Material{JWKSURL: jwksURL}, "", report.SigVerified, report.SignatureVerified},
		{"typed JWKS URL that discovery also names: verified", Material{JWKSURL: jwksURL, Discover: true}, "", report.SigVerified, report.SignatureVerified},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{Verifier: testVerifier, Fetcher: docs(), ExpectedIssuer: c.expect}
			set, _, lfs := Load(context.Background(), c.material, evil, opts)
			sig, fs := Verify(context.Background(), tok, set, opts)
			checkFindings(t, fs)
			if sig.Status != c.want {
				t.Fatalf("status %q, want %q\n%s%s", sig.Status, c.want, titles(lfs), titles(fs))
			}
			f, ok := findCode(fs, c.code)
			if !ok {
				t.Fatalf("no %s:\n%s", c.code, titles(fs))
			}
			if c.code == report.SignatureUntrustedKey {
				if f.Severity != report.Error || !strings.Contains(f.Title, evil) || !strings.Contains(f.Fix, "--iss") {
					t.Errorf("finding %+v", f)
				}
				if hasCode(fs, report.SignatureVerified) {
					t.Errorf("also verified:\n%s", titles(fs))
				}
			}
		})
	}
}

// http:// issuers and jwks_uris are flagged and not followed unless
// AllowHTTP is set (OpenID Connect Discovery and RFC 8414 require https).
func TestDiscoveryHTTP(t *testing.T) {
	const httpIss = "http://issuer.example"
	const httpsIss = "https://issuer.example"
	cases := []struct {
		name      string
		iss       string
		docs      map[string]fakeDoc
		allow     bool
		wantFetch int
		flagged   string
	}{
		{"http issuer not followed", httpIss, map[string]fakeDoc{
			httpIss + "/.well-known/openid-configuration": {body: `{"jwks_uri":"http://issuer.example/jwks"}`},
		}, false, 0, httpIss},
		{"http jwks_uri not followed", httpsIss, map[string]fakeDoc{
			httpsIss + "/.well-known/openid-configuration": {body: `{"jwks_uri":"http://issuer.example/jwks"}`},
			"http://issuer.example/jwks":                   {body: jwks(pubJWK(t, "p256", nil))},
		}, false, 1, "http://issuer.example/jwks"},
		{"http issuer followed with AllowHTTP", httpIss, map[string]fakeDoc{
			httpIss + "/.well-known/openid-configuration": {body: `{"jwks_uri":"http://issuer.example/jwks"}`},
			"http://issuer.example/jwks":                  {body: jwks(pubJWK(t, "p256", nil))},
		}, true, 2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ff := newFake(c.docs)
			_, _, fs := Load(context.Background(), Material{Discover: true}, c.iss, Options{Verifier: testVerifier, Fetcher: ff, AllowHTTP: c.allow})
			checkFindings(t, fs)
			if len(ff.log) != c.wantFetch {
				t.Errorf("fetched %v, want %d fetches", ff.log, c.wantFetch)
			}
			f, ok := findCode(fs, report.KeysFetchFailed)
			if c.flagged == "" {
				if ok {
					t.Errorf("flagged: %s", titles(fs))
				}
				return
			}
			if !ok || !strings.Contains(f.Title, c.flagged) || !strings.Contains(f.Detail, "https") || !strings.Contains(f.Fix, "--allow-http") {
				t.Errorf("findings:\n%s%+v", titles(fs), f)
			}
		})
	}
}

// A body that is not JSON is described, never quoted: the fetch may have
// reached something that was not meant to be read.
func TestNonJSONBodyNotQuoted(t *testing.T) {
	const secret = "ROOT-PASSWORD-hunter2"
	const u = "https://issuer.example/jwks"
	const iss = "https://issuer.example"
	cases := []struct {
		name     string
		material Material
		docs     map[string]fakeDoc
		contains []string
	}{
		{"HTML JWKS", Material{JWKSURL: u}, map[string]fakeDoc{u: {body: "<!DOCTYPE html><html>" + secret + "</html>"}}, []string{"HTML", "bytes"}},
		{"text JWKS", Material{JWKSURL: u}, map[string]fakeDoc{u: {body: secret + " and more"}}, []string{"text", "bytes"}},
		{"binary JWKS", Material{JWKSURL: u}, map[string]fakeDoc{u: {body: "\x00\x01" + secret}}, []string{"bytes"}},
		{"broken JSON JWKS", Material{JWKSURL: u}, map[string]fakeDoc{u: {body: "{oops " + secret}}, []string{"bytes"}},
		{"JSON that is no JWKS", Material{JWKSURL: u}, map[string]fakeDoc{u: {body: `{"password":"` + secret + `"}`}}, []string{"bytes"}},
		{"JSON that is no object", Material{JWKSURL: u}, map[string]fakeDoc{u: {body: `"` + secret + `"`}}, []string{"bytes"}},
		{"text metadata", Material{Discover: true}, map[string]fakeDoc{iss + "/.well-known/openid-configuration": {body: secret}}, []string{"text", "bytes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, fs := Load(context.Background(), c.material, iss, Options{Verifier: testVerifier, Fetcher: newFake(c.docs)})
			checkFindings(t, fs)
			if len(fs) == 0 {
				t.Fatal("no finding")
			}
			all := ""
			for _, f := range fs {
				all += f.Title + "\n" + f.Detail + "\n" + f.Fix + "\n" + f.Evidence + "\n"
			}
			for _, leak := range []string{secret, "ROOT", "<!DOCTYPE", "<html"} {
				if strings.Contains(all, leak) {
					t.Errorf("a finding quotes the body (%q):\n%s", leak, all)
				}
			}
			for _, w := range c.contains {
				if !strings.Contains(all, w) {
					t.Errorf("findings do not say %q:\n%s", w, all)
				}
			}
		})
	}
}
