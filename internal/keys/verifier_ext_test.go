package keys_test

import (
	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
)

// The package's own tests (package keys) cannot import gocrypto, which
// imports keys; this external test file injects it before any test runs.
func init() { keys.SetTestVerifier(gocrypto.New()) }
