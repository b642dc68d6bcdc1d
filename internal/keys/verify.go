package keys

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// Token is one compact JWS to verify.
type Token struct {
	// Compact is the compact JWS as sent (header.payload.signature).
	Compact string
	// Header is the decoded protected header; when nil, Verify decodes it
	// from Compact itself.
	Header map[string]any
	// Path is "tokens[i]", the prefix of finding paths.
	Path string
	// Detached is the payload of a JWS with detached content (RFC 7515
	// Appendix F), used when the compact payload segment is empty.
	Detached []byte
	// Issuer is the token's iss claim, when known: it tells the user where
	// the issuer publishes its keys.
	Issuer string
}

// Limits for the checks that hash the whole signing input many times.
const (
	// maxHMACInput bounds the signing input the weak-secret and
	// algorithm-confusion checks hash (tokens are a few kilobytes; servers
	// refuse headers over 8-16 KiB).
	maxHMACInput = 64 << 10
	// maxFallback bounds the keys with another kid tried for diagnosis.
	maxFallback = 8
	// maxConfusionKeys bounds the public keys tried as HMAC secrets.
	maxConfusionKeys = 20
)

const (
	refJWSVerify  = "RFC 7515 §5.2"
	refThumbprint = "RFC 7638 §3"
	refAlgs       = "RFC 7518 §3.1"
	refKid        = "RFC 7515 §4.1.4"
	refBCPAlg     = "RFC 8725 §3.1"
	refBCPConf    = "RFC 8725 §2.1"
	refBCPEntropy = "RFC 8725 §3.5"
	refBCPClaims  = "RFC 8725 §3.10"
)

// attempt is one key tried against the signature.
type attempt struct {
	e        *entry
	reason   string // why the key does not fit the alg ("" if it fits)
	ok       bool   // the signature verifies with the key (under the alg)
	err      error  // the check could not be made (the verifier failed)
	fallback bool   // tried although its kid differs from the token's
}

type vrun struct {
	ctx    context.Context
	tok    Token
	set    *Set
	opts   Options
	header map[string]any
	alg    string
	info   algInfo
	kid    string
	hasKid bool
	input  []byte
	sig    []byte
	out    []report.Finding
	// pssLenient is a key the PS* signature verifies with only when any
	// salt length is accepted.
	pssLenient *entry
}

// Verify checks one JWS against the set (nil: no keys given) and the keys
// the token carries in its own header, and returns the verdict for
// report.Token.Signature with findings explaining it. The weak-secret check
// runs for every HS* token, keys or not. It never panics: an internal
// failure yields status "invalid" and an internal.error finding.
func Verify(ctx context.Context, tok Token, set *Set, opts Options) (sig *report.Signature, findings []report.Finding) {
	if ctx == nil {
		ctx = context.Background()
	}
	defer func() {
		if p := recover(); p != nil {
			sig = &report.Signature{Status: report.SigInvalid}
			findings = []report.Finding{report.New(report.InternalError, report.Warning, report.Both,
				clip("The signature check failed internally", 300), report.Detail(fmt.Sprintf("An unexpected error stopped the signature check: %v. This is a bug in the tool, not in your token.", p)),
				"Report the bug with the token's header (not the token).", report.Evidence(clip("", 600)), refJWSVerify)}
		}
	}()
	r := &vrun{ctx: ctx, tok: tok, set: set, opts: opts}
	return r.run()
}

func (r *vrun) path(suffix string) string {
	if r.tok.Path == "" {
		return ""
	}
	return r.tok.Path + suffix
}

func (r *vrun) add(f report.Finding, path string) {
	f.Path = r.path(path)
	r.out = append(r.out, f)
}

