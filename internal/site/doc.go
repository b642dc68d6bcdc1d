// Package site generates the self-hostable static site: go-app's static
// generation of the prerendered pages, PWA worker and manifest, plus the
// hand-written assets of web/ and the WebAssembly build web/app.wasm. It is
// native-only (it runs an in-process HTTP server to prerender pages) and is
// never linked into app.wasm.
//
// Layout of a build for base "/" (every URL is prefixed by the base, e.g.
// "/tools/authdebug/", when built with one):
//
//	index.html             prerendered page ("/"), one NAME.html per go-app route
//	404.html               the not-found page
//	app-worker.js          go-app's service worker (offline use), at the base so its scope is the site
//	manifest.webmanifest   the PWA manifest, scope and start_url = base
//	v/VERSION/             immutable assets: app.js, app.css, wasm_exec.js, web/ (app.wasm, CSS, icons)
//	.authdebug-site        marker: the version and base (never served)
//
// Assets are versioned by URL rather than served under fixed names with
// no-cache: everything under v/VERSION/ may be cached for a year
// ("immutable"), and a new build changes every asset URL at once, so
// neither a browser cache nor a CDN can mix two builds, and the service
// worker's install of a new version never reads a stale app.wasm from the
// HTTP cache. Only the entry points (pages, app-worker.js, the manifest)
// revalidate. No rewrite rule is needed on any host: the directory exists.
//
// VERSION is a hash of everything the build writes (computed by building
// once with a placeholder version), so a change to any input gives new asset
// URLs while two builds of one commit are byte-identical. Every text asset
// and app.wasm is also written precompressed: NAME.br (brotli, quality 11)
// and NAME.gz (gzip, best compression, no name and zero mtime in its header,
// RFC 1952). Every page carries the Content-Security-Policy as a
// <meta http-equiv> (W3C CSP Level 3 §3.3) as its first element after the
// charset, for hosts that cannot set headers. go-app's prerendered HTML is
// normalised: attributes sorted (go-app writes them in map order, which
// would break reproducibility) and values HTML-escaped (go-app writes them
// with strconv.Quote, which breaks on a double quote).
package site
