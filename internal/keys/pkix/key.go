package pkix

// DER key formats: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RFC 3279
// §2.3.1, RFC 5480 §2, RFC 8410 §4), PKCS #1 RSA keys (RFC 8017 Appendix
// A.1), PKCS #8 private keys (RFC 5208 §5, RFC 5958 §2) and SEC 1 EC
// private keys (RFC 5915 §3). Private keys are read only for their public
// half, when they carry it.

import (
	"bytes"
	"encoding/asn1"
	"errors"
	"math/big"
	"strconv"

	"github.com/authdebug/authdebug/internal/keys/jwk"
	"github.com/authdebug/authdebug/internal/report"
)

// Algorithm and attribute OIDs.
var (
	oidRSA       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}  // rsaEncryption, RFC 8017 App. C
	oidRSAPSS    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10} // id-RSASSA-PSS, RFC 4055 §3.1
	oidDSA       = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}      // id-dsa, RFC 3279 §2.3.2
	oidEC        = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}      // id-ecPublicKey, RFC 5480 §2.1.1
	oidX25519    = asn1.ObjectIdentifier{1, 3, 101, 110}              // RFC 8410 §3
	oidX448      = asn1.ObjectIdentifier{1, 3, 101, 111}
	oidEd25519   = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidEd448     = asn1.ObjectIdentifier{1, 3, 101, 113}
	oidP224      = asn1.ObjectIdentifier{1, 3, 132, 0, 33}
	oidSecp256k1 = asn1.ObjectIdentifier{1, 3, 132, 0, 10}
)

// curveOIDs are the namedCurve OIDs of the JWS EC curves (RFC 5480
// §2.1.1.1).
var curveOIDs = map[string]asn1.ObjectIdentifier{
	"P-256": {1, 2, 840, 10045, 3, 1, 7},
	"P-384": {1, 3, 132, 0, 34},
	"P-521": {1, 3, 132, 0, 35},
}

// curveOfOID names the curve of a namedCurve OID, "" if it is not a JWS
// curve.
func curveOfOID(oid asn1.ObjectIdentifier) string {
	for name, o := range curveOIDs {
		if oid.Equal(o) {
			return name
		}
	}
	return ""
}

type algorithmIdentifier struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

type subjectPublicKeyInfo struct {
	Algorithm algorithmIdentifier
	PublicKey asn1.BitString
}

type pkcs1PublicKey struct {
	N *big.Int
	E *big.Int
}

// pkcs1PrivateKey is RSAPrivateKey (RFC 8017 A.1.2) up to q; the CRT
// values and other primes that follow are not read.
type pkcs1PrivateKey struct {
	Version int
	N, E    *big.Int
	D, P, Q *big.Int
}

// pkcs8 is OneAsymmetricKey (RFC 5958 §2; PrivateKeyInfo, RFC 5208 §5,
// is its version 0 without publicKey).
type pkcs8 struct {
	Version    int
	Algorithm  algorithmIdentifier
	PrivateKey []byte
	Attributes asn1.RawValue  `asn1:"optional,tag:0"`
	PublicKey  asn1.BitString `asn1:"optional,tag:1"`
}

// ecPrivateKey is ECPrivateKey (RFC 5915 §3).
type ecPrivateKey struct {
	Version    int
	PrivateKey []byte
	Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
	PublicKey  asn1.BitString        `asn1:"optional,explicit,tag:1"`
}

// Refusal is a well-formed key this tool cannot use for JWS, with why:
// What completes "The key in <name> ", the rest is the finding's text.
type Refusal struct {
	What, Detail, Fix, Evidence string
	Refs                        []string
}

func (r *Refusal) Error() string { return r.What }

// Unwrap lets errors.Is match ErrUnsupported.
func (r *Refusal) Unwrap() error { return ErrUnsupported }

// needPublic refuses a private key that does not carry its public key.
func needPublic(kind string) *Refusal {
	return &Refusal{
		What:     "is " + kind + " private key that does not include its public key",
		Detail:   "This tool reads only the public half of a pasted private key, and this encoding does not carry it (computing it from the private key is not done here). Verification only needs the public key.",
		Fix:      "Paste the public key instead (`openssl pkey -in key.pem -pubout`).",
		Evidence: kind + " private key without publicKey",
		Refs:     []string{"RFC 5958 §2", "RFC 5915 §3", "RFC 8725 §3.5"},
	}
}

// derErr turns an encoding/asn1 error into a short sentence (its own
// messages name Go types).
func derErr(err error) error {
	var se asn1.SyntaxError
	if errors.As(err, &se) {
		return malformed("malformed DER (" + se.Msg + ")")
	}
	return malformed("malformed DER (an element has an unexpected type, or is missing)")
}

