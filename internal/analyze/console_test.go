package analyze

import (
	"os"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// TestBrowserConsole: console output captured from headless Chromium
// (tools/capture/console) and the documented Firefox and Safari texts give
// one diagnosis each, naming what the server must send.
func TestBrowserConsole(t *testing.T) {
	tests := []struct {
		in, browser, top string
		fix              string // in the top finding's fix
		side             report.Side
	}{
		{"@chromium_no_acao.txt", "Chromium", report.ResponseCORSBlocksAuth, "Access-Control-Allow-Origin: http://127.0.0.1:", report.Server},
		{"@chromium_authorization_not_allowed.txt", "Chromium", report.ResponseCORSBlocksAuth, "Access-Control-Allow-Headers: Authorization", report.Server},
		{"@chromium_preflight_401.txt", "Chromium", report.ResponseCORSBlocksAuth, "answer OPTIONS preflights with 200 or 204", report.Server},
		{"@chromium_preflight_redirect.txt", "Chromium", report.ResponseCORSBlocksAuth, "without redirecting", report.Server},
		{"@chromium_wildcard_credentials.txt", "Chromium", report.ResponseCORSBlocksAuth, "Access-Control-Allow-Credentials: true", report.Server},
		{"@chromium_credentials_not_true.txt", "Chromium", report.ResponseCORSBlocksAuth, "Access-Control-Allow-Credentials: true", report.Server},
		{"@chromium_origin_mismatch.txt", "Chromium", report.ResponseCORSBlocksAuth, "exact origin", report.Server},
		{"@chromium_connection_refused.txt", "Chromium", report.ServerMessage, "API is running", report.Both},
		{"@chromium_name_not_resolved.txt", "Chromium", report.ServerMessage, "Check the API's URL", report.Client},
		{"@chromium_cert_invalid.txt", "Chromium", report.ServerMessage, "Check the API's URL", report.Server},
		{"@chromium_mixed_content.txt", "Chromium", report.RequestInsecureTransport, "https://", report.Client},
		{"@documented_firefox.txt", "Firefox", report.ResponseCORSBlocksAuth, "on every answer to this origin", report.Server},
		{"@documented_safari.txt", "Safari", report.ResponseCORSBlocksAuth, "Access-Control-Allow-Origin: http://localhost:3000", report.Server},
		{"@documented_chrome_devtools.txt", "Chromium", report.ResponseCORSBlocksAuth, "error responses (401, 403) included", report.Server},
		{"Uncaught (in promise) TypeError: Failed to fetch\n    at load (app.js:3:9)", "Chromium", "", "", ""},
		{"TypeError: NetworkError when attempting to fetch resource.", "Firefox", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.in, "@"), func(t *testing.T) {
			in := tt.in
			if name, ok := strings.CutPrefix(in, "@"); ok {
				b, err := os.ReadFile("../exchange/testdata/console/" + name)
				if err != nil {
					t.Fatal(err)
				}
				in = string(b)
			}
			r := runTest(in)
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(r.Inputs) != 1 || r.Inputs[0].Kind != report.KindBrowserConsole || r.Inputs[0].Note != tt.browser {
				t.Fatalf("inputs %+v, want one browser-console of %s", r.Inputs, tt.browser)
			}
			if len(r.ServerMessages) == 0 || r.ServerMessages[0].Span == nil {
				t.Fatalf("server messages %+v, want them with spans", r.ServerMessages)
			}
			for _, sm := range r.ServerMessages {
				if got := in[sm.Span.Start:sm.Span.End]; got != sm.Message {
					t.Errorf("span holds %q, message %q", got, sm.Message)
				}
			}
			if tt.top == "" {
				// A fetch rejection alone names no reason: a warning that asks
				// for the lines before it.
				if len(r.Findings) != 1 || r.Findings[0].Code != report.ServerMessage || r.Findings[0].Severity != report.Warning {
					t.Errorf("findings %v, want one server.message warning", r.Codes())
				}
				return
			}
			f := r.Findings[0]
			if f.Code != tt.top || f.Severity != report.Error || f.Side != tt.side {
				t.Fatalf("top %s %s %s, want %s error %s (%v)", f.Code, f.Severity, f.Side, tt.top, tt.side, r.Codes())
			}
			if !strings.Contains(f.Fix, tt.fix) {
				t.Errorf("fix %q, want %q in it", f.Fix, tt.fix)
			}
			if f.Span == nil {
				t.Error("the finding has no span to highlight")
			}
			for _, f := range r.Findings {
				if f.Code == report.ServerMessage && strings.Contains(f.Title, "ERR_FAILED") {
					t.Errorf("ERR_FAILED under a CORS refusal reported on its own: %q", f.Title)
				}
			}
		})
	}
}
