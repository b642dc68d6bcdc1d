package keys

import (
	"bytes"
	"crypto/hmac"
	"encoding/pem"
	"hash"

	"github.com/authdebug/authdebug/internal/keys/jwk"
	"github.com/authdebug/authdebug/internal/keys/pkix"
)

// confusionForms returns the byte strings an attacker (or a confused
// verifier) would use as an HMAC secret for this public key (RFC 8725
// §2.1): the text it was given as, with and without a trailing newline and
// with CRLF line ends, the canonical PEM (SPKI and PKCS #1), the DER, and
// the JWK JSON (members sorted, with the kid, as JWK libraries print it; and
// the RFC 7638 form of the required members only).
func (e *entry) confusionForms() []form {
	e.formsOnce.Do(func() {
		seen := map[string]bool{}
		var out []form
		add := func(name string, b []byte) {
			if len(b) == 0 || seen[string(b)] {
				return
			}
			seen[string(b)] = true
			out = append(out, form{name, b})
		}
		addText := func(name string, b []byte) {
			add(name, b)
			t := bytes.TrimSpace(b)
			add(name+" (trimmed)", t)
			add(name+" (with a trailing newline)", append(append([]byte(nil), t...), '\n'))
			if bytes.Contains(t, []byte("\n")) && !bytes.Contains(t, []byte("\r\n")) {
				crlf := bytes.ReplaceAll(t, []byte("\n"), []byte("\r\n"))
				add(name+" (CRLF line ends)", crlf)
				add(name+" (CRLF line ends, trailing newline)", append(crlf, '\r', '\n'))
			}
		}
		for _, f := range e.forms {
			if bytes.HasPrefix(bytes.TrimSpace(f.b), []byte("-----")) || bytes.HasPrefix(bytes.TrimSpace(f.b), []byte("{")) {
				addText(f.name, f.b)
			} else {
				add(f.name, f.b)
			}
		}
		if der, err := pkix.MarshalSPKI(e.pub); err == nil {
			p := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
			addText("the public key's PEM text", p)
			add("the public key's DER (SubjectPublicKeyInfo)", der)
		}
		if der, err := pkix.MarshalPKCS1(e.pub); err == nil {
			addText("the public key's PKCS #1 PEM text", pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: der}))
			add("the public key's PKCS #1 DER", der)
		}
		kid := ""
		if e.hasKid {
			kid = e.kid
		}
		if b, ok := jwk.PublicJSON(e.pub, kid); ok {
			add("the public key's JWK JSON", b)
		}
		if b, ok := jwk.PublicJSON(e.pub, ""); ok {
			add("the public key's JWK JSON (RFC 7638 members only)", b)
		}
		e.allForms = out
	})
	return e.allForms
}

// findConfusion returns the form of e whose HMAC of input equals sig.
func findConfusion(h func() hash.Hash, e *entry, input, sig []byte) (form, bool) {
	if h == nil || e.pub == nil {
		return form{}, false
	}
	for _, f := range e.confusionForms() {
		m := hmac.New(h, f.b)
		m.Write(input)
		if hmac.Equal(m.Sum(nil), sig) {
			return f, true
		}
	}
	return form{}, false
}
