package keys

// Tests of the encoding/asn1 key and certificate readers (package pkix)
// and of how Load reports them, with crypto/x509 as the oracle (test-only:
// the packages themselves do not link it).

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	x509pkix "crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys/pkix"
	"github.com/authdebug/authdebug/internal/report"
	jwxjwk "github.com/lestrrat-go/jwx/v2/jwk"
)

type derKey struct {
	name string
	pub  crypto.PublicKey
	priv crypto.PrivateKey // nil when only the public key is known
}

// derKeys are the fixtures, keys generated here (EC and Ed25519: RSA
// generation is too slow under WebAssembly) and every asymmetric JWK of
// the RFC 7520 cookbook and the Wycheproof JOSE files.
func derKeys(t *testing.T) []derKey {
	t.Helper()
	var out []derKey
	for _, f := range []string{"rsa1024", "rsa2048-a", "rsa2048-b", "p256", "p384", "p521", "ed25519"} {
		k := privKey(t, f)
		out = append(out, derKey{"fixture " + f, k.Public(), k})
	}
	for i := 0; i < 3; i++ {
		for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
			k, err := ecdsa.GenerateKey(c, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, derKey{"generated " + c.Params().Name, k.Public(), k})
		}
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, derKey{"generated Ed25519", k.Public(), k})
	}
	if _, err := os.Stat(sharedDir); err != nil {
		t.Fatalf("conformance data missing from the repository: %v", err)
	}
	names, corpus := jwkCorpus(t)
	for i, raw := range corpus {
		jk, err := jwxjwk.ParseKey(raw)
		if err != nil {
			continue
		}
		var key any
		if jk.Raw(&key) != nil {
			continue
		}
		switch k := key.(type) {
		case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
			out = append(out, derKey{names[i], k, nil})
		case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey:
			out = append(out, derKey{names[i], k.(crypto.Signer).Public(), k})
		}
	}
	return out
}

// TestDERDifferential: for every key, the SubjectPublicKeyInfo and PKCS #1
// encodings crypto/x509 writes parse here to the same key, and this
// package writes them back byte for byte; the private key encodings give
// the same public half (or, for an Ed25519 PKCS #8 key without its public
// key, the refusal that asks for the public key).
func TestDERDifferential(t *testing.T) {
	n := 0
	for _, k := range derKeys(t) {
		want := toPublicKey(k.pub)
		spki, err := x509.MarshalPKIXPublicKey(k.pub)
		if err != nil || want == nil {
			continue // a key x509 cannot encode (e.g. a P-521 point off its curve)
		}
		n++
		got, err := pkix.ParseSPKI(spki)
		if err != nil || !samePublic(got, want) {
			t.Errorf("%s: pkix.ParseSPKI = %+v, %v", k.name, got, err)
			continue
		}
		if re, err := pkix.MarshalSPKI(got); err != nil || !bytes.Equal(re, spki) {
			t.Errorf("%s: pkix.MarshalSPKI differs from x509.MarshalPKIXPublicKey (%v)", k.name, err)
		}
		if rk, ok := k.pub.(*rsa.PublicKey); ok {
			p1 := x509.MarshalPKCS1PublicKey(rk)
			got, err := pkix.ParsePKCS1Public(p1)
			if err != nil || !samePublic(got, want) {
				t.Errorf("%s: pkix.ParsePKCS1Public = %v", k.name, err)
			}
			if re, err := pkix.MarshalPKCS1(want); err != nil || !bytes.Equal(re, p1) {
				t.Errorf("%s: pkix.MarshalPKCS1 differs from x509.MarshalPKCS1PublicKey (%v)", k.name, err)
			}
		}
		if _, isPKCS1 := k.pub.(*rsa.PublicKey); !isPKCS1 {
			if _, err := pkix.MarshalPKCS1(want); err == nil {
				t.Errorf("%s: a PKCS #1 encoding of a non-RSA key", k.name)
			}
		}
		if k.priv == nil {
			continue
		}
		encs := map[string][]byte{}
		if der, err := x509.MarshalPKCS8PrivateKey(k.priv); err == nil {
			encs["PRIVATE KEY"] = der
		}
		switch p := k.priv.(type) {
		case *rsa.PrivateKey:
			encs["RSA PRIVATE KEY"] = x509.MarshalPKCS1PrivateKey(p)
		case *ecdsa.PrivateKey:
			if der, err := x509.MarshalECPrivateKey(p); err == nil {
				encs["EC PRIVATE KEY"] = der
			}
		}
		for typ, der := range encs {
			got, err := pkix.ParsePrivateKey(typ, der)
			var r *pkix.Refusal
			if _, isEd := k.priv.(ed25519.PrivateKey); isEd && typ == "PRIVATE KEY" {
				if !asRefusal(err, &r) || !strings.Contains(r.What, "does not include its public key") {
					t.Errorf("%s %s: %v, want the needs-the-public-key refusal", k.name, typ, err)
				}
				continue
			}
			if err != nil || !samePublic(got, want) {
				t.Errorf("%s %s: pkix.ParsePrivateKey = %+v, %v", k.name, typ, got, err)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d keys compared", n)
	}
	t.Logf("%d keys: SPKI, PKCS #1 and private key encodings agree with crypto/x509", n)
}

func asRefusal(err error, r **pkix.Refusal) bool {
	if err == nil {
		return false
	}
	x, ok := err.(*pkix.Refusal)
	*r = x
	return ok
}

func samePublic(a, b *PublicKey) bool {
	return a != nil && b != nil && a.Kty == b.Kty && a.Crv == b.Crv && bytes.Equal(a.N, b.N) && bytes.Equal(a.E, b.E) && bytes.Equal(a.X, b.X) && bytes.Equal(a.Y, b.Y)
}

var (
	oidDC    = asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 25}
	oidUID   = asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 1}
	oidEmail = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}
	oidTitle = asn1.ObjectIdentifier{2, 5, 4, 12}
)

