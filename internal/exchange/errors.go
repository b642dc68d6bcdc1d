package exchange

import "errors"

// ErrNotExchange is returned by Parse for parts that are not HTTP exchanges
// (a JWT, a JWKS, a PEM block, unknown text).
var ErrNotExchange = errors.New("exchange: part is not an HTTP exchange")

// ErrHAR is returned when a HAR export cannot be read at all (not JSON, or no
// log.entries array).
var ErrHAR = errors.New("exchange: unreadable HAR")

// ErrNoMessage is returned when a client's wire dump holds no request or
// response that can be read.
var ErrNoMessage = errors.New("exchange: no HTTP message in the wire dump")
