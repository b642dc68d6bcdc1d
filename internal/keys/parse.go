package keys

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

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
			"Convert it with `ssh-keygen -e -m PKCS8 -f key.pub` and paste the PEM.", clip(trimmed, 40), refPEM)
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
	pub, err := parseSPKI(der)
	var cert *certInfo
	if err != nil {
		if p, err2 := parsePKCS1Public(der); err2 == nil {
			pub, err = p, nil
		} else if c, err3 := parseCertificate(der); err3 == nil {
			cert, name, source = c, "the base64 DER certificate", "certificate"
			pub, err = parseSPKI(c.spki)
		}
	}
	var r *keyRefusal
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
func (l *loader) refuseKey(w where, span *report.Span, name string, r *keyRefusal) {
	l.refuse(w, span, "The key in "+name+" "+r.what, r.detail, r.fix, r.evidence, r.refs...)
}

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
		var r *keyRefusal
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
		pub, err := parseSPKI(blk.Bytes)
		if err != nil {
			failed(err, "SubjectPublicKeyInfo")
			return
		}
		l.addRaw(pub, w, "pem", "the public key in "+name, span, forms, nil, "")
	case "RSA PUBLIC KEY":
		pub, err := parsePKCS1Public(blk.Bytes)
		if err != nil {
			failed(err, "PKCS #1 RSA public key")
			return
		}
		l.addRaw(pub, w, "pem", "the RSA public key in "+name, span, forms, nil, "")
	case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE":
		cert, err := parseCertificate(blk.Bytes)
		if err != nil {
			bad(err, "X.509 certificate")
			return
		}
		pub, err := parseSPKI(cert.spki)
		if err != nil {
			var r *keyRefusal
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
		pub, err := parsePrivateKey(blk.Type, blk.Bytes)
		var r *keyRefusal
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
			"Paste the public key instead (`openssl pkey -in key.pem -pubout`, or `ssh-keygen -e -m PKCS8 -f key.pub`).", blk.Type, refPEM, "RFC 8725 §3.5")
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
func (l *loader) addRaw(pub *PublicKey, w where, source, name string, span *report.Span, forms []form, cert *certInfo, kid string) {
	if w.source != "" {
		source = w.source
	}
	if !l.usable(pub, name, "", w, span) {
		return
	}
	e := &entry{trusted: w.trusted, url: w.url, forms: forms}
	e.kty, e.crv, e.bits = pub.Kty, pub.Crv, keyBits(pub)
	e.pub = pub
	e.ref.Thumbprint = thumbprint(pub)
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

// usable refuses (keys.invalid) a public key that no verifier should use:
// an RSA key checkRSA faults, an EC point off its curve, or a key the
// injected verifier's Check refuses (skipped when the build has none, or
// when it says it cannot check at all, ErrNoVerifier). kidEv is the
// evidence prefix naming the key's kid ("" for none).
func (l *loader) usable(pub *PublicKey, name, kidEv string, w where, span *report.Span) bool {
	switch pub.Kty {
	case ktyRSA:
		n, e := new(big.Int).SetBytes(pub.N), new(big.Int).SetBytes(pub.E)
		if problem := checkRSA(n, e); problem != "" {
			l.refuse(w, span, "The RSA key in "+name+" cannot be used: "+problem, rsaProblemDetail(problem),
				"Use the issuer's real RSA public key (2048 bits or more, exponent 65537).", kidEv+rsaEvidence(n, e), "RFC 7518 §3.3", "RFC 8017 §3.1")
			return false
		}
	case ktyEC:
		if !onCurve(pub.Crv, pub.X, pub.Y) {
			l.refuse(w, span, "The EC key in "+name+" is not a point on "+pub.Crv,
				"Its x and y do not satisfy the curve equation of "+pub.Crv+"; the key was altered or x/y belong to another curve. Verifiers must refuse it (invalid-curve attacks).",
				"Copy the key again from the issuer's JWKS.", kidEv+"crv="+pub.Crv, "RFC 7518 §6.2.1", "SEC 1 §3.2.2")
			return false
		}
	}
	v := l.opts.Verifier
	if v == nil {
		return true
	}
	err := v.Check(l.ctx, *pub)
	if err == nil || errors.Is(err, ErrNoVerifier) {
		return true
	}
	kind := pub.Kty
	if pub.Crv != "" {
		kind += " " + pub.Crv
	}
	l.refuse(w, span, "The "+kind+" key in "+name+" is refused by this build's signature verifier",
		"The verifier says: "+clip(err.Error(), 300)+". A key the platform refuses cannot check signatures here, and usually not on the server either.",
		"Copy the key again from the issuer's JWKS, or check it with another tool.", kidEv+"kty="+pub.Kty, "RFC 7518 §6")
	return false
}

// checkRSA returns why an RSA public key cannot be used, or "".
func checkRSA(n, e *big.Int) string {
	switch {
	case n == nil || n.Sign() <= 0:
		return "the modulus is missing"
	case e == nil || e.Cmp(big.NewInt(3)) < 0:
		if e == nil {
			return "the public exponent is 0"
		}
		return "the public exponent is " + e.String()
	case e.BitLen() > 31:
		return "the public exponent is " + itoa(e.BitLen()) + " bits, over the 31 bits verifiers accept"
	case e.Bit(0) == 0:
		return "the public exponent is even"
	case n.BitLen() < 1024:
		return "the modulus is only " + itoa(n.BitLen()) + " bits"
	case n.BitLen() > 16384:
		return "the modulus is " + itoa(n.BitLen()) + " bits (over 16384)"
	case n.Bit(0) == 0:
		return "the modulus is even"
	case isROCA(n):
		return "it was generated by the vulnerable Infineon library (ROCA, CVE-2017-15361)"
	}
	return ""
}

// rsaEvidence shows an RSA key's size and exponent.
func rsaEvidence(n, e *big.Int) string {
	es := e.String()
	if e.BitLen() > 64 {
		es = "a " + itoa(e.BitLen()) + "-bit number"
	}
	return "n=" + itoa(n.BitLen()) + " bits, e=" + es
}

func rsaProblemDetail(problem string) string {
	if strings.Contains(problem, "ROCA") {
		return "Keys from the affected Infineon chips can be factored from the public key alone, so anyone can forge signatures that verify with it. No verifier should trust it."
	}
	return "A key like this is either damaged in copying or not a real RSA key; signatures checked with it prove nothing, and verifiers refuse it."
}

func certSummary(c *certInfo) *report.Certificate {
	return &report.Certificate{
		Subject:   c.subject,
		Issuer:    c.issuer,
		NotBefore: c.notBefore.UTC().Format(time.RFC3339),
		NotAfter:  c.notAfter.UTC().Format(time.RFC3339),
	}
}

// checkCertTime warns about a certificate outside its validity at opts.Now.
// JWS does not check certificate validity, so the key is still used.
func (l *loader) checkCertTime(c *certInfo, name string, w where, span *report.Span) {
	now := l.opts.Now
	if now.IsZero() {
		return
	}
	var title string
	switch {
	case now.After(c.notAfter):
		title = "The certificate in " + name + " expired " + c.notAfter.UTC().Format(time.RFC3339)
	case now.Before(c.notBefore):
		title = "The certificate in " + name + " is not valid before " + c.notBefore.UTC().Format(time.RFC3339)
	default:
		return
	}
	l.invalid(report.Warning, w, span, title,
		"A JWS signature check does not look at certificate dates, so the key is still used here; but servers that validate the certificate (x5c chains, mTLS-bound keys, some SAML/OIDC stacks) refuse an expired one, and an expired signing certificate often means the issuer has rotated to a new key.",
		"Fetch the issuer's current certificate or JWKS.", "not_before="+c.notBefore.UTC().Format(time.RFC3339)+" not_after="+c.notAfter.UTC().Format(time.RFC3339), "RFC 5280 §4.1.2.5")
}

// shortName names a key without its description: `key "k1"` or where it
// came from.
func shortName(e *entry, name string) string {
	if e.hasKid {
		return "key " + quote(e.kid)
	}
	return name
}

// describeKey names a key for titles: `key "k1" (RSA 2048 bits, …)`.
func describeKey(e *entry, name string) string {
	var b strings.Builder
	if e.hasKid {
		b.WriteString("key " + quote(e.kid) + " (")
	} else {
		b.WriteString(name + " (")
	}
	switch e.kty {
	case ktyRSA:
		b.WriteString("RSA " + itoa(e.bits) + " bits")
	case ktyEC:
		b.WriteString("EC " + e.crv)
	case ktyOKP:
		b.WriteString(e.crv)
	case ktyOct:
		b.WriteString("secret, " + itoa(e.bits/8) + " bytes")
	}
	if e.alg != "" {
		b.WriteString(", alg " + e.alg)
	}
	if e.hasKid {
		b.WriteString(", " + name)
	}
	b.WriteString(")")
	return b.String()
}

// parseJSONText loads a JWK, a JWK Set, or a JSON array of JWKs.
func (l *loader) parseJSONText(t string, lead int, w where) {
	span := w.span(lead, lead+len(t))
	var top any
	dec := json.NewDecoder(strings.NewReader(t))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		var se *json.SyntaxError
		off := -1
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		title := "The JSON in " + w.name + " does not parse"
		evidence := l.ev(w, t, 60)
		if off >= 0 {
			line, col := lineCol(t, off)
			title += fmt.Sprintf(" (line %d, column %d)", line, col)
			lo := off - 20
			if lo < 0 {
				lo = 0
			}
			hi := off + 20
			if hi > len(t) {
				hi = len(t)
			}
			evidence = "byte " + itoa(off)
			if l.opts.Reveal {
				evidence = "…" + t[lo:hi] + "… (byte " + itoa(off) + ")"
			}
		}
		if w.fetched {
			// Not quoted: a fetched body that does not parse may be
			// anything the URL reached.
			evidence = docEvidence(t, off)
		}
		l.refuse(w, span, title, "JSON error: "+err.Error()+". A JWK is a JSON object; a JWK Set is {\"keys\": [...]}.",
			"Copy the key again as valid JSON (no trailing commas, double quotes only).", evidence, refJWKJSON, refJWK)
		return
	}
	if dec.More() {
		l.invalid(report.Warning, w, span, "Text follows the JSON value in "+w.name+"; it was ignored",
			"Only the first JSON value was read.", "Paste one JWK or one JWK Set.", "", refJWK)
	}
	spans := elementSpans(t)
	switch v := top.(type) {
	case []any:
		l.parseKeyList(v, w, span, spans, lead, "JSON array")
	case map[string]any:
		if keys, ok := v["keys"]; ok {
			arr, ok := keys.([]any)
			if !ok {
				l.refuse(w, span, "The \"keys\" member of the JWK Set in "+w.name+" is not an array", "A JWK Set is {\"keys\": [ {JWK}, … ]}.",
					"Paste the JWKS exactly as the issuer serves it.", "", refJWKS)
				return
			}
			if len(arr) == 0 {
				l.refuse(w, span, "The JWK Set in "+w.name+" has no keys", "An empty \"keys\" array verifies nothing; an issuer serving it has no published signing key.",
					"Check the JWKS URL (a different environment or tenant?).", `{"keys":[]}`, refJWKS)
				return
			}
			l.parseKeyList(arr, w, span, spans, lead, "JWK Set")
			return
		}
		if _, ok := v["kty"]; ok {
			l.parseJWK(v, "the JWK in "+w.name, w, span, "jwk")
			return
		}
		if u, ok := v["jwks_uri"].(string); ok {
			l.refuse(w, span, "The JSON in "+w.name+" is discovery metadata, not keys",
				"It names the keys' location (jwks_uri) but holds no key.",
				"Fetch "+u+" (set it as the JWKS URL) or paste the JWKS it serves.", "jwks_uri="+quote(u), "OpenID Connect Discovery 1.0 §3", "RFC 8414 §2")
			return
		}
		l.refuse(w, span, "The JSON object in "+w.name+" is neither a JWK nor a JWK Set",
			"A JWK has a \"kty\" member; a JWK Set has a \"keys\" array.", "Paste the issuer's JWKS or one of its keys.", l.docEv(w, t), refJWK, refJWKS)
	default:
		l.refuse(w, span, "The JSON in "+w.name+" is not an object", "A JWK is a JSON object; a JWK Set is {\"keys\": [...]}.",
			"Paste the issuer's JWKS or one of its keys.", l.docEv(w, t), refJWK)
	}
}

