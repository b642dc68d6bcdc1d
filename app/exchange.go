package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/render"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// exchangeView shows the request and the response (or every exchange of a
// redirect chain or HAR export), with the Authorization header and each
// WWW-Authenticate challenge broken into explained parts.
type exchangeView struct {
	app.Compo

	Rep    *report.Report
	HLPath string

	open map[int]bool // exchanges the reader opened
}

func (v *exchangeView) toggle(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if v.open == nil {
			v.open = map[int]bool{}
		}
		v.open[i] = !v.open[i]
	}
}

func (v *exchangeView) Render() (out app.UI) {
	defer guard("exchange", &out)
	r := v.Rep
	if r == nil {
		return app.Div()
	}
	if len(r.Exchanges) > 1 {
		primary := primaryExchange(r)
		n := len(r.Exchanges)
		return app.Section().Class("exchange").Aria("labelledby", "exchange-h").Body(
			app.H2().ID("exchange-h").Text("Exchanges ("+strconv.Itoa(n)+")"),
			app.Ol().Class("exchanges").Body(
				app.Range(r.Exchanges).Slice(func(i int) app.UI {
					if i >= maxExchangesShown {
						return nil
					}
					x := r.Exchanges[i]
					prefix := idx("exchanges", i) + "."
					cls := "xchg"
					if i == primary {
						prefix = ""
						cls += " primary"
					}
					// Only the refused exchange, the ones the reader opens and
					// the one a selected finding points into are drawn in
					// full: a HAR export can hold hundreds.
					open := i == primary || v.open[i] || v.HLPath != "" && strings.HasPrefix(v.HLPath, idx("exchanges", i))
					return app.Li().Class(cls).DataSet("path", strings.TrimSuffix(prefix, ".")).Body(
						app.H3().Class("xchg-h").Body(
							app.Button().Class("xchg-toggle").Type("button").
								Aria("expanded", open).
								OnClick(onKey("an exchange toggle", strconv.Itoa(i), v.toggle(i))).
								Text(exchangeTitle(i, x, i == primary)),
						),
						app.If(open, func() app.UI {
							return v.message(x.Request, x.Response, prefix, 4)
						}),
					)
				}),
			),
			app.If(n > maxExchangesShown, func() app.UI {
				return app.P().Class("hint").Text(strconv.Itoa(n-maxExchangesShown) + " more exchanges are not shown; copy the report to see them all.")
			}),
		)
	}
	return app.Section().Class("exchange").Aria("labelledby", "exchange-h").Body(
		app.H2().ID("exchange-h").Text("Exchange"),
		v.message(r.Request, r.Response, "", 3),
	)
}

// primaryExchange is the index of r's primary exchange in r.Exchanges, or -1.
func primaryExchange(r *report.Report) int {
	if r.Primary == nil || *r.Primary < 0 || *r.Primary >= len(r.Exchanges) {
		return -1
	}
	return *r.Primary
}

func exchangeTitle(i int, x report.Exchange, primary bool) string {
	s := strconv.Itoa(i+1) + ". "
	if x.Request != nil {
		s += x.Request.Method + " " + hostPath(x.Request.URL)
	}
	if x.Response != nil && x.Response.Status != nil {
		s += " → " + strconv.Itoa(*x.Response.Status)
	}
	if x.Note != "" {
		s += " (" + x.Note + ")"
	}
	if primary {
		s += " — the refused one"
	}
	return s
}

func hostPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if len(u) > 80 {
		u = u[:snap(u, 77)] + "…"
	}
	return u
}

func heading(level int, text string) app.UI {
	switch level {
	case 3:
		return app.H3().Text(text)
	case 4:
		return app.H4().Text(text)
	case 5:
		return app.H5().Text(text)
	}
	return app.H6().Text(text)
}

func (v *exchangeView) hl(path string) string {
	if v.HLPath != "" && v.HLPath == path {
		return " is-hl"
	}
	return ""
}

