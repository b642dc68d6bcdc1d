package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// --client-ip-header: the relay's rate limit keys on the trusted proxy's
// header only when the flag is set.
func TestServeClientIPHeader(t *testing.T) {
	// 30 requests a minute per client: the 31st from one key is refused.
	hit := func(h http.Handler, xff string) int {
		r := httptest.NewRequest(http.MethodGet, "/relay", nil) // no url: 400 when allowed
		r.RemoteAddr = "192.0.2.1:1"
		r.Header.Set("X-Forwarded-For", xff)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	cases := []struct {
		name    string
		args    []string
		limited bool // is the 31st request, from another forwarded client, refused?
	}{
		{"flag unset: the header is ignored", []string{"--jwks-relay"}, true},
		{"flag set: per forwarded client", []string{"--jwks-relay", "--client-ip-header", "X-Forwarded-For"}, false},
		{"flag set with hops", []string{"--jwks-relay", "--client-ip-header", "X-Forwarded-For", "--client-ip-hops", "1"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd, o := serveCommand()
			if _, ok := cmd.parse(c.args, io.Discard, io.Discard); !ok {
				t.Fatal("flags did not parse")
			}
			h, err := jwksRelay(o)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 30; i++ {
				if code := hit(h, "198.51.100.1"); code != http.StatusBadRequest {
					t.Fatalf("request %d: %d", i, code)
				}
			}
			code := hit(h, "198.51.100.2")
			if got := code == http.StatusTooManyRequests; got != c.limited {
				t.Errorf("31st request from another forwarded client: %d", code)
			}
		})
	}
	t.Run("bad settings are usage errors", func(t *testing.T) {
		for _, args := range [][]string{
			{"serve", "--client-ip-header", "X-Forwarded-For"}, // without --jwks-relay
			{"serve", "--jwks-relay", "--client-ip-header", "Bad Header"},
			{"serve", "--jwks-relay", "--client-ip-header", "X-Forwarded-For", "--client-ip-hops", "0"},
		} {
			code, _, errOut := runCLI(t, "", args...)
			if code != 2 || !strings.Contains(errOut, "client-ip") {
				t.Errorf("%v: code %d, stderr %q", args, code, errOut)
			}
		}
	})
}
