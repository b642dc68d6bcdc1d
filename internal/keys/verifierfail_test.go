package keys

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// stubVerifier wraps the tests' verifier with chosen failures, and counts
// the calls.
type stubVerifier struct {
	checkErr, verifyErr error
	mu                  sync.Mutex
	checks, verifies    int
}

func (s *stubVerifier) Check(ctx context.Context, k PublicKey) error {
	s.mu.Lock()
	s.checks++
	s.mu.Unlock()
	if s.checkErr != nil {
		return s.checkErr
	}
	return testVerifier.Check(ctx, k)
}

func (s *stubVerifier) Verify(ctx context.Context, alg string, k PublicKey, input, sig []byte, saltLen int) (bool, error) {
	s.mu.Lock()
	s.verifies++
	s.mu.Unlock()
	if s.verifyErr != nil {
		return false, s.verifyErr
	}
	return testVerifier.Verify(ctx, alg, k, input, sig, saltLen)
}

// TestVerifierFailures: a key the verifier's Check refuses is a
// keys.invalid naming the verifier's reason; a verifier that cannot check
// at all (ErrNoVerifier) leaves the keys loaded; a signature the verifier
// could not check is "unsupported", never "invalid".
func TestVerifierFailures(t *testing.T) {
	ctx := context.Background()
	material := Material{Secret: string(secret32), Texts: []string{pubPEM(t, "rsa2048-a"), pubJWK(t, "p256", map[string]any{"kid": "e1"})}}

	t.Run("Check is asked once per public key", func(t *testing.T) {
		v := &stubVerifier{}
		set, _, fs := Load(ctx, material, "", Options{Verifier: v})
		if set.Len() < 3 || len(fs) != 0 || v.checks != 2 {
			t.Errorf("keys %d, checks %d, findings %s", set.Len(), v.checks, titles(fs))
		}
	})
	t.Run("Check refuses the keys", func(t *testing.T) {
		v := &stubVerifier{checkErr: errors.New("the browser refused the key: DataError")}
		set, keys, fs := Load(ctx, material, "", Options{Verifier: v})
		checkFindings(t, fs)
		for _, k := range keys {
			if k.Kty != ktyOct {
				t.Errorf("a refused key loaded: %+v", k)
			}
		}
		f, ok := findCode(fs, report.KeysInvalid)
		if !ok || f.Severity != report.Warning || f.Side != report.Client || !strings.Contains(f.Title, "refused by this build's signature verifier") ||
			!strings.Contains(f.Detail, "DataError") || len(fs) != 2 {
			t.Errorf("findings:\n%s", titles(fs))
		}
		if set.refused != 2 {
			t.Errorf("refused = %d", set.refused)
		}
	})
	t.Run("near miss: a verifier that cannot check at all keeps the keys", func(t *testing.T) {
		v := &stubVerifier{checkErr: fmt.Errorf("%w: no crypto.subtle on this page", ErrNoVerifier)}
		set, _, fs := Load(ctx, material, "", Options{Verifier: v})
		if len(fs) != 0 || set.Len() < 3 {
			t.Errorf("keys %d, findings %s", set.Len(), titles(fs))
		}
	})
	t.Run("Verify fails: unsupported, not invalid", func(t *testing.T) {
		set, _, _ := Load(ctx, material, "", Options{Verifier: testVerifier})
		v := &stubVerifier{verifyErr: errors.New("WebCrypto could not check the RS256 signature: OperationError")}
		sig, fs := Verify(ctx, rsTok(t, "rsa2048-a", ""), set, Options{Verifier: v})
		checkFindings(t, fs)
		f, ok := findCode(fs, report.SignatureUnverified)
		if sig.Status != report.SigUnsupported || !ok || !strings.Contains(f.Title, "could not be checked with") ||
			!strings.Contains(f.Detail, "OperationError") || hasCode(fs, report.SignatureInvalid) || v.verifies == 0 {
			t.Errorf("sig %+v\n%s", sig, titles(fs))
		}
		// HS* never reaches the verifier.
		v.verifies = 0
		sig, _ = Verify(ctx, Token{Compact: signHMAC(`{"alg":"HS256"}`, testPayload, secret32)}, set, Options{Verifier: v})
		if sig.Status != report.SigVerified || v.verifies != 0 {
			t.Errorf("HS256: %s, %d verifier calls", sig.Status, v.verifies)
		}
		// Near miss: with a working verifier the same token verifies.
		sig, _ = Verify(ctx, rsTok(t, "rsa2048-a", ""), set, Options{Verifier: testVerifier})
		if sig.Status != report.SigVerified {
			t.Errorf("with gocrypto: %s", sig.Status)
		}
	})
}
