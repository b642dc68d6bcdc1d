package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Register declares the page routes. Both the wasm entry point and the native
// static-site builder call it, so prerendered pages match the live app.
func Register() {
	app.Route("/", func() app.Composer { return &page{} })
}
