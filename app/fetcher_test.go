package ui

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/report"
)

// TestPageFetchersOnKidMiss: a token whose kid is missing from a JWKS the
// page fetched earlier gets a signature.kid_not_found that says how to
// refresh the copy, and the page makes no request on its own to find out
// (only the buttons may reach the network).
func TestPageFetchersOnKidMiss(t *testing.T) {
	_, priv, err := ed25519.GenerateKey(nil) // the issuer's new key
	if err != nil {
		t.Fatal(err)
	}
	pub, _, err := ed25519.GenerateKey(nil) // the one the cached JWKS holds
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	jwks := `{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"old","x":"` + b64(pub) + `"}]}`
	const url = "https://issuer.example/jwks.json"
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	hdr, _ := json.Marshal(map[string]any{"alg": "EdDSA", "kid": "new"})
	pl, _ := json.Marshal(map[string]any{"sub": "u1", "exp": now.Add(time.Hour).Unix()})
	in := b64(hdr) + "." + b64(pl)
	tok := in + "." + b64(ed25519.Sign(priv, []byte(in)))

	network := 0
	upstream := fetchFunc(func(context.Context, string) ([]byte, error) {
		network++
		return []byte(jwks), nil
	})
	var cache fetchCache
	cases := []struct {
		name     string
		f        analyze.Fetcher
		requests int
		note     string
	}{
		{"button", liveFetcher{&cache, upstream}, 1, "fetched just now"},
		{"keystroke", cachedFetcher{&cache}, 0, "press “Fetch JWKS”"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			network = 0
			rep, err := analyze.Run(context.Background(), analyze.Input{Text: tok},
				analyze.WithNow(now), analyze.WithJWKSURL(url), analyze.WithFetcher(c.f), analyze.WithVerifier(gocrypto.New()))
			if err != nil {
				t.Fatal(err)
			}
			if network != c.requests {
				t.Errorf("%d requests, want %d", network, c.requests)
			}
			f := findCode(rep, "signature.kid_not_found")
			if f == nil {
				t.Fatalf("no signature.kid_not_found in %v", codes(rep))
			}
			if !strings.Contains(f.Detail, "not fetched again: ") || !strings.Contains(f.Detail, c.note) {
				t.Errorf("detail does not say why the JWKS was not fetched again (%q): %s", c.note, f.Detail)
			}
			if !strings.Contains(f.Detail, "old") {
				t.Errorf("detail does not list the kids present: %s", f.Detail)
			}
		})
	}
}

type fetchFunc func(context.Context, string) ([]byte, error)

func (f fetchFunc) Fetch(ctx context.Context, url string) ([]byte, error) { return f(ctx, url) }

func findCode(rep report.Report, code string) *report.Finding {
	for i := range rep.Findings {
		if rep.Findings[i].Code == code {
			return &rep.Findings[i]
		}
	}
	return nil
}

func codes(rep report.Report) []string {
	var s []string
	for _, f := range rep.Findings {
		s = append(s, f.Code)
	}
	return s
}
