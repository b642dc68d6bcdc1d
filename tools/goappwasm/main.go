package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// module is the go-app module whose browser build the overlay trims.
const module = "github.com/maxence-charriere/go-app/v10"

// errUnexpected means the go-app source is not what the overlay expects.
var errUnexpected = errors.New("goappwasm: unexpected go-app source (was go-app upgraded?)")

func main() {
	out := flag.String("o", ".cache/goapp-wasm", "output `dir` for the trimmed go-app copy, wasm.mod and wasm.sum")
	flag.Parse()
	dir, err := moduleDir()
	if err == nil {
		err = write(dir, *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// moduleDir asks the go command where the pinned go-app lives.
func moduleDir() (string, error) {
	b, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module).Output()
	if err != nil {
		return "", fmt.Errorf("goappwasm: go list -m %s: %w", module, err)
	}
	dir := strings.TrimSpace(string(b))
	if dir == "" {
		return "", fmt.Errorf("goappwasm: %s is not downloaded (run go mod download)", module)
	}
	return dir, nil
}

// write copies the parts of the go-app module the browser build needs from
// moddir into out/go-app, applies the derived changes there, and writes
// out/wasm.mod (the project's go.mod with a replace directive pointing at the
// copy) and out/wasm.sum, for `go build -modfile out/wasm.mod`.
func write(moddir, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	dst := filepath.Join(abs, "go-app")
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	for _, name := range []string{"go.mod", "go.sum", "LICENSE"} {
		if err := copyFile(filepath.Join(moddir, name), filepath.Join(dst, name)); err != nil {
			return err
		}
	}
	for _, pkg := range []string{"pkg/app", "pkg/errors"} {
		names, err := filepath.Glob(filepath.Join(moddir, pkg, "*.go"))
		if err != nil {
			return err
		}
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			if err := copyFile(n, filepath.Join(dst, pkg, filepath.Base(n))); err != nil {
				return err
			}
		}
	}
	app := filepath.Join(dst, "pkg", "app")
	files, err := derive(func(name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(app, name))
		return string(b), err
	})
	if err != nil {
		return err
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(app, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		return fmt.Errorf("goappwasm: run from the module root: %w", err)
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	target, err := replaceTarget(cwd, dst)
	if err != nil {
		return err
	}
	mod = append(mod, fmt.Sprintf("\n// Written by tools/goappwasm for the browser build only.\nreplace %s => %s\n", module, target)...)
	if err := os.WriteFile(filepath.Join(abs, "wasm.mod"), mod, 0o644); err != nil {
		return err
	}
	return copyFile("go.sum", filepath.Join(abs, "wasm.sum"))
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// sharedFile holds what the browser build keeps of resource.go.
const sharedFile = "resource_shared_wasm.go"

// derive returns the overlay's files by name (relative to pkg/app), built
// from the original files that read returns.
func derive(read func(name string) (string, error)) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range []string{"http.go", "resource.go"} {
		text, err := read(name)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(text, "//go:build") || !strings.HasPrefix(text, "package app\n") {
			return nil, fmt.Errorf("%s does not start with its package clause: %w", name, errUnexpected)
		}
		out[name] = "//go:build !wasm\n\n" + text
	}

	// The browser build still needs the helpers from clientResourceResolver on.
	res, _ := read("resource.go")
	const split = "func clientResourceResolver("
	if strings.Count(res, split) != 1 {
		return nil, fmt.Errorf("resource.go: %s not found once: %w", split, errUnexpected)
	}
	tail := res[strings.Index(res, split):]
	if strings.Contains(tail, "http.") {
		return nil, fmt.Errorf("resource.go: the helpers after %s use net/http: %w", split, errUnexpected)
	}
	out[sharedFile] = "//go:build wasm\n\n// Derived by tools/goappwasm from resource.go.\n\npackage app\n\nimport \"strings\"\n\n" + tail

	// wasm.go: keep everything but the GenerateStaticWebsite stub.
	w, err := read("wasm.go")
	if err != nil {
		return nil, err
	}
	const stub = "func GenerateStaticWebsite("
	start := strings.Index(w, stub)
	if start < 0 || strings.Count(w, stub) != 1 {
		return nil, fmt.Errorf("wasm.go: %s not found once: %w", stub, errUnexpected)
	}
	end := strings.Index(w[start:], "\n}\n")
	if end < 0 {
		return nil, fmt.Errorf("wasm.go: end of GenerateStaticWebsite not found: %w", errUnexpected)
	}
	rest := w[:start] + w[start+end+3:]
	// The stub was the only user of these imports.
	for _, imp := range []string{"\t\"runtime\"\n", "\t\"github.com/maxence-charriere/go-app/v10/pkg/errors\"\n"} {
		if !strings.Contains(rest, imp) {
			return nil, fmt.Errorf("wasm.go: import %q not found: %w", strings.TrimSpace(imp), errUnexpected)
		}
		rest = strings.Replace(rest, imp, "", 1)
	}
	if strings.Contains(rest, "runtime.") || strings.Contains(rest, "errors.") {
		return nil, fmt.Errorf("wasm.go: still uses runtime or errors without the stub: %w", errUnexpected)
	}
	rest = strings.Replace(rest, "import (\n\n)\n", "", 1)
	out["wasm.go"] = rest

	route, err := noRegexpRoutes(read)
	if err != nil {
		return nil, err
	}
	out["route.go"] = route
	return out, nil
}

// noRegexpRoutes rewrites route.go without package regexp: the router's
// regexp routes (app.RouteWithRegexp, which authdebug does not use) match
// nothing, and registering one panics with a message naming this tool.
// The router's lookup links regexp's matcher even when no regexp route
// exists, and with it regexp/syntax and the Unicode tables.
func noRegexpRoutes(read func(name string) (string, error)) (string, error) {
	r, err := read("route.go")
	if err != nil {
		return "", err
	}
	for _, edit := range [][2]string{
		{"import (\n\t\"regexp\"\n\t\"sync\"\n)", "import (\n\t\"sync\"\n)"},
		{"regexp.MustCompile(pattern)", "noRegexpRoute(pattern)"},
		{"*regexp.Regexp", "noRegexp"},
	} {
		if strings.Count(r, edit[0]) != 1 {
			return "", fmt.Errorf("route.go: %q not found once: %w", edit[0], errUnexpected)
		}
		r = strings.Replace(r, edit[0], edit[1], 1)
	}
	// rwr.regexp.MatchString is the field, now a noRegexp; any other
	// "regexp." is the package.
	if strings.Contains(strings.ReplaceAll(r, ".regexp.", "."), "regexp.") {
		return "", fmt.Errorf("route.go: still uses package regexp: %w", errUnexpected)
	}
	return r + `
// Added by tools/goappwasm: the browser build has no regexp routes.

type noRegexp struct{}

func (noRegexp) MatchString(string) bool { return false }

func noRegexpRoute(pattern string) noRegexp {
	panic("app.RouteWithRegexp(" + pattern + "): authdebug's browser build has no regexp routes (see tools/goappwasm)")
}
`, nil
}

// replaceTarget is dst relative to the module root root, as a replace
// directive takes it ("./.cache/goapp-wasm/go-app"): the go command resolves
// it against the module root, and app.wasm's build info records it as
// written, so an absolute path would make the build depend on where the
// project is checked out (and show that directory to every visitor).
func replaceTarget(root, dst string) (string, error) {
	rel, err := filepath.Rel(root, dst)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel, nil
}
