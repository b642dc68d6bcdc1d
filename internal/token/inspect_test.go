package token

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/claims"
	"github.com/authdebug/authdebug/internal/report"
)

type want struct {
	code string
	sev  report.Severity
	side report.Side
	has  []string // substrings of title, evidence or detail
}

var (
	pasted  = Source{Name: "pasted", Offset: 0}
	request = Source{Name: "request.authorization", Offset: 0}
	access  = Options{Now: now, AccessToken: true}
	plain   = Options{Now: now}
)

// std re-encodes a token's segments with standard, padded base64.
func std(tok string) string {
	parts := strings.Split(tok, ".")
	for i, p := range parts {
		b, _ := base64.RawURLEncoding.DecodeString(p)
		parts[i] = base64.StdEncoding.EncodeToString(b)
	}
	return strings.Join(parts, ".")
}

func withSig(si string, sig []byte) string {
	return si + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestInspectFindings(t *testing.T) {
	dot := strings.LastIndexByte(goodToken, '.')
	si := goodToken[:dot]
	payloadStart := strings.IndexByte(goodToken, '.') + 1
	badChar := goodToken[:payloadStart+5] + "!" + goodToken[payloadStart+6:]
	ellipsis := goodToken[:20] + "…" + goodToken[len(goodToken)-20:]
	inner := hs256(`{"alg":"HS256"}`, `{"sub":"inner","exp":`+at(-time.Hour)+`}`)
	jweHeader := b64(`{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"enc1","cty":"JWT"}`)
	jwe := jweHeader + ".ZW5jcnlwdGVkLWtleQ.aXYtaXYtaXYtaXY.Y2lwaGVydGV4dA.dGFnLXRhZy10YWctdGFn"
	auth0 := b64(`{"alg":"dir","enc":"A256GCM","iss":"https://example.eu.auth0.com/"}`) + "..aXYtaXYtaXYtaXY.Y2lwaGVydGV4dA.dGFnLXRhZy10YWctdGFn"

	tests := []struct {
		name string
		in   string
		src  Source
		opts Options
		want []want
		not  []string
	}{
		{"valid access token", goodToken, request, access, nil,
			[]string{report.TokenMalformed, report.TokenWhitespace, report.TokenNotBase64URL, report.TokenExpired, report.TokenNoExp, report.TokenTyp, report.TokenAlgNone}},

		// token.malformed
		{"two segments", si, pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"has 2 segments; a JWS has 3, a JWE 5", "cut off"}}}, nil},
		{"one segment", goodToken[:strings.IndexByte(goodToken, '.')], pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"has 1 segment;"}}}, nil},
		{"four segments", goodToken + ".eyJ4IjoxfQ", pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"has 4 segments", "one segment too many"}}}, nil},
		{"many segments", strings.Repeat("eyJ.", 50), pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"has 51 segments"}}}, nil},
		{"bad character", badChar, pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{fmt.Sprintf("payload segment is not base64url: '!' at position %d", payloadStart+6)}}}, nil},
		{"ellipsis from a display", ellipsis, pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"'…' (U+2026)", "display that shortens it"}}}, nil},
		{"header not JSON", b64(`{alg:"HS256"}`) + "." + b64(accessPayload) + ".c2ln", pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"header segment is not a JSON object: invalid character 'a'"}}}, nil},
		{"header is an array", b64(`["HS256"]`) + "." + b64(accessPayload) + ".c2ln", pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"it is a JSON array"}}}, nil},
		{"header without alg", hs256(`{"typ":"JWT"}`, accessPayload), pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"The header has no alg"}}}, nil},
		{"payload truncated JSON", hs256(`{"alg":"HS256"}`, `{"sub":"u1","exp":17`), pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"payload segment is not a JSON object", "ends early"}}}, nil},
		{"payload is text", hs256(`{"alg":"HS256"}`, `hello`), pasted, plain,
			[]want{{report.TokenMalformed, report.Warning, report.Both, []string{"payload segment is text, not a JSON object"}}}, nil},
		{"payload is text in a bearer token", hs256(`{"alg":"HS256"}`, `hello`), request, access,
			[]want{{report.TokenMalformed, report.Error, report.Both, nil}}, nil},
		{"payload nested too deep", hs256(`{"alg":"HS256"}`, `{"a":`+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`}`), pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"deeper than 64 levels"}}}, nil},
		{"empty signature", si + ".", pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"signature segment is empty", `alg "HS256"`}}}, nil},
		{"empty payload", b64(`{"alg":"HS256"}`) + "..c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2k", pasted, plain,
			[]want{{report.TokenMalformed, report.Warning, report.Client, []string{"payload segment is empty"}}}, nil},
		{"empty payload in a bearer token", b64(`{"alg":"HS256"}`) + "..c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2k", request, access,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"payload segment is empty"}}}, nil},
		{"short HMAC", withSig(si, make([]byte, 31)), pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"31 bytes, the wrong size for HS256"}}}, nil},
		{"DER ECDSA signature", withSig(b64(`{"alg":"ES256"}`)+"."+b64(accessPayload), append([]byte{0x30, 0x45, 0x02, 0x21}, make([]byte, 67)...)), pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"DER/ASN.1"}}}, nil},
		{"truncated RSA signature", withSig(b64(`{"alg":"RS256"}`)+"."+b64(accessPayload), make([]byte, 200)), pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Both, []string{"RS256 signature is 200 bytes"}}}, nil},
		{"opaque token", "a8Fk2LmQ9xZ7pR3tV5wY1bN4cD6eG0hJ", request, access,
			[]want{{report.TokenOpaque, report.Info, report.Client, []string{"opaque", "RFC 7662"}}}, nil},
		{"github token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", request, access,
			[]want{{report.TokenOpaque, report.Info, report.Client, []string{"GitHub personal access token"}}}, nil},
		{"not a token at all", "[[[[{{{", request, access,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"'[' at position 1"}}}, nil},

		// token.not_base64url
		{"standard base64", std(goodToken), pasted, plain,
			[]want{{report.TokenNotBase64URL, report.Error, report.Both, []string{"standard base64", "'=' padding"}}},
			[]string{report.TokenMalformed}},

		// token.whitespace
		{"double quotes", `"` + goodToken + `"`, request, access,
			[]want{{report.TokenWhitespace, report.Error, report.Client, []string{"surrounding double quotes"}}}, []string{report.TokenMalformed}},
		{"curly quotes pasted", "“" + goodToken + "”", pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"surrounding curly double quotes"}}}, []string{report.TokenMalformed}},
		{"backticks", "`" + goodToken + "`", pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"surrounding backticks"}}}, nil},
		{"line breaks inside", goodToken[:30] + "\r\n" + goodToken[30:60] + "\n" + goodToken[60:], pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"3 line breaks inside the token"}}}, []string{report.TokenMalformed}},
		{"space and tab inside", goodToken[:30] + " \t" + goodToken[30:], pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"a space inside the token, a tab inside the token"}}}, nil},
		{"trailing comma after quotes", `"` + goodToken + `",`, pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"a trailing comma, surrounding double quotes"}}}, []string{report.TokenMalformed}},
		{"trailing semicolon", goodToken + ";", pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"a trailing semicolon"}}}, nil},
		{"trailing period", goodToken + ".", pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"a trailing period"}}}, []string{report.TokenMalformed}},
		{"zero-width space", goodToken[:50] + "\u200b" + goodToken[50:], pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"zero-width space (U+200B)"}}}, []string{report.TokenMalformed}},
		{"non-breaking space at the end", goodToken + "\u00a0", pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"a trailing non-breaking space (U+00A0)"}}}, nil},
		{"lone leading quote", "'" + goodToken, pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{"a leading single quote"}}}, nil},
		{"scheme pasted along", "Bearer " + goodToken, pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{`a leading "Bearer " scheme`}}}, []string{report.TokenMalformed}},
		{"header pasted along", "Authorization: Bearer " + goodToken, pasted, plain,
			[]want{{report.TokenWhitespace, report.Warning, report.Client, []string{`a leading "Authorization:" header name, a leading "Bearer " scheme`}}}, []string{report.TokenMalformed}},
		{"plain whitespace around is fine", "\n  " + goodToken + " \r\n", pasted, plain, nil,
			[]string{report.TokenWhitespace, report.TokenMalformed}},

		// token.jwe
		{"jwe pasted", jwe, pasted, plain,
			[]want{{report.TokenJWE, report.Info, report.Client, []string{"encrypted (JWE, alg RSA-OAEP-256, enc A256GCM)", "signed JWT (signed, then encrypted"}}},
			[]string{report.TokenMalformed, report.TokenNoExp}},
		{"jwe as bearer token", jwe, request, access,
			[]want{{report.TokenJWE, report.Warning, report.Both, []string{"expects a signed JWT"}}}, nil},
		{"auth0 opaque jwe", auth0, request, access,
			[]want{{report.TokenJWE, report.Error, report.Client, []string{"Auth0", "audience"}}}, []string{report.TokenMalformed}},
		{"jwe without enc", b64(`{"alg":"RSA-OAEP"}`) + ".YQ.YQ.YQ.YQ", pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"5 segments like a JWE, but its header has no enc"}}}, nil},
		{"jwe header, 3 segments", b64(`{"alg":"RSA-OAEP","enc":"A128GCM"}`) + ".YQ.YQ", pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"enc like a JWE, but the token has 3 segments"}}}, nil},
		{"jwe with empty tag", jweHeader + ".YQ.YQ.YQ.", pasted, plain,
			[]want{{report.TokenMalformed, report.Error, report.Client, []string{"tag segment is empty"}}}, nil},

		// token.alg_none
		{"alg none", b64(`{"alg":"none"}`) + "." + b64(accessPayload) + ".", request, access,
			[]want{{report.TokenAlgNone, report.Error, report.Both, []string{`unsigned (alg "none")`, `alg="none"`}}},
			[]string{report.TokenMalformed, report.TokenWhitespace}},
		{"alg NONE", b64(`{"alg":"NONE"}`) + "." + b64(accessPayload) + ".", request, access,
			[]want{{report.TokenAlgNone, report.Error, report.Both, []string{"known trick"}}}, nil},

		// token.embedded_key
		{"embedded jwk", hs256(`{"alg":"RS256","jwk":{"kty":"RSA","kid":"attacker","n":"AQAB","e":"AQAB"}}`, accessPayload), request, access,
			[]want{{report.TokenEmbeddedKey, report.Warning, report.Server, []string{"carries its own key in the header (jwk)", `jwk {kty="RSA", kid="attacker"}`}}}, nil},
		{"jku and x5c", hs256(`{"alg":"RS256","jku":"https://evil.example/jwks.json","x5c":["MIIB","MIIC"]}`, accessPayload), request, access,
			[]want{{report.TokenEmbeddedKey, report.Warning, report.Server, []string{"(jku, x5c)", `jku="https://evil.example/jwks.json"`, "x5c: 2 certificates"}}}, nil},
		{"kid only", hs256(`{"alg":"RS256","kid":"k1"}`, accessPayload), request, access, nil, []string{report.TokenEmbeddedKey}},

		// token.nested
		{"nested token", hs256(`{"alg":"HS256","cty":"JWT"}`, inner), pasted, plain,
			[]want{{report.TokenNested, report.Info, report.Client, []string{"nested JWT", `cty="JWT"`}},
				{report.TokenExpired, report.Error, report.Client, []string{"expired 1h ago"}}}, nil},
		{"nested token without cty", hs256(`{"alg":"HS256"}`, inner), pasted, plain,
			[]want{{report.TokenNested, report.Info, report.Client, []string{"no cty in header", "RFC 7519 §5.2 requires"}}}, nil},

		// claims and typ through Inspect
		{"expired access token", hs256(`{"alg":"HS256"}`, `{"exp":`+at(-2*time.Minute)+`}`), request, access,
			[]want{{report.TokenExpired, report.Error, report.Client, []string{"The access token expired 2m ago"}}}, nil},
		{"id token as access token", hs256(`{"alg":"RS256","typ":"JWT"}`, `{"aud":"c1","azp":"c1","nonce":"n","exp":`+at(time.Hour)+`}`), request, access,
			[]want{{report.TokenTyp, report.Error, report.Client, []string{"OpenID Connect ID token"}}}, nil},
		{"audience expectation", goodToken, request, Options{Now: now, AccessToken: true, Expect: claims.Expectations{Aud: "https://other.example.com"}},
			[]want{{report.ClaimsAudMismatch, report.Error, report.Both, nil}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Inspect(tc.in, tc.src, tc.opts)
			checkResult(t, tc.in, tc.src, tc.opts, r)
			for _, w := range tc.want {
				f := findWith(r.Findings, w.code, w.has)
				if f == nil {
					t.Fatalf("want %s, got:\n%s", w.code, strings.Join(codes(r.Findings), "\n"))
				}
				if f.Severity != w.sev || f.Side != w.side {
					t.Errorf("%s: %s/%s, want %s/%s (%s)", w.code, f.Severity, f.Side, w.sev, w.side, f.Title)
				}
				all := f.Title + "\n" + f.Evidence + "\n" + f.Detail
				for _, h := range w.has {
					if !strings.Contains(all, h) {
						t.Errorf("%s: %q not in:\n%s", w.code, h, all)
					}
				}
			}
			for _, n := range tc.not {
				if f := find(r.Findings, n); f != nil {
					t.Errorf("unexpected %s: %s", n, f.Title)
				}
			}
		})
	}
}

