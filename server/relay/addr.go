package relay

import (
	"net/netip"
	"strings"
)

// blockedPrefixes are special-purpose ranges (RFC 6890 and its updates)
// that netip's predicates do not cover.
var blockedPrefixes = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",          // "this network"
		"100.64.0.0/10",      // CGNAT, RFC 6598 (also Alibaba's metadata 100.100.100.200)
		"192.0.0.0/24",       // IETF protocol assignments
		"192.0.2.0/24",       // TEST-NET-1
		"198.18.0.0/15",      // benchmarking
		"198.51.100.0/24",    // TEST-NET-2
		"203.0.113.0/24",     // TEST-NET-3
		"240.0.0.0/4",        // reserved, and 255.255.255.255
		"::/96",              // IPv4-compatible (deprecated)
		"100::/64",           // discard-only
		"2001::/32",          // Teredo
		"2001:db8::/32",      // documentation
		"fec0::/10",          // site-local (deprecated)
		"fd00:ec2::254/128",  // AWS metadata over IPv6 (also inside fc00::/7)
		"169.254.169.254/32", // cloud metadata (also inside link-local)
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

var (
	nat64   = netip.MustParsePrefix("64:ff9b::/96")
	nat64l  = netip.MustParsePrefix("64:ff9b:1::/48")
	sixToFr = netip.MustParsePrefix("2002::/16")
)

// publicAddr reports whether a is a public unicast address the relay may
// connect to.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.Zone() != "" {
		return false
	}
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return false
		}
	}
	// Translation prefixes embed an IPv4 address: judge that one.
	if nat64.Contains(a) || nat64l.Contains(a) {
		b := a.As16()
		return publicAddr(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	}
	if sixToFr.Contains(a) {
		b := a.As16()
		return publicAddr(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	return a.IsGlobalUnicast()
}

// blockedHost reports host names that must never be fetched, whatever they
// resolve to (defence in depth: the address check is authoritative).
func blockedHost(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	switch h {
	case "localhost", "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal":
		return true
	}
	return strings.HasSuffix(h, ".localhost") || strings.HasSuffix(h, ".internal") || strings.HasSuffix(h, ".local")
}
