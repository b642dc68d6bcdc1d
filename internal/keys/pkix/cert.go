package pkix

// The fields of an X.509 certificate the report shows (RFC 5280 §4.1),
// read with encoding/asn1: subject, issuer, validity and the key.

import (
	"encoding/asn1"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

// Limits on what a certificate name may make the report show.
const (
	maxNameBytes = 1024 // a subject or issuer string
	maxNameATVs  = 64   // attributes read from one name
)

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

// Certificate is what the report shows of a certificate, and its key
// (ParseSPKI reads SPKI).
type Certificate struct {
	Subject, Issuer     string // RFC 4514 strings
	NotBefore, NotAfter time.Time
	SPKI                []byte // the SubjectPublicKeyInfo DER
}

// ParseCertificate reads the subject, issuer, validity and public key of
// an X.509 certificate. It checks the structure, not the signature or the
// extensions.
func ParseCertificate(der []byte) (*Certificate, error) {
	var c certificateDER
	if err := unmarshalAll(der, &c, "certificate"); err != nil {
		return nil, err
	}
	var tbs tbsCertificate
	if err := unmarshalAll(c.TBS.FullBytes, &tbs, "TBSCertificate"); err != nil {
		return nil, err
	}
	if tbs.Version < 0 || tbs.Version > 2 {
		return nil, malformed("the certificate version is " + strconv.Itoa(tbs.Version+1) + ", not 1, 2 or 3")
	}
	if tbs.Serial.Class != asn1.ClassUniversal || tbs.Serial.Tag != asn1.TagInteger || tbs.Serial.IsCompound {
		return nil, malformed("the certificate serial number is not an INTEGER")
	}
	subject, err := nameString(tbs.Subject.FullBytes)
	if err != nil {
		return nil, malformed("the subject: " + err.Error())
	}
	issuer, err := nameString(tbs.Issuer.FullBytes)
	if err != nil {
		return nil, malformed("the issuer: " + err.Error())
	}
	return &Certificate{
		Subject: subject, Issuer: issuer,
		NotBefore: tbs.Validity.NotBefore.UTC(), NotAfter: tbs.Validity.NotAfter.UTC(),
		SPKI: tbs.PublicKey.FullBytes,
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
					return report.Clip(b.String(), maxNameBytes), nil
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
	return report.Clip(b.String(), maxNameBytes), nil
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
