package analyze

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"

	"github.com/authdebug/authdebug/internal/authz"
	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/token"
)

// The Report's redactions: every credential and signature the engine
// recognised, located in the input so that a share link or a copied report
// (internal/redact) removes exactly that. Each is located twice: at the
// span the parser read it from, when it has one, and at every other place
// the same value stands verbatim in the input (a HAR repeats a cookie in
// each entry, a header built from curl -u or a JSON string has no span).

// minSearched is the shortest value looked for elsewhere in the input: a
// shorter one ("1", "abc") would remove ordinary words too.
const minSearched = 4

// redactions collects what a share must remove.
type redactions struct {
	spans  []report.Redaction
	values map[string]searched
	// cur is the span of the header or URL whose credential is being
	// collected: where a value that stands nowhere verbatim (built by the
	// shell from several quoted words) is removed whole instead.
	cur     report.Span
	pending []pending
	// removals are the tokens decoded so far, by text.
	removals map[string]*token.Removal
}

// remember keeps what Inspect said a share must remove of text.
func (rs *redactions) remember(text string, rm *token.Removal) {
	if rs.removals == nil {
		rs.removals = map[string]*token.Removal{}
	}
	rs.removals[text] = rm
}

// pending is a credential without a span: when none of vals is found in
// the input, the span around it goes.
type pending struct {
	vals     []string
	fallback report.Span
	kind     string
}

func (rs *redactions) need(kind string, vals ...string) {
	if rs.cur.End > rs.cur.Start {
		rs.pending = append(rs.pending, pending{vals: vals, fallback: rs.cur, kind: kind})
	}
}

// searched is a value to find in the input: keep bytes of each match stay
// (the user of "user:password").
type searched struct {
	kind string
	keep int
}

func (rs *redactions) span(start, end int, kind string) {
	if start >= 0 && end > start {
		rs.spans = append(rs.spans, report.Redaction{Start: start, End: end, Kind: kind})
	}
}

// value removes every verbatim copy of v in the input, and of its JSON
// and URL-encoded forms, keeping keep bytes at the start of each.
func (rs *redactions) value(v string, keep int, kind string) {
	if len(v)-keep < 1 || len(v) < minSearched {
		return
	}
	if rs.values == nil {
		rs.values = map[string]searched{}
	}
	add := func(s string, keep int) {
		if s == "" || keep >= len(s) {
			return
		}
		if old, ok := rs.values[s]; ok && old.keep <= keep {
			return
		}
		rs.values[s] = searched{kind: kind, keep: keep}
	}
	add(v, keep)
	if b, err := json.Marshal(v); err == nil && len(b) >= 2 {
		j := string(b[1 : len(b)-1])
		if j != v {
			add(j, len(jsonEscape(v[:keep])))
		}
		if strings.Contains(j, "/") {
			add(strings.ReplaceAll(j, "/", `\/`), len(strings.ReplaceAll(jsonEscape(v[:keep]), "/", `\/`)))
		}
	}
	if q := url.QueryEscape(v); q != v {
		add(q, len(url.QueryEscape(v[:keep])))
	}
	if p := url.PathEscape(v); p != v {
		add(p, len(url.PathEscape(v[:keep])))
	}
}

func jsonEscape(s string) string {
	b, err := json.Marshal(s)
	if err != nil || len(b) < 2 {
		return s
	}
	return string(b[1 : len(b)-1])
}

// token removes what a share must not keep of one token: the signature of
// a JWS, all but the header of a JWE, an opaque token whole. kind replaces
// the kind of an opaque token (a cookie, a refresh token); "" keeps token.
func (rs *redactions) token(text string, offset int, kind string) {
	p, ok := rs.removals[text]
	if !ok {
		if rm, ok := token.Redact(text); ok {
			p = &rm
		}
		rs.remember(text, p)
	}
	if p == nil {
		return
	}
	rm := *p
	if rm.Span != nil && offset >= 0 {
		rm.Span = &report.Span{Start: offset + rm.Span.Start, End: offset + rm.Span.End}
	} else {
		rm.Span = nil
	}
	if rm.Kind == report.RedactToken && kind != "" {
		rm.Kind = kind
	}
	if rm.Span != nil {
		rs.span(rm.Span.Start, rm.Span.End, rm.Kind)
	} else {
		rs.need(rm.Kind, rm.Value)
	}
	rs.value(rm.Value, 0, rm.Kind)
}

// secret removes a credential value whole, or as a token when it is one.
func (rs *redactions) secret(v string, offset int, kind string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	if token.LooksLikeJWT(strings.TrimSpace(v)) {
		rs.token(v, offset, kind)
		return
	}
	if offset >= 0 {
		rs.span(offset, offset+len(v), kind)
	} else {
		rs.need(kind, v)
	}
	rs.value(v, 0, kind)
	if t := strings.TrimSpace(v); t != v {
		rs.value(t, 0, kind)
	}
}