// TestCertificateDifferential makes certificates with x509.CreateCertificate
// (names with every attribute x509pkix.Name has, characters RFC 4514 escapes,
// non-ASCII text, several values in one RDN; dates on both sides of 2050,
// which switch UTCTime to GeneralizedTime; every key type) and checks that
// parseCertificate reads the subject and issuer as x509pkix.Name.String()
// writes them, the same validity, and the same SubjectPublicKeyInfo.
func TestCertificateDifferential(t *testing.T) {
	ca := privKey(t, "p256")
	caName := x509pkix.Name{CommonName: "Example CA", Organization: []string{"Example"}, Country: []string{"US"}}
	names := []x509pkix.Name{
		{CommonName: "login.example.com", Organization: []string{"Example"}, Country: []string{"US"}},
		{
			CommonName: "every field", SerialNumber: "1234", Country: []string{"FR", "DE"}, Province: []string{"Île-de-France"},
			Locality: []string{"Paris"}, StreetAddress: []string{"1 rue de la Paix"}, PostalCode: []string{"75002"},
			Organization: []string{"Org, Inc.", "Second Org"}, OrganizationalUnit: []string{"a", "b", "c"},
		},
		{CommonName: ` lead, a+b "q" \ <x>;y trail `, Organization: []string{"#hash"}, OrganizationalUnit: []string{"in#side", "=eq"}},
		{CommonName: "Zürich 東京 🔑", Organization: []string{"Ünïcode"}},
		{CommonName: "only a CN"},
		{},
	}
	dates := [][2]time.Time{
		{time.Date(1990, 1, 2, 3, 4, 5, 0, time.UTC), time.Date(2049, 12, 31, 23, 59, 59, 0, time.UTC)},
		{time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2051, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)},
	}
	subjects := []string{"rsa2048-a", "rsa1024", "p256", "p384", "p521", "ed25519"}
	n := 0
	for i, name := range names {
		for j, d := range dates {
			subjectKey := privKey(t, subjects[(i+j)%len(subjects)])
			issuer := caName
			if j == 0 {
				issuer = name // self-signed
			}
			tmpl := &x509.Certificate{SerialNumber: big.NewInt(int64(100*i + j + 1)), Subject: name, NotBefore: d[0], NotAfter: d[1]}
			parent := &x509.Certificate{Subject: issuer, PublicKey: ca.Public()}
			signer := ca
			if j == 0 {
				parent, signer = tmpl, subjectKey
			}
			der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, subjectKey.Public(), signer)
			if err != nil {
				t.Fatalf("%d/%d: %v", i, j, err)
			}
			c, err := x509.ParseCertificate(der)
			if err != nil {
				t.Fatal(err)
			}
			n++
			got, err := pkix.ParseCertificate(der)
			if err != nil {
				t.Errorf("%q: %v", name.String(), err)
				continue
			}
			if got.Subject != c.Subject.String() || got.Issuer != c.Issuer.String() {
				t.Errorf("names:\n ours subject %q issuer %q\n x509 subject %q issuer %q", got.Subject, got.Issuer, c.Subject.String(), c.Issuer.String())
			}
			if !got.NotBefore.Equal(c.NotBefore) || !got.NotAfter.Equal(c.NotAfter) {
				t.Errorf("%q validity: ours %v – %v, x509 %v – %v", name.String(), got.NotBefore, got.NotAfter, c.NotBefore, c.NotAfter)
			}
			if !bytes.Equal(got.SPKI, c.RawSubjectPublicKeyInfo) {
				t.Errorf("%q: SubjectPublicKeyInfo differs", name.String())
			}
			if s := certSummary(got); s.NotAfter != c.NotAfter.UTC().Format(time.RFC3339) {
				t.Errorf("summary %+v", s)
			}
		}
	}
	t.Logf("%d certificates agree with crypto/x509", n)

	// Attributes x509pkix.Name has no field for. RFC 4514 order (last RDN
	// first) and names for DC, UID and emailAddress: Go's String() puts
	// such attributes last and writes them as dotted OIDs with the hex of
	// its own re-encoding of the value, so here the strings are expected
	// verbatim instead (a documented difference).
	extra := x509pkix.Name{CommonName: "jdoe", ExtraNames: []x509pkix.AttributeTypeAndValue{
		{Type: oidDC, Value: "example"}, {Type: oidDC, Value: "com"}, {Type: oidUID, Value: "j.doe"},
		{Type: oidEmail, Value: "jdoe@example.com"}, {Type: oidTitle, Value: "Dr"},
	}}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(9), Subject: extra, NotBefore: dates[0][0], NotAfter: dates[0][1]}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, ca.Public(), ca)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pkix.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := asn1.Marshal("Dr")
	want := "2.5.4.12=#" + hexOf(title) + ",emailAddress=jdoe@example.com,UID=j.doe,DC=com,DC=example,CN=jdoe"
	if got.Subject != want {
		t.Errorf("subject with extra attributes:\n got  %s\n want %s", got.Subject, want)
	}
	c, _ := x509.ParseCertificate(der)
	t.Logf("documented difference: ours %q, x509pkix.Name.String() %q", got.Subject, c.Subject.String())
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// spkiOf builds a SubjectPublicKeyInfo PEM by hand.
func spkiOf(t testing.TB, alg asn1.ObjectIdentifier, params []byte, key []byte) string {
	t.Helper()
	return pemOf("PUBLIC KEY", spkiDER(t, alg, params, key))
}

