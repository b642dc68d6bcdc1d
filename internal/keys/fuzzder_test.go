package keys

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/keys/jwk"
	"github.com/authdebug/authdebug/internal/keys/pkix"
)

var pemTypes = []string{"PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"}

// spkiDeviations are the parse errors allowed where crypto/x509 reads a
// SubjectPublicKeyInfo: it right-aligns a BIT STRING with unused bits,
// and ignores bytes after the RSAPublicKey inside it; this package refuses
// both (no real encoder writes them).
var spkiDeviations = []string{"does not hold whole bytes", "trailing data after the RSA public key"}

// FuzzParsePEM runs the DER readers (SubjectPublicKeyInfo, PKCS #1,
// certificate, PKCS #8, SEC 1) on arbitrary bytes, directly and as a PEM
// block of each type through Load. Properties: no panic, bounded findings;
// a key read re-encodes (pkix.MarshalSPKI) to DER that reads back as the same
// key; whatever crypto/x509 reads as a JWS key (RSA, P-256/384/521,
// Ed25519) reads here as the same key, but for the documented deviations;
// a certificate x509 reads has the same validity and key here.
func FuzzParsePEM(f *testing.F) {
	for _, name := range []string{"rsa2048-a", "p256", "p521", "ed25519"} {
		pub := mustPEMBytes(f, pubPEM(f, name))
		priv := mustPEMBytes(f, fixture(f, name+".key.pem"))
		f.Add(uint8(0), pub)
		f.Add(uint8(3), priv)
		_, cert := selfSigned(f, name, testNow.Add(-time.Hour), testNow.Add(time.Hour))
		f.Add(uint8(2), cert)
	}
	k := privKey(f, "rsa2048-a").(*rsa.PrivateKey)
	f.Add(uint8(1), x509.MarshalPKCS1PublicKey(&k.PublicKey))
	f.Add(uint8(4), x509.MarshalPKCS1PrivateKey(k))
	ec, _ := x509.MarshalECPrivateKey(privKey(f, "p384").(*ecdsa.PrivateKey))
	f.Add(uint8(5), ec)
	p256 := pubOf(f, "p256")
	f.Add(uint8(0), spkiDER(f, oids["ecPublicKey"], mustMarshal(f, oids["P-256"]), append([]byte{2}, p256.X...)))
	f.Add(uint8(0), spkiDER(f, oids["Ed448"], nil, make([]byte, 57)))
	f.Add(uint8(2), []byte{0x30, 0x80})
	f.Add(uint8(0), []byte{})
	f.Fuzz(func(t *testing.T, kind uint8, der []byte) {
		typ := pemTypes[int(kind)%len(pemTypes)]
		var pub *PublicKey
		var err error
		var cert *pkix.Certificate
		switch typ {
		case "PUBLIC KEY":
			pub, err = pkix.ParseSPKI(der)
		case "RSA PUBLIC KEY":
			pub, err = pkix.ParsePKCS1Public(der)
		case "CERTIFICATE":
			cert, err = pkix.ParseCertificate(der)
			if err == nil {
				if len(cert.Subject) > 1024+8 || len(cert.Issuer) > 1024+8 { // pkix clips names at 1024 bytes, then "…"
					t.Fatalf("name of %d bytes", len(cert.Subject))
				}
				pub, err = pkix.ParseSPKI(cert.SPKI)
			}
		default:
			pub, err = pkix.ParsePrivateKey(typ, der)
		}
		if err == nil {
			if pub == nil {
				t.Fatal("nil key without an error")
			}
			if len(pub.N) > 0 && pub.N[0] == 0 || len(pub.E) > 0 && pub.E[0] == 0 {
				t.Fatalf("leading zeros in %+v", pub)
			}
			if re, err := pkix.MarshalSPKI(pub); err == nil {
				back, err := pkix.ParseSPKI(re)
				if err != nil || !samePublic(back, pub) {
					t.Fatalf("round trip: %+v -> %+v, %v", pub, back, err)
				}
			} else if pub.Kty != ktyRSA {
				t.Fatalf("cannot re-encode %+v: %v", pub, err)
			}
		}
		switch typ {
		case "PUBLIC KEY":
			xk, xerr := x509.ParsePKIXPublicKey(der)
			if xerr == nil {
				checkAgainstX509(t, xk, pub, err)
			}
		case "CERTIFICATE":
			xc, xerr := x509.ParseCertificate(der)
			if xerr == nil {
				if cert == nil {
					t.Fatalf("x509 reads the certificate, not this package: %v", err)
				}
				if !cert.NotBefore.Equal(xc.NotBefore) || !cert.NotAfter.Equal(xc.NotAfter) || string(cert.SPKI) != string(xc.RawSubjectPublicKeyInfo) {
					t.Fatalf("certificate differs from x509's")
				}
				if xc.PublicKey != nil {
					checkAgainstX509(t, xc.PublicKey, pub, err)
				}
			}
		}
		text := pemOf(typ, der)
		set, keys, fs := Load(context.Background(), Material{Texts: []string{text, "-----BEGIN " + typ + "-----\n" + strings.Repeat("QUJD", len(der)%50) + "\n"}}, "", Options{Now: testNow, Verifier: testVerifier})
		if set.Len() != len(keys) {
			t.Fatalf("%d keys, %d described", set.Len(), len(keys))
		}
		checkBounded(t, fs)
	})
}

// checkAgainstX509: a JWS key x509 reads must read here as the same key.
func checkAgainstX509(t *testing.T, xk any, pub *PublicKey, err error) {
	t.Helper()
	want := toPublicKey(xk)
	if want == nil {
		return // DSA, X25519, P-224: refused here, as keys JWS cannot use
	}
	if e, ok := xk.(*ecdsa.PublicKey); ok {
		if jwk.CurveSize(e.Curve.Params().Name) == 0 {
			return
		}
	}
	if r, ok := xk.(*rsa.PublicKey); ok {
		want = jwk.RSAPublicKey(r.N, big.NewInt(int64(r.E)))
	}
	if _, ok := xk.(ed25519.PublicKey); ok && err != nil {
		t.Fatalf("x509 reads an Ed25519 key, this package: %v", err)
	}
	if err != nil {
		for _, d := range spkiDeviations {
			if strings.Contains(err.Error(), d) {
				return
			}
		}
		t.Fatalf("x509 reads %T, this package: %v", xk, err)
	}
	if !samePublic(pub, want) {
		t.Fatalf("keys differ: %+v, x509 %+v", pub, want)
	}
}
