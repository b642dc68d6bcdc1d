package analyze

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

func readLog(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../serverlog/testdata/logs/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServerLogs(t *testing.T) {
	expired := hs256(map[string]any{"alg": "HS256", "kid": "k1"}, access(map[string]any{"exp": unix(-5 * time.Minute)}), []byte("s"))
	valid := rs256(rsHeader, access(nil))
	tests := []struct {
		name    string
		in      string
		top     string // first error finding, "" for none
		must    []string
		not     []string
		library string // of the first server message, "" when none is expected
		evid    string // in the evidence of a finding
	}{
		{"python-jose expired, log alone", "@python_jose_expired.txt", report.TokenExpired, []string{report.ServerMessage}, nil, "python-jose", "Signature has expired."},
		{"pyjwt bad signature", "@python_pyjwt_bad_signature.txt", report.SignatureInvalid, []string{report.ServerMessage}, nil, "PyJWT", ""},
		{"jsonwebtoken audience", "@node_jsonwebtoken_audience.txt", report.ClaimsAudMismatch, []string{report.ServerMessage}, nil, "jsonwebtoken", "api://mine"},
		{"golang-jwt slog expired", "@go_golang_jwt_expired.txt", report.TokenExpired, []string{report.ServerMessage}, nil, "golang-jwt", ""},
		{"jwx v2 expired", "@go_jwx_expired.txt", report.TokenExpired, []string{report.ServerMessage}, nil, "jwx", ""},
		{"jwx v2 bad signature", "@go_jwx_bad_signature.txt", report.SignatureInvalid, []string{report.ServerMessage}, nil, "jwx", ""},
		{"jwx v2 kid not found", "@go_jwx_kid_not_found.txt", report.SignatureKidNotFound, []string{report.ServerMessage}, nil, "jwx", "k2"},
		{"expired token pasted with its log: one token.expired", expired + "\n\n" + readLogText("python_jose_expired.txt"),
			report.TokenExpired, []string{report.ServerMessage}, nil, "python-jose", "the server says"},
		{"kid in the log differs from the token's", valid + "\n" + jwks("k1") + "\n" + readLogText("node_jwks_rsa_kid_not_found.txt"),
			"", []string{report.ServerMessage}, nil, "jwks-rsa", `pasted token's kid is "k1"`},
		{"kid in the log is in the pasted JWKS", rs256(map[string]any{"alg": "RS256", "kid": "k2"}, access(nil)) + "\n" + jwks("k1", "k2") + "\n" + readLogText("python_pyjwt_kid_not_found.txt"),
			report.SignatureKidNotFound, []string{report.ServerMessage}, nil, "PyJWT", "the keys pasted have it"},
		{"unknown traceback", "Traceback (most recent call last):\n  File \"/srv/app/db.py\", line 3, in get\n    conn.execute(q)\nsqlite3.OperationalError: no such table: users\n",
			"", []string{report.InputUnrecognized}, []string{report.ServerMessage}, "", "sqlite3.OperationalError: no such table: users"},
		{"cache expiry is no token fault", "2026-12-07 15:28:11,123 INFO [cache] entry users:42 expired, reloading",
			"", []string{report.InputUnrecognized}, []string{report.ServerMessage, report.TokenExpired}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if name, ok := strings.CutPrefix(in, "@"); ok {
				in = readLog(t, name)
			}
			r := runTest(in)
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if !hasKind(r, report.KindServerLog) {
				t.Errorf("inputs %+v, want a server-log", r.Inputs)
			}
			top := ""
			if len(r.Findings) > 0 && r.Findings[0].Severity == report.Error {
				top = r.Findings[0].Code
			}
			if top != tt.top {
				t.Errorf("top %q, want %q (codes %v)", top, tt.top, r.Codes())
			}
			for _, c := range tt.must {
				if !r.Has(c) {
					t.Errorf("no %s: %v", c, r.Codes())
				}
			}
			for _, c := range tt.not {
				if r.Has(c) {
					t.Errorf("unexpected %s: %v", c, r.Codes())
				}
			}
			if tt.library != "" && (len(r.ServerMessages) == 0 || !strings.Contains(r.ServerMessages[0].Library, tt.library)) {
				t.Errorf("server messages %+v, want %s", r.ServerMessages, tt.library)
			}
			for _, sm := range r.ServerMessages {
				if sm.Span == nil || !strings.Contains(in[sm.Span.Start:sm.Span.End], strings.TrimSpace(strings.SplitN(sm.Message, "\n", 2)[0])) {
					t.Errorf("span of %q does not hold it", sm.Message)
				}
			}
			seen := map[string]int{}
			found := tt.evid == ""
			for _, f := range r.Findings {
				if f.Severity == report.Error {
					seen[f.Code]++
				}
				found = found || strings.Contains(f.Evidence, tt.evid)
			}
			if !found {
				t.Errorf("no evidence holds %q: %+v", tt.evid, r.Findings)
			}
			for code, n := range seen {
				if n > 1 {
					t.Errorf("%d %s findings: one fault, one finding", n, code)
				}
			}
			out, _ := json.Marshal(r.Findings)
			for _, tok := range []string{expired, valid} {
				if strings.Contains(in, tok) && strings.Contains(string(out), tok) {
					t.Error("a token appears in the findings")
				}
			}
		})
	}
}

func readLogText(name string) string {
	b, err := os.ReadFile("../serverlog/testdata/logs/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func hasKind(r report.Report, kind string) bool {
	for _, p := range r.Inputs {
		if p.Kind == kind {
			return true
		}
	}
	return false
}
