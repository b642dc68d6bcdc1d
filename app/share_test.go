package ui

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/redact"
	"github.com/authdebug/authdebug/internal/report"
)

const (
	shareHeader  = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0"
	sharePayload = "eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzk1MzM3ODIwfQ"
	shareSig     = "c2lnbmF0dXJlLW9mLXRoZS10b2tlbi10aGF0LW11c3Qtbm90LWJlLXNoYXJlZA"
	shareJWS     = shareHeader + "." + sharePayload + "." + shareSig
	shareJWE     = "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.ZW5jcnlwdGVka2V5.aXZpdml2.Y2lwaGVydGV4dHNlY3JldA.dGFndGFn"
	basicCred    = "dXNlcjpodW50ZXIy" // user:hunter2
)

// analysed is the Report of text, as the page makes it.
func analysed(text string) *report.Report {
	rep, _ := analyze.Run(context.Background(), analyze.Input{Text: text}, analyze.WithNow(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)))
	return &rep
}

func TestShareRemoves(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"jws", "Authorization: Bearer " + shareJWS + "\n", "Removed from the link: 1 signature."},
		{"jws and basic", "GET / HTTP/1.1\nHost: a.example\nAuthorization: Basic " + basicCred + "\nX-API-Key: 0123456789abcdef\n\n", "Removed from the link: 1 password, 1 API key."},
		{"opaque tokens", "curl -H 'Authorization: Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a' 'https://api.example/?access_token=opaque-token-123456'", "Removed from the link: 2 tokens."},
		{"nothing", "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"x\"\n\n", "The analysis recognised no credential or signature in the paste: the link carries it as pasted."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shareRemoves(tt.in, analysed(tt.in)); got != tt.want {
				t.Errorf("shareRemoves = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShareRefuses(t *testing.T) {
	failed := report.Report{Findings: []report.Finding{{Code: report.InternalError}}}
	for name, rep := range map[string]*report.Report{"no report": nil, "failed analysis": &failed} {
		t.Run(name, func(t *testing.T) {
			if _, err := encodeShare("Authorization: Bearer "+shareJWS, rep, form{}); !errors.Is(err, errNoShare) {
				t.Errorf("encodeShare err = %v, want errNoShare", err)
			}
			if shareRemoves("x", rep) != "" {
				t.Error("shareRemoves says what a refused link removes")
			}
		})
	}
}

func TestShareRoundTrip(t *testing.T) {
	text := "$ curl -u bob:pa55word https://api.example.com/x\n\nGET /x HTTP/1.1\nHost: api.example.com\nAuthorization: Basic " + basicCred + "\n\n" +
		"Authorization: Bearer " + shareJWS + "\n\n" + "id_token=" + shareJWE + "\n"
	f := form{Secret: "top-secret-hmac", Key: `{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}`, Reveal: true,
		Aud: "https://api.example.com", Iss: "https://login.example.com/", Scope: "orders:read", Leeway: "30s",
		Now: exampleNow, JWKS: "https://login.example.com/jwks"}
	rep := analysed(text)
	frag, err := encodeShare(text, rep, f)
	if err != nil {
		t.Fatal(err)
	}
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
	if st.Text != redact.Text(text, rep.Redactions) || !strings.Contains(st.Text, shareHeader+"."+sharePayload+".") {
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

func FuzzDecodeShare(f *testing.F) {
	frag, _ := encodeShare("hello "+shareJWS, analysed("hello "+shareJWS), form{Aud: "x"})
	f.Add(frag)
	f.Add("share=")
	f.Add("share=AAAA")
	f.Fuzz(func(t *testing.T, frag string) {
		st, _, err := decodeShare(frag)
		if err == nil && (len(st.Text) > maxShareText || st.Form.Secret != "") {
			t.Fatalf("decodeShare accepted %d bytes / a secret", len(st.Text))
		}
	})
}