// testAlgID is an AlgorithmIdentifier (RFC 5280 §4.1.1.2), to build DER
// that crypto/x509 will not write.
type testAlgID struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

// spkiDER builds a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) by hand.
func spkiDER(t testing.TB, alg asn1.ObjectIdentifier, params []byte, key []byte) []byte {
	t.Helper()
	ai := testAlgID{Algorithm: alg}
	if params != nil {
		ai.Parameters = asn1.RawValue{FullBytes: params}
	}
	return mustMarshal(t, struct {
		A testAlgID
		K asn1.BitString
	}{ai, asn1.BitString{Bytes: key, BitLength: 8 * len(key)}})
}

// pkcs8DER builds a OneAsymmetricKey (RFC 5958 §2): version, algorithm
// (no parameters), privateKey, and the optional [0] attributes and [1]
// publicKey when they are not nil.
func pkcs8DER(t testing.TB, version int, alg asn1.ObjectIdentifier, priv []byte, attrs *asn1.RawValue, pub []byte) []byte {
	t.Helper()
	elems := []asn1.RawValue{
		{FullBytes: mustMarshal(t, version)},
		{FullBytes: mustMarshal(t, testAlgID{Algorithm: alg})},
		{FullBytes: mustMarshal(t, priv)},
	}
	if attrs != nil {
		elems = append(elems, *attrs)
	}
	if pub != nil {
		elems = append(elems, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, Bytes: append([]byte{0}, pub...)})
	}
	return mustMarshal(t, elems)
}

