package analyze

import (
	"os"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// A curl -v transcript cut down by grep still gives the server's cause:
// the challenge's invalid_token, with no complaint about the missing
// request (the fragment never had one).
func TestGrepFragmentTopCause(t *testing.T) {
	for _, f := range []string{"curl_v_grep_responses.txt", "curl_v_grep_challenge.txt"} {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile("../exchange/testdata/" + f) // ../exchange/testdata/capture/grep_fragments.sh
			if err != nil {
				t.Fatal(err)
			}
			r := runTest(string(b), WithNow(fixtureNow(string(b))))
			if len(r.Findings) == 0 || r.Findings[0].Code != report.ResponseInvalidToken {
				t.Fatalf("top cause: %v", r.Codes())
			}
			if r.Has(report.InputUnrecognized) || r.Has(report.RequestNoCredentials) {
				t.Errorf("codes %v", r.Codes())
			}
		})
	}
}