func TestPlaceholders(t *testing.T) {
	for _, in := range []string{
		"", "   ", "undefined", "null", "None", "nil", "NaN", "[object Object]", "${token}", "${ ACCESS_TOKEN }",
		"{{token}}", "{{ bearerToken }}", "<token>", "<your-token-here>", "$TOKEN", "$env:API_TOKEN", "%TOKEN%",
		"YOUR_TOKEN", "YOUR_ACCESS_TOKEN", "INSERT_TOKEN_HERE", "Bearer", "\"undefined\"", "'null'", "{token}",
		"process.env.TOKEN", "********", "xxx", "[object Promise]",
	} {
		t.Run(in, func(t *testing.T) {
			r := Inspect(in, request, access)
			checkResult(t, in, request, access, r)
			f := find(r.Findings, report.TokenPlaceholder)
			if f == nil {
				t.Fatalf("no placeholder finding: %v", codes(r.Findings))
			}
			if f.Severity != report.Error || f.Side != report.Client {
				t.Errorf("%s/%s", f.Severity, f.Side)
			}
			if strings.TrimSpace(in) != "" && !strings.Contains(f.Title, "placeholder") {
				t.Errorf("title %q", f.Title)
			}
			if len(r.Findings) != 1 {
				t.Errorf("placeholder should be the only finding: %v", codes(r.Findings))
			}
		})
	}
	for _, in := range []string{goodToken, "a8Fk2LmQ9xZ7pR3tV5wY1bN4cD6eG0hJ", "ya29.a0AfB_byCHere123", "tokenize", "$$", "<>"} {
		t.Run("not "+in, func(t *testing.T) {
			r := Inspect(in, request, access)
			if f := find(r.Findings, report.TokenPlaceholder); f != nil {
				t.Errorf("false placeholder: %s", f.Title)
			}
		})
	}
}