// oids are the algorithm and curve OIDs the hand-built keys use (RFC 8017
// App. C, RFC 4055, RFC 3279, RFC 5480, RFC 8410).
var oids = map[string]asn1.ObjectIdentifier{
	"rsaEncryption": {1, 2, 840, 113549, 1, 1, 1}, "RSASSA-PSS": {1, 2, 840, 113549, 1, 1, 10}, "dsa": {1, 2, 840, 10040, 4, 1},
	"ecPublicKey": {1, 2, 840, 10045, 2, 1}, "X25519": {1, 3, 101, 110}, "X448": {1, 3, 101, 111}, "Ed25519": {1, 3, 101, 112}, "Ed448": {1, 3, 101, 113},
	"secp256k1": {1, 3, 132, 0, 10}, "P-256": {1, 2, 840, 10045, 3, 1, 7},
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := asn1.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDERRefusals: keys that are well-formed but not usable for JWS, and
// malformed DER, each refused with a keys.invalid that says why, next to
// near misses that load.
func TestDERRefusals(t *testing.T) {
	p256 := pubOf(t, "p256")
	point := append(append([]byte{4}, p256.X...), p256.Y...)
	p256Params := mustMarshal(t, oids["P-256"])
	x25519, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	x25519DER, _ := x509.MarshalPKIXPublicKey(x25519.PublicKey())
	p224, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	p224DER, _ := x509.MarshalPKIXPublicKey(p224.Public())
	rsaPub := privKey(t, "rsa2048-a").Public().(*rsa.PublicKey)
	pkcs1 := x509.MarshalPKCS1PublicKey(rsaPub)
	dsaParams := mustMarshal(t, struct{ P, Q, G *big.Int }{big.NewInt(23), big.NewInt(11), big.NewInt(4)})
	ed := privKey(t, "ed25519").(ed25519.PrivateKey)
	seed := mustMarshal(t, ed.Seed())
	ecPriv := privKey(t, "p256").(*ecdsa.PrivateKey)
	d := ecPriv.D.FillBytes(make([]byte, 32))
	sec1NoPub := mustMarshal(t, struct {
		Version    int
		PrivateKey []byte
		Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
	}{1, d, oids["P-256"]})
	edPub := ed.Public().(ed25519.PublicKey)
	pkcs8v2 := pkcs8DER(t, 1, oids["Ed25519"], seed, nil, edPub)
	withAttrs := pkcs8DER(t, 0, oids["Ed25519"], seed,
		&asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: mustMarshal(t, []int{1})}, edPub)
	trailing := append(bytes.Clone(mustPEMBytes(t, pubPEM(t, "p256"))), 0)
	cert, certDER := selfSigned(t, "p256", testNow.Add(-time.Hour), testNow.Add(time.Hour))
	_ = cert

	one := func(s string) Material { return Material{Texts: []string{s}} }
	inv := func(name string, m Material, contains ...string) lcase {
		return lcase{name: name, material: m, code: report.KeysInvalid, severity: report.Warning, side: report.Client, contains: contains}
	}
	ok := func(name string, m Material) lcase {
		return lcase{name: name, material: m, keys: 1, absent: []string{report.KeysInvalid}}
	}
	runLoadCases(t, []lcase{
		ok("near miss: an EC SPKI built by hand", one(spkiOf(t, oids["ecPublicKey"], p256Params, point))),
		inv("compressed EC point", one(spkiOf(t, oids["ecPublicKey"], p256Params, append([]byte{2 + p256.Y[31]&1}, p256.X...))), "compressed form", "-conv_form uncompressed"),
		inv("EC point of the wrong length", one(spkiOf(t, oids["ecPublicKey"], p256Params, point[:64])), "not an uncompressed P-256 point"),
		inv("EC point off the curve", one(spkiOf(t, oids["ecPublicKey"], p256Params, append(append([]byte{4}, p256.X...), p256.X...))), "not a point on P-256"),
		inv("EC parameters that are not a named curve", one(spkiOf(t, oids["ecPublicKey"], asn1.NullBytes, point)), "not a named curve"),
		inv("P-224", one(pemOf("PUBLIC KEY", p224DER)), "is on P-224, a curve no JWS algorithm uses"),
		inv("secp256k1", one(spkiOf(t, oids["ecPublicKey"], mustMarshal(t, oids["secp256k1"]), point)), "secp256k1", "ES256K"),
		inv("brainpoolP256r1", one(spkiOf(t, oids["ecPublicKey"], mustMarshal(t, asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 7}), point)), "elliptic curve JWS does not use (OID 1.3.36.3.3.2.8.1.1.7)"),
		inv("X25519", one(pemOf("PUBLIC KEY", x25519DER)), "X25519 key, which is for key agreement, not signatures"),
		inv("X448", one(spkiOf(t, oids["X448"], nil, make([]byte, 56))), "X448 key"),
		inv("Ed448", one(spkiOf(t, oids["Ed448"], nil, make([]byte, 57))), "Ed448 key, which this tool cannot use"),
		inv("DSA", one(spkiOf(t, oids["dsa"], dsaParams, mustMarshal(t, big.NewInt(5)))), "type JWS cannot use (DSA)"),
		inv("RSASSA-PSS key", one(spkiOf(t, oids["RSASSA-PSS"], nil, pkcs1)), "restricted to RSASSA-PSS"),
		inv("unknown algorithm", one(spkiOf(t, asn1.ObjectIdentifier{1, 2, 3}, nil, pkcs1)), "does not parse as SubjectPublicKeyInfo", "OID 1.2.3"),
		inv("RSA without NULL parameters", one(spkiOf(t, oids["rsaEncryption"], nil, pkcs1)), "lacks its NULL parameters"),
		ok("near miss: RSA with NULL parameters", one(spkiOf(t, oids["rsaEncryption"], asn1.NullBytes, pkcs1))),
		inv("Ed25519 with parameters", one(spkiOf(t, oids["Ed25519"], asn1.NullBytes, ed.Public().(ed25519.PublicKey))), "forbids"),
		inv("Ed25519 of 31 bytes", one(spkiOf(t, oids["Ed25519"], nil, make([]byte, 31))), "32 bytes, this one 31 bytes"),
		inv("PKCS #1 under the PUBLIC KEY label", one(pemOf("PUBLIC KEY", pkcs1)), "PKCS #1 RSA public key (the RSA PUBLIC KEY format)"),
		ok("near miss: PKCS #1 under its own label", one(pemOf("RSA PUBLIC KEY", pkcs1))),
		inv("trailing data after the SPKI", one(pemOf("PUBLIC KEY", trailing)), "trailing data"),
		inv("negative RSA modulus", one(pemOf("RSA PUBLIC KEY", mustMarshal(t, struct{ N, E *big.Int }{N: big.NewInt(-7), E: big.NewInt(3)}))), "modulus is negative"),
		inv("RSA exponent of 65 bits in DER", one(pemOf("RSA PUBLIC KEY", mustMarshal(t, struct{ N, E *big.Int }{N: rsaPub.N, E: new(big.Int).Lsh(big.NewInt(1), 64)}))), "the public exponent is 65 bits"),
		inv("truncated DER", one(pemOf("PUBLIC KEY", mustPEMBytes(t, pubPEM(t, "p256"))[:40])), "malformed DER (data truncated)"),
		inv("Ed25519 PKCS #8 without its public key", one(fixture(t, "ed25519.key.pem")), "does not include its public key", "Paste the public key"),
		inv("private key warning kept for it", one(fixture(t, "ed25519.key.pem")), "A private key was pasted"),
		inv("SEC 1 EC key without its public key", one(pemOf("EC PRIVATE KEY", sec1NoPub)), "EC P-256 private key that does not include its public key"),
		inv("X25519 PKCS #8 private key", one(pemOf("PRIVATE KEY", pkcs8DER(t, 0, oids["X25519"], seed, nil, nil))), "X25519 key"),
		inv("PKCS #1 private key under the PRIVATE KEY label", one(pemOf("PRIVATE KEY", x509.MarshalPKCS1PrivateKey(privKey(t, "rsa2048-a").(*rsa.PrivateKey)))), "PKCS #1 RSA private key (the RSA PRIVATE KEY format)"),
		inv("certificate whose body is an SPKI", one(pemOf("CERTIFICATE", mustPEMBytes(t, pubPEM(t, "p256")))), "does not parse as X.509 certificate"),
		ok("near miss: the certificate", one(certPEM(certDER))),
		ok("near miss: the certificate as bare base64", one(bareB64(certPEM(certDER)))),
		inv("certificate with an X25519 key", one(certWithKey(t, x25519DER)), "the certificate in PEM block 1", "X25519"),
	})
	// Near miss: the PKCS #8 v2 key carries its public key, and loads (with
	// the private-key warning only).
	_, keys, fs := Load(t.Context(), Material{Texts: []string{pemOf("PRIVATE KEY", pkcs8v2)}}, "", Options{Verifier: testVerifier})
	if len(keys) != 1 || keys[0].Crv != "Ed25519" || len(fs) != 1 || !strings.Contains(fs[0].Title, "private key was pasted") {
		t.Errorf("PKCS #8 v2: %+v\n%s", keys, titles(fs))
	}
	if k, err := pkix.ParsePrivateKey("PRIVATE KEY", withAttrs); err != nil || k.Crv != "Ed25519" {
		t.Errorf("PKCS #8 with attributes: %v", err)
	}
}

