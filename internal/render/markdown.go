package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/redact"
	"github.com/authdebug/authdebug/internal/report"
)

// Limits that keep a copied report small enough for a ticket however large
// the paste was.
const (
	mdMaxTokens    = 10
	mdMaxExchanges = 20
	mdMaxHeaders   = 60
	mdMaxJSON      = 4000
	mdMaxValue     = 600
	mdMaxInput     = 16 << 10
)

// Markdown renders r as Markdown for a ticket or a chat: the verdict, the
// findings with their fix, evidence and linked references, the exchange, the
// decoded tokens and the keys. Credentials appear only as fingerprints: the
// Report already holds fingerprints unless it was made in reveal mode, and
// even then Markdown leaves out Token.Raw, masks credential-bearing headers
// and query parameters, and replaces any revealed token it finds in the
// text by its fingerprint.
func Markdown(r *report.Report) string { return markdown(r, "", false) }

// MarkdownWithInput is Markdown with the pasted input (the text r was made
// from) after the findings, every credential and signature r recognised
// removed by redact.Text — as a share link carries it — and clipped to
// mdMaxInput bytes. The input is left out when r cannot say what to remove
// (a failed analysis, a paste cut before its end).
func MarkdownWithInput(r *report.Report, input string) string { return markdown(r, input, true) }

func markdown(r *report.Report, input string, withInput bool) string {
	if r == nil {
		return ""
	}
	m := mdWriter{scrub: scrubber(r)}
	m.line("### authdebug report")
	m.blank()
	if r.Verdict != "" {
		m.line("**Verdict:** " + m.text(r.Verdict))
		m.blank()
	}
	m.summary(r)
	m.findings(r.Findings)
	if withInput {
		m.input(r, input)
	}
	m.exchanges(r)
	m.tokens(r.Tokens)
	m.keys(r.Keys)
	m.blank()
	m.line("<sub>Made with authdebug. Credentials are shown as fingerprints; signatures and secrets are not included.</sub>")
	return m.b.String()
}

// input writes the pasted text as a share link carries it.
func (m *mdWriter) input(r *report.Report, input string) {
	if strings.TrimSpace(input) == "" || r.Has(report.InternalError) || r.Has(report.InputTooLarge) {
		return
	}
	removed := redact.Summary(input, r.Redactions)
	if removed == "" {
		removed = "nothing recognised as a credential or signature"
	}
	m.line("#### Pasted input")
	m.blank()
	m.line("Removed: " + escapeMD(removed) + ".")
	m.blank()
	m.line(fence(clip(m.scrub(redact.Text(input, r.Redactions)), mdMaxInput), ""))
	m.blank()
}

type mdWriter struct {
	b     strings.Builder
	scrub func(string) string
}

func (m *mdWriter) line(s string) { m.b.WriteString(s); m.b.WriteByte('\n') }

// blank ends a block with one empty line, never two.
func (m *mdWriter) blank() {
	if !strings.HasSuffix(m.b.String(), "\n\n") {
		m.b.WriteByte('\n')
	}
}

// text is inline prose: credentials scrubbed, Markdown escaped, one line.
func (m *mdWriter) text(s string) string {
	return escapeMD(oneLine(clip(m.scrub(s), 2*mdMaxValue)))
}

func (m *mdWriter) summary(r *report.Report) {
	if len(r.Inputs) > 0 {
		kinds := make([]string, 0, len(r.Inputs))
		for _, p := range r.Inputs {
			k := p.Kind
			if p.Note != "" {
				k += " (" + p.Note + ")"
			}
			kinds = append(kinds, k)
		}
		m.line("- Read as: " + m.text(strings.Join(kinds, ", ")))
	}
	if r.Now != "" {
		m.line("- Analysed at: " + codeSpan(r.Now))
	}
	if c := r.Clock; c != nil {
		var parts []string
		if c.ServerDate != nil {
			parts = append(parts, "server Date "+codeSpan(*c.ServerDate))
		}
		if c.SkewS != nil {
			parts = append(parts, "skew "+signed(*c.SkewS))
		}
		parts = append(parts, "leeway "+strconv.FormatInt(c.LeewayS, 10)+"s")
		m.line("- Clock: " + strings.Join(parts, ", "))
	}
	m.blank()
}

