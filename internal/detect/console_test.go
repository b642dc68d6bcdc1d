package detect

import (
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// TestConsoleKind: console output is one browser-console part (stack frames
// and blank lines between messages included) naming its browser; text that
// merely mentions CORS, fetching or network errors is not.
func TestConsoleKind(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
		// flavor of the first part
		flavor string
	}{
		{"chromium with frames", "(index):1 Access to fetch at 'https://api.example.com/me' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n\napi.js:3 Uncaught (in promise) TypeError: Failed to fetch\n    at load (api.js:3:9)",
			[]want{{report.KindBrowserConsole, "(index):1"}}, "Chromium"},
		{"a fetch rejection is no server log", "TypeError: Failed to fetch", []want{{report.KindBrowserConsole, "TypeError"}}, "Chromium"},
		{"firefox", "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a/. (Reason: CORS request did not succeed). Status code: (null).", []want{{report.KindBrowserConsole, "Cross-Origin"}}, "Firefox"},
		{"safari", "[Error] Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 401", []want{{report.KindBrowserConsole, "[Error]"}}, "Safari"},
		{"console then a token", "TypeError: Failed to fetch\n\n" + jws, []want{{report.KindBrowserConsole, "TypeError"}, {report.KindJWT, jws}}, "Chromium"},
		{"prose about CORS", "We enabled CORS for the API, but the fetch still failed.", []want{{report.KindUnknown, "We"}}, ""},
		{"a CORS header", "Access-Control-Allow-Origin: *", []want{{report.KindWWWAuthenticate, ""}}, ""},
		{"a node fetch error is no browser console", "TypeError: fetch failed\n    at node:internal/deps/undici/undici:12345:11", []want{{report.KindServerLog, "TypeError"}}, ""},
		{"a server log about CORS", "2026-12-07 10:00:00 INFO cors: preflight OPTIONS /users/me has been blocked", []want{{report.KindServerLog, "2026"}}, ""},
		{"net error in prose", "we kept seeing net::ERR_CONNECTION_REFUSED yesterday", []want{{report.KindUnknown, "we"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want[0].kind == report.KindWWWAuthenticate {
				// A lone header line: whatever it is read as, never the console.
				for _, p := range Detect(tt.in) {
					if p.Kind == report.KindBrowserConsole {
						t.Fatalf("read as the console: %+v", p)
					}
				}
				return
			}
			checkDetect(t, tt.in, tt.want)
			if ps := Detect(tt.in); ps[0].Flavor != tt.flavor {
				t.Errorf("flavor %q, want %q", ps[0].Flavor, tt.flavor)
			}
		})
	}
}