func mustPEMBytes(t testing.TB, s string) []byte {
	t.Helper()
	b, _ := pem.Decode([]byte(s))
	if b == nil {
		t.Fatal("no PEM")
	}
	return b.Bytes
}

// certWithKey makes a certificate (signed by the P-256 fixture) whose
// SubjectPublicKeyInfo is spki, whatever x509.CreateCertificate allows.
func certWithKey(t testing.TB, spki []byte) string {
	t.Helper()
	_, der := selfSigned(t, "p256", testNow.Add(-time.Hour), testNow.Add(time.Hour))
	var c []asn1.RawValue // tbsCertificate, signatureAlgorithm, signatureValue
	if _, err := asn1.Unmarshal(der, &c); err != nil || len(c) != 3 {
		t.Fatal(err)
	}
	// version, serialNumber, signature, issuer, validity, subject,
	// subjectPublicKeyInfo, extensions (RFC 5280 §4.1)
	var tbs []asn1.RawValue
	if _, err := asn1.Unmarshal(c[0].FullBytes, &tbs); err != nil || len(tbs) < 7 {
		t.Fatal(err)
	}
	tbs[6] = asn1.RawValue{FullBytes: spki}
	c[0] = asn1.RawValue{FullBytes: mustMarshal(t, tbs)}
	return pemOf("CERTIFICATE", mustMarshal(t, c))
}

