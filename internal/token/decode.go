package token

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

// Segment names (report.Segment.Name).
var (
	jwsNames = []string{"header", "payload", "signature"}
	jweNames = []string{"header", "encrypted_key", "iv", "ciphertext", "tag"}
)

// maxPayloadText caps Token.PayloadText.
const maxPayloadText = 16 << 10

// part is one dot-separated segment of a compact token.
type part struct {
	name  string
	start int // byte offset within the compact token
	text  string
	bytes []byte // decoded; nil when it does not decode (or was not decoded)
	diag  b64diag
	err   string // report.Segment.Error
}

// decoding is everything decode learnt about one compact token.
type decoding struct {
	compact string
	path    string
	base    int // absolute offset of compact in the analysed input, -1 if not verbatim
	form    string
	nseg    int
	parts   []part

	opaque string // set for a token that is not a JWT at all: what it is

	header      map[string]any
	headerJSON  json.RawMessage
	payload     map[string]any
	payloadJSON json.RawMessage
	payloadText *string
	nested      string // the payload when it is itself a compact token
	sig         []byte

	o  Options
	fs []report.Finding
}

func (d *decoding) span(start, n int) *report.Span {
	if d.base < 0 {
		return nil
	}
	return &report.Span{Start: d.base + start, End: d.base + start + n}
}

func (d *decoding) partSpan(i int) *report.Span {
	if i >= len(d.parts) {
		return d.span(0, len(d.compact))
	}
	return d.span(d.parts[i].start, len(d.parts[i].text))
}

func (d *decoding) sub(s string) string {
	if d.path == "" {
		return ""
	}
	return d.path + "." + s
}

func (d *decoding) add(f report.Finding) { d.fs = append(d.fs, f) }

// opaquePrefixes name well-known opaque token formats.
var opaquePrefixes = []struct{ prefix, what string }{
	{"ghp_", "a GitHub personal access token"},
	{"github_pat_", "a GitHub fine-grained personal access token"},
	{"gho_", "a GitHub OAuth access token"},
	{"ghu_", "a GitHub user-to-server token"},
	{"ghs_", "a GitHub installation token"},
	{"glpat-", "a GitLab personal access token"},
	{"ya29.", "a Google OAuth access token"},
	{"xoxb-", "a Slack bot token"},
	{"xoxp-", "a Slack user token"},
	{"sk_live_", "a Stripe live secret key"},
	{"sk_test_", "a Stripe test secret key"},
	{"AKIA", "an AWS access key ID"},
}

// looksJSONStart reports whether seg base64url-decodes to text starting
// with '{' (decoding only a short prefix).
func looksJSONStart(seg string) bool {
	n := len(seg)
	if n > 16 {
		n = 16
	}
	n -= n % 4
	if n == 0 {
		return strings.HasPrefix(seg, "ey")
	}
	b, d := decodeB64(seg[:n])
	return d.err == nil && firstByte(b) == '{'
}

// LooksLikeJWT reports whether s (a cleaned token) is meant to be a JWS or
// JWE compact serialisation: its first segment decodes to a JSON object's
// start, or it has the 3 or 5 segments of one.
func LooksLikeJWT(s string) bool {
	for _, p := range opaquePrefixes {
		if strings.HasPrefix(s, p.prefix) {
			return false
		}
	}
	first := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		first = s[:i]
	}
	if looksJSONStart(first) {
		return true
	}
	n := strings.Count(s, ".") + 1
	return n == 3 || n == 5
}

// decode splits and decodes a compact token (already cleaned), recording
// findings about its structure and encoding only.
func decode(compact, path string, base int, opts Options) *decoding {
	d := &decoding{compact: compact, path: path, base: base, form: "unknown", o: opts}
	if !LooksLikeJWT(compact) {
		d.opaque = "an opaque token"
		for _, p := range opaquePrefixes {
			if strings.HasPrefix(compact, p.prefix) {
				d.opaque = p.what
			}
		}
		return d
	}
	d.nseg = strings.Count(compact, ".") + 1
	pieces := strings.SplitN(compact, ".", 7)
	if len(pieces) > 6 {
		pieces = pieces[:6]
	}
	off := 0
	for _, p := range pieces {
		d.parts = append(d.parts, part{start: off, text: p, diag: b64diag{std: -1, bad: -1}})
		off += len(p) + 1
	}

	// The header decides between JWS and JWE when the count does not.
	d.decodeHeader()
	_, hasEnc := d.header["enc"]
	names := jwsNames
	switch {
	case d.nseg == 5:
		names, d.form = jweNames, "jwe"
	case d.nseg == 3:
		d.form = "jws"
	case hasEnc:
		names = jweNames
	}
	for i := range d.parts {
		if i < len(names) {
			d.parts[i].name = names[i]
		} else {
			d.parts[i].name = "extra"
		}
	}
	d.countFinding(hasEnc)

	if names[0] == "header" && len(names) == 3 {
		d.decodeJWS()
	} else {
		d.decodeJWE()
	}
	d.base64Finding()
	return d
}

