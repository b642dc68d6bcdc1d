package keys

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// evidenceOf renders a key for evidence: kid, thumbprint, source, origin.
// Secrets are shown only with Reveal; otherwise their length and encoding.
func (r *vrun) evidenceOf(e *entry) string {
	var parts []string
	if e.hasKid {
		parts = append(parts, "kid="+quote(e.kid))
	}
	if e.ref.Thumbprint != "" {
		parts = append(parts, "thumbprint="+e.ref.Thumbprint)
	}
	if e.kty == ktyOct {
		if r.opts.Reveal {
			parts = append(parts, "secret="+quote(string(e.secret))+" ("+itoa(len(e.secret))+" bytes)")
		} else {
			parts = append(parts, "secret="+itoa(len(e.secret))+" bytes")
		}
		if e.encoding != "" {
			parts = append(parts, "encoding="+e.encoding)
		}
	}
	parts = append(parts, "source="+e.ref.Source)
	if e.desc.Origin != "" && e.desc.Origin != "pasted" {
		parts = append(parts, "origin="+e.desc.Origin)
	}
	return strings.Join(parts, " ")
}

func (r *vrun) tokenEvidence() string {
	s := "alg=" + r.alg
	if r.hasKid {
		s += " kid=" + quote(r.kid)
	}
	return s
}

func (r *vrun) verified(e *entry, refetchNote string) {
	detail := "The token was signed with the private key matching this public key and has not been modified since."
	if e.kty == ktyOct {
		detail = "The token was signed by a holder of this secret and has not been modified since. The secret was read as " + e.encoding + "."
		if e.trimmed {
			detail += " It verifies only with the whitespace around the secret removed: a secret stored with a trailing newline or space (a common .env or Kubernetes Secret mistake) gives a different HMAC, so check how the server reads it."
		}
	} else {
		detail += " Key: "
		if e.hasKid {
			detail += "kid " + quote(e.kid) + ", "
		}
		detail += "RFC 7638 thumbprint " + e.ref.Thumbprint + ", source " + e.ref.Source
		if e.desc.Origin != "" {
			detail += " (" + e.desc.Origin + ")"
		}
		detail += "."
	}
	if refetchNote != "" {
		detail += " " + refetchNote
	}
	r.add(report.New(report.SignatureVerified, report.Info, report.Both,
		clip("The "+r.alg+" signature verifies with "+e.label, 300), report.Detail(detail),
		"Nothing to change in the signature; if the request is still refused, look at the other findings.",
		report.Evidence(clip(r.tokenEvidence()+"; key "+r.evidenceOf(e), 600)), refJWSVerify, refThumbprint), ".signature")
}

// accept decides the status of a signature that verifies with e: verified,
// or untrusted when a conforming verifier would still refuse the key (below
// RFC 7518's minimum size) or its set (ambiguous kid, secrets mixed with
// public keys) — then a finding says why, and names the key that matched.
func (r *vrun) accept(e *entry, refetchNote string) string {
	if r.undersized(e) {
		return report.SigUntrusted
	}
	if !e.trusted {
		r.selfVouched(e)
		return report.SigUntrusted
	}
	if e.ambiguous != "" {
		r.add(report.New(report.KeysInvalid, report.Error, report.Server,
			clip("The "+r.alg+" signature matches "+e.label+", but "+e.ambiguous, 300),
			"A verifier cannot tell which key a kid means when one kid names several keys (RFC 7517 §4.5), and a set that holds shared secrets next to public keys invites algorithm confusion (RFC 8725 §2.1); conforming verifiers reject such a set, so the match does not count as verified.",
			"Publish a key set with one key per kid and no shared secrets; keep HMAC secrets out of JWKS documents.",
			report.Evidence(clip(r.tokenEvidence()+"; key "+r.evidenceOf(e), 600)), "RFC 7517 §4.5", "RFC 8725 §3.1"), ".signature")
		return report.SigUntrusted
	}
	r.verified(e, refetchNote)
	return report.SigVerified
}

