package main

import (
	"errors"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func fakeGoApp(files map[string]string) func(string) (string, error) {
	return func(name string) (string, error) {
		s, ok := files[name]
		if !ok {
			return "", os.ErrNotExist
		}
		return s, nil
	}
}

var goodSource = map[string]string{
	"http.go":     "package app\n\nimport \"net/http\"\n\ntype Handler struct{}\n\nfunc (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {}\n",
	"resource.go": "package app\n\nimport (\n\t\"net/http\"\n\t\"strings\"\n)\n\ntype ResourceResolver interface{ Resolve(string) string }\n\nvar _ http.Handler\n\nfunc clientResourceResolver(loc string) func(string) string {\n\treturn func(p string) string { return loc + strings.TrimPrefix(p, \"/web\") }\n}\n",
	"route.go":    "package app\n\nimport (\n\t\"regexp\"\n\t\"sync\"\n)\n\ntype router struct {\n\tmu sync.RWMutex\n\troutesWithRegexp []regexpRoute\n}\n\nfunc (r *router) routeWithRegexp(pattern string) {\n\tr.routesWithRegexp = append(r.routesWithRegexp, regexpRoute{\n\t\tregexp: regexp.MustCompile(pattern),\n\t})\n}\n\nfunc (r *router) routed(path string) bool {\n\tfor _, rwr := range r.routesWithRegexp {\n\t\tif rwr.regexp.MatchString(path) {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n\ntype regexpRoute struct {\n\tregexp       *regexp.Regexp\n}\n",
	"wasm.go":     "//go:build wasm\n\npackage app\n\nimport (\n\t\"runtime\"\n\n\t\"github.com/maxence-charriere/go-app/v10/pkg/errors\"\n)\n\nfunc GenerateStaticWebsite(dir string, h *Handler, pages ...string) error {\n\tpanic(errors.New(\"unsupported\").WithTag(\"architecture\", runtime.GOARCH))\n}\n\nfunc wasmExecJS() string {\n\treturn \"\"\n}\n",
}

func TestDerive(t *testing.T) {
	out, err := derive(fakeGoApp(goodSource))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"http.go", "resource.go"} {
		if !strings.HasPrefix(out[name], "//go:build !wasm\n") {
			t.Errorf("%s is not made native-only:\n%s", name, out[name])
		}
	}
	shared := out[sharedFile]
	if !strings.HasPrefix(shared, "//go:build wasm\n") || !strings.Contains(shared, "func clientResourceResolver(") || strings.Contains(shared, "net/http") {
		t.Errorf("shared helpers:\n%s", shared)
	}
	route := out["route.go"]
	if strings.Contains(route, "\"regexp\"") || strings.Contains(route, "regexp.MustCompile") || !strings.Contains(route, "func (noRegexp) MatchString(string) bool") {
		t.Errorf("route.go still uses regexp:\n%s", route)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "route.go", route, 0); err != nil {
		t.Errorf("route.go does not parse: %v\n%s", err, route)
	}
	w := out["wasm.go"]
	if strings.Contains(w, "GenerateStaticWebsite") || strings.Contains(w, "runtime") || strings.Contains(w, "pkg/errors") || !strings.Contains(w, "func wasmExecJS()") {
		t.Errorf("wasm.go:\n%s", w)
	}
}

func TestDeriveRefusesUnexpectedSource(t *testing.T) {
	tests := map[string]func(map[string]string){
		"http.go already constrained": func(m map[string]string) { m["http.go"] = "//go:build !wasm\n\n" + m["http.go"] },
		"resolver renamed": func(m map[string]string) {
			m["resource.go"] = strings.Replace(m["resource.go"], "clientResourceResolver", "resolver", 1)
		},
		"helpers use net/http": func(m map[string]string) { m["resource.go"] += "\nfunc f() { _ = http.StatusOK }\n" },
		"stub renamed": func(m map[string]string) {
			m["wasm.go"] = strings.Replace(m["wasm.go"], "GenerateStaticWebsite", "Generate", 1)
		},
		"wasm.go uses runtime elsewhere": func(m map[string]string) {
			m["wasm.go"] += "\nfunc arch() string { return runtime.GOARCH }\n"
		},
		"file missing": func(m map[string]string) { delete(m, "resource.go") },
		"router compiles its regexp elsewhere": func(m map[string]string) {
			m["route.go"] = strings.Replace(m["route.go"], "regexp.MustCompile(pattern)", "compile(pattern)", 1)
		},
		"router uses regexp more": func(m map[string]string) {
			m["route.go"] += "\nfunc quote(s string) string { return regexp.QuoteMeta(s) }\n"
		},
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			src := map[string]string{}
			for k, v := range goodSource {
				src[k] = v
			}
			mutate(src)
			if _, err := derive(fakeGoApp(src)); err == nil {
				t.Error("derive accepted an unexpected source")
			} else if name != "file missing" && !errors.Is(err, errUnexpected) {
				t.Errorf("error %v does not wrap errUnexpected", err)
			}
		})
	}
}

func TestReplaceTarget(t *testing.T) {
	for _, c := range []struct{ root, dst, want string }{
		{"/work/main", "/work/main/.cache/goapp-wasm/go-app", "./.cache/goapp-wasm/go-app"},
		{"/tmp/elsewhere/main", "/tmp/elsewhere/main/.cache/goapp-wasm/go-app", "./.cache/goapp-wasm/go-app"},
		{"/work/main", "/work/build/go-app", "../build/go-app"},
	} {
		got, err := replaceTarget(c.root, c.dst)
		if err != nil || got != c.want {
			t.Errorf("replaceTarget(%q, %q) = %q, %v; want %q", c.root, c.dst, got, err, c.want)
		}
	}
}

// TestBrowserBuildImports derives the copy from the pinned go-app and asks
// `go list -deps` what the browser build (./wasm, GOOS=js GOARCH=wasm)
// imports: neither net/http (the server half) nor regexp (the router's
// regexp routes), the two things this tool exists to keep out.
func TestBrowserBuildImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs the go command")
	}
	t.Chdir("../..")
	moddir, err := moduleDir()
	if err != nil {
		t.Skip(err)
	}
	out := t.TempDir()
	if err := write(moddir, out); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-modfile", filepath.Join(out, "wasm.mod"), "-deps", "./wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=")
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, b)
	}
	deps := strings.Fields(string(b))
	if !slices.Contains(deps, module+"/pkg/app") || !slices.Contains(deps, "syscall/js") {
		t.Fatalf("unexpected dependency list: %v", deps)
	}
	for _, bad := range []string{"net/http", "regexp", "regexp/syntax", "crypto/tls"} {
		if slices.Contains(deps, bad) {
			t.Errorf("the browser build imports %s", bad)
		}
	}
}
