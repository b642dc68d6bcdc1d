package analyze

import (
	"context"
	"time"

	"github.com/authdebug/authdebug/internal/keys"
)

// Fetcher GETs a URL and returns the body. The browser passes one built on
// window.fetch (wasm/), the CLI one built on net/http; the engine itself
// never touches the network. Its method set matches discovery.Fetcher.
type Fetcher interface {
	Fetch(ctx context.Context, url string) ([]byte, error)
}

// Verifier checks RSA, RSA-PSS, ECDSA and Ed25519 signatures for the engine:
// the CLI passes Go's crypto (keys/gocrypto), the page WebCrypto (wasm/).
type Verifier = keys.SigVerifier

// Input is what the user pasted.
type Input struct {
	Text string
}

type settings struct {
	now      time.Time
	leeway   time.Duration
	aud, iss string
	require  []string
	scope    []string
	secret   string
	keyText  string
	jwksURL  string
	discover bool
	// allowHTTP lets discovery follow http:// issuers and jwks_uris.
	allowHTTP bool
	algs      []string
	reveal    bool
	fetcher   Fetcher
	verifier  keys.SigVerifier
	progress  func(done, total int)
	fault     string
}

// Option configures Run.
type Option func(*settings)

// WithNow sets the analysis clock (the browser's or CLI's clock, or --now).
func WithNow(t time.Time) Option { return func(s *settings) { s.now = t.UTC() } }

// WithLeeway allows clock leeway in the time checks.
func WithLeeway(d time.Duration) Option { return func(s *settings) { s.leeway = d } }

// WithAudience sets the audience the API expects in aud ("" checks none).
func WithAudience(aud string) Option { return func(s *settings) { s.aud = aud } }

// WithIssuer sets the expected issuer, compared exactly with iss; it also
// decides whether keys discovered from the token's own iss are trusted.
func WithIssuer(iss string) Option { return func(s *settings) { s.iss = iss } }

// WithRequire names claims that must be present (sub, aud, exp, …).
func WithRequire(claims ...string) Option { return func(s *settings) { s.require = claims } }

// WithScope names the scopes the call needs.
func WithScope(scopes ...string) Option { return func(s *settings) { s.scope = scopes } }

// WithSecret gives an HMAC secret to verify HS* tokens with.
func WithSecret(secret string) Option { return func(s *settings) { s.secret = secret } }

// WithKeyText gives PEM, JWK or JWKS text to verify with.
func WithKeyText(text string) Option { return func(s *settings) { s.keyText = text } }

// WithJWKSURL asks for the JWKS at url to be fetched (through the fetcher).
func WithJWKSURL(url string) Option { return func(s *settings) { s.jwksURL = url } }

// WithDiscover asks for the token issuer's discovery document to be fetched.
func WithDiscover(on bool) Option { return func(s *settings) { s.discover = on } }

// WithAllowHTTP lets discovery follow http:// issuers and jwks_uris
// (--allow-http); OpenID Connect Discovery and RFC 8414 require https.
func WithAllowHTTP(on bool) Option { return func(s *settings) { s.allowHTTP = on } }

// WithAlgs restricts the accepted signature algorithms.
func WithAlgs(algs []string) Option { return func(s *settings) { s.algs = algs } }

// WithReveal shows credentials in full instead of fingerprints.
func WithReveal(on bool) Option { return func(s *settings) { s.reveal = on } }

// WithFetcher gives the fetcher used for --jwks and --discover. Without one,
// asking for a fetch yields a keys.fetch_failed finding.
func WithFetcher(f Fetcher) Option { return func(s *settings) { s.fetcher = f } }

// WithVerifier gives the checker of RSA, ECDSA and Ed25519 signatures: the
// browser passes one on WebCrypto (wasm/), the CLI and tests gocrypto.New().
// Without one those signatures are reported as unchecked; HMAC needs none.
func WithVerifier(v keys.SigVerifier) Option { return func(s *settings) { s.verifier = v } }

// WithProgress is called between units of work (HAR entries, tokens) with
// how many are done out of how many. In the browser it lets a long analysis
// yield to the event loop and show progress.
func WithProgress(f func(done, total int)) Option { return func(s *settings) { s.progress = f } }

// withFault makes Run panic at the named stage ("analyze"); only tests use
// it, to check that a panic becomes an internal.error finding.
func withFault(stage string) Option { return func(s *settings) { s.fault = stage } }

// Options turns the Config into Run options. local is the caller's clock,
// used when Config.Now is empty.
func (c Config) Options(local time.Time) ([]Option, error) {
	now := local
	if c.Now != "" {
		t, err := ParseNow(c.Now)
		if err != nil {
			return nil, err
		}
		now = t
	}
	leeway, err := ParseLeeway(c.Leeway)
	if err != nil {
		return nil, err
	}
	return []Option{
		WithNow(now),
		WithLeeway(leeway),
		WithAudience(c.Aud), WithIssuer(c.Iss), WithRequire(c.Require...), WithScope(c.Scope...),
		WithSecret(c.Secret),
		WithKeyText(c.Key),
		WithJWKSURL(c.JWKS),
		WithDiscover(c.Discover),
		WithAllowHTTP(c.AllowHTTP),
		WithAlgs(c.Alg),
		WithReveal(c.Reveal),
	}, nil
}
