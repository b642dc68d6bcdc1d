package token

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/claims"
	"github.com/authdebug/authdebug/internal/report"
)

// MaxNesting is how many levels of nested tokens (cty: JWT) Inspect follows.
const MaxNesting = 4

// Source says where a token was found.
type Source struct {
	// Name is where it was found: "pasted", "request.authorization",
	// "request.cookie.session", "response.body", …
	Name string
	// Offset is the byte offset of the text within the analysed input; -1
	// when the text is not verbatim there.
	Offset int
}

// Options configure Inspect.
type Options struct {
	// Now is the analysis clock (never time.Now()); the zero time skips the
	// checks relative to now.
	Now time.Time
	// Leeway is the clock leeway allowed for exp, nbf and iat; default 0.
	Leeway time.Duration
	Expect claims.Expectations
	// AccessToken says the token was sent as an access token (Authorization:
	// Bearer or DPoP); it enables the access-token checks.
	AccessToken bool
	// Reveal puts the raw token into report.Token.Raw and evidence; by
	// default only fingerprints appear.
	Reveal bool
	// HandedOut is when a token endpoint handed the token out (its
	// response's Date; zero when unknown): see claims.Options.
	HandedOut time.Time
}

// Result is what Inspect found.
type Result struct {
	// Tokens holds the token, then every token nested in it.
	Tokens []report.Token
	// Decoded is parallel to Tokens, for the signature verifier.
	Decoded  []*Decoded
	Findings []report.Finding
	// Removal is what a share must remove of the token (see Redact), nil
	// when nothing.
	Removal *Removal
}

// Decoded is one token as decoded, without verification.
type Decoded struct {
	// Compact is the cleaned compact serialisation.
	Compact string
	// Form is "jws", "jwe" or "unknown".
	Form string
	// Header is the decoded JOSE header, nil when undecodable. Numbers are json.Number.
	Header map[string]any
	// Payload is the decoded claims, nil when undecodable or not a JSON
	// object (always nil for a JWE). Numbers are json.Number.
	Payload map[string]any
	// SigningInput is the first two segments joined by "." exactly as sent
	// (after cleaning); "" when there are fewer than two.
	SigningInput string
	// Signature is the decoded signature, nil when it does not decode.
	Signature []byte
	// Index is the position in Result.Tokens.
	Index int
	// RawHeader and RawPayload are the decoded bytes of the first two
	// segments (nil when they do not decode). For a JWS with b64=false
	// (RFC 7797) RawPayload is the payload as sent.
	RawHeader, RawPayload []byte
}

// Inspect analyses text that is meant to be one token (bare, maybe damaged
// by copy-paste: surrounding quotes, whitespace or newlines inside, a
// trailing ',' ';' or '.', a placeholder) and returns the token, every
// token nested in it (cty: JWT, source "tokens[N].payload") and findings.
// It never panics and always returns at least one token (form "unknown"
// when it cannot be read). Finding paths use "tokens[i]", i indexing
// Result.Tokens; see Shift.
func Inspect(text string, src Source, opts Options) Result {
	var r Result
	inspect(&r, text, src, opts, 0)
	return r
}

// DecodeUnverified decodes one compact token without cleaning it and
// without verifying anything. The findings are about its structure and
// encoding only (token.malformed, token.not_base64url), with paths under
// "tokens[0]" and no spans. It never returns nil.
func DecodeUnverified(compact string) (*Decoded, []report.Finding) {
	d := decode(compact, "tokens[0]", -1, Options{})
	return d.decoded(0), d.fs
}

func (d *decoding) decoded(index int) *Decoded {
	out := &Decoded{Compact: d.compact, Form: d.form, Header: d.header, Payload: d.payload, Signature: d.sig, Index: index}
	if len(d.parts) > 0 {
		out.RawHeader = d.parts[0].bytes
	}
	if len(d.parts) > 1 && d.parts[1].name == "payload" {
		out.SigningInput = d.parts[0].text + "." + d.parts[1].text
		out.RawPayload = d.parts[1].bytes
	}
	return out
}

