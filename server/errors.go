package server

import "errors"

var (
	// ErrNoSite is returned by New when the site has no index.html.
	ErrNoSite = errors.New("server: not a built site (no index.html; run 'authdebug build' or 'make static')")
	// ErrSiteTooLarge is returned by New when the site exceeds MaxSiteBytes
	// or MaxSiteFiles.
	ErrSiteTooLarge = errors.New("server: site too large")
	// ErrBadBase is returned by New when Options.Base is not a clean absolute
	// path ending in "/".
	ErrBadBase = errors.New("server: base path must look like /path/ (letters, digits, - . _ ~)")
	// ErrAddrInUse is returned by ListenAndServe when the address is taken.
	ErrAddrInUse = errors.New("address already in use")
)
