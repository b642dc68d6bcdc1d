//go:build !js

package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/tools/wasmfile"
)

func TestGroup(t *testing.T) {
	tests := []struct{ pkg, want string }{
		{"github.com/maxence-charriere/go-app/v10/pkg/app", GroupGoApp},
		{"github.com/lestrrat-go/jwx/v2/jwk", GroupJWX},
		{"github.com/lestrrat-go/blackmagic", GroupJWX},
		{"github.com/golang-jwt/jwt/v5", GroupGolangJWT},
		{"github.com/authdebug/authdebug/internal/keys", GroupInternal},
		{"github.com/authdebug/authdebug/app", GroupOwnOther},
		{"github.com/authdebug/authdebug", GroupOwnOther},
		{"github.com/authdebug/authdebugger", GroupOther},
		{"runtime", GroupRuntime},
		{"internal/runtime/maps", GroupRuntime},
		{"runtimes", GroupStd},
		{"encoding/json", GroupStd},
		{"crypto_internal_fips140_ecdh", GroupStd},
		{"github.com/segmentio/asm/base64", GroupOther},
		{"type:", GroupGenerated},
		{"go:", GroupGenerated},
		{wasmfile.Unattributed, GroupGenerated},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			if got := Group(tt.pkg); got != tt.want {
				t.Errorf("Group(%q) = %q, want %q", tt.pkg, got, tt.want)
			}
		})
	}
}

func TestSummarizeAndRender(t *testing.T) {
	m := &wasmfile.Module{
		Sections: []wasmfile.Section{
			{ID: wasmfile.SecCode, Name: "code", Size: 1010},
			{ID: wasmfile.SecData, Name: "data", Size: 520},
			{ID: wasmfile.SecCustom, Name: "name", Size: 77},
		},
		Funcs:        make([]wasmfile.Func, 6),
		DataSegments: []wasmfile.Segment{{Size: 500}, {Size: 12}},
	}
	for i := range m.Funcs {
		m.Funcs[i].Size = []int{400, 300, 100, 100, 50, 50}[i]
	}
	rows := []wasmfile.Row{
		{Name: "runtime", Funcs: 1, Bytes: 400},
		{Name: "github.com/maxence-charriere/go-app/v10/pkg/app", Funcs: 1, Bytes: 300},
		{Name: "github.com/authdebug/authdebug/internal/token", Funcs: 2, Bytes: 200},
		{Name: "encoding/json", Funcs: 1, Bytes: 50},
		{Name: "type:", Funcs: 1, Bytes: 50},
	}
	s := Summarize(m, 2000, rows)
	if s.CodeBytes != 1000 || s.DataBytes != 512 || s.DataSegments != 2 || s.NameSection != 77 || s.CodeSection != 1010 {
		t.Fatalf("Summarize = %+v", s)
	}
	if len(s.Groups) != len(groupOrder) {
		t.Fatalf("%d groups, want %d (every family, even empty ones)", len(s.Groups), len(groupOrder))
	}
	byName := map[string]int{}
	total := 0
	for _, g := range s.Groups {
		byName[g.Name] = g.Bytes
		total += g.Bytes
	}
	if total != 1000 || byName[GroupRuntime] != 400 || byName[GroupInternal] != 200 || byName[GroupJWX] != 0 || byName[GroupGenerated] != 50 {
		t.Errorf("groups = %+v", s.Groups)
	}

	s.Packages[0].Packed = 123
	s.CodePacked = 456
	var b bytes.Buffer
	Render(&b, s, 3)
	out := b.String()
	for _, want := range []string{
		"  1  runtime", " 400 ", " 40.0%        123\n",
		"  3  github.com/authdebug/authdebug/internal/token",
		"(2 more packages)", // encoding/json and type: folded
		GroupGoApp, GroupGenerated,
		"all code", "1000", "100.0%        456\n",
		"data segments", "512",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "  4  encoding/json") {
		t.Errorf("top 3 lists a 4th package:\n%s", out)
	}
}