// Shift adds n to every "tokens[i]" index in the findings' paths, the
// tokens' sources and Decoded.Index, for a caller merging several results.
func (r *Result) Shift(n int) {
	if n == 0 {
		return
	}
	for i := range r.Findings {
		r.Findings[i].Path = shiftPath(r.Findings[i].Path, n)
	}
	for i := range r.Tokens {
		if t := r.Tokens[i].Source.Token; t != nil {
			v := *t + n
			r.Tokens[i].Source.Token = &v
		}
	}
	for _, d := range r.Decoded {
		if d != nil {
			d.Index += n
		}
	}
}

// shiftPath renumbers a leading "tokens[i]".
func shiftPath(p string, n int) string {
	const pre = "tokens["
	if !strings.HasPrefix(p, pre) {
		return p
	}
	end := strings.IndexByte(p[len(pre):], ']')
	if end < 0 {
		return p
	}
	i, err := strconv.Atoi(p[len(pre) : len(pre)+end])
	if err != nil {
		return p
	}
	return pre + strconv.Itoa(i+n) + p[len(pre)+end:]
}

func spanAt(off, start, n int) *report.Span {
	if off < 0 {
		return nil
	}
	return &report.Span{Start: off + start, End: off + start + n}
}

func inspect(r *Result, text string, src Source, opts Options, depth int) {
	idx := len(r.Tokens)
	path := "tokens[" + strconv.Itoa(idx) + "]"
	r.Tokens = append(r.Tokens, report.Token{})
	r.Decoded = append(r.Decoded, nil)

	cl := clean(text)
	tok := report.Token{Source: report.SourceOf(src.Name), Form: "unknown", Fingerprint: report.Fingerprint(cl.s)}
	if opts.Reveal {
		tok.Raw = cl.s
	}
	textSpan := spanAt(src.Offset, 0, len(text))
	var fs []report.Finding

	if what, ok := Placeholder(cl.trimmed); ok {
		fs = append(fs, placeholderFinding(cl.trimmed, what, path, src, textSpan))
		r.Tokens[idx] = tok
		r.Decoded[idx] = &Decoded{Compact: cl.s, Form: "unknown", Index: idx}
		r.Findings = append(r.Findings, fs...)
		return
	}
	base := func() int {
		if src.Offset >= 0 && cl.contiguous {
			return src.Offset + cl.start
		}
		return -1
	}
	d := decode(cl.s, path, base(), opts)
	if b64, ok := d.header["b64"].(bool); ok && !b64 && !cl.contiguous {
		// RFC 7797 unencoded payload: spaces inside belong to it.
		cl = cl.keepInside()
		d = decode(cl.s, path, base(), opts)
		tok.Fingerprint = report.Fingerprint(cl.s)
		if opts.Reveal {
			tok.Raw = cl.s
		}
	}
	if len(cl.removed) > 0 {
		fs = append(fs, whitespaceFinding(text, cl, path, src, opts, textSpan))
	}
	if depth == 0 {
		if rm, ok := removal(cl, d); ok {
			r.Removal = &rm
		}
	}
	tok.Form = d.form
	fs = append(fs, d.fs...)

	if d.opaque != "" {
		fs = append(fs, opaqueFinding(d, path, opts, spanAt(base(), 0, len(cl.s))))
		r.Tokens[idx] = tok
		r.Decoded[idx] = d.decoded(idx)
		r.Findings = append(r.Findings, fs...)
		return
	}

	for i, p := range d.parts {
		seg := report.Segment{Name: p.name, Length: len(p.text), Error: p.err}
		seg.Span = d.partSpan(i)
		tok.Segments = append(tok.Segments, seg)
	}
	if d.nseg > len(d.parts) {
		tok.Segments = append(tok.Segments, report.Segment{Name: "extra", Length: len(cl.s) - d.parts[len(d.parts)-1].start - len(d.parts[len(d.parts)-1].text) - 1,
			Error: fmt.Sprintf("%d more segments not decoded", d.nseg-len(d.parts))})
	}
	if d.headerJSON != nil {
		tok.Header = d.headerJSON
	}
	if d.payloadJSON != nil {
		tok.Payload = d.payloadJSON
	}
	tok.PayloadText = d.payloadText

	alg, hasAlg := d.header["alg"]
	algS, _ := alg.(string)
	if d.header != nil {
		fs = append(fs, headerFindings(d, path, hasAlg, alg, algS, opts)...)
	}
	if d.form == "jws" {
		tok.Signature = &report.Signature{Status: report.SigUnverified, Alg: algS}
	}
	if d.payload != nil {
		times, cfs := claims.Check(d.payload, d.header, path, claims.Options{
			Now: opts.Now, Leeway: opts.Leeway, Expect: opts.Expect, AccessToken: opts.AccessToken, Reveal: opts.Reveal,
			HandedOut: opts.HandedOut,
		})
		tok.Times = times
		fs = append(fs, cfs...)
	}

	// Locate findings in the segments they are about.
	for i := range fs {
		if fs[i].Span != nil || fs[i].Path == "" {
			continue
		}
		switch {
		case strings.HasPrefix(fs[i].Path, path+".payload") && len(d.parts) > 1:
			fs[i].Span = d.partSpan(1)
		case strings.HasPrefix(fs[i].Path, path+".header") && len(d.parts) > 0:
			fs[i].Span = d.partSpan(0)
		}
	}

	r.Tokens[idx] = tok
	r.Decoded[idx] = d.decoded(idx)
	r.Findings = append(r.Findings, fs...)

	if d.nested != "" {
		cty, hasCty := d.header["cty"].(string)
		ev := "cty=" + report.Quote(cty, 40)
		detail := "The header's cty \"JWT\" says the payload is itself a JWT (RFC 7519 §5.2): the outer token signs or encrypts an inner one, whose claims are the ones that count. The inner token is analysed as its own token."
		if !hasCty {
			ev = "no cty in header; the payload starts with eyJ"
			detail = "The payload is itself a compact JWT, although the header has no cty \"JWT\", which RFC 7519 §5.2 requires for nested tokens (a server may not recognise it). The inner token is analysed as its own token."
		}
		if depth >= MaxNesting {
			f := report.New(report.TokenMalformed, report.Warning, report.Both,
				fmt.Sprintf("Tokens are nested more than %d levels deep; the innermost were not analysed", MaxNesting),
				"Real systems nest at most once (signed, then encrypted, RFC 7519 §11.2); deeper nesting is unusual.",
				"Check how the token is produced.", report.Evidence(ev), "RFC 7519 §5.2").At(path + ".payload")
			f.Span = d.partSpan(1)
			r.Findings = append(r.Findings, f)
			return
		}
		f := report.New(report.TokenNested, report.Info, report.Client,
			"The payload is a nested JWT, analysed as its own token", report.Detail(detail),
			"Read the inner token's findings: its claims and signature are what the server checks after unwrapping.",
			report.Evidence(ev), "RFC 7519 §5.2", "RFC 7519 §11.2").At(path + ".header.cty")
		f.Span = d.partSpan(0)
		r.Findings = append(r.Findings, f)
		inspect(r, d.nested, Source{Name: path + ".payload", Offset: -1}, opts, depth+1)
	}
}

