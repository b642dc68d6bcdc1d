package discovery_test

import (
	"context"
	"fmt"
	"time"

	"github.com/authdebug/authdebug/internal/keys/discovery"
)

// A caching fetcher for repeated analyses: within the TTL the issuer is
// asked once. (A token whose kid is missing from the cached JWKS makes
// keys.Verify fetch it once more, rate-limited by MinRefetch.)
func ExampleNewCache() {
	calls := 0
	upstream := discovery.FetcherFunc(func(ctx context.Context, url string) ([]byte, error) {
		calls++
		return []byte(`{"keys":[]}`), nil
	})
	// The clock is injected: the CLI passes time.Now, tests a fake.
	clock := func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }
	c := discovery.NewCache(upstream, 5*time.Minute, clock)
	for i := 0; i < 3; i++ {
		_, _ = c.Fetch(context.Background(), "https://issuer.example/jwks")
	}
	fmt.Println(calls)
	// Output: 1
}
