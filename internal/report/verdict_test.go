package report

import (
	"strings"
	"testing"
)

func TestFirstSentence(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Rotate the key. Then retry.", "Rotate the key."},
		{"Generate a secret (e.g. `openssl rand -base64 48`), then re-issue. Later.", "Generate a secret (e.g. `openssl rand -base64 48`), then re-issue."},
		{"Use a tool, e.g. curl. Then retry.", "Use a tool, e.g. curl."},
		{"Send one header, i.e. remove the other. Retry.", "Send one header, i.e. remove the other."},
		{`Run "a. b" first. Then c.`, `Run "a. b" first.`},
		{"No full stop here", "No full stop here"},
		{"Ends with a stop.", "Ends with a stop."},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := firstSentence(c.in); got != c.want {
				t.Errorf("firstSentence(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestVerdictOfAnAcceptedRequest(t *testing.T) {
	ok, refused := 200, 401
	for _, c := range []struct {
		name   string
		status *int
		want   string
	}{
		{"2xx", &ok, "The server accepted the request (HTTP 200); one warning may matter for later requests: the access token expired 1s ago."},
		{"401", &refused, "Nothing here alone explains a refusal; one warning may matter: the access token expired 1s ago."},
		{"no response", nil, "Nothing here alone explains a refusal; one warning may matter"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Report{Inputs: []Part{{Kind: KindJWT}}, Findings: []Finding{New(TokenExpired, Warning, Client, "The access token expired 1s ago", "", "", "")}}
			if c.status != nil {
				r.Response = &Response{Status: c.status}
			}
			if got := Verdict(&r); !strings.HasPrefix(got, c.want) {
				t.Errorf("verdict %q, want %q", got, c.want)
			}
		})
	}
}