var sevLabel = map[report.Severity]string{report.Error: "✗ Error", report.Warning: "! Warning", report.Info: "ℹ Info"}

func (m *mdWriter) findings(fs []report.Finding) {
	if len(fs) == 0 {
		return
	}
	m.line("#### Findings")
	m.blank()
	n := 0
	for _, sev := range []report.Severity{report.Error, report.Warning, report.Info} {
		for _, f := range fs {
			if f.Severity != sev {
				continue
			}
			n++
			who := ""
			if f.Severity != report.Info && f.Side != "" {
				who = ", " + string(f.Side) + " must act"
			}
			m.line(fmt.Sprintf("%d. **%s:** %s — %s%s", n, sevLabel[f.Severity], m.text(f.Title), codeSpan(f.Code), who))
			if f.Detail != "" {
				m.line("   - What it means: " + m.text(f.Detail))
			}
			if f.Fix != "" {
				m.line("   - Fix: " + m.text(f.Fix))
			}
			if f.Evidence != "" {
				m.line("   - Evidence: " + codeSpan(oneLine(clip(m.scrub(f.Evidence), mdMaxValue))))
			}
			if f.Path != "" {
				m.line("   - Where: " + codeSpan(f.Path))
			}
			if len(f.Refs) > 0 {
				refs := make([]string, len(f.Refs))
				for i, ref := range f.Refs {
					refs[i] = refLink(ref)
				}
				m.line("   - See: " + strings.Join(refs, ", "))
			}
		}
	}
	m.blank()
}

func refLink(ref string) string {
	if u := RefURL(ref); u != "" {
		return "[" + escapeMD(ref) + "](" + u + ")"
	}
	return escapeMD(ref)
}

func (m *mdWriter) exchanges(r *report.Report) {
	if len(r.Exchanges) > 1 {
		m.line("#### Exchanges")
		m.blank()
		for i, x := range r.Exchanges {
			if i == mdMaxExchanges {
				m.line(fmt.Sprintf("(%d more not shown)", len(r.Exchanges)-i))
				m.blank()
				break
			}
			title := fmt.Sprintf("Exchange %d", i+1)
			if x.Note != "" {
				title += " — " + m.text(x.Note)
			}
			m.line("**" + title + "**")
			m.blank()
			m.message(x.Request, x.Response)
		}
		return
	}
	if r.Request == nil && r.Response == nil {
		return
	}
	m.line("#### Exchange")
	m.blank()
	m.message(r.Request, r.Response)
}

func (m *mdWriter) message(req *report.Request, resp *report.Response) {
	var b strings.Builder
	if req != nil {
		method := req.Method
		if method == "" {
			method = "GET"
		}
		fmt.Fprintf(&b, "%s %s\n", oneLine(method), oneLine(clip(maskURL(m.scrub(req.URL)), mdMaxValue)))
		m.headers(&b, req.Headers)
	}
	if resp != nil {
		if req != nil {
			b.WriteString("\n")
		}
		if resp.Status != nil {
			fmt.Fprintf(&b, "HTTP %d\n", *resp.Status)
		} else {
			b.WriteString("(response headers, no status line)\n")
		}
		m.headers(&b, resp.Headers)
	}
	m.line(fence(strings.TrimRight(b.String(), "\n"), "http"))
	m.blank()
}

func (m *mdWriter) headers(b *strings.Builder, hs []report.Header) {
	for i, h := range hs {
		if i == mdMaxHeaders {
			fmt.Fprintf(b, "(%d more headers)\n", len(hs)-i)
			return
		}
		fmt.Fprintf(b, "%s: %s\n", oneLine(clip(h.Name(), 200)), oneLine(clip(MaskHeader(h.Name(), m.scrub(h.Value())), mdMaxValue)))
	}
}

