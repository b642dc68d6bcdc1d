package keys

import (
	"bytes"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/keys/jwk"
	"github.com/authdebug/authdebug/internal/keys/pkix"
	"github.com/authdebug/authdebug/internal/report"
)

// parsePEMText loads every PEM block of a text.
func (l *loader) parsePEMText(text string, w where) {
	data := []byte(text)
	// A PEM copied out of a JSON string keeps its "\n" escapes.
	if !bytes.Contains(data, []byte("\n")) && bytes.Contains(data, []byte(`\n`)) {
		data = bytes.ReplaceAll(data, []byte(`\n`), []byte("\n"))
		data = bytes.Trim(bytes.TrimSpace(data), `"`)
		w.offset = -1 // offsets no longer match the input
	}
	begin := []byte("-----BEGIN")
	pos, n := 0, 0
	for {
		i := bytes.Index(data[pos:], begin)
		if i < 0 {
			break
		}
		start := pos + i
		n++
		if n > maxPEMBlocks {
			l.invalid(report.Warning, w, w.span(start, len(data)), "More than "+itoa(maxPEMBlocks)+" PEM blocks in "+w.name+"; the rest were ignored",
				"Only the first "+itoa(maxPEMBlocks)+" blocks are read.", "Paste only the keys that matter.", "", refPEM)
			break
		}
		// Decode only up to the next BEGIN so a broken block is reported
		// where it is, not silently skipped.
		limit := len(data)
		if j := bytes.Index(data[start+len(begin):], begin); j >= 0 {
			limit = start + len(begin) + j
		}
		line, _ := lineCol(string(data), start)
		where := fmt.Sprintf("PEM block %d (line %d) of %s", n, line, w.name)
		blk, rest := pem.Decode(data[start:limit])
		if blk == nil {
			label := pemLabel(data[start:limit])
			l.refuse(w, w.span(start, limit), "The "+where+" does not decode",
				"The block "+quote(label)+" has no matching -----END line, or its body is not valid base64 (a line was cut, or characters were lost in copying).",
				"Copy the whole block again, from -----BEGIN to -----END, line breaks included.", l.ev(w, string(data[start:limit]), 80), refPEM)
			pos = start + len(begin)
			continue
		}
		end := limit - len(rest)
		l.pemBlock(blk, data[start:end], where, w, w.span(start, end), text)
		pos = end
	}
	if n == 0 {
		l.refuse(w, w.span(0, len(text)), "No PEM block found in "+w.name, "The text mentions -----BEGIN but holds no complete block.",
			"Paste the whole PEM block.", l.ev(w, text, 60), refPEM)
	}
}

func pemLabel(b []byte) string {
	s := string(b)
	s = strings.TrimPrefix(s, "-----BEGIN ")
	if i := strings.Index(s, "-----"); i >= 0 {
		return s[:i]
	}
	return clip(s, 30)
}