func (l *loader) parseKeyList(arr []any, w where, span *report.Span, spans [][2]int, lead int, what string) {
	all := span
	for i, k := range arr {
		span := all
		if i < len(spans) {
			span = w.span(lead+spans[i][0], lead+spans[i][1])
		}
		if i >= maxKeys {
			l.invalid(report.Warning, w, span, "The "+what+" in "+w.name+" has "+itoa(len(arr))+" keys; only the first "+itoa(maxKeys)+" were read",
				"A key set this large is unusual.", "Paste only the issuer's current keys.", "", refJWKS)
			return
		}
		name := fmt.Sprintf("JWK keys[%d] of %s", i, w.name)
		if what == "JSON array" {
			name = fmt.Sprintf("JWK [%d] of %s", i, w.name)
		}
		m, ok := k.(map[string]any)
		if !ok {
			l.refuse(w, span, "The "+name+" is not a JSON object", "Every entry of \"keys\" must be a JWK object.", "Fix or remove that entry.", fmt.Sprintf("keys[%d]", i), refJWKS)
			continue
		}
		src := "jwks"
		if what == "JSON array" {
			src = "jwk"
		}
		l.parseJWK(m, name, w, span, src)
	}
}

// jwkMembers lists the required members per kty (RFC 7518 §6, RFC 8037 §2).
var jwkMembers = map[string][]string{
	ktyRSA: {"n", "e"},
	ktyEC:  {"crv", "x", "y"},
	ktyOKP: {"crv", "x"},
	ktyOct: {"k"},
}