func (r *vrun) run() (*report.Signature, []report.Finding) {
	r.header = r.tok.Header
	if r.header == nil {
		r.header = decodeHeaderUnverified(r.tok.Compact)
	}
	if r.header == nil {
		r.add(report.New(report.SignatureInvalid, report.Error, report.Client,
			clip("The token's header does not decode, so its signature cannot be checked", 300),
			"The first segment of a JWS must be base64url-encoded JSON (RFC 7515 §7.1); without it no verifier knows the algorithm or key.",
			"Send the token exactly as the issuer produced it.", report.Evidence(clip(report.Mask(r.tok.Compact, r.opts.Reveal), 600)), "RFC 7515 §7.1"), ".header")
		return &report.Signature{Status: report.SigInvalid}, r.out
	}
	alg, _ := r.header["alg"].(string)
	r.alg = alg
	r.kid, r.hasKid = r.header["kid"].(string)
	sig := &report.Signature{Alg: alg}
	switch {
	case alg == "":
		r.add(report.New(report.SignatureInvalid, report.Error, report.Client,
			clip("The token's header has no \"alg\", so no verifier can check it", 300),
			"alg is required in every JWS header (RFC 7515 §4.1.1); verifiers refuse a token without it.",
			"Send a token issued with an algorithm (e.g. RS256).", report.Evidence(clip(fmt.Sprintf("alg=%v", r.header["alg"]), 600)), "RFC 7515 §4.1.1"), ".header.alg")
		sig.Status = report.SigInvalid
		return sig, r.out
	case alg == "none":
		// Never verified; the token package reports token.alg_none.
		sig.Status = report.SigUnverified
		return sig, r.out
	}
	info, known := lookupAlg(alg)
	if !known {
		hint := ""
		if up := strings.ToUpper(alg); up != alg {
			if _, ok := lookupAlg(up); ok {
				hint = " Algorithm names are case-sensitive: did you mean " + up + "?"
			}
		}
		if strings.EqualFold(alg, "none") {
			hint = " It spells \"none\" with other capitals, an old trick to slip an unsigned token past filters that only refuse \"none\"."
		}
		r.add(report.New(report.SignatureAlgMismatch, report.Error, report.Client,
			clip("The token's alg "+quote(alg)+" is not a JWS signature algorithm", 300),
			report.Detail("Registered algorithms are HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, ES256K and EdDSA (RFC 7518 §3.1, RFC 8037); verifiers refuse anything else."+hint),
			"Send a token signed with the algorithm the server expects.", report.Evidence(clip("alg="+quote(alg), 600)), refAlgs, refBCPAlg), ".header.alg")
		sig.Status = report.SigUnsupported
		return sig, r.out
	}
	r.info = info
	if !info.supported() {
		detail := "Go has no Ed448 implementation, so this tool cannot check Ed448 signatures; servers built on most libraries cannot either."
		if alg == "ES256K" {
			detail = "ES256K (ECDSA on secp256k1, RFC 8812) is registered, but this tool has no secp256k1 implementation (Go's standard library has none), so it cannot check the signature. Many servers do not accept ES256K either."
		}
		r.add(report.New(report.SignatureUnverified, report.Info, report.Client,
			clip("This build cannot check "+alg+" signatures", 300), report.Detail(detail),
			report.Fix("Check the signature with a tool that supports "+alg+", or use a build with support for it."), report.Evidence(clip("alg="+alg, 600)), info.ref), ".header.alg")
		sig.Status = report.SigUnsupported
		return sig, r.out
	}
	notAllowed := len(r.opts.Algs) > 0 && !contains(r.opts.Algs, alg)
	if info.scheme != schemeHMAC && r.opts.Verifier == nil {
		r.add(report.New(report.SignatureUnverified, report.Info, report.Client,
			clip("This build has no verifier for "+alg+" signatures", 300),
			report.Detail("Checking an "+alg+" signature needs a signature verifier (WebCrypto in the browser, Go's crypto in the command-line tool), and this build runs without one; HS* signatures are still checked."),
			"Check the signature with the authdebug command-line tool, or with another JWS library.", report.Evidence(clip("alg="+alg, 600)), info.ref), ".header.alg")
		if notAllowed {
			r.algNotAllowed(nil)
		}
		sig.Status = report.SigUnsupported
		return sig, r.out
	}

	if problem := r.parseCompact(); problem != "" {
		r.add(report.New(report.SignatureInvalid, report.Error, report.Client,
			clip("The "+alg+" signature cannot verify: "+problem, 300),
			"A JWS signature covers the exact base64url text of the header and payload, and the signature segment must be base64url (RFC 7515 §2, §7.1); no key can make this token verify.",
			"Send the token exactly as the issuer produced it, without added characters, padding or line breaks.", report.Evidence(clip(report.Mask(r.tok.Compact, r.opts.Reveal), 600)), "RFC 7515 §7.1", "RFC 7515 §2"), ".signature")
		sig.Status = report.SigInvalid
		if notAllowed {
			r.algNotAllowed(nil)
		}
		return sig, r.out
	}

	return r.decide(sig, notAllowed)
}