// TestJWKFromDERAgree: a key pasted as PEM and as a JWK is the same key,
// with the same thumbprint and description.
func TestJWKFromDERAgree(t *testing.T) {
	for _, name := range []string{"rsa2048-a", "p256", "p384", "p521", "ed25519"} {
		_, a, _ := Load(t.Context(), Material{Texts: []string{pubPEM(t, name)}}, "", Options{Verifier: testVerifier})
		_, b, _ := Load(t.Context(), Material{Texts: []string{pubJWK(t, name, nil)}}, "", Options{Verifier: testVerifier})
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if len(a) != 1 || strings.Replace(string(ja), `"source":"pem"`, `"source":"jwk"`, 1) != string(jb) {
			t.Errorf("%s:\n PEM %s\n JWK %s", name, ja, jb)
		}
	}
}

// BenchmarkParseDER compares the encoding/asn1 readers with crypto/x509's
// on the same DER.
func BenchmarkParseDER(b *testing.B) {
	for _, name := range []string{"rsa2048-a", "p256", "ed25519"} {
		spki := mustPEMBytes(b, pubPEM(b, name))
		_, cert := selfSigned(b, name, testNow, testNow.Add(time.Hour))
		b.Run("SPKI "+name+"/ours", func(b *testing.B) {
			for b.Loop() {
				if _, err := pkix.ParseSPKI(spki); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("SPKI "+name+"/x509", func(b *testing.B) {
			for b.Loop() {
				if _, err := x509.ParsePKIXPublicKey(spki); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("certificate "+name+"/ours", func(b *testing.B) {
			for b.Loop() {
				c, err := pkix.ParseCertificate(cert)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := pkix.ParseSPKI(c.SPKI); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("certificate "+name+"/x509", func(b *testing.B) {
			for b.Loop() {
				if _, err := x509.ParseCertificate(cert); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
