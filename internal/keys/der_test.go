package keys

// Tests of the encoding/asn1 key and certificate readers (der.go), with
// crypto/x509 as the oracle (test-only: the package itself does not link
// it).

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
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/lestrrat-go/jwx/v2/jwk"
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
		jk, err := jwk.ParseKey(raw)
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
		got, err := parseSPKI(spki)
		if err != nil || !samePublic(got, want) {
			t.Errorf("%s: parseSPKI = %+v, %v", k.name, got, err)
			continue
		}
		if re, err := marshalSPKI(got); err != nil || !bytes.Equal(re, spki) {
			t.Errorf("%s: marshalSPKI differs from x509.MarshalPKIXPublicKey (%v)", k.name, err)
		}
		if rk, ok := k.pub.(*rsa.PublicKey); ok {
			p1 := x509.MarshalPKCS1PublicKey(rk)
			got, err := parsePKCS1Public(p1)
			if err != nil || !samePublic(got, want) {
				t.Errorf("%s: parsePKCS1Public = %v", k.name, err)
			}
			if re, err := marshalPKCS1(want); err != nil || !bytes.Equal(re, p1) {
				t.Errorf("%s: marshalPKCS1 differs from x509.MarshalPKCS1PublicKey (%v)", k.name, err)
			}
		}
		if _, isPKCS1 := k.pub.(*rsa.PublicKey); !isPKCS1 {
			if _, err := marshalPKCS1(want); err == nil {
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
			got, err := parsePrivateKey(typ, der)
			var r *keyRefusal
			if _, isEd := k.priv.(ed25519.PrivateKey); isEd && typ == "PRIVATE KEY" {
				if !asRefusal(err, &r) || !strings.Contains(r.what, "does not include its public key") {
					t.Errorf("%s %s: %v, want the needs-the-public-key refusal", k.name, typ, err)
				}
				continue
			}
			if err != nil || !samePublic(got, want) {
				t.Errorf("%s %s: parsePrivateKey = %+v, %v", k.name, typ, got, err)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d keys compared", n)
	}
	t.Logf("%d keys: SPKI, PKCS #1 and private key encodings agree with crypto/x509", n)
}

func asRefusal(err error, r **keyRefusal) bool {
	if err == nil {
		return false
	}
	x, ok := err.(*keyRefusal)
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
// (names with every attribute pkix.Name has, characters RFC 4514 escapes,
// non-ASCII text, several values in one RDN; dates on both sides of 2050,
// which switch UTCTime to GeneralizedTime; every key type) and checks that
// parseCertificate reads the subject and issuer as pkix.Name.String()
// writes them, the same validity, and the same SubjectPublicKeyInfo.
func TestCertificateDifferential(t *testing.T) {
	ca := privKey(t, "p256")
	caName := pkix.Name{CommonName: "Example CA", Organization: []string{"Example"}, Country: []string{"US"}}
	names := []pkix.Name{
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
			got, err := parseCertificate(der)
			if err != nil {
				t.Errorf("%q: %v", name.String(), err)
				continue
			}
			if got.subject != c.Subject.String() || got.issuer != c.Issuer.String() {
				t.Errorf("names:\n ours subject %q issuer %q\n x509 subject %q issuer %q", got.subject, got.issuer, c.Subject.String(), c.Issuer.String())
			}
			if !got.notBefore.Equal(c.NotBefore) || !got.notAfter.Equal(c.NotAfter) {
				t.Errorf("%q validity: ours %v – %v, x509 %v – %v", name.String(), got.notBefore, got.notAfter, c.NotBefore, c.NotAfter)
			}
			if !bytes.Equal(got.spki, c.RawSubjectPublicKeyInfo) {
				t.Errorf("%q: SubjectPublicKeyInfo differs", name.String())
			}
			if s := certSummary(got); s.NotAfter != c.NotAfter.UTC().Format(time.RFC3339) {
				t.Errorf("summary %+v", s)
			}
		}
	}
	t.Logf("%d certificates agree with crypto/x509", n)

	// Attributes pkix.Name has no field for. RFC 4514 order (last RDN
	// first) and names for DC, UID and emailAddress: Go's String() puts
	// such attributes last and writes them as dotted OIDs with the hex of
	// its own re-encoding of the value, so here the strings are expected
	// verbatim instead (a documented difference).
	extra := pkix.Name{CommonName: "jdoe", ExtraNames: []pkix.AttributeTypeAndValue{
		{Type: oidDC, Value: "example"}, {Type: oidDC, Value: "com"}, {Type: oidUID, Value: "j.doe"},
		{Type: oidEmail, Value: "jdoe@example.com"}, {Type: oidTitle, Value: "Dr"},
	}}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(9), Subject: extra, NotBefore: dates[0][0], NotAfter: dates[0][1]}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, ca.Public(), ca)
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := asn1.Marshal("Dr")
	want := "2.5.4.12=#" + hexOf(title) + ",emailAddress=jdoe@example.com,UID=j.doe,DC=com,DC=example,CN=jdoe"
	if got.subject != want {
		t.Errorf("subject with extra attributes:\n got  %s\n want %s", got.subject, want)
	}
	c, _ := x509.ParseCertificate(der)
	t.Logf("documented difference: ours %q, pkix.Name.String() %q", got.subject, c.Subject.String())
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// TestNameString covers the directory string types and the bounds.
func TestNameString(t *testing.T) {
	atv := func(oid asn1.ObjectIdentifier, tag int, b []byte) attributeTypeAndValue {
		return attributeTypeAndValue{Type: oid, Value: asn1.RawValue{Class: asn1.ClassUniversal, Tag: tag, Bytes: b}}
	}
	cn := asn1.ObjectIdentifier{2, 5, 4, 3}
	o := asn1.ObjectIdentifier{2, 5, 4, 10}
	cases := []struct {
		name string
		rdns []rdnSET
		want string
	}{
		{"BMPString", []rdnSET{{atv(cn, asn1.TagBMPString, []byte{0, 'h', 0, 0xe9, 0xd8, 0x3d, 0xdd, 0x11})}}, "CN=hé🔑"},
		{"T61String as Latin-1", []rdnSET{{atv(cn, asn1.TagT61String, []byte{'c', 0xe9})}}, "CN=cé"},
		{"odd BMPString", []rdnSET{{atv(cn, asn1.TagBMPString, []byte{0, 'h', 0})}}, "2.5.4.3=#1e030068" + "00"},
		{"invalid UTF-8", []rdnSET{{atv(cn, asn1.TagUTF8String, []byte{0xff})}}, "2.5.4.3=#0c01ff"},
		{"OCTET STRING value", []rdnSET{{atv(cn, asn1.TagOctetString, []byte{1})}}, "2.5.4.3=#040101"},
		{"multi-valued RDN", []rdnSET{{atv(o, asn1.TagUTF8String, []byte("O")), atv(cn, asn1.TagUTF8String, []byte("a"))}, {atv(cn, asn1.TagUTF8String, []byte("b"))}}, "CN=b,CN=a+O=O"}, // DER sorts the SET
		{"empty name", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			der, err := asn1.Marshal(c.rdns)
			if err != nil {
				t.Fatal(err)
			}
			got, err := nameString(der)
			if err != nil || got != c.want {
				t.Errorf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
	var many []rdnSET
	for i := 0; i < 500; i++ {
		many = append(many, rdnSET{atv(cn, asn1.TagUTF8String, bytes.Repeat([]byte("x"), 40))})
	}
	der, _ := asn1.Marshal(many)
	if got, err := nameString(der); err != nil || len(got) > maxNameBytes+8 || !strings.HasSuffix(got, "…") {
		t.Errorf("long name: %d bytes, %v", len(got), err)
	}
	if _, err := nameString([]byte{0x30, 0x03, 0x31, 0x01}); err == nil {
		t.Error("a truncated name parsed")
	}
}

// spkiOf builds a SubjectPublicKeyInfo PEM by hand.
func spkiOf(t testing.TB, alg asn1.ObjectIdentifier, params []byte, key []byte) string {
	t.Helper()
	ai := algorithmIdentifier{Algorithm: alg}
	if params != nil {
		ai.Parameters = asn1.RawValue{FullBytes: params}
	}
	der, err := asn1.Marshal(subjectPublicKeyInfo{Algorithm: ai, PublicKey: asn1.BitString{Bytes: key, BitLength: 8 * len(key)}})
	if err != nil {
		t.Fatal(err)
	}
	return pemOf("PUBLIC KEY", der)
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
	p256Params := mustMarshal(t, ecCurves["P-256"].oid)
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
	}{1, d, ecCurves["P-256"].oid})
	pkcs8v2 := mustMarshal(t, pkcs8{Version: 1, Algorithm: algorithmIdentifier{Algorithm: oidEd25519}, PrivateKey: seed,
		PublicKey: asn1.BitString{Bytes: ed.Public().(ed25519.PublicKey), BitLength: 256}})
	withAttrs := mustMarshal(t, pkcs8{Version: 0, Algorithm: algorithmIdentifier{Algorithm: oidEd25519}, PrivateKey: seed,
		Attributes: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: mustMarshal(t, []int{1})},
		PublicKey:  asn1.BitString{Bytes: ed.Public().(ed25519.PublicKey), BitLength: 256}})
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
		ok("near miss: an EC SPKI built by hand", one(spkiOf(t, oidEC, p256Params, point))),
		inv("compressed EC point", one(spkiOf(t, oidEC, p256Params, append([]byte{2 + p256.Y[31]&1}, p256.X...))), "compressed form", "-conv_form uncompressed"),
		inv("EC point of the wrong length", one(spkiOf(t, oidEC, p256Params, point[:64])), "not an uncompressed P-256 point"),
		inv("EC point off the curve", one(spkiOf(t, oidEC, p256Params, append(append([]byte{4}, p256.X...), p256.X...))), "not a point on P-256"),
		inv("EC parameters that are not a named curve", one(spkiOf(t, oidEC, asn1.NullBytes, point)), "not a named curve"),
		inv("P-224", one(pemOf("PUBLIC KEY", p224DER)), "is on P-224, a curve no JWS algorithm uses"),
		inv("secp256k1", one(spkiOf(t, oidEC, mustMarshal(t, oidSecp256k1), point)), "secp256k1", "ES256K"),
		inv("brainpoolP256r1", one(spkiOf(t, oidEC, mustMarshal(t, asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 7}), point)), "elliptic curve JWS does not use (OID 1.3.36.3.3.2.8.1.1.7)"),
		inv("X25519", one(pemOf("PUBLIC KEY", x25519DER)), "X25519 key, which is for key agreement, not signatures"),
		inv("X448", one(spkiOf(t, oidX448, nil, make([]byte, 56))), "X448 key"),
		inv("Ed448", one(spkiOf(t, oidEd448, nil, make([]byte, 57))), "Ed448 key, which this tool cannot use"),
		inv("DSA", one(spkiOf(t, oidDSA, dsaParams, mustMarshal(t, big.NewInt(5)))), "type JWS cannot use (DSA)"),
		inv("RSASSA-PSS key", one(spkiOf(t, oidRSAPSS, nil, pkcs1)), "restricted to RSASSA-PSS"),
		inv("unknown algorithm", one(spkiOf(t, asn1.ObjectIdentifier{1, 2, 3}, nil, pkcs1)), "does not parse as SubjectPublicKeyInfo", "OID 1.2.3"),
		inv("RSA without NULL parameters", one(spkiOf(t, oidRSA, nil, pkcs1)), "lacks its NULL parameters"),
		ok("near miss: RSA with NULL parameters", one(spkiOf(t, oidRSA, asn1.NullBytes, pkcs1))),
		inv("Ed25519 with parameters", one(spkiOf(t, oidEd25519, asn1.NullBytes, ed.Public().(ed25519.PublicKey))), "forbids"),
		inv("Ed25519 of 31 bytes", one(spkiOf(t, oidEd25519, nil, make([]byte, 31))), "32 bytes, this one 31 bytes"),
		inv("PKCS #1 under the PUBLIC KEY label", one(pemOf("PUBLIC KEY", pkcs1)), "PKCS #1 RSA public key (the RSA PUBLIC KEY format)"),
		ok("near miss: PKCS #1 under its own label", one(pemOf("RSA PUBLIC KEY", pkcs1))),
		inv("trailing data after the SPKI", one(pemOf("PUBLIC KEY", trailing)), "trailing data"),
		inv("negative RSA modulus", one(pemOf("RSA PUBLIC KEY", mustMarshal(t, pkcs1PublicKey{N: big.NewInt(-7), E: big.NewInt(3)}))), "modulus is negative"),
		inv("RSA exponent of 65 bits in DER", one(pemOf("RSA PUBLIC KEY", mustMarshal(t, pkcs1PublicKey{N: rsaPub.N, E: new(big.Int).Lsh(big.NewInt(1), 64)}))), "the public exponent is 65 bits"),
		inv("truncated DER", one(pemOf("PUBLIC KEY", mustPEMBytes(t, pubPEM(t, "p256"))[:40])), "malformed DER (data truncated)"),
		inv("Ed25519 PKCS #8 without its public key", one(fixture(t, "ed25519.key.pem")), "does not include its public key", "Paste the public key"),
		inv("private key warning kept for it", one(fixture(t, "ed25519.key.pem")), "A private key was pasted"),
		inv("SEC 1 EC key without its public key", one(pemOf("EC PRIVATE KEY", sec1NoPub)), "EC P-256 private key that does not include its public key"),
		inv("X25519 PKCS #8 private key", one(pemOf("PRIVATE KEY", mustMarshal(t, pkcs8{Algorithm: algorithmIdentifier{Algorithm: oidX25519}, PrivateKey: seed}))), "X25519 key"),
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
	if k, err := parsePrivateKey("PRIVATE KEY", withAttrs); err != nil || k.Crv != "Ed25519" {
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
	var c certificateDER
	if _, err := asn1.Unmarshal(der, &c); err != nil {
		t.Fatal(err)
	}
	var tbs tbsCertificate
	if _, err := asn1.Unmarshal(c.TBS.FullBytes, &tbs); err != nil {
		t.Fatal(err)
	}
	tbs.PublicKey = asn1.RawValue{FullBytes: spki}
	c.TBS = asn1.RawValue{FullBytes: mustMarshal(t, tbs)}
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
				if _, err := parseSPKI(spki); err != nil {
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
				c, err := parseCertificate(cert)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := parseSPKI(c.spki); err != nil {
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
