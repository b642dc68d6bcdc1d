package netguard

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"syscall"
	"time"
)

// Resolver looks up a host's addresses; *net.Resolver implements it.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Dialer connects only to public addresses, or to those Allow accepts.
// The zero value is usable: net.DefaultResolver, no exceptions.
type Dialer struct {
	// Resolver replaces net.DefaultResolver (tests).
	Resolver Resolver
	// Allow is consulted only for an address Public refuses, and may allow
	// it: --allow-private, a URL the user typed, or a test's server. The
	// address is unmapped (::ffff:127.0.0.1 is passed as 127.0.0.1).
	Allow func(netip.AddrPort) bool
	// Timeout bounds each connect (0: no limit beyond the context's).
	Timeout time.Duration
}

// Allowed reports whether the policy lets ap be dialled.
func (d *Dialer) Allowed(ap netip.AddrPort) bool {
	if Public(ap.Addr()) {
		return true
	}
	return d.Allow != nil && d.Allow(netip.AddrPortFrom(ap.Addr().Unmap().WithZone(""), ap.Port()))
}

// DialContext resolves addr's host with the Resolver and dials the first
// allowed address that answers; Control re-checks the address actually
// dialled. A host the policy refuses by name or by every address yields
// an error wrapping ErrForbidden, which names the host but not the
// addresses it resolved to.
func (d *Dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, portS, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("%w: %q", ErrBadAddress, addr)
	}
	port, err := strconv.ParseUint(portS, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("%w: port %q", ErrBadAddress, portS)
	}
	var ips []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{a}
	} else {
		if BlockedHost(host) {
			return nil, fmt.Errorf("%w: %s is not a public host", ErrForbidden, host)
		}
		var r Resolver = net.DefaultResolver
		if d.Resolver != nil {
			r = d.Resolver
		}
		ips, err = r.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, err
		}
	}
	nd := &net.Dialer{Timeout: d.Timeout, Control: d.Control}
	refused := false
	var lastErr error
	for _, ip := range ips {
		ap := netip.AddrPortFrom(ip.Unmap(), uint16(port))
		if !d.Allowed(ap) {
			refused = true
			continue
		}
		conn, err := nd.DialContext(ctx, network, ap.String())
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	switch {
	case lastErr != nil:
		return nil, lastErr
	case refused:
		return nil, fmt.Errorf("%w: %s does not resolve to a public address", ErrForbidden, host)
	}
	return nil, fmt.Errorf("%w: %s", ErrNoAddress, host)
}

// Control runs on the socket before it connects (net.Dialer.Control): the
// authoritative check, on the address actually dialled.
func (d *Dialer) Control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %q", ErrBadAddress, address)
	}
	if !d.Allowed(ap) {
		return fmt.Errorf("%w: the connection was refused by the address guard", ErrForbidden)
	}
	return nil
}
