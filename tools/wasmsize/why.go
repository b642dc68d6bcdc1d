//go:build !js

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// DepTree is the Go linker's reachability tree, as -ldflags=-dumpdep prints
// it: one "from -> to" line each time the dead-code pass first marks a
// symbol, so every symbol has one parent, and the roots have "_".
type DepTree struct {
	parent map[string]string
	order  []string // symbols in the order they were marked
}

// ParseDumpdep reads -dumpdep output; other lines ("# pkg") are skipped.
func ParseDumpdep(r io.Reader) (*DepTree, error) {
	t := &DepTree{parent: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		from, to, ok := strings.Cut(sc.Text(), " -> ")
		if !ok {
			continue
		}
		if _, seen := t.parent[to]; !seen {
			t.parent[to] = from
			t.order = append(t.order, to)
		}
	}
	return t, sc.Err()
}

// inPackage reports whether the linker symbol sym belongs to the package
// with import path pkg ("crypto/tls.(*Conn).Read", "crypto/tls..inittask").
// Auxiliary symbols (stack object and argument liveness tables) are left
// out: the linker merges identical ones and keeps one name, often that of
// another package's function, so they say nothing about why pkg is linked.
func inPackage(sym, pkg string) bool {
	if !strings.HasPrefix(sym, pkg+".") {
		return false
	}
	for _, aux := range []string{".stkobj", ".arginfo0", ".arginfo1", ".argliveinfo", ".opendefer", ".wrapinfo"} {
		if strings.HasSuffix(sym, aux) {
			return false
		}
	}
	return true
}

// Why returns how many symbols of pkg are linked and the chain of
// references from a root to the first of them (root first); nil when
// nothing of pkg is linked.
func (t *DepTree) Why(pkg string) (n int, chain []string) {
	var first string
	for _, s := range t.order {
		if inPackage(s, pkg) {
			if n == 0 {
				first = s
			}
			n++
		}
	}
	if n == 0 {
		return 0, nil
	}
	for s := first; s != "_" && s != "" && len(chain) <= len(t.order); s = t.parent[s] {
		chain = append(chain, s)
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return n, chain
}

// printWhy builds pkg for js/wasm with -dumpdep and prints, for each target
// package, why the linker keeps it.
func printWhy(w io.Writer, pkg string, targets []string) error {
	dir, err := os.MkdirTemp("", "wasmsize-why-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-dumpdep", "-o", filepath.Join(dir, "app.wasm"), pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	t, perr := ParseDumpdep(out)
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("go build -ldflags=-dumpdep %s: %w", pkg, err)
	}
	if perr != nil {
		return perr
	}
	RenderWhy(w, t, targets)
	return nil
}

// RenderWhy prints the chains for the targets.
func RenderWhy(w io.Writer, t *DepTree, targets []string) {
	for _, target := range targets {
		n, chain := t.Why(target)
		if n == 0 {
			fmt.Fprintf(w, "\n%s: not linked\n", target)
			continue
		}
		fmt.Fprintf(w, "\n%s: %d symbols linked; the first is reached by\n", target, n)
		for i, s := range chain {
			fmt.Fprintf(w, "  %s%s\n", strings.Repeat(" ", min(i, 20)), s)
		}
		if len(chain) > 0 && strings.HasSuffix(chain[len(chain)-1], "..inittask") {
			fmt.Fprintf(w, "  (only its package initialisation is needed: some linked package imports it)\n")
		}
	}
}
