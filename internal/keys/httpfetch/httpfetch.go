//go:build !js

package httpfetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/netguard"
)

// Limits of every fetch.
const (
	Timeout      = 5 * time.Second
	MaxBody      = discovery.MaxBody
	MaxRedirects = 5
	UserAgent    = "authdebug"
)

// Options are the fetcher's exceptions to its address guard.
type Options struct {
	// AllowPrivate lets every fetch reach loopback, private, link-local
	// and metadata addresses (--allow-private), and use the proxies the
	// environment names (HTTPS_PROXY …), which the guard cannot see past.
	AllowPrivate bool
	// AllowHTTP lets a redirect go from https to http (--allow-http).
	AllowHTTP bool
	// Typed are URLs the user typed (--jwks): their host and port may be
	// any address. A redirect from them to another host is guarded.
	Typed []string
}

type fetcher struct {
	client *http.Client
}

// New returns the native fetcher with no exceptions to its guard: see
// NewWith.
func New() discovery.Fetcher { return NewWith(Options{}) }

// NewWith returns the native fetcher: GET with a 5 s timeout, a 1 MiB cap,
// no cookie jar, at most 5 redirects, and only the User-Agent and Accept
// headers. Every connection goes through internal/netguard: only public
// addresses, checked on the address actually dialled, unless
// opts.AllowPrivate, or the host and port are those of a URL in
// opts.Typed. The URLs a token leads to (its iss, the metadata's jwks_uri,
// their redirects) cannot be aimed inside the network the CLI runs in.
func NewWith(opts Options) discovery.Fetcher {
	typed := map[string]bool{}
	for _, raw := range opts.Typed {
		if a := hostPort(raw); a != "" {
			typed[a] = true
		}
	}
	guard := &netguard.Dialer{Timeout: Timeout}
	open := &net.Dialer{Timeout: Timeout}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = Timeout
	tr.Proxy = nil // a proxy dials for us: the guard would only see the proxy
	if opts.AllowPrivate {
		tr.Proxy = http.ProxyFromEnvironment
	}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if opts.AllowPrivate || typed[strings.ToLower(addr)] {
			return open.DialContext(ctx, network, addr)
		}
		return guard.DialContext(ctx, network, addr)
	}
	return &fetcher{client: &http.Client{
		Timeout:   Timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", MaxRedirects)
			}
			if !opts.AllowHTTP && req.URL.Scheme == "http" && via[len(via)-1].URL.Scheme == "https" {
				return errors.New("a redirect went from https to http (pass --allow-http to follow it)")
			}
			return nil
		},
	}}
}

// hostPort is the dial address of a URL: host:port, the port defaulted
// from the scheme, the host lower-cased.
func hostPort(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		default:
			return ""
		}
	}
	return strings.ToLower(net.JoinHostPort(u.Hostname(), port))
}

// Fetch GETs url. Errors wrap discovery.ErrFetch; a non-2xx answer is a
// *discovery.StatusError; a body over 1 MiB wraps discovery.ErrTooLarge.
func (f *fetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", discovery.ErrFetch, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/jwk-set+json, application/json;q=0.9, */*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		if errors.Is(err, netguard.ErrForbidden) {
			// Never the dialled address: the Report may be read by whoever
			// supplied the token.
			return nil, fmt.Errorf("%w: %w: the URL was not typed by you and its host is not a public address (loopback, private, link-local or cloud metadata); pass --allow-private to fetch it anyway", discovery.ErrFetch, netguard.ErrForbidden)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w: no answer within %s", discovery.ErrFetch, Timeout)
		}
		return nil, fmt.Errorf("%w: %v", discovery.ErrFetch, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
		return nil, &discovery.StatusError{Code: resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading the body: %v", discovery.ErrFetch, err)
	}
	if len(body) > MaxBody {
		return nil, fmt.Errorf("%w (over %d bytes): %w", discovery.ErrTooLarge, MaxBody, discovery.ErrFetch)
	}
	return body, nil
}