// pemBlock loads one decoded PEM block.
func (l *loader) pemBlock(blk *pem.Block, raw []byte, name string, w where, span *report.Span, whole string) {
	forms := []form{
		{"the PEM block as given", raw},
		{"the pasted text as given", []byte(whole)},
		{"the DER bytes", blk.Bytes},
	}
	bad := func(err error, what string) {
		l.refuse(w, span, "The "+name+" ("+blk.Type+") does not parse as "+what,
			"The PEM armour is fine but the DER inside is not a valid "+what+": "+err.Error()+".",
			"Export the key again (e.g. `openssl pkey -pubin -in key.pem -pubout`) and paste the result.", blk.Type, refPEM, "RFC 5280 §4.1")
	}
	// failed reports a parse error: a key JWS cannot use is refused with
	// its own explanation, anything else is malformed.
	failed := func(err error, what string) {
		var r *pkix.Refusal
		if errors.As(err, &r) {
			l.refuseKey(w, span, name, r)
			return
		}
		bad(err, what)
	}
	privateWarn := func() {
		l.invalid(report.Warning, w, span, "A private key was pasted ("+name+")",
			"Verification only needs the public key, and this tool reads it from the private key; it works, but a private key lets anyone who sees it sign tokens. Never paste private keys into tools, including this one, and rotate the key if it was shared.",
			"Paste the public key instead (`openssl pkey -in key.pem -pubout`).", blk.Type, "RFC 8725 §3.5")
	}
	switch blk.Type {
	case "PUBLIC KEY":
		pub, err := pkix.ParseSPKI(blk.Bytes)
		if err != nil {
			failed(err, "SubjectPublicKeyInfo")
			return
		}
		l.addRaw(pub, w, "pem", "the public key in "+name, span, forms, nil, "")
	case "RSA PUBLIC KEY":
		pub, err := pkix.ParsePKCS1Public(blk.Bytes)
		if err != nil {
			failed(err, "PKCS #1 RSA public key")
			return
		}
		l.addRaw(pub, w, "pem", "the RSA public key in "+name, span, forms, nil, "")
	case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE":
		cert, err := pkix.ParseCertificate(blk.Bytes)
		if err != nil {
			bad(err, "X.509 certificate")
			return
		}
		pub, err := pkix.ParseSPKI(cert.SPKI)
		if err != nil {
			var r *pkix.Refusal
			if errors.As(err, &r) {
				l.refuseKey(w, span, "the certificate in "+name, r)
				return
			}
			bad(errors.New("its public key: "+err.Error()), "X.509 certificate")
			return
		}
		l.addRaw(pub, w, "certificate", "the certificate in "+name, span, forms, cert, "")
	case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
		if _, enc := blk.Headers["DEK-Info"]; enc {
			l.refuse(w, span, "The "+name+" is an encrypted private key", "It cannot be read without its passphrase, and verification only needs the public key.",
				"Paste the public key instead (`openssl pkey -in key.pem -pubout`).", blk.Type, refPEM)
			return
		}
		pub, err := pkix.ParsePrivateKey(blk.Type, blk.Bytes)
		var r *pkix.Refusal
		if errors.As(err, &r) {
			privateWarn()
			l.refuseKey(w, span, name, r)
			return
		}
		if err != nil {
			bad(err, "private key")
			return
		}
		privateWarn()
		// The forms of a private key are not public; the confusion check
		// uses the public key's encodings only.
		l.addRaw(pub, w, "pem", "the public half of the private key in "+name, span, nil, nil, "")
	case "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY":
		l.refuse(w, span, "The "+name+" is a private key this tool cannot read ("+blk.Type+")",
			"Encrypted and OpenSSH private keys are not read; verification only needs the public key, and private keys should never be pasted into tools.",
			"Paste the public key instead (`openssl pkey -in key.pem -pubout`, or `ssh-keygen -e -m PKCS8 -f key.Pub`).", blk.Type, refPEM, "RFC 8725 §3.5")
	case "EC PARAMETERS":
		// `openssl ecparam -genkey` prints the curve before the key: not a key.
	case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
		l.refuse(w, span, "The "+name+" is a certificate signing request, not a key",
			"A CSR carries a public key but is not how issuers publish verification keys.", "Paste the issued certificate, the public key, or the JWKS.", blk.Type, refPEM)
	default:
		l.refuse(w, span, "The "+name+" has an unknown type "+quote(blk.Type),
			"Accepted PEM types: PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE (and private keys, whose public half is used).",
			"Paste the issuer's public key or certificate.", blk.Type, refPEM)
	}
}

// addRaw validates a public key read from DER and adds it to the set.
func (l *loader) addRaw(pub *PublicKey, w where, source, name string, span *report.Span, forms []form, cert *pkix.Certificate, kid string) {
	if w.source != "" {
		source = w.source
	}
	if !l.usable(pub, name, "", w, span) {
		return
	}
	e := &entry{trusted: w.trusted, url: w.url, forms: forms}
	e.kty, e.crv, e.bits = pub.Kty, pub.Crv, jwk.Bits(pub)
	e.pub = pub
	e.ref.Thumbprint = jwk.Thumbprint(pub)
	e.kid, e.hasKid = kid, kid != ""
	e.ref.Source, e.ref.Kty, e.ref.Kid = source, e.kty, kid
	e.desc = report.Key{Source: source, Origin: w.origin, Kid: kid, Kty: e.kty, Crv: e.crv, Bits: e.bits, Thumbprint: e.ref.Thumbprint}
	if cert != nil {
		e.desc.Certificate = certSummary(cert)
		l.checkCertTime(cert, name, w, span)
	}
	e.label, e.short = describeKey(e, name), shortName(e, name)
	l.add(e)
}

func certSummary(c *pkix.Certificate) *report.Certificate {
	return &report.Certificate{
		Subject:   c.Subject,
		Issuer:    c.Issuer,
		NotBefore: c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:  c.NotAfter.UTC().Format(time.RFC3339),
	}
}

// checkCertTime warns about a certificate outside its validity at opts.Now.
// JWS does not check certificate validity, so the key is still used.
func (l *loader) checkCertTime(c *pkix.Certificate, name string, w where, span *report.Span) {
	now := l.opts.Now
	if now.IsZero() {
		return
	}
	var title string
	switch {
	case now.After(c.NotAfter):
		title = "The certificate in " + name + " expired " + c.NotAfter.UTC().Format(time.RFC3339)
	case now.Before(c.NotBefore):
		title = "The certificate in " + name + " is not valid before " + c.NotBefore.UTC().Format(time.RFC3339)
	default:
		return
	}
	l.invalid(report.Warning, w, span, title,
		"A JWS signature check does not look at certificate dates, so the key is still used here; but servers that validate the certificate (x5c chains, mTLS-bound keys, some SAML/OIDC stacks) refuse an expired one, and an expired signing certificate often means the issuer has rotated to a new key.",
		"Fetch the issuer's current certificate or JWKS.", "not_before="+c.NotBefore.UTC().Format(time.RFC3339)+" not_after="+c.NotAfter.UTC().Format(time.RFC3339), "RFC 5280 §4.1.2.5")
}