func (d *decoding) countFinding(hasEnc bool) {
	refs := []string{"RFC 7515 §7.1", "RFC 7516 §7.1", "RFC 7516 §9"}
	ev := fmt.Sprintf("%d %s separated by %d %s", d.nseg, report.Plural(d.nseg, "segment", "segments"), d.nseg-1, report.Plural(d.nseg-1, "dot", "dots"))
	switch {
	case d.nseg == 3 && hasEnc:
		d.add(report.New(report.TokenMalformed, report.Error, report.Client,
			"The header has enc like a JWE, but the token has 3 segments; a JWE has 5",
			"A JWE compact serialisation has five segments (header, encrypted key, IV, ciphertext, tag; RFC 7516 §7.1) and its header names the content encryption (enc). This token mixes the two forms: segments were lost or the header is wrong.",
			"Send the token exactly as the issuer produced it.", report.Evidence(ev), refs...).At(d.sub("header.enc")))
	case d.nseg == 5 && d.header != nil && !hasEnc:
		d.add(report.New(report.TokenMalformed, report.Error, report.Client,
			"The token has 5 segments like a JWE, but its header has no enc",
			"A JWE's header must name the content encryption algorithm (enc, RFC 7516 §4.1.2); a JWS has 3 segments. This is neither: two tokens may have been joined, or segments added.",
			"Send exactly one token, as the issuer produced it.", report.Evidence(ev), refs...).At(d.sub("header")))
	case d.nseg == 3 || d.nseg == 5:
	default:
		title := fmt.Sprintf("The token has %d %s; a JWS has 3, a JWE 5", d.nseg, report.Plural(d.nseg, "segment", "segments"))
		detail := "A compact JWS is header.payload.signature and a compact JWE has five dot-separated segments (RFC 7515 §7.1, RFC 7516 §7.1)."
		switch {
		case d.nseg == 1:
			detail += " This has no dots at all: it may be only one segment of a token, or the dots were lost."
		case d.nseg == 2:
			detail += " The last segment and its dot are missing: the token was probably cut off (a length limit in a cookie, header, log line or terminal), or its signature was stripped."
		case d.nseg == 4 && hasEnc:
			detail += " Its header says JWE, so one segment is missing: the token was probably cut off."
		case d.nseg == 4:
			detail += " There is one segment too many: two tokens may have been joined, or a dot was added."
		default:
			detail += " There are too many: several tokens may have been joined, or this is not a token."
		}
		d.add(report.New(report.TokenMalformed, report.Error, report.Client, title, report.Detail(detail),
			"Copy the whole token again, exactly as the issuer produced it, and check nothing truncates it on the way.",
			report.Evidence(ev), refs...).At(d.path))
	}
}

// segmentFinding reports a segment that does not decode.
func (d *decoding) segmentFinding(i int, why, detail string, sev report.Severity, side report.Side, evidence string, refs ...string) {
	p := d.parts[i]
	if len(refs) == 0 {
		refs = []string{"RFC 7515 §2", "RFC 7515 §7.1"}
	}
	f := report.New(report.TokenMalformed, sev, side,
		fmt.Sprintf("The %s %s", segLabel(p.name), why), report.Detail(detail),
		"Copy the whole token again, exactly as issued; if it was built by your own code, encode each segment with base64url without padding (RFC 7515 §2).",
		report.Evidence(evidence), refs...).At(d.sub("segments[" + strconv.Itoa(i) + "]"))
	f.Span = d.partSpan(i)
	d.add(f)
}

