package report

import (
	"strings"
	"testing"
)

func TestSplitAuthorization(t *testing.T) {
	tests := []struct{ in, scheme, cred string }{
		{"Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.sig"},
		{"  bearer   abc ", "bearer", "abc"},
		{"Bearer: abc", "Bearer", "abc"},
		{"Bearer\tabc", "Bearer", "abc"},
		{"Basic YWxpY2U6cHc=", "Basic", "YWxpY2U6cHc="},
		{"Bearer", "Bearer", ""},
		{"AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=ab", "AWS4-HMAC-SHA256", "Credential=AKIA/x, Signature=ab"},
		{"SharedKey acct:sig", "SharedKey", "acct:sig"},
		{"MAC id=\"x\"", "MAC", "id=\"x\""},
		// No scheme: all of it is the credential.
		{"Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI", "", "Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI"},
		{"eyJhbGciOiJIUzI1NiJ9.e30.sig trailing", "", "eyJhbGciOiJIUzI1NiJ9.e30.sig trailing"},
		{"sk_live_4eC39HqLyjWDarjtT1zdp7dc extra", "", "sk_live_4eC39HqLyjWDarjtT1zdp7dc extra"},
		{"a1b2c3d4e5f6 x", "", "a1b2c3d4e5f6 x"},
		{"SECRET-opaque", "", "SECRET-opaque"},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, c := SplitAuthorization(tt.in)
			if s != tt.scheme || c != tt.cred {
				t.Errorf("SplitAuthorization(%q) = %q, %q; want %q, %q", tt.in, s, c, tt.scheme, tt.cred)
			}
		})
	}
}

// Whatever SplitAuthorization calls a scheme is shaped like one, and
// nothing of the value is lost.
func FuzzSplitAuthorization(f *testing.F) {
	for _, s := range []string{"Bearer abc", "eyJ.x.y z", "Basic: YQ==", "x", " \t", "AWS4-HMAC-SHA256 a=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		scheme, cred := SplitAuthorization(v)
		if scheme == "" {
			if cred != strings.TrimSpace(v) {
				t.Fatalf("no scheme, but the credential %q is not the whole value %q", cred, v)
			}
			return
		}
		if !LooksLikeScheme(scheme) {
			t.Fatalf("scheme %q does not look like one", scheme)
		}
		if !strings.HasSuffix(strings.TrimSpace(v), cred) {
			t.Fatalf("credential %q is not the end of %q", cred, v)
		}
	})
}
