package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/authdebug/authdebug/internal/analyze"
)

// fetcher does the JWKS and discovery requests the user asks for with the
// "Fetch JWKS" and "Discover" buttons. The browser entry point (wasm/) sets
// one built on window.fetch; natively it stays nil.
var fetcher analyze.Fetcher

// SetFetcher installs the fetcher used by the fetch and discover buttons.
func SetFetcher(f analyze.Fetcher) { fetcher = f }

// verifier checks RSA, ECDSA and Ed25519 signatures; the browser entry point
// sets one built on WebCrypto.
var verifier analyze.Verifier

// SetVerifier installs the signature verifier the analyses use.
func SetVerifier(v analyze.Verifier) { verifier = v }

var (
	errNoFetcher  = errors.New("fetching keys is not available in this build of the page; paste the JWKS into the key box instead")
	errNotFetched = errors.New("not fetched yet: press “Fetch JWKS” or “Discover keys” to fetch it")
)

// fetchCache keeps, in memory only, the documents fetched at the user's
// request, so that later analyses (every keystroke) can use the fetched keys
// without making another request.
type fetchCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

const maxCached = 16

func (c *fetchCache) get(url string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[url]
	return b, ok
}

func (c *fetchCache) put(url string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string][]byte{}
	}
	if len(c.m) >= maxCached {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[url] = b
}

func (c *fetchCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

func (c *fetchCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}

// liveFetcher fetches through f and remembers what it got.
type liveFetcher struct {
	c *fetchCache
	f analyze.Fetcher
}

func (l liveFetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	if l.f == nil {
		return nil, errNoFetcher
	}
	b, err := l.f.Fetch(ctx, url)
	if err != nil {
		return nil, err
	}
	l.c.put(url, b)
	return b, nil
}

// Refetch declines: the copy was fetched during this very press of the
// button, so a kid missing from it is missing at the issuer too.
func (l liveFetcher) Refetch(_ context.Context, _ string) ([]byte, error) {
	return nil, fmt.Errorf("%w: it was fetched just now", analyze.ErrRefetchDeclined)
}

// cachedFetcher never touches the network: it answers from what the user
// fetched before.
type cachedFetcher struct{ c *fetchCache }

func (o cachedFetcher) Fetch(_ context.Context, url string) ([]byte, error) {
	if b, ok := o.c.get(url); ok {
		return b, nil
	}
	return nil, errNotFetched
}

// Refetch declines too, since only the buttons may reach the network; the
// note it leaves in signature.kid_not_found tells the user to press one.
func (o cachedFetcher) Refetch(_ context.Context, _ string) ([]byte, error) {
	return nil, fmt.Errorf("%w: the page fetches only when you ask; press “Fetch JWKS” (or “Discover keys”) for a fresh copy, in case the issuer rotated its keys since", analyze.ErrRefetchDeclined)
}