func (m *mdWriter) tokens(ts []report.Token) {
	for i, t := range ts {
		if i == mdMaxTokens {
			m.line(fmt.Sprintf("(%d more tokens not shown)", len(ts)-i))
			m.blank()
			return
		}
		m.line(fmt.Sprintf("#### Token %d — %s, %s", i+1, m.text(SourceLabel(t.Source)), m.text(t.Form)))
		m.blank()
		if t.Fingerprint != "" {
			m.line("- Fingerprint: " + codeSpan(t.Fingerprint))
		}
		if s := t.Signature; s != nil {
			m.line("- Signature: " + m.text(SignatureLine(s)))
		}
		if tm := t.Times; tm != nil {
			for _, kv := range []struct {
				k string
				v *string
			}{{"iat", tm.Iat}, {"nbf", tm.Nbf}, {"exp", tm.Exp}} {
				if kv.v != nil {
					m.line("- " + kv.k + ": " + codeSpan(*kv.v))
				}
			}
			if tm.ExpiresInS != nil {
				word := "expires "
				if *tm.ExpiresInS < 0 {
					word = "expired "
				}
				m.line("- " + word + Duration(*tm.ExpiresInS))
			}
		}
		for _, s := range t.Segments {
			if s.Error != "" {
				m.line("- " + m.text(s.Name) + " segment: " + m.text(s.Error))
			}
		}
		m.blank()
		if len(t.Header) > 0 && string(t.Header) != "null" {
			m.line("Header:")
			m.line(fence(clip(m.scrub(prettyJSON(t.Header)), mdMaxJSON), "json"))
			m.blank()
		}
		switch {
		case t.PayloadText != nil:
			m.line("Payload (not JSON):")
			m.line(fence(clip(m.scrub(*t.PayloadText), mdMaxJSON), ""))
			m.blank()
		case len(t.Payload) > 0 && string(t.Payload) != "null":
			m.line("Payload:")
			m.line(fence(clip(m.scrub(prettyJSON(t.Payload)), mdMaxJSON), "json"))
			m.blank()
		}
	}
}

func (m *mdWriter) keys(ks []report.Key) {
	if len(ks) == 0 {
		return
	}
	m.line("#### Keys")
	m.blank()
	for _, k := range ks {
		m.line("- " + m.text(KeyLine(k)))
	}
	m.blank()
}

// SignatureLine describes a signature verdict in one line:
// "verified (RS256) with jwks key kid k1, thumbprint NzbL…".
func SignatureLine(s *report.Signature) string {
	if s == nil {
		return ""
	}
	line := s.Status
	if s.Alg != "" {
		line += " (" + s.Alg + ")"
	}
	if k := s.Key; k != nil {
		line += " with " + k.Source + " key"
		if k.Kty != "" {
			line += " " + k.Kty
		}
		if k.Kid != "" {
			line += " kid " + k.Kid
		}
		if k.Thumbprint != "" {
			line += ", thumbprint " + k.Thumbprint
		}
	}
	return line
}

// KeyLine describes a key in one line: "jwks-url https://…/jwks.json: RSA
// 2048 bits, kid k1, RS256, use sig, thumbprint …".
func KeyLine(k report.Key) string {
	var parts []string
	if k.Kty != "" {
		p := k.Kty
		if k.Crv != "" {
			p += " " + k.Crv
		}
		if k.Bits > 0 {
			p += " " + strconv.Itoa(k.Bits) + " bits"
		}
		parts = append(parts, p)
	}
	if k.Kid != "" {
		parts = append(parts, "kid "+k.Kid)
	}
	if k.Alg != "" {
		parts = append(parts, k.Alg)
	}
	if k.Use != "" {
		parts = append(parts, "use "+k.Use)
	}
	if k.Encoding != "" {
		parts = append(parts, "read as "+k.Encoding)
	}
	if k.Thumbprint != "" {
		parts = append(parts, "thumbprint "+k.Thumbprint)
	}
	if c := k.Certificate; c != nil {
		parts = append(parts, "certificate subject "+c.Subject+", issuer "+c.Issuer+", valid "+c.NotBefore+" to "+c.NotAfter)
	}
	head := k.Source
	if k.Origin != "" {
		head += " " + k.Origin
	}
	if len(parts) == 0 {
		return head
	}
	return head + ": " + strings.Join(parts, ", ")
}