func placeholderFinding(trimmed, what, path string, src Source, span *report.Span) report.Finding {
	title := fmt.Sprintf("The token is the placeholder %s", report.Quote(trimmed, 64))
	ev := report.Quote(trimmed, 64)
	if strings.TrimSpace(trimmed) == "" {
		title, ev = "The token is empty", "(empty)"
	}
	if strings.HasPrefix(src.Name, "request.") && strings.TrimSpace(trimmed) != "" {
		title = fmt.Sprintf("The client sent the placeholder %s instead of a token", report.Quote(trimmed, 64))
	}
	f := report.New(report.TokenPlaceholder, report.Error, report.Client,
		title,
		report.Detail("This is "+what+". The code that builds the request did not have the token when it ran, so the server received a placeholder and refused it (RFC 6750 §3.1 invalid_token)."),
		"Make sure the variable holding the token is set before the request is sent (log its length, never its value): check the environment variable, the template variable, the await on the login call, and that the token response's access_token field is used.",
		report.Evidence(ev), "RFC 6750 §2.1", "RFC 6750 §3.1").At(path)
	f.Span = span
	return f
}

func whitespaceFinding(text string, cl cleaned, path string, src Source, opts Options, span *report.Span) report.Finding {
	sev := report.Warning
	detail := "A token is one unbroken string of base64url characters and dots (RFC 7515 §7.1, RFC 6750 §2.1). This was removed before the analysis: " + strings.Join(cl.removed, "; ") + "."
	if strings.HasPrefix(src.Name, "request.") {
		sev = report.Error
		detail += " The request carried it like this, so the server could not read the token: servers reject quotes and whitespace in a token, and a line break ends the header."
	} else {
		detail += " If the client sends it like this, the server rejects it; if the damage only came from copying it here, nothing is wrong with the request."
	}
	f := report.New(report.TokenWhitespace, sev, report.Client,
		"The token has copy-paste damage: "+strings.Join(cl.removed, ", "),
		report.Detail(detail),
		"Send exactly the token, with no quotes, spaces or line breaks: trim the value read from the file, environment variable or JSON field (a trailing newline from a file is the usual culprit).",
		report.Evidence(mask(strings.TrimSpace(text), opts.Reveal)), "RFC 6750 §2.1", "RFC 7515 §7.1").At(path)
	if span != nil && cl.firstAt >= 0 {
		f.Span = &report.Span{Start: span.Start + cl.firstAt, End: span.End}
	} else {
		f.Span = span
	}
	return f
}

