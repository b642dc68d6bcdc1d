package relay

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeResolver maps host names to addresses.
type fakeResolver map[string][]netip.Addr

func (f fakeResolver) LookupNetIP(_ context.Context, _ string, host string) ([]netip.Addr, error) {
	if a, ok := f[host]; ok {
		return a, nil
	}
	return nil, &dnsError{host}
}

type dnsError struct{ host string }

func (e *dnsError) Error() string { return "no such host " + e.host }

var loopback = []netip.Addr{netip.MustParseAddr("127.0.0.1")}

// upstream is a TLS test server on 127.0.0.1 that counts every request
// and records the headers it got.
type upstream struct {
	srv     *httptest.Server
	hits    atomic.Int64
	mu      sync.Mutex
	headers []http.Header
}

func newUpstream(t *testing.T, h http.HandlerFunc) *upstream {
	u := &upstream{}
	u.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.hits.Add(1)
		u.mu.Lock()
		u.headers = append(u.headers, r.Header.Clone())
		u.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(u.srv.Close)
	return u
}

func (u *upstream) addrPort() netip.AddrPort {
	p, _ := url.Parse(u.srv.URL)
	return netip.MustParseAddrPort(p.Host)
}

func (u *upstream) port() string { return strings.Split(u.srv.Listener.Addr().String(), ":")[1] }

// tlsTrusting trusts the httptest certificate (valid for example.com and
// 127.0.0.1), which every httptest TLS server shares.
func tlsTrusting(u *upstream) *tls.Config {
	pool := x509.NewCertPool()
	pool.AddCert(u.srv.Certificate())
	return &tls.Config{RootCAs: pool}
}

const jwksBody = `{"keys":[{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}]}`

func get(t *testing.T, h http.Handler, method, target string, hdr http.Header) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "/relay?url="+url.QueryEscape(target), nil)
	r.RemoteAddr = "203.0.113.9:5555"
	for k, v := range hdr {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestSSRFGuard: a loopback target must receive nothing, however it is
// reached.
func TestSSRFGuard(t *testing.T) {
	target := newUpstream(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, jwksBody) })
	var public *upstream
	public = newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-loopback-ip":
			http.Redirect(w, r, "https://127.0.0.1:"+target.port()+"/jwks", http.StatusFound)
		case "/to-loopback-name":
			http.Redirect(w, r, "https://example.com:"+target.port()+"/jwks", http.StatusFound)
		case "/to-http":
			http.Redirect(w, r, "http://example.com:"+target.port()+"/jwks", http.StatusFound)
		case "/to-metadata":
			http.Redirect(w, r, "https://169.254.169.254/latest/meta-data/", http.StatusFound)
		}
	})
	// example.com "resolves" to 127.0.0.1; only the public server's exact
	// address and port are allowed, standing in for a public host.
	h := New(Options{
		Resolver:  fakeResolver{"example.com": loopback},
		AllowAddr: func(ap netip.AddrPort) bool { return ap == public.addrPort() },
		AllowPort: func(uint16) bool { return true },
		TLSConfig: tlsTrusting(target),
	})
	cases := []struct {
		name   string
		url    string
		status int
	}{
		{"loopback IP", "https://127.0.0.1:" + target.port() + "/jwks", http.StatusForbidden},
		{"IPv6 loopback", "https://[::1]:" + target.port() + "/jwks", http.StatusForbidden},
		{"IPv4-mapped loopback", "https://[::ffff:127.0.0.1]:" + target.port() + "/jwks", http.StatusForbidden},
		{"hostname resolving to loopback", "https://example.com:" + target.port() + "/jwks", http.StatusForbidden},
		{"localhost by name", "https://localhost:" + target.port() + "/jwks", http.StatusForbidden},
		{"public redirect to the loopback IP", "https://example.com:" + public.port() + "/to-loopback-ip", http.StatusForbidden},
		{"public redirect to a name resolving to loopback", "https://example.com:" + public.port() + "/to-loopback-name", http.StatusForbidden},
		{"public redirect to http", "https://example.com:" + public.port() + "/to-http", http.StatusBadGateway},
		{"public redirect to the metadata address", "https://example.com:" + public.port() + "/to-metadata", http.StatusForbidden},
		{"plain http", "http://example.com:" + target.port() + "/jwks", http.StatusBadRequest},
		{"metadata.google.internal", "https://metadata.google.internal/computeMetadata/v1/", http.StatusForbidden},
		{"AWS metadata", "https://169.254.169.254/latest/meta-data/", http.StatusForbidden},
		{"AWS IPv6 metadata", "https://[fd00:ec2::254]/latest/meta-data/", http.StatusForbidden},
		{"private 10/8", "https://10.0.0.1/jwks", http.StatusForbidden},
		{"credentials in the URL", "https://user:pw@example.com:" + public.port() + "/jwks", http.StatusBadRequest},
		{"no url", "", http.StatusBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := get(t, h, http.MethodGet, c.url, nil)
			if w.Code != c.status {
				t.Errorf("status %d, want %d: %s", w.Code, c.status, w.Body)
			}
			if w.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q", w.Header().Get("Cache-Control"))
			}
			var e map[string]string
			if json.Unmarshal(w.Body.Bytes(), &e) != nil || e["error"] == "" {
				t.Errorf("error body %q", w.Body)
			}
		})
	}
	if n := target.hits.Load(); n != 0 {
		t.Fatalf("the loopback target received %d requests", n)
	}
}

