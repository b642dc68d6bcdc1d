package keys

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/report"
)

// Material is the key material a user supplied or asked to fetch.
type Material struct {
	// Secret is an HMAC secret as typed: used as UTF-8, and also tried as
	// base64 and base64url when it decodes (report.Key.Encoding says which).
	// With surrounding whitespace, the trimmed text is tried too.
	Secret string
	// Texts are PEM (public keys, certificates, several blocks allowed), a
	// JWK, a JWK Set, or a bare base64 DER public key: pasted or found in
	// the input.
	Texts []string
	// TextOffsets optionally gives the byte offset of Texts[i] in the
	// analysed input, so findings can carry a Span; -1 (or a missing entry)
	// when the text is not part of the input.
	TextOffsets []int
	// JWKSURL is fetched only when set (the user asked for it).
	JWKSURL string
	// Discover fetches the token issuer's metadata:
	// <iss>/.well-known/openid-configuration, then
	// <iss>/.well-known/oauth-authorization-server (and the RFC 8414 §3
	// form with the well-known segment inserted before the issuer's path),
	// then its jwks_uri.
	Discover bool
}

// Options are the analysis options Load and Verify share.
type Options struct {
	// Algs lists the allowed algorithms (--alg); empty allows every
	// supported one.
	Algs []string
	// Fetcher GETs JWKS and discovery documents; nil yields a
	// keys.fetch_failed "no fetcher in this build" when a fetch is asked.
	Fetcher discovery.Fetcher
	// Now is the analysis clock (certificate validity).
	Now time.Time
	// Reveal shows credentials in full in findings.
	Reveal bool
	// Verifier checks RS*, PS*, ES* and EdDSA signatures and validates
	// public keys: WebCrypto in the browser (wasm/), gocrypto.New() in the
	// CLI and the tests. nil: those signatures are "unsupported" (HS* is
	// checked here) and keys are loaded without the verifier's Check.
	Verifier SigVerifier
	// ExpectedIssuer is the issuer the user expects (--iss, the page's
	// Issuer field). Keys that discovery finds from a token's own iss are
	// trusted only when it equals that iss exactly; otherwise a signature
	// they verify is "untrusted" (anyone can put their own URL in iss).
	ExpectedIssuer string
	// AllowHTTP lets discovery follow http:// issuers and jwks_uris
	// (--allow-http). OpenID Connect Discovery and RFC 8414 require https;
	// without it they are flagged and not fetched.
	AllowHTTP bool
}

// Limits that keep Load and Verify bounded on hostile input.
const (
	maxTextBytes = 1 << 20 // one pasted key text
	maxKeys      = 100     // keys in one Set
	maxPEMBlocks = 64      // blocks in one text
)

// Set is loaded key material with provenance. It is safe for concurrent use
// and to reuse across the tokens of one analysis.
type Set struct {
	mu      sync.Mutex
	entries []*entry
	// refused counts keys that were given but could not be used (they
	// yielded keys.invalid findings).
	refused int
	fetcher discovery.Fetcher
	// urls are the JWKS URLs fetched, with the source they were listed as.
	urls      []string
	urlSource map[string]string
	refetched map[string]bool
	// urlTrusted says whether the keys of each fetched URL may verify: a
	// re-fetch keeps the trust the first fetch had.
	urlTrusted map[string]bool
}

// Len returns the number of usable keys in the set.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Kids returns the key IDs in the set, sorted, without duplicates.
func (s *Set) Kids() []string {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return kidsOf(s.entries)
}

func kidsOf(es []*entry) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range es {
		if e.hasKid && !seen[e.kid] {
			seen[e.kid] = true
			out = append(out, e.kid)
		}
	}
	sort.Strings(out)
	return out
}

func (s *Set) snapshot() []*entry {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*entry(nil), s.entries...)
}

// entry is one usable key.
type entry struct {
	ref   report.KeyRef
	desc  report.Key
	label string // `key "k1" (RSA 2048 bits, from the JWKS at …)`
	short string // `key "k1"`, or where the key came from when it has no kid

	kid    string
	hasKid bool
	kty    string
	crv    string
	bits   int
	alg    string   // the JWK's "alg", if any
	use    string   // the JWK's "use", if any
	ops    []string // the JWK's "key_ops", if any
	hasOps bool

	pub      *PublicKey // RSA, EC and OKP keys
	secret   []byte     // oct keys
	encoding string     // how a typed secret was read
	trimmed  bool       // the typed secret had surrounding whitespace removed

	trusted bool
	url     string // the JWKS URL it came from, for a re-fetch
	// ambiguous says why a conforming verifier rejects the set this key is
	// in (a kid naming several keys, secrets mixed with public keys); ""
	// when the set is sound.
	ambiguous string

	// forms are the texts the public key was given as (PEM block, whole
	// text, JWK JSON), for the algorithm-confusion check.
	forms     []form
	formsOnce sync.Once
	allForms  []form
}

type form struct {
	name string
	b    []byte
}

