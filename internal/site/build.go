//go:build !wasm

package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	ui "github.com/authdebug/authdebug/app"
	"github.com/authdebug/authdebug/server"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Marker is the name of the file every build writes at its root: it records
// the version and base, lets a later build clear the directory, and is never
// served.
const Marker = ".authdebug-site"

// placeholder is the version of the first, hashing pass.
const placeholder = "00000000000000000000"

// Options configures Build.
type Options struct {
	// Out is the output directory.
	Out string
	// Web is the directory of hand-written assets holding app.wasm.
	Web string
	// Base is the URL path the site will be served under: "/" (default) or
	// like "/tools/authdebug/".
	Base string
}

// Info describes a built site, as recorded in its marker.
type Info struct {
	Version string
	Base    string
}

// Build writes the static site into o.Out and returns its version, a hash of
// everything it wrote (so two builds of one commit are identical).
func Build(o Options) (string, error) {
	if o.Base == "" {
		o.Base = "/"
	}
	if !server.ValidBase(o.Base) {
		return "", fmt.Errorf("%q: %w", o.Base, ErrBadBase)
	}
	web, err := readWeb(o.Web)
	if err != nil {
		return "", err
	}
	if _, ok := web["app.wasm"]; !ok {
		return "", fmt.Errorf("%s: %w", filepath.Join(o.Web, "app.wasm"), ErrNoWasm)
	}
	ui.Register()
	first, err := render(placeholder, o.Base, web)
	if err != nil {
		return "", err
	}
	version := hashFiles(first)
	files, err := render(version, o.Base, web)
	if err != nil {
		return "", err
	}
	if err := checkURLs(files, o.Base); err != nil {
		return "", err
	}
	for name, b := range compressAll(files) {
		files[name] = b
	}
	if err := prepare(o.Out); err != nil {
		return "", err
	}
	if err := writeFiles(o.Out, files); err != nil {
		return "", err
	}
	marker := fmt.Sprintf("version=%s\nbase=%s\n", version, o.Base)
	if err := os.WriteFile(filepath.Join(o.Out, Marker), []byte(marker), 0o644); err != nil {
		return "", err
	}
	return version, nil
}

// ReadInfo reads the marker of a built site.
func ReadInfo(fsys fs.FS) (Info, error) {
	b, err := fs.ReadFile(fsys, Marker)
	if err != nil {
		return Info{}, fmt.Errorf("%w: %v", ErrNoMarker, err)
	}
	info := Info{Base: "/"}
	for line := range strings.Lines(string(b)) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		switch {
		case !ok:
			info.Version = strings.TrimSpace(line) // the first builds wrote the bare version
		case k == "version":
			info.Version = v
		case k == "base":
			info.Base = v
		}
	}
	if !server.ValidBase(info.Base) {
		return Info{}, fmt.Errorf("marker base %q: %w", info.Base, ErrBadBase)
	}
	return info, nil
}

// readWeb reads the hand-written assets, skipping dotfiles and compressed
// leftovers (the build writes its own).
func readWeb(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if os.IsNotExist(err) {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "app.wasm"), ErrNoWasm)
	}
	return files, err
}

