package main

import (
	"bytes"
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
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
)

// hs256 is {"alg":"HS256","typ":"JWT"}.{"sub":"user-42","iat":1795337400,"exp":1795341000}
// (valid 08:50–09:50 on 2026-11-22), signed with cli-test-secret-0123456789abcdef.
const hs256 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzk1MzM3NDAwLCJleHAiOjE3OTUzNDEwMDB9.cbbIy_8ei0vgisV2ksS74rCw8lykefGG_fTWunvu8dM"

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLIStatusAndUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"help", []string{"--help"}, "", 0, "authdebug inspect [flags]", ""},
		{"help inspect", []string{"help", "inspect"}, "", 0, "--leeway", ""},
		{"inspect -h", []string{"inspect", "-h"}, "", 0, "Exit status: 0", ""},
		{"help unknown", []string{"help", "nope"}, "", 2, "", `no help for "nope"`},
		{"unknown command", []string{"frobnicate"}, "", 2, "", "usage: authdebug"},
		{"bad flag", []string{"inspect", "--bogus"}, "", 2, "", "usage: authdebug inspect"},
		{"bad serve flag", []string{"serve", "--port", "1"}, "", 2, "", "usage: authdebug serve"},
		{"bad build flag", []string{"build", "--nope"}, "", 2, "", "usage: authdebug build"},
		{"no input", []string{"inspect"}, "", 2, "", "nothing to inspect"},
		{"missing file", []string{"inspect", "-f", "/nonexistent/x"}, "", 2, "", "no such file"},
		{"bad now", []string{"inspect", "--now", "yesterday", hs256}, "", 2, "", "RFC 3339"},
		{"bad leeway", []string{"inspect", "--leeway", "soon", hs256}, "", 2, "", "duration"},
		{"arg and file", []string{"inspect", "-f", "x", hs256}, "", 2, "", "not both"},
		{"token ok", []string{"inspect", "--now", "2026-11-22T09:00:00Z", hs256}, "", 0, `"sub": "user-42"`, ""},
		{"stdin", []string{"inspect", "--now", "1795338000"}, hs256 + "\n", 0, "user-42", ""},
		{"malformed exits 1", []string{"inspect", "eyJhbGciOiJIUzI1NiJ9.not*base64.sig"}, "", 1, "token.malformed", ""},
		{"batch", []string{"inspect", "--batch", "--now", "1795338000"}, hs256 + "\n\n" + hs256 + "\n", 0, "3\t", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantStdout, out)
			}
			if !strings.Contains(errOut, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, errOut)
			}
		})
	}
}

func TestInspectJSONIsTheReport(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "token.txt")
	if err := os.WriteFile(f, []byte(hs256+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "inspect", "--json", "--now", "2026-11-22T09:00:00Z", "-f", f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep report.Report
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("--json output is not a Report: %v\n%s", err, out)
	}
	if rep.Version != 1 || rep.Now != "2026-11-22T09:00:00Z" {
		t.Errorf("version %d now %q", rep.Version, rep.Now)
	}
	if len(rep.Tokens) != 1 {
		t.Fatalf("%d tokens, want 1", len(rep.Tokens))
	}
	var payload bytes.Buffer
	if err := json.Compact(&payload, rep.Tokens[0].Payload); err != nil || !strings.Contains(payload.String(), `"sub":"user-42"`) {
		t.Errorf("payload = %s (%v)", rep.Tokens[0].Payload, err)
	}
	if strings.Contains(out, hs256) {
		t.Error("the full token appears in the output without --reveal")
	}
	if err := rep.Validate(); err != nil {
		t.Error(err)
	}
	for _, key := range []string{`"request": null`, `"response": null`, `"findings": [`, `"verdict": `} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

func TestInspectBatchJSONLines(t *testing.T) {
	code, out, _ := runCLI(t, hs256+"\neyJhbGciOiJIUzI1NiJ9.not*base64.sig\n", "inspect", "--batch", "--json", "--now", "1795338000")
	if code != 1 {
		t.Errorf("exit %d, want 1 (the second line is malformed)", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), out)
	}
	for i, l := range lines {
		var rep report.Report
		if err := json.Unmarshal([]byte(l), &rep); err != nil {
			t.Fatalf("line %d is not a Report: %v", i+1, err)
		}
	}
}