// scrubber returns a function replacing every revealed token of r by its
// fingerprint.
func scrubber(r *report.Report) func(string) string {
	var pairs []string
	for _, t := range r.Tokens {
		if len(t.Raw) >= 8 {
			fp := t.Fingerprint
			if fp == "" {
				fp = report.Fingerprint(t.Raw)
			}
			pairs = append(pairs, t.Raw, fp)
		}
	}
	if len(pairs) == 0 {
		return func(s string) string { return s }
	}
	rep := strings.NewReplacer(pairs...)
	return rep.Replace
}

// credentialHeaders are header names whose values are credentials.
var credentialHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "cookie": true, "set-cookie": true,
	"x-api-key": true, "api-key": true, "apikey": true, "x-auth-token": true, "x-access-token": true,
	"private-token": true, "x-amz-security-token": true, "dpop": true, "x-csrf-token": true,
	"ocp-apim-subscription-key": true, "x-goog-api-key": true,
}

// MaskHeader returns the value of a credential-bearing header reduced to
// fingerprints ("Bearer eyJhbGci…x4Q, 812 chars", "session=abcd…, 20 chars");
// other headers and values already fingerprinted are returned unchanged.
func MaskHeader(name, value string) string {
	if !credentialHeaders[strings.ToLower(strings.TrimSpace(name))] || masked(value) {
		return value
	}
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "authorization", "proxy-authorization":
		if sch, cred := report.SplitAuthorization(value); sch != "" {
			return sch + " " + report.Fingerprint(cred)
		}
		return report.Fingerprint(strings.TrimSpace(value))
	case "cookie", "set-cookie":
		parts := strings.Split(value, ";")
		for i, p := range parts {
			if i > 0 && strings.EqualFold(name, "set-cookie") {
				break // attributes (Path, Expires, …) are not secret
			}
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				continue
			}
			parts[i] = k + "=" + report.Fingerprint(v)
		}
		return strings.Join(parts, ";")
	}
	return report.Fingerprint(value)
}

func masked(v string) bool {
	return strings.Contains(v, "…") && strings.Contains(v, " chars")
}

// credentialParams are query parameters whose values are credentials.
var credentialParams = map[string]bool{
	"access_token": true, "id_token": true, "refresh_token": true, "token": true, "api_key": true,
	"apikey": true, "api-key": true, "key": true, "client_secret": true, "password": true,
	"code": true, "sig": true, "signature": true, "x-amz-signature": true, "x-amz-security-token": true,
	"auth": true, "jwt": true, "secret": true, "session": true, "sessionid": true,
}

// maskURL fingerprints the values of credential query parameters.
func maskURL(u string) string {
	q := strings.IndexByte(u, '?')
	if q < 0 {
		return u
	}
	frag := ""
	rest := u[q+1:]
	if h := strings.IndexByte(rest, '#'); h >= 0 {
		rest, frag = rest[:h], rest[h:]
	}
	params := strings.Split(rest, "&")
	for i, p := range params {
		k, v, ok := strings.Cut(p, "=")
		if ok && credentialParams[strings.ToLower(k)] && !masked(v) {
			params[i] = k + "=" + report.Fingerprint(v)
		}
	}
	return u[:q+1] + strings.Join(params, "&") + frag
}

func prettyJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

// fence wraps s in a code fence longer than any backtick run inside it.
func fence(s, lang string) string {
	f := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	return f + lang + "\n" + s + "\n" + f
}

// codeSpan wraps s in a code span that survives backticks inside it.
func codeSpan(s string) string {
	if s == "" {
		return "` `"
	}
	f := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return f + " " + s + " " + f
	}
	return f + s + f
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// escapeMD backslash-escapes the characters that Markdown (CommonMark, GFM
// tables) would read as markup.
func escapeMD(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' && i > 0 && i+1 < len(s) && alnum(s[i-1]) && alnum(s[i+1]):
			// intraword underscores (invalid_token) are not emphasis
		case strings.IndexByte("\\`*_[]<>|~", c) >= 0:
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ").Replace(s)), " ")
}

// clip shortens s to about n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + fmt.Sprintf("… (%d more bytes)", len(s)-i)
}

func signed(s int64) string {
	if s >= 0 {
		return "+" + strconv.FormatInt(s, 10) + "s"
	}
	return strconv.FormatInt(s, 10) + "s"
}