// verbatim is offset when text stands there in the input, else -1.
func verbatim(input, text string, offset int) int {
	if offset < 0 || offset+len(text) > len(input) || input[offset:offset+len(text)] != text {
		return -1
	}
	return offset
}

// redactExchanges collects the credentials of every request and response.
func (rs *redactions) exchanges(input string, exs []exchange.Exchange) {
	for _, e := range exs {
		if req := e.Request; req != nil {
			for _, c := range exchange.Credentials(req) {
				rs.cur = req.URLSpan
				if strings.HasPrefix(c.Source, "request.authorization") || strings.HasPrefix(c.Source, "request.proxy-") ||
					strings.HasPrefix(c.Source, "request.cookie.") || strings.HasPrefix(c.Source, "request.header.") {
					rs.cur = report.Span{}
					for _, h := range req.Headers {
						if strings.Contains(h.Value, c.Value) && h.Span.End > h.Span.Start {
							rs.cur = h.Span
							break
						}
					}
				}
				rs.credential(input, c)
			}
			rs.cur = report.Span{}
			for _, c := range req.Unsent {
				rs.credential(input, c)
			}
			for _, c := range req.Cookies {
				rs.secret(c.Value, -1, report.RedactCookie)
			}
			for _, h := range req.Headers {
				if strings.EqualFold(h.Name, "DPoP") {
					rs.token(h.Value, verbatim(input, h.Value, valueStart(h)), "")
				}
			}
			rs.body(req.Body)
		}
		if resp := e.Response; resp != nil {
			for _, h := range resp.Headers {
				if strings.EqualFold(h.Name, "Set-Cookie") {
					first, _, _ := strings.Cut(h.Value, ";")
					if _, v, ok := strings.Cut(first, "="); ok {
						at := -1
						if s := valueStart(h); s >= 0 {
							at = verbatim(input, v, s+len(first)-len(v))
						}
						rs.secret(v, at, report.RedactCookie)
					}
				}
			}
			rs.body(resp.Body)
		}
	}
}

func valueStart(h exchange.Header) int {
	if h.ValueSpan.End == 0 {
		return -1
	}
	return h.ValueSpan.Start
}

// credential collects one credential a request carried.
func (rs *redactions) credential(input string, c exchange.Credential) {
	off := verbatim(input, c.Value, c.Offset)
	name := c.Source[strings.LastIndexByte(c.Source, '.')+1:]
	switch {
	case c.Source == "request.authorization" || c.Source == "request.proxy-authorization":
		cr, _ := authz.Parse(c.Value, off, false)
		at := verbatim(input, cr.Credential, cr.Offset)
		switch {
		case strings.TrimSpace(cr.Credential) == "":
			// A lone word that is no scheme is the credential itself.
			if cr.Scheme == "" || !authz.KnownScheme(cr.Scheme) {
				rs.secret(c.Value, off, report.RedactToken)
			}
		case cr.Canonical == "Bearer" || cr.Canonical == "DPoP" || cr.Canonical == "" && token.LooksLikeJWT(cr.Credential):
			rs.token(cr.Credential, at, "")
		case cr.Canonical == "Basic":
			if at >= 0 {
				rs.span(at, at+len(cr.Credential), report.RedactPassword)
			} else {
				rs.need(report.RedactPassword, cr.Credential, cr.User+":"+cr.Password)
			}
			rs.value(cr.Credential, 0, report.RedactPassword)
			if cr.Password != "" {
				// curl -u user:password and URL userinfo stand in the
				// input as written, not in base64.
				rs.value(cr.User+":"+cr.Password, len(cr.User)+1, report.RedactPassword)
			} else if cr.User != "" {
				// No password: the user is the secret (an API key as the
				// user, Stripe-style): removed where it was written, so
				// wherever else it stands too.
				rs.value(cr.User, 0, report.RedactPassword)
			}
		default:
			if at >= 0 {
				rs.span(at, at+len(cr.Credential), report.RedactToken)
			} else {
				rs.need(report.RedactToken, cr.Credential)
			}
			rs.value(cr.Credential, 0, report.RedactToken)
		}
	case strings.HasPrefix(c.Source, "request.cookie."):
		rs.secret(c.Value, off, report.RedactCookie)
	case strings.HasPrefix(c.Source, "request.header."):
		kind := report.RedactAPIKey
		if strings.Contains(name, "secret") {
			kind = report.RedactClientSecret
		}
		rs.secret(c.Value, off, kind)
	case strings.HasPrefix(c.Source, "request.query."):
		rs.secret(c.Value, off, paramKind(name))
	case c.Source == "request.userinfo":
		user, pass, ok := strings.Cut(c.Value, ":")
		if !ok {
			rs.secret(c.Value, off, report.RedactToken)
			break
		}
		if off >= 0 {
			rs.span(off+len(user)+1, off+len(c.Value), report.RedactPassword)
		} else {
			rs.need(report.RedactPassword, c.Value)
		}
		if pass != "" {
			rs.value(c.Value, len(user)+1, report.RedactPassword)
		}
	}
}