// --jwks fetches over HTTP (the CLI's fetcher) and verifies with the key.
func TestInspectJWKSURL(t *testing.T) {
	tok, jwks := signedRS256(t)
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, jwks)
	}))
	defer srv.Close()
	code, out, errOut := runCLI(t, "", "inspect", "--json", "--now", "1795338000", "--jwks", srv.URL+"/jwks.json", tok)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if hits != 1 || len(rep.Tokens) != 1 || rep.Tokens[0].Signature == nil || rep.Tokens[0].Signature.Status != report.SigVerified {
		t.Errorf("hits %d, signature %+v; findings %v", hits, rep.Tokens[0].Signature, rep.Codes())
	}
}

// --batch with --jwks fetches the JWKS once for all lines.
func TestInspectBatchFetchesOnce(t *testing.T) {
	tok, jwks := signedRS256(t)
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		io.WriteString(w, jwks)
	}))
	defer srv.Close()
	code, out, errOut := runCLI(t, strings.Repeat(tok+"\n", 5), "inspect", "--batch", "--json", "--now", "1763800100", "--jwks", srv.URL+"/jwks.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(out, `"status":"verified"`); n != 5 {
		t.Errorf("%d of 5 lines verified", n)
	}
	if hits != 1 {
		t.Errorf("the JWKS was fetched %d times for 5 lines, want once", hits)
	}
}

// signedRS256 returns an RS256 token (kid k1) and the JWKS that verifies it.
func signedRS256(t *testing.T) (string, string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding
	in := enc.EncodeToString([]byte(`{"alg":"RS256","kid":"k1"}`)) + "." + enc.EncodeToString([]byte(`{"sub":"user-42","iat":1795337400,"exp":1795341000}`))
	h := sha256.Sum256([]byte(in))
	sig, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, h[:])
	if err != nil {
		t.Fatal(err)
	}
	jwks := fmt.Sprintf(`{"keys":[{"kty":"RSA","kid":"k1","use":"sig","alg":"RS256","n":%q,"e":"AQAB"}]}`, enc.EncodeToString(k.N.Bytes()))
	return in + "." + enc.EncodeToString(sig), jwks
}