// undersized reports a matching key below RFC 7518's minimum size. RFC 7518
// makes the sizes a MUST, so conforming verifiers refuse the key even
// though the signature is mathematically right: an error, not a warning.
func (r *vrun) undersized(e *entry) bool {
	a := r.info
	var title, detail string
	switch {
	case e.kty == ktyOct && a.minBytes > 0 && len(e.secret) < a.minBytes:
		title = "The " + r.alg + " secret is only " + plural(len(e.secret), "byte") + "; RFC 7518 requires at least " + itoa(a.minBytes)
		detail = "The signature matches, but an HMAC key shorter than the hash output is below what RFC 7518 §3.2 requires (MUST). Conforming libraries (e.g. Nimbus JOSE+JWT, jose4j, jose) refuse such keys, so one service may accept the token while another refuses it; and a short or guessable secret can be brute-forced offline from any token it signed."
	case e.kty == ktyRSA && a.minBits > 0 && e.bits < a.minBits:
		title = "The RSA key used for " + r.alg + " is only " + itoa(e.bits) + " bits; RFC 7518 requires at least " + itoa(a.minBits)
		detail = "The signature matches, but RFC 7518 §3.3 requires RSA keys of 2048 bits or more (MUST). Conforming libraries refuse smaller keys, so one service may accept the token while another refuses it; 1024-bit RSA is within reach of well-funded attackers."
	default:
		return false
	}
	r.add(report.New(report.SignatureAlgMismatch, report.Error, report.Server, clip(title, 300), report.Detail(detail),
		report.Fix("Rotate to a stronger key: a random secret of at least "+itoa(max(a.minBytes, 32))+" bytes for HS*, or RSA 2048 bits or more."),
		report.Evidence(clip(r.tokenEvidence()+"; key "+r.evidenceOf(e), 600)), a.ref, refBCPEntropy), ".header.alg")
	return true
}

func (r *vrun) algNotAllowed(ok *attempt) {
	detail := "The server (as configured with --alg) only accepts " + strings.Join(r.opts.Algs, ", ") + ". Verifiers must pin the algorithms they accept (RFC 8725 §3.1), so it refuses this token whatever the key."
	if ok != nil {
		detail += " The signature itself verifies with " + ok.e.label + "."
	}
	r.add(report.New(report.SignatureAlgMismatch, report.Error, report.Both,
		clip("The token's alg "+r.alg+" is not among the allowed algorithms ("+strings.Join(r.opts.Algs, ", ")+")", 300), report.Detail(detail),
		report.Fix("Have the issuer sign with one of "+strings.Join(r.opts.Algs, ", ")+", or allow "+r.alg+" on the server if it is expected."),
		report.Evidence(clip("alg="+r.alg+" allowed="+strings.Join(r.opts.Algs, ","), 600)), refBCPAlg, refAlgs), ".header.alg")
}

func (r *vrun) invalid(tried []attempt, kidMiss bool, extra string) {
	title := "The " + r.alg + " signature does not verify with "
	if len(tried) == 1 {
		title += tried[0].e.label
	} else {
		title += "any of the " + itoa(len(tried)) + " keys that fit it"
	}
	detail := "Tried: " + labels(tried) + ". "
	if r.info.kty == ktyOct {
		detail += "Common causes: a different secret (another environment's, or the same text read with another encoding: base64 versus raw text), whitespace or a newline in the stored secret, or a token modified after signing."
	} else {
		detail += "Common causes: the token comes from another environment or tenant (a staging token against production keys), the issuer rotated its key, the token was modified after signing (a claim edited by hand), or its payload was re-encoded (decoding and re-serialising the JSON changes the bytes the signature covers)."
	}
	if kidMiss {
		detail += " The token's kid matches none of the keys, so these were only the keys without a kid."
	}
	if extra != "" {
		detail += " " + extra
	}
	if e := r.pssLenient; e != nil {
		title = "The " + r.alg + " signature uses an RSA-PSS salt length other than the " + itoa(r.info.hashSize) + " bytes RFC 7518 requires"
		detail = "It verifies with " + e.label + " only when any salt length is accepted. RFC 7518 §3.5 fixes the salt length to the hash size, so conforming verifiers refuse it, while lenient ones (that auto-detect the salt) accept it: one service may accept the token while another refuses it."
		r.add(report.New(report.SignatureInvalid, report.Error, report.Server, clip(title, 300), report.Detail(detail),
			report.Fix("Configure the issuer's RSA-PSS signer with a salt length equal to the hash size ("+itoa(r.info.hashSize)+" bytes for "+r.alg+")."),
			report.Evidence(clip(r.tokenEvidence()+"; key "+r.evidenceOf(e), 600)), "RFC 7518 §3.5", "RFC 8017 §9.1"), ".signature")
		return
	}
	r.add(report.New(report.SignatureInvalid, report.Error, report.Both, clip(title, 300), report.Detail(detail),
		"Get a fresh token from the issuer whose keys the server trusts, and check that the server has that issuer's current keys.",
		report.Evidence(clip(r.tokenEvidence()+"; tried "+strings.Join(r.evidences(tried), " | "), 600)), refJWSVerify), ".signature")
}

