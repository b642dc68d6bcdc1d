package pkix

import (
	"bytes"
	"encoding/asn1"
	"strings"
	"testing"
)

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
