package analyze

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/authz"
	"github.com/authdebug/authdebug/internal/claims"
	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/token"
)

// MaxInput caps the analysed text; the rest is dropped with an
// input.too_large finding.
const MaxInput = 8 << 20

// Run analyses the input and returns its Report. It never panics on bad
// input: problems in the pasted material are findings, and a failure of the
// tool itself becomes one internal.error finding.
//
// Run checks ctx between steps (each part, HAR entry, exchange and token,
// and each stage). When ctx ends before Run is done it stops there and
// returns an empty Report and an error wrapping both ErrCanceled and
// ctx.Err(): a cancelled analysis has no report, not half of one. That is
// the only error; every other outcome is a Report.
func Run(ctx context.Context, in Input, opts ...Option) (rep report.Report, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	s := settings{now: time.Unix(0, 0).UTC()}
	for _, o := range opts {
		o(&s)
	}
	defer func() {
		if v := recover(); v != nil {
			if c, ok := v.(canceled); ok {
				rep, err = report.Report{}, c.err
				return
			}
			rep, err = Internal(s.now, v), nil
		}
	}()
	r := &run{ctx: ctx, s: s, seen: map[string]bool{}}
	r.checkpoint()
	if s.fault == "analyze" {
		panic("fault injected by a test")
	}
	r.rep.Now = s.now.Format(time.RFC3339)
	r.analyse(in.Text)
	r.checkpoint()
	r.rep.Finalize()
	return r.rep, nil
}

// canceled unwinds a run whose context ended, from wherever checkpoint
// noticed it (also from inside a parser's step callback) up to Run, which
// recovers it and returns err.
type canceled struct{ err error }

// checkpoint stops the run when its context has ended.
func (r *run) checkpoint() {
	if err := r.ctx.Err(); err != nil {
		panic(canceled{fmt.Errorf("%w: %w", ErrCanceled, err)})
	}
}

// run is one analysis in progress.
type run struct {
	ctx      context.Context
	s        settings
	rep      report.Report
	decoded  []*token.Decoded // parallel to rep.Tokens
	seen     map[string]bool  // credentials already analysed (a HAR repeats them)
	exs      []exchange.Exchange
	primary  int // index in exs of the exchange that explains the refusal
	keyTexts []string
	done     int
	total    int
	text     string     // the analysed input
	red      redactions // what a share must remove of it
}

func (r *run) add(fs ...report.Finding) { r.rep.Findings = append(r.rep.Findings, fs...) }

// step reports progress after one unit of work.
func (r *run) step() {
	r.checkpoint()
	r.done++
	if r.s.progress != nil {
		r.s.progress(r.done, max(r.total, r.done))
	}
}