// render generates the site for one version in memory: go-app's pages,
// scripts, worker and manifest, moved and patched into the layout, plus the
// web assets and the 404 page.
func render(version, base string, web map[string][]byte) (map[string][]byte, error) {
	tmp, err := os.MkdirTemp("", "authdebug-site-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := app.GenerateStaticWebsite(tmp, ui.Handler(version, base)); err != nil {
		return nil, fmt.Errorf("site: generating pages: %w", err)
	}
	gen := map[string][]byte{}
	err = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(tmp, p)
		gen[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	assets := ui.AssetDir + "/" + version + "/"
	files := map[string][]byte{}
	for name, b := range gen {
		switch {
		case name == "app.js" || name == "app.css" || name == "wasm_exec.js":
			files[assets+name] = b
		case strings.HasSuffix(name, ".html"):
			b, err = withMetaCSP(name, normalizeGoAppHTML(b))
			if err != nil {
				return nil, err
			}
			files[name] = b
		case name == "manifest.webmanifest":
			b, err = withScope(b, base)
			if err != nil {
				return nil, err
			}
			files[name] = b
		default:
			files[name] = b
		}
	}
	for _, need := range []string{"index.html", "app-worker.js", "manifest.webmanifest", assets + "app.js", assets + "wasm_exec.js"} {
		if _, ok := files[need]; !ok {
			return nil, fmt.Errorf("%s missing: %w", need, ErrGenerated)
		}
	}
	for name, b := range web {
		files[assets+"web/"+name] = b
	}
	files["404.html"] = notFoundPage(base, assets)
	return files, nil
}

const charsetMeta = `<meta charset="UTF-8">`

// withMetaCSP inserts the policy right after the charset declaration, so it
// governs every script, style and manifest the page then loads.
func withMetaCSP(name string, b []byte) ([]byte, error) {
	if bytes.Count(b, []byte(charsetMeta)) != 1 {
		return nil, fmt.Errorf("%s: no single %s to put the CSP after: %w", name, charsetMeta, ErrGenerated)
	}
	meta := "\n    " + metaCSP()
	return bytes.Replace(b, []byte(charsetMeta), []byte(charsetMeta+meta), 1), nil
}

// attrEscaper escapes a double-quoted HTML attribute value (the policy's
// single quotes stay readable).
var attrEscaper = strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;")

func metaCSP() string {
	return `<meta http-equiv="Content-Security-Policy" content="` + attrEscaper.Replace(server.MetaContentSecurityPolicy) + `">`
}

// withScope sets the manifest's scope, which go-app always writes as "/".
func withScope(b []byte, base string) ([]byte, error) {
	const scope = `"scope":"/"`
	if bytes.Count(b, []byte(scope)) != 1 {
		return nil, fmt.Errorf("manifest.webmanifest: no single %s: %w", scope, ErrGenerated)
	}
	return bytes.Replace(b, []byte(scope), []byte(`"scope":"`+base+`"`), 1), nil
}

// notFoundPage is the page served with 404 (by authdebug serve, nginx's
// error_page, and static hosts that look for 404.html).
func notFoundPage(base, assets string) []byte {
	return []byte(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    ` + metaCSP() + `
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>Not found — authdebug</title>
    <link rel="icon" href="` + base + assets + `web/icon.svg">
    <link rel="stylesheet" href="` + base + assets + `web/authdebug.css">
  </head>
  <body>
    <main class="page">
      <header class="top">
        <h1>authdebug</h1>
      </header>
      <p class="hint">There is nothing at this address.</p>
      <p><a href="` + base + `">Open the debugger</a></p>
    </main>
  </body>
</html>
`)
}

// checkURLs verifies that every root-absolute URL in the pages, go-app's
// script and the worker's cache list is under base and names a file of the
// build, so the site works under a sub-path. It guards against go-app
// changes that would hard-code a root path again.
func checkURLs(files map[string][]byte, base string) error {
	var bad []string
	check := func(from, u string) {
		if u == "/" && strings.HasSuffix(from, "/app.js") {
			return // go-app's default path for push notifications, which this site never sends
		}
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			u = u[:i]
		}
		switch {
		case !strings.HasPrefix(u, base):
			bad = append(bad, from+": "+u+" is not under "+base)
		case u == base || u == strings.TrimSuffix(base, "/")+"/web" || strings.HasSuffix(u, "/web"):
		default:
			if _, ok := files[u[len(base):]]; !ok {
				bad = append(bad, from+": "+u+" is not a file of the build")
			}
		}
	}
	for name, b := range files {
		var attrs []string
		switch {
		case strings.HasSuffix(name, ".html"):
			attrs = []string{` href="/`, ` src="/`}
		case name == "app-worker.js" || strings.HasSuffix(name, "/app.js") || name == "manifest.webmanifest":
			attrs = []string{`"/`}
		default:
			continue
		}
		s := string(b)
		for _, a := range attrs {
			for i := strings.Index(s, a); i >= 0; {
				start := i + len(a) - 1
				end := strings.IndexByte(s[start:], '"')
				if end < 0 {
					break
				}
				check(name, s[start:start+end])
				next := strings.Index(s[start+end:], a)
				if next < 0 {
					break
				}
				i = start + end + next
			}
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("%s: %w", strings.Join(bad, "; "), ErrGenerated)
	}
	return nil
}

// hashFiles hashes names and contents in name order.
func hashFiles(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
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
		if e.Name() == Marker {
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

// writeFiles writes files under out in name order, with fixed modes.
func writeFiles(out string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(out, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// compressible reports whether a file is written precompressed: text assets
// and app.wasm (not PNGs and other already-compressed formats).
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".html", ".js", ".mjs", ".css", ".webmanifest", ".json", ".svg", ".txt", ".xml", ".map", ".wasm":
		return true
	}
	return false
}
