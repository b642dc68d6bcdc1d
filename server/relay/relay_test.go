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

func TestPublicAddr(t *testing.T) {
	cases := map[string]bool{
		"8.8.8.8": true, "1.1.1.1": true, "2606:4700:4700::1111": true, "64:ff9b::808:808": true,
		"127.0.0.1": false, "127.8.8.8": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"fc00::1": false, "fd12:3456::1": false, "169.254.169.254": false, "fe80::1": false, "100.64.0.1": false,
		"100.100.100.200": false, "224.0.0.1": false, "ff02::1": false, "0.0.0.0": false, "::": false,
		"255.255.255.255": false, "240.0.0.1": false, "192.0.2.1": false, "2001:db8::1": false, "::ffff:10.0.0.1": false,
		"64:ff9b::7f00:1": false, "2002:7f00:1::1": false, "2002:808:808::1": true, "fd00:ec2::254": false, "2001::1": false,
		"198.18.0.1": false, "192.0.0.192": false,
	}
	for s, want := range cases {
		if got := publicAddr(netip.MustParseAddr(s)); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", s, got, want)
		}
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

// control is the authoritative check, on the address actually dialled.
func TestControl(t *testing.T) {
	h := New(Options{}).(*handler)
	for addr, ok := range map[string]bool{
		"8.8.8.8:443": true, "[2606:4700:4700::1111]:443": true,
		"127.0.0.1:443": false, "[::1]:443": false, "169.254.169.254:80": false, "[fd00:ec2::254]:80": false,
		"10.0.0.1:443": false, "[::ffff:192.168.0.1]:443": false, "garbage": false,
	} {
		if err := h.control("tcp", addr, nil); (err == nil) != ok {
			t.Errorf("control(%s) = %v, want allowed=%v", addr, err, ok)
		}
	}
	// A test hook allows exactly what it names.
	hook := New(Options{AllowAddr: func(ap netip.AddrPort) bool { return ap == netip.MustParseAddrPort("127.0.0.1:8443") }}).(*handler)
	if hook.control("tcp", "127.0.0.1:8443", nil) != nil || hook.control("tcp", "127.0.0.1:8444", nil) == nil {
		t.Error("AllowAddr hook is not exact")
	}
}