func segLabel(name string) string {
	switch name {
	case "encrypted_key":
		return "encrypted key segment"
	case "iv":
		return "IV segment"
	case "extra":
		return "extra segment"
	}
	return name + " segment"
}

// decodePart base64url-decodes part i, reporting failure.
func (d *decoding) decodePart(i int) bool {
	p := &d.parts[i]
	b, diag := decodeB64(p.text)
	p.diag = diag
	if diag.err == nil {
		p.bytes = b
		return true
	}
	p.err = diag.msg
	detail := fmt.Sprintf("Each segment must be base64url (A–Z, a–z, 0–9, '-' and '_', RFC 7515 §2); the %s cannot be decoded: %s.", segLabel(p.name), diag.msg)
	if diag.bad < 0 {
		d.segmentFinding(i, "has an impossible base64url length", detail+" The token was probably truncated or a character was lost in copying.",
			report.Error, report.Client, fmt.Sprintf("%s segment: %d characters", p.name, len(p.text)))
		return false
	}
	at := p.start + diag.bad
	if r, _ := utf8.DecodeRuneInString(p.text[diag.bad:]); r == '…' {
		detail += " An ellipsis means the token was copied from a display that shortens it."
	}
	what := fmt.Sprintf("%s at position %d", report.CharDesc(p.text, diag.bad), at+1)
	d.segmentFinding(i, "is not base64url: "+what, detail, report.Error, report.Client, what+" of the token")
	if s := d.span(at, 1); s != nil {
		d.fs[len(d.fs)-1].Span = s
	}
	return false
}

func (d *decoding) decodeHeader() {
	if len(d.parts) == 0 {
		return
	}
	p := &d.parts[0]
	if p.text == "" {
		p.err = "empty"
		d.parts[0].name = "header"
		d.segmentFinding(0, "is empty", "Every JWS and JWE starts with a base64url JSON header naming its algorithm (RFC 7515 §4); this one is empty, so no server can process the token.", report.Error, report.Client, "header segment: 0 characters")
		return
	}
	p.name = "header"
	if !d.decodePart(0) {
		return
	}
	m, off, err := parseObject(p.bytes)
	if err != nil {
		p.err = err.Error()
		ev := "header: " + snippet(p.bytes, off)
		d.segmentFinding(0, "is not a JSON object: "+trimErr(err),
			"The header must be a base64url-encoded JSON object (RFC 7515 §4, RFC 7519 §7.2); servers reject the token before looking at anything else.",
			report.Error, report.Both, ev, "RFC 7515 §4", "RFC 7519 §7.2")
		return
	}
	d.header = m
	d.headerJSON = compactJSON(p.bytes)
	if !utf8.Valid(p.bytes) {
		d.segmentFinding(0, "is not valid UTF-8",
			"JOSE headers must be UTF-8 JSON (RFC 7515 §4, RFC 8725 §3.7); invalid bytes were shown as U+FFFD. Strict parsers reject the token.",
			report.Warning, report.Server, "header contains invalid UTF-8", "RFC 7515 §4", "RFC 8725 §3.7")
	}
}

