package main

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// --discover follows the token's iss: to an http:// or 127.0.0.1 issuer
// only with --allow-http and --allow-private, and its keys are trusted
// only with --iss naming that issuer.
func TestInspectDiscoverGuarded(t *testing.T) {
	var hits atomic.Int64
	var srv *httptest.Server
	var jwks string
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			fmt.Fprintf(w, `{"issuer":%q,"jwks_uri":%q}`, srv.URL, srv.URL+"/jwks")
		case "/jwks":
			io.WriteString(w, jwks)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	var tok string
	tok, jwks = signedRS256Iss(t, srv.URL)
	cases := []struct {
		name     string
		flags    []string
		wantHits bool
		status   string
		says     string // in some finding's title or detail
	}{
		{"http issuer not followed", nil, false, report.SigUnverified, "--allow-http"},
		{"loopback issuer refused without --allow-private", []string{"--allow-http"}, false, report.SigUnverified, "--allow-private"},
		{"followed, but the token vouches for itself", []string{"--allow-http", "--allow-private"}, true, report.SigUntrusted, srv.URL},
		{"followed and expected", []string{"--allow-http", "--allow-private", "--iss", srv.URL}, true, report.SigVerified, ""},
		{"a typed --iss host needs no --allow-private", []string{"--allow-http", "--iss", srv.URL}, true, report.SigVerified, ""},
		{"another typed --iss does not open the token's host", []string{"--allow-http", "--iss", "https://login.example.com/"}, false, report.SigUnverified, "--allow-private"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits.Store(0)
			args := append([]string{"inspect", "--json", "--now", "1795338000", "--discover"}, c.flags...)
			_, out, errOut := runCLI(t, "", append(args, tok)...)
			var rep report.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("%v: %s", err, errOut)
			}
			if got := hits.Load() > 0; got != c.wantHits {
				t.Errorf("server hits %d", hits.Load())
			}
			if s := rep.Tokens[0].Signature; s == nil || s.Status != c.status {
				t.Errorf("signature %+v, want %s; verdict %q", s, c.status, rep.Verdict)
			}
			all := ""
			for _, f := range rep.Findings {
				all += f.Title + " " + f.Detail + " " + f.Fix + "\n"
			}
			if !strings.Contains(all, c.says) {
				t.Errorf("no finding says %q:\n%s", c.says, all)
			}
		})
	}
}

func signedRS256Iss(t *testing.T, iss string) (string, string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding
	in := enc.EncodeToString([]byte(`{"alg":"RS256","kid":"k1"}`)) + "." + enc.EncodeToString([]byte(`{"iss":"`+iss+`","sub":"user-42","iat":1795337400,"exp":1795341000}`))
	h := sha256.Sum256([]byte(in))
	sig, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, h[:])
	if err != nil {
		t.Fatal(err)
	}
	jwks := fmt.Sprintf(`{"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":%q,"e":"AQAB"}]}`, enc.EncodeToString(k.N.Bytes()))
	return in + "." + enc.EncodeToString(sig), jwks
}
