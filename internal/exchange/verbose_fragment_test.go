package exchange

import (
	"os"
	"testing"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
)

// A curl -v transcript filtered by grep keeps only curl's '<' lines, or one
// "< WWW-Authenticate:" line. Both are still curl's and still a response:
// its status when the status line is there, its challenge either way.
func TestGrepFragmentsAreCurlVerbose(t *testing.T) {
	tests := []struct {
		name, file string
		status     int
		headers    int
	}{
		{"grep '^<'", "testdata/curl_v_grep_responses.txt", 401, 5},
		{"grep -i '^< www-authenticate'", "testdata/curl_v_grep_challenge.txt", 0, 1},
		{"headers only, no status line", "", 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "< Content-Type: application/json\n< WWW-Authenticate: Bearer error=\"invalid_token\"\n"
			if tt.file != "" {
				b, err := os.ReadFile(tt.file) // testdata/capture/grep_fragments.sh
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			parts := detect.Detect(text)
			if len(parts) != 1 || parts[0].Kind != report.KindCurlVerbose {
				t.Fatalf("parts %+v, want one curl-verbose", parts)
			}
			exs, _, err := Parse(parts[0])
			if err != nil || len(exs) != 1 {
				t.Fatalf("%d exchanges, %v", len(exs), err)
			}
			ex := exs[0]
			if ex.Request != nil || ex.Response == nil {
				t.Fatalf("request %v, response %v: want the response alone", ex.Request, ex.Response)
			}
			if ex.Response.Status != tt.status || len(ex.Response.Headers) != tt.headers {
				t.Errorf("status %d with %d headers, want %d with %d", ex.Response.Status, len(ex.Response.Headers), tt.status, tt.headers)
			}
			if _, ok := ex.Response.Header("WWW-Authenticate"); !ok {
				t.Error("no WWW-Authenticate")
			}
		})
	}
}

// Lines that merely start with '<' are not a transcript: quoted mail, an
// HTML tag, a shell redirection.
func TestLessThanLinesThatAreNotCurl(t *testing.T) {
	for _, text := range []string{
		"< Thanks: see you tomorrow\n< Bob\n",
		"< input.txt sort\n",
		"<div>Unauthorized</div>\n",
	} {
		for _, p := range detect.Detect(text) {
			if p.Kind == report.KindCurlVerbose {
				t.Errorf("%q read as curl-verbose", text)
			}
		}
	}
}