// trimErr drops the sentinel suffix from an error message.
func trimErr(err error) string {
	s := err.Error()
	for _, suf := range []string{": " + ErrNotJSON.Error(), ": " + ErrNotObject.Error(), ": " + ErrTooDeep.Error()} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

func (d *decoding) decodeJWS() {
	alg, _ := d.header["alg"].(string)
	if len(d.parts) > 1 {
		d.decodePayload(1)
	}
	if len(d.parts) > 2 {
		p := &d.parts[2]
		switch {
		case p.text == "" && strings.EqualFold(alg, "none"):
			p.bytes = []byte{}
		case p.text == "":
			p.err = "empty"
			ev := "signature segment: 0 characters"
			if alg != "" {
				ev += "; alg=" + report.Quote(alg, 40)
			}
			d.segmentFinding(2, "is empty",
				fmt.Sprintf("The header says the token is signed (alg %s) but the signature is missing, so no server can verify it (RFC 7515 §5.2). The token was cut off after the last dot, or the signature was stripped.", report.Quote(alg, 40)),
				report.Error, report.Client, ev, "RFC 7515 §5.2", "RFC 7515 §7.1")
		default:
			if d.decodePart(2) {
				d.sig = p.bytes
				d.signatureLength(alg)
			}
		}
	}
	for i := 3; i < len(d.parts); i++ {
		d.parts[i].err = "not part of a JWS"
	}
}

func (d *decoding) decodePayload(i int) {
	p := &d.parts[i]
	if b64, ok := d.header["b64"].(bool); ok && !b64 {
		// RFC 7797: the payload is not encoded.
		p.bytes = []byte(p.text)
		t := clipText(p.text)
		d.payloadText = &t
		return
	}
	if p.text == "" {
		p.bytes = []byte{}
		sev := report.Warning
		if d.o.AccessToken {
			sev = report.Error
		}
		d.segmentFinding(i, "is empty",
			"A JWT carries its claims in the payload (RFC 7519 §3); a JWS with an empty payload signs nothing, or its content travels separately (detached content, RFC 7515 Appendix F), which an API cannot accept as a bearer token.",
			sev, report.Client, "payload segment: 0 characters", "RFC 7519 §3", "RFC 7515 Appendix F")
		return
	}
	if !d.decodePart(i) {
		return
	}
	b := p.bytes
	fb := firstByte(b)
	cty, _ := d.header["cty"].(string)
	ctyJWT := strings.EqualFold(strings.TrimPrefix(strings.ToLower(cty), "application/"), "jwt")
	if fb != '{' && (ctyJWT || looksCompact(b)) {
		d.nested = string(b)
		return
	}
	if fb == '{' {
		m, off, err := parseObject(b)
		if err != nil {
			p.err = err.Error()
			d.segmentFinding(i, "is not a JSON object: "+trimErr(err),
				"A JWT's payload must be a base64url-encoded JSON object of claims (RFC 7519 §7.2); servers reject a token whose claims do not parse.",
				report.Error, report.Both, "payload: "+snippet(b, off), "RFC 7519 §7.2")
			t := clipText(string(b))
			d.payloadText = &t
			return
		}
		d.payload = m
		d.payloadJSON = compactJSON(b)
		if !utf8.Valid(b) {
			d.segmentFinding(i, "is not valid UTF-8",
				"JWT claims must be UTF-8 JSON (RFC 7519 §7.2, RFC 8725 §3.7); invalid bytes were shown as U+FFFD. Strict parsers reject the token.",
				report.Warning, report.Server, "payload contains invalid UTF-8", "RFC 7519 §7.2", "RFC 8725 §3.7")
		}
		return
	}
	t := clipText(string(b))
	d.payloadText = &t
	sev := report.Warning
	if d.o.AccessToken {
		sev = report.Error
	}
	kind := "text"
	if !utf8.Valid(b) {
		kind = "binary data"
	}
	if fb != 0 && json.Valid(b) {
		kind = jsonKind(fb)
	}
	d.segmentFinding(i, fmt.Sprintf("is %s, not a JSON object of claims", kind),
		fmt.Sprintf("The payload decodes to %d bytes of %s. A JWS may sign anything, but a JWT's payload is a JSON object of claims (RFC 7519 §7.2): an API expecting a JWT rejects this token.", len(b), kind),
		sev, report.Both, "payload: "+snippet(b, 0), "RFC 7519 §7.2")
}

func clipText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) <= maxPayloadText {
		return s
	}
	cut := maxPayloadText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d more bytes)", len(s)-cut)
}

// looksCompact reports whether b is a compact JWS/JWE: "eyJ", then only
// base64url characters and 2 or 4 dots.
func looksCompact(b []byte) bool {
	s := strings.TrimSpace(string(b))
	if !strings.HasPrefix(s, "eyJ") {
		return false
	}
	dots := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '.':
			dots++
		case !isURLChar(s[i]):
			return false
		}
	}
	return dots == 2 || dots == 4
}

