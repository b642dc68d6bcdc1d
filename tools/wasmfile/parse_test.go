package wasmfile

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// uleb encodes v as unsigned LEB128.
func uleb(v uint64) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			b = append(b, c|0x80)
			continue
		}
		return append(b, c)
	}
}

func str(s string) []byte { return append(uleb(uint64(len(s))), s...) }

func section(id byte, content ...[]byte) []byte {
	var c []byte
	for _, p := range content {
		c = append(c, p...)
	}
	return append(append([]byte{id}, uleb(uint64(len(c)))...), c...)
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

var header = []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}

// tinyModule is a hand-made module, in the text format roughly:
//
//	(module
//	  (import "go" "debug" (func $debug (param i32)))
//	  (import "go" "mem" (memory 1 2))
//	  (func $runtime.alloc (param i32) local.get 0 drop)   ;; body 6 bytes
//	  (func $example.com_x_y.F)                             ;; body 2 bytes
//	  (func $type_.eq.T)                                    ;; body 3 bytes
//	  (data (i32.const 16) "hello")
//	  (data "passive!"))
//
// plus a "producers" custom section and a name section with a module name
// subsection (skipped) before the function names.
func tinyModule() []byte {
	typeSec := section(SecType, uleb(1), []byte{0x60, 1, 0x7f, 0})
	importSec := section(SecImport, uleb(2),
		str("go"), str("debug"), []byte{0x00}, uleb(0),
		str("go"), str("mem"), []byte{0x02, 0x01}, uleb(1), uleb(2))
	funcSec := section(SecFunction, uleb(3), uleb(0), uleb(0), uleb(0))
	body1 := []byte{0x00, 0x20, 0x00, 0x1a, 0x01, 0x0b} // no locals; local.get 0; drop; nop; end
	body2 := []byte{0x00, 0x0b}
	body3 := []byte{0x00, 0x01, 0x0b}
	codeSec := section(SecCode, uleb(3),
		uleb(uint64(len(body1))), body1,
		uleb(uint64(len(body2))), body2,
		uleb(uint64(len(body3))), body3)
	dataSec := section(SecData, uleb(2),
		uleb(0), []byte{0x41}, uleb(16), []byte{0x0b}, str("hello"),
		uleb(1), str("passive!"))
	producers := section(SecCustom, str("producers"), []byte{0x00})
	modName := cat([]byte{0x00}, uleb(uint64(len(str("tiny")))), str("tiny"))
	fnames := cat(uleb(3), uleb(1), str("runtime.alloc"), uleb(2), str("example.com_x_y.F"), uleb(3), str("type_.eq.T"))
	nameSec := section(SecCustom, str("name"), modName, []byte{0x01}, uleb(uint64(len(fnames))), fnames)
	return cat(header, typeSec, importSec, funcSec, codeSec, dataSec, producers, nameSec)
}

func TestParseTinyModule(t *testing.T) {
	m, err := Parse(tinyModule())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range m.Sections {
		names = append(names, s.Name)
	}
	if want := []string{"type", "import", "function", "code", "data", "producers", "name"}; !reflect.DeepEqual(names, want) {
		t.Errorf("sections = %q, want %q", names, want)
	}
	if m.ImportedFuncs != 1 {
		t.Errorf("ImportedFuncs = %d, want 1 (the memory import is not a function)", m.ImportedFuncs)
	}
	want := []Func{
		{Index: 1, Name: "runtime.alloc", Size: 6},
		{Index: 2, Name: "example.com_x_y.F", Size: 2},
		{Index: 3, Name: "type_.eq.T", Size: 3},
	}
	b := tinyModule()
	bodies := [][]byte{{0x00, 0x20, 0x00, 0x1a, 0x01, 0x0b}, {0x00, 0x0b}, {0x00, 0x01, 0x0b}}
	for i := range m.Funcs {
		f := m.Funcs[i]
		if got := b[f.Offset : f.Offset+f.Size]; !reflect.DeepEqual(got, bodies[i]) {
			t.Errorf("body %d at offset %d = % x, want % x", i, f.Offset, got, bodies[i])
		}
		m.Funcs[i].Offset = 0
	}
	if !reflect.DeepEqual(m.Funcs, want) {
		t.Errorf("Funcs = %+v, want %+v", m.Funcs, want)
	}
	var segs []string
	for _, d := range m.DataSegments {
		segs = append(segs, string(b[d.Offset:d.Offset+d.Size]))
	}
	if !reflect.DeepEqual(segs, []string{"hello", "passive!"}) {
		t.Errorf("DataSegments hold %q, want hello, passive!", segs)
	}
	if m.CodeSize() != 11 || m.DataSize() != 13 {
		t.Errorf("CodeSize, DataSize = %d, %d; want 11, 13", m.CodeSize(), m.DataSize())
	}
	// code section content: count (1) + 3 size bytes + 11 body bytes.
	if got := m.SectionSize(SecCode, ""); got != 15 {
		t.Errorf("code section size = %d, want 15", got)
	}
	if m.SectionSize(SecCustom, "producers") != len(str("producers"))+1 {
		t.Errorf("producers section size = %d", m.SectionSize(SecCustom, "producers"))
	}
}

