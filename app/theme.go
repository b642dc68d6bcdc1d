package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// themeKey is where the chosen theme is kept in localStorage.
const themeKey = "authdebug.theme"

// themeToggle is the light/dark theme button. It owns the theme: nothing
// else on the page needs it. The choice is kept in localStorage and set as
// data-theme on the document element; without a choice the page follows
// prefers-color-scheme.
type themeToggle struct {
	app.Compo

	theme string // "", "light" or "dark"
	ready bool   // mounted in the browser: matchMedia may be asked
}

func (t *themeToggle) OnMount(ctx app.Context) {
	t.ready = true
	t.theme = loadTheme()
	applyTheme(t.theme)
}

func (t *themeToggle) Render() (out app.UI) {
	defer guard("theme button", &out)
	dark := t.effectiveDark()
	label := "Dark theme"
	return app.Button().ID("theme").Class("btn theme").Type("button").
		Aria("pressed", dark).
		Title("Switch between the light and the dark theme").
		OnClick(on("the theme button", t.toggle)).
		Body(
			app.Span().Class("theme-icon").Aria("hidden", true).Text(map[bool]string{true: "☾", false: "☀"}[dark]),
			app.Text(" "+label),
		)
}

func (t *themeToggle) effectiveDark() bool {
	switch t.theme {
	case "dark":
		return true
	case "light":
		return false
	}
	if !t.ready {
		return false
	}
	mq := app.Window().Call("matchMedia", "(prefers-color-scheme: dark)")
	return mq.Truthy() && mq.Get("matches").Truthy()
}

func (t *themeToggle) toggle(ctx app.Context, e app.Event) {
	if t.effectiveDark() {
		t.theme = "light"
	} else {
		t.theme = "dark"
	}
	applyTheme(t.theme)
	if ls := app.Window().Get("localStorage"); ls.Truthy() {
		ls.Call("setItem", themeKey, t.theme)
	}
}

func loadTheme() string {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	v := ls.Call("getItem", themeKey)
	if v.Type() != app.TypeString {
		return ""
	}
	switch s := v.String(); s {
	case "light", "dark":
		return s
	}
	return ""
}

func applyTheme(theme string) {
	root := app.Window().Get("document").Get("documentElement")
	if !root.Truthy() {
		return
	}
	if theme == "" {
		root.Call("removeAttribute", "data-theme")
		return
	}
	root.Call("setAttribute", "data-theme", theme)
}
