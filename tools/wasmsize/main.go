//go:build !js

package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/authdebug/authdebug/tools/wasmfile"
)

// module is the project's module path: its packages are "own" code.
const module = "github.com/authdebug/authdebug"

func main() {
	max := flag.Int("max-brotli", 0, "fail when the brotli size exceeds this many `bytes` (0: no budget)")
	breakdown := flag.String("breakdown", "", "build `PKG` for js/wasm with its name section and print code bytes per Go package")
	top := flag.Int("top", 25, "how many packages the breakdown lists")
	cache := flag.String("cache", ".cache/wasmsize", "remember compressed sizes by content hash in `dir` (empty: do not)")
	why := flag.String("why", "", "comma-separated import `paths`: print why the linker keeps each in the -breakdown package (default ./wasm)")
	flag.Parse()
	status := 0
	fmt.Printf("%-28s %28s %28s %28s\n", "file", "raw", "gzip -9", "brotli -q11")
	for _, name := range flag.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		gz, br := wasmfile.CachedSizes(b, *cache)
		fmt.Printf("%-28s %28s %28s %28s\n", name, mb(len(b)), mb(gz), mb(br))
		if *max > 0 {
			if br > *max {
				fmt.Printf("FAIL %s: brotli size %s exceeds the budget of %s by %d bytes\n", name, mb(br), mb(*max), br-*max)
				status = 1
			} else {
				fmt.Printf("ok   %s: brotli size %s is within the budget of %s (%d bytes to spare)\n", name, mb(br), mb(*max), *max-br)
			}
		}
	}
	if *breakdown != "" {
		if err := printBreakdown(os.Stdout, *breakdown, *top); err != nil {
			fmt.Fprintln(os.Stderr, "wasmsize: breakdown:", err)
			os.Exit(2)
		}
	}
	if *why != "" {
		pkg := *breakdown
		if pkg == "" {
			pkg = "./wasm"
		}
		if err := printWhy(os.Stdout, pkg, strings.FieldsFunc(*why, func(r rune) bool { return r == ',' || r == ' ' })); err != nil {
			fmt.Fprintln(os.Stderr, "wasmsize: why:", err)
			os.Exit(2)
		}
	}
	os.Exit(status)
}

func mb(n int) string {
	return fmt.Sprintf("%d bytes (%.2f MB)", n, float64(n)/1e6)
}

