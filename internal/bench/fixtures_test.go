package bench

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"
)

// verify checks tok's RS256 signature with the key in JWKS() and returns
// its decoded payload.
func verify(t *testing.T, tok string) map[string]any {
	t.Helper()
	var set struct {
		Keys []struct{ Kty, Kid, Alg, N, E string }
	}
	if err := json.Unmarshal([]byte(JWKS()), &set); err != nil || len(set.Keys) != 1 {
		t.Fatalf("JWKS() = %s: %v", JWKS(), err)
	}
	k := set.Keys[0]
	if k.Kty != "RSA" || k.Kid != KeyID || k.Alg != "RS256" {
		t.Fatalf("JWK = %+v", k)
	}
	n, _ := base64.RawURLEncoding.DecodeString(k.N)
	e, _ := base64.RawURLEncoding.DecodeString(k.E)
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d segments", len(parts))
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig); err != nil {
		t.Fatalf("signature does not verify with JWKS(): %v", err)
	}
	pl, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err := json.Unmarshal(pl, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name   string
		tok    string
		sub    string
		active bool
	}{
		{"valid", ValidToken(1), "user-1", true},
		{"expired", ExpiredToken(2), "user-2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := verify(t, tt.tok)
			if c["sub"] != tt.sub || c["iss"] != Issuer || c["aud"] != Audience {
				t.Errorf("claims = %v", c)
			}
			exp := time.Unix(int64(c["exp"].(float64)), 0)
			if got := exp.After(Now); got != tt.active {
				t.Errorf("exp %v after Now %v = %v, want %v", exp, Now, got, tt.active)
			}
		})
	}
	if ValidToken(1) != ValidToken(1) {
		t.Error("ValidToken is not deterministic")
	}
	if ValidToken(1) == ValidToken(2) {
		t.Error("distinct users share a token")
	}
}

func TestFixtures(t *testing.T) {
	fs := Fixtures()
	if len(fs) != 4 {
		t.Fatalf("%d fixtures, want 4", len(fs))
	}
	for _, f := range fs {
		t.Run(f.Name, func(t *testing.T) {
			if f.Config.Key != JWKS() || f.Config.Now != "2026-01-15T10:00:00Z" {
				t.Errorf("Config = %+v", f.Config)
			}
			if len(f.Options()) == 0 {
				t.Error("no options")
			}
			if strings.Contains(f.Text, "{{") {
				t.Error("template placeholder left in the text")
			}
		})
	}
	if tok := fs[0].Text; strings.Count(tok, ".") != 2 || strings.ContainsAny(tok, " \n") {
		t.Errorf("bare token fixture is not a bare JWS: %q", tok)
	}
	if c := fs[1].Text; !strings.Contains(c, "> Authorization: Bearer "+ExpiredToken(2)+"\n") || !strings.Contains(c, "< HTTP/1.1 401 Unauthorized") {
		t.Errorf("curl -v fixture lacks the request token or the 401:\n%s", c)
	}
	if l := fs[3].Text; strings.Count(l, "\n") != 200 || strings.Count(l, "jose.exceptions.ExpiredSignatureError") != 1 {
		t.Errorf("log fixture: %d lines, %d tracebacks", strings.Count(l, "\n"), strings.Count(l, "jose.exceptions.ExpiredSignatureError"))
	}
}

func TestHAR(t *testing.T) {
	for _, n := range []int{1, 4, 200} {
		t.Run("n="+itoa(n), func(t *testing.T) {
			h := HAR(n)
			if h != HAR(n) {
				t.Fatal("HAR is not deterministic")
			}
			var f harFile
			if err := json.Unmarshal([]byte(h), &f); err != nil {
				t.Fatal(err)
			}
			if len(f.Log.Entries) != n || f.Log.Version != "1.2" {
				t.Fatalf("%d entries, version %q", len(f.Log.Entries), f.Log.Version)
			}
			tokens, unauthorized := map[string]bool{}, 0
			for i, e := range f.Log.Entries {
				for _, h := range e.Request.Headers {
					if h.Name == "authorization" {
						tokens[strings.TrimPrefix(h.Value, "Bearer ")] = true
					}
				}
				if e.Response.Status == 401 {
					unauthorized++
				}
				if i > 0 && e.StartedDateTime <= f.Log.Entries[i-1].StartedDateTime {
					t.Errorf("entry %d starts before entry %d", i, i-1)
				}
			}
			if n == 200 {
				if len(tokens) != 4 {
					t.Errorf("%d distinct tokens, want 4", len(tokens))
				}
				if unauthorized != 40 {
					t.Errorf("%d 401 responses, want 40 (the last quarter's API calls)", unauthorized)
				}
				if !tokens[ExpiredToken(13)] {
					t.Error("the expired token is not used")
				}
			}
		})
	}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

func TestWriteTokenLines(t *testing.T) {
	tests := []struct{ n, distinct, wantDistinct int }{
		{5, 2, 2}, {3, 10, 3}, {4, 0, 1},
	}
	for _, tt := range tests {
		t.Run(itoa(tt.n)+"/"+itoa(tt.distinct), func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteTokenLines(&b, tt.n, tt.distinct); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			seen := map[string]bool{}
			for _, l := range lines {
				seen[l] = true
			}
			if len(lines) != tt.n || len(seen) != tt.wantDistinct {
				t.Errorf("%d lines, %d distinct; want %d, %d", len(lines), len(seen), tt.n, tt.wantDistinct)
			}
			verify(t, lines[len(lines)-1])
		})
	}
}
