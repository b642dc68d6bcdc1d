package dpop

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/report"
)

var b64 = base64.RawURLEncoding

// serverTime is the Date of every test exchange.
var serverTime = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func newKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// publicJWK is k's public JWK (RFC 7518 §6.2.1), coordinates 32 bytes.
func publicJWK(k *ecdsa.PrivateKey) map[string]any {
	x, y := make([]byte, 32), make([]byte, 32)
	k.X.FillBytes(x)
	k.Y.FillBytes(y)
	return map[string]any{"kty": "EC", "crv": "P-256", "x": b64.EncodeToString(x), "y": b64.EncodeToString(y)}
}

// thumbprint is the RFC 7638 thumbprint of an EC JWK, computed here
// independently of package keys.
func thumbprint(j map[string]any) string {
	canon := `{"crv":"` + j["crv"].(string) + `","kty":"EC","x":"` + j["x"].(string) + `","y":"` + j["y"].(string) + `"}`
	sum := sha256.Sum256([]byte(canon))
	return b64.EncodeToString(sum[:])
}

func seg(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b64.EncodeToString(b)
}

// es256 signs header.payload with k (JWS ES256: r || s, 32 bytes each).
func es256(t testing.TB, k *ecdsa.PrivateKey, header, payload any) string {
	t.Helper()
	in := seg(header) + "." + seg(payload)
	h := sha256.Sum256([]byte(in))
	r, s, err := ecdsa.Sign(rand.Reader, k, h[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return in + "." + b64.EncodeToString(sig)
}

const accessToken = "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2ln"

func ath(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return b64.EncodeToString(sum[:])
}

// fixture is a valid DPoP request: GET https://api.example.com/v1/orders
// with a proof made 5 s before the server's Date by key.
type fixture struct {
	key    *ecdsa.PrivateKey
	header map[string]any
	claims map[string]any
	signer *ecdsa.PrivateKey // signs the proof (key unless set)
	in     Input
}

func newFixture(t testing.TB) *fixture {
	k := newKey(t)
	st := serverTime
	f := &fixture{
		key:    k,
		header: map[string]any{"typ": "dpop+jwt", "alg": "ES256", "jwk": publicJWK(k)},
		claims: map[string]any{"jti": "e1j3V_bKic8-LAEB", "htm": "GET", "htu": "https://api.example.com/v1/orders", "iat": st.Add(-5 * time.Second).Unix(), "ath": ath(accessToken)},
		in: Input{Scheme: "DPoP", AccessToken: accessToken, JKT: thumbprint(publicJWK(k)), Method: "GET",
			URL: "https://api.example.com/v1/orders?page=2", ServerTime: &st, Path: "request.headers[2]", AuthPath: "request.headers[1]"},
	}
	v := gocrypto.New()
	f.in.Verify = func(p string) keys.OwnKey {
		return keys.VerifyWithOwnJWK(context.Background(), p, keys.Options{Verifier: v})
	}
	return f
}

func (f *fixture) run(t testing.TB) []report.Finding {
	t.Helper()
	signer := f.signer
	if signer == nil {
		signer = f.key
	}
	in := f.in
	if in.Proofs == nil {
		in.Proofs = []string{es256(t, signer, f.header, f.claims)}
	}
	return Check(in)
}

func TestCheck(t *testing.T) {
	other := newKey(t)
	tests := []struct {
		name string
		edit func(f *fixture)
		sev  report.Severity // of every finding; "" for none
		want []string        // each in the title of some finding
		path string          // of the first finding
		why  string          // in the first finding's detail
	}{
		{name: "valid proof", edit: func(*fixture) {}, sev: report.Info, want: []string{"fits this request"}, path: "request.headers[2]", why: "signed with the key in its own jwk header"},
		{name: "DPoP scheme without a proof", edit: func(f *fixture) { f.in.Proofs = []string{} }, sev: report.Error,
			want: []string{"without a DPoP proof header"}, path: "request.headers[1]"},
		{name: "no proof, Bearer scheme", edit: func(f *fixture) { f.in.Proofs, f.in.Scheme = []string{}, "Bearer" }},
		{name: "two proofs", edit: func(f *fixture) { f.in.Proofs = []string{"a.b.c", "d.e.f"} }, sev: report.Error, want: []string{"2 DPoP headers"}},
		{name: "not a JWT", edit: func(f *fixture) { f.in.Proofs = []string{"not-a-jwt"} }, sev: report.Error, want: []string{"not a JWT"}},
		{name: "header not JSON", edit: func(f *fixture) { f.in.Proofs = []string{"bm90IGpzb24.e30.c2ln"} }, sev: report.Error, want: []string{"header is not base64url-encoded JSON"}},
		{name: "huge header", edit: func(f *fixture) { f.in.Proofs = []string{strings.Repeat("a", 20000)} }, sev: report.Error, want: []string{"too large"}},
		{name: "typ JWT", edit: func(f *fixture) { f.header["typ"] = "JWT" }, sev: report.Error, want: []string{`typ is "JWT"`}},
		{name: "typ with application/ prefix", edit: func(f *fixture) { f.header["typ"] = "application/dpop+jwt" }, sev: report.Info, want: []string{"fits"}},
		{name: "no jwk", edit: func(f *fixture) { delete(f.header, "jwk") }, sev: report.Error, want: []string{"no jwk header"}},
		{name: "private key in jwk", edit: func(f *fixture) {
			j := publicJWK(f.key)
			d := make([]byte, 32)
			f.key.D.FillBytes(d)
			j["d"] = b64.EncodeToString(d)
			f.header["jwk"] = j
		}, sev: report.Error, want: []string{"contains the private key"}},
		{name: "signed by another key", edit: func(f *fixture) { f.signer = other }, sev: report.Error, want: []string{"signature does not verify"}},
		{name: "jwk without y", edit: func(f *fixture) {
			j := publicJWK(f.key)
			delete(j, "y")
			f.header["jwk"] = j
		}, sev: report.Error, want: []string{"jwk is not a usable public key"}},
		{name: "bound to another key", edit: func(f *fixture) { f.key, f.header["jwk"] = other, publicJWK(other) }, sev: report.Error,
			want: []string{"another key than the one the token is bound to"}},
		{name: "alg HS256", edit: func(f *fixture) {
			f.in.Proofs = []string{hs256(f.header, f.claims)}
		}, sev: report.Error, want: []string{"asymmetric key"}},
		{name: "missing jti and iat", edit: func(f *fixture) { delete(f.claims, "jti"); delete(f.claims, "iat") }, sev: report.Error, want: []string{"lacks jti, iat"}},
		{name: "POST proof for GET", edit: func(f *fixture) { f.claims["htm"] = "POST" }, sev: report.Error, want: []string{"for POST but the request is GET"}},
		{name: "htu other path", edit: func(f *fixture) { f.claims["htu"] = "https://api.example.com/oauth/token" }, sev: report.Error, want: []string{"htu does not match"}, why: "path differs"},
		{name: "htu of the token endpoint", edit: func(f *fixture) { f.claims["htu"] = "https://login.example.com/oauth/token" }, sev: report.Error, want: []string{"made for another endpoint (https://login.example.com/oauth/token)"}, why: "reused"},
		{name: "htu http behind TLS proxy", edit: func(f *fixture) { f.claims["htu"] = "http://api.example.com/v1/orders" }, sev: report.Error, want: []string{"htu does not match"}, why: "scheme differs"},
		{name: "htu internal host", edit: func(f *fixture) { f.claims["htu"] = "https://api.internal:8443/v1/orders" }, sev: report.Error, want: []string{"htu does not match"}, why: "host or port differs"},
		{name: "htu trailing slash", edit: func(f *fixture) { f.claims["htu"] = "https://api.example.com/v1/orders/" }, sev: report.Error, want: []string{"htu does not match"}, why: "trailing slash"},
		{name: "htu relative", edit: func(f *fixture) { f.claims["htu"] = "/v1/orders" }, sev: report.Error, want: []string{"not an absolute http(s) URI"}},
		{name: "htu default port and case", edit: func(f *fixture) { f.claims["htu"] = "HTTPS://API.example.com:443/v1/orders" }, sev: report.Info, want: []string{"fits"}},
		{name: "htu with query", edit: func(f *fixture) { f.claims["htu"] = "https://api.example.com/v1/orders?page=1#x" }, sev: report.Info, want: []string{"fits"}},
		{name: "origin-form request with Host", edit: func(f *fixture) { f.in.URL, f.in.Host = "/v1/orders", "api.example.com" }, sev: report.Info, want: []string{"fits"}},
		{name: "origin-form request, other host", edit: func(f *fixture) { f.in.URL, f.in.Host = "/v1/orders", "internal-api:8080" }, sev: report.Error, want: []string{"htu does not match"}},
		{name: "iat 10 minutes old", edit: func(f *fixture) { f.claims["iat"] = serverTime.Add(-10 * time.Minute).Unix() }, sev: report.Error, want: []string{"made 10m before the server's Date"}},
		{name: "iat 2 minutes old", edit: func(f *fixture) { f.claims["iat"] = serverTime.Add(-2 * time.Minute).Unix() }, sev: report.Warning, want: []string{"made 2m before"}},
		{name: "iat ahead", edit: func(f *fixture) { f.claims["iat"] = serverTime.Add(7 * time.Minute).Unix() }, sev: report.Error, want: []string{"dated 7m after"}},
		{name: "iat in milliseconds", edit: func(f *fixture) { f.claims["iat"] = serverTime.UnixMilli() }, sev: report.Error, want: []string{"not a time in seconds"}},
		{name: "iat a string", edit: func(f *fixture) { f.claims["iat"] = "1763800000" }, sev: report.Error, want: []string{"iat is not a number"}},
		{name: "old iat, no server Date", edit: func(f *fixture) { f.claims["iat"] = serverTime.Add(-time.Hour).Unix(); f.in.ServerTime = nil }, sev: report.Info, want: []string{"fits"}},
		{name: "no ath", edit: func(f *fixture) { delete(f.claims, "ath") }, sev: report.Error, want: []string{"has no ath"}},
		{name: "ath of another token", edit: func(f *fixture) { f.claims["ath"] = ath("DPoP " + accessToken) }, sev: report.Error, want: []string{"ath is not the hash"}},
		{name: "token endpoint: no token, no ath", edit: func(f *fixture) {
			delete(f.claims, "ath")
			f.in.Scheme, f.in.AccessToken, f.in.JKT = "", "", ""
			f.in.Method, f.in.URL = "POST", "https://login.example.com/oauth/token"
			f.claims["htm"], f.claims["htu"] = "POST", "https://login.example.com/oauth/token"
		}, sev: report.Info, want: []string{"fits"}},
		{name: "no verifier", edit: func(f *fixture) { f.in.Verify = nil; f.signer = other }, sev: report.Info, want: []string{"fits"}, why: "its signature was not checked"},
		{name: "verifier without the alg", edit: func(f *fixture) {
			f.in.Verify = func(string) keys.OwnKey {
				return keys.OwnKey{Fault: keys.FaultUnsupported, Problem: "this build cannot check ES256 signatures"}
			}
			f.in.JKT = ""
		}, sev: report.Info, want: []string{"fits"}, why: "its signature was not checked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.edit(f)
			fs := f.run(t)
			if tt.sev == "" {
				if len(fs) != 0 {
					t.Fatalf("got %d findings, want none: %+v", len(fs), fs)
				}
				return
			}
			if len(fs) == 0 {
				t.Fatal("no findings")
			}
			var titles []string
			for _, x := range fs {
				titles = append(titles, x.Title)
				if x.Code != report.RequestDPoPProof {
					t.Errorf("code %s", x.Code)
				}
				if x.Severity != tt.sev {
					t.Errorf("%q: severity %s, want %s", x.Title, x.Severity, tt.sev)
				}
				if x.Detail == "" || len(x.Refs) == 0 {
					t.Errorf("%q has no detail or refs", x.Title)
				}
				if x.Severity != report.Info && x.Fix == "" {
					t.Errorf("%q has no fix", x.Title)
				}
			}
			all := strings.Join(titles, " | ")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("titles %q do not contain %q", all, w)
				}
			}
			if tt.why != "" && !strings.Contains(fs[0].Detail, tt.why) {
				t.Errorf("detail %q does not say %q", fs[0].Detail, tt.why)
			}
			if tt.path != "" && fs[0].Path != tt.path {
				t.Errorf("path %q, want %q", fs[0].Path, tt.path)
			}
		})
	}
}