func (v *exchangeView) message(req *report.Request, resp *report.Response, prefix string, level int) app.UI {
	return app.Div().Class("messages").Body(
		app.If(req != nil, func() app.UI {
			p := prefix + "request"
			return app.Div().Class("msg req"+v.hl(p)).DataSet("path", p).Body(
				heading(level, "Request"),
				app.P().Class("start-line").Body(
					app.Span().Class("method"+v.hl(p+".method")).DataSet("path", p+".method").Text(orDefault(req.Method, "GET")),
					app.Text(" "),
					app.Span().Class("url"+v.hl(p+".url")).DataSet("path", p+".url").Text(req.URL),
				),
				v.headers(req.Headers, p+".headers", "Request headers"),
			)
		}),
		app.If(resp != nil, func() app.UI {
			p := prefix + "response"
			return app.Div().Class("msg resp"+v.hl(p)).DataSet("path", p).Body(
				heading(level, "Response"),
				app.P().Class("start-line"+v.hl(p+".status")).DataSet("path", p+".status").Text(statusLine(resp.Status)),
				v.headers(resp.Headers, p+".headers", "Response headers"),
				v.challenges(resp.Challenges, p+".challenges", "WWW-Authenticate challenges", level+1),
				v.challenges(resp.ProxyChallenges, p+".proxy_challenges", "Proxy-Authenticate challenges (from a proxy)", level+1),
			)
		}),
	)
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

var statusText = map[int]string{
	200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other",
	304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
	401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
	407: "Proxy Authentication Required", 429: "Too Many Requests", 500: "Internal Server Error",
	502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
}

func statusLine(st *int) string {
	if st == nil {
		return "(response headers only, no status line)"
	}
	s := strconv.Itoa(*st)
	if t := statusText[*st]; t != "" {
		s += " " + t
	}
	return s
}

func (v *exchangeView) headers(hs []report.Header, base, caption string) app.UI {
	if len(hs) == 0 {
		return app.P().Class("hint").Text("No headers.")
	}
	shown := hs
	if len(shown) > maxHeadersShown {
		shown = shown[:maxHeadersShown]
	}
	return app.Table().Class("headers").Body(
		app.Caption().Class("visually-hidden").Text(caption),
		app.TBody().Body(
			app.Range(shown).Slice(func(j int) app.UI {
				h := shown[j]
				p := idx(base, j)
				name := strings.ToLower(h.Name())
				return app.Tr().Class(strings.TrimSpace("hdr"+v.hl(p))).DataSet("path", p).Body(
					app.Th().Scope("row").Text(h.Name()),
					app.Td().Body(
						app.Code().Class("hv").Text(clipText(h.Value(), 2000)),
						app.If(name == "authorization" || name == "proxy-authorization", func() app.UI {
							return authorizationNote(h.Value())
						}),
						app.If(name == "www-authenticate" || name == "proxy-authenticate", func() app.UI {
							return app.P().Class("hdr-note").Text("Broken into its challenges below.")
						}),
					),
				)
			}),
			app.If(len(hs) > maxHeadersShown, func() app.UI {
				return app.Tr().Body(app.Td().ColSpan(2).Class("hint").Text(strconv.Itoa(len(hs)-maxHeadersShown) + " more headers"))
			}),
		),
	)
}

// authorizationNote explains the scheme of an Authorization value (the
// value itself, a fingerprint unless reveal mode is on, is in the cell).
func authorizationNote(value string) app.UI {
	desc := render.SchemeNote(value)
	if desc == "" {
		return nil
	}
	return app.P().Class("hdr-note").Text(desc)
}

// paramOrder puts the parameters people look for first.
var paramOrder = map[string]int{"realm": 0, "error": 1, "error_description": 2, "scope": 3, "service": 4}

func sortedParams(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ra, oka := paramOrder[a]
		rb, okb := paramOrder[b]
		switch {
		case oka && okb:
			return cmp.Compare(ra, rb)
		case oka:
			return -1
		case okb:
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys
}

func (v *exchangeView) challenges(cs []report.Challenge, base, title string, level int) app.UI {
	if len(cs) == 0 {
		return nil
	}
	return app.Div().Class("challenges").Body(
		heading(level, title),
		app.Range(cs).Slice(func(k int) app.UI {
			c := cs[k]
			p := idx(base, k)
			keys := sortedParams(c.Params)
			ex := c.Explanations
			if ex == nil {
				ex = &report.Explanations{}
			}
			desc := ex.Scheme
			return app.Div().Class("challenge"+v.hl(p)).DataSet("path", p).Body(
				app.P().Class("scheme"+v.hl(p+".scheme")).DataSet("path", p+".scheme").Body(
					app.Strong().Text(c.Scheme),
					app.If(desc != "", func() app.UI { return app.Span().Class("desc").Text(" — " + desc) }),
				),
				app.If(c.Token68 != nil, func() app.UI {
					return app.P().Class("token68"+v.hl(p+".token68")).DataSet("path", p+".token68").Body(
						app.Span().Class("f-label").Text("token68: "),
						app.Code().Text(deref(c.Token68)),
					)
				}),
				app.If(len(keys) > 0, func() app.UI {
					return app.Dl().Class("params").Body(
						app.Range(keys).Slice(func(j int) app.UI {
							name := keys[j]
							val := c.Params[name]
							pp := p + ".params." + name
							d := ex.Params[name]
							return app.Div().Class("param"+v.hl(pp)).DataSet("path", pp).Body(
								app.Dt().Text(name),
								app.Dd().Body(
									app.Code().Text(strconvQuote(val)),
									app.If(d != "", func() app.UI { return app.P().Class("desc").Text(d) }),
								),
							)
						}),
					)
				}),
			)
		}),
	)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func strconvQuote(s string) string {
	return strconv.Quote(s)
}

// keysUsed lists the keys the analysis was given or fetched.
type keysUsed struct {
	app.Compo

	Rep    *report.Report
	HLPath string
}

func (k *keysUsed) Render() (out app.UI) {
	defer guard("keys", &out)
	if k.Rep == nil || len(k.Rep.Keys) == 0 {
		return app.Div()
	}
	ks := k.Rep.Keys
	return app.Section().Class("keys-used").Aria("labelledby", "keys-used-h").Body(
		app.H2().ID("keys-used-h").Text("Keys used"),
		app.Ul().Class("key-list").Body(
			app.Range(ks).Slice(func(i int) app.UI {
				key := ks[i]
				p := idx("keys", i)
				cls := "key"
				if k.HLPath == p {
					cls += " is-hl"
				}
				return app.Li().Class(cls).DataSet("path", p).Body(
					app.Strong().Text(keySourceLabel(key.Source)),
					app.If(key.Origin != "", func() app.UI { return app.Span().Class("origin").Text(" " + key.Origin) }),
					app.Dl().Class("kv").Body(
						kv("kid", key.Kid), kv("type", keyType(key)), kv("alg", key.Alg), kv("use", key.Use),
						kv("read as", key.Encoding), kv("thumbprint", key.Thumbprint),
					),
					app.If(key.Certificate != nil, func() app.UI {
						c := key.Certificate
						return app.Dl().Class("kv cert").Body(
							kv("subject", c.Subject), kv("issuer", c.Issuer),
							kv("valid from", c.NotBefore), kv("valid until", c.NotAfter),
						)
					}),
				)
			}),
		),
	)
}

func keyType(k report.Key) string {
	s := k.Kty
	if k.Crv != "" {
		s += " " + k.Crv
	}
	if k.Bits > 0 {
		s += " " + strconv.Itoa(k.Bits) + " bits"
	}
	return strings.TrimSpace(s)
}

func keySourceLabel(src string) string {
	switch src {
	case "secret":
		return "Secret"
	case "pem":
		return "PEM key"
	case "certificate":
		return "Certificate"
	case "jwk":
		return "JWK"
	case "jwks":
		return "JWKS (pasted)"
	case "jwks-url":
		return "JWKS fetched from"
	case "discovery":
		return "Key found by discovery at"
	case "token-header":
		return "Key carried by the token itself"
	}
	return src
}

func kv(k, v string) app.UI {
	if v == "" {
		return nil
	}
	return app.Div().Body(app.Dt().Text(k), app.Dd().Body(app.Code().Text(v)))
}
