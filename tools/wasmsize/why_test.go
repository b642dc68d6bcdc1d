//go:build !js

package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

const dumpdep = `# github.com/authdebug/authdebug/wasm
_ -> _rt0_wasm_js
_ -> go:main.inittasks
_rt0_wasm_js -> runtime.main
runtime.main -> main.main
main.main -> github.com/authdebug/authdebug/internal/keys.Load
github.com/authdebug/authdebug/internal/keys.Load -> crypto/x509.ParsePKIXPublicKey
main.main -> crypto/x509.ParsePKIXPublicKey
crypto/x509.ParsePKIXPublicKey -> crypto/x509.parsePublicKey
go:main.inittasks -> net/http..inittask
runtime.main -> github.com/lestrrat-go/jwx/v2/jwk.(*key).Raw.stkobj
main.main -> github.com/lestrrat-go/jwx/v2/jwk.Parse
`

func TestWhy(t *testing.T) {
	tree, err := ParseDumpdep(strings.NewReader(dumpdep))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pkg   string
		n     int
		chain []string
	}{
		{"crypto/x509", 2, []string{"_rt0_wasm_js", "runtime.main", "main.main", "github.com/authdebug/authdebug/internal/keys.Load", "crypto/x509.ParsePKIXPublicKey"}},
		{"net/http", 1, []string{"go:main.inittasks", "net/http..inittask"}},
		{"github.com/lestrrat-go/jwx/v2/jwk", 1, []string{"_rt0_wasm_js", "runtime.main", "main.main", "github.com/lestrrat-go/jwx/v2/jwk.Parse"}},
		{"crypto/x", 0, nil},
		{"regexp", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			n, chain := tree.Why(tt.pkg)
			if n != tt.n || !reflect.DeepEqual(chain, tt.chain) {
				t.Errorf("Why(%q) = %d, %q; want %d, %q", tt.pkg, n, chain, tt.n, tt.chain)
			}
		})
	}
	var b bytes.Buffer
	RenderWhy(&b, tree, []string{"net/http", "regexp"})
	out := b.String()
	for _, want := range []string{"net/http: 1 symbols linked", "   net/http..inittask", "only its package initialisation", "regexp: not linked"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