func (r *run) analyse(text string) {
	text = r.cap(text)
	r.text = text
	defer func() { r.rep.Redactions = r.red.finish(text) }()
	parts := detect.Detect(text)
	// Prose around a transcript (a ticket, a chat message) is not reported;
	// only a paste in which nothing is recognised is.
	recognised := false
	for _, p := range parts {
		if p.Kind != report.KindUnknown {
			recognised = true
			break
		}
	}
	r.total = len(parts)
	var messages, logs, consoles []detect.Part
	for _, p := range parts {
		if p.Kind == report.KindUnknown && recognised {
			continue
		}
		r.rep.Inputs = append(r.rep.Inputs, report.Part{Kind: p.Kind, Span: &report.Span{Start: p.Start, End: p.End}, Note: p.Flavor})
		switch p.Kind {
		case report.KindJWT, report.KindJWE:
			r.token(p.Text, token.Source{Name: "pasted", Offset: p.Start}, false, time.Time{})
		case report.KindJWKS, report.KindJWK, report.KindPEM:
			r.keyTexts = append(r.keyTexts, p.Text)
		case report.KindUnknown:
			r.add(detect.Unrecognized(p))
		case report.KindServerLog:
			logs = append(logs, p)
		case report.KindBrowserConsole:
			consoles = append(consoles, p)
		case report.KindClaimsJSON:
			r.claimsJSON(len(r.rep.Inputs)-1, p)
		default:
			messages = append(messages, p)
			if p.Kind == report.KindHAR {
				r.total += strings.Count(p.Text, `"request":`) // one step per entry
			}
		}
		r.step()
	}
	exs, fs, errs := exchange.ParsePartsStep(messages, r.step)
	r.exs = exs
	r.add(fs...)
	if len(exs) == 0 {
		for _, err := range errs {
			r.add(report.New(
				report.InputUnrecognized,
				report.Warning,
				report.Client,
				"Part of the paste looked like an HTTP exchange but could not be read",
				report.Detail(err.Error()),
				"Paste the request and response as curl -v, curl -i or a proxy prints them, or a HAR export.", ""))
		}
	}
	r.total += len(r.exs)
	r.primary = -1
	if len(r.exs) > 0 {
		r.primary = exchange.Primary(r.exs)
		if r.primary < 0 || r.primary >= len(r.exs) {
			r.primary = len(r.exs) - 1
		}
	}
	for i := range r.exs {
		if req := r.exs[i].Request; req != nil {
			for _, c := range exchange.Credentials(req) {
				r.credential(i, req, c)
			}
		}
		r.bodyTokens(text, r.exs[i].Response)
		r.step()
	}
	r.red.exchanges(text, r.exs)
	r.checkpoint()
	r.verify()
	r.checkpoint()
	r.dpopProofs()
	r.checkpoint()
	r.diagnoseExchanges()
	r.audienceAgainstHost()
	r.checkpoint()
	r.clock()
	r.serverMessages(text)
	r.logMessages(logs)
	r.consoleMessages(consoles)
	r.shellVars()
	r.accepted()
	r.refusedWeak()
	r.rejected()
}

// cap cuts text at MaxInput (on a line or rune boundary) and says so.
func (r *run) cap(text string) string {
	if len(text) <= MaxInput {
		return text
	}
	cut := MaxInput
	if i := strings.LastIndexByte(text[:cut], '\n'); i > cut-(64<<10) {
		cut = i
	}
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	r.add(report.New(
		report.InputTooLarge,
		report.Warning,
		report.Client,
		fmt.Sprintf("Only the first %d MiB of the %.1f MiB pasted were analysed", MaxInput>>20, float64(len(text))/(1<<20)),
		"Very large pastes are cut so the page stays responsive. Anything after the cut was not read.",
		"Paste only the failing request and response, or export a HAR with just the failing calls.",
		report.Evidence(fmt.Sprintf("%d bytes pasted, %d analysed", len(text), cut))))
	return text[:cut]
}

// credential analyses one credential that request ex carried: the
// Authorization value's syntax, and any JWT inside it.
func (r *run) credential(ex int, req *exchange.Request, c exchange.Credential) {
	key := c.Source + "\x00" + c.Value
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	switch c.Source {
	case "request.authorization", "request.proxy-authorization":
		cr, fs := authz.Parse(c.Value, c.Offset, r.s.reveal)
		if path := r.headerPath(ex, req, strings.TrimPrefix(c.Source, "request."), c.Value); path != "" {
			for i := range fs {
				if fs[i].Path == "" {
					fs[i].Path = path
				}
			}
		}
		r.add(fs...)
		switch {
		case cr.Canonical == "Bearer" || cr.Canonical == "DPoP":
			n := len(r.decoded)
			r.token(cr.Credential, token.Source{Name: c.Source, Offset: cr.Offset}, true, time.Time{})
			if cr.Canonical == "Bearer" && c.Source == "request.authorization" && len(r.decoded) > n {
				r.dpopAsBearer(ex, req, c, r.decoded[n])
			}
		case cr.Canonical == "" && token.LooksLikeJWT(cr.Credential):
			r.token(cr.Credential, token.Source{Name: c.Source, Offset: cr.Offset}, true, time.Time{})
		}
	default:
		if token.LooksLikeJWT(c.Value) {
			r.token(c.Value, token.Source{Name: c.Source, Offset: c.Offset}, false, time.Time{})
		}
	}
}

