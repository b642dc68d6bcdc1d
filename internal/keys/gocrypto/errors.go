package gocrypto

import "errors"

// Sentinel errors, wrapped with %w. They mean a check could not be made;
// a signature that does not verify is (false, nil).
var (
	// ErrUnsupportedAlg is an alg outside the SigVerifier contract (HS*,
	// ES256K, Ed448, anything unregistered).
	ErrUnsupportedAlg = errors.New("gocrypto: unsupported algorithm")
	// ErrKeyMismatch is a key of another type or curve than the alg needs.
	ErrKeyMismatch = errors.New("gocrypto: the key does not fit the algorithm")
	// ErrInvalidKey is a key Go's crypto refuses (Check's answer).
	ErrInvalidKey = errors.New("gocrypto: unusable key")
)