// where says where a text came from.
type where struct {
	// source is the report.Key source for fetched material ("jwks-url",
	// "discovery", "token-header"); empty for pasted text, whose source
	// follows from its content ("pem", "certificate", "jwk", "jwks").
	source string
	origin string // "pasted" or the URL
	name   string // "key text 1", "the JWKS at https://…"
	offset int    // offset of the text in the analysed input, or -1
	url    string
	// fetched is true for documents served by the issuer.
	fetched bool
	trusted bool
}

func (w where) span(start, end int) *report.Span {
	if w.offset < 0 || start < 0 || end < start {
		return nil
	}
	return &report.Span{Start: w.offset + start, End: w.offset + end}
}

func (w where) side() report.Side {
	if w.fetched {
		return report.Server
	}
	return report.Client
}

// loader accumulates one Load.
type loader struct {
	ctx      context.Context
	opts     Options
	set      *Set
	keys     []report.Key
	findings []report.Finding
	capped   bool
	// declared maps each kid to the distinct JWKs (canonical JSON) that
	// declared it, usable or not: a set naming two keys with one kid is
	// ambiguous even when one of them is refused.
	declared map[string]map[string]bool
}

// Load parses and fetches key material. issuer is the token's iss (for
// Discover; "" if none). It never fetches unless m.JWKSURL is set or
// m.Discover is true. It returns the set, a description of every key for
// the Report (never the secret or private material), and findings
// (keys.invalid, keys.fetch_failed). It never panics and always returns a
// non-nil Set.
func Load(ctx context.Context, m Material, issuer string, opts Options) (set *Set, keys []report.Key, findings []report.Finding) {
	if ctx == nil {
		ctx = context.Background()
	}
	l := &loader{ctx: ctx, opts: opts, set: &Set{fetcher: opts.Fetcher, urlSource: map[string]string{}, refetched: map[string]bool{}}}
	defer func() {
		if p := recover(); p != nil {
			set, keys = l.set, l.keys
			findings = append(l.findings, report.New(report.InternalError, report.Warning, report.Both,
				clip("Loading the keys failed internally", 300), report.Detail(fmt.Sprintf("An unexpected error stopped reading the key material: %v. This is a bug in the tool, not in your keys.", p)),
				"Report the bug with the public key material (never a private key or secret).", report.Evidence(clip("", 600)), refJWKS))
		}
	}()
	if m.Secret != "" {
		l.loadSecret(m.Secret)
	}
	for i, t := range m.Texts {
		off := -1
		if i < len(m.TextOffsets) {
			off = m.TextOffsets[i]
		}
		name := "the pasted key text"
		if len(m.Texts) > 1 {
			name = "pasted key text " + itoa(i+1)
		}
		l.parseText(t, where{origin: "pasted", name: name, offset: off, trusted: true})
	}
	if u := strings.TrimSpace(m.JWKSURL); u != "" {
		l.fetchJWKS(u, "jwks-url", "the JWKS URL", true)
	}
	if m.Discover {
		l.discover(strings.TrimSpace(issuer))
	}
	l.checkSet()
	return l.set, l.keys, l.findings
}

func (l *loader) add(e *entry) {
	if len(l.set.entries) >= maxKeys {
		if !l.capped {
			l.capped = true
			l.findings = append(l.findings, report.New(report.KeysInvalid, report.Warning, report.Client,
				clip("More than "+itoa(maxKeys)+" keys were given; only the first "+itoa(maxKeys)+" are used", 300),
				"A key set this large is unusual; the rest were ignored to keep the analysis fast.",
				"Paste only the issuer's current keys.", report.Evidence(clip("", 600)), "RFC 7517 §5"))
		}
		return
	}
	l.set.entries = append(l.set.entries, e)
	l.keys = append(l.keys, e.desc)
}

func (l *loader) invalid(sev report.Severity, w where, span *report.Span, title, detail, fix, evidence string, refs ...string) {
	f := report.New(report.KeysInvalid, sev, w.side(), clip(title, 300), report.Detail(detail), report.Fix(fix), report.Evidence(clip(evidence, 600)), refs...)
	f.Span = span
	l.findings = append(l.findings, f)
}

// refuse records a key that was given but cannot be used.
func (l *loader) refuse(w where, span *report.Span, title, detail, fix, evidence string, refs ...string) {
	l.set.refused++
	sev := report.Warning
	if w.fetched {
		sev = report.Error
	}
	l.invalid(sev, w, span, title, detail, fix, evidence, refs...)
}