func (r *vrun) kidNotFound(entries []*entry, okWith *entry, refetchNote string) {
	kids := kidsOf(entries)
	title := "The token's kid " + quote(r.kid) + " is in none of the supplied keys (kids present: " + listQuoted(kids, 12) + ")"
	sev := report.Error
	detail := "Verifiers pick the key by kid (RFC 7515 §4.1.4); when the kid is missing from their JWKS they refuse the token. Usual reasons: the issuer rotated its keys and the server (or this analysis) holds an old JWKS from a cache, or the token comes from another environment or tenant whose keys differ."
	if okWith != nil {
		title += ", though the signature verifies with " + okWith.label
		detail = "The signature verifies with a key that carries another kid: the token names the wrong kid, or the key set re-labelled the key. Verifiers that select keys by kid (most JWKS-based ones) refuse it with \"no matching key\"."
	}
	if refetchNote != "" {
		detail += " " + refetchNote
	}
	r.add(report.New(report.SignatureKidNotFound, sev, report.Both, clip(title, 300), report.Detail(detail),
		"Check that the token comes from the issuer (and environment or tenant) whose JWKS you supplied; if the issuer rotated keys, make the server refresh its JWKS cache.",
		report.Evidence(clip("kid="+quote(r.kid)+" kids="+listQuoted(kids, 12), 600)), refKid, "RFC 7517 §4.5", "OpenID Connect Core 1.0 §10.1.1"), ".header.kid")
}

func (r *vrun) mismatch(ms []attempt, extra string) {
	var reasons []string
	var matchNote []string
	for i, a := range ms {
		if i < maxListed {
			reasons = append(reasons, a.reason)
		}
		if a.ok && len(matchNote) < maxListed {
			matchNote = append(matchNote, a.e.label)
		}
	}
	if len(ms) > maxListed {
		reasons = append(reasons, "(+"+itoa(len(ms)-maxListed)+" more)")
	}
	title := reasons[0]
	if len(ms) > 1 {
		title = "None of the " + itoa(len(ms)) + " supplied keys fits " + r.alg + ": " + reasons[0] + " (and " + plural(len(ms)-1, "more") + ")"
	}
	detail := "The algorithm and the key must agree (RFC 7518 §3.1): " + strings.Join(reasons, "; ") + ". A verifier that checks this refuses the token before computing anything; one that lets the token's alg choose how to use the key is open to algorithm confusion (RFC 8725 §2.1)."
	if len(matchNote) > 0 {
		detail += " The signature would verify mathematically with " + strings.Join(matchNote, ", ") + ", but the key's own alg, use or key_ops forbid this use, so strict verifiers refuse it."
	}
	if extra != "" {
		detail += " " + extra
	}
	fix := "Use the issuer's " + r.alg + " key (" + r.info.keyWord() + "), or have the issuer sign with the algorithm its keys are meant for."
	r.add(report.New(report.SignatureAlgMismatch, report.Error, report.Both, clip(title, 300), report.Detail(detail), report.Fix(fix),
		report.Evidence(clip(r.tokenEvidence()+"; keys "+strings.Join(r.evidences(ms), " | "), 600)), refAlgs, "RFC 7517 §4.2", "RFC 7517 §4.4", refBCPAlg), ".header.alg")
}

func (r *vrun) evidences(as []attempt) []string {
	var out []string
	for i, a := range as {
		if i == maxListed {
			out = append(out, "(+"+itoa(len(as)-maxListed)+" more)")
			break
		}
		out = append(out, r.evidenceOf(a.e))
	}
	return out
}