// signatureLength notices signatures of the wrong size for their algorithm.
func (d *decoding) signatureLength(alg string) {
	n := len(d.sig)
	var want, why string
	switch alg {
	case "HS256":
		want = "32"
	case "HS384":
		want = "48"
	case "HS512":
		want = "64"
	case "ES256", "ES256K":
		want = "64"
	case "ES384":
		want = "96"
	case "ES512":
		want = "132"
	case "EdDSA", "Ed25519":
		if n == 64 || n == 114 {
			return
		}
		want = "64 (Ed25519) or 114 (Ed448)"
	case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512":
		if n >= 128 && n%64 == 0 {
			return
		}
		why = fmt.Sprintf("The %s signature is %d bytes; an RSA signature is as long as the key's modulus (256 bytes for 2048 bits, 384 for 3072, 512 for 4096). The token looks truncated, or the signature was damaged.", alg, n)
	default:
		return
	}
	if want != "" {
		if fmt.Sprint(n) == want {
			return
		}
		why = fmt.Sprintf("A %s signature is %s bytes (RFC 7518 §3); this one is %d. The token looks truncated, or the signature was damaged.", alg, want, n)
		if strings.HasPrefix(alg, "ES") && n > 8 && d.sig[0] == 0x30 {
			why = fmt.Sprintf("A %s signature is the raw R‖S pair, %s bytes (RFC 7518 §3.4); this one is %d bytes starting 0x30, the DER/ASN.1 encoding that Java and OpenSSL produce. JOSE libraries reject it.", alg, want, n)
		}
	}
	d.segmentFinding(2, fmt.Sprintf("is %d bytes, the wrong size for %s", n, alg), why,
		report.Error, report.Both, fmt.Sprintf("alg=%s; signature: %d bytes", report.Quote(alg, 20), n), "RFC 7518 §3.1", "RFC 7515 §5.2")
}

func (d *decoding) decodeJWE() {
	alg, _ := d.header["alg"].(string)
	for i := 1; i < len(d.parts); i++ {
		p := &d.parts[i]
		switch p.name {
		case "extra":
			p.err = "not part of a JWE"
			continue
		case "encrypted_key":
			if p.text == "" {
				if alg != "dir" && alg != "ECDH-ES" && alg != "" {
					p.err = "empty"
					d.segmentFinding(i, "is empty",
						fmt.Sprintf("With alg %s the content key is encrypted for the recipient and carried here (RFC 7516 §5.1); only alg dir and ECDH-ES leave it empty.", report.Quote(alg, 40)),
						report.Error, report.Client, "encrypted_key segment: 0 characters", "RFC 7516 §7.1", "RFC 7516 §5.1")
				}
				continue
			}
		case "iv", "tag":
			if p.text == "" {
				p.err = "empty"
				d.segmentFinding(i, "is empty",
					"Every content encryption algorithm needs its initialisation vector and authentication tag (RFC 7516 §5.1, RFC 7518 §5); the token cannot be decrypted.",
					report.Error, report.Client, p.name+" segment: 0 characters", "RFC 7516 §7.1", "RFC 7518 §5")
				continue
			}
		case "ciphertext":
			if p.text == "" {
				continue
			}
		}
		d.decodePart(i)
	}
}

// base64Finding reports segments written in standard base64.
func (d *decoding) base64Finding() {
	var segs, marks []string
	first := -1
	for i, p := range d.parts {
		if p.diag.std < 0 && !p.diag.padded {
			continue
		}
		if first < 0 {
			first = i
		}
		segs = append(segs, p.name)
		if p.diag.std >= 0 {
			marks = append(marks, fmt.Sprintf("'%c' at position %d", p.text[p.diag.std], p.start+p.diag.std+1))
		}
		if p.diag.padded {
			marks = append(marks, fmt.Sprintf("'=' padding at the end of the %s", p.name))
		}
	}
	if len(segs) == 0 {
		return
	}
	f := report.New(report.TokenNotBase64URL, report.Error, report.Both,
		fmt.Sprintf("The %s %s standard base64 (%s), not base64url", joinList(segs), report.Plural(len(segs), "uses", "use"), joinList(marks)),
		"JWS and JWE segments are base64url without padding: '-' and '_' instead of '+' and '/', and no '=' (RFC 7515 §2). It was decoded anyway, but servers reject it: their decoders fail on '+', '/' and '='.",
		"Encode each segment with base64url and strip the padding; if the issuer produced this, report it, since no compliant server accepts it.",
		report.Evidence(strings.Join(marks, "; ")), "RFC 7515 §2", "RFC 7515 Appendix C").At(d.sub("segments[" + strconv.Itoa(first) + "]"))
	f.Span = d.partSpan(first)
	d.add(f)
}

// joinList writes "a", "a and b", "a, b and c".
func joinList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
