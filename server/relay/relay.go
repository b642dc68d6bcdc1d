package relay

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/authdebug/authdebug/internal/netguard"
)

// Production defaults.
const (
	DefaultTimeout       = 5 * time.Second
	DefaultMaxBytes      = 1 << 20
	DefaultMaxRedirects  = 3
	DefaultCacheTTL      = 60 * time.Second
	DefaultRatePerMinute = 30
	maxCacheEntries      = 256
	maxInflight          = 16
	maxLimiterEntries    = 10000
	userAgent            = "authdebug-relay"
)

// Resolver looks up a host's addresses; *net.Resolver implements it.
type Resolver = netguard.Resolver

// msgNotAllowed is the one answer for every target the guard refuses: it
// says what the relay fetches, never what the target resolved to.
const msgNotAllowed = "the URL is not allowed: the relay fetches only public https hosts on port 443"

// Options configure the relay. The zero value is the production setting;
// the test hooks only ever add exceptions the caller asks for.
type Options struct {
	// Timeout bounds one relayed fetch, redirects included (default 5 s).
	Timeout time.Duration
	// MaxBytes caps the relayed body (default 1 MiB).
	MaxBytes int64
	// MaxRedirects caps redirects followed (default 3).
	MaxRedirects int
	// CacheTTL is how long a relayed body is served from memory (default 60 s).
	CacheTTL time.Duration
	// RatePerMinute is the requests one client IP may make per minute,
	// with the same burst (default 30).
	RatePerMinute int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// ClientIP names the client for rate limiting (default: the host of
	// RemoteAddr; ClientIPFrom builds one for a trusted proxy's header).
	ClientIP func(*http.Request) string

	// Test hooks: nil in production.

	// Resolver replaces net.DefaultResolver.
	Resolver Resolver
	// AllowAddr is consulted only for an address the guard refuses, and
	// may allow it (tests allow one httptest server's address and port).
	AllowAddr func(netip.AddrPort) bool
	// TLSConfig replaces the default TLS client configuration (tests trust
	// an httptest TLS server's certificate).
	TLSConfig *tls.Config
	// AllowPort is consulted only for a port other than 443, and may allow
	// it (tests allow an httptest server's port).
	AllowPort func(uint16) bool
}

// New returns the relay handler.
func New(opts Options) http.Handler {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.CacheTTL <= 0 {
		opts.CacheTTL = DefaultCacheTTL
	}
	if opts.RatePerMinute <= 0 {
		opts.RatePerMinute = DefaultRatePerMinute
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	h := &handler{
		opts:     opts,
		cache:    map[string]cacheEntry{},
		limiter:  map[string]*bucket{},
		inflight: make(chan struct{}, maxInflight),
	}
	h.guard = &netguard.Dialer{Resolver: opts.Resolver, Allow: opts.AllowAddr, Timeout: opts.Timeout}
	tr := &http.Transport{
		Proxy:                  nil, // a proxy would dial for us and bypass the address check
		DialContext:            h.guard.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           8,
		IdleConnTimeout:        30 * time.Second,
		TLSHandshakeTimeout:    opts.Timeout,
		ResponseHeaderTimeout:  opts.Timeout,
		MaxResponseHeaderBytes: 64 << 10,
	}
	if opts.TLSConfig != nil {
		tr.TLSClientConfig = opts.TLSConfig.Clone()
	}
	h.client = &http.Client{
		Transport:     tr,
		Timeout:       opts.Timeout,
		CheckRedirect: h.checkRedirect,
	}
	return h
}

type handler struct {
	opts     Options
	client   *http.Client
	guard    *netguard.Dialer
	inflight chan struct{}

	mu      sync.Mutex
	cache   map[string]cacheEntry
	limiter map[string]*bucket
}

type cacheEntry struct {
	body []byte
	at   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// msgFailed is the one answer for a fetch that failed before an HTTP
// answer arrived (no such host, connection refused, TLS).
const msgFailed = "the URL could not be fetched"

// relayError is an answer to the client.
type relayError struct {
	status int
	msg    string
}

func (e *relayError) Error() string { return e.msg }

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "the relay only answers GET")
		return
	}
	if wait, ok := h.allow(h.clientIP(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+1)))
		writeError(w, http.StatusTooManyRequests, "too many relay requests from this address; try again shortly")
		return
	}
	target, err := h.checkTarget(r.URL.Query().Get("url"))
	if err != nil {
		if errors.Is(err, errForbidden) {
			writeError(w, http.StatusForbidden, msgNotAllowed)
			return
		}
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	key := target.String()
	body, ok := h.cached(key)
	if !ok {
		select {
		case h.inflight <- struct{}{}:
		default:
			writeError(w, http.StatusServiceUnavailable, "the relay is busy; try again shortly")
			return
		}
		body, err = h.fetch(r.Context(), target)
		<-h.inflight
		if err != nil {
			var re *relayError
			if errors.As(err, &re) {
				writeError(w, re.status, re.msg)
				return
			}
			writeError(w, http.StatusBadGateway, msgFailed)
			return
		}
		h.store(key, body)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(body)
	}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"error": msg})
	_, _ = w.Write(b)
}