// b64token is RFC 6750 §2.1: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func b64tokenBad(s string) int {
	end := len(s)
	for end > 0 && s[end-1] == '=' {
		end--
	}
	for i := 0; i < end; i++ {
		c := s[i]
		if !(isURLChar(c) || c == '.' || c == '~' || c == '+' || c == '/') {
			return i
		}
	}
	return -1
}

func opaqueFinding(d *decoding, path string, opts Options, span *report.Span) report.Finding {
	s := d.compact
	if bad := b64tokenBad(s); bad >= 0 {
		sev := report.Warning
		if opts.AccessToken {
			sev = report.Error
		}
		f := report.New(report.TokenMalformed, sev, report.Client,
			fmt.Sprintf("This is not a token: %s at position %d cannot appear in one", report.CharDesc(s, bad), bad+1),
			"A bearer token is letters, digits and - . _ ~ + / with optional trailing '=' (RFC 6750 §2.1); this text is neither a JWT nor a valid opaque token, and a server rejects it.",
			"Send the access token itself: check which value the client puts after \"Bearer \".",
			report.Evidence(fmt.Sprintf("%s at position %d; %s", report.CharDesc(s, bad), bad+1, report.Fingerprint(s))), "RFC 6750 §2.1").At(path)
		if span != nil {
			f.Span = &report.Span{Start: span.Start + bad, End: span.Start + bad + 1}
		}
		return f
	}
	title := fmt.Sprintf("The token is %s, not a JWT: only its issuer can read it", d.opaque)
	if d.opaque == "an opaque token" {
		title = "The token is opaque (not a JWT): only its issuer can read it"
	}
	f := report.New(report.TokenOpaque, report.Info, report.Client,
		title,
		"It has no base64url JSON header, so it is a reference token: the API validates it by asking the issuer (token introspection, RFC 7662) or looking it up, and nothing in it can be checked here. If the API expects a JWT, the client sent the wrong kind of token — for example an access token requested without the API's audience, which some providers (Auth0, Okta) then issue as an opaque token for their own userinfo endpoint.",
		"If the API validates JWTs, request the access token for the API's audience so the issuer returns a JWT; otherwise check the token with the issuer's introspection endpoint.",
		report.Evidence(mask(s, opts.Reveal)), "RFC 6749 §1.4", "RFC 7662 §2").At(path)
	f.Span = span
	return f
}

