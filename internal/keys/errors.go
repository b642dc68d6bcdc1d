package keys

import "errors"

// Sentinel errors of Load and Verify. The fetch errors are discovery's
// (discovery.ErrFetch, …).
var (
	// ErrNoKey means a document held no usable key.
	ErrNoKey = errors.New("keys: no usable key")
	// ErrNoVerifier means the build has no way to check RS*, PS*, ES* or
	// EdDSA signatures (Options.Verifier is nil). A SigVerifier wraps it
	// when its platform cannot check anything (no WebCrypto): Load then
	// keeps the key, and Verify reports the signature as unsupported.
	ErrNoVerifier = errors.New("keys: no signature verifier in this build")
)
