package pkix

import "errors"

// Sentinel errors. Every error of this package matches one of them with
// errors.Is; its text is a sentence for a finding ("the EC point is not
// …"), without the sentinel's.
var (
	// ErrMalformed means the DER is not the structure it should be.
	ErrMalformed = errors.New("pkix: malformed key or certificate")
	// ErrUnsupported means a well-formed key JWS (or this tool) cannot
	// use, or cannot encode; a *Refusal says why and what to do.
	ErrUnsupported = errors.New("pkix: unsupported key")
)

// keyError is an error with its own sentence that matches a sentinel.
type keyError struct {
	msg  string
	kind error
}

func (e *keyError) Error() string { return e.msg }
func (e *keyError) Unwrap() error { return e.kind }

func malformed(msg string) error   { return &keyError{msg, ErrMalformed} }
func unsupported(msg string) error { return &keyError{msg, ErrUnsupported} }