// loadSecret adds the typed secret in every encoding it can be read as.
func (l *loader) loadSecret(s string) {
	type variant struct {
		b        []byte
		encoding string
		trimmed  bool
	}
	var vs []variant
	seen := map[string]bool{}
	addV := func(b []byte, enc string, trimmed bool) {
		if seen[string(b)] {
			return
		}
		seen[string(b)] = true
		vs = append(vs, variant{b, enc, trimmed})
	}
	try := func(s string, trimmed bool) {
		addV([]byte(s), "utf-8", trimmed)
		if b, ok := decodeSecretB64(s, false); ok {
			addV(b, "base64", trimmed)
		}
		if b, ok := decodeSecretB64(s, true); ok {
			addV(b, "base64url", trimmed)
		}
	}
	if len(s) > maxTextBytes {
		s = s[:maxTextBytes]
	}
	try(s, false)
	if t := strings.TrimSpace(s); t != s && t != "" {
		try(t, true)
	}
	for _, v := range vs {
		origin := "pasted"
		if v.trimmed {
			origin = "pasted (surrounding whitespace removed)"
		}
		e := &entry{
			kty: ktyOct, bits: len(v.b) * 8, secret: v.b, encoding: v.encoding, trimmed: v.trimmed, trusted: true,
			ref:  report.KeyRef{Source: "secret", Kty: ktyOct},
			desc: report.Key{Source: "secret", Origin: origin, Kty: ktyOct, Bits: len(v.b) * 8, Encoding: v.encoding},
		}
		e.label = "the secret (read as " + v.encoding
		if v.trimmed {
			e.label += ", whitespace trimmed"
		}
		e.label += ", " + itoa(len(v.b)) + " bytes)"
		e.short = "the secret (read as " + v.encoding + ")"
		l.add(e)
	}
}

// decodeSecretB64 decodes s as base64 (url=false) or base64url, padded or
// not, when s is made only of that alphabet and decodes to at least one byte.
func decodeSecretB64(s string, url bool) ([]byte, bool) {
	if s == "" {
		return nil, false
	}
	hasSpecial := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '=':
		case !url && (c == '+' || c == '/'):
			hasSpecial = true
		case url && (c == '-' || c == '_'):
			hasSpecial = true
		default:
			return nil, false
		}
	}
	// A secret of plain letters and digits decodes identically under both
	// alphabets; report it once, as base64.
	if url && !hasSpecial {
		return nil, false
	}
	enc := base64.StdEncoding
	if url {
		enc = base64.URLEncoding
	}
	raw := strings.TrimRight(s, "=")
	b, err := enc.WithPadding(base64.NoPadding).Strict().DecodeString(raw)
	if err != nil || len(b) == 0 {
		return nil, false
	}
	return b, true
}

// checkSet reports set-level problems: duplicate kids and secrets mixed
// with public keys (Wycheproof "DuplicateKid", "MixedKeySet").
func (l *loader) checkSet() {
	byKid := map[string][]*entry{}
	var kids []string
	hasSecretJWK, hasPublic := false, false
	for _, e := range l.set.entries {
		if e.hasKid {
			if _, ok := byKid[e.kid]; !ok {
				kids = append(kids, e.kid)
			}
			byKid[e.kid] = append(byKid[e.kid], e)
		}
		if e.kty == ktyOct && e.ref.Source != "secret" {
			hasSecretJWK = true
		}
		if e.kty != ktyOct {
			hasPublic = true
		}
	}
	for _, kid := range kids {
		es := byKid[kid]
		distinct := len(l.declared[kid]) > 1
		for _, e := range es[1:] {
			if !sameKey(e, es[0]) {
				distinct = true
			}
		}
		if !distinct {
			continue
		}
		n := max(len(es), len(l.declared[kid]))
		for _, e := range es {
			e.ambiguous = "the kid " + quote(kid) + " names " + itoa(n) + " different keys in that set"
		}
		l.findings = append(l.findings, report.New(report.KeysInvalid, report.Warning, report.Server,
			clip("The kid "+quote(kid)+" names "+itoa(n)+" different keys", 300),
			"A kid must identify one key in a set (RFC 7517 §4.5); verifiers that pick the first match may use the wrong one, so tokens signed with the other key fail intermittently.",
			"Give every key in the set its own kid.", report.Evidence(clip("kid="+quote(kid), 600)), "RFC 7517 §4.5", "RFC 7515 §4.1.4"))
	}
	if hasSecretJWK && hasPublic {
		for _, e := range l.set.entries {
			if e.ambiguous == "" && e.ref.Source != "secret" {
				e.ambiguous = "that set mixes shared secrets (oct) with public keys"
			}
		}
		l.findings = append(l.findings, report.New(report.KeysInvalid, report.Warning, report.Server,
			clip("The key set mixes shared secrets (oct) with public keys", 300),
			"A set that holds both symmetric and asymmetric keys invites algorithm confusion: a verifier that lets the token's alg choose how to use a key can be made to accept an HMAC forged with public material (RFC 8725 §2.1). Public key sets should never contain secrets.",
			"Keep shared secrets out of key sets that hold public keys, and pin the algorithm per key.", report.Evidence(clip("", 600)), "RFC 8725 §3.1", "RFC 7517 §5"))
	}
}

func sameKey(a, b *entry) bool {
	if a.ref.Thumbprint != "" || b.ref.Thumbprint != "" {
		return a.ref.Thumbprint == b.ref.Thumbprint
	}
	return string(a.secret) == string(b.secret)
}