// bodyTokens analyses the JWTs a token endpoint's JSON answer carries
// (RFC 6749 §5.1 access_token, OpenID Connect id_token; a refresh token when
// it is a JWT): what the client was given is often what the API refused.
func (r *run) bodyTokens(text string, resp *exchange.Response) {
	if resp == nil {
		return
	}
	b := strings.TrimSpace(resp.Body)
	if !strings.HasPrefix(b, "{") || len(b) > 64<<10 {
		return
	}
	var body map[string]any
	if json.Unmarshal([]byte(b), &body) != nil {
		return
	}
	handedOut, _ := resp.Date() // zero when unknown
	for _, name := range []string{"access_token", "id_token", "refresh_token"} {
		v, _ := body[name].(string)
		if v == "" || !token.LooksLikeJWT(v) {
			continue
		}
		r.token(v, token.Source{Name: "response.body." + name, Offset: strings.Index(text, v)}, name == "access_token", handedOut)
	}
}

// headerPath locates a request header in the Report: "request.headers[k]"
// for the primary exchange, "exchanges[e].request.headers[k]" otherwise.
func (r *run) headerPath(ex int, req *exchange.Request, name, value string) string {
	path, _ := r.headerAt(ex, req, name, value)
	return path
}

// headerAt locates a request header in the Report (as headerPath) and its
// value in the input (nil when it is not there verbatim).
func (r *run) headerAt(ex int, req *exchange.Request, name, value string) (string, *report.Span) {
	for k, h := range req.Headers {
		if strings.EqualFold(h.Name, name) && h.Value == value {
			var span *report.Span
			if h.ValueSpan.End > 0 {
				s := h.ValueSpan
				span = &s
			}
			if ex == r.primary {
				return fmt.Sprintf("request.headers[%d]", k), span
			}
			return fmt.Sprintf("exchanges[%d].request.headers[%d]", ex, k), span
		}
	}
	return "", nil
}

// token inspects one token and appends it (and any nested token).
// handedOut is when a token endpoint handed it out (zero when it did not).
func (r *run) token(text string, src token.Source, access bool, handedOut time.Time) {
	if r.seen["token\x00"+strings.TrimSpace(text)] {
		r.red.token(text, verbatim(r.text, text, src.Offset), "")
		return
	}
	r.seen["token\x00"+strings.TrimSpace(text)] = true
	res := token.Inspect(text, src, token.Options{
		Now:         r.s.now,
		Leeway:      r.s.leeway,
		Expect:      claims.Expectations{Aud: r.s.aud, Iss: r.s.iss, Require: r.s.require, Scope: r.s.scope},
		AccessToken: access,
		Reveal:      r.s.reveal,
		HandedOut:   handedOut,
	})
	r.red.remember(text, res.Removal)
	r.red.token(text, verbatim(r.text, text, src.Offset), "")
	res.Shift(len(r.rep.Tokens))
	r.rep.Tokens = append(r.rep.Tokens, res.Tokens...)
	r.decoded = append(r.decoded, res.Decoded...)
	r.add(res.Findings...)
}