// parseJWK validates one JWK object member by member, decodes its key
// (decodeJWK), and adds it to the set.
func (l *loader) parseJWK(m map[string]any, name string, w where, span *report.Span, source string) {
	if kid, ok := m["kid"].(string); ok {
		if canon, err := json.Marshal(m); err == nil {
			if l.declared == nil {
				l.declared = map[string]map[string]bool{}
			}
			if l.declared[kid] == nil {
				l.declared[kid] = map[string]bool{}
			}
			l.declared[kid][string(canon)] = true
		}
	}
	the := theName(name)
	The := "The" + strings.TrimPrefix(the, "the")
	kty, _ := m["kty"].(string)
	required, known := jwkMembers[kty]
	if !known {
		l.refuse(w, span, The+" has kty "+quote(fmt.Sprint(m["kty"]))+", which is not a JWS key type",
			"kty must be \"RSA\", \"EC\", \"OKP\" or \"oct\".", "Fix the kty member.", "kty="+quote(fmt.Sprint(m["kty"])), "RFC 7518 §6.1", refJWK)
		return
	}
	for _, mem := range required {
		v, ok := m[mem]
		s, isStr := v.(string)
		switch {
		case !ok:
			l.refuse(w, span, The+" (kty "+kty+") lacks the member "+quote(mem),
				"A "+kty+" JWK needs "+strings.Join(required, ", ")+".", "Copy the key again in full.", "missing "+mem, "RFC 7518 §6", refJWK)
			return
		case !isStr:
			l.refuse(w, span, "The member "+quote(mem)+" of "+the+" is not a string", "JWK key members are base64url strings.", "Copy the key again.", mem+"="+l.ev(w, fmt.Sprint(v), 30), "RFC 7518 §6")
			return
		case mem == "crv":
		default:
			if _, err := base64.RawURLEncoding.Strict().DecodeString(s); err != nil {
				detail := "RFC 7517 members are base64url without padding (RFC 7515 §2)"
				if _, err2 := base64.StdEncoding.DecodeString(padB64(s)); err2 == nil || strings.ContainsAny(s, "+/=") {
					detail += "; this looks like standard base64 (with + / or = padding), which strict libraries reject"
				}
				l.refuse(w, span, "The member "+quote(mem)+" of "+the+" is not base64url",
					detail+": "+err.Error()+".", "Re-encode "+mem+" as base64url without padding, or copy the key again.", mem+"="+l.ev(w, s, 40), "RFC 7515 §2", refJWK)
				return
			}
		}
	}
	raw, err := json.Marshal(m)
	if err != nil {
		l.refuse(w, span, The+" cannot be re-encoded", err.Error(), "Copy the key again.", "", refJWK)
		return
	}
	key, bad := decodeJWK(m, kty, name)
	if bad != nil {
		l.refuse(w, span, bad.title, bad.detail, bad.fix, bad.evidence, bad.refs...)
		return
	}
	kid, hasKid := m["kid"].(string)
	if _, present := m["kid"]; present && !hasKid {
		// Only null gets here: decodeJWK refuses a kid of another type.
		l.invalid(report.Warning, w, span, "The kid of "+the+" is not a string", "kid is a case-sensitive string (RFC 7517 §4.5); this one was ignored.", "Make the kid a string.", "kid="+clip(fmt.Sprint(m["kid"]), 30), "RFC 7517 §4.5")
	}
	alg, _ := m["alg"].(string)
	use, _ := m["use"].(string)
	var ops []string
	opsRaw, hasOps := m["key_ops"]
	if arr, ok := opsRaw.([]any); ok {
		for _, o := range arr {
			if s, ok := o.(string); ok {
				ops = append(ops, s)
			}
		}
	}
	private := false
	if _, ok := m["d"]; ok {
		private = true
	}
	if private && kty != ktyOct {
		l.invalid(report.Warning, w, span, The+" is a private key (it has \"d\")",
			"Verification only needs the public key, and this tool derives it; it works, but a private key lets anyone who sees it sign tokens. Never paste private keys into tools, including this one, and rotate the key if it was shared. An issuer that publishes \"d\" in its JWKS has leaked its signing key.",
			"Paste the public key only (drop \"d\", \"p\", \"q\", \"dp\", \"dq\", \"qi\").", "kid="+quote(kid), "RFC 7517 §4", "RFC 8725 §3.5")
	}
	e := &entry{trusted: w.trusted, url: w.url, kid: kid, hasKid: hasKid, alg: alg, use: use, ops: ops, hasOps: hasOps, kty: kty}
	if w.source != "" {
		source = w.source
	}
	e.forms = []form{{"the JWK JSON", raw}}
	switch kty {
	case ktyOct:
		if len(key.secret) == 0 {
			l.refuse(w, span, The+" is an empty secret", "Its \"k\" is empty; an empty HMAC key proves nothing and verifiers refuse it.", "Use the real secret.", "k=\"\"", "RFC 7518 §6.4.1")
			return
		}
		e.secret, e.bits = key.secret, len(key.secret)*8
		if w.fetched {
			l.invalid(report.Warning, w, span, The+" publishes a shared secret (kty oct)",
				"A JWKS is public: an oct key in it lets anyone sign HS* tokens that this issuer's verifiers accept.",
				"Remove the secret from the published JWKS and rotate it.", "kid="+quote(kid), "RFC 7517 §6.4", "RFC 8725 §3.5")
		}
	case ktyRSA, ktyEC:
		if !l.usable(key.pub, name, "kid="+quote(kid)+" ", w, span) {
			return
		}
		e.crv, e.bits, e.pub = key.crv, keyBits(key.pub), key.pub
	case ktyOKP:
		if key.pub == nil {
			l.refuse(w, span, The+" ("+kty+" "+key.crv+") is not a signature key this tool can use",
				"JWS signatures use RSA, EC P-256/P-384/P-521 or Ed25519 keys; X25519/X448 keys are for encryption, and Ed448 is not supported by Go.",
				"Use the issuer's signature key.", "kty="+kty+" crv="+quote(key.crv), "RFC 8037 §2")
			return
		}
		if !l.usable(key.pub, name, "kid="+quote(kid)+" ", w, span) {
			return
		}
		e.crv, e.bits, e.pub = "Ed25519", 256, key.pub
	}
	if e.pub != nil {
		e.ref.Thumbprint = thumbprint(e.pub)
	}
	e.ref.Source, e.ref.Kty, e.ref.Kid = source, kty, kid
	e.desc = report.Key{Source: source, Origin: w.origin, Kid: kid, Kty: kty, Alg: alg, Use: use, Crv: e.crv, Bits: e.bits, Thumbprint: e.ref.Thumbprint}
	if key.x5c != "" {
		der, err := base64.StdEncoding.DecodeString(key.x5c)
		if err != nil {
			der = []byte(key.x5c)
		}
		if c, err := parseCertificate(der); err == nil {
			e.desc.Certificate = certSummary(c)
			l.checkCertTime(c, name, w, span)
		}
	}
	e.label, e.short = describeKey(e, name), shortName(e, name)
	l.add(e)
}

// elementSpans returns the byte ranges of the elements of the "keys" array
// of a JWK Set (or of a top-level array), best effort: nil when the text
// does not have that shape.
func elementSpans(t string) [][2]int {
	dec := json.NewDecoder(strings.NewReader(t))
	tok, err := dec.Token()
	if err != nil {
		return nil
	}
	if d, ok := tok.(json.Delim); ok && d == '{' {
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil
			}
			if k != "keys" {
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return nil
				}
				continue
			}
			tok, err = dec.Token()
			if err != nil {
				return nil
			}
			break
		}
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil
	}
	var out [][2]int
	for dec.More() && len(out) < maxKeys {
		start := int(dec.InputOffset())
		var raw json.RawMessage
		if dec.Decode(&raw) != nil {
			return out
		}
		end := int(dec.InputOffset())
		if i := strings.IndexAny(t[start:end], "{[\"0123456789-tfn"); i >= 0 {
			start += i
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

func padB64(s string) string {
	if m := len(s) % 4; m != 0 {
		return s + strings.Repeat("=", 4-m)
	}
	return s
}