func TestInspectTokenFields(t *testing.T) {
	header := `{"typ":"JWT",  "alg":"HS256"}` // member order and spacing as issued
	tok := hs256(header, accessPayload)
	input := "Authorization: Bearer " + tok + "\n"
	off := strings.Index(input, tok)
	r := Inspect(tok, Source{Name: "request.authorization", Offset: off}, access)
	checkResult(t, tok, Source{Name: "request.authorization", Offset: off}, access, r)
	if len(r.Tokens) != 1 {
		t.Fatalf("%d tokens", len(r.Tokens))
	}
	got := r.Tokens[0]
	if got.Form != "jws" || got.Source != report.SourceOf("request.authorization") {
		t.Errorf("form %s source %+v", got.Form, got.Source)
	}
	if string(got.Header) != `{"typ":"JWT","alg":"HS256"}` {
		t.Errorf("header %s: want original order, compact", got.Header)
	}
	if !json.Valid(got.Payload) || !bytes.HasPrefix(got.Payload, []byte(`{"iss":`)) {
		t.Errorf("payload %s", got.Payload)
	}
	if got.Fingerprint != report.Fingerprint(tok) || got.Raw != "" {
		t.Errorf("fingerprint %q raw %q", got.Fingerprint, got.Raw)
	}
	if got.Signature == nil || *got.Signature != (report.Signature{Status: report.SigUnverified, Alg: "HS256"}) {
		t.Errorf("signature %+v", got.Signature)
	}
	if got.Times == nil || got.Times.ExpiresInS == nil || *got.Times.ExpiresInS != 3000 || *got.Times.LifetimeS != 3600 {
		t.Errorf("times %+v", got.Times)
	}
	parts := strings.Split(tok, ".")
	if len(got.Segments) != 3 {
		t.Fatalf("segments %+v", got.Segments)
	}
	for i, s := range got.Segments {
		if s.Name != jwsNames[i] || s.Length != len(parts[i]) || s.Error != "" || s.Span == nil {
			t.Fatalf("segment %d: %+v", i, s)
		}
		if input[s.Span.Start:s.Span.End] != parts[i] {
			t.Errorf("segment %d span points at %q", i, input[s.Span.Start:s.Span.End])
		}
	}
	d := r.Decoded[0]
	if d.Compact != tok || d.SigningInput != parts[0]+"."+parts[1] || d.Header["alg"] != "HS256" || d.Payload["sub"] != "u1" {
		t.Errorf("decoded %+v", d)
	}
	if _, ok := d.Payload["exp"].(json.Number); !ok {
		t.Errorf("exp is %T, want json.Number", d.Payload["exp"])
	}
	m := hmac.New(sha256.New, testSecret)
	m.Write([]byte(d.SigningInput))
	if !hmac.Equal(m.Sum(nil), d.Signature) {
		t.Error("signature bytes do not verify the signing input")
	}

	// Reveal puts the raw token in.
	r = Inspect(`"`+tok+`"`, pasted, Options{Now: now, Reveal: true})
	if r.Tokens[0].Raw != tok {
		t.Errorf("raw %q", r.Tokens[0].Raw)
	}
	if f := find(r.Findings, report.TokenWhitespace); f == nil || !strings.Contains(f.Evidence, tok) {
		t.Errorf("reveal should show the damaged token in evidence")
	}
}