// maxListed bounds the keys named in one finding.
const maxListed = 10

// labels names up to maxListed keys.
func labels(as []attempt) string {
	var out []string
	for i, a := range as {
		if i == maxListed {
			out = append(out, "(+"+itoa(len(as)-maxListed)+" more)")
			break
		}
		out = append(out, a.e.label)
	}
	return strings.Join(out, "; ")
}

func (r *vrun) confusion(e *entry, f form) {
	r.add(report.New(report.SignatureAlgConfusion, report.Error, report.Server,
		clip("The "+r.alg+" signature verifies with the public key's bytes as the HMAC secret ("+f.name+", "+e.short+")", 300),
		"The token claims an HMAC algorithm, but the key is public: someone computed the HMAC with the public key's bytes as the secret. A verifier that lets the token's alg decide how to use a key accepts such forged tokens (RFC 8725 §2.1). This is an attack, a test of one, or an issuer and verifier both misconfigured.",
		"Pin the algorithm on the server (accept only the asymmetric algorithm this key is for) and treat this token as forged.",
		report.Evidence(clip(r.tokenEvidence()+"; key "+r.evidenceOf(e)+"; HMAC secret = "+f.name, 600)), refBCPConf, refBCPAlg), ".header.alg")
}

func (r *vrun) weakSecret(w weakSecret, supplied bool) {
	name := quote(w.s)
	if w.s == "" {
		name = "\"\" (empty)"
	}
	detail := "This secret is " + w.note + ": it is published, so anyone can sign tokens with it, and a server that accepts this token accepts forgeries."
	if len(w.s) < r.info.minBytes {
		detail += " It is also shorter than the " + itoa(r.info.minBytes) + " bytes RFC 7518 §3.2 requires for " + r.alg + "."
	}
	if !supplied {
		detail += " (Checked locally against a short list of well-known secrets; no key was needed.)"
	}
	r.add(report.New(report.SignatureWeakSecret, report.Error, report.Server,
		clip("The "+r.alg+" signature verifies with the well-known secret "+name+" ("+w.note+")", 300), report.Detail(detail),
		report.Fix("Generate a random secret of at least "+itoa(max(r.info.minBytes, 32))+" bytes (e.g. `openssl rand -base64 48`), configure it on the issuer and every verifier, and re-issue tokens."),
		report.Evidence(clip(r.tokenEvidence()+" secret="+name, 600)), refBCPEntropy, "RFC 8725 §2.2", "RFC 7518 §3.2"), ".signature")
}

func (r *vrun) untrusted(e *entry, failed []attempt) {
	what := "the jwk"
	if e.desc.Certificate != nil {
		what = "the x5c certificate"
	}
	detail := "Anyone can generate a key pair, sign a token and embed the public key; a signature checked with it proves nothing. A server must verify with keys it already trusts (pinned, or from the issuer's JWKS); if it accepts this token, it is vulnerable."
	if len(failed) > 0 {
		detail += " The supplied keys do not verify it."
	} else {
		detail += " No trusted key was supplied to compare."
	}
	if _, ok := r.header["jku"]; ok {
		detail += " The header also names a jku URL; it is never fetched automatically."
	}
	r.add(report.New(report.SignatureUntrustedKey, report.Error, report.Both,
		clip("The "+r.alg+" signature verifies only with "+what+" the token carries in its own header", 300), report.Detail(detail),
		"Verify with the issuer's published keys; never trust keys from the token's jwk, x5c, jku or x5u unless the key is pinned or the certificate chains to a trusted root.",
		report.Evidence(clip(r.tokenEvidence()+"; embedded key "+r.evidenceOf(e), 600)), "RFC 7515 §4.1.3", "RFC 7515 §4.1.6", refBCPClaims), ".header")
}

