package netguard

import "errors"

// Sentinel errors; Dialer's errors wrap them with %w.
var (
	// ErrForbidden means the address (or host) is not one the policy
	// allows: loopback, private, link-local, metadata or another
	// special-purpose range.
	ErrForbidden = errors.New("netguard: not a public address")
	// ErrNoAddress means the host resolved to no address at all.
	ErrNoAddress = errors.New("netguard: the host has no address")
	// ErrBadAddress means an address could not be parsed.
	ErrBadAddress = errors.New("netguard: unparsable address")
)
