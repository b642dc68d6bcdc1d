package relay

import "errors"

var (
	// ErrClientIPHeader means ClientIPFrom was given an unusable header
	// name or hop count.
	ErrClientIPHeader = errors.New("relay: bad client IP header setting")

	// errForbidden marks a target the guard refuses (never shown as is).
	errForbidden = errors.New("refused")
)