// checkTarget validates the ?url= value. Its errors are the answer to the
// client: they never quote the parser's error or the resolved address.
func (h *handler) checkTarget(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("missing ?url= (the JWKS or discovery URL to fetch)")
	}
	if len(raw) > 2048 {
		return nil, errors.New("the URL is too long")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("not a URL")
	}
	if err := h.checkURL(u); err != nil {
		return nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// checkURL is applied to the first URL and to every redirect.
func (h *handler) checkURL(u *url.URL) error {
	switch {
	case u.Scheme != "https":
		return errors.New("only https URLs are relayed")
	case u.User != nil:
		return errors.New("URLs with credentials are not relayed")
	case u.Hostname() == "":
		return errors.New("the URL has no host")
	case netguard.BlockedHost(u.Hostname()):
		return fmt.Errorf("%w: blocked host", errForbidden)
	}
	if p := u.Port(); p != "" && p != "443" {
		n, err := strconv.ParseUint(p, 10, 16)
		if err != nil || h.opts.AllowPort == nil || !h.opts.AllowPort(uint16(n)) {
			return fmt.Errorf("%w: port %s", errForbidden, p)
		}
	}
	if a, err := netip.ParseAddr(u.Hostname()); err == nil && !netguard.Public(a) {
		return fmt.Errorf("%w: address", errForbidden)
	}
	return nil
}

func (h *handler) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > h.opts.MaxRedirects {
		return &relayError{http.StatusBadGateway, fmt.Sprintf("more than %d redirects", h.opts.MaxRedirects)}
	}
	if err := h.checkURL(req.URL); err != nil {
		if errors.Is(err, errForbidden) {
			return &relayError{http.StatusForbidden, "a redirect went to a URL the relay does not fetch: " + strings.TrimPrefix(msgNotAllowed, "the URL is not allowed: ")}
		}
		return &relayError{http.StatusBadGateway, "a redirect went to a URL the relay does not fetch: " + err.Error()}
	}
	return nil
}

// fetch GETs the target with nothing of the client's request.
func (h *handler) fetch(ctx context.Context, target *url.URL) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return nil, &relayError{http.StatusBadRequest, "not a URL"}
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	resp, err := h.client.Do(req)
	if err != nil {
		var re *relayError
		switch {
		case errors.As(err, &re):
			return nil, re
		case errors.Is(err, errForbidden) || errors.Is(err, netguard.ErrForbidden):
			return nil, &relayError{http.StatusForbidden, msgNotAllowed}
		case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
			return nil, &relayError{http.StatusGatewayTimeout, fmt.Sprintf("no answer within %s", h.opts.Timeout)}
		}
		// Neither the resolver's nor the dialer's words: they name
		// addresses and hosts of the network the relay runs in.
		return nil, &relayError{http.StatusBadGateway, msgFailed}
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &relayError{http.StatusBadGateway, fmt.Sprintf("the server answered HTTP %d", resp.StatusCode)}
	}
	if ct := strings.ToLower(resp.Header.Get("Content-Type")); strings.Contains(ct, "html") {
		return nil, &relayError{http.StatusBadGateway, "the server answered with HTML, not JSON"}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, h.opts.MaxBytes+1))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			return nil, &relayError{http.StatusGatewayTimeout, fmt.Sprintf("no answer within %s", h.opts.Timeout)}
		}
		return nil, &relayError{http.StatusBadGateway, "reading the answer failed"}
	}
	if int64(len(body)) > h.opts.MaxBytes {
		return nil, &relayError{http.StatusBadGateway, fmt.Sprintf("the answer is over %d bytes", h.opts.MaxBytes)}
	}
	if !json.Valid(body) {
		return nil, &relayError{http.StatusBadGateway, "the answer is not JSON"}
	}
	return body, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (h *handler) clientIP(r *http.Request) string {
	if h.opts.ClientIP != nil {
		return h.opts.ClientIP(r)
	}
	return peerIP(r)
}

// allow is a token bucket per client IP.
func (h *handler) allow(ip string) (time.Duration, bool) {
	now := h.opts.Now()
	rate := float64(h.opts.RatePerMinute) / 60 // tokens per second
	burst := float64(h.opts.RatePerMinute)
	h.mu.Lock()
	defer h.mu.Unlock()
	b, ok := h.limiter[ip]
	if !ok {
		if len(h.limiter) >= maxLimiterEntries {
			for k, v := range h.limiter {
				if v.tokens+now.Sub(v.at).Seconds()*rate >= burst {
					delete(h.limiter, k)
				}
			}
			if len(h.limiter) >= maxLimiterEntries {
				return time.Minute, false
			}
		}
		b = &bucket{tokens: burst, at: now}
		h.limiter[ip] = b
	}
	b.tokens = min(burst, b.tokens+now.Sub(b.at).Seconds()*rate)
	b.at = now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) / rate * float64(time.Second)), false
	}
	b.tokens--
	return 0, true
}

func (h *handler) cached(key string) ([]byte, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e, ok := h.cache[key]
	if !ok || h.opts.Now().Sub(e.at) >= h.opts.CacheTTL {
		return nil, false
	}
	return e.body, true
}

func (h *handler) store(key string, body []byte) {
	now := h.opts.Now()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.cache) >= maxCacheEntries {
		var oldest string
		var at time.Time
		for k, e := range h.cache {
			if now.Sub(e.at) >= h.opts.CacheTTL {
				delete(h.cache, k)
				continue
			}
			if oldest == "" || e.at.Before(at) {
				oldest, at = k, e.at
			}
		}
		if len(h.cache) >= maxCacheEntries {
			delete(h.cache, oldest)
		}
	}
	h.cache[key] = cacheEntry{body: body, at: now}
}
