package server

import "net/http"

// ContentSecurityPolicy is the policy sent on every response. The page loads
// only its own scripts, styles, manifest and worker; WebAssembly compilation
// is allowed ('wasm-unsafe-eval', never 'unsafe-eval'); the JWKS and discovery
// fetches may go to any https issuer, and to loopback http for local issuers.
// Nothing may frame the page (frame-ancestors), nothing may be posted
// (form-action) and no <base> may re-root its URLs.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
	"manifest-src 'self'; worker-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*"

// MetaContentSecurityPolicy is ContentSecurityPolicy as the static build
// carries it in <meta http-equiv="Content-Security-Policy"> for hosts that
// cannot set headers. A policy delivered by <meta> cannot carry
// frame-ancestors (browsers ignore it there, with a console warning), so the
// X-Frame-Options and frame-ancestors protections need real headers.
const MetaContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; " +
	"manifest-src 'self'; worker-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*"

// PermissionsPolicy denies every powerful feature the page never uses, and
// opts out of Topics (browsing-topics), the interest-based advertising API
// that succeeded FLoC. Only features current Chromium recognises are listed:
// it logs an error for each unknown one, and a browser test fails on those.
// So interest-cohort=() (FLoC, removed), bluetooth, join-ad-interest-group,
// run-ad-auction and attribution-reporting (unrecognised by Chromium 156)
// are not sent.
const PermissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), " +
	"encrypted-media=(), gamepad=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), " +
	"local-fonts=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), " +
	"publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), " +
	"browsing-topics=()"

// SecurityHeaders are set on every response the server writes, whatever its
// status (200, 304, 404, 405, …). The example configurations in deploy/ send
// the same values; a test keeps them in step.
var SecurityHeaders = []struct{ Name, Value string }{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Permissions-Policy", PermissionsPolicy},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
	{"X-Frame-Options", "DENY"},
}

// Cache-Control values. Everything under AssetDir is named by the build's
// content hash, so it never changes and may be cached for a year; the
// entry points (pages, the worker, the manifest) must be revalidated on every
// use so that a new build is picked up.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
)

// AssetDir is the directory, relative to the site's base, that holds the
// build's versioned assets: AssetDir/VERSION/{app.js,app.css,wasm_exec.js,web/…}.
// internal/site writes it; the server and deploy/ configs mark it immutable.
const AssetDir = "v"

func setSecurityHeaders(h http.Header) {
	for _, kv := range SecurityHeaders {
		h[kv.Name] = []string{kv.Value}
	}
}