// unmarshalAll parses one DER value that must fill b.
func unmarshalAll(b []byte, v any, what string) error {
	rest, err := asn1.Unmarshal(b, v)
	if err != nil {
		return derErr(err)
	}
	if len(rest) > 0 {
		return malformed("trailing data after the " + what)
	}
	return nil
}

// ParseSPKI reads a SubjectPublicKeyInfo.
func ParseSPKI(der []byte) (*jwk.PublicKey, error) {
	var spki subjectPublicKeyInfo
	if err := unmarshalAll(der, &spki, "SubjectPublicKeyInfo"); err != nil {
		if _, e2 := ParsePKCS1Public(der); e2 == nil {
			return nil, malformed("it is a PKCS #1 RSA public key (the RSA PUBLIC KEY format), not a SubjectPublicKeyInfo")
		}
		return nil, err
	}
	return spkiKey(spki.Algorithm, spki.PublicKey)
}

// bitBytes returns the bytes of a BIT STRING that holds whole bytes.
func bitBytes(b asn1.BitString) ([]byte, error) {
	if b.BitLength%8 != 0 {
		return nil, malformed("the public key BIT STRING does not hold whole bytes")
	}
	return b.Bytes, nil
}

// spkiKey reads the key of a SubjectPublicKeyInfo (also used for the
// algorithm and publicKey of a PKCS #8 key).
func spkiKey(alg algorithmIdentifier, bits asn1.BitString) (*jwk.PublicKey, error) {
	data, err := bitBytes(bits)
	if err != nil {
		return nil, err
	}
	params := alg.Parameters.FullBytes
	oid := alg.Algorithm
	switch {
	case oid.Equal(oidRSA):
		if !bytes.Equal(params, asn1.NullBytes) {
			return nil, malformed("the rsaEncryption algorithm lacks its NULL parameters (RFC 3279 §2.3.1)")
		}
		return ParsePKCS1Public(data)
	case oid.Equal(oidEC):
		crv, err := namedCurve(params)
		if err != nil {
			return nil, err
		}
		return ecPoint(crv, data)
	case oid.Equal(oidEd25519):
		if len(params) != 0 {
			return nil, malformed("the Ed25519 algorithm has parameters, which RFC 8410 §3 forbids")
		}
		if len(data) != 32 {
			return nil, malformed("an Ed25519 public key is 32 bytes, this one " + plural(len(data), "byte"))
		}
		return &jwk.PublicKey{Kty: jwk.KtyOKP, Crv: "Ed25519", X: bytes.Clone(data)}, nil
	}
	return nil, refusalFor(oid)
}

// refusalFor explains a key algorithm JWS cannot use, or says it is unknown.
func refusalFor(oid asn1.ObjectIdentifier) error {
	switch {
	case oid.Equal(oidX25519), oid.Equal(oidX448):
		name := "X25519"
		if oid.Equal(oidX448) {
			name = "X448"
		}
		return &Refusal{
			What:     "is an " + name + " key, which is for key agreement, not signatures",
			Detail:   name + " keys are used by ECDH-ES encryption (JWE); a JWS is signed with Ed25519 (EdDSA) or another signature key.",
			Fix:      "Use the issuer's signature key (Ed25519 for EdDSA).",
			Evidence: "algorithm " + name + " (" + oid.String() + ")",
			Refs:     []string{"RFC 8037 §3.2", "RFC 8410 §3"},
		}
	case oid.Equal(oidEd448):
		return &Refusal{
			What:     "is an Ed448 key, which this tool cannot use",
			Detail:   "Ed448 is a registered JWS curve (RFC 8037), but Go has no Ed448 implementation, so this tool cannot check Ed448 signatures; servers built on most libraries cannot either.",
			Fix:      "Check the signature with a tool that supports Ed448, or use an Ed25519 key.",
			Evidence: "algorithm Ed448 (" + oid.String() + ")",
			Refs:     []string{"RFC 8037 §2", "RFC 8410 §3"},
		}
	case oid.Equal(oidDSA):
		return &Refusal{
			What:     "has a type JWS cannot use (DSA)",
			Detail:   "JWS signature keys are RSA, EC (P-256, P-384, P-521) or Ed25519; DSA is not a JWS algorithm.",
			Fix:      "Use the issuer's signature key.",
			Evidence: "algorithm DSA (" + oid.String() + ")",
			Refs:     []string{"RFC 7518 §6"},
		}
	case oid.Equal(oidRSAPSS):
		return &Refusal{
			What:     "is an RSA key restricted to RSASSA-PSS (id-RSASSA-PSS), a form JWS verifiers do not read",
			Detail:   "PS256/PS384/PS512 use ordinary RSA public keys (rsaEncryption, or a JWK with kty RSA); keys encoded with the id-RSASSA-PSS algorithm and its parameters are refused by JWS libraries and by this tool.",
			Fix:      "Publish the key as an ordinary RSA public key (rsaEncryption SubjectPublicKeyInfo) or as a JWK.",
			Evidence: "algorithm id-RSASSA-PSS (" + oid.String() + ")",
			Refs:     []string{"RFC 7518 §3.5", "RFC 4055 §3.1"},
		}
	}
	return unsupported("its key algorithm (OID " + oid.String() + ") is not RSA, EC or Ed25519")
}