func TestRelaySuccess(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/jwk-set+json")
		http.SetCookie(w, &http.Cookie{Name: "track", Value: "1"})
		_, _ = io.WriteString(w, jwksBody)
	})
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	h := New(Options{
		Resolver:  fakeResolver{"example.com": loopback},
		AllowAddr: func(ap netip.AddrPort) bool { return ap == up.addrPort() },
		AllowPort: func(p uint16) bool { return p == up.addrPort().Port() },
		TLSConfig: tlsTrusting(up),
		Now:       func() time.Time { return now },
	})
	u := "https://example.com:" + up.port() + "/jwks"
	hdr := http.Header{"Cookie": {"session=secret"}, "Authorization": {"Bearer eyJ.secret"}, "X-Custom": {"1"}}
	w := get(t, h, http.MethodGet, u, hdr)
	if w.Code != http.StatusOK || w.Body.String() != jwksBody {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	if w.Header().Get("Cache-Control") != "no-store" || w.Header().Get("Access-Control-Allow-Origin") != "" || w.Header().Get("Set-Cookie") != "" {
		t.Errorf("headers %v", w.Header())
	}
	got := up.headers[0]
	for _, k := range []string{"Cookie", "Authorization", "X-Custom", "Referer", "Origin"} {
		if got.Get(k) != "" {
			t.Errorf("forwarded %s: %q", k, got.Get(k))
		}
	}
	if got.Get("User-Agent") != "authdebug-relay" {
		t.Errorf("User-Agent %q", got.Get("User-Agent"))
	}

	t.Run("cached for the TTL", func(t *testing.T) {
		get(t, h, http.MethodGet, u, nil)
		if n := up.hits.Load(); n != 1 {
			t.Errorf("upstream hits %d, want 1", n)
		}
		now = now.Add(DefaultCacheTTL)
		get(t, h, http.MethodGet, u, nil)
		if n := up.hits.Load(); n != 2 {
			t.Errorf("after TTL upstream hits %d, want 2", n)
		}
	})
	t.Run("HEAD", func(t *testing.T) {
		w := get(t, h, http.MethodHead, u, nil)
		if w.Code != http.StatusOK || w.Body.Len() != 0 {
			t.Errorf("%d %q", w.Code, w.Body)
		}
	})
	t.Run("POST is 405", func(t *testing.T) {
		before := up.hits.Load()
		w := get(t, h, http.MethodPost, u, nil)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%d Allow=%q", w.Code, w.Header().Get("Allow"))
		}
		if up.hits.Load() != before {
			t.Error("POST reached the upstream")
		}
	})
}

func TestRelayLimits(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			_, _ = io.WriteString(w, `"`+strings.Repeat("a", DefaultMaxBytes)+`"`)
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(3 * time.Second):
			}
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html>login</html>")
		case "/text":
			_, _ = io.WriteString(w, "not json")
		case "/404":
			http.NotFound(w, r)
		case "/r0", "/r1", "/r2", "/r3":
			n := r.URL.Path[2] - '0'
			http.Redirect(w, r, "/r"+string('0'+n+1), http.StatusFound)
		case "/r4":
			_, _ = io.WriteString(w, jwksBody)
		}
	})
	h := New(Options{
		Timeout:   300 * time.Millisecond,
		Resolver:  fakeResolver{"example.com": loopback},
		AllowAddr: func(ap netip.AddrPort) bool { return ap == up.addrPort() },
		AllowPort: func(p uint16) bool { return p == up.addrPort().Port() },
		TLSConfig: tlsTrusting(up),
	})
	base := "https://example.com:" + up.port()
	cases := []struct {
		path   string
		status int
		msg    string
	}{
		{"/big", http.StatusBadGateway, "over 1048576 bytes"},
		{"/slow", http.StatusGatewayTimeout, "no answer within"},
		{"/html", http.StatusBadGateway, "HTML"},
		{"/text", http.StatusBadGateway, "not JSON"},
		{"/404", http.StatusBadGateway, "HTTP 404"},
		{"/r0", http.StatusBadGateway, "more than 3 redirects"},
		{"/r1", http.StatusOK, ""}, // exactly 3 redirects
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			start := time.Now()
			w := get(t, h, http.MethodGet, base+c.path, nil)
			if w.Code != c.status || !strings.Contains(w.Body.String(), c.msg) {
				t.Errorf("%d %s, want %d %q", w.Code, w.Body, c.status, c.msg)
			}
			if c.path == "/slow" && time.Since(start) > 2*time.Second {
				t.Errorf("the time cap did not apply")
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	h := New(Options{RatePerMinute: 2, Now: func() time.Time { return now }})
	req := func(ip string) int {
		r := httptest.NewRequest(http.MethodGet, "/relay", nil) // no url: 400 when allowed
		r.RemoteAddr = ip + ":1"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	if a, b, c := req("198.51.100.1"), req("198.51.100.1"), req("198.51.100.1"); a != 400 || b != 400 || c != http.StatusTooManyRequests {
		t.Errorf("codes %d %d %d", a, b, c)
	}
	if req("198.51.100.2") != 400 {
		t.Error("another client was limited")
	}
	now = now.Add(30 * time.Second)
	if req("198.51.100.1") != 400 {
		t.Error("the bucket did not refill")
	}
}

// The production defaults refuse loopback without any hook: a plain
// handler must never reach a local server.
func TestDefaultsRefuseLoopback(t *testing.T) {
	target := newUpstream(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, jwksBody) })
	h := New(Options{})
	w := get(t, h, http.MethodGet, target.srv.URL+"/jwks", nil)
	if w.Code != http.StatusForbidden || target.hits.Load() != 0 {
		t.Errorf("%d %s, hits %d", w.Code, w.Body, target.hits.Load())
	}
}

