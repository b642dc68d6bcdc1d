// Package deploy holds the example hosting configurations for the static
// build, embedded so tests and the benchmark use exactly the shipped text:
//
//   - nginx.conf: a complete nginx configuration (Debian's nginx, without the
//     brotli module) serving the build with the headers, media types,
//     precompressed variants (RFC 9110 §12.5.3), ETags and caching of
//     `authdebug serve`;
//   - _headers: the same headers for static hosts that read a _headers file
//     (Netlify, Cloudflare Pages).
//
// Native-only; never linked into app.wasm.
package deploy
