package analyze

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// A pasted command's shell variable: in single quotes (or escaped) it is
// sent as written, an error whose fix is the quotes; elsewhere the shell
// fills it in, so the paste does not show what was sent: a warning to check
// the variable.
func TestShellVariablesInCommands(t *testing.T) {
	tests := []struct {
		name, cmd string
		sev       report.Severity
		fix       string
	}{
		{"single quotes", `curl -H 'Authorization: Bearer $TOKEN' https://api.example.com/v1/me`, report.Error, "double quotes"},
		{"double quotes", `curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me`, report.Warning, "echo ${#TOKEN}"},
		{"braces in double quotes", `curl -H "Authorization: Bearer ${ACCESS_TOKEN}" https://api.example.com/v1/me`, report.Warning, "echo ${#ACCESS_TOKEN}"},
		{"unquoted, escaped spaces", `curl -H Authorization:\ Bearer\ $TOKEN https://api.example.com/v1/me`, report.Warning, "echo ${#TOKEN}"},
		{"escaped dollar in double quotes", `curl -H "Authorization: Bearer \$TOKEN" https://api.example.com/v1/me`, report.Error, "variable holding the token"},
		{"PowerShell $env: in double quotes", "curl.exe -H \"Authorization: Bearer $env:TOKEN\" https://api.example.com/v1/me", report.Warning, "echo ${#TOKEN}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runTest(tt.cmd)
			var f *report.Finding
			for i := range r.Findings {
				if r.Findings[i].Code == report.TokenPlaceholder {
					f = &r.Findings[i]
				}
			}
			if f == nil {
				t.Fatalf("no token.placeholder: %v", r.Codes())
			}
			if f.Severity != tt.sev || !strings.Contains(f.Fix, tt.fix) {
				t.Errorf("%s, fix %q; want %s with %q", f.Severity, f.Fix, tt.sev, tt.fix)
			}
		})
	}
}

// A transcript shows what was sent: "$TOKEN" on a '>' line was sent as is.
func TestShellVariableInTranscriptIsAnError(t *testing.T) {
	r := runTest("> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer $TOKEN\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer error=\"invalid_token\"\n")
	if len(r.Findings) == 0 || r.Findings[0].Code != report.TokenPlaceholder || r.Findings[0].Severity != report.Error {
		t.Fatalf("codes %v", r.Codes())
	}
}
