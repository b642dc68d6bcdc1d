package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// debugger is the page: a paste box and the Report of what was pasted.
type debugger struct {
	app.Compo

	input string
	rep   *report.Report
	ready bool // mounted in the browser: the prerendered page is now live
}

func (d *debugger) OnMount(ctx app.Context) {
	d.ready = true
}

func (d *debugger) Render() app.UI {
	return app.Main().Class("page").DataSet("ready", d.ready).Body(
		app.Header().Class("top").Body(
			app.H1().Text("authdebug"),
			app.P().Class("tagline").Text("Why did the API answer 401? Paste what you have. Nothing leaves this page."),
		),
		app.Label().For("paste").Class("label").Text("Token, header, response, curl -v, curl command or HAR"),
		app.Textarea().
			ID("paste").
			Class("paste").
			Placeholder("eyJhbGciOi…").
			Spellcheck(false).
			AutoFocus(true).
			Text(d.input).
			OnInput(d.onInput),
		d.renderReport(),
	)
}

func (d *debugger) onInput(ctx app.Context, e app.Event) {
	d.input = ctx.JSSrc().Get("value").String()
	rep := analyze.Run(context.Background(), analyze.Input{Text: d.input}, analyze.WithNow(time.Now()))
	d.rep = &rep
}

func (d *debugger) renderReport() app.UI {
	if d.rep == nil || len(d.rep.Inputs) == 0 {
		return app.P().ID("empty").Class("hint").Text("Paste something above to see why it was refused.")
	}
	r := d.rep
	return app.Section().ID("report").Body(
		app.P().ID("verdict").Class("verdict").Text(r.Verdict),
		app.Range(r.Findings).Slice(func(i int) app.UI {
			f := r.Findings[i]
			return app.Div().Class("finding "+string(f.Severity)).DataSet("code", f.Code).Body(
				app.Strong().Text(f.Title),
				app.P().Text(f.Detail),
			)
		}),
		app.Range(r.Tokens).Slice(func(i int) app.UI {
			t := r.Tokens[i]
			return app.Div().Class("token").Body(
				app.H2().Text("Header"),
				app.Pre().ID("token-header").Text(pretty(t.Header)),
				app.H2().Text("Payload"),
				app.Pre().ID("token-payload").Text(pretty(t.Payload)),
			)
		}),
	)
}

func pretty(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "(does not decode)"
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}