// verify checks every JWS against the key material given, pasted or fetched.
func (r *run) verify() {
	m := keys.Material{Secret: r.s.secret, Texts: r.keyTexts, JWKSURL: r.s.jwksURL, Discover: r.s.discover}
	if r.s.keyText != "" {
		m.Texts = append([]string{r.s.keyText}, m.Texts...)
	}
	var issuer string
	jws := 0
	for _, d := range r.decoded {
		if d == nil || d.Form != "jws" || d.Header == nil {
			continue
		}
		jws++
		if iss, ok := d.Payload["iss"].(string); ok && issuer == "" {
			issuer = iss
		}
	}
	haveMaterial := m.Secret != "" || len(m.Texts) > 0 || m.JWKSURL != "" || m.Discover
	if jws == 0 && !haveMaterial {
		return
	}
	// The expected issuer decides whether keys discovered from a token's
	// own iss are trusted (principle 3: a token does not vouch for itself).
	opts := keys.Options{Algs: r.s.algs, Now: r.s.now, Reveal: r.s.reveal, Verifier: r.s.verifier,
		ExpectedIssuer: r.s.iss, AllowHTTP: r.s.allowHTTP}
	if r.s.fetcher != nil {
		opts.Fetcher = r.s.fetcher
	}
	var set *keys.Set
	if haveMaterial {
		var infos []report.Key
		var fs []report.Finding
		set, infos, fs = keys.Load(r.ctx, m, issuer, opts)
		r.rep.Keys = append(r.rep.Keys, infos...)
		r.add(fs...)
	}
	r.total += jws
	for i, d := range r.decoded {
		if d == nil || d.Form != "jws" || d.Header == nil {
			continue
		}
		r.checkpoint()
		iss, _ := d.Payload["iss"].(string)
		sig, fs := keys.Verify(r.ctx, keys.Token{Compact: d.Compact, Header: d.Header, Path: fmt.Sprintf("tokens[%d]", i), Issuer: iss}, set, opts)
		if sig != nil {
			r.rep.Tokens[i].Signature = sig
		}
		r.add(fs...)
		r.step()
	}
}

// diagnoseExchanges connects requests and responses and picks the primary one.
func (r *run) diagnoseExchanges() {
	if len(r.exs) == 0 {
		return
	}
	ctx := exchange.Context{Reveal: r.s.reveal}
	if d := r.sentToken(); d != nil {
		ctx.TokenScopes, ctx.HasScopeClaim = claims.Scopes(d.Payload)
		// Scopes a challenge asks for are expectations too (REPORT.md:
		// claims.scope_missing covers what "a challenge or the user requires").
		if resp := r.exs[r.primary].Response; resp != nil {
			chs, _ := resp.Challenges()
			for _, ch := range chs {
				// A token without scope/scp (a Docker registry token lists
				// "access") is compared only when the server says the scope
				// is what is missing.
				if sc := ch.Params["scope"]; sc != "" && (ctx.HasScopeClaim || ch.Params["error"] == "insufficient_scope") {
					src := fmt.Sprintf("the server's %s challenge (scope=%q)", ch.Scheme, sc)
					r.add(claims.CheckScopes(d.Payload, fmt.Sprintf("tokens[%d]", d.Index), strings.Fields(sc), src, true)...)
				}
			}
		}
	}
	r.add(exchange.Diagnose(r.exs, ctx)...)
	r.rep.Request, r.rep.Response = exchange.ToReport(r.exs[r.primary], r.s.reveal)
	if len(r.exs) > 1 {
		for _, e := range r.exs {
			req, resp := exchange.ToReport(e, r.s.reveal)
			r.rep.Exchanges = append(r.rep.Exchanges, report.Exchange{Request: req, Response: resp, Note: e.Note})
		}
		p := r.primary
		r.rep.Primary = &p
	}
}

// sentToken is the decoded token the (primary) request carried, or else the
// first decoded token.
func (r *run) sentToken() *token.Decoded {
	var first *token.Decoded
	for i, d := range r.decoded {
		if d == nil || d.Payload == nil {
			continue
		}
		if r.rep.Tokens[i].Source.FromRequest() {
			return d
		}
		if first == nil {
			first = d
		}
	}
	return first
}

// clock compares the local clock, the server's Date and the tokens' times.
func (r *run) clock() {
	var serverDate *time.Time
	if r.primary >= 0 && r.exs[r.primary].Response != nil {
		if t, ok := r.exs[r.primary].Response.Date(); ok {
			serverDate = &t
		}
	}
	var times []claims.TokenTimes
	for i, d := range r.decoded {
		if d == nil || d.Payload == nil {
			continue
		}
		tt := claims.TimesOf(d.Payload)
		tt.Path = fmt.Sprintf("tokens[%d]", i)
		times = append(times, tt)
	}
	if serverDate == nil && len(times) == 0 {
		return
	}
	c, fs := claims.Clock(r.s.now, serverDate, r.s.leeway, times)
	r.rep.Clock = c
	r.add(fs...)
}
