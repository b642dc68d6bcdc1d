package analyze

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

func TestClaimsJSON(t *testing.T) {
	at := func(d time.Duration) string { return strconv.FormatInt(unix(d), 10) }
	payload := func(iat, exp time.Duration, extra string) string {
		return `{"iss":"https://login.example.com/","sub":"user-42","aud":"https://api.example.com","iat":` + at(iat) + `,"exp":` + at(exp) + extra + `}`
	}
	tests := []struct {
		name string
		in   string
		opts []Option
		must []string
		not  []string
		evid string // in some finding's evidence
	}{
		{"valid by the analysis clock", payload(-10*time.Minute, 50*time.Minute, ""), nil,
			[]string{report.SignatureUnverified}, []string{report.TokenExpired}, "the analysis clock"},
		{"expired by the analysis clock", payload(-2*time.Hour, -time.Hour, ""), nil,
			[]string{report.TokenExpired, report.SignatureUnverified}, nil, "exp="},
		{"the pasted date +%s is the clock", payload(-10*time.Minute, 50*time.Minute, "") + "\n$ date +%s\n" + at(2*time.Hour), nil,
			[]string{report.TokenExpired}, nil, "judged by the Unix time pasted with it, " + at(2*time.Hour)},
		{"date +%s before the claims", "date +%s\n" + at(-30*time.Minute) + "\n" + payload(-10*time.Minute, 50*time.Minute, ""), nil,
			[]string{report.TokenIssuedInFuture}, []string{report.TokenExpired}, "pasted with it"},
		{"audience expected", payload(-10*time.Minute, 50*time.Minute, ""), []Option{WithAudience("https://other.example.com")},
			[]string{report.ClaimsAudMismatch}, nil, ""},
		{"issuer expected", payload(-10*time.Minute, 50*time.Minute, ""), []Option{WithIssuer("https://login.example.com")},
			[]string{report.ClaimsIssMismatch}, nil, ""},
		{"long lifetime", payload(-10*time.Minute, 72*time.Hour, ""), nil,
			[]string{report.TokenLongLifetime}, nil, ""},
		{"no exp", `{"iss":"https://login.example.com/","sub":"user-42","iat":` + at(-time.Minute) + `}`, nil,
			[]string{report.TokenNoExp}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runTest(tt.in, tt.opts...)
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if !hasKind(r, report.KindClaimsJSON) {
				t.Fatalf("inputs %+v, want claims-json", r.Inputs)
			}
			for _, c := range tt.must {
				if !r.Has(c) {
					t.Errorf("no %s: %v", c, r.Codes())
				}
			}
			for _, c := range append(tt.not, report.InputUnrecognized, report.SignatureVerified) {
				if r.Has(c) {
					t.Errorf("unexpected %s: %v", c, r.Codes())
				}
			}
			found := tt.evid == ""
			for _, f := range r.Findings {
				found = found || strings.Contains(f.Evidence, tt.evid)
			}
			if !found {
				t.Errorf("no evidence holds %q: %+v", tt.evid, r.Findings)
			}
		})
	}
}
