// Package server is authdebug's static server: it serves the built site
// (embedded in the binary, or a directory written by `authdebug build`), and
// optionally the JWKS relay. It is native-only and never linked into app.wasm.
//
// At start-up it reads the whole site into memory, pairs every file with the
// precompressed variants the build wrote beside it (name.br, name.gz; checked
// to decompress to the file, else dropped), and precomputes a strong ETag
// (a content hash) for each variant. Requests are answered from that table:
//
//   - Content coding by proactive negotiation on Accept-Encoding, with
//     q-values, "identity;q=0" and "*" (RFC 9110 §12.5.3), Vary:
//     Accept-Encoding, and 406 when nothing acceptable exists (§15.5.7).
//   - Quoted strong ETags, distinct per coding, and 304 Not Modified on
//     If-None-Match by weak comparison (RFC 9110 §8.8.3, §13.1.2, §15.4.5).
//     There is no Last-Modified (builds are reproducible, so mtimes mean
//     nothing) and no Range support: ranges are optional (§14.2), app.wasm is
//     streamed whole by WebAssembly.instantiateStreaming, and ranges over a
//     content-coded variant help no client of this site.
//   - Cache-Control: the build's versioned assets (AssetDir/VERSION/…) are
//     immutable for a year (RFC 8246); pages, the worker and the manifest
//     are "no-cache" (revalidate with the ETag every time).
//   - Clean URLs for go-app routes (/x → x.html), GET and HEAD only (405 with
//     Allow), no directory listings, no dotfiles or README, no path with
//     "..", ".", a backslash or a control byte (400), a 404 page.
//   - The security headers of SecurityHeaders on every response.
//
// Operations: read-header, read, write and idle timeouts, MaxHeaderBytes,
// graceful shutdown when the context ends (in-flight requests complete), and
// a one-line access log that never holds a query string, a header or a
// credential.
package server