// bodyParams are the form and JSON members that carry credentials (RFC
// 6749 §4 and §6, RFC 7523, RFC 8628, RFC 8693, RFC 7636), by kind.
var bodyParams = map[string]string{
	"access_token": report.RedactToken, "id_token": report.RedactToken, "token": report.RedactToken,
	"subject_token": report.RedactToken, "actor_token": report.RedactToken, "assertion": report.RedactToken,
	"client_assertion": report.RedactToken, "logout_token": report.RedactToken, "jwt": report.RedactToken,
	"accesstoken": report.RedactToken, "idtoken": report.RedactToken, "session_token": report.RedactToken,
	"refresh_token": report.RedactRefreshToken, "refreshtoken": report.RedactRefreshToken,
	"client_secret": report.RedactClientSecret, "clientsecret": report.RedactClientSecret,
	"password": report.RedactPassword, "passwd": report.RedactPassword, "pwd": report.RedactPassword,
	"new_password": report.RedactPassword, "old_password": report.RedactPassword, "current_password": report.RedactPassword,
	"code": report.RedactCode, "device_code": report.RedactCode, "code_verifier": report.RedactCode,
	"api_key": report.RedactAPIKey, "apikey": report.RedactAPIKey, "api-key": report.RedactAPIKey,
	"secret": report.RedactSecret, "client_key": report.RedactSecret, "private_key": report.RedactSecret,
}

// paramKind is the kind of a query or body parameter's value.
func paramKind(name string) string {
	n := strings.ToLower(name)
	if k, ok := bodyParams[n]; ok {
		return k
	}
	switch {
	case strings.HasSuffix(n, "_token") || strings.HasSuffix(n, "token") || n == "auth" || n == "bearer":
		return report.RedactToken
	case strings.Contains(n, "key"):
		return report.RedactAPIKey
	case strings.Contains(n, "session") || n == "sid":
		return report.RedactCookie
	case strings.Contains(n, "signature") || n == "sig":
		return report.RedactSignature
	}
	return report.RedactSecret
}

// maxBody bounds the bodies read for credentials.
const maxBody = 1 << 20

// body collects the credentials of a form or JSON body.
func (rs *redactions) body(b string) {
	t := strings.TrimSpace(b)
	if t == "" || len(t) > maxBody {
		return
	}
	if t[0] == '{' || t[0] == '[' {
		var v any
		if json.Unmarshal([]byte(t), &v) == nil {
			rs.jsonValue(v, 0)
		}
		return
	}
	if strings.ContainsAny(t, " \n{<") || !strings.Contains(t, "=") {
		return
	}
	for _, kv := range strings.Split(t, "&") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			continue
		}
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		kind, ok := bodyParams[strings.ToLower(dk)]
		if !ok {
			continue
		}
		if dv, err := url.QueryUnescape(v); err == nil && dv != v {
			rs.secret(dv, -1, kind)
		}
		rs.secret(v, -1, kind)
	}
}

// jsonValue collects the credential members of a JSON document.
func (rs *redactions) jsonValue(v any, depth int) {
	if depth > 16 {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		for k, m := range v {
			if s, ok := m.(string); ok {
				if kind, ok := bodyParams[strings.ToLower(k)]; ok {
					rs.secret(s, -1, kind)
				}
				continue
			}
			rs.jsonValue(m, depth+1)
		}
	case []any:
		for _, m := range v {
			rs.jsonValue(m, depth+1)
		}
	}
}

// finish finds every searched value in the input and returns the merged
// redactions.
func (rs *redactions) finish(input string) []report.Redaction {
	found := map[string]bool{}
	hit := func(i int, v string) {
		s := rs.values[v]
		rs.span(i+s.keep, i+len(v), s.kind)
		found[v] = true
	}
	if len(rs.values) <= 16 {
		// Few values (one token, one header): strings.Index is fastest.
		for v := range rs.values {
			for from := 0; ; {
				i := strings.Index(input[from:], v)
				if i < 0 {
					break
				}
				hit(from+i, v)
				from += i + 1
			}
		}
	} else {
		// Many (a HAR): one pass, candidates by their first two bytes.
		var first [1 << 16]bool
		byPrefix := map[uint16][]string{}
		for v := range rs.values {
			k := uint16(v[0])<<8 | uint16(v[1])
			first[k] = true
			byPrefix[k] = append(byPrefix[k], v)
		}
		for i := 0; i+1 < len(input); i++ {
			k := uint16(input[i])<<8 | uint16(input[i+1])
			if !first[k] {
				continue
			}
			for _, v := range byPrefix[k] {
				if strings.HasPrefix(input[i:], v) {
					hit(i, v)
				}
			}
		}
	}
	for _, p := range rs.pending {
		if !slices.ContainsFunc(p.vals, func(v string) bool { return found[v] || len(v) >= minSearched && strings.Contains(input, v) }) {
			rs.span(p.fallback.Start, p.fallback.End, p.kind)
		}
	}
	return report.MergeRedactions(rs.spans, len(input))
}
