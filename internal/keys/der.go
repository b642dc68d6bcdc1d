package keys

// DER key formats read with encoding/asn1, so that the browser build links
// no crypto/x509 (nor the RSA, ECDSA and Ed25519 code it pulls in):
// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RFC 3279 §2.3.1, RFC 5480 §2,
// RFC 8410 §4), PKCS #1 RSA keys (RFC 8017 Appendix A.1), the fields of an
// X.509 certificate the report shows (RFC 5280 §4.1), PKCS #8 private keys
// (RFC 5208 §5, RFC 5958 §2) and SEC 1 EC private keys (RFC 5915 §3).
// Private keys are read only for their public half, when they carry it.

import (
	"bytes"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
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

// Limits on what a certificate name may make the report show.
const (
	maxNameBytes = 1024 // a subject or issuer string
	maxNameATVs  = 64   // attributes read from one name
)

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

type certificateDER struct {
	TBS       asn1.RawValue
	Algorithm algorithmIdentifier
	Signature asn1.BitString
}

type tbsCertificate struct {
	Version    int `asn1:"optional,explicit,default:0,tag:0"`
	Serial     asn1.RawValue
	Algorithm  algorithmIdentifier
	Issuer     asn1.RawValue
	Validity   validity
	Subject    asn1.RawValue
	PublicKey  asn1.RawValue
	IssuerUID  asn1.BitString `asn1:"optional,tag:1"`
	SubjectUID asn1.BitString `asn1:"optional,tag:2"`
	Extensions asn1.RawValue  `asn1:"optional,explicit,tag:3"`
}

type validity struct {
	NotBefore, NotAfter time.Time
}

type attributeTypeAndValue struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// rdnSET is a RelativeDistinguishedName (encoding/asn1 reads a slice type
// whose name ends in SET as a SET OF).
type rdnSET []attributeTypeAndValue

// certInfo is what the report shows of a certificate, and its key.
type certInfo struct {
	subject, issuer     string
	notBefore, notAfter time.Time
	spki                []byte // the SubjectPublicKeyInfo DER
}

// keyRefusal is a well-formed key this tool cannot use for JWS, with why.
// what completes "The key in <name> ".
type keyRefusal struct {
	what, detail, fix, evidence string
	refs                        []string
}

func (r *keyRefusal) Error() string { return r.what }

// needPublic refuses a private key that does not carry its public key.
func needPublic(kind string) *keyRefusal {
	return &keyRefusal{
		what:     "is " + kind + " private key that does not include its public key",
		detail:   "This tool reads only the public half of a pasted private key, and this encoding does not carry it (computing it from the private key is not done here). Verification only needs the public key.",
		fix:      "Paste the public key instead (`openssl pkey -in key.pem -pubout`).",
		evidence: kind + " private key without publicKey",
		refs:     []string{"RFC 5958 §2", "RFC 5915 §3", "RFC 8725 §3.5"},
	}
}

// derErr turns an encoding/asn1 error into a short sentence (its own
// messages name Go types).
func derErr(err error) error {
	var se asn1.SyntaxError
	if errors.As(err, &se) {
		return errors.New("malformed DER (" + se.Msg + ")")
	}
	return errors.New("malformed DER (an element has an unexpected type, or is missing)")
}

// unmarshalAll parses one DER value that must fill b.
func unmarshalAll(b []byte, v any, what string) error {
	rest, err := asn1.Unmarshal(b, v)
	if err != nil {
		return derErr(err)
	}
	if len(rest) > 0 {
		return errors.New("trailing data after the " + what)
	}
	return nil
}

// parseSPKI reads a SubjectPublicKeyInfo.
func parseSPKI(der []byte) (*PublicKey, error) {
	var spki subjectPublicKeyInfo
	if err := unmarshalAll(der, &spki, "SubjectPublicKeyInfo"); err != nil {
		if _, e2 := parsePKCS1Public(der); e2 == nil {
			return nil, errors.New("it is a PKCS #1 RSA public key (the RSA PUBLIC KEY format), not a SubjectPublicKeyInfo")
		}
		return nil, err
	}
	return spkiKey(spki.Algorithm, spki.PublicKey)
}

// bitBytes returns the bytes of a BIT STRING that holds whole bytes.
func bitBytes(b asn1.BitString) ([]byte, error) {
	if b.BitLength%8 != 0 {
		return nil, errors.New("the public key BIT STRING does not hold whole bytes")
	}
	return b.Bytes, nil
}

// spkiKey reads the key of a SubjectPublicKeyInfo (also used for the
// algorithm and publicKey of a PKCS #8 key).
func spkiKey(alg algorithmIdentifier, bits asn1.BitString) (*PublicKey, error) {
	data, err := bitBytes(bits)
	if err != nil {
		return nil, err
	}
	params := alg.Parameters.FullBytes
	oid := alg.Algorithm
	switch {
	case oid.Equal(oidRSA):
		if !bytes.Equal(params, asn1.NullBytes) {
			return nil, errors.New("the rsaEncryption algorithm lacks its NULL parameters (RFC 3279 §2.3.1)")
		}
		return parsePKCS1Public(data)
	case oid.Equal(oidEC):
		crv, err := namedCurve(params)
		if err != nil {
			return nil, err
		}
		return ecPoint(crv, data)
	case oid.Equal(oidEd25519):
		if len(params) != 0 {
			return nil, errors.New("the Ed25519 algorithm has parameters, which RFC 8410 §3 forbids")
		}
		if len(data) != 32 {
			return nil, errors.New("an Ed25519 public key is 32 bytes, this one " + plural(len(data), "byte"))
		}
		return &PublicKey{Kty: ktyOKP, Crv: "Ed25519", X: bytes.Clone(data)}, nil
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
		return &keyRefusal{
			what:     "is an " + name + " key, which is for key agreement, not signatures",
			detail:   name + " keys are used by ECDH-ES encryption (JWE); a JWS is signed with Ed25519 (EdDSA) or another signature key.",
			fix:      "Use the issuer's signature key (Ed25519 for EdDSA).",
			evidence: "algorithm " + name + " (" + oid.String() + ")",
			refs:     []string{"RFC 8037 §3.2", "RFC 8410 §3"},
		}
	case oid.Equal(oidEd448):
		return &keyRefusal{
			what:     "is an Ed448 key, which this tool cannot use",
			detail:   "Ed448 is a registered JWS curve (RFC 8037), but Go has no Ed448 implementation, so this tool cannot check Ed448 signatures; servers built on most libraries cannot either.",
			fix:      "Check the signature with a tool that supports Ed448, or use an Ed25519 key.",
			evidence: "algorithm Ed448 (" + oid.String() + ")",
			refs:     []string{"RFC 8037 §2", "RFC 8410 §3"},
		}
	case oid.Equal(oidDSA):
		return &keyRefusal{
			what:     "has a type JWS cannot use (DSA)",
			detail:   "JWS signature keys are RSA, EC (P-256, P-384, P-521) or Ed25519; DSA is not a JWS algorithm.",
			fix:      "Use the issuer's signature key.",
			evidence: "algorithm DSA (" + oid.String() + ")",
			refs:     []string{"RFC 7518 §6"},
		}
	case oid.Equal(oidRSAPSS):
		return &keyRefusal{
			what:     "is an RSA key restricted to RSASSA-PSS (id-RSASSA-PSS), a form JWS verifiers do not read",
			detail:   "PS256/PS384/PS512 use ordinary RSA public keys (rsaEncryption, or a JWK with kty RSA); keys encoded with the id-RSASSA-PSS algorithm and its parameters are refused by JWS libraries and by this tool.",
			fix:      "Publish the key as an ordinary RSA public key (rsaEncryption SubjectPublicKeyInfo) or as a JWK.",
			evidence: "algorithm id-RSASSA-PSS (" + oid.String() + ")",
			refs:     []string{"RFC 7518 §3.5", "RFC 4055 §3.1"},
		}
	}
	return errors.New("its key algorithm (OID " + oid.String() + ") is not RSA, EC or Ed25519")
}

// namedCurve reads the namedCurve parameter of an EC key (RFC 5480
// §2.1.1) and names its JWS curve.
func namedCurve(params []byte) (string, error) {
	var oid asn1.ObjectIdentifier
	if err := unmarshalAll(params, &oid, "EC parameters"); err != nil {
		return "", errors.New("the EC parameters are not a named curve (RFC 5480 §2.1.1): " + err.Error())
	}
	return curveName(oid)
}

func curveName(oid asn1.ObjectIdentifier) (string, error) {
	if crv := curveOfOID(oid); crv != "" {
		return crv, nil
	}
	switch {
	case oid.Equal(oidSecp256k1):
		return "", &keyRefusal{
			what:     "is on secp256k1, a curve this tool cannot use",
			detail:   "secp256k1 is the curve of ES256K (RFC 8812 §3.1); this tool has no secp256k1 implementation (Go's standard library has none), so it cannot load or check such a key.",
			fix:      "Use the issuer's P-256, P-384 or P-521 key, or a tool that supports ES256K.",
			evidence: "curve secp256k1 (" + oid.String() + ")",
			refs:     []string{"RFC 8812 §3.1", "RFC 7518 §6.2.1.1"},
		}
	case oid.Equal(oidP224):
		return "", &keyRefusal{
			what:     "is on P-224, a curve no JWS algorithm uses",
			detail:   "JWS EC keys are on P-256 (ES256), P-384 (ES384) or P-521 (ES512) (RFC 7518 §3.4).",
			fix:      "Use the issuer's P-256, P-384 or P-521 key.",
			evidence: "curve P-224 (" + oid.String() + ")",
			refs:     []string{"RFC 7518 §3.4", "RFC 7518 §6.2.1.1"},
		}
	}
	return "", &keyRefusal{
		what:     "is on an elliptic curve JWS does not use (OID " + oid.String() + ")",
		detail:   "JWS EC keys are on P-256 (ES256), P-384 (ES384) or P-521 (ES512) (RFC 7518 §3.4).",
		fix:      "Use the issuer's P-256, P-384 or P-521 key.",
		evidence: "curve " + oid.String(),
		refs:     []string{"RFC 7518 §6.2.1.1"},
	}
}

// ecPoint reads an uncompressed point 0x04||X||Y of the curve (SEC 1
// §2.3.3). It does not check that the point is on the curve.
func ecPoint(crv string, data []byte) (*PublicKey, error) {
	size := ecCurves[crv].size
	switch {
	case len(data) > 0 && (data[0] == 2 || data[0] == 3):
		return nil, &keyRefusal{
			what:     "is an EC " + crv + " point in compressed form, which this tool does not decompress",
			detail:   "JWKs and JWS verifiers carry EC public keys as both coordinates (x and y); this key gives only x and the sign of y (SEC 1 §2.3.3).",
			fix:      "Export the key with its uncompressed point (`openssl ec -pubin -in key.pem -pubout -conv_form uncompressed`), or paste the issuer's JWK.",
			evidence: "point: " + plural(len(data), "byte") + ", compressed (0x0" + string(rune('0'+data[0])) + ")",
			refs:     []string{"SEC 1 §2.3.3", "RFC 5480 §2.2"},
		}
	case len(data) != 1+2*size || data[0] != 4:
		return nil, errors.New("the EC point is not an uncompressed " + crv + " point (0x04, then " + itoa(size) + " bytes of x and of y)")
	}
	return &PublicKey{Kty: ktyEC, Crv: crv, X: bytes.Clone(data[1 : 1+size]), Y: bytes.Clone(data[1+size:])}, nil
}

// parsePKCS1Public reads an RSAPublicKey (RFC 8017 A.1.1).
func parsePKCS1Public(der []byte) (*PublicKey, error) {
	var k pkcs1PublicKey
	if err := unmarshalAll(der, &k, "RSA public key"); err != nil {
		return nil, err
	}
	return rsaKey(k.N, k.E)
}

// rsaKey turns a modulus and exponent as read into a PublicKey; checkRSA
// says later whether it is usable.
func rsaKey(n, e *big.Int) (*PublicKey, error) {
	if n.Sign() < 0 {
		return nil, errors.New("the RSA modulus is negative")
	}
	if e.Sign() < 0 {
		return nil, errors.New("the RSA public exponent is negative")
	}
	return rsaPublicKey(n, e), nil
}

// parsePrivateKey reads the public half of a "PRIVATE KEY" (PKCS #8),
// "RSA PRIVATE KEY" (PKCS #1) or "EC PRIVATE KEY" (SEC 1) DER.
func parsePrivateKey(typ string, der []byte) (*PublicKey, error) {
	switch typ {
	case "RSA PRIVATE KEY":
		return parsePKCS1Private(der)
	case "EC PRIVATE KEY":
		return parseECPrivate(der, "")
	}
	var k pkcs8
	if err := unmarshalAll(der, &k, "private key"); err != nil {
		if _, e2 := parsePKCS1Private(der); e2 == nil {
			return nil, errors.New("it is a PKCS #1 RSA private key (the RSA PRIVATE KEY format), not PKCS #8")
		}
		if _, e2 := parseECPrivate(der, ""); e2 == nil {
			return nil, errors.New("it is a SEC 1 EC private key (the EC PRIVATE KEY format), not PKCS #8")
		}
		return nil, err
	}
	if k.Version != 0 && k.Version != 1 {
		return nil, errors.New("the PKCS #8 version is " + itoa(k.Version) + ", not 0 or 1")
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
			return nil, errors.New("the Ed25519 private key is not a 32-byte OCTET STRING (RFC 8410 §7)")
		}
		if k.PublicKey.BitLength == 0 {
			return nil, needPublic("an Ed25519")
		}
		return spkiKey(k.Algorithm, k.PublicKey)
	}
	return nil, refusalFor(oid)
}

