// Command goappwasm prepares the browser build's copy of go-app, which keeps
// go-app's server half out of app.wasm.
//
// go-app v10 compiles its http.Handler (http.go) and its resource resolvers
// (resource.go) into the browser build too. They are never used there, but
// importing net/http links its package initialisation, and through
// crypto/tls and crypto/hpke that initialisation keeps P-256, Ed25519,
// ML-KEM and RSA code alive: measured on Go 1.26, removing them takes
// app.wasm from 2.08 MB to 1.78 MB brotli (DESIGN.md principle 6: server code
// never links into app.wasm).
//
// It leaves go.mod, the pinned go-app version and the module cache untouched,
// and changes nothing in native builds (prerendering and the static site use
// go-app as published). It copies the pinned module's pkg/app and pkg/errors
// from the module cache into a git-ignored directory, changes the copy, and
// writes a go.mod for the browser build (`go build -modfile`) that replaces
// go-app with the copy. The changes are derived from the source at build time
// (Go refuses -overlay for files in the module cache):
//
//   - http.go and resource.go get a `//go:build !wasm` constraint;
//   - the helpers the browser code needs from resource.go
//     (clientResourceResolver and the small functions after it) move to a new
//     wasm-only file;
//   - wasm.go loses its GenerateStaticWebsite stub, which only panics and
//     would otherwise need the server-side Handler type;
//   - route.go drops package regexp: the router looks regexp routes up on
//     every navigation, which links regexp, regexp/syntax and the Unicode
//     tables although authdebug registers none. In the copy, regexp routes
//     match nothing and app.RouteWithRegexp panics with a message naming
//     this tool. Measured on Go 1.26: 1.84 MB to 1.73 MB brotli.
//
// Every step checks that the source is what it expects and fails loudly
// otherwise (a go-app upgrade must revisit this tool).
//
//	go run ./tools/goappwasm -o .cache/goapp-wasm
//	GOOS=js GOARCH=wasm go build -modfile .cache/goapp-wasm/wasm.mod ./wasm
package main