// parseCompact splits the compact JWS and computes the signing input and
// signature bytes; it returns why the token cannot verify, or "".
func (r *vrun) parseCompact() string {
	c := r.tok.Compact
	if n := strings.Count(c, "."); n != 2 {
		return fmt.Sprintf("it has %d segments, a compact JWS has 3", n+1)
	}
	parts := strings.SplitN(c, ".", 3)
	h, p, s := parts[0], parts[1], parts[2]
	strict := base64.RawURLEncoding.Strict()
	if _, err := strict.DecodeString(h); err != nil {
		return "the header segment is not base64url (" + err.Error() + ")"
	}
	b64 := true
	if v, ok := r.header["b64"]; ok {
		bv, isBool := v.(bool)
		if !isBool {
			return "the header's b64 is not a boolean (RFC 7797 §3)"
		}
		b64 = bv
	}
	if !b64 {
		if !critHas(r.header, "b64") {
			return "the header sets b64 to false without listing it in crit (RFC 7797 §6)"
		}
	}
	if p == "" && r.tok.Detached != nil {
		if b64 {
			p = base64.RawURLEncoding.EncodeToString(r.tok.Detached)
		} else {
			p = string(r.tok.Detached)
		}
	} else if b64 {
		if _, err := strict.DecodeString(p); err != nil {
			return "the payload segment is not base64url (" + err.Error() + ")"
		}
	}
	if s == "" {
		return "the signature segment is empty"
	}
	sig, err := strict.DecodeString(s)
	if err != nil {
		return "the signature segment is not base64url (" + err.Error() + ")"
	}
	r.input = []byte(h + "." + p)
	r.sig = sig
	return ""
}

