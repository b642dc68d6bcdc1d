package challenge

import (
	"testing"
)

func FuzzChallengeParse(f *testing.F) {
	for _, s := range []string{
		`Basic realm="foo"`,
		`Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"`,
		`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`,
		`Digest realm="x", nonce="abc", qop="auth,auth-int", algorithm=SHA-256`,
		`DPoP algs="ES256 PS256", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"`,
		`scheme1 aaaa  , scheme2 aaaa==,  scheme3 aaaa=aaaa, scheme4 aaaa=`,
		"Basic\r\n realm=\"foo\"",
		`Basic realm="basic`,
		`, , `,
		"Bearer realm=\"\xff\x00\"",
		`a=b=c, "x", \\`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := Parse(s)
		if len(cs) == 0 && err == nil {
			t.Fatalf("no challenge and no error for %q", s)
		}
		if len(cs) > len(s) {
			t.Fatalf("%d challenges from %d bytes", len(cs), len(s))
		}
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("bad error %#v", err)
			}
			_ = Caret(s, se.Offset)
		}
		for _, c := range cs {
			if c.Scheme == "" || c.Params == nil {
				t.Fatalf("bad challenge %#v", c)
			}
			if c.Token68 != nil && len(c.Params) > 0 {
				t.Fatalf("token68 and params in %#v", c)
			}
		}
	})
}