// namedCurve reads the namedCurve parameter of an EC key (RFC 5480
// §2.1.1) and names its JWS curve.
func namedCurve(params []byte) (string, error) {
	var oid asn1.ObjectIdentifier
	if err := unmarshalAll(params, &oid, "EC parameters"); err != nil {
		return "", malformed("the EC parameters are not a named curve (RFC 5480 §2.1.1): " + err.Error())
	}
	return curveName(oid)
}

func curveName(oid asn1.ObjectIdentifier) (string, error) {
	if crv := curveOfOID(oid); crv != "" {
		return crv, nil
	}
	switch {
	case oid.Equal(oidSecp256k1):
		return "", &Refusal{
			What:     "is on secp256k1, a curve this tool cannot use",
			Detail:   "secp256k1 is the curve of ES256K (RFC 8812 §3.1); this tool has no secp256k1 implementation (Go's standard library has none), so it cannot load or check such a key.",
			Fix:      "Use the issuer's P-256, P-384 or P-521 key, or a tool that supports ES256K.",
			Evidence: "curve secp256k1 (" + oid.String() + ")",
			Refs:     []string{"RFC 8812 §3.1", "RFC 7518 §6.2.1.1"},
		}
	case oid.Equal(oidP224):
		return "", &Refusal{
			What:     "is on P-224, a curve no JWS algorithm uses",
			Detail:   "JWS EC keys are on P-256 (ES256), P-384 (ES384) or P-521 (ES512) (RFC 7518 §3.4).",
			Fix:      "Use the issuer's P-256, P-384 or P-521 key.",
			Evidence: "curve P-224 (" + oid.String() + ")",
			Refs:     []string{"RFC 7518 §3.4", "RFC 7518 §6.2.1.1"},
		}
	}
	return "", &Refusal{
		What:     "is on an elliptic curve JWS does not use (OID " + oid.String() + ")",
		Detail:   "JWS EC keys are on P-256 (ES256), P-384 (ES384) or P-521 (ES512) (RFC 7518 §3.4).",
		Fix:      "Use the issuer's P-256, P-384 or P-521 key.",
		Evidence: "curve " + oid.String(),
		Refs:     []string{"RFC 7518 §6.2.1.1"},
	}
}

// ecPoint reads an uncompressed point 0x04||X||Y of the curve (SEC 1
// §2.3.3). It does not check that the point is on the curve.
func ecPoint(crv string, data []byte) (*jwk.PublicKey, error) {
	size := jwk.CurveSize(crv)
	switch {
	case len(data) > 0 && (data[0] == 2 || data[0] == 3):
		return nil, &Refusal{
			What:     "is an EC " + crv + " point in compressed form, which this tool does not decompress",
			Detail:   "JWKs and JWS verifiers carry EC public keys as both coordinates (x and y); this key gives only x and the sign of y (SEC 1 §2.3.3).",
			Fix:      "Export the key with its uncompressed point (`openssl ec -pubin -in key.pem -pubout -conv_form uncompressed`), or paste the issuer's JWK.",
			Evidence: "point: " + plural(len(data), "byte") + ", compressed (0x0" + string(rune('0'+data[0])) + ")",
			Refs:     []string{"SEC 1 §2.3.3", "RFC 5480 §2.2"},
		}
	case len(data) != 1+2*size || data[0] != 4:
		return nil, malformed("the EC point is not an uncompressed " + crv + " point (0x04, then " + strconv.Itoa(size) + " bytes of x and of y)")
	}
	return &jwk.PublicKey{Kty: jwk.KtyEC, Crv: crv, X: bytes.Clone(data[1 : 1+size]), Y: bytes.Clone(data[1+size:])}, nil
}

// ParsePKCS1Public reads an RSAPublicKey (RFC 8017 A.1.1).
func ParsePKCS1Public(der []byte) (*jwk.PublicKey, error) {
	var k pkcs1PublicKey
	if err := unmarshalAll(der, &k, "RSA public key"); err != nil {
		return nil, err
	}
	return rsaKey(k.N, k.E)
}

