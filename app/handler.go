package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Register declares the page routes. Both the wasm entry point and the native
// static-site builder call it, so prerendered pages match the live app.
func Register() {
	app.Route("/", func() app.Composer { return &debugger{} })
}

// Handler is the go-app handler configuration for the site. version must come
// from the build's content (not the clock) so builds are reproducible.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:        "authdebug",
		ShortName:   "authdebug",
		Title:       "authdebug — why did the API answer 401?",
		Description: "Paste a JWT, an Authorization header, a 401 response, a curl -v transcript, a curl command or a HAR export: authdebug explains why the request was refused and what to change. Everything runs in your browser.",
		Lang:        "en",
		Icon: app.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-512.png",
			SVG:     "/web/icon.svg",
		},
		BackgroundColor: "#0f172a",
		ThemeColor:      "#0f172a",
		LoadingLabel:    "Loading the debugger… {progress}%",
		Styles:          []string{"/web/authdebug.css"},
		Version:         version,
	}
}
