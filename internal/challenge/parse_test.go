package challenge

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePartialAndOffsets(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		schemes []string // challenges returned, in order
		param   [3]string
		offset  int // -1: no error expected
		msg     string
	}{
		{"ok bearer", `Bearer realm="api", error="invalid_token", error_description="The access token expired"`, []string{"Bearer"}, [3]string{"Bearer", "error_description", "The access token expired"}, -1, ""},
		{"unterminated keeps lenient value", `Bearer realm="api, error="invalid_token"`, []string{"Bearer"}, [3]string{"Bearer", "realm", "api, error="}, 26, "after the closing quote"},
		{"unterminated keeps rest as value", `Bearer error="invalid_token", error_description="expired`, []string{"Bearer"}, [3]string{"Bearer", "error_description", "expired"}, 48, "never closed"},
		{"bad token value keeps raw value and later params", `Bearer realm=foo@bar, error="invalid_token"`, []string{"Bearer"}, [3]string{"Bearer", "error", "invalid_token"}, 16, `"@"`},
		{"resync at next challenge", `Basic realm="a" "b", Bearer realm="x"`, []string{"Basic", "Bearer"}, [3]string{"Bearer", "realm", "x"}, 16, "comma"},
		{"duplicate keeps first", `Bearer error="invalid_token", ERROR="insufficient_scope"`, []string{"Bearer"}, [3]string{"Bearer", "error", "invalid_token"}, 30, "twice"},
		{"tab after scheme read leniently", "Basic\trealm=\"foo\"", []string{"Basic"}, [3]string{"Basic", "realm", "foo"}, 5, "tab"},
		{"obs-fold is a space", "Bearer realm=\"a\",\r\n error=\"invalid_token\"", []string{"Bearer"}, [3]string{"Bearer", "error", "invalid_token"}, -1, ""},
		{"empty", "", nil, [3]string{}, 0, "no challenge"},
		{"param without scheme", `realm="x"`, nil, [3]string{}, 5, "auth-param cannot start"},
		{"token68 then junk", `close Bearer realm="x"`, []string{"close"}, [3]string{}, 13, "token68"},
		{"control byte", "Bearer realm=\"a\x00b\"", []string{"Bearer"}, [3]string{"Bearer", "realm", "a\x00b"}, 15, "0x00"},
		{"invalid utf-8 kept as bytes", "Bearer realm=\"\xff\xfe\"", []string{"Bearer"}, [3]string{"Bearer", "realm", "\xff\xfe"}, -1, ""},
		{"docker", `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"`, []string{"Bearer"}, [3]string{"Bearer", "scope", "repository:library/alpine:pull"}, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			var schemes []string
			for _, c := range got {
				schemes = append(schemes, c.Scheme)
			}
			if strings.Join(schemes, ",") != strings.Join(tt.schemes, ",") {
				t.Errorf("schemes = %v, want %v", schemes, tt.schemes)
			}
			if tt.param[0] != "" {
				found := false
				for _, c := range got {
					if c.Scheme == tt.param[0] {
						if v, ok := c.Params[tt.param[1]]; ok {
							found = true
							if v != tt.param[2] {
								t.Errorf("%s %s = %q, want %q", tt.param[0], tt.param[1], v, tt.param[2])
							}
						}
					}
				}
				if !found {
					t.Errorf("no %s param %q in %s", tt.param[0], tt.param[1], js(got))
				}
			}
			if tt.offset < 0 {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *SyntaxError", err)
			}
			if se.Offset != tt.offset || !strings.Contains(se.Error(), tt.msg) {
				t.Errorf("error = %q at %d, want %q at %d", se.Error(), se.Offset, tt.msg, tt.offset)
			}
		})
	}
}

func TestParseAllFieldIndex(t *testing.T) {
	got, errs := ParseAll([]string{`Bearer realm="a"`, `Basic realm="b`, `DPoP algs="ES256"`})
	if len(got) != 3 || got[2].Scheme != "DPoP" {
		t.Fatalf("got %s", js(got))
	}
	if len(errs) != 1 {
		t.Fatalf("errs = %v", errs)
	}
	var se *SyntaxError
	if !errors.As(errs[0], &se) || se.Field != 1 || se.Offset != 12 {
		t.Errorf("error %#v, want field 1 offset 12", errs[0])
	}
}

func TestCaret(t *testing.T) {
	tests := []struct {
		in   string
		off  int
		want string
	}{
		{`Basic realm="a`, 12, "Basic realm=\"a\n            ^"},
		{"a\tb", 2, "a·b\n  ^"},
		{"abc", 3, "abc\n   ^"},
		{"abc", 99, "abc\n   ^"},
		{strings.Repeat("x", 100) + "!" + strings.Repeat("y", 100), 100, "…" + strings.Repeat("x", 60) + "!" + strings.Repeat("y", 59) + "…\n" + strings.Repeat(" ", 61) + "^"},
	}
	for _, tt := range tests {
		t.Run(tt.in[:min(len(tt.in), 10)], func(t *testing.T) {
			if got := Caret(tt.in, tt.off); got != tt.want {
				t.Errorf("Caret = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		scheme, name string
		want         string // substring; "" = want ""
	}{
		{"Bearer", "", "RFC 6750"},
		{"BASIC", "", "RFC 7617"},
		{"DPoP", "", "RFC 9449"},
		{"Newauth", "", ""},
		{"Bearer", "realm", "protection space"},
		{"Bearer", "error=invalid_token", "RFC 6750 §3.1"},
		{"Bearer", `error="insufficient_scope"`, "lacks the scope"},
		{"Bearer", "error=invalid_request", "will not help"},
		{"DPoP", "error=use_dpop_nonce", "DPoP-Nonce"},
		{"Bearer", "service", "Docker"},
		{"DPoP", "algs", "RFC 9449 §7.1"},
		{"Digest", "nonce", "RFC 7616"},
		{"Digest", "STALE", "expired"},
		{"Bearer", "nonce", ""},
		{"Bearer", "resource_metadata", "RFC 9728"},
		{"Bearer", "authorization_uri", "Microsoft"},
		{"Bearer", "frobnicate", ""},
	}
	for _, tt := range tests {
		t.Run(tt.scheme+"/"+tt.name, func(t *testing.T) {
			var got string
			if tt.name == "" {
				got = DescribeScheme(tt.scheme)
			} else {
				got = DescribeParam(tt.scheme, tt.name)
			}
			if tt.want == "" {
				if got != "" {
					t.Errorf("got %q, want empty", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}
