package discovery

import "context"

// MaxBody is the largest JWKS or discovery document Get (and so keys.Load)
// accepts (1 MiB).
const MaxBody = 1 << 20

// Fetcher GETs documents for keys.Load: JWKS and discovery metadata.
type Fetcher interface {
	// Fetch GETs url and returns the body. Implementations: the browser's
	// fetch (in wasm/), httpfetch (native CLI), and test fakes. Errors wrap
	// ErrCORS when the browser blocked the response, StatusError for a
	// non-2xx answer, ErrFetch otherwise.
	Fetch(ctx context.Context, url string) ([]byte, error)
}

// Refetcher is a Fetcher that can be asked to bypass its cache. keys.Verify uses
// it once per JWKS URL when a token's kid is missing from a fetched JWKS
// (the issuer may have rotated its keys since the copy was cached).
type Refetcher interface {
	Fetcher
	// Refetch GETs url again, ignoring a cached copy. It returns an error
	// wrapping ErrRateLimited when the cached copy is too recent, or
	// ErrRefetchDeclined when it may not fetch now.
	Refetch(ctx context.Context, url string) ([]byte, error)
}

// FetcherFunc adapts a function to Fetcher.
type FetcherFunc func(ctx context.Context, url string) ([]byte, error)

// Fetch calls f.
func (f FetcherFunc) Fetch(ctx context.Context, url string) ([]byte, error) { return f(ctx, url) }

// Get GETs u with f and bounds the body: ErrNoFetcher when f is nil,
// ErrTooLarge for a body over MaxBody, else f's error.
func Get(ctx context.Context, f Fetcher, u string) ([]byte, error) {
	if f == nil {
		return nil, ErrNoFetcher
	}
	body, err := f.Fetch(ctx, u)
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBody {
		return nil, ErrTooLarge
	}
	return body, nil
}
