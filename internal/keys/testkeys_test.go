package keys

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jws"
)

// Test keys are fixtures in testdata/ (generated once with openssl; they
// protect nothing). *.key.pem are PKCS #8 private keys, *.pub.pem their
// SubjectPublicKeyInfo.

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var privCache sync.Map

func privKey(t testing.TB, name string) crypto.Signer {
	t.Helper()
	if v, ok := privCache.Load(name); ok {
		return v.(crypto.Signer)
	}
	blk, _ := pem.Decode([]byte(fixture(t, name+".key.pem")))
	if blk == nil {
		t.Fatalf("%s: no PEM", name)
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	s := k.(crypto.Signer)
	privCache.Store(name, s)
	return s
}

func pubPEM(t testing.TB, name string) string { return fixture(t, name+".pub.pem") }

// pubJWK returns the public key of a fixture as JWK JSON with extra members.
func pubJWK(t testing.TB, name string, extra map[string]any) string {
	t.Helper()
	k, err := jwk.FromRaw(privKey(t, name).Public())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	for k, v := range extra {
		m[k] = v
	}
	b, _ = json.Marshal(m)
	return string(b)
}

func jwks(members ...string) string {
	s := `{"keys":[`
	for i, m := range members {
		if i > 0 {
			s += ","
		}
		s += m
	}
	return s + `]}`
}

// sign makes a compact JWS with jwx's signer; the header is hdr plus alg.
func sign(t testing.TB, alg jwa.SignatureAlgorithm, key any, hdr map[string]any, payload string) string {
	t.Helper()
	h := map[string]any{"alg": alg.String()}
	for k, v := range hdr {
		h[k] = v
	}
	hj, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	in := b64(hj) + "." + b64([]byte(payload))
	s, err := jws.NewSigner(alg)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := s.Sign([]byte(in), key)
	if err != nil {
		t.Fatal(err)
	}
	return in + "." + b64(sig)
}

// signHMAC makes an HS* token by hand (jwx refuses an empty key).
func signHMAC(header, payload string, secret []byte) string {
	in := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + base64.RawURLEncoding.EncodeToString([]byte(payload))
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(in))
	return in + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

const testPayload = `{"iss":"https://issuer.example","sub":"u1","exp":1800000000}`

// selfSigned makes a certificate for the fixture key, valid in [nb, na].
func selfSigned(t testing.TB, name string, nb, na time.Time) (*x509.Certificate, []byte) {
	t.Helper()
	k := privKey(t, name)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "signer.issuer.example"},
		NotBefore:    nb,
		NotAfter:     na,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c, der
}

func certPEM(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// fakeFetcher serves documents from memory and counts requests.
type fakeFetcher struct {
	mu   sync.Mutex
	docs map[string]fakeDoc
	hits map[string]int
	log  []string
}

type fakeDoc struct {
	body string
	err  error
}

func newFake(docs map[string]fakeDoc) *fakeFetcher {
	return &fakeFetcher{docs: docs, hits: map[string]int{}}
}

func (f *fakeFetcher) Fetch(_ context.Context, url string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hits[url]++
	f.log = append(f.log, url)
	d, ok := f.docs[url]
	if !ok {
		return nil, &discovery.StatusError{Code: 404}
	}
	if d.err != nil {
		return nil, d.err
	}
	return []byte(d.body), nil
}

func (f *fakeFetcher) set(url, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.docs[url] = fakeDoc{body: body}
}

func (f *fakeFetcher) count(url string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[url]
}

var errBoom = errors.New("connection refused")

func b64(s []byte) string { return base64.RawURLEncoding.EncodeToString(s) }

// signPSS signs PS256 by hand with a chosen salt length.
func signPSS(t testing.TB, k crypto.Signer, salt int) string {
	t.Helper()
	in := b64([]byte(`{"alg":"PS256"}`)) + "." + b64([]byte(testPayload))
	h := sha256.Sum256([]byte(in))
	sig, err := rsa.SignPSS(rand.Reader, k.(*rsa.PrivateKey), crypto.SHA256, h[:], &rsa.PSSOptions{SaltLength: salt})
	if err != nil {
		t.Fatal(err)
	}
	return in + "." + b64(sig)
}

func jsonMap(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// keep imports used in every build of the tests
var (
	_ = ecdsa.PublicKey{}
	_ = ed25519.PublicKey(nil)
	_ = rsa.PublicKey{}
)

// rocaModulus returns n of the ROCA-vulnerable Wycheproof key.
func rocaModulus(t testing.TB) string {
	t.Helper()
	return jsonMap(t, fixture(t, "roca.jwk.json"))["n"].(string)
}

// privJWK returns a fixture's private key as JWK JSON.
func privJWK(t testing.TB, name string) string {
	t.Helper()
	k, err := jwk.FromRaw(privKey(t, name))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(k)
	return string(b)
}

// offCurveJWK is a P-256 JWK whose y was altered.
func offCurveJWK(t testing.TB) string {
	m := jsonMap(t, pubJWK(t, "p256", nil))
	y := []byte(m["y"].(string))
	if y[3] == 'A' {
		y[3] = 'B'
	} else {
		y[3] = 'A'
	}
	m["y"] = string(y)
	b, _ := json.Marshal(m)
	return string(b)
}

// make2048 returns an odd 2048-bit number.
func make2048(t testing.TB) []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i*7 + 1)
	}
	b[0] |= 0x80
	b[255] |= 1
	return b
}

// bareB64 strips the PEM armour, keeping the base64 lines.
func bareB64(p string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(p), "\n") {
		if !strings.HasPrefix(l, "-----") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
