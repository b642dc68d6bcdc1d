package ui

import (
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// keysPanel holds the key material and the expectations: they fill the
// analyze.Config of every run. Only its two fetch buttons may cause a
// network request.
type keysPanel struct {
	app.Compo

	Form      form
	Err       string
	Rep       *report.Report
	Fetching  string
	FetchKind string
	Cached    int
}

func (k *keysPanel) Render() (out app.UI) {
	defer guard("keys and expectations", &out)
	f := k.Form
	summary := "Keys and expectations"
	var bits []string
	if f.keyMaterial() {
		bits = append(bits, "key given")
	}
	if k.Cached > 0 {
		bits = append(bits, "keys fetched")
	}
	if n := f.expectations(); n > 0 {
		bits = append(bits, strconv.Itoa(n)+" set")
	}
	return app.Details().ID("keys-panel").Class("panel keys").Body(
		app.Summary().Body(
			app.H2().Class("summary-h").Text(summary),
			app.If(len(bits) > 0, func() app.UI {
				return app.Span().Class("summary-note").Text(" (" + strings.Join(bits, ", ") + ")")
			}),
		),
		app.P().Class("hint").Text("Give a key to verify signatures, and say what the API expects. Nothing here is stored or sent anywhere; only the two fetch buttons make a request, to the URL you give."),
		app.FieldSet().Class("fs").Body(
			app.Legend().Text("Keys"),
			field("secret", "HMAC secret (HS256/384/512)", "",
				app.Input().ID("secret").Type("password").Class("in").
					Attr("autocomplete", "off").Spellcheck(false).Value(f.Secret).OnInput(onKey("a key or expectation field", "secret", k.set(func(f *form, v string) { f.Secret = v })))),
			field("key", "Public key: PEM, certificate, JWK or JWKS", "",
				app.Textarea().ID("key").Class("in mono").Rows(3).Spellcheck(false).
					Placeholder(`{"keys":[…]}  or  -----BEGIN PUBLIC KEY-----`).Text(f.Key).
					OnInput(onKey("a key or expectation field", "key", k.set(func(f *form, v string) { f.Key = v })))),
			field("jwks", "JWKS URL", "",
				app.Input().ID("jwks").Type("url").Class("in mono").Spellcheck(false).
					Placeholder("https://login.example.com/.well-known/jwks.json").Value(f.JWKS).
					OnInput(onKey("a key or expectation field", "jwks", k.set(func(f *form, v string) { f.JWKS = v })))),
			app.Div().Class("fetch-row").Body(
				app.Button().ID("fetch-jwks").Class("btn").Type("button").Text("Fetch JWKS").
					Disabled(k.Fetching != "" || strings.TrimSpace(f.JWKS) == "").
					OnClick(onKey("a fetch button", "jwks", k.fetch("jwks"))),
				app.Button().ID("discover").Class("btn").Type("button").Text("Discover keys from the token's issuer").
					Disabled(k.Fetching != "").
					OnClick(onKey("a fetch button", "discover", k.fetch("discover"))),
				app.If(k.Fetching != "", func() app.UI {
					return app.Span().Class("fetching").Role("status").Body(
						app.Progress().Class("progress small").Aria("label", "Fetching keys"),
						app.Text(" Fetching…"),
					)
				}),
			),
			k.fetchResult(),
			app.If(k.Cached > 0, func() app.UI {
				return app.Button().ID("forget").Class("btn link").Type("button").Text("Forget fetched keys").OnClick(on("Forget fetched keys", k.forget))
			}),
			app.Div().Class("check").Body(
				app.Input().ID("reveal").Type("checkbox").Checked(f.Reveal).
					OnChange(onKey("a key or expectation option", "reveal", k.setBool(func(f *form, v bool) { f.Reveal = v }))),
				app.Label().For("reveal").Text("Reveal mode: show credentials in full instead of fingerprints (Copy report still masks them)"),
			),
		),
		app.FieldSet().Class("fs").Body(
			app.Legend().Text("What the API expects"),
			app.Div().Class("grid2").Body(
				field("aud", "Audience (aud)", "", k.text("aud", f.Aud, "https://api.example.com", func(f *form, v string) { f.Aud = v })),
				field("iss", "Issuer (iss)", "", k.text("iss", f.Iss, "https://login.example.com/", func(f *form, v string) { f.Iss = v })),
				field("scope", "Required scopes", "space or comma separated", k.text("scope", f.Scope, "orders:read orders:write", func(f *form, v string) { f.Scope = v })),
				field("require", "Required claims", "e.g. sub, aud, exp", k.text("require", f.Require, "sub aud exp", func(f *form, v string) { f.Require = v })),
				field("alg", "Allowed algorithms", "e.g. RS256 ES256", k.text("alg", f.Alg, "RS256", func(f *form, v string) { f.Alg = v })),
				field("leeway", "Clock leeway", "e.g. 30s, 2m", k.text("leeway", f.Leeway, "0s", func(f *form, v string) { f.Leeway = v })),
				field("now", "Analysis time", "RFC 3339 or Unix seconds; empty: your clock", k.text("now", f.Now, "2026-11-22T09:00:00Z", func(f *form, v string) { f.Now = v })),
			),
			app.If(k.Err != "", func() app.UI {
				return app.P().ID("form-error").Class("form-error").Role("alert").Text(k.Err + " (ignored for now)")
			}),
		),
	)
}

// field is a labelled control with an optional hint.
func field(id, label, hint string, control app.UI) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		control,
		app.If(hint != "", func() app.UI { return app.Span().Class("hint small").Text(hint) }),
	)
}

