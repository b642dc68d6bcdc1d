package serverlog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// read detects text and recognises its one server-log part.
func read(t *testing.T, text string) []Message {
	t.Helper()
	ps := detect.Detect(text)
	if len(ps) != 1 || ps[0].Kind != report.KindServerLog {
		var kinds []string
		for _, p := range ps {
			kinds = append(kinds, p.Kind)
		}
		t.Fatalf("detected %v, want one server-log part", kinds)
	}
	return Recognise(ps[0].Text)
}

// TestRealCaptures reads logs that python-jose, PyJWT, jsonwebtoken,
// jwks-rsa and golang-jwt wrote here (testdata/logs/README.md).
func TestRealCaptures(t *testing.T) {
	tests := []struct {
		file, lib, cause string
		kids             []string
	}{
		{"python_jose_expired.txt", "python-jose", "expired", nil},
		{"python_jose_expired_uncaught.txt", "python-jose", "expired", nil},
		{"python_jose_bad_signature.txt", "python-jose", "bad-signature", nil},
		{"python_pyjwt_expired.txt", "PyJWT", "expired", nil},
		{"python_pyjwt_bad_signature.txt", "PyJWT", "bad-signature", nil},
		{"python_pyjwt_kid_not_found.txt", "PyJWT", "kid-not-found", []string{"k2"}},
		{"node_jsonwebtoken_expired.txt", "jsonwebtoken", "expired", nil},
		{"node_jsonwebtoken_bad_signature.txt", "jsonwebtoken", "bad-signature", nil},
		{"node_jsonwebtoken_audience.txt", "jsonwebtoken", "wrong-audience", nil},
		{"node_jwks_rsa_kid_not_found.txt", "jwks-rsa", "kid-not-found", []string{"k2"}},
		{"go_golang_jwt_expired.txt", "golang-jwt", "expired", nil},
		{"go_golang_jwt_bad_signature.txt", "golang-jwt", "bad-signature", nil},
		{"go_golang_jwt_kid_not_found.txt", "golang-jwt", "kid-not-found", []string{"k2"}},
		{"go_jwx_expired.txt", "jwx", "expired", nil},
		{"go_jwx_bad_signature.txt", "jwx", "bad-signature", nil},
		{"go_jwx_kid_not_found.txt", "jwx", "kid-not-found", []string{"k2"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "logs", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			ms := read(t, string(b))
			if len(ms) != 1 {
				t.Fatalf("%d messages, want 1 (one fault, however many lines say it): %+v", len(ms), ms)
			}
			m := ms[0]
			if !strings.Contains(m.Library, tt.lib) || m.Cause != tt.cause {
				t.Errorf("got %s / %s, want %s / %s (%q)", m.Library, m.Cause, tt.lib, tt.cause, m.Raw)
			}
			if strings.Join(m.Kids, ",") != strings.Join(tt.kids, ",") {
				t.Errorf("kids %q, want %q", m.Kids, tt.kids)
			}
			if got := string(b)[m.Start:m.End]; !strings.Contains(got, m.Raw) {
				t.Errorf("span %q does not hold the message %q", got, m.Raw)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name, in, lib, cause string
	}{
		{"json log", `{"level":"error","ts":1765120091.5,"logger":"auth","msg":"request refused","error":"token has invalid claims: token is expired"}`, "golang-jwt", "expired"},
		{"slog text", `time=2026-12-07T15:28:11.123Z level=ERROR msg="token rejected" err="token has invalid claims: token is expired"`, "golang-jwt", "expired"},
		{"python logging default", "ERROR:app.auth:Signature has expired.", "python-jose", "expired"},
		{"uvicorn access line then traceback", "INFO:     127.0.0.1:54321 - \"GET /users/me HTTP/1.1\" 401 Unauthorized\n" +
			"Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/jwt/api_jwt.py\", line 168, in decode\n    decoded = self.decode_complete(\njwt.exceptions.InvalidAudienceError: Invalid audience\n", "PyJWT", "wrong-audience"},
		{"java caused by", "2026-12-07 15:28:11.123 ERROR 1 --- [nio-8080-exec-1] o.s.s.w.a.BearerTokenAuthenticationFilter : Authentication request failed\n" +
			"org.springframework.security.oauth2.server.resource.InvalidBearerTokenException: An error occurred while attempting to decode the Jwt\n" +
			"\tat org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider.getJwt(JwtAuthenticationProvider.java:99)\n" +
			"Caused by: com.nimbusds.jwt.proc.BadJWTException: Expired JWT\n\tat com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier.verify(DefaultJWTClaimsVerifier.java:331)\n\t... 50 common frames omitted", "Nimbus", "expired"},
		{".NET console", "info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n      Failed to validate the token.\n" +
			"      Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '12/7/2026 3:20:00 PM', Current time (UTC): '12/7/2026 3:28:11 PM'.\n" +
			"         at Microsoft.IdentityModel.Tokens.Validators.ValidateLifetime(Nullable`1 notBefore, Nullable`1 expires)", "Microsoft.IdentityModel", "expired"},
		{"nest", "[Nest] 4242  - 12/07/2026, 3:28:11 PM   ERROR [ExceptionsHandler] jwt expired\nTokenExpiredError: jwt expired\n    at /app/node_modules/jsonwebtoken/verify.js:190:21", "jsonwebtoken", "expired"},
		{"go log", "2026/12/07 15:28:11 auth: token has invalid claims: token is expired", "golang-jwt", "expired"},
		{"chained traceback: the last line decides", "Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/jose/jwt.py\", line 314, in _validate_exp\n    raise ExpiredSignatureError(\"Signature has expired.\")\n" +
			"jose.exceptions.ExpiredSignatureError: Signature has expired.\n\nDuring handling of the above exception, another exception occurred:\n\n" +
			"Traceback (most recent call last):\n  File \"/srv/app/main.py\", line 40, in user\n    raise JWTError(e)\njose.exceptions.JWTError: Signature verification failed.\n", "python-jose", "bad-signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := read(t, tt.in)
			for _, m := range ms {
				if m.Cause == tt.cause && strings.Contains(m.Library, tt.lib) {
					return
				}
			}
			t.Errorf("want %s / %s, got %+v", tt.lib, tt.cause, ms)
		})
	}
}

// TestNotATokenFault: logs that say "expired" (or sound like refusals) in
// another sense name no token library's message.
func TestNotATokenFault(t *testing.T) {
	for _, in := range []string{
		"2026-12-07 15:28:11,123 INFO [cache] entry users:42 expired, reloading",
		"2026-12-07 15:28:11,123 WARNING [tls] x509: certificate has expired or is not yet valid: current time 2026-12-07T15:28:11Z is after 2026-12-01T00:00:00Z",
		"time=2026-12-07T15:28:11Z level=WARN msg=\"subscription has expired\" customer=c_123",
		"2026/12/07 15:28:11 session cache: 12 expired entries purged",
		"ERROR:billing:Your trial has expired. Please upgrade.",
		"2026-12-07 15:28:11.123  INFO 1 --- [main] o.s.b.w.e.tomcat.TomcatWebServer : Tomcat started on port(s): 8080 (http)",
		`{"level":"info","msg":"password expired for user bob","user":"bob"}`,
		"2026-12-07 15:28:11 DEBUG [lease] lease expired: renewing lock for worker-3",
		"2026-12-07 15:28:11,123 INFO [app] password reset link has expired for bob@example.com",
		"WARNING: cookie consent expired, asking again",
	} {
		t.Run(in, func(t *testing.T) {
			if ms := read(t, in); len(ms) != 0 {
				t.Errorf("recognised %+v", ms)
			}
		})
	}
}

func TestLastException(t *testing.T) {
	in := "Traceback (most recent call last):\n  File \"/srv/app/db.py\", line 3, in get\n    conn.execute(q)\nsqlite3.OperationalError: no such table: users\n"
	if ms := read(t, in); len(ms) != 0 {
		t.Fatalf("recognised %+v", ms)
	}
	if got := LastException(in); got != "sqlite3.OperationalError: no such table: users" {
		t.Errorf("LastException = %q", got)
	}
}

func FuzzRecognise(f *testing.F) {
	fs, _ := filepath.Glob(filepath.Join("testdata", "logs", "*.txt"))
	for _, p := range fs {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{"Traceback (most recent call last):\n", `{"level":"error","error":"x"}`, "level=ERROR err=\"a\\", "kid \n", "  \n\tat x\n", "*5 , client: "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range Recognise(s) {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End {
				t.Fatalf("span %d..%d out of %d", m.Start, m.End, len(s))
			}
			if m.Cause == "" || m.Library == "" {
				t.Fatalf("message without cause or library: %+v", m)
			}
		}
		_ = LastException(s)
	})
}
