package redact_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/redact"
	"github.com/authdebug/authdebug/internal/report"
)

var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func b64(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

// jws is an RS256-shaped token with a fake signature made of seed.
func jws(header, payload any, seed string) string {
	sig := base64.RawURLEncoding.EncodeToString([]byte(strings.Repeat(seed, 256/len(seed)+1)[:256]))
	return b64(header) + "." + b64(payload) + "." + sig
}

func run(text string) report.Report {
	r, err := analyze.Run(context.Background(), analyze.Input{Text: text}, analyze.WithNow(now), analyze.WithReveal(true))
	if err != nil {
		panic(err) // a live context: Run fails only when cancelled
	}
	return r
}

// stripMarkers puts a NUL in place of every marker, so that a value is not
// found across or inside one.
func stripMarkers(s string) string {
	for {
		i := strings.Index(s, "‹")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "-removed›")
		if j < 0 {
			return s
		}
		s = s[:i] + "\x00" + s[i+j+len("-removed›"):]
	}
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == 0xAD || r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF {
			return -1
		}
		return r
	}, s)
}

// minChecked is the shortest value the property checks: shorter ones
// ("1", "abc") occur in ordinary text.
const minChecked = 8

// secretsOf lists what rep says is a credential or signature of text:
// every redacted range (whitespace removed) and every signature and JWE
// body of a token it read.
func secretsOf(text string, rep report.Report) map[string]bool {
	out := map[string]bool{}
	add := func(v string) {
		if v = squeeze(v); len(v) >= minChecked {
			out[v] = true
		}
	}
	for _, r := range rep.Redactions {
		add(text[r.Start:r.End])
	}
	for _, t := range rep.Tokens {
		if t.Raw == "" {
			continue
		}
		switch t.Form {
		case "jws":
			add(t.Raw[strings.LastIndexByte(t.Raw, '.')+1:])
		case "jwe":
			add(t.Raw[strings.IndexByte(t.Raw, '.')+1:])
		}
	}
	return out
}

// checkRedacted is the property: the redacted text holds none of the
// credentials and signatures the analysis of text found (nor any of
// extra), and analysing it again finds none of them either.
func checkRedacted(t *testing.T, text string, extra ...string) {
	t.Helper()
	rep := run(text)
	for _, f := range rep.Findings {
		if f.Code == report.InternalError {
			t.Skipf("internal error: %s", f.Evidence) // FuzzRun's business
		}
	}
	for i, r := range rep.Redactions {
		if r.Start < 0 || r.End > len(text) || r.Start >= r.End || i > 0 && r.Start < rep.Redactions[i-1].End {
			t.Fatalf("redaction %d out of order or range: %+v", i, r)
		}
	}
	red := redact.Text(text, rep.Redactions)
	secrets := secretsOf(text, rep)
	for _, e := range extra {
		secrets[e] = true
	}
	plain := stripMarkers(red)
	for s := range secrets {
		if strings.Contains(plain, s) {
			t.Fatalf("redacted text still holds %q\n--- redacted:\n%s", s, red)
		}
	}
	again := run(red)
	for s := range secretsOf(red, again) {
		for o := range secrets {
			if strings.Contains(s, o) {
				t.Fatalf("analysing the redacted text finds %q of the original\n--- redacted:\n%s", o, red)
			}
		}
	}
}

// corpus is every fixture of the engine and the page's examples.
func corpus(tb testing.TB) map[string]string {
	out := map[string]string{}
	for _, pat := range []string{
		"../exchange/testdata/*.txt", "../exchange/testdata/*.har", "../exchange/testdata/*.json",
		"../detect/testdata/*", "../bench/testdata/*.txt", "../claims/testdata/*.json",
		"../../app/examples/*.txt",
	} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			out[p] = string(b)
		}
	}
	if len(out) < 20 {
		tb.Fatalf("only %d fixtures found", len(out))
	}
	return out
}
