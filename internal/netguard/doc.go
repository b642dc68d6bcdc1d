// Package netguard decides which network addresses authdebug may connect
// to on behalf of input it did not write: the JWKS relay of `authdebug
// serve --jwks-relay` (server/relay) and the CLI's fetcher
// (internal/keys/httpfetch), which follow URLs taken from a token's iss
// and from discovery metadata.
//
// Public reports whether an address is public unicast. It refuses every
// special-purpose range of the IANA IPv4 and IPv6 Special-Purpose Address
// Registries (RFC 6890 and its updates) that is not globally reachable:
// "this network" 0.0.0.0/8 and the unspecified addresses, loopback
// (127.0.0.0/8, ::1), private (RFC 1918) and unique local (RFC 4193)
// addresses, link-local (RFC 3927, RFC 4291), shared address space / CGNAT
// (RFC 6598, including Alibaba's metadata 100.100.100.200), IETF protocol
// assignments 192.0.0.0/24 (RFC 6890), documentation (RFC 5737, RFC 3849),
// benchmarking (RFC 2544), reserved 240.0.0.0/4 and broadcast (RFC 1112,
// RFC 919), multicast, IPv4-compatible ::/96 (RFC 4291 §2.5.5.1), discard
// 100::/64 (RFC 6666), Teredo 2001::/32 (RFC 4380), ORCHID 2001:10::/28
// (RFC 4843) and ORCHIDv2 2001:20::/28 (RFC 7343), deprecated site-local
// fec0::/10 (RFC 3879), and cloud metadata endpoints (169.254.169.254,
// fd00:ec2::254, the Azure wire server 168.63.129.16). Addresses that embed
// an IPv4 address — IPv4-mapped ::ffff:0:0/96 (RFC 4291 §2.5.5.2),
// NAT64 64:ff9b::/96 (RFC 6052) and 64:ff9b:1::/48 (RFC 8215), 6to4
// 2002::/16 (RFC 3056) — are judged by that IPv4 address.
//
// BlockedHost names hosts that are never fetched whatever they resolve to
// (localhost, *.internal, metadata.google.internal …): defence in depth,
// the address check is authoritative.
//
// Dialer resolves a host itself and connects only to addresses its policy
// allows, and re-checks the address actually dialled on the socket
// (net.Dialer.Control), so DNS rebinding between the check and the connect
// does not get through. Errors wrap ErrForbidden and never name the
// addresses a host resolved to.
//
// References: RFC 6890 (Special-Purpose IP Address Registries), the IANA
// IPv4 and IPv6 Special-Purpose Address Registries, RFC 8190 (updates),
// RFC 4291 (IPv6 addressing), RFC 6052 and RFC 8215 (NAT64).
package netguard
