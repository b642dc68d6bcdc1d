package claims

import "errors"

// ErrNotNumericDate is wrapped by NumericDate when a claim value is not a
// JSON number of seconds since 1970 (RFC 7519 §2).
var ErrNotNumericDate = errors.New("claims: not a NumericDate")

// ErrDateOutOfRange is wrapped by NumericDate when a number is outside the
// years 1–9999 that RFC 3339 can show.
var ErrDateOutOfRange = errors.New("claims: NumericDate out of range")
