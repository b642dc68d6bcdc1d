package analyze

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/report"
)

// forged is an ES256 token an attacker signed with their own key, naming
// their own host as iss, with the documents that host serves.
func forged(t *testing.T, iss string) (tok string, docs map[string]string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p := access(map[string]any{"iss": iss})
	in := seg(map[string]any{"alg": "ES256", "kid": "evil"}) + "." + seg(p)
	h := sha256.Sum256([]byte(in))
	r, s, err := ecdsa.Sign(rand.Reader, k, h[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	tok = in + "." + b64.EncodeToString(sig)
	x, y := make([]byte, 32), make([]byte, 32)
	k.X.FillBytes(x)
	k.Y.FillBytes(y)
	set, _ := json.Marshal(map[string]any{"keys": []any{map[string]any{"kty": "EC", "crv": "P-256", "kid": "evil", "x": b64.EncodeToString(x), "y": b64.EncodeToString(y)}}})
	base := strings.TrimRight(iss, "/")
	return tok, map[string]string{
		base + "/.well-known/openid-configuration": `{"issuer":"` + iss + `","jwks_uri":"` + base + `/jwks"}`,
		base + "/jwks": string(set),
	}
}

type docFetcher struct {
	mu   sync.Mutex
	docs map[string]string
	log  []string
}

func (f *docFetcher) Fetch(_ context.Context, u string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = append(f.log, u)
	if b, ok := f.docs[u]; ok {
		return []byte(b), nil
	}
	return nil, errors.New("404")
}

// A token must not vouch for itself through discovery.
func TestDiscoveryFromOwnIss(t *testing.T) {
	const evil = "https://attacker.example"
	cases := []struct {
		name      string
		iss       string
		opts      func(docs map[string]string) []Option
		status    string
		refusal   bool // the verdict names a refusal
		fetches   bool
		wantCodes []string
		notCodes  []string
	}{
		{
			name: "forged issuer, no expectation: untrusted", iss: evil,
			opts:   func(map[string]string) []Option { return []Option{WithDiscover(true)} },
			status: report.SigUntrusted, refusal: true, fetches: true,
			wantCodes: []string{report.SignatureUntrustedKey}, notCodes: []string{report.SignatureVerified},
		},
		{
			name: "forged issuer, the real issuer expected: untrusted", iss: evil,
			opts: func(map[string]string) []Option {
				return []Option{WithDiscover(true), WithIssuer("https://login.example.com/")}
			},
			status: report.SigUntrusted, refusal: true, fetches: true,
			wantCodes: []string{report.SignatureUntrustedKey, report.ClaimsIssMismatch}, notCodes: []string{report.SignatureVerified},
		},
		{
			name: "expected issuer equals iss: verified", iss: "https://login.example.com/",
			opts: func(map[string]string) []Option {
				return []Option{WithDiscover(true), WithIssuer("https://login.example.com/")}
			},
			status: report.SigVerified, fetches: true,
			wantCodes: []string{report.SignatureVerified}, notCodes: []string{report.SignatureUntrustedKey},
		},
		{
			name: "JWKS URL typed by the user: verified", iss: evil,
			opts:   func(map[string]string) []Option { return []Option{WithJWKSURL(evil + "/jwks")} },
			status: report.SigVerified, fetches: true,
			wantCodes: []string{report.SignatureVerified}, notCodes: []string{report.SignatureUntrustedKey},
		},
		{
			name: "http issuer: flagged, not followed", iss: "http://attacker.example",
			opts:   func(map[string]string) []Option { return []Option{WithDiscover(true)} },
			status: report.SigUnverified, fetches: false,
			wantCodes: []string{report.KeysFetchFailed}, notCodes: []string{report.SignatureVerified},
		},
		{
			name: "http issuer with allow_http and expected: verified", iss: "http://attacker.example",
			opts: func(map[string]string) []Option {
				return []Option{WithDiscover(true), WithAllowHTTP(true), WithIssuer("http://attacker.example")}
			},
			status: report.SigVerified, fetches: true,
			wantCodes: []string{report.SignatureVerified},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tok, docs := forged(t, c.iss)
			f := &docFetcher{docs: docs}
			opts := append([]Option{WithNow(now), WithFetcher(f), WithVerifier(gocrypto.New())}, c.opts(docs)...)
			r, _ := Run(context.Background(), Input{Text: tok}, opts...)
			if len(r.Tokens) != 1 || r.Tokens[0].Signature == nil {
				t.Fatalf("tokens %+v", r.Tokens)
			}
			if s := r.Tokens[0].Signature.Status; s != c.status {
				t.Errorf("signature %q, want %q; verdict %q", s, c.status, r.Verdict)
			}
			if (len(f.log) > 0) != c.fetches {
				t.Errorf("fetched %v", f.log)
			}
			got := map[string]report.Finding{}
			for _, x := range r.Findings {
				got[x.Code] = x
			}
			for _, code := range c.wantCodes {
				if _, ok := got[code]; !ok {
					t.Errorf("no %s; verdict %q", code, r.Verdict)
				}
			}
			for _, code := range c.notCodes {
				if _, ok := got[code]; ok {
					t.Errorf("unexpected %s", code)
				}
			}
			if c.refusal && strings.Contains(r.Verdict, "explains a refusal") {
				t.Errorf("verdict %q", r.Verdict)
			}
			if u, ok := got[report.SignatureUntrustedKey]; ok && !strings.Contains(u.Title, c.iss) {
				t.Errorf("the finding does not name the claimed issuer: %q", u.Title)
			}
		})
	}
}

// The option keys of the page and the CLI carry the opt-ins.
func TestConfigAllowHTTP(t *testing.T) {
	var c Config
	if err := json.Unmarshal([]byte(`{"allow_http":true,"allow_private":true}`), &c); err != nil || !c.AllowHTTP || !c.AllowPrivate {
		t.Fatalf("%+v %v", c, err)
	}
	opts, err := c.Options(now)
	if err != nil {
		t.Fatal(err)
	}
	var s settings
	for _, o := range opts {
		o(&s)
	}
	if !s.allowHTTP {
		t.Error("allow_http did not reach the settings")
	}
}