func critHas(h map[string]any, name string) bool {
	arr, ok := h["crit"].([]any)
	if !ok {
		return false
	}
	for _, v := range arr {
		if s, ok := v.(string); ok && s == name {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// decodeHeaderUnverified decodes the protected header of a compact token
// without checking anything else; nil when it does not decode.
func decodeHeaderUnverified(compact string) map[string]any {
	i := strings.IndexByte(compact, '.')
	if i < 0 {
		return nil
	}
	b, err := base64.RawURLEncoding.DecodeString(compact[:i])
	if err != nil {
		return nil
	}
	var h map[string]any
	if err := json.Unmarshal(b, &h); err != nil {
		return nil
	}
	return h
}

// fits returns why e cannot verify this token's alg, or "".
func (r *vrun) fits(e *entry) string {
	a := r.info
	name := e.short
	if e.kty != a.kty {
		have := ""
		switch e.kty {
		case ktyOct:
			have = "a shared secret (oct)"
		case ktyRSA:
			have = "an RSA key"
		case ktyEC:
			have = "an EC " + e.crv + " key"
		case ktyOKP:
			have = "an " + e.crv + " key"
		}
		return r.alg + " needs " + a.keyWord() + ", but " + name + " is " + have
	}
	if a.crv != "" && e.crv != a.crv {
		return r.alg + " needs " + a.keyWord() + ", but " + name + " is on " + e.crv
	}
	if e.alg != "" && e.alg != r.alg {
		return name + " is declared for " + e.alg + " (its \"alg\"), not " + r.alg
	}
	if e.use != "" && e.use != "sig" {
		return name + " has \"use\": " + quote(e.use) + ", not \"sig\""
	}
	if e.hasOps && !contains(e.ops, "verify") {
		return name + " has \"key_ops\" " + fmt.Sprintf("%q", e.ops) + " without \"verify\""
	}
	return ""
}

// check reports whether the signature verifies with e under the alg; err
// is non-nil when the verifier could not make the check.
func (r *vrun) check(e *entry) (bool, error) {
	if r.info.scheme == schemePSS {
		return r.checkPSS(e)
	}
	return verifySig(r.ctx, r.opts.Verifier, r.info, e.secret, e.pub, r.input, r.sig, r.info.hashSize)
}

// checkPSS verifies RSASSA-PSS with the salt length RFC 7518 §3.5 requires
// (the hash size), and notes a signature that only verifies with another:
// PSSSaltLength finds the salt length the signature used, and the
// verifier confirms it with that length.
func (r *vrun) checkPSS(e *entry) (bool, error) {
	ok, err := verifySig(r.ctx, r.opts.Verifier, r.info, nil, e.pub, r.input, r.sig, r.info.hashSize)
	if ok || err != nil || r.pssLenient != nil || e.pub == nil {
		return ok, err
	}
	if n, found := PSSSaltLength(r.info.name, *e.pub, r.sig); found && n != r.info.hashSize {
		if lenient, err := verifySig(r.ctx, r.opts.Verifier, r.info, nil, e.pub, r.input, r.sig, n); lenient && err == nil {
			r.pssLenient = e
		}
	}
	return false, nil
}

// sameFamily reports whether a key that does not fit only because of its
// alg/use/key_ops could still be checked mathematically.
func (r *vrun) sameFamily(e *entry) bool {
	return e.kty == r.info.kty && (r.info.crv == "" || e.crv == r.info.crv)
}

func (r *vrun) try(es []*entry, fallback bool) []attempt {
	var out []attempt
	for _, e := range es {
		a := attempt{e: e, reason: r.fits(e), fallback: fallback}
		if a.reason == "" || r.sameFamily(e) {
			a.ok, a.err = r.check(e)
			if a.err != nil {
				a.ok = false
			}
		}
		out = append(out, a)
	}
	return out
}

// select splits the entries by kid: keys whose kid matches (or that have
// none) come first; keys with another kid are fallbacks, tried only to
// say whether the token names the wrong kid.
func (r *vrun) selectKeys(es []*entry) (primary, fallback []*entry, kidMiss bool) {
	if !r.hasKid || r.kid == "" {
		return es, nil, false
	}
	matched := false
	for _, e := range es {
		switch {
		case !e.hasKid:
			primary = append(primary, e)
		case e.kid == r.kid:
			primary = append(primary, e)
			matched = true
		default:
			fallback = append(fallback, e)
		}
	}
	return primary, fallback, !matched && len(fallback) > 0
}

func (r *vrun) decide(sig *report.Signature, notAllowed bool) (*report.Signature, []report.Finding) {
	entries := r.set.snapshot()
	primary, fallback, kidMiss := r.selectKeys(entries)
	refetchNote := ""
	if kidMiss {
		var changed bool
		refetchNote, changed = r.refetch()
		if changed {
			entries = r.set.snapshot()
			primary, fallback, kidMiss = r.selectKeys(entries)
		}
	}
	prim := r.try(primary, false)
	if len(fallback) > maxFallback {
		fallback = fallback[:maxFallback]
	}
	fb := r.try(fallback, true)
	embedded, embFindings := r.embeddedKeys()
	emb := r.try(embedded, false)

	var okFit, okFallback, okEmb *attempt
	var failedFit, mismatched, uncheckable []attempt
	for i := range prim {
		a := &prim[i]
		switch {
		case a.reason == "" && a.ok && okFit == nil:
			okFit = a
		case a.reason == "" && a.err != nil:
			uncheckable = append(uncheckable, *a)
		case a.reason == "" && !a.ok:
			failedFit = append(failedFit, *a)
		case a.reason != "":
			mismatched = append(mismatched, *a)
		}
	}
	for i := range fb {
		if fb[i].reason == "" && fb[i].ok && okFallback == nil {
			okFallback = &fb[i]
		}
	}
	for i := range emb {
		if emb[i].reason == "" && emb[i].ok && okEmb == nil {
			okEmb = &emb[i]
		}
		if emb[i].reason == "" && emb[i].err != nil {
			uncheckable = append(uncheckable, emb[i])
		}
	}

	// Checks on HMAC tokens that need no trusted key.
	var weak weakSecret
	var isWeak bool
	var confEntry *entry
	var confForm form
	if r.info.kty == ktyOct && len(r.input) <= maxHMACInput {
		weak, isWeak = findWeakSecret(r.info.hash, r.input, r.sig)
		if okFit == nil {
			n := 0
			for _, e := range entries {
				if e.kty == ktyOct || e.pub == nil {
					continue
				}
				if n++; n > maxConfusionKeys {
					break
				}
				if f, ok := findConfusion(r.info.hash, e, r.input, r.sig); ok {
					confEntry, confForm = e, f
					break
				}
			}
		}
	}

	if notAllowed {
		r.algNotAllowed(okFit)
	}
	switch {
	case okFit != nil:
		sig.Key = refOf(okFit.e)
		sig.Status = r.accept(okFit.e, refetchNote)
	case okFallback != nil:
		sig.Key = refOf(okFallback.e)
		if kidMiss {
			r.kidNotFound(entries, okFallback.e, refetchNote)
		} else {
			// The kid names a key that does not verify it; another does.
			note := "The signature does verify with " + okFallback.e.label + ", which carries another kid: the token names the wrong kid, and verifiers that select keys by kid refuse it."
			if len(mismatched) > 0 {
				r.mismatch(mismatched, note)
			}
			if len(failedFit) > 0 {
				r.invalid(failedFit, false, note)
			}
		}
		sig.Status = r.accept(okFallback.e, refetchNote)
	case okEmb != nil:
		sig.Status = report.SigUntrusted
		sig.Key = refOf(okEmb.e)
		r.untrusted(okEmb.e, failedFit)
	case confEntry != nil:
		sig.Status = report.SigInvalid
		r.confusion(confEntry, confForm)
	case isWeak:
		if len(failedFit) > 0 {
			sig.Status = report.SigInvalid
			r.invalid(failedFit, kidMiss, "")
		} else {
			sig.Status = report.SigUntrusted
			sig.Key = &report.KeyRef{Source: "weak-secret", Kty: ktyOct}
			if len(mismatched) > 0 {
				// The server's keys are public keys: it refuses an HMAC
				// token before any secret matters.
				r.mismatch(mismatched, "The token verifies only with a well-known example secret, which none of the supplied keys is: a server holding these keys refuses it.")
			}
		}
	case len(uncheckable) > 0:
		// A key that fits could not be checked: the signature may be
		// valid, so it is not called invalid.
		sig.Status = report.SigUnsupported
		r.uncheckable(uncheckable, failedFit)
	case len(failedFit) > 0:
		sig.Status = report.SigInvalid
		if kidMiss {
			// Only keys without a kid were tried; the key the kid names is
			// absent, so the token may be genuine.
			sig.Status = report.SigUnverified
			r.kidNotFound(entries, nil, refetchNote)
		}
		r.invalid(failedFit, kidMiss, "")
		if len(mismatched) > 0 {
			r.mismatch(mismatched, "")
		}
	case kidMiss:
		// No key carries the token's kid: the key that signed it is not
		// here, which says nothing against the signature (unverified).
		sig.Status = report.SigUnverified
		r.kidNotFound(entries, nil, refetchNote)
	case len(mismatched) > 0:
		sig.Status = report.SigInvalid
		r.mismatch(mismatched, "")
	case len(embedded) > 0:
		// Only keys from the token itself, and they do not verify it.
		sig.Status = report.SigInvalid
		r.invalid(emb, false, "")
	default:
		sig.Status = report.SigUnverified
		r.unverified()
	}
	if isWeak {
		r.weakSecret(weak, okFit != nil && okFit.e.kty == ktyOct)
	}
	if notAllowed && sig.Status == report.SigVerified {
		sig.Status = report.SigInvalid
	}
	r.out = append(r.out, embFindings...)
	return sig, r.out
}

func refOf(e *entry) *report.KeyRef {
	ref := e.ref
	return &ref
}
