//go:build !js

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// helloSource is the floor: the smallest Go program, built for js/wasm with
// the same flags as app.wasm.
const helloSource = `package main

func main() { println("hello") }
`

// wasmFlags are the Makefile's WASM_FLAGS.
var wasmFlags = []string{"-trimpath", `-ldflags=-s -w`}

// buildHello writes and builds the hello-world wasm into dir and returns
// its path.
func buildHello(dir string) (string, error) {
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte(helloSource), 0o644); err != nil {
		return "", err
	}
	out := filepath.Join(dir, "hello.wasm")
	args := append(append([]string{"build"}, wasmFlags...), "-o", out, "hello.go")
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GO111MODULE=off", "GOFLAGS=")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the hello-world wasm: %v\n%s", err, b)
	}
	return out, nil
}

// goOutput runs the go command and returns its trimmed output.
func goOutput(args ...string) (string, error) {
	b, err := exec.Command("go", args...).Output()
	return strings.TrimSpace(string(b)), err
}
