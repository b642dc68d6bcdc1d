package analyze

import (
	"os"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// The server's "Not authenticated" after a redirect that dropped the
// header confirms request.redirect_dropped_auth, which stays the top cause.
func TestRedirectDroppedAuthIsTheTopCause(t *testing.T) {
	b, err := os.ReadFile("../exchange/testdata/curl_v_redirect_port_clears_auth.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := runTest(string(b), WithNow(fixtureNow(string(b))))
	if len(r.Findings) == 0 || r.Findings[0].Code != report.RequestRedirectDroppedAuth {
		t.Fatalf("top cause: %v", r.Codes())
	}
	if r.Has(report.RequestNoCredentials) {
		t.Errorf("request.no_credentials beside the redirect: %v", r.Codes())
	}
}
