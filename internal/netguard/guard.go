package netguard

import (
	"net/netip"
	"strings"
)

// blocked are special-purpose ranges (RFC 6890 and its updates) and
// metadata endpoints that netip's predicates do not cover.
var blocked = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",          // "this network", RFC 791
		"100.64.0.0/10",      // shared address space / CGNAT, RFC 6598 (also Alibaba's metadata 100.100.100.200)
		"192.0.0.0/24",       // IETF protocol assignments, RFC 6890
		"192.0.2.0/24",       // TEST-NET-1, RFC 5737
		"198.18.0.0/15",      // benchmarking, RFC 2544
		"198.51.100.0/24",    // TEST-NET-2, RFC 5737
		"203.0.113.0/24",     // TEST-NET-3, RFC 5737
		"240.0.0.0/4",        // reserved, RFC 1112, and 255.255.255.255
		"169.254.169.254/32", // cloud metadata (also inside link-local)
		"168.63.129.16/32",   // Azure wire server (a public address, reachable only from Azure VMs)
		"::/96",              // IPv4-compatible (deprecated), RFC 4291 §2.5.5.1
		"100::/64",           // discard-only, RFC 6666
		"2001::/32",          // Teredo, RFC 4380
		"2001:10::/28",       // ORCHID (deprecated), RFC 4843
		"2001:20::/28",       // ORCHIDv2, RFC 7343
		"2001:db8::/32",      // documentation, RFC 3849
		"fec0::/10",          // site-local (deprecated), RFC 3879
		"fd00:ec2::254/128",  // AWS metadata over IPv6 (also inside fc00::/7)
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// Prefixes that embed an IPv4 address, judged by that address.
var (
	mapped = netip.MustParsePrefix("::ffff:0:0/96")  // IPv4-mapped, RFC 4291 §2.5.5.2
	nat64  = netip.MustParsePrefix("64:ff9b::/96")   // RFC 6052
	nat64l = netip.MustParsePrefix("64:ff9b:1::/48") // RFC 8215
	sixTo4 = netip.MustParsePrefix("2002::/16")      // RFC 3056
)

// Public reports whether a is a public unicast address that may be
// connected to on behalf of input authdebug did not write. An address with
// a zone (fe80::1%eth0) is never public.
func Public(a netip.Addr) bool {
	if !a.IsValid() || a.Zone() != "" {
		return false
	}
	if mapped.Contains(a) {
		b := a.As16()
		v4 := netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
		// ::ffff:0.0.0.0 and the like: the mapped address decides.
		return Public(v4)
	}
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range blocked {
		if p.Contains(a) {
			return false
		}
	}
	if nat64.Contains(a) || nat64l.Contains(a) {
		b := a.As16()
		return Public(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	}
	if sixTo4.Contains(a) {
		b := a.As16()
		return Public(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	return a.IsGlobalUnicast()
}

// BlockedHost reports host names that are never fetched, whatever they
// resolve to: localhost, cloud metadata names, and the .localhost,
// .internal and .local suffixes. It is defence in depth; the address
// check is authoritative.
func BlockedHost(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	switch h {
	case "localhost", "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal":
		return true
	}
	return strings.HasSuffix(h, ".localhost") || strings.HasSuffix(h, ".internal") || strings.HasSuffix(h, ".local")
}