func parsePKCS1Private(der []byte) (*PublicKey, error) {
	var k pkcs1PrivateKey
	rest, err := asn1.Unmarshal(der, &k)
	if err != nil {
		return nil, derErr(err)
	}
	if len(rest) > 0 {
		return nil, errors.New("trailing data after the RSA private key")
	}
	if k.Version != 0 && k.Version != 1 {
		return nil, errors.New("the RSA private key version is " + itoa(k.Version) + ", not 0 or 1")
	}
	return rsaKey(k.N, k.E)
}

// parseECPrivate reads an ECPrivateKey's public key; crv is the curve its
// PKCS #8 wrapper names ("" when it is not wrapped).
func parseECPrivate(der []byte, crv string) (*PublicKey, error) {
	var k ecPrivateKey
	if err := unmarshalAll(der, &k, "EC private key"); err != nil {
		return nil, err
	}
	if k.Version != 1 {
		return nil, errors.New("the EC private key version is " + itoa(k.Version) + ", not 1 (RFC 5915 §3)")
	}
	if len(k.Curve) > 0 {
		c, err := curveName(k.Curve)
		if err != nil {
			return nil, err
		}
		if crv != "" && c != crv {
			return nil, errors.New("the EC private key names " + c + " but its PKCS #8 wrapper " + crv)
		}
		crv = c
	}
	if crv == "" {
		return nil, errors.New("the EC private key does not name its curve")
	}
	if len(k.PrivateKey) != ecCurves[crv].size {
		return nil, errors.New("the " + crv + " private key is " + plural(len(k.PrivateKey), "byte") + ", not " + itoa(ecCurves[crv].size))
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

// parseCertificate reads the subject, issuer, validity and public key of
// an X.509 certificate. It checks the structure, not the signature or the
// extensions.
func parseCertificate(der []byte) (*certInfo, error) {
	var c certificateDER
	if err := unmarshalAll(der, &c, "certificate"); err != nil {
		return nil, err
	}
	var tbs tbsCertificate
	if err := unmarshalAll(c.TBS.FullBytes, &tbs, "TBSCertificate"); err != nil {
		return nil, err
	}
	if tbs.Version < 0 || tbs.Version > 2 {
		return nil, errors.New("the certificate version is " + itoa(tbs.Version+1) + ", not 1, 2 or 3")
	}
	if tbs.Serial.Class != asn1.ClassUniversal || tbs.Serial.Tag != asn1.TagInteger || tbs.Serial.IsCompound {
		return nil, errors.New("the certificate serial number is not an INTEGER")
	}
	subject, err := nameString(tbs.Subject.FullBytes)
	if err != nil {
		return nil, errors.New("the subject: " + err.Error())
	}
	issuer, err := nameString(tbs.Issuer.FullBytes)
	if err != nil {
		return nil, errors.New("the issuer: " + err.Error())
	}
	return &certInfo{
		subject: subject, issuer: issuer,
		notBefore: tbs.Validity.NotBefore.UTC(), notAfter: tbs.Validity.NotAfter.UTC(),
		spki: tbs.PublicKey.FullBytes,
	}, nil
}

// attributeNames are the names RFC 4514 §3 (and OpenSSL, for
// emailAddress) gives the common attribute types, spelled as Go's
// pkix.Name.String spells those it knows.
var attributeNames = map[string]string{
	"2.5.4.3":                    "CN",
	"2.5.4.5":                    "SERIALNUMBER",
	"2.5.4.6":                    "C",
	"2.5.4.7":                    "L",
	"2.5.4.8":                    "ST",
	"2.5.4.9":                    "STREET",
	"2.5.4.10":                   "O",
	"2.5.4.11":                   "OU",
	"2.5.4.17":                   "POSTALCODE",
	"0.9.2342.19200300.100.1.25": "DC",
	"0.9.2342.19200300.100.1.1":  "UID",
	"1.2.840.113549.1.9.1":       "emailAddress",
}

// nameString renders a Name (RFC 5280 §4.1.2.4) as an RFC 4514 string:
// the RDNs last first, joined by ",", the values of a multi-valued RDN by
// "+", special characters escaped; attribute types without a name as
// dotted OIDs with the value's DER in hex (RFC 4514 §2.4).
func nameString(der []byte) (string, error) {
	var rdns []rdnSET
	if err := unmarshalAll(der, &rdns, "name"); err != nil {
		return "", err
	}
	var b strings.Builder
	n := 0
	for i := len(rdns) - 1; i >= 0; i-- {
		for j, atv := range rdns[i] {
			if n++; n > maxNameATVs || b.Len() > maxNameBytes {
				if b.Len() > maxNameBytes {
					return clip(b.String(), maxNameBytes), nil
				}
				return b.String() + "…", nil
			}
			if j == 0 && i < len(rdns)-1 {
				b.WriteByte(',')
			}
			if j > 0 {
				b.WriteByte('+')
			}
			oid := atv.Type.String()
			name, known := attributeNames[oid]
			s, ok := asn1String(atv.Value)
			if !known || !ok {
				b.WriteString(oid + "=#" + hex.EncodeToString(atv.Value.FullBytes))
				continue
			}
			b.WriteString(name + "=")
			b.WriteString(escapeRDNValue(s))
		}
	}
	return clip(b.String(), maxNameBytes), nil
}

// escapeRDNValue escapes a value as RFC 4514 §2.4 and pkix.Name.String do.
func escapeRDNValue(s string) string {
	var b strings.Builder
	for i, c := range s {
		escape := false
		switch c {
		case ',', '+', '"', '\\', '<', '>', ';':
			escape = true
		case ' ':
			escape = i == 0 || i == len(s)-1
		case '#':
			escape = i == 0
		}
		if escape {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// asn1String decodes a directory string (RFC 5280 §4.1.2.4): UTF8String,
// PrintableString, IA5String, NumericString, T61String (read as Latin-1),
// BMPString (UTF-16). ok is false for other types and invalid encodings.
func asn1String(v asn1.RawValue) (string, bool) {
	if v.Class != asn1.ClassUniversal || v.IsCompound {
		return "", false
	}
	switch v.Tag {
	case asn1.TagUTF8String, asn1.TagPrintableString, asn1.TagIA5String, asn1.TagNumericString:
		if !utf8.Valid(v.Bytes) {
			return "", false
		}
		return string(v.Bytes), true
	case asn1.TagT61String:
		r := make([]rune, len(v.Bytes))
		for i, c := range v.Bytes {
			r[i] = rune(c)
		}
		return string(r), true
	case asn1.TagBMPString:
		if len(v.Bytes)%2 != 0 {
			return "", false
		}
		u := make([]uint16, len(v.Bytes)/2)
		for i := range u {
			u[i] = uint16(v.Bytes[2*i])<<8 | uint16(v.Bytes[2*i+1])
		}
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// marshalPKCS1 encodes an RSA public key as RSAPublicKey (RFC 8017 A.1.1),
// as x509.MarshalPKCS1PublicKey does.
func marshalPKCS1(k *PublicKey) ([]byte, error) {
	if k.Kty != ktyRSA || len(k.N) == 0 || len(k.E) == 0 {
		return nil, errors.New("not an RSA key")
	}
	return asn1.Marshal(pkcs1PublicKey{N: new(big.Int).SetBytes(k.N), E: new(big.Int).SetBytes(k.E)})
}

// marshalSPKI encodes a public key as a SubjectPublicKeyInfo, as
// x509.MarshalPKIXPublicKey does.
func marshalSPKI(k *PublicKey) ([]byte, error) {
	var alg algorithmIdentifier
	var data []byte
	switch k.Kty {
	case ktyRSA:
		der, err := marshalPKCS1(k)
		if err != nil {
			return nil, err
		}
		alg, data = algorithmIdentifier{Algorithm: oidRSA, Parameters: asn1.NullRawValue}, der
	case ktyEC:
		c, ok := ecCurves[k.Crv]
		if !ok || len(k.X) != c.size || len(k.Y) != c.size {
			return nil, errors.New("not a JWS EC key")
		}
		params, err := asn1.Marshal(c.oid)
		if err != nil {
			return nil, err
		}
		alg = algorithmIdentifier{Algorithm: oidEC, Parameters: asn1.RawValue{FullBytes: params}}
		data = append(append(append(make([]byte, 0, 1+2*c.size), 4), k.X...), k.Y...)
	case ktyOKP:
		if k.Crv != "Ed25519" || len(k.X) != 32 {
			return nil, errors.New("not an Ed25519 key")
		}
		alg, data = algorithmIdentifier{Algorithm: oidEd25519}, k.X
	default:
		return nil, errors.New("not a public key")
	}
	return asn1.Marshal(subjectPublicKeyInfo{Algorithm: alg, PublicKey: asn1.BitString{Bytes: data, BitLength: 8 * len(data)}})
}
