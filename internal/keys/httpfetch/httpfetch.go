//go:build !js

package httpfetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/authdebug/authdebug/internal/keys"
)

// Limits of every fetch.
const (
	Timeout      = 5 * time.Second
	MaxBody      = keys.MaxBody
	MaxRedirects = 5
	UserAgent    = "authdebug"
)

type fetcher struct {
	client *http.Client
}

// New returns the native fetcher: GET with a 5 s timeout, a 1 MiB cap, no
// cookie jar, at most 5 redirects, proxies from the environment, and only
// the User-Agent and Accept headers.
func New() keys.Fetcher {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = Timeout
	return &fetcher{client: &http.Client{
		Timeout:   Timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", MaxRedirects)
			}
			return nil
		},
	}}
}

// Fetch GETs url. Errors wrap keys.ErrFetch; a non-2xx answer is a
// *keys.StatusError; a body over 1 MiB wraps keys.ErrTooLarge.
func (f *fetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", keys.ErrFetch, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/jwk-set+json, application/json;q=0.9, */*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w: no answer within %s", keys.ErrFetch, Timeout)
		}
		return nil, fmt.Errorf("%w: %v", keys.ErrFetch, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
		return nil, &keys.StatusError{Code: resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading the body: %v", keys.ErrFetch, err)
	}
	if len(body) > MaxBody {
		return nil, fmt.Errorf("%w (over %d bytes): %w", keys.ErrTooLarge, MaxBody, keys.ErrFetch)
	}
	return body, nil
}
