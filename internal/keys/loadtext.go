package keys

import (
	"encoding/base64"
	"errors"
	"strings"

	"github.com/authdebug/authdebug/internal/keys/pkix"
	"github.com/authdebug/authdebug/internal/report"
)

const (
	refPEM     = "RFC 7468 §2"
	refJWK     = "RFC 7517 §4"
	refJWKS    = "RFC 7517 §5"
	refJWKJSON = "RFC 8259 §2"
)

// parseText loads one text: PEM, JWK, JWK Set, or base64 DER.
func (l *loader) parseText(text string, w where) {
	if len(text) > maxTextBytes {
		l.refuse(w, w.span(0, len(text)), "The key text in "+w.name+" is too large ("+itoa(len(text))+" bytes)",
			"Key material is at most a few kilobytes; texts over "+itoa(maxTextBytes)+" bytes are not parsed.",
			"Paste only the PEM block, JWK or JWKS.", "", refJWKS)
		return
	}
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		return
	}
	lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
	switch {
	case strings.Contains(text, "-----BEGIN"):
		l.parsePEMText(text, w)
	case trimmed[0] == '{' || trimmed[0] == '[':
		l.parseJSONText(trimmed, lead, w)
	case strings.HasPrefix(trimmed, "ssh-") || strings.HasPrefix(trimmed, "ecdsa-sha2-"):
		l.refuse(w, w.span(lead, lead+len(trimmed)), "The key in "+w.name+" is an OpenSSH public key, not a JWS key format",
			"JWS verifiers read keys as PEM (SubjectPublicKeyInfo), X.509 certificates or JWKs; an authorized_keys line is none of these.",
			"Convert it with `ssh-keygen -e -m PKCS8 -f key.Pub` and paste the PEM.", clip(trimmed, 40), refPEM)
	default:
		l.parseBareBase64(trimmed, lead, w)
	}
}

// parseBareBase64 accepts a public key or certificate pasted as bare base64
// DER (as some identity providers show it), and refuses anything else.
func (l *loader) parseBareBase64(t string, lead int, w where) {
	span := w.span(lead, lead+len(t))
	compact := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, t)
	der, err := base64.StdEncoding.DecodeString(compact)
	if err != nil {
		der, err = base64.RawStdEncoding.DecodeString(compact)
	}
	if err != nil || len(der) < 16 || der[0] != 0x30 {
		l.refuse(w, span, "The text in "+w.name+" is not a key: not PEM, JWK, JWK Set or base64 DER",
			"Keys are accepted as PEM (-----BEGIN PUBLIC KEY----- or CERTIFICATE), as a JWK or JWK Set (JSON), or as the bare base64 of a DER public key.",
			"Paste the issuer's public key as PEM or its JWKS.", l.ev(w, t, 40), refJWK, refPEM)
		return
	}
	name := "the base64 DER public key"
	source := "pem"
	pub, err := pkix.ParseSPKI(der)
	var cert *pkix.Certificate
	if err != nil {
		if p, err2 := pkix.ParsePKCS1Public(der); err2 == nil {
			pub, err = p, nil
		} else if c, err3 := pkix.ParseCertificate(der); err3 == nil {
			cert, name, source = c, "the base64 DER certificate", "certificate"
			pub, err = pkix.ParseSPKI(c.SPKI)
		}
	}
	var r *pkix.Refusal
	switch {
	case errors.As(err, &r):
		l.refuseKey(w, span, name, r)
		return
	case err != nil:
		l.refuse(w, span, "The base64 text in "+w.name+" decodes but is not a public key or certificate",
			"The bytes are DER but not a SubjectPublicKeyInfo, PKCS #1 public key or X.509 certificate: "+err.Error()+".",
			"Paste the public key as PEM (-----BEGIN PUBLIC KEY-----) or the issuer's JWKS.", l.ev(w, t, 40), refPEM)
		return
	}
	l.addRaw(pub, w, source, name, span, []form{{"the text as given", []byte(t)}, {"the DER bytes", der}}, cert, "")
}

// refuseKey refuses a well-formed key of a kind JWS (or this tool) cannot
// use.
func (l *loader) refuseKey(w where, span *report.Span, name string, r *pkix.Refusal) {
	l.refuse(w, span, "The key in "+name+" "+r.What, r.Detail, r.Fix, r.Evidence, r.Refs...)
}

// ev renders pasted text for evidence: fingerprinted unless Reveal, since
// users sometimes paste secrets into the key box. Fetched documents are
// public and shown clipped.
func (l *loader) ev(w where, s string, n int) string {
	if w.fetched {
		return clip(s, n)
	}
	if l.opts.Reveal {
		return clip(s, 4096)
	}
	return report.Fingerprint(s)
}

// docEv is the evidence for a whole document that is no key material: a
// fetched one is described, never quoted (it is whatever the URL reached).
func (l *loader) docEv(w where, t string) string {
	if w.fetched {
		return docEvidence(t, -1)
	}
	return l.ev(w, t, 60)
}

// docEvidence describes a fetched document by its length (and the byte
// where it stops parsing), without its content.
func docEvidence(t string, off int) string {
	ev := "the fetched document (" + plural(len(t), "byte") + ")"
	if off >= 0 {
		ev += ", byte " + itoa(off)
	}
	return ev
}
