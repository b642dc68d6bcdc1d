//go:build js && wasm

// Command wasm is the browser entry point, built with GOOS=js GOARCH=wasm to
// web/app.wasm. It links the UI and the engine, and nothing of the native
// server or CLI: the only syscall/js code of the project lives here (the
// window.authdebug API and the fetch adapter).
package main

import (
	ui "github.com/authdebug/authdebug/app"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	installAPI()
	ui.SetFetcher(browserFetcher{})
	ui.SetVerifier(sigVerifier)
	ui.Register()
	app.RunWhenOnBrowser()
}
