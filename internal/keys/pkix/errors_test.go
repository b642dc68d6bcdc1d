package pkix

import (
	"errors"
	"testing"

	"github.com/authdebug/authdebug/internal/keys/jwk"
)

// TestSentinels: every error matches ErrMalformed or ErrUnsupported, and
// keeps its own sentence as its text.
func TestSentinels(t *testing.T) {
	_, err := ParseSPKI([]byte{0x30, 0x03, 0x02, 0x01})
	if !errors.Is(err, ErrMalformed) || errors.Is(err, ErrUnsupported) || err.Error() != "malformed DER (data truncated)" {
		t.Errorf("truncated DER: %v", err)
	}
	var r *Refusal
	if err := refusalFor(oidDSA); !errors.As(err, &r) || !errors.Is(err, ErrUnsupported) || r.Error() != r.What {
		t.Errorf("DSA: %v", err)
	}
	if _, err := MarshalSPKI(&jwk.PublicKey{Kty: jwk.KtyOct}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("marshal a secret: %v", err)
	}
}