// rsaKey turns a modulus and exponent as read into a PublicKey; package keys
// says later whether it is usable.
func rsaKey(n, e *big.Int) (*jwk.PublicKey, error) {
	if n.Sign() < 0 {
		return nil, malformed("the RSA modulus is negative")
	}
	if e.Sign() < 0 {
		return nil, malformed("the RSA public exponent is negative")
	}
	return jwk.RSAPublicKey(n, e), nil
}

// ParsePrivateKey reads the public half of a "PRIVATE KEY" (PKCS #8),
// "RSA PRIVATE KEY" (PKCS #1) or "EC PRIVATE KEY" (SEC 1) DER.
func ParsePrivateKey(typ string, der []byte) (*jwk.PublicKey, error) {
	switch typ {
	case "RSA PRIVATE KEY":
		return parsePKCS1Private(der)
	case "EC PRIVATE KEY":
		return parseECPrivate(der, "")
	}
	var k pkcs8
	if err := unmarshalAll(der, &k, "private key"); err != nil {
		if _, e2 := parsePKCS1Private(der); e2 == nil {
			return nil, malformed("it is a PKCS #1 RSA private key (the RSA PRIVATE KEY format), not PKCS #8")
		}
		if _, e2 := parseECPrivate(der, ""); e2 == nil {
			return nil, malformed("it is a SEC 1 EC private key (the EC PRIVATE KEY format), not PKCS #8")
		}
		return nil, err
	}
	if k.Version != 0 && k.Version != 1 {
		return nil, malformed("the PKCS #8 version is " + strconv.Itoa(k.Version) + ", not 0 or 1")
	}
	oid := k.Algorithm.Algorithm
	switch {
	case oid.Equal(oidRSA):
		return parsePKCS1Private(k.PrivateKey)
	case oid.Equal(oidEC):
		crv, err := namedCurve(k.Algorithm.Parameters.FullBytes)
		if err != nil {
			return nil, err
		}
		return parseECPrivate(k.PrivateKey, crv)
	case oid.Equal(oidEd25519):
		var seed []byte
		if err := unmarshalAll(k.PrivateKey, &seed, "Ed25519 private key"); err != nil || len(seed) != 32 {
			return nil, malformed("the Ed25519 private key is not a 32-byte OCTET STRING (RFC 8410 §7)")
		}
		if k.PublicKey.BitLength == 0 {
			return nil, needPublic("an Ed25519")
		}
		return spkiKey(k.Algorithm, k.PublicKey)
	}
	return nil, refusalFor(oid)
}

func parsePKCS1Private(der []byte) (*jwk.PublicKey, error) {
	var k pkcs1PrivateKey
	rest, err := asn1.Unmarshal(der, &k)
	if err != nil {
		return nil, derErr(err)
	}
	if len(rest) > 0 {
		return nil, malformed("trailing data after the RSA private key")
	}
	if k.Version != 0 && k.Version != 1 {
		return nil, malformed("the RSA private key version is " + strconv.Itoa(k.Version) + ", not 0 or 1")
	}
	return rsaKey(k.N, k.E)
}

// parseECPrivate reads an ECPrivateKey's public key; crv is the curve its
// PKCS #8 wrapper names ("" when it is not wrapped).
func parseECPrivate(der []byte, crv string) (*jwk.PublicKey, error) {
	var k ecPrivateKey
	if err := unmarshalAll(der, &k, "EC private key"); err != nil {
		return nil, err
	}
	if k.Version != 1 {
		return nil, malformed("the EC private key version is " + strconv.Itoa(k.Version) + ", not 1 (RFC 5915 §3)")
	}
	if len(k.Curve) > 0 {
		c, err := curveName(k.Curve)
		if err != nil {
			return nil, err
		}
		if crv != "" && c != crv {
			return nil, malformed("the EC private key names " + c + " but its PKCS #8 wrapper " + crv)
		}
		crv = c
	}
	if crv == "" {
		return nil, malformed("the EC private key does not name its curve")
	}
	if len(k.PrivateKey) != jwk.CurveSize(crv) {
		return nil, malformed("the " + crv + " private key is " + plural(len(k.PrivateKey), "byte") + ", not " + strconv.Itoa(jwk.CurveSize(crv)))
	}
	if k.PublicKey.BitLength == 0 {
		return nil, needPublic("an EC " + crv)
	}
	data, err := bitBytes(k.PublicKey)
	if err != nil {
		return nil, err
	}
	return ecPoint(crv, data)
}

func plural(n int, word string) string {
	return report.Plural(n, "1 "+word, strconv.Itoa(n)+" "+word+"s")
}
