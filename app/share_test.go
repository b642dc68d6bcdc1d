package ui

import (
	"encoding/base64"
	"strings"
	"testing"
)

const (
	shareHeader  = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0"
	sharePayload = "eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzk1MzM3ODIwfQ"
	shareSig     = "c2lnbmF0dXJlLW9mLXRoZS10b2tlbi10aGF0LW11c3Qtbm90LWJlLXNoYXJlZA"
	shareJWS     = shareHeader + "." + sharePayload + "." + shareSig
	shareJWE     = "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.ZW5jcnlwdGVka2V5.aXZpdml2.Y2lwaGVydGV4dHNlY3JldA.dGFndGFn"
	basicCred    = "dXNlcjpodW50ZXIy" // user:hunter2
)

func TestRedact(t *testing.T) {
	nestedInner := shareHeader + "." + sharePayload + "." + shareSig
	nested := shareHeader + "." + base64.RawURLEncoding.EncodeToString([]byte(nestedInner)) + ".b3V0ZXJzaWc"
	tests := []struct {
		name, in, want string
	}{
		{"jws", "Authorization: Bearer " + shareJWS + "\n", "Authorization: Bearer " + shareHeader + "." + sharePayload + ".\n"},
		{"jws twice", shareJWS + " and " + shareJWS, shareHeader + "." + sharePayload + ". and " + shareHeader + "." + sharePayload + "."},
		{"jws sentence end", "token " + shareJWS + ".", "token " + shareHeader + "." + sharePayload + ".."},
		{"jws in json", `{"access_token":"` + shareJWS + `"}`, `{"access_token":"` + shareHeader + "." + sharePayload + `."}`},
		{"jwe", shareJWE, "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0...."},
		{"unsigned stays", shareHeader + "." + sharePayload + ".", shareHeader + "." + sharePayload + "."},
		{"not a token", "eyJhbGci.only-two and a.b.c", "eyJhbGci.only-two and a.b.c"},
		{"basic", "Authorization: Basic " + basicCred, "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("user:REDACTED"))},
		{"basic lower", "authorization: basic " + basicCred + "\r\n", "authorization: basic " + base64.StdEncoding.EncodeToString([]byte("user:REDACTED")) + "\r\n"},
		{"basic malformed stays", "Authorization: Basic not-base64!", "Authorization: Basic not-base64!"},
		{"basic no colon stays", "Authorization: Basic dXNlcg==", "Authorization: Basic dXNlcg=="},
		{"curl -u", "curl -u alice:s3cret https://x", "curl -u alice:REDACTED https://x"},
		{"curl -u quoted", "curl -u 'alice:s3 cret' https://x", "curl -u 'alice:REDACTED' https://x"},
		{"curl --user=", "curl --user=alice:pw https://x", "curl --user=alice:REDACTED https://x"},
		{"curl --user-agent stays", "curl --user-agent 'a:b' https://x", "curl --user-agent 'a:b' https://x"},
		{"no password stays", "curl -u alice https://x", "curl -u alice https://x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := redact(tt.in)
			if got != tt.want {
				t.Errorf("redact(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
			if again := redact(got); again != got {
				t.Errorf("redact is not idempotent: %q → %q", got, again)
			}
		})
	}
	t.Run("nested", func(t *testing.T) {
		got := redact(nested)
		if strings.Contains(got, "b3V0ZXJzaWc") {
			t.Error("outer signature kept")
		}
		parts := strings.Split(got, ".")
		inner, err := base64.RawURLEncoding.DecodeString(parts[1])
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(inner), shareSig) || !strings.HasSuffix(string(inner), sharePayload+".") {
			t.Errorf("inner token not redacted: %s", inner)
		}
	})
}

func TestShareRoundTrip(t *testing.T) {
	text := "$ curl -v -u bob:pa55word https://api.example.com/x -H 'Authorization: Bearer " + shareJWS + "'\n" +
		"> Authorization: Basic " + basicCred + "\n" + "id_token=" + shareJWE + "\n"
	f := form{Secret: "top-secret-hmac", Key: `{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}`, Reveal: true,
		Aud: "https://api.example.com", Iss: "https://login.example.com/", Scope: "orders:read", Leeway: "30s",
		Now: exampleNow, JWKS: "https://login.example.com/jwks"}
	frag := encodeShare(text, f)
	if !strings.HasPrefix(frag, sharePrefix) || strings.ContainsAny(strings.TrimPrefix(frag, sharePrefix), "?&# /+=") {
		t.Fatalf("fragment %q is not a clean share fragment", frag)
	}
	// What the fragment carries, decoded, holds no credential.
	plain, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(frag, sharePrefix))
	for _, secret := range []string{shareSig, "top-secret-hmac", "c2VjcmV0", "pa55word", "hunter2", basicCred, "Y2lwaGVydGV4dHNlY3JldA", "ZW5jcnlwdGVka2V5"} {
		if strings.Contains(string(plain), secret) || strings.Contains(frag, secret) {
			t.Errorf("the share link carries %q", secret)
		}
	}
	st, ok, err := decodeShare("#" + frag)
	if !ok || err != nil {
		t.Fatalf("decodeShare: ok=%v err=%v", ok, err)
	}
	if st.Text != redact(text) || !strings.Contains(st.Text, shareHeader+"."+sharePayload+".") {
		t.Errorf("text not restored redacted:\n%s", st.Text)
	}
	if st.Form.Secret != "" || st.Form.Key != "" || st.Form.Reveal {
		t.Errorf("secrets restored: %+v", st.Form)
	}
	want := f
	want.Secret, want.Key, want.Reveal = "", "", false
	if st.Form != want {
		t.Errorf("form = %+v, want %+v", st.Form, want)
	}
}

func TestDecodeShareRejects(t *testing.T) {
	huge := sharePrefix + base64.RawURLEncoding.EncodeToString([]byte(`{"v":1,"t":"`+strings.Repeat("a", maxShareText+1)+`"}`))
	tests := []struct {
		name, frag string
		ok         bool
	}{
		{"not a share link", "#results", false},
		{"empty", "", false},
		{"bad base64", "share=!!!", true},
		{"not json", "share=" + base64.RawURLEncoding.EncodeToString([]byte("hello")), true},
		{"wrong version", "share=" + base64.RawURLEncoding.EncodeToString([]byte(`{"v":2,"t":"x"}`)), true},
		{"too large", huge, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ok, err := decodeShare(tt.frag)
			if ok != tt.ok {
				t.Errorf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && err == nil {
				t.Error("a broken share link decoded")
			}
		})
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{shareJWS, shareJWE, "Basic " + basicCred, "curl -u a:b", "eyJ.eyJ.eyJ.eyJ", "--user=x:y -u'a:b'", "Basic  =:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := redact(s)
		if len(out) > 2*len(s)+64 {
			t.Fatalf("redact grew %d bytes to %d", len(s), len(out))
		}
		if again := redact(out); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
	})
}

func FuzzDecodeShare(f *testing.F) {
	f.Add(encodeShare("hello "+shareJWS, form{Aud: "x"}))
	f.Add("share=")
	f.Add("share=AAAA")
	f.Fuzz(func(t *testing.T, frag string) {
		st, _, err := decodeShare(frag)
		if err == nil && (len(st.Text) > maxShareText || st.Form.Secret != "") {
			t.Fatalf("decodeShare accepted %d bytes / a secret", len(st.Text))
		}
	})
}
