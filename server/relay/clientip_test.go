package relay

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func TestClientIPFrom(t *testing.T) {
	cases := []struct {
		name   string
		header string
		hops   int
		values []string // header lines, in order
		want   string
	}{
		{"no header: the peer", "X-Forwarded-For", 1, nil, "192.0.2.10"},
		{"right-most entry", "X-Forwarded-For", 1, []string{"203.0.113.1, 198.51.100.7"}, "198.51.100.7"},
		{"a client's own entry is skipped", "X-Forwarded-For", 1, []string{"1.2.3.4", "198.51.100.7"}, "198.51.100.7"},
		{"two trusted hops", "X-Forwarded-For", 2, []string{"6.6.6.6, 203.0.113.1, 198.51.100.7"}, "203.0.113.1"},
		{"fewer entries than hops: the peer", "X-Forwarded-For", 3, []string{"203.0.113.1, 198.51.100.7"}, "192.0.2.10"},
		{"garbage at the hop: the peer", "X-Forwarded-For", 1, []string{"203.0.113.1, not-an-ip"}, "192.0.2.10"},
		{"port and brackets", "X-Forwarded-For", 1, []string{"[2001:db8::1]:4711"}, "2001:db8::1"},
		{"v4 with port", "X-Forwarded-For", 1, []string{"198.51.100.7:5555"}, "198.51.100.7"},
		{"mapped v4 is unmapped", "X-Forwarded-For", 1, []string{"::ffff:198.51.100.7"}, "198.51.100.7"},
		{"zone dropped", "X-Forwarded-For", 1, []string{"fe80::1%eth0"}, "fe80::1"},
		{"single-value header", "X-Real-IP", 1, []string{"198.51.100.8"}, "198.51.100.8"},
		{"header name is case-insensitive", "x-forwarded-for", 1, []string{"198.51.100.9"}, "198.51.100.9"},
		{"Forwarded: right-most for=", "Forwarded", 1, []string{`for=1.2.3.4;proto=https, for="[2001:db8:cafe::17]:4711";by=203.0.113.43`}, "2001:db8:cafe::17"},
		{"Forwarded: obfuscated is refused", "Forwarded", 1, []string{`for=_hidden`}, "192.0.2.10"},
		{"Forwarded: element without for", "Forwarded", 1, []string{`for=1.2.3.4, proto=https`}, "192.0.2.10"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := ClientIPFrom(c.header, c.hops)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest(http.MethodGet, "/relay", nil)
			r.RemoteAddr = "192.0.2.10:1234"
			for _, v := range c.values {
				r.Header.Add(c.header, v)
			}
			if got := f(r); got != c.want {
				t.Errorf("client IP %q, want %q", got, c.want)
			}
		})
	}
	for _, bad := range []struct {
		header string
		hops   int
	}{{"", 1}, {"X-Forwarded-For", 0}, {"X-Forwarded-For", 100}, {"Bad Header", 1}} {
		if _, err := ClientIPFrom(bad.header, bad.hops); !errors.Is(err, ErrClientIPHeader) {
			t.Errorf("ClientIPFrom(%q, %d) err = %v", bad.header, bad.hops, err)
		}
	}
}

// The rate limit counts the address the configured header names, and only
// when a header is configured.
func TestRateLimitByHeader(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	req := func(h http.Handler, xff string) int {
		r := httptest.NewRequest(http.MethodGet, "/relay", nil) // no url: 400 when allowed
		r.RemoteAddr = "192.0.2.1:1"                            // the proxy
		r.Header.Set("X-Forwarded-For", xff)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	t.Run("configured: per forwarded client", func(t *testing.T) {
		ip, err := ClientIPFrom("X-Forwarded-For", 1)
		if err != nil {
			t.Fatal(err)
		}
		h := New(Options{RatePerMinute: 1, Now: func() time.Time { return now }, ClientIP: ip})
		if a, b, c := req(h, "198.51.100.1"), req(h, "198.51.100.2"), req(h, "198.51.100.1"); a != 400 || b != 400 || c != http.StatusTooManyRequests {
			t.Errorf("codes %d %d %d", a, b, c)
		}
	})
	t.Run("not configured: the header is ignored", func(t *testing.T) {
		h := New(Options{RatePerMinute: 1, Now: func() time.Time { return now }})
		if a, b := req(h, "198.51.100.1"), req(h, "198.51.100.2"); a != 400 || b != http.StatusTooManyRequests {
			t.Errorf("codes %d %d: a spoofed header escaped the limit", a, b)
		}
	})
}

func FuzzClientIP(f *testing.F) {
	for _, s := range []string{"203.0.113.1, 198.51.100.7", "[2001:db8::1]:4711", `for="[::1]:1";by=x, for=1.2.3.4`, ",,,", "for=", `for="`, "::ffff:1.2.3.4%x"} {
		f.Add(s, 1, false)
		f.Add(s, 2, true)
	}
	f.Fuzz(func(t *testing.T, v string, hops int, forwarded bool) {
		got, ok := hopAddr([]string{v}, hops, forwarded)
		if ok {
			a, err := netip.ParseAddr(got)
			if err != nil || a.Is4In6() || a.Zone() != "" {
				t.Fatalf("hopAddr(%q, %d, %v) = %q, not a plain address", v, hops, forwarded, got)
			}
		}
	})
}
