package token

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/claims"
	"github.com/authdebug/authdebug/internal/report"
)

// TestHostile feeds inputs built to hurt a parser and checks that each
// yields a result, valid findings, bounded output, and allocations linear in
// its size (measured, never timed).
func TestHostile(t *testing.T) {
	const mib = 1 << 20
	deep := strings.Repeat("[", 100000)
	manyAud := `{"exp":` + at(time.Hour) + `,"aud":[` + strings.Repeat(`"x",`, 200000) + `"y"],"scope":"` + strings.Repeat("s ", 100000) + `"}`
	tests := []struct {
		name string
		gen  func() string
	}{
		{"10 MiB of base64 characters", func() string { return strings.Repeat("A", 10*mib) }},
		{"10 MiB that starts like a JWT", func() string { return "eyJ" + strings.Repeat("A", 10*mib) }},
		{"10 MiB in three segments", func() string {
			return "eyJhbGciOiJIUzI1NiJ9." + strings.Repeat("QUFB", 10*mib/4) + ".c2ln"
		}},
		{"100k-deep brackets as text", func() string { return deep }},
		{"100k-deep brackets in the header", func() string { return b64(deep) + "." + b64(accessPayload) + ".c2ln" }},
		{"100k-deep brackets in the payload", func() string { return hs256(`{"alg":"HS256"}`, `{"a":`+deep) }},
		{"NUL bytes", func() string { return "eyJ\x00\x00\x00." + b64("\x00{\x00}") + ".\x00" }},
		{"NUL bytes inside JSON", func() string { return hs256("{\"alg\":\"HS\x00256\"}", "{\"sub\":\"\x00\",\"exp\":1}") }},
		{"invalid UTF-8", func() string { return "\xff\xfe\xfd" + goodToken + "\xc3" }},
		{"invalid UTF-8 inside JSON", func() string { return hs256("{\"alg\":\"\xff\"}", "{\"sub\":\"\xc3\x28\",\"exp\":1}") }},
		{"1 MB header segment", func() string {
			return b64(`{"alg":"HS256","x":"`+strings.Repeat("a", mib)+`"}`) + "." + b64(accessPayload) + ".c2ln"
		}},
		{"10 MiB of dots", func() string { return strings.Repeat(".", 10*mib) }},
		{"10 MiB of whitespace inside a token", func() string { return goodToken[:10] + strings.Repeat(" \n", 5*mib) + goodToken[10:] }},
		{"10 MiB of quotes", func() string { return strings.Repeat(`"`, 10*mib) }},
		{"huge aud and scope", func() string { return hs256(`{"alg":"HS256"}`, manyAud) }},
		{"deeply nested tokens", func() string {
			tok := goodToken
			for i := 0; i < MaxNesting+4; i++ {
				tok = hs256(`{"alg":"HS256","cty":"JWT"}`, tok)
			}
			return tok
		}},
	}
	opts := Options{Now: now, AccessToken: true, Expect: claims.Expectations{
		Aud: "https://api.example.com", Iss: "https://id.example.com", Require: []string{"sub", "jti"}, Scope: []string{"read", "admin"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.gen()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r := Inspect(in, pasted, opts)
			runtime.ReadMemStats(&after)
			checkResult(t, in, pasted, opts, r)
			alloc := after.TotalAlloc - before.TotalAlloc
			if limit := uint64(24*len(in) + 8*mib); alloc > limit {
				t.Errorf("allocated %d bytes for %d bytes of input (limit %d)", alloc, len(in), limit)
			}
			text := 0
			for _, f := range r.Findings {
				text += len(f.Title) + len(f.Detail) + len(f.Evidence) + len(f.Fix)
			}
			if len(r.Findings) > 30 || text > 64<<10 {
				t.Errorf("%d findings, %d bytes of text", len(r.Findings), text)
			}
			for _, tok := range r.Tokens {
				if tok.PayloadText != nil && len(*tok.PayloadText) > maxPayloadText+64 {
					t.Errorf("payload text of %d bytes", len(*tok.PayloadText))
				}
				if len(tok.Fingerprint) > 64 {
					t.Errorf("fingerprint %q", tok.Fingerprint)
				}
			}
			t.Logf("%d bytes in, %d allocated, %d tokens, %d findings", len(in), alloc, len(r.Tokens), len(r.Findings))
		})
	}
}

// TestTypicalAllocs bounds the allocations of a typical token.
func TestTypicalAllocs(t *testing.T) {
	tok := readFixture(t, "access_token_rs256.jwt")
	opts := Options{Now: now, AccessToken: true, Expect: claims.Expectations{Aud: "https://api.example.com", Scope: []string{"read:orders"}}}
	n := testing.AllocsPerRun(20, func() { Inspect(tok, request, opts) })
	if n > 400 {
		t.Errorf("%v allocations per typical token", n)
	}
	r := Inspect(tok, request, opts)
	for _, f := range r.Findings {
		if f.Severity != report.Info {
			t.Errorf("typical token: %s %s", f.Code, f.Title)
		}
	}
}

func BenchmarkInspectToken(b *testing.B) {
	tok := readFixture(b, "access_token_rs256.jwt")
	opts := Options{Now: now, AccessToken: true, Expect: claims.Expectations{
		Aud: "https://api.example.com", Iss: "https://example.eu.auth0.com/", Scope: []string{"read:orders"},
	}}
	src := Source{Name: "request.authorization", Offset: 22}
	b.SetBytes(int64(len(tok)))
	b.ReportAllocs()
	for b.Loop() {
		Inspect(tok, src, opts)
	}
}