func headerFindings(d *decoding, path string, hasAlg bool, alg any, algS string, opts Options) []report.Finding {
	var fs []report.Finding
	hspan := d.partSpan(0)
	add := func(f report.Finding) {
		if f.Span == nil {
			f.Span = hspan
		}
		fs = append(fs, f)
	}
	switch {
	case !hasAlg:
		add(report.New(report.TokenMalformed, report.Error, report.Both,
			"The header has no alg",
			"Every JWS and JWE header must name its algorithm (alg, RFC 7515 §4.1.1, RFC 7516 §4.1.1); servers reject a token without one.",
			"Have the issuer set alg in the header.", report.Evidence("header: "+clipJSON(d.headerJSON)), "RFC 7515 §4.1.1").At(path + ".header"))
	case algS == "" && alg != nil:
		add(report.New(report.TokenMalformed, report.Error, report.Both,
			"The header's alg is not a string",
			"alg must be a string naming the algorithm (RFC 7515 §4.1.1); servers reject the token.",
			"Have the issuer write alg as a string such as \"RS256\".", report.Evidence("alg="+clipJSONValue(alg)), "RFC 7515 §4.1.1").At(path + ".header.alg"))
	case strings.EqualFold(algS, "none") && d.form != "jwe":
		detail := "alg \"none\" means the token is not signed: anyone can write one with any claims, so a server must refuse it (RFC 8725 §3.1)."
		if algS != "none" {
			detail += fmt.Sprintf(" The spelling %s is a known trick to slip past libraries that only reject the exact string \"none\".", report.Quote(algS, 20))
		}
		if len(d.parts) > 2 && d.parts[2].text != "" {
			detail += " It even has a signature segment, which a none token must leave empty (RFC 7518 §3.6)."
		}
		add(report.New(report.TokenAlgNone, report.Error, report.Both,
			fmt.Sprintf("The token is unsigned (alg %s)", report.Quote(algS, 20)),
			report.Detail(detail),
			"Use a token signed by the issuer; a server must never accept alg none, so if it did, fix its algorithm allow-list.",
			report.Evidence("alg="+report.Quote(algS, 20)), "RFC 8725 §3.1", "RFC 7518 §3.6").At(path + ".header.alg"))
	}
	if d.form != "jwe" {
		var present []string
		var evs []string
		for _, k := range []string{"jwk", "jku", "x5u", "x5c"} {
			v, ok := d.header[k]
			if !ok {
				continue
			}
			present = append(present, k)
			evs = append(evs, embeddedEvidence(k, v))
		}
		if len(present) > 0 {
			add(report.New(report.TokenEmbeddedKey, report.Warning, report.Server,
				fmt.Sprintf("The token carries its own key in the header (%s)", strings.Join(present, ", ")),
				"Whoever made the token chose this key or key URL, so a server that verifies with it lets anyone forge tokens (the jwk-injection attack), and fetching a jku or x5u URL from the token invites server-side request forgery (RFC 8725 §3.10). A server must verify with keys it already trusts, matched by kid.",
				"Verify with the issuer's own JWKS or certificate and ignore jwk, jku, x5u and x5c from the token (or validate x5c to a trusted root and jku against an allow-list).",
				report.Evidence(strings.Join(evs, "; ")), "RFC 8725 §3.10", "RFC 7515 §4.1.3", "RFC 7515 §4.1.2").At(path + ".header." + present[0]))
		}
	}
	if d.form == "jwe" {
		fs = append(fs, jweFinding(d, path, algS, opts, hspan))
	}
	return fs
}

