package token

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// now is the analysis clock of every test: 2026-11-22T09:00:00Z.
var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// testSecret signs the HS256 test tokens.
var testSecret = []byte("authdebug-test-secret-not-for-production")

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// hs256 builds a token from header and payload JSON exactly as written
// (member order kept), signed with testSecret.
func hs256(header, payload string) string {
	si := b64(header) + "." + b64(payload)
	m := hmac.New(sha256.New, testSecret)
	m.Write([]byte(si))
	return si + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// at writes a NumericDate relative to now.
func at(d time.Duration) string { return fmt.Sprint(now.Add(d).Unix()) }

// accessPayload is a valid access token's claims.
var accessPayload = `{"iss":"https://id.example.com/","sub":"u1","aud":"https://api.example.com","iat":` + at(-10*time.Minute) + `,"exp":` + at(50*time.Minute) + `,"scope":"read write"}`

var goodToken = hs256(`{"alg":"HS256","typ":"JWT"}`, accessPayload)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func find(fs []report.Finding, code string) *report.Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}

func codes(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code+"/"+string(f.Severity)+": "+f.Title)
	}
	return out
}

// checkResult asserts the properties every Result must have.
func checkResult(t testing.TB, text string, src Source, opts Options, r Result) {
	t.Helper()
	if len(r.Tokens) == 0 {
		t.Fatal("no token")
	}
	if len(r.Tokens) != len(r.Decoded) {
		t.Fatalf("%d tokens, %d decoded", len(r.Tokens), len(r.Decoded))
	}
	for i, d := range r.Decoded {
		if d == nil || d.Index != i {
			t.Fatalf("decoded[%d] = %+v", i, d)
		}
		if r.Tokens[i].Form != d.Form {
			t.Fatalf("form %s vs %s", r.Tokens[i].Form, d.Form)
		}
		if s := r.Tokens[i].Signature; s != nil && s.Status != report.SigUnverified {
			t.Fatalf("signature status %s", s.Status)
		}
		if !opts.Reveal && r.Tokens[i].Raw != "" {
			t.Fatal("raw token without reveal")
		}
	}
	if err := (&report.Report{Findings: r.Findings}).Validate(); err != nil {
		t.Fatal(err)
	}
	end := src.Offset + len(text)
	for _, f := range r.Findings {
		if f.Span != nil && (src.Offset < 0 || f.Span.Start < src.Offset || f.Span.End > end || f.Span.Start > f.Span.End) {
			t.Fatalf("%s: span %+v outside [%d,%d)", f.Code, *f.Span, src.Offset, end)
		}
		if f.Fix == "" || f.Evidence == "" {
			t.Fatalf("%s without fix or evidence", f.Code)
		}
	}
	for _, tok := range r.Tokens {
		for _, s := range tok.Segments {
			if s.Span != nil && (s.Span.Start < src.Offset || s.Span.End > end) {
				t.Fatalf("segment span %+v outside [%d,%d)", *s.Span, src.Offset, end)
			}
		}
	}
	// Credentials stay masked: no finding repeats a whole token.
	if !opts.Reveal {
		for _, d := range r.Decoded {
			if len(d.Compact) < 24 {
				continue
			}
			for _, f := range r.Findings {
				if strings.Contains(f.Title+f.Detail+f.Evidence+f.Fix, d.Compact) {
					t.Fatalf("%s reveals the token", f.Code)
				}
			}
		}
	}
}
