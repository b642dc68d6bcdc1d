// Package httpfetch is the native CLI's discovery.Fetcher: a plain HTTP GET with
// a 5 s timeout, a 1 MiB cap, no cookies and User-Agent "authdebug", for
// JWKS and discovery documents (RFC 7517 §5, RFC 8414 §3, OpenID Connect
// Discovery 1.0 §4).
//
// Its connections go through internal/netguard (RFC 6890 special-purpose
// addresses): the URLs a token leads to — its iss, the metadata's
// jwks_uri and their redirects — reach only public addresses, unless the
// user passes --allow-private or typed the URL themselves (--jwks).
//
// NATIVE ONLY: it imports net/http, which must never be linked into the
// browser build (the browser fetches with its own fetch API, in wasm/).
// Every file but this one is built with `!js`, so importing the package
// from a GOOS=js build fails to compile instead of silently growing
// app.wasm.
package httpfetch
