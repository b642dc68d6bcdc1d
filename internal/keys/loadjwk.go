package keys

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/keys/jwk"
	"github.com/authdebug/authdebug/internal/keys/pkix"
	"github.com/authdebug/authdebug/internal/report"
)

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
	spans := jwk.ElementSpans(t, maxKeys)
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

// parseJWK validates one JWK object member by member, decodes its key
// (jwk.Decode), and adds it to the set.
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
	the := jwk.TheName(name)
	The := "The" + strings.TrimPrefix(the, "the")
	kty, _ := m["kty"].(string)
	required, known := jwk.RequiredMembers(kty)
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
	key, bad := jwk.Decode(m, kty, name)
	if bad != nil {
		l.refuse(w, span, bad.Title, bad.Detail, bad.Fix, bad.Evidence, bad.Refs...)
		return
	}
	if key.E != nil && key.E.BitLen() > 31 {
		problem := "the public exponent is " + itoa(key.E.BitLen()) + " bits, over the 31 bits verifiers accept"
		e, _ := m["e"].(string)
		l.refuse(w, span, "The RSA key in "+name+" cannot be used: "+problem,
			"Go's crypto/rsa and other verifiers refuse an exponent over 2³¹−1 (real keys use 65537). "+rsaProblemDetail(problem),
			"Use the issuer's real RSA public key (2048 bits or more, exponent 65537).",
			"e: "+itoa(base64.RawURLEncoding.DecodedLen(len(e)))+" bytes", "RFC 7518 §6.3.1.2", "RFC 8017 §3.1")
		return
	}
	kid, hasKid := m["kid"].(string)
	if _, present := m["kid"]; present && !hasKid {
		// Only null gets here: jwk.Decode refuses a kid of another type.
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
		if len(key.Secret) == 0 {
			l.refuse(w, span, The+" is an empty secret", "Its \"k\" is empty; an empty HMAC key proves nothing and verifiers refuse it.", "Use the real secret.", "k=\"\"", "RFC 7518 §6.4.1")
			return
		}
		e.secret, e.bits = key.Secret, len(key.Secret)*8
		if w.fetched {
			l.invalid(report.Warning, w, span, The+" publishes a shared secret (kty oct)",
				"A JWKS is public: an oct key in it lets anyone sign HS* tokens that this issuer's verifiers accept.",
				"Remove the secret from the published JWKS and rotate it.", "kid="+quote(kid), "RFC 7517 §6.4", "RFC 8725 §3.5")
		}
	case ktyRSA, ktyEC:
		if !l.usable(key.Pub, name, "kid="+quote(kid)+" ", w, span) {
			return
		}
		e.crv, e.bits, e.pub = key.Crv, jwk.Bits(key.Pub), key.Pub
	case ktyOKP:
		if key.Pub == nil {
			l.refuse(w, span, The+" ("+kty+" "+key.Crv+") is not a signature key this tool can use",
				"JWS signatures use RSA, EC P-256/P-384/P-521 or Ed25519 keys; X25519/X448 keys are for encryption, and Ed448 is not supported by Go.",
				"Use the issuer's signature key.", "kty="+kty+" crv="+quote(key.Crv), "RFC 8037 §2")
			return
		}
		if !l.usable(key.Pub, name, "kid="+quote(kid)+" ", w, span) {
			return
		}
		e.crv, e.bits, e.pub = "Ed25519", 256, key.Pub
	}
	if e.pub != nil {
		e.ref.Thumbprint = jwk.Thumbprint(e.pub)
	}
	e.ref.Source, e.ref.Kty, e.ref.Kid = source, kty, kid
	e.desc = report.Key{Source: source, Origin: w.origin, Kid: kid, Kty: kty, Alg: alg, Use: use, Crv: e.crv, Bits: e.bits, Thumbprint: e.ref.Thumbprint}
	if key.X5C != "" {
		der, err := base64.StdEncoding.DecodeString(key.X5C)
		if err != nil {
			der = []byte(key.X5C)
		}
		if c, err := pkix.ParseCertificate(der); err == nil {
			e.desc.Certificate = certSummary(c)
			l.checkCertTime(c, name, w, span)
		}
	}
	e.label, e.short = describeKey(e, name), shortName(e, name)
	l.add(e)
}

func padB64(s string) string {
	if m := len(s) % 4; m != 0 {
		return s + strings.Repeat("=", 4-m)
	}
	return s
}
