package jwk

import (
	"errors"
	"testing"
)

// TestDefectIsErrInvalid: a Defect matches ErrInvalid and reads as its title.
func TestDefectIsErrInvalid(t *testing.T) {
	_, d := Decode(map[string]any{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}, KtyEC, "the JWK")
	if d == nil || !errors.Is(d, ErrInvalid) || d.Error() != d.Title {
		t.Errorf("Decode = %+v", d)
	}
}
