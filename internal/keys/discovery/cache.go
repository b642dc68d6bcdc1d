package discovery

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Cache wraps a Fetcher with a short TTL so repeated analyses do not fetch
// the same JWKS again. Only successful bodies are cached. It is safe for
// concurrent use.
type Cache struct {
	f   Fetcher
	ttl time.Duration
	now func() time.Time

	// MinRefetch is how old a cached copy must be before Refetch fetches
	// again (a rate limit against tokens with made-up kids). Set it before
	// first use; NewCache sets 30 s.
	MinRefetch time.Duration

	mu sync.Mutex
	m  map[string]cacheEntry
}

type cacheEntry struct {
	body []byte
	at   time.Time
}

// maxCacheEntries bounds the cache; the oldest entry is dropped first.
const maxCacheEntries = 64

// NewCache returns a Cache over f. ttl is how long a body is served from
// the cache; now is the clock (a nil clock disables caching).
func NewCache(f Fetcher, ttl time.Duration, now func() time.Time) *Cache {
	return &Cache{f: f, ttl: ttl, now: now, MinRefetch: 30 * time.Second, m: map[string]cacheEntry{}}
}

// Fetch returns the cached body for url when it is younger than the TTL,
// else fetches and caches it.
func (c *Cache) Fetch(ctx context.Context, url string) ([]byte, error) {
	if c.now != nil {
		c.mu.Lock()
		e, ok := c.m[url]
		c.mu.Unlock()
		if ok && c.now().Sub(e.at) < c.ttl {
			return e.body, nil
		}
	}
	return c.fetch(ctx, url)
}

// Refetch fetches url again unless the cached copy is younger than
// MinRefetch, in which case it returns an error wrapping ErrRateLimited.
func (c *Cache) Refetch(ctx context.Context, url string) ([]byte, error) {
	if c.now != nil {
		c.mu.Lock()
		e, ok := c.m[url]
		c.mu.Unlock()
		if ok {
			if age := c.now().Sub(e.at); age < c.MinRefetch {
				return nil, fmt.Errorf("%w: the cached copy of %s is only %s old", ErrRateLimited, url, age.Round(time.Second))
			}
		}
	}
	return c.fetch(ctx, url)
}

// Age returns how long ago url was fetched, and whether it is cached.
func (c *Cache) Age(url string) (time.Duration, bool) {
	if c.now == nil {
		return 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[url]
	if !ok {
		return 0, false
	}
	return c.now().Sub(e.at), true
}

func (c *Cache) fetch(ctx context.Context, url string) ([]byte, error) {
	if c.f == nil {
		return nil, ErrNoFetcher
	}
	body, err := c.f.Fetch(ctx, url)
	if err != nil {
		return nil, err
	}
	if c.now != nil && len(body) <= MaxBody {
		c.mu.Lock()
		if _, ok := c.m[url]; !ok && len(c.m) >= maxCacheEntries {
			c.evictOldestLocked()
		}
		c.m[url] = cacheEntry{body: body, at: c.now()}
		c.mu.Unlock()
	}
	return body, nil
}

func (c *Cache) evictOldestLocked() {
	var oldest string
	var at time.Time
	first := true
	for k, e := range c.m {
		if first || e.at.Before(at) {
			oldest, at, first = k, e.at, false
		}
	}
	delete(c.m, oldest)
}
