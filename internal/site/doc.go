// Package site generates the self-hostable static site: go-app's static
// generation of the prerendered pages, PWA worker and manifest, plus the
// hand-written assets of web/ and the WebAssembly build web/app.wasm. It is
// native-only (it runs an in-process HTTP server to prerender pages) and is
// never linked into app.wasm.
package site
