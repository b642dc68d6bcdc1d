//go:build !wasm

// The handler configuration is used natively only, by the static-site
// builder: the browser build leaves go-app's server half out (see
// tools/goappwasm).

package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// AssetDir is where, under the site's base path, the build puts the
// versioned assets: AssetDir/VERSION/{app.js,app.css,wasm_exec.js,web/…}.
// server.AssetDir must agree (a test in internal/site checks).
const AssetDir = "v"

// Handler is the go-app handler configuration for the site served at base
// ("/" or like "/tools/authdebug/"). version must come from the build's
// content (not the clock) so builds are reproducible; it also names the
// directory of the versioned assets, which can then be cached forever.
func Handler(version, base string) *app.Handler {
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
		BackgroundColor:    "#0f172a",
		ThemeColor:         "#0f172a",
		LoadingLabel:       "Loading the debugger… {progress}%",
		Styles:             []string{"/web/authdebug.css"},
		Scripts:            []string{"/web/theme.js"},
		CacheableResources: []string{"/web/icon.svg"},
		Version:            version,
		Resources:          Resolver(version, base),
	}
}

// Resolver returns go-app's resource resolver for a site served at base:
// go-app's own scripts and stylesheet (/app.js, /app.css, /wasm_exec.js) and
// everything under /web/ resolve into base + AssetDir/VERSION/, other paths
// (pages, /app-worker.js, /manifest.webmanifest) into base. The worker stays
// at the base so its scope covers the pages.
func Resolver(version, base string) app.ResourceResolver {
	if base == "" {
		base = "/"
	}
	return resolver{base: base, assets: base + AssetDir + "/" + version + "/"}
}

type resolver struct{ base, assets string }

func (r resolver) Resolve(loc string) string {
	switch {
	case strings.HasPrefix(loc, "https://") || strings.HasPrefix(loc, "http://") || strings.HasPrefix(loc, "data:"):
		return loc
	case loc == "" || loc == "/":
		return r.base
	case loc == "/web" || loc == "web":
		return r.assets + "web"
	case strings.HasPrefix(loc, "/web/") || strings.HasPrefix(loc, "web/"),
		loc == "/app.js", loc == "/app.css", loc == "/wasm_exec.js":
		return r.assets + strings.TrimPrefix(loc, "/")
	case strings.HasPrefix(loc, "/"):
		return r.base + loc[1:]
	}
	return loc // relative: left to the browser
}