func TestInspectDamagedKeepsDecoding(t *testing.T) {
	// Every segment that decodes is shown even when another fails.
	dot := strings.LastIndexByte(goodToken, '.')
	r := Inspect(goodToken[:dot]+".!!!", pasted, plain)
	tok := r.Tokens[0]
	if tok.Header == nil || tok.Payload == nil {
		t.Fatalf("header %s payload %s", tok.Header, tok.Payload)
	}
	if tok.Segments[2].Error == "" || tok.Segments[0].Error != "" {
		t.Errorf("segments %+v", tok.Segments)
	}
	if r.Decoded[0].Signature != nil {
		t.Error("undecodable signature must be nil")
	}
	// Two segments: header and payload still decoded, form unknown, no signature.
	r = Inspect(goodToken[:dot], pasted, plain)
	tok = r.Tokens[0]
	if tok.Form != "unknown" || tok.Header == nil || tok.Payload == nil || tok.Signature != nil || tok.Times == nil {
		t.Errorf("two-segment token: %+v", tok)
	}
	// Bad payload JSON: header still there, payload text shown.
	r = Inspect(hs256(`{"alg":"HS256"}`, `{"a":1,,}`), pasted, plain)
	tok = r.Tokens[0]
	if tok.Header == nil || tok.Payload != nil || tok.PayloadText == nil || *tok.PayloadText != `{"a":1,,}` {
		t.Errorf("bad payload: %+v", tok)
	}
	// Spans are absent when the token was not contiguous in the input.
	r = Inspect(goodToken[:40]+"\n"+goodToken[40:], Source{Name: "pasted", Offset: 100}, plain)
	for _, s := range r.Tokens[0].Segments {
		if s.Span != nil {
			t.Errorf("span for a non-contiguous token: %+v", s)
		}
	}
}