// TestParseLiteral parses a module written out byte by byte: one function
// with an empty body, no names.
func TestParseLiteral(t *testing.T) {
	b := []byte{
		0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
		0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: 1 type, func () -> ()
		0x03, 0x02, 0x01, 0x00, // function section: 1 function of type 0
		0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // code section: 1 body of 2 bytes: 0 locals, end
	}
	m, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Funcs) != 1 || m.Funcs[0] != (Func{Index: 0, Offset: 22, Size: 2}) {
		t.Errorf("Funcs = %+v", m.Funcs)
	}
	if len(m.Sections) != 3 || m.Sections[2].Offset != 20 || m.Sections[2].Size != 4 {
		t.Errorf("Sections = %+v", m.Sections)
	}
}

func TestParseErrors(t *testing.T) {
	good := tinyModule()
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrNotWasm},
		{"text", []byte("(module)"), ErrNotWasm},
		{"version 2", []byte{0, 'a', 's', 'm', 2, 0, 0, 0}, ErrNotWasm},
		{"truncated in a section", good[:len(good)-3], ErrMalformed},
		{"section size beyond the end", cat(header, []byte{SecCode, 0x80, 0x80, 0x04}), ErrMalformed},
		{"LEB128 too long", cat(header, []byte{SecCode, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}), ErrMalformed},
		{"huge body count", cat(header, section(SecCode, uleb(1<<30))), ErrMalformed},
		{"body beyond the section", cat(header, section(SecCode, uleb(1), uleb(9), []byte{0})), ErrMalformed},
		{"unknown import kind", cat(header, section(SecImport, uleb(1), str("a"), str("b"), []byte{0x09})), ErrMalformed},
		{"bad data flag", cat(header, section(SecData, uleb(1), uleb(7))), ErrMalformed},
		{"bad offset expression", cat(header, section(SecData, uleb(1), uleb(0), []byte{0x01, 0x0b}, str("x"))), ErrMalformed},
		{"name subsection too long", cat(header, section(SecCustom, str("name"), []byte{0x01, 0x7f})), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want error %v", m, err, tt.want)
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"runtime.mallocgc", "runtime.mallocgc"},
		{"github.com/maxence-charriere/go-app/v10/pkg/app.(*htmlDiv).Class", "github.com_maxence_charriere_go_app_v10_pkg_app.__htmlDiv_.Class"},
		{"type:.eq.[2]string", "type_.eq._2_string"},
		{"héllo", "h__llo"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAttributor(t *testing.T) {
	a := NewAttributor([]string{
		"runtime", "internal/runtime/maps", "crypto/internal/fips140/nistec", "crypto/internal/fips140/nistec/fiat",
		"github.com/maxence-charriere/go-app/v10/pkg/app", "example.com/x/y",
	})
	tests := []struct{ name, want string }{
		{"runtime.mallocgc", "runtime"},
		{"internal_runtime_maps.__Map_.getWithKey", "internal/runtime/maps"},
		{"crypto_internal_fips140_nistec_fiat.p521Mul", "crypto/internal/fips140/nistec/fiat"},
		{"crypto_internal_fips140_nistec.__P256Point_.Add", "crypto/internal/fips140/nistec"},
		{"crypto_internal_fips140_ecdh.NewPrivateKey_go.shape._crypto_internal_fips140_nistec.P521Point_", "crypto_internal_fips140_ecdh"},
		{"github.com_maxence_charriere_go_app_v10_pkg_app.__htmlDiv_.Class", "github.com/maxence-charriere/go-app/v10/pkg/app"},
		{"example.com_x_y.F", "example.com/x/y"},
		{"type_.eq.T", "type:"},
		{"go_buildid", "go:"},
		{"", Unattributed},
		{"main.inspect.func1", "example.com/cmd/wasm"},
		{"mainly.F", "mainly"},
	}
	a.Alias("main", "example.com/cmd/wasm")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Package(tt.name); got != tt.want {
				t.Errorf("Package(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestByPackage(t *testing.T) {
	m, err := Parse(tinyModule())
	if err != nil {
		t.Fatal(err)
	}
	rows := NewAttributor([]string{"runtime", "example.com/x/y"}).ByPackage(m)
	want := []Row{{Name: "runtime", Funcs: 1, Bytes: 6}, {Name: "type:", Funcs: 1, Bytes: 3}, {Name: "example.com/x/y", Funcs: 1, Bytes: 2}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("ByPackage = %+v, want %+v", rows, want)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(tinyModule())
	f.Add(header)
	f.Add(cat(header, section(SecData, uleb(1), uleb(2), uleb(0), []byte{0x41, 0x00, 0x0b}, str("ab"))))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		if m.CodeSize() > len(b) || m.DataSize() > len(b) || len(m.Funcs) > len(b) {
			t.Fatalf("sizes beyond the input: code %d data %d funcs %d of %d bytes", m.CodeSize(), m.DataSize(), len(m.Funcs), len(b))
		}
		for _, s := range m.Sections {
			if s.Offset+s.Size > len(b) {
				t.Fatalf("section %+v beyond the input", s)
			}
		}
	})
}

func TestSizes(t *testing.T) {
	b := make([]byte, 0, 10000)
	for i := range 1000 {
		b = append(b, "authdebug "[i%10:]...)
	}
	gz, br := Sizes(b)
	if gz <= 0 || br <= 0 || gz >= len(b) || br >= len(b) {
		t.Errorf("Sizes of %d bytes of repetition = %d, %d", len(b), gz, br)
	}
	if gz2, br2 := Sizes(b); gz2 != gz || br2 != br {
		t.Errorf("Sizes is not deterministic: %d, %d then %d, %d", gz, br, gz2, br2)
	}
}

func TestBodies(t *testing.T) {
	b := tinyModule()
	m, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAttributor([]string{"runtime", "example.com/x/y"})
	got := Bodies(b, m, func(f Func) bool { return a.Package(f.Name) != "runtime" })
	if want := []byte{0x00, 0x0b, 0x00, 0x01, 0x0b}; !reflect.DeepEqual(got, want) {
		t.Errorf("Bodies = % x, want % x", got, want)
	}
	if n := Brotli(got, 9); n <= 0 {
		t.Errorf("Brotli = %d", n)
	}
}

func TestCachedSizes(t *testing.T) {
	dir := t.TempDir()
	b := []byte(strings.Repeat("cache me if you can ", 200))
	gz, br := Sizes(b)
	for i := range 2 { // the second call reads the cache
		if g, r := CachedSizes(b, dir); g != gz || r != br {
			t.Fatalf("call %d: CachedSizes = %d, %d; want %d, %d", i, g, r, gz, br)
		}
	}
	files, _ := os.ReadDir(dir)
	if len(files) != 1 {
		t.Fatalf("%d cache files, want 1", len(files))
	}
	// A cached figure is trusted: overwrite it to prove it is read.
	name := dir + "/" + files[0].Name()
	if err := os.WriteFile(name, []byte("gzip9 7 brotli11 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if g, r := CachedSizes(b, dir); g != 7 || r != 9 {
		t.Errorf("CachedSizes did not read its cache: %d, %d", g, r)
	}
	if g, r := CachedSizes(b, ""); g != gz || r != br {
		t.Errorf("CachedSizes without a dir = %d, %d", g, r)
	}
}
