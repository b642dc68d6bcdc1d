package ui

import (
	"strings"

	"github.com/authdebug/authdebug/internal/render"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// actionStatus announces a message in the page's polite status line
// (value: the message).
const actionStatus = "authdebug.status"

// verdictBar is the verdict banner with the report's actions: who must act,
// "Copy report" (Markdown, with a fallback box when the clipboard refuses)
// and the share-link panel. It owns the panel's state; what it announces
// goes to the page's status line (actionStatus).
type verdictBar struct {
	app.Compo

	Rep  *report.Report
	Text string // the text Rep was computed from
	// Current is set when Text is still what the paste box holds: only
	// then may the Markdown quote it and a share link carry it.
	Current bool
	Form    form // the expectations a share link carries
	// Reset changes when the input changed: a copied report or a share
	// link made before no longer fits it. Close changes when an example
	// replaced the input: the share panel closes too.
	Reset, Close int

	seenReset, seenClose int
	shareOpen            bool
	shareURL             string
	copyText             string // shown when the clipboard refused the report
}

func (v *verdictBar) OnInit() {
	v.seenReset, v.seenClose = v.Reset, v.Close
}

func (v *verdictBar) OnUpdate(ctx app.Context) {
	if v.Reset != v.seenReset {
		v.seenReset = v.Reset
		v.copyText, v.shareURL = "", ""
	}
	if v.Close != v.seenClose {
		v.seenClose = v.Close
		v.shareOpen, v.shareURL, v.copyText = false, "", ""
	}
}

func (v *verdictBar) Render() (out app.UI) {
	defer guard("verdict", &out)
	r := v.Rep
	sev, side := "ok", ""
	if len(r.Findings) > 0 {
		sev, side = string(r.Findings[0].Severity), string(r.Findings[0].Side)
	}
	if sev != string(report.Error) {
		side = ""
	}
	return app.Section().ID("verdict-banner").Class("verdict sev-"+sev).Aria("labelledby", "verdict-h").Body(
		app.H2().ID("verdict-h").Class("verdict-h").Text(verdictHeading(sev)),
		app.P().ID("verdict").Class("verdict-text").Text(r.Verdict),
		app.If(len(r.Inputs) > 0, func() app.UI { return app.P().ID("read-as").Class("hint read-as").Text(render.ReadAs(r)) }),
		app.If(side != "", func() app.UI {
			return app.P().Class("who").Body(
				app.Span().Class("who-label").Text("Who must act: "),
				app.Strong().ID("verdict-side").Text(sideText(side)),
			)
		}),
		app.Div().Class("actions").Body(
			app.Button().ID("copy-report").Class("btn primary").Type("button").Text("Copy report").
				Title("Copy the diagnosis as Markdown for a ticket (credentials as fingerprints)").
				OnClick(on("Copy report", v.copyReport)),
			app.Button().ID("share-open").Class("btn").Type("button").Text("Share link…").
				Aria("expanded", v.shareOpen).Aria("controls", "share-panel").
				OnClick(on("the share button", v.toggleShare)),
		),
		app.If(v.copyText != "", func() app.UI {
			return app.Div().Class("copy-fallback").Body(
				app.Label().For("copy-fallback").Text("The browser did not let the page use the clipboard. Select this text and copy it:"),
				app.Textarea().ID("copy-fallback").ReadOnly(true).Rows(8).Text(v.copyText),
			)
		}),
		app.If(v.shareOpen, v.renderShare),
	)
}

func (v *verdictBar) renderShare() app.UI {
	return app.Div().ID("share-panel").Class("share").Role("region").Aria("labelledby", "share-h").Body(
		app.H3().ID("share-h").Text("Share this diagnosis as a link"),
		app.P().Class("warn").Text("The link carries your pasted text after the # of the address, which browsers never send to a server. What the analysis recognised as a credential or a signature is removed first; your secret and keys are left out. Everything else stays as pasted — the headers and claims of tokens, and personal data in them, included: remove what must not be shared first."),
		app.P().ID("share-removes").Text(v.shareNote()),
		app.If(v.shareURL == "", func() app.UI {
			return app.Div().Class("actions").Body(
				app.Button().ID("share-create").Class("btn primary").Type("button").Text("Create link").OnClick(on("Create link", v.createShare)),
				app.Button().Class("btn").Type("button").Text("Cancel").OnClick(on("the share button", v.toggleShare)),
			)
		}).Else(func() app.UI {
			return app.Div().Class("share-out").Body(
				app.Label().For("share-url").Text("Link (copied to the clipboard if the browser allowed it):"),
				app.Input().ID("share-url").Type("text").ReadOnly(true).Value(v.shareURL),
			)
		}),
	)
}

func verdictHeading(sev string) string {
	switch sev {
	case "error":
		return "Most likely cause"
	case "warning":
		return "Nothing explains a refusal for sure"
	case "info":
		return "Nothing here explains a refusal"
	}
	return "Verdict"
}

func sideText(side string) string {
	switch side {
	case "client":
		return "the client (the caller)"
	case "server":
		return "the server (the API or its issuer)"
	case "both":
		return "both the client and the server"
	}
	return side
}

// announce puts msg in the page's status line.
func announce(ctx app.Context, msg string) {
	ctx.NewActionWithValue(actionStatus, msg)
}

func (v *verdictBar) copyReport(ctx app.Context, e app.Event) {
	if v.Rep == nil {
		return
	}
	md := render.Markdown(v.Rep)
	if v.Current {
		md = render.MarkdownWithInput(v.Rep, v.Text)
	}
	copyText(ctx, md, func(ctx app.Context, ok bool) {
		if ok {
			v.copyText = ""
			announce(ctx, "Report copied as Markdown.")
			return
		}
		v.copyText = md
		announce(ctx, "The clipboard is not available; the report is shown for you to copy.")
	})
}

func (v *verdictBar) toggleShare(ctx app.Context, e app.Event) {
	v.shareOpen = !v.shareOpen
	v.shareURL = ""
	if v.shareOpen {
		ctx.Defer(func(app.Context) {
			if el := app.Window().GetElementByID("share-create"); el.Truthy() {
				el.Call("focus")
			}
		})
	}
}

func (v *verdictBar) createShare(ctx app.Context, e app.Event) {
	u := app.Window().URL()
	base := ""
	if u != nil {
		base = u.Scheme + "://" + u.Host + u.Path
	}
	// The text the Report was made from, so that its redactions fit it.
	frag, err := encodeShare(v.Text, v.shareRep(), v.Form)
	if err != nil {
		announce(ctx, "No share link: "+strings.TrimPrefix(err.Error(), errNoShare.Error()+": ")+".")
		return
	}
	v.shareURL = base + "#" + frag
	copyText(ctx, v.shareURL, func(ctx app.Context, ok bool) {
		if ok {
			announce(ctx, "Share link copied.")
		}
	})
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("share-url"); el.Truthy() {
			el.Call("focus")
			el.Call("select")
		}
	})
}
