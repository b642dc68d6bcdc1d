package relay

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// maxHops bounds the hop count ClientIPFrom accepts.
const maxHops = 16

// ClientIPFrom returns an Options.ClientIP that takes the client address
// from header, as written by the trusted reverse proxies in front of the
// server, for the rate limit.
//
// Each proxy appends the address it received the request from, so only
// the right end of the list is trustworthy: everything to the left may
// have been sent by the client itself. hops is the number of trusted
// proxies that append to the header: 1 takes the right-most entry (one
// proxy, e.g. nginx's $proxy_add_x_forwarded_for), 2 the one before it.
// Every line of the header counts, in order. The header may be
// X-Forwarded-For (a comma-separated list, de facto), a single-address
// header such as X-Real-IP, or Forwarded (RFC 7239 §4, its for=
// parameters). When the header is absent, shorter than hops, or the entry
// at that hop is not an IP address (RFC 7239 "unknown" or an obfuscated
// identifier), the peer address (RemoteAddr) is used.
//
// Use it only when every request reaches the server through those
// proxies; otherwise a client picks its own rate-limit key.
func ClientIPFrom(header string, hops int) (func(*http.Request) string, error) {
	if header == "" || strings.ContainsAny(header, " \t\r\n:,;\"") {
		return nil, fmt.Errorf("%w: header name %q", ErrClientIPHeader, header)
	}
	if hops < 1 || hops > maxHops {
		return nil, fmt.Errorf("%w: hops must be 1 to %d, not %d", ErrClientIPHeader, maxHops, hops)
	}
	name := http.CanonicalHeaderKey(header)
	forwarded := name == "Forwarded"
	return func(r *http.Request) string {
		if ip, ok := hopAddr(r.Header.Values(name), hops, forwarded); ok {
			return ip
		}
		return peerIP(r)
	}, nil
}

// hopAddr returns the address hops entries from the right of the header
// lines vs, normalised (IPv4-mapped unmapped, zone dropped).
func hopAddr(vs []string, hops int, forwarded bool) (string, bool) {
	if hops < 1 {
		return "", false
	}
	var entries []string
	for _, v := range vs {
		entries = append(entries, strings.Split(v, ",")...)
	}
	if len(entries) < hops {
		return "", false
	}
	e := strings.TrimSpace(entries[len(entries)-hops])
	if forwarded {
		var ok bool
		if e, ok = forParam(e); !ok {
			return "", false
		}
	}
	a, ok := parseNode(e)
	if !ok {
		return "", false
	}
	return a.String(), true
}

// forParam returns the for= value of one Forwarded element (RFC 7239 §4),
// unquoted.
func forParam(elem string) (string, bool) {
	for _, pair := range strings.Split(elem, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "for") {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		return v, true
	}
	return "", false
}

// parseNode reads "1.2.3.4", "1.2.3.4:80", "2001:db8::1", "[2001:db8::1]"
// or "[2001:db8::1]:80".
func parseNode(s string) (netip.Addr, bool) {
	if s == "" {
		return netip.Addr{}, false
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil {
			return a.Unmap().WithZone(""), true
		}
	}
	return netip.Addr{}, false
}

// peerIP is the host of RemoteAddr.
func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