// printBreakdown builds pkg for js/wasm without -s -w into a temporary
// directory and prints where its code bytes go.
func printBreakdown(w io.Writer, pkg string, top int) error {
	dir, err := os.MkdirTemp("", "wasmsize-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "app.wasm")
	env := append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	build := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	build.Env, build.Stderr = env, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build %s: %w", pkg, err)
	}
	list := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg)
	list.Env, list.Stderr = env, os.Stderr
	paths, err := list.Output()
	if err != nil {
		return fmt.Errorf("go list -deps %s: %w", pkg, err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	m, err := wasmfile.Parse(b)
	if err != nil {
		return err
	}
	deps := strings.Fields(string(paths))
	a := wasmfile.NewAttributor(deps)
	if len(deps) > 0 {
		a.Alias("main", deps[len(deps)-1]) // go list -deps prints the package itself last
	}
	s := Summarize(m, len(b), a.ByPackage(m))
	Pack(&s, b, m, a, top)
	fmt.Fprintln(w)
	Render(w, s, top)
	return nil
}

// packQuality is the brotli quality of the per-package estimates: much
// faster than 11, and the shares it gives are what matters.
const packQuality = 9

// Pack fills in the brotli sizes (at packQuality) of the code of the top
// packages, of each family, of all code and of the data segments, each
// compressed on its own.
func Pack(s *Summary, b []byte, m *wasmfile.Module, a *wasmfile.Attributor, top int) {
	pkgOf := make(map[uint32]string, len(m.Funcs))
	for _, f := range m.Funcs {
		pkgOf[f.Index] = a.Package(f.Name)
	}
	for i := range s.Packages[:min(top, len(s.Packages))] {
		name := s.Packages[i].Name
		s.Packages[i].Packed = wasmfile.Brotli(wasmfile.Bodies(b, m, func(f wasmfile.Func) bool { return pkgOf[f.Index] == name }), packQuality)
	}
	for i := range s.Groups {
		g := s.Groups[i].Name
		if s.Groups[i].Funcs == 0 {
			continue
		}
		s.Groups[i].Packed = wasmfile.Brotli(wasmfile.Bodies(b, m, func(f wasmfile.Func) bool { return Group(pkgOf[f.Index]) == g }), packQuality)
	}
	s.CodePacked = wasmfile.Brotli(wasmfile.Bodies(b, m, func(wasmfile.Func) bool { return true }), packQuality)
	var data []byte
	for _, d := range m.DataSegments {
		if d.Offset+d.Size <= len(b) {
			data = append(data, b[d.Offset:d.Offset+d.Size]...)
		}
	}
	s.DataPacked = wasmfile.Brotli(data, packQuality)
}

// Summary is what the breakdown prints.
type Summary struct {
	FileBytes    int
	CodeSection  int
	CodeBytes    int
	Funcs        int
	DataBytes    int
	DataSegments int
	NameSection  int
	// CodePacked and DataPacked are brotli sizes (0: not computed).
	CodePacked, DataPacked int
	// Packages are per package, largest first; Groups per family, in the
	// fixed order of groupOrder.
	Packages []wasmfile.Row
	Groups   []wasmfile.Row
}

// Summarize gathers the module's figures and the per-group totals.
func Summarize(m *wasmfile.Module, fileBytes int, rows []wasmfile.Row) Summary {
	s := Summary{
		FileBytes:    fileBytes,
		CodeSection:  m.SectionSize(wasmfile.SecCode, ""),
		CodeBytes:    m.CodeSize(),
		Funcs:        len(m.Funcs),
		DataBytes:    m.DataSize(),
		DataSegments: len(m.DataSegments),
		NameSection:  m.SectionSize(wasmfile.SecCustom, "name"),
		Packages:     rows,
	}
	sums := map[string]*wasmfile.Row{}
	for _, r := range rows {
		g := Group(r.Name)
		if sums[g] == nil {
			sums[g] = &wasmfile.Row{Name: g}
		}
		sums[g].Funcs += r.Funcs
		sums[g].Bytes += r.Bytes
	}
	for _, g := range groupOrder {
		if r := sums[g]; r != nil {
			s.Groups = append(s.Groups, *r)
		} else {
			s.Groups = append(s.Groups, wasmfile.Row{Name: g})
		}
	}
	return s
}

// The dependency families of the totals, in print order.
const (
	GroupGoApp     = "go-app (github.com/maxence-charriere/go-app)"
	GroupJWX       = "jwx (github.com/lestrrat-go/...)"
	GroupGolangJWT = "golang-jwt (github.com/golang-jwt/jwt)"
	GroupInternal  = "authdebug internal/..."
	GroupOwnOther  = "authdebug app/ and wasm/"
	GroupRuntime   = "runtime (runtime, internal/runtime/...)"
	GroupStd       = "rest of the standard library"
	GroupOther     = "other modules (transitive dependencies)"
	GroupGenerated = "compiler-generated (type:, go:)"
)

var groupOrder = []string{GroupGoApp, GroupJWX, GroupGolangJWT, GroupInternal, GroupOwnOther, GroupRuntime, GroupStd, GroupOther, GroupGenerated}

// Group is the dependency family of a package import path (or of the
// pseudo-package wasmfile.Attributor gives compiler-generated code).
func Group(pkg string) string {
	under := func(prefix string) bool { return pkg == prefix || strings.HasPrefix(pkg, prefix+"/") }
	switch {
	case under("github.com/maxence-charriere/go-app"):
		return GroupGoApp
	case under("github.com/lestrrat-go"):
		return GroupJWX
	case under("github.com/golang-jwt/jwt"):
		return GroupGolangJWT
	case under(module + "/internal"):
		return GroupInternal
	case under(module):
		return GroupOwnOther
	case under("runtime"), under("internal/runtime"):
		return GroupRuntime
	case strings.HasSuffix(pkg, ":") || pkg == wasmfile.Unattributed:
		return GroupGenerated
	}
	first, _, _ := strings.Cut(pkg, "/")
	if strings.Contains(first, ".") {
		return GroupOther
	}
	return GroupStd
}

// Render prints the summary: the top packages and the family totals.
func Render(w io.Writer, s Summary, top int) {
	pct := func(n int) string {
		if s.CodeBytes == 0 {
			return "-"
		}
		return fmt.Sprintf("%5.1f%%", 100*float64(n)/float64(s.CodeBytes))
	}
	packed := func(n int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprint(n)
	}
	br := fmt.Sprintf("brotli-%d", packQuality)
	fmt.Fprintf(w, "Code by Go package (app.wasm rebuilt without -s -w: %s; the name section is %s of that)\n", mb(s.FileBytes), kb(s.NameSection))
	fmt.Fprintf(w, "  code section %s: %s in %d function bodies; data segments %s in %d segments\n",
		kb(s.CodeSection), kb(s.CodeBytes), s.Funcs, kb(s.DataBytes), s.DataSegments)
	fmt.Fprintf(w, "  %s: each row's code compressed on its own at quality %d, to compare parts (the shipped file is -q 11)\n\n", br, packQuality)
	fmt.Fprintf(w, "  %3s  %-60s %6s %12s %7s %10s\n", "#", "package", "funcs", "code bytes", "share", br)
	n := min(top, len(s.Packages))
	for i, r := range s.Packages[:n] {
		fmt.Fprintf(w, "  %3d  %-60s %6d %12d %7s %10s\n", i+1, r.Name, r.Funcs, r.Bytes, pct(r.Bytes), packed(r.Packed))
	}
	if rest := s.Packages[n:]; len(rest) > 0 {
		var o wasmfile.Row
		for _, r := range rest {
			o.Funcs += r.Funcs
			o.Bytes += r.Bytes
		}
		fmt.Fprintf(w, "  %3s  %-60s %6d %12d %7s\n", "", fmt.Sprintf("(%d more packages)", len(rest)), o.Funcs, o.Bytes, pct(o.Bytes))
	}
	fmt.Fprintf(w, "\n  %-65s %6s %12s %7s %10s\n", "totals", "funcs", "code bytes", "share", br)
	for _, g := range s.Groups {
		fmt.Fprintf(w, "  %-65s %6d %12d %7s %10s\n", g.Name, g.Funcs, g.Bytes, pct(g.Bytes), packed(g.Packed))
	}
	fmt.Fprintf(w, "  %-65s %6d %12d %7s %10s\n", "all code", s.Funcs, s.CodeBytes, pct(s.CodeBytes), packed(s.CodePacked))
	fmt.Fprintf(w, "  %-65s %6s %12d %7s %10s\n", "data segments (rodata, type data, pclntab, …)", "", s.DataBytes, "", packed(s.DataPacked))
}

func kb(n int) string {
	return fmt.Sprintf("%.1f kB", float64(n)/1e3)
}