func (k *keysPanel) text(id, value, placeholder string, set func(*form, string)) app.UI {
	return app.Input().ID(id).Type("text").Class("in").Spellcheck(false).
		Attr("autocomplete", "off").Placeholder(placeholder).Value(value).
		OnInput(onKey("a key or expectation field", id, k.set(set)))
}

func (k *keysPanel) set(apply func(*form, string)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		f := k.Form
		apply(&f, ctx.JSSrc().Get("value").String())
		k.Form = f
		ctx.NewActionWithValue(actionForm, f)
	}
}

func (k *keysPanel) setBool(apply func(*form, bool)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		f := k.Form
		apply(&f, ctx.JSSrc().Get("checked").Bool())
		k.Form = f
		ctx.NewActionWithValue(actionForm, f)
	}
}

func (k *keysPanel) fetch(kind string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		ctx.NewActionWithValue(actionFetch, kind)
	}
}

func (k *keysPanel) forget(ctx app.Context, e app.Event) {
	ctx.NewAction(actionForget)
}

// fetchResult shows, next to the fetch buttons, what the last fetch gave:
// the engine's keys.fetch_failed findings (which explain CORS failures and
// the paste fallback), or the keys it found.
func (k *keysPanel) fetchResult() app.UI {
	if k.FetchKind == "" || k.Fetching != "" || k.Rep == nil {
		return nil
	}
	var failed []report.Finding
	for _, f := range k.Rep.Findings {
		if f.Code == report.KeysFetchFailed {
			failed = append(failed, f)
		}
	}
	if len(failed) > 0 {
		return app.Div().ID("fetch-result").Class("fetch-result failed").Role("status").Body(
			app.Range(failed).Slice(func(i int) app.UI {
				f := failed[i]
				return app.Div().Class("fetch-failure").DataSet("code", f.Code).Body(
					app.P().Body(app.Strong().Text(f.Title)),
					app.If(f.Detail != "", func() app.UI { return app.P().Text(f.Detail) }),
					app.If(f.Fix != "", func() app.UI {
						return app.P().Body(app.Strong().Text("Fix: "), app.Text(f.Fix))
					}),
				)
			}),
		)
	}
	n := 0
	origin := ""
	for _, key := range k.Rep.Keys {
		if key.Source == "jwks-url" || key.Source == "discovery" {
			n++
			if origin == "" {
				origin = key.Origin
			}
		}
	}
	if n == 0 {
		return app.P().ID("fetch-result").Class("fetch-result").Role("status").Text("The fetch returned no keys.")
	}
	msg := "Fetched " + strconv.Itoa(n) + " " + plural(n, "key", "keys")
	if origin != "" {
		msg += " from " + origin
	}
	return app.P().ID("fetch-result").Class("fetch-result ok").Role("status").Text(msg + "; they stay in memory for the next analyses.")
}