func embeddedEvidence(k string, v any) string {
	switch k {
	case "jwk":
		m, ok := v.(map[string]any)
		if !ok {
			return "jwk (not an object)"
		}
		var parts []string
		for _, f := range []string{"kty", "crv", "kid", "alg"} {
			if s, ok := m[f].(string); ok {
				parts = append(parts, f+"="+report.Quote(s, 40))
			}
		}
		return "jwk {" + strings.Join(parts, ", ") + "}"
	case "x5c":
		if a, ok := v.([]any); ok {
			return fmt.Sprintf("x5c: %d %s", len(a), report.Plural(len(a), "certificate", "certificates"))
		}
		return "x5c (not an array)"
	}
	if s, ok := v.(string); ok {
		return k + "=" + report.Quote(s, 120)
	}
	return k + " (not a string)"
}

func jweFinding(d *decoding, path, alg string, opts Options, span *report.Span) report.Finding {
	enc, _ := d.header["enc"].(string)
	cty, _ := d.header["cty"].(string)
	title := "The token is encrypted (JWE"
	if alg != "" {
		title += ", alg " + clipPlain(alg, 30)
	}
	if enc != "" {
		title += ", enc " + clipPlain(enc, 30)
	}
	title += "): its claims cannot be read without the recipient's private key"
	detail := "A JWE's payload is encrypted for one recipient (RFC 7516); only the header can be read. Its claims (exp, aud, scope …) can be checked only by whoever holds the decryption key."
	if strings.EqualFold(cty, "JWT") {
		detail += " cty \"JWT\" says the encrypted content is itself a signed JWT (signed, then encrypted; RFC 7519 §11.2)."
	}
	iss, _ := d.header["iss"].(string)
	auth0 := alg == "dir" && strings.Contains(strings.ToLower(iss), "auth0.com")
	sev, side := report.Info, report.Client
	fix := "Nothing to fix if the recipient expects an encrypted token; to inspect its claims, decrypt it with the recipient's key."
	if opts.AccessToken {
		sev, side = report.Warning, report.Both
		detail += " Sent as a bearer token, it works only if the API decrypts JWEs with its own private key; an API that expects a signed JWT (JWS) rejects it. The client needn't (and can't) read it."
		fix = "If the API expects a signed JWT, request the access token for the API's audience so the issuer returns a JWS; if it expects a JWE, check it was encrypted with the API's current public key."
	}
	if auth0 {
		sev, side = report.Warning, report.Client
		if opts.AccessToken {
			sev = report.Error
		}
		detail += " The header's iss is Auth0 and alg is dir: this is Auth0's opaque access token, issued when the authorization request names no audience. It is meant only for Auth0's /userinfo, and no other API can validate it."
		fix = "Request the token with audience=<your API's identifier> so Auth0 issues a signed JWT (RS256) the API can validate."
	}
	f := report.New(report.TokenJWE, sev, side,
		title, report.Detail(detail), report.Fix(fix),
		report.Evidence("header: "+clipJSON(d.headerJSON)), "RFC 7516 §7.1", "RFC 7516 §9", "RFC 7519 §11.2").At(path + ".header")
	f.Span = span
	return f
}

func clipPlain(s string, n int) string {
	q := report.Quote(s, n)
	if uq, err := strconv.Unquote(strings.TrimSuffix(q, "…")); err == nil && uq == s {
		return s
	}
	return q
}

// clipJSON shortens JSON for evidence.
func clipJSON(b json.RawMessage) string {
	if len(b) <= 300 {
		return string(b)
	}
	cut := 300
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return string(b[:cut]) + "…"
}

func clipJSONValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%T", v)
	}
	return clipJSON(b)
}
