package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	ui "github.com/authdebug/authdebug/app"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// marker is written into every generated site so a later build may clear it.
const marker = ".authdebug-site"

// Options configures Build.
type Options struct {
	// Out is the output directory.
	Out string
	// Web is the directory of hand-written assets holding app.wasm.
	Web string
}

// Build writes the static site into o.Out and returns its version, a hash of
// the assets it was built from (so two builds of one commit are identical).
func Build(o Options) (string, error) {
	if _, err := os.Stat(filepath.Join(o.Web, "app.wasm")); err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Join(o.Web, "app.wasm"), ErrNoWasm)
	}
	version, err := hashDir(o.Web)
	if err != nil {
		return "", err
	}
	if err := prepare(o.Out); err != nil {
		return "", err
	}
	ui.Register()
	if err := app.GenerateStaticWebsite(o.Out, ui.Handler(version)); err != nil {
		return "", fmt.Errorf("site: generating pages: %w", err)
	}
	if err := copyDir(o.Web, filepath.Join(o.Out, "web")); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(o.Out, marker), []byte(version+"\n"), 0o644); err != nil {
		return "", err
	}
	return version, nil
}

// prepare empties out, provided it is empty or an earlier build's output.
// A README.md placeholder is kept.
func prepare(out string) error {
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return os.MkdirAll(out, 0o755)
	}
	if err != nil {
		return err
	}
	owned := false
	for _, e := range entries {
		if e.Name() == marker {
			owned = true
		}
	}
	for _, e := range entries {
		if e.Name() == "README.md" {
			continue
		}
		if !owned {
			return fmt.Errorf("%s holds %s: %w", out, e.Name(), ErrNotSiteDir)
		}
	}
	for _, e := range entries {
		if e.Name() == "README.md" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// hashDir hashes the names and contents of every file under dir, in order.
func hashDir(dir string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:20], nil
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