// TestGenericErrors: what the relay answers names no resolver, no dial
// error and no internal address, whatever went wrong.
func TestGenericErrors(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, jwksBody) })
	closed := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {})
	closedPort := closed.port()
	closed.srv.Close()
	h := New(Options{
		Resolver: fakeResolver{
			"example.com":   loopback,
			"private.test":  {netip.MustParseAddr("10.1.2.3"), netip.MustParseAddr("192.168.7.7")},
			"refused.test":  loopback,
			"metadata.test": {netip.MustParseAddr("169.254.169.254")},
		},
		AllowAddr: func(ap netip.AddrPort) bool { return ap.Addr() == loopback[0] && ap.Port() != up.addrPort().Port() },
		AllowPort: func(uint16) bool { return true },
		TLSConfig: tlsTrusting(up),
	})
	cases := []struct {
		name   string
		url    string
		status int
	}{
		{"name resolving to loopback", "https://example.com:" + up.port() + "/jwks", http.StatusForbidden},
		{"name resolving to private addresses", "https://private.test/jwks", http.StatusForbidden},
		{"name resolving to metadata", "https://metadata.test/jwks", http.StatusForbidden},
		{"unknown host", "https://nxdomain.test/jwks", http.StatusBadGateway},
		{"connection refused", "https://refused.test:" + closedPort + "/jwks", http.StatusBadGateway},
		{"literal private address", "https://10.9.8.7/jwks", http.StatusForbidden},
		{"blocked name", "https://metadata.google.internal/", http.StatusForbidden},
		{"bad URL", "https://[::1/x", http.StatusBadRequest},
	}
	leaks := []string{"127.0.0.1", "10.1.2.3", "192.168.7.7", "169.254.169.254", "10.9.8.7", "no such host", "nxdomain", "refused.test",
		"connection refused", "dial", "lookup", "private.test", "metadata", "[::1"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := get(t, h, http.MethodGet, c.url, nil)
			if w.Code != c.status {
				t.Errorf("status %d, want %d: %s", w.Code, c.status, w.Body)
			}
			for _, l := range leaks {
				if strings.Contains(w.Body.String(), l) {
					t.Errorf("the answer leaks %q: %s", l, w.Body)
				}
			}
		})
	}
}

// TestPort443Only: without the test hook, any port but 443 is refused
// before anything is dialled.
func TestPort443Only(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, jwksBody) })
	h := New(Options{
		Resolver:  fakeResolver{"example.com": loopback},
		AllowAddr: func(ap netip.AddrPort) bool { return ap == up.addrPort() },
		TLSConfig: tlsTrusting(up),
	})
	cases := []struct {
		name   string
		url    string
		status int
	}{
		{"test server port", "https://example.com:" + up.port() + "/jwks", http.StatusForbidden},
		{"8443", "https://example.com:8443/jwks", http.StatusForbidden},
		{"22", "https://example.com:22/", http.StatusForbidden},
		{"explicit 443 is fine up to the dial", "https://example.com:443/jwks", http.StatusForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := get(t, h, http.MethodGet, c.url, nil)
			if w.Code != c.status {
				t.Errorf("status %d, want %d: %s", w.Code, c.status, w.Body)
			}
		})
	}
	if n := up.hits.Load(); n != 0 {
		t.Fatalf("a non-443 port was dialled: %d requests", n)
	}
	t.Run("redirect to another port", func(t *testing.T) {
		pub := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://example.com:8443/jwks", http.StatusFound)
		})
		h := New(Options{
			Resolver:  fakeResolver{"example.com": loopback},
			AllowAddr: func(ap netip.AddrPort) bool { return ap == pub.addrPort() },
			AllowPort: func(p uint16) bool { return p == pub.addrPort().Port() },
			TLSConfig: tlsTrusting(pub),
		})
		w := get(t, h, http.MethodGet, "https://example.com:"+pub.port()+"/", nil)
		if w.Code != http.StatusForbidden {
			t.Errorf("status %d: %s", w.Code, w.Body)
		}
	})
}
