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
	"syscall"
	"time"
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
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

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
	// RemoteAddr; set it when a trusted proxy fronts the server).
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
	if opts.Resolver == nil {
		opts.Resolver = net.DefaultResolver
	}
	h := &handler{
		opts:     opts,
		cache:    map[string]cacheEntry{},
		limiter:  map[string]*bucket{},
		inflight: make(chan struct{}, maxInflight),
	}
	h.dialer = &net.Dialer{Timeout: opts.Timeout, Control: h.control}
	tr := &http.Transport{
		Proxy:                  nil, // a proxy would dial for us and bypass the address check
		DialContext:            h.dialContext,
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
	dialer   *net.Dialer
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

// errForbidden marks a target the guard refuses.
var errForbidden = errors.New("refused")

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
	target, err := checkTarget(r.URL.Query().Get("url"))
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, errForbidden) {
			status = http.StatusForbidden
		}
		writeError(w, status, err.Error())
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
			writeError(w, http.StatusBadGateway, "fetching the URL failed: "+err.Error())
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

// checkTarget validates the ?url= value.
func checkTarget(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("missing ?url= (the JWKS or discovery URL to fetch)")
	}
	if len(raw) > 2048 {
		return nil, errors.New("the URL is too long")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("not a URL: " + err.Error())
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// checkURL is applied to the first URL and to every redirect.
func checkURL(u *url.URL) error {
	switch {
	case u.Scheme != "https":
		return errors.New("only https URLs are relayed")
	case u.User != nil:
		return errors.New("URLs with credentials are not relayed")
	case u.Hostname() == "":
		return errors.New("the URL has no host")
	case blockedHost(u.Hostname()):
		return fmt.Errorf("%w: %s is not a public host", errForbidden, u.Hostname())
	}
	if a, err := netip.ParseAddr(u.Hostname()); err == nil && !publicAddr(a) {
		return fmt.Errorf("%w: %s is not a public address", errForbidden, a)
	}
	return nil
}

func (h *handler) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > h.opts.MaxRedirects {
		return &relayError{http.StatusBadGateway, fmt.Sprintf("more than %d redirects", h.opts.MaxRedirects)}
	}
	if err := checkURL(req.URL); err != nil {
		status := http.StatusBadGateway
		if errors.Is(err, errForbidden) {
			status = http.StatusForbidden
		}
		return &relayError{status, "redirect " + err.Error()}
	}
	return nil
}

func (h *handler) allowed(ap netip.AddrPort) bool {
	if publicAddr(ap.Addr()) {
		return true
	}
	return h.opts.AllowAddr != nil && h.opts.AllowAddr(netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port()))
}

// dialContext resolves with the configured resolver and dials only
// allowed addresses; control re-checks the address actually dialled.
func (h *handler) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, portS, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.ParseUint(portS, 10, 16)
	if err != nil {
		return nil, err
	}
	var ips []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{a}
	} else {
		ips, err = h.opts.Resolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, err
		}
	}
	var refused []string
	var lastErr error
	for _, ip := range ips {
		ap := netip.AddrPortFrom(ip.Unmap(), uint16(port))
		if !h.allowed(ap) {
			refused = append(refused, ip.String())
			continue
		}
		conn, err := h.dialer.DialContext(ctx, network, ap.String())
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	if lastErr != nil {
		return nil, lastErr
	}
	if len(refused) > 0 {
		return nil, fmt.Errorf("%w: %s resolves to %s, not a public address", errForbidden, host, strings.Join(refused, ", "))
	}
	return nil, fmt.Errorf("%s has no address", host)
}

// control runs on the socket before it connects: the authoritative check.
func (h *handler) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: unparsable address %q", errForbidden, address)
	}
	if !h.allowed(ap) {
		return fmt.Errorf("%w: %s is not a public address", errForbidden, ap.Addr())
	}
	return nil
}

// fetch GETs the target with nothing of the client's request.
func (h *handler) fetch(ctx context.Context, target *url.URL) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return nil, &relayError{http.StatusBadRequest, err.Error()}
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	resp, err := h.client.Do(req)
	if err != nil {
		var re *relayError
		switch {
		case errors.As(err, &re):
			return nil, re
		case errors.Is(err, errForbidden):
			return nil, &relayError{http.StatusForbidden, trimErr(err)}
		case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
			return nil, &relayError{http.StatusGatewayTimeout, fmt.Sprintf("no answer within %s", h.opts.Timeout)}
		}
		return nil, &relayError{http.StatusBadGateway, "fetching the URL failed: " + trimErr(err)}
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

// trimErr drops the URL the http package prefixes to errors.
func trimErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func (h *handler) clientIP(r *http.Request) string {
	if h.opts.ClientIP != nil {
		return h.opts.ClientIP(r)
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
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
