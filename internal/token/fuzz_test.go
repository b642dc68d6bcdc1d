package token

import (
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/claims"
	"github.com/authdebug/authdebug/internal/report"
)

// FuzzInspect: no panic, at least one token, valid findings, spans inside
// the input, credentials masked, Fingerprint equal to report.Fingerprint.
func FuzzInspect(f *testing.F) {
	for _, s := range []string{
		goodToken,
		`"` + goodToken + `",`,
		goodToken[:40] + "\n" + goodToken[40:],
		goodToken + ".",
		std(goodToken),
		b64(`{"alg":"none"}`) + "." + b64(accessPayload) + ".",
		b64(`{"alg":"RSA-OAEP","enc":"A256GCM","cty":"JWT"}`) + ".YQ.YQ.YQ.YQ",
		hs256(`{"alg":"HS256","cty":"JWT"}`, goodToken),
		hs256(`{"alg":"RS256","jwk":{"kty":"RSA"},"b64":false}`, `{"exp":"1","aud":[1]}`),
		"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.This is the payload string!.ciks0B6Hs-amhOqxI5_iG6mPKnMDlWCb7J2Wu7mtIcg",
		"undefined", "${token}", "", "“eyJ…”", "ghp_x", "\xff\xfe", "eyJ\x00.\x00.\x00", "....", "[[[[",
	} {
		f.Add(s, 0, true, false)
	}
	f.Fuzz(func(t *testing.T, text string, offset int, access, reveal bool) {
		if offset < 0 {
			offset = -1
		} else {
			offset %= 1000
		}
		src := Source{Name: "request.authorization", Offset: offset}
		opts := Options{Now: now, AccessToken: access, Reveal: reveal,
			Expect: claims.Expectations{Aud: "a", Iss: "i", Require: []string{"sub"}, Scope: []string{"s"}}}
		r := Inspect(text, src, opts)
		if find(r.Findings, report.TokenPlaceholder) != nil {
			opts.Reveal = true // placeholders are not credentials: skip the masking check
		}
		checkResult(t, text, src, opts, r)
		if len(r.Findings) > 30*len(r.Tokens) {
			t.Fatalf("%d findings for %d tokens", len(r.Findings), len(r.Tokens))
		}
		if len(r.Tokens) > MaxNesting+1 {
			t.Fatalf("%d tokens", len(r.Tokens))
		}
		d, fs := DecodeUnverified(text)
		if d == nil {
			t.Fatal("nil Decoded")
		}
		if err := (&report.Report{Findings: fs}).Validate(); err != nil {
			t.Fatal(err)
		}
		if d.SigningInput != "" && !strings.HasPrefix(text, d.SigningInput) {
			t.Fatalf("signing input %q is not a prefix", d.SigningInput)
		}
	})
}