// hs256 signs with a fixed HMAC key: a proof must never be accepted so.
func hs256(header map[string]any, claims map[string]any) string {
	h := map[string]any{}
	for k, v := range header {
		h[k] = v
	}
	h["alg"] = "HS256"
	in := seg(h) + "." + seg(claims)
	m := hmac.New(sha256.New, []byte("0123456789abcdef0123456789abcdef"))
	m.Write([]byte(in))
	return in + "." + b64.EncodeToString(m.Sum(nil))
}

// TestThumbprintAgrees checks the binding test's premise: keys computes the
// RFC 7638 thumbprint this file computes by hand, so a matching key is
// never reported as another.
func TestThumbprintAgrees(t *testing.T) {
	f := newFixture(t)
	res := f.in.Verify(es256(t, f.key, f.header, f.claims))
	if !res.Verified || res.Thumbprint != thumbprint(publicJWK(f.key)) {
		t.Fatalf("VerifyWithOwnJWK = %+v, want verified with thumbprint %s", res, thumbprint(publicJWK(f.key)))
	}
}

func ExampleCheck() {
	// The proof of RFC 9449 §4.1 (made for the token endpoint) replayed at
	// an API: without Verify, the signature is not checked.
	proof := seg(map[string]any{"typ": "dpop+jwt", "alg": "ES256", "jwk": map[string]any{"kty": "EC", "crv": "P-256",
		"x": "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs", "y": "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA"}}) +
		"." + seg(map[string]any{"jti": "-BwC3ESc6acc2lTc", "htm": "POST", "htu": "https://server.example.com/token", "iat": 1562262616}) + ".c2ln"
	date := time.Unix(1562262616, 0).Add(3 * time.Second)
	for _, f := range Check(Input{Proofs: []string{proof}, Method: "GET", URL: "https://api.example.com/v1/orders", ServerTime: &date}) {
		fmt.Println(f.Severity, f.Title)
	}
	// Output:
	// error The DPoP proof was made for another endpoint (https://server.example.com/token)
	// error The DPoP proof is for POST but the request is GET
}
