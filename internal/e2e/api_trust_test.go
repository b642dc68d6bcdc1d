//go:build !js

package e2e

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// A forged ES256 token whose iss is the forger's own server: discovery in the
// page (the browser's fetch, cross-origin) finds the forger's keys and the
// signature checks, but the page calls it untrusted, because nothing but the
// token vouched for that issuer. With the expected issuer given, the same
// keys are trusted.
func TestAPIForgedIssuerUntrusted(t *testing.T) {
	requireBrowser(t)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	var iss string
	forger := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Headers", "Accept")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			fmt.Fprintf(w, `{"issuer":%q,"jwks_uri":%q}`, iss, iss+"/jwks")
		case "/jwks":
			fmt.Fprintf(w, `{"keys":[{"kty":"EC","crv":"P-256","kid":"forged-1","alg":"ES256","use":"sig","x":%q,"y":%q}]}`,
				b64(key.PublicKey.X.FillBytes(make([]byte, 32))), b64(key.PublicKey.Y.FillBytes(make([]byte, 32))))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(forger.Close)
	iss = forger.URL
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{
		"iss": iss, "sub": "admin", "aud": "https://api.example.test", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix(),
	})
	tok.Header["kid"] = "forged-1"
	token, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}

	url := serve(t)
	ctx := browser(t, 3*time.Minute)
	if err := chromedp.Do(ctx, waitReady(url)); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, opts, status, code string }{
		{"token vouches for itself", `{discover: true, allow_http: true}`, "untrusted", "signature.untrusted_key"},
		{"expected issuer given", `{discover: true, allow_http: true, iss: ` + jsString(iss) + `}`, "verified", "signature.verified"},
		{"http issuer without opt-in", `{discover: true}`, "unverified", "keys.fetch_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](
				`window.authdebug.inspect(`+jsString(token)+`, `+tt.opts+`).then(r => r.tokens[0].signature.status + " " + r.findings.map(f => f.code).join(","), e => "rejected: " + e.message)`,
				chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			var status, codes string
			fmt.Sscan(got, &status, &codes)
			if status != tt.status || !slices.Contains(strings.Split(codes, ","), tt.code) {
				t.Errorf("got %q; want status %s with %s", got, tt.status, tt.code)
			}
		})
	}
}
