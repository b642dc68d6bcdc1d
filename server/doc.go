// Package server is authdebug's static server: it serves the built site
// (embedded in the binary, or a directory), and optionally the JWKS relay.
// It is native-only and never linked into app.wasm.
package server
