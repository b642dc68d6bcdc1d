package detect

import (
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// TestLogsAndClaims: the server-log and claims-json kinds, and what they
// must not take from the other kinds.
func TestLogsAndClaims(t *testing.T) {
	claims := `{"iss":"https://login.example.com/","sub":"u1","aud":"api","iat":1765110000,"exp":1765113600}`
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"python traceback", "Traceback (most recent call last):\n  File \"/x/jose/jwt.py\", line 3, in decode\n    raise E()\n\njose.exceptions.ExpiredSignatureError: Signature has expired.", []want{{report.KindServerLog, "Traceback"}}},
		{"chained traceback is one part", "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\nKeyError: 'x'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"b.py\", line 2, in g\nValueError: y", []want{{report.KindServerLog, "Traceback"}}},
		{"slog line", `time=2026-12-07T15:28:11Z level=ERROR msg="rejected" err="token is expired"`, []want{{report.KindServerLog, "time="}}},
		{"json log line", `{"level":"error","msg":"rejected","error":"jwt expired"}`, []want{{report.KindServerLog, `{"level"`}}},
		{"python logging default", "ERROR:root:Signature has expired.", []want{{report.KindServerLog, "ERROR:root"}}},
		{".NET console two lines", "fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n      Exception occurred while processing message.", []want{{report.KindServerLog, "fail: "}}},
		{"node error stack", "TokenExpiredError: jwt expired\n    at /app/node_modules/jsonwebtoken/verify.js:190:21", []want{{report.KindServerLog, "TokenExpiredError"}}},
		{"log then a token", "2026/12/07 15:28:11 auth: token is expired\n\n" + jws, []want{{report.KindServerLog, "2026/12/07"}, {report.KindJWT, jws}}},
		{"uvicorn access line", `INFO:     127.0.0.1:54321 - "GET /users/me HTTP/1.1" 401 Unauthorized`, []want{{report.KindServerLog, "INFO:"}}},
		{"a header is no log", "X-Error: token expired", []want{{report.KindUnknown, "X-Error"}}},
		{"prose is no log", "The error was that the token expired", []want{{report.KindUnknown, "The error"}}},
		{"claims alone", claims, []want{{report.KindClaimsJSON, claims}}},
		{"claims then date +%s", claims + "\n$ date +%s\n1765120000\n", []want{{report.KindClaimsJSON, claims}}},
		{"date +%s then claims", "$ date +%s\n1765120000\n\n" + claims, []want{{report.KindClaimsJSON, "$ date +%s\n1765120000"}}},
		{"token response is no claims", `{"access_token":"abc","token_type":"Bearer","expires_in":3600,"exp":1765113600,"scope":"a"}`, []want{{report.KindUnknown, "{"}}},
		{"one claim is not enough", `{"exp":1765113600}`, []want{{report.KindUnknown, "{"}}},
		{"an error body is no claims", `{"error":"invalid_token","exp":1765113600,"sub":"u1"}`, []want{{report.KindUnknown, "{"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDetect(t, tt.in, tt.want) })
	}
	// The date line belongs to the part.
	ps := Detect(claims + "\n1765120000")
	if len(ps) != 1 || ps[0].Text != claims+"\n1765120000" {
		t.Errorf("parts %+v", ps)
	}
}
