// Package discovery fetches the documents keys.Load reads from the
// network — JWK Sets and issuer metadata — without fetching anything
// itself: a Fetcher is injected (the browser's fetch in wasm/, httpfetch
// in the CLI, a test fake), and Cache adds a short TTL and a rate-limited
// re-fetch for rotated keys. It lists an issuer's metadata URLs, reads the
// metadata's issuer and jwks_uri, checks that a URL may be fetched, and
// describes a fetched body that is not what was expected without quoting
// it. It imports no net/http, so that the browser build stays small.
//
// Which fetched keys are trusted, and the findings about a failed fetch,
// are package keys' business.
//
// Specifications:
//   - RFC 8414 OAuth 2.0 Authorization Server Metadata (§2 metadata, §3 well-known URLs)
//   - OpenID Connect Discovery 1.0 (§3 metadata, §4 obtaining it)
//   - RFC 7517 §5 (JWK Set documents)
package discovery
