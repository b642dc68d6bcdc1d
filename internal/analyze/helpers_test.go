package analyze

import (
	"context"
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"
)

// now is the analysis clock of every test: 2026-11-22T09:00:00Z.
var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func unix(d time.Duration) int64 { return now.Add(d).Unix() }

var b64 = base64.RawURLEncoding

func seg(v any) string {
	if s, ok := v.(string); ok {
		return b64.EncodeToString([]byte(s))
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b64.EncodeToString(b)
}

// hs256 signs header.payload with an HMAC-SHA256 secret.
func hs256(header, payload any, secret []byte) string {
	in := seg(header) + "." + seg(payload)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(in))
	return in + "." + b64.EncodeToString(m.Sum(nil))
}

var testKey = func() *rsa.PrivateKey {
	b, err := os.ReadFile("testdata/rsa-test.key.pem")
	if err != nil {
		panic(err)
	}
	blk, _ := pem.Decode(b)
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		panic(err)
	}
	return k.(*rsa.PrivateKey)
}()

// rs256 signs with the test RSA key (PKCS #1 v1.5 is deterministic).
func rs256(header, payload any) string {
	in := seg(header) + "." + seg(payload)
	h := sha256.Sum256([]byte(in))
	sig, err := rsa.SignPKCS1v15(nil, testKey, crypto.SHA256, h[:])
	if err != nil {
		panic(err)
	}
	return in + "." + b64.EncodeToString(sig)
}

// jwk is the test key's public JWK with kid.
func jwk(kid string) map[string]any {
	return map[string]any{
		"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
		"n": b64.EncodeToString(testKey.N.Bytes()),
		"e": b64.EncodeToString(big.NewInt(int64(testKey.E)).Bytes()),
	}
}

func jwks(kids ...string) string {
	var ks []any
	for _, k := range kids {
		ks = append(ks, jwk(k))
	}
	b, _ := json.Marshal(map[string]any{"keys": ks})
	return string(b)
}

func publicPEM(t testing.TB) string {
	b, err := os.ReadFile("testdata/rsa-test.pub.pem")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// access is a realistic access-token payload valid for an hour around now.
func access(extra map[string]any) map[string]any {
	p := map[string]any{
		"iss": "https://login.example.com/", "sub": "user-42", "aud": "https://api.example.com",
		"scope": "orders:read profile", "iat": unix(-10 * time.Minute), "exp": unix(50 * time.Minute),
		"client_id": "web-app",
	}
	for k, v := range extra {
		if v == nil {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	return p
}

var rsHeader = map[string]any{"alg": "RS256", "typ": "at+jwt", "kid": "k1"}

// fetcherFunc is a test Fetcher.
type fetcherFunc func(ctx context.Context, url string) ([]byte, error)

func (f fetcherFunc) Fetch(ctx context.Context, url string) ([]byte, error) { return f(ctx, url) }

// response builds a raw HTTP response.
func response(status string, headers ...string) string {
	return "HTTP/1.1 " + status + "\r\n" + strings.Join(headers, "\r\n") + "\r\n\r\n"
}

func httpDate(d time.Duration) string {
	return "Date: " + now.Add(d).Format("Mon, 02 Jan 2006 15:04:05 GMT")
}

var _ = fmt.Sprintf

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// dpopTranscript is a curl -v transcript of GET
// https://api.example.com/v1/orders with a DPoP-bound token and a proof for
// method htm and URI htu, made at now+age, signed with the test key (whose
// thumbprint the token's cnf.jkt holds); the server answers 401 with a DPoP
// challenge.
func dpopTranscript(htu, htm string, age time.Duration) string {
	pub := jwk("")
	delete(pub, "kid")
	delete(pub, "use")
	delete(pub, "alg")
	canon := `{"e":"` + pub["e"].(string) + `","kty":"RSA","n":"` + pub["n"].(string) + `"}`
	sum := sha256.Sum256([]byte(canon))
	jkt := b64.EncodeToString(sum[:])
	tok := rs256(rsHeader, access(map[string]any{"cnf": map[string]any{"jkt": jkt}}))
	tsum := sha256.Sum256([]byte(tok))
	proof := rs256(map[string]any{"typ": "dpop+jwt", "alg": "RS256", "jwk": pub},
		map[string]any{"jti": "-BwC3ESc6acc2lTc", "htm": htm, "htu": htu, "iat": unix(age), "ath": b64.EncodeToString(tsum[:])})
	return "* Connected to api.example.com (203.0.113.10) port 443\n" +
		"> GET /v1/orders HTTP/2\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n> Accept: */*\n" +
		"> Authorization: DPoP " + tok + "\n> DPoP: " + proof + "\n>\n" +
		"< HTTP/2 401\n< date: " + now.Format("Mon, 02 Jan 2006 15:04:05 GMT") + "\n" +
		"< www-authenticate: DPoP algs=\"ES256 RS256\", error=\"invalid_dpop_proof\", error_description=\"Invalid DPoP proof\"\n" +
		"< content-length: 0\n<\n* Connection #0 to host api.example.com left intact\n"
}
