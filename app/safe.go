package ui

import (
	"fmt"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/render"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A panic while rendering one part of the page must not take the page
// down: every component's Render defers guard, which replaces the part by
// an internal.error finding that can be copied into a bug report.

// guard recovers a panic of a Render and substitutes the crash box for its
// result. Use it as: defer guard("findings", &out).
func guard(part string, out *app.UI) {
	if v := recover(); v != nil {
		*out = crashUI(part, v)
	}
}

// safe renders f, or the crash box when f panics.
func safe(part string, f func() app.UI) (out app.UI) {
	defer guard(part, &out)
	return f()
}

func crashUI(part string, v any) app.UI {
	return crashFor(part, fmt.Sprintf("rendering the %s: %v", part, v))
}

func crashFor(part, what string) app.UI {
	rep := analyze.Internal(time.Now(), what)
	return app.Div().Class("crash-wrap").Body(&crashBox{Part: part, Rep: &rep})
}

// actionCrash reports a panic of an event handler to the page (value: what
// failed), which shows it as an internal.error until the next report.
const actionCrash = "authdebug.crash"

// catch recovers a panic of an event or action handler, so that it becomes
// a visible internal.error instead of stopping the Go program, and with it
// the page.
func catch(ctx app.Context, what string) {
	if v := recover(); v != nil {
		ctx.NewActionWithValue(actionCrash, fmt.Sprintf("handling %s: %v", what, v))
	}
}

// on wraps an event handler with catch, for OnClick(on("Clear", d.onClear)).
// It also scopes the handler by what (and key): go-app tells a changed
// handler from the old one by its code pointer and scope, and every
// wrapper has the same code pointer. One wrapper rather than a defer in
// each handler: in WebAssembly every function with a defer costs code.
func on(what string, h app.EventHandler) (app.EventHandler, app.EventOption) {
	return onKey(what, "", h)
}

// onKey is on for handlers made per item (key: the item's id).
func onKey(what, key string, h app.EventHandler) (app.EventHandler, app.EventOption) {
	return func(ctx app.Context, e app.Event) {
		defer catch(ctx, what)
		h(ctx, e)
	}, app.EventScope(what + "/" + key)
}

// handle wraps an action handler with catch.
func handle(what string, h app.ActionHandler) app.ActionHandler {
	return func(ctx app.Context, a app.Action) {
		defer catch(ctx, what)
		h(ctx, a)
	}
}

// crashBox shows an internal.error finding in place of a part that failed
// to render, with a button copying it as Markdown.
type crashBox struct {
	app.Compo

	Part string
	Rep  *report.Report

	copied bool
}

func (c *crashBox) Render() app.UI {
	var f report.Finding
	if c.Rep != nil && len(c.Rep.Findings) > 0 {
		f = c.Rep.Findings[0]
	}
	label := "Copy error report"
	if c.copied {
		label = "Copied"
	}
	return app.Div().
		Class("finding sev-error crash").
		Role("alert").
		DataSet("code", report.InternalError).
		Body(
			app.P().Class("f-title").Body(
				app.Span().Class("badge sev-error").Text("error"),
				app.Text(" authdebug failed while showing the "+c.Part),
			),
			app.P().Text(f.Detail),
			app.P().Class("f-fix").Text(f.Fix),
			app.P().Class("f-evidence").Body(
				app.Span().Class("f-label").Text("Evidence "),
				app.Code().Text(f.Evidence),
			),
			app.Button().Class("btn").Type("button").Text(label).OnClick(on("the copy button", c.copy)),
		)
}

func (c *crashBox) copy(ctx app.Context, e app.Event) {
	if c.Rep == nil {
		return
	}
	copyText(ctx, render.Markdown(c.Rep), func(ctx app.Context, ok bool) {
		c.copied = ok
	})
}

// copyText writes text to the clipboard and calls done on the UI goroutine
// with whether it worked.
func copyText(ctx app.Context, text string, done func(ctx app.Context, ok bool)) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		done(ctx, false)
		return
	}
	var ok, fail app.Func
	release := func() {
		ok.Release()
		fail.Release()
	}
	ok = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer catch(ctx, "the clipboard")
		ctx.Dispatch(func(ctx app.Context) { done(ctx, true) })
		release()
		return nil
	})
	fail = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer catch(ctx, "the clipboard")
		ctx.Dispatch(func(ctx app.Context) { done(ctx, false) })
		release()
		return nil
	})
	clip.Call("writeText", text).Call("then", ok, fail)
}