func TestInspectNested(t *testing.T) {
	inner := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"inner","exp":`+at(-time.Hour)+`}`)
	outer := hs256(`{"alg":"HS256","cty":"JWT"}`, inner)
	r := Inspect(outer, request, access)
	checkResult(t, outer, request, access, r)
	if len(r.Tokens) != 2 {
		t.Fatalf("%d tokens", len(r.Tokens))
	}
	if r.Tokens[1].Source.Token == nil || *r.Tokens[1].Source.Token != 0 || r.Decoded[1].Compact != inner || r.Decoded[1].Index != 1 {
		t.Errorf("nested %+v %+v", r.Tokens[1], r.Decoded[1])
	}
	if r.Tokens[0].Payload != nil || r.Tokens[0].PayloadText != nil {
		t.Errorf("outer payload should be the nested token only")
	}
	f := find(r.Findings, report.TokenExpired)
	if f == nil || f.Path != "tokens[1].payload.exp" || f.Span != nil {
		t.Errorf("inner finding %+v", f)
	}
	for _, s := range r.Tokens[1].Segments {
		if s.Span != nil {
			t.Error("nested token has no spans in the input")
		}
	}
	// Nesting is bounded.
	tok := hs256(`{"alg":"HS256"}`, `{"exp":`+at(time.Hour)+`}`)
	for i := 0; i < MaxNesting+3; i++ {
		tok = hs256(`{"alg":"HS256","cty":"JWT"}`, tok)
	}
	r = Inspect(tok, pasted, plain)
	if len(r.Tokens) != MaxNesting+1 {
		t.Errorf("%d tokens for deep nesting", len(r.Tokens))
	}
	if f := find(r.Findings, report.TokenMalformed); f == nil || !strings.Contains(f.Title, "nested more than") {
		t.Errorf("no bound finding: %v", codes(r.Findings))
	}
}

func TestShift(t *testing.T) {
	inner := hs256(`{"alg":"HS256"}`, `{"exp":`+at(-time.Hour)+`}`)
	r := Inspect(hs256(`{"alg":"HS256","cty":"JWT"}`, inner), pasted, plain)
	r.Shift(3)
	if r.Tokens[1].Source.Token == nil || *r.Tokens[1].Source.Token != 3 || r.Decoded[0].Index != 3 || r.Decoded[1].Index != 4 {
		t.Errorf("shift: %+v %d %d", r.Tokens[1].Source, r.Decoded[0].Index, r.Decoded[1].Index)
	}
	if f := find(r.Findings, report.TokenExpired); f == nil || f.Path != "tokens[4].payload.exp" {
		t.Errorf("shifted path %+v", f)
	}
	if f := find(r.Findings, report.TokenNested); f == nil || f.Path != "tokens[3].header.cty" {
		t.Errorf("shifted path %+v", f)
	}
	for _, tc := range []struct{ in, want string }{
		{"tokens[0]", "tokens[3]"}, {"tokens[12].header.alg", "tokens[15].header.alg"},
		{"request.headers[0]", "request.headers[0]"}, {"tokens[x]", "tokens[x]"}, {"tokens[", "tokens["}, {"", ""},
	} {
		if got := shiftPath(tc.in, 3); got != tc.want {
			t.Errorf("shiftPath(%q) = %q", tc.in, got)
		}
	}
}

func TestDecodeUnverified(t *testing.T) {
	d, fs := DecodeUnverified(goodToken)
	if len(fs) != 0 || d.Form != "jws" || d.Header["alg"] != "HS256" || d.Payload == nil || len(d.Signature) != 32 {
		t.Fatalf("%+v %v", d, codes(fs))
	}
	// No cleaning: quotes make it malformed, not damaged.
	d, fs = DecodeUnverified(`"` + goodToken + `"`)
	if d == nil || find(fs, report.TokenMalformed) == nil || find(fs, report.TokenWhitespace) != nil {
		t.Fatalf("%v", codes(fs))
	}
	for _, f := range fs {
		if f.Span != nil || !strings.HasPrefix(f.Path, "tokens[0]") {
			t.Errorf("%+v", f)
		}
	}
	// Decoding only: no claim or header judgements.
	_, fs = DecodeUnverified(b64(`{"alg":"none"}`) + "." + b64(`{"exp":1}`) + ".")
	if len(fs) != 0 {
		t.Errorf("decode-only findings: %v", codes(fs))
	}
	if d, _ := DecodeUnverified(""); d == nil {
		t.Error("nil for empty input")
	}
}

func TestDecodeSegment(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
		has      string
	}{
		{"eyJhIjoxfQ", `{"a":1}`, false, ""},
		{"eyJhIjoxfQ==", `{"a":1}`, false, ""},
		{"-_8", "\xfb\xff", false, ""},
		{"+/8", "\xfb\xff", false, ""},
		{"ab!d", "", true, "'!' at position 3"},
		{"abcde", "", true, "5 characters"},
		{"ab\x00d", "", true, "U+0000"},
		{"ab\xffd", "", true, "byte 0xFF"},
	}
	for _, tc := range tests {
		got, err := DecodeSegment(tc.in)
		if (err != nil) != tc.err || string(got) != tc.want {
			t.Errorf("DecodeSegment(%q) = %q, %v", tc.in, got, err)
		}
		if err != nil && (!strings.Contains(err.Error(), tc.has) || !errorsIs(err, ErrNotBase64URL)) {
			t.Errorf("DecodeSegment(%q) error %v", tc.in, err)
		}
	}
}

func TestParseObject(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{`{"a":[1,{"b":2}]}`, nil},
		{` {"a":1} `, nil},
		{`[1]`, ErrNotObject},
		{`"s"`, ErrNotObject},
		{`{"a":1}x`, ErrNotJSON},
		{`{"a":`, ErrNotJSON},
		{``, ErrNotJSON},
		{`hello`, ErrNotJSON},
		{`{"a":` + strings.Repeat("[", 65) + strings.Repeat("]", 65) + `}`, ErrTooDeep},
		{`{"a":"` + strings.Repeat("[", 65) + `"}`, nil},
	}
	for _, tc := range tests {
		_, err := ParseObject([]byte(tc.in))
		if !errorsIs(err, tc.err) {
			t.Errorf("ParseObject(%.40q) = %v, want %v", tc.in, err, tc.err)
		}
	}
}

func TestLooksLikeJWT(t *testing.T) {
	for in, want := range map[string]bool{
		goodToken: true, "eyJhbGciOiJIUzI1NiJ9": true, "a.b.c": true, "a.b.c.d.e": true,
		"ghp_abc.def.ghi": false, "opaque": false, "ya29.abc": false,
	} {
		if LooksLikeJWT(in) != want {
			t.Errorf("LooksLikeJWT(%.20q) != %v", in, want)
		}
	}
}

func TestSourceOffsetUnknown(t *testing.T) {
	r := Inspect(`"`+goodToken+`"`, Source{Name: "response.body", Offset: -1}, plain)
	for _, f := range r.Findings {
		if f.Span != nil {
			t.Errorf("%s has a span without an offset", f.Code)
		}
	}
	for _, s := range r.Tokens[0].Segments {
		if s.Span != nil {
			t.Error("segment span without an offset")
		}
	}
}

func ExampleInspect() {
	// A token pasted from a JSON response, quotes and all.
	tok := hs256(`{"alg":"HS256","typ":"JWT"}`,
		`{"sub":"u1","aud":"https://api.example.com","exp":`+at(-(3*time.Hour+12*time.Minute))+`}`)
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	r := Inspect(`"`+tok+`"`, Source{Name: "pasted", Offset: 0}, Options{Now: now, AccessToken: true})
	t := r.Tokens[0]
	fmt.Println(t.Form, string(t.Header), t.Signature.Status)
	for _, f := range r.Findings {
		fmt.Printf("%s %s: %s\n", f.Severity, f.Code, f.Title)
	}
	// Output:
	// jws {"alg":"HS256","typ":"JWT"} unverified
	// warning token.whitespace: The token has copy-paste damage: surrounding double quotes
	// error token.expired: The access token expired 3h12m ago
}

// findWith returns the finding with code whose text holds the first of has,
// else the first with code.
func findWith(fs []report.Finding, code string, has []string) *report.Finding {
	if len(has) > 0 {
		for i := range fs {
			if fs[i].Code == code && strings.Contains(fs[i].Title+"\n"+fs[i].Evidence+"\n"+fs[i].Detail, has[0]) {
				return &fs[i]
			}
		}
	}
	return find(fs, code)
}

func errorsIs(err, target error) bool {
	if target == nil {
		return err == nil
	}
	for e := err; e != nil; {
		if e == target {
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		e = u.Unwrap()
	}
	return false
}

var _ = time.Second