// selfVouched explains a signature that verifies only with keys discovery
// found from the token's own iss, with no expected issuer to compare:
// the token named its own keys, as with jku (RFC 8725 §3.10).
func (r *vrun) selfVouched(e *entry) {
	iss := r.tok.Issuer
	if iss == "" {
		iss = "the issuer the token names"
	} else {
		iss = quote(clip(iss, 200))
	}
	expected := "No expected issuer was given"
	if r.opts.ExpectedIssuer != "" {
		expected = "The expected issuer " + quote(clip(r.opts.ExpectedIssuer, 200)) + " is not the token's iss"
	}
	r.add(report.New(report.SignatureUntrustedKey, report.Error, report.Both,
		clip("The "+r.alg+" signature verifies only with "+e.short+" discovered from the issuer the token claims, "+iss+", which nothing vouches for", 300),
		report.Detail("Discovery followed the token's own iss claim to "+e.desc.Origin+". Anyone can put their own URL in iss and publish keys there, so a signature checked with keys found that way proves only that whoever controls that URL signed the token. "+expected+". A server must take its issuer and keys from its own configuration, never from the token; one that does refuses this token unless it really comes from its issuer."),
		"Give the issuer you expect (--iss, the Issuer field): keys discovered from it are then trusted when the token's iss is exactly that; or give the JWKS URL yourself (--jwks).",
		report.Evidence(clip(r.tokenEvidence()+"; iss="+iss+"; key "+r.evidenceOf(e), 600)), refBCPClaims, "OpenID Connect Discovery 1.0 §4.3", "RFC 8414 §3.3"), ".signature")
}

func (r *vrun) unverified() {
	need := r.info.needKey()
	if r.hasKid && r.kid != "" {
		need += " with kid " + quote(r.kid)
	}
	if r.info.kty != ktyOct {
		need += " from the issuer's JWKS"
	}
	var where, fix string
	switch {
	case r.info.kty == ktyOct:
		where = "HS* tokens are checked with a secret shared between issuer and verifier; it is not published anywhere."
		fix = "Paste the shared secret (as text, base64 or base64url) to check the signature."
	case r.tok.Issuer != "":
		iss := strings.TrimRight(r.tok.Issuer, "/")
		where = "The issuer publishes its public keys in a JWKS, named by jwks_uri in " + iss + "/.well-known/openid-configuration."
		fix = "Try Discover (reads " + iss + "/.well-known/openid-configuration and its jwks_uri), or paste the JWKS from its jwks_uri (often " + iss + "/.well-known/jwks.json)."
	default:
		where = "The issuer publishes its public keys in a JWKS; the token has no iss to say where."
		fix = "Paste the issuer's JWKS, a JWK, or its PEM public key or certificate."
	}
	for _, h := range []string{"jku", "x5u"} {
		if u, ok := r.header[h].(string); ok {
			where += " The header names " + h + " " + quote(u) + ": it is never fetched automatically, because a token must not choose its own verification key; if you trust that URL, give it as the JWKS URL."
		}
	}
	title := "No key was given to check the " + r.alg + " signature: it needs " + need
	if r.set != nil && r.set.refused > 0 {
		title = "None of the keys given could be used to check the " + r.alg + " signature (see keys.invalid): it needs " + need
	}
	r.add(report.New(report.SignatureUnverified, report.Info, report.Client,
		clip(title, 300),
		report.Detail("Without the key, the header and payload are shown but nothing proves who issued the token or that it is unmodified. "+where),
		report.Fix(fix), report.Evidence(clip(r.tokenEvidence(), 600)), refJWSVerify, "RFC 7517 §5"), ".signature")
}

// uncheckable explains a signature the verifier could not check with a key
// that fits it (status unsupported): the signature may well be valid.
func (r *vrun) uncheckable(as []attempt, failed []attempt) {
	title := "The " + r.alg + " signature could not be checked with " + as[0].e.label
	if len(as) > 1 {
		title = "The " + r.alg + " signature could not be checked with the " + itoa(len(as)) + " keys that fit it"
	}
	detail := "The signature verifier failed: " + clip(as[0].err.Error(), 300) + ". This says nothing about whether the signature is valid. Keys: " + labels(as) + "."
	if len(failed) > 0 {
		detail += " It does not verify with " + labels(failed) + "."
	}
	r.add(report.New(report.SignatureUnverified, report.Info, report.Client, clip(title, 300), report.Detail(detail),
		"Check the signature with the authdebug command-line tool, or with another JWS library.",
		report.Evidence(clip(r.tokenEvidence()+"; keys "+strings.Join(r.evidences(as), " | "), 600)), refJWSVerify), ".signature")
}
