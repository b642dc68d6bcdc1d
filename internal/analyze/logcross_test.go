package analyze

import (
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// TestLogWithTokenAndKeys: a log line pasted with the token and keys is one
// diagnosis: a kid rotation with who must act, a log and token that
// disagree about time, the server's clock from a message's own times.
func TestLogWithTokenAndKeys(t *testing.T) {
	k2 := rs256(map[string]any{"alg": "RS256", "kid": "k2"}, access(nil))
	later := rs256(rsHeader, access(map[string]any{"exp": unix(3 * time.Hour)}))
	soon := rs256(rsHeader, access(map[string]any{"exp": unix(2 * time.Minute)}))
	jwksLog := "Error: SigningKeyNotFoundError: Unable to find a signing key that matches 'k2'\n    at /app/node_modules/jwks-rsa/src/JwksClient.js:100:13"
	tests := []struct {
		name, in string
		code     string // the finding whose text is checked
		sev      report.Severity
		text     string // in its title or detail
		not      []string
	}{
		{"rotation: neither the server nor the pasted keys have the kid", k2 + "\n" + jwks("k3") + "\n" + jwksLog,
			report.SignatureKidNotFound, report.Error, "Client: get a new token from the issuer", nil},
		{"rotation: the pasted keys have it, the server's cache does not", k2 + "\n" + jwks("k1", "k2") + "\n" + jwksLog,
			report.SignatureKidNotFound, report.Error, "Server: refresh the JWKS cache", nil},
		{"log says expired, the token had hours left at the log's time", later + "\n\n2026-11-22T09:00:00Z ERROR [app.auth] token rejected: Signature has expired.\n",
			report.ServerMessage, report.Warning, "still had 3h", nil},
		{"a zoneless timestamp two hours off is named", later + "\n\n2026-11-22 10:30:00,123 ERROR [app.auth] token rejected: Signature has expired.\n",
			report.ServerMessage, report.Warning, "if it is local time 2h or more behind UTC", nil},
		{"IDX10223's current time is the server's clock", soon + "\n\nfail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n      Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '11/22/2026 9:02:00 AM', Current time (UTC): '11/22/2026 9:05:00 AM'.\n",
			report.ClockExpiredAtServer, report.Error, "09:05:00", nil},
		{"IDX10223 alone gives the skew", "Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '11/22/2026 8:00:00 AM', Current time (UTC): '11/22/2026 9:05:00 AM'.",
			report.ClockSkew, report.Warning, "5m", nil},
		{"an access line alone is reported with its path and status", `INFO:     127.0.0.1:54321 - "GET /users/me HTTP/1.1" 401 Unauthorized`,
			report.ServerMessage, report.Warning, "GET /users/me was answered 401", []string{report.InputUnrecognized}},
		{"an access line beside a library message is context", "INFO:     127.0.0.1:54321 - \"GET /users/me HTTP/1.1\" 401 Unauthorized\nERROR:app.auth:Signature has expired.",
			report.TokenExpired, report.Error, "expired", nil},
		{"an unknown traceback names its module", "Traceback (most recent call last):\n  File \"/srv/app/db.py\", line 3, in get\n    conn.execute(q)\nsqlite3.OperationalError: no such table: users\n",
			report.InputUnrecognized, report.Warning, "name sqlite3", []string{report.ServerMessage}},
		{"an unknown message of a token library names the library", "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/jose/jwt.py\", line 9, in decode\njose.exceptions.JWTError: something nobody wrote down\n",
			report.InputUnrecognized, report.Warning, "name python-jose", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runTest(tt.in)
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			var f *report.Finding
			for i := range r.Findings {
				if r.Findings[i].Code == tt.code && strings.Contains(r.Findings[i].Title+" "+r.Findings[i].Detail, tt.text) {
					f = &r.Findings[i]
					break
				}
			}
			if f == nil {
				t.Fatalf("no %s saying %q: %s", tt.code, tt.text, reportText(r))
			}
			if f.Severity != tt.sev {
				t.Errorf("%s is %s, want %s", tt.code, f.Severity, tt.sev)
			}
			for _, c := range tt.not {
				if r.Has(c) {
					t.Errorf("unexpected %s: %v", c, r.Codes())
				}
			}
		})
	}
}
