// Package relay is the optional JWKS relay of `authdebug serve
// --jwks-relay`: a GET-only http.Handler that fetches a public https JWKS or
// discovery document for the page when the issuer's CORS policy keeps the
// browser from reading it (Fetch Standard §3.2). It is off by default; the
// server mounts it at /relay.
//
// A relay is an SSRF risk, so it refuses by construction:
//
//   - only GET and HEAD (405 otherwise), only ?url= absolute https URLs
//     without credentials, on the default port 443 only;
//   - the target's addresses are resolved and every connection is checked
//     on the IP it actually dials, also after each of at most 3 redirects,
//     by internal/netguard (the same guard the CLI's fetcher uses):
//     loopback, private (RFC 1918, RFC 4193 ULA), link-local, CGNAT (RFC
//     6598), multicast, unspecified, documentation, ORCHID and reserved
//     ranges, IPv4-mapped and translated forms of those, and cloud metadata
//     endpoints (169.254.169.254, fd00:ec2::254, 168.63.129.16,
//     metadata.google.internal) are refused;
//   - its error answers are generic: they never carry the resolver's or
//     the dialer's words, nor an address a host resolved to, so the relay
//     cannot be used to map the network it runs in;
//   - environment proxies are ignored (they would bypass the address check);
//   - nothing of the client's request is forwarded: no cookies, no
//     Authorization, no headers at all;
//   - the answer is capped at 1 MiB and 5 s, must be JSON (RFC 8259), is sent
//     with Cache-Control: no-store and without CORS headers (same-origin use
//     only), is cached server-side for 60 s per URL, and clients are rate
//     limited per IP: the peer's, or with ClientIPFrom (`serve
//     --client-ip-header`) the one a trusted reverse proxy appended to
//     X-Forwarded-For or Forwarded (RFC 7239), counted from the right.
//
// References: RFC 7517 §5 (JWK Set), RFC 8414 §3 and OpenID Connect
// Discovery 1.0 §4 (metadata), RFC 6890 (special-purpose addresses), RFC
// 9110 §15.5.6 (405) and RFC 6585 §4 (429).
package relay