// Example_inspect shows the CLI's human output: the verdict first, then the
// findings by severity with the fix, the evidence and the spec, then what
// was decoded. The token is masked to a fingerprint.
func Example_inspect() {
	token := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUuY29tLyIsInN1YiI6InVzZXItNDIiLCJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLmNvbSIsImlhdCI6MTc5NTMyMjg4MCwiZXhwIjoxNzk1MzI2NDgwfQ.3VS9wIKZMUO_PFM84EdHKZUWob8-qjWB23E5nBSK-iU"
	run([]string{"inspect", "--now", "2026-11-22T09:00:00Z", "--secret", "cli-test-secret-0123456789abcdef",
		"--aud", "https://api.example.com", "Authorization: Bearer " + token}, strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// The access token expired 3h12m ago: get a new token (use the refresh token or sign in again) and retry; refresh shortly before exp rather than after a 401.
	// (read as: authorization-header; now 2026-11-22T09:00:00Z)
	//
	// ✗ error   The access token expired 3h12m ago [token.expired, client must act]
	//           exp is the time on or after which the token must be rejected (RFC 7519 §4.1.4). It is 2026-11-22T05:48:00Z; at the analysis time 2026-11-22T09:00:00Z the token had been expired for 3h12m.
	//           fix: Get a new token (use the refresh token or sign in again) and retry; refresh shortly before exp rather than after a 401.
	//           evidence: exp=1795326480 (2026-11-22T05:48:00Z)
	//           see: RFC 7519 §4.1.4, RFC 6750 §3.1
	//
	// i info    The HS256 signature verifies with the secret (read as utf-8, 32 bytes) [signature.verified]
	//           The token was signed by a holder of this secret and has not been modified since. The secret was read as utf-8.
	//           fix: Nothing to change in the signature; if the request is still refused, look at the other findings.
	//           evidence: alg=HS256; key secret=32 bytes encoding=utf-8 source=secret
	//           see: RFC 7515 §5.2, RFC 7638 §3
	//
	// Token 1 (from the Authorization header, jws) eyJhbGci…-iU, 239 chars
	//   header:
	//     {
	//       "alg": "HS256",
	//       "typ": "JWT"
	//     }
	//   payload:
	//     {
	//       "iss": "https://login.example.com/",
	//       "sub": "user-42",
	//       "aud": "https://api.example.com",
	//       "iat": 1795322880,
	//       "exp": 1795326480
	//     }
	//   signature: verified (HS256) with secret
	//   iat: 2026-11-22T04:48:00Z
	//   exp: 2026-11-22T05:48:00Z
	//   expires in: 3h12m ago
}

func TestInspectRedact(t *testing.T) {
	sig := hs256[strings.LastIndexByte(hs256, '.')+1:]
	code, out, errOut := runCLI(t, "curl -u alice:s3cr3t-pw -H 'X-API-Key: key-0123456789' https://api.example/\n"+hs256+"\n", "inspect", "--redact", "--now", "2026-11-22T09:00:00Z")
	if code == 2 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, secret := range []string{sig, "s3cr3t-pw", "key-0123456789"} {
		if strings.Contains(out, secret) {
			t.Errorf("--redact output holds %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, hs256[:strings.LastIndexByte(hs256, '.')+1]+"‹signature-removed›") || !strings.Contains(out, "alice:‹password-removed›") {
		t.Errorf("--redact output:\n%s", out)
	}
	if want := "removed: 1 signature, 1 password, 1 API key"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q lacks %q", errOut, want)
	}
}

// The HMAC secret can come from a file or the environment, so that it stays
// out of shell history and ps: --secret > --secret-file > AUTHDEBUG_SECRET,
// and --secret with --secret-file together is a usage error.
func TestInspectSecretSources(t *testing.T) {
	const secret = "cli-test-secret-0123456789abcdef"
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := file("good", secret+"\n")
	goodCRLF := file("good-crlf", secret+"\r\n")
	bare := file("bare", secret)
	twoNL := file("two-newlines", secret+"\n\n")
	wrong := file("wrong", "not-the-secret\n")
	empty := file("empty", "\n")
	unreadable := filepath.Join(dir, "dir")
	if err := os.Mkdir(unreadable, 0o700); err != nil {
		t.Fatal(err)
	}
	base := []string{"inspect", "--now", "1795338000"}
	tests := []struct {
		name       string
		env        string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"file", "", []string{"--secret-file", good}, 0, "[signature.verified]", ""},
		{"file with CRLF", "", []string{"--secret-file", goodCRLF}, 0, "[signature.verified]", ""},
		{"file without newline", "", []string{"--secret-file", bare}, 0, "[signature.verified]", ""},
		{"only one newline stripped", "", []string{"--secret-file", twoNL}, 0, "whitespace trimmed", ""},
		{"env", secret, nil, 0, "[signature.verified]", ""},
		{"flag beats env", "not-the-secret", []string{"--secret", secret}, 0, "[signature.verified]", ""},
		{"file beats env", "not-the-secret", []string{"--secret-file", good}, 0, "[signature.verified]", ""},
		{"wrong file", secret, []string{"--secret-file", wrong}, 1, "[signature.invalid", ""},
		{"flag and file", "", []string{"--secret", secret, "--secret-file", good}, 2, "", "not both"},
		{"missing file", "", []string{"--secret-file", filepath.Join(dir, "nope")}, 2, "", "--secret-file: open"},
		{"unreadable file", "", []string{"--secret-file", unreadable}, 2, "", "--secret-file:"},
		{"empty file", "", []string{"--secret-file", empty}, 2, "", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AUTHDEBUG_SECRET", tt.env)
			args := append(append(append([]string{}, base...), tt.args...), hs256)
			code, out, errOut := runCLI(t, "", args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantStdout, out)
			}
			if !strings.Contains(errOut, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, errOut)
			}
			if strings.Contains(out+errOut, secret) {
				t.Error("the secret appears in the output")
			}
		})
	}
	t.Run("help says why", func(t *testing.T) {
		_, out, _ := runCLI(t, "", "help", "inspect")
		for _, want := range []string{"--secret-file", "AUTHDEBUG_SECRET", "shell history", "one trailing newline"} {
			if !strings.Contains(out, want) {
				t.Errorf("help lacks %q:\n%s", want, out)
			}
		}
	})
}
