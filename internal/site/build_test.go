//go:build !wasm

package site

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	ui "github.com/authdebug/authdebug/app"
	"github.com/authdebug/authdebug/server"
)

// testWeb writes a web/ directory: the repository's hand-written assets
// (CSS, scripts, icons) when present, and a stand-in app.wasm of 64 KiB (a real one
// takes ~15 s to brotli at quality 11; the e2e tests build with it).
func testWeb(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"authdebug.css": []byte("body { margin: 0 }\n"),
		"icon.svg":      []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`),
		"icon-192.png":  []byte("\x89PNG\r\n\x1a\n192"),
		"icon-512.png":  []byte("\x89PNG\r\n\x1a\n512"),
	}
	// The repository's hand-written assets (the page's handler names them).
	if entries, err := os.ReadDir(filepath.Join("..", "..", "web")); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), "app.wasm") && !strings.HasPrefix(e.Name(), ".") {
				if b, err := os.ReadFile(filepath.Join("..", "..", "web", e.Name())); err == nil {
					files[e.Name()] = b
				}
			}
		}
	}
	wasm := []byte("\x00asm\x01\x00\x00\x00")
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"runtime.", "github.com/authdebug/", "main.", "\x00\x01\x02", "syscall/js.", "type:", "go:buildid"}
	for len(wasm) < 64<<10 {
		wasm = append(wasm, words[r.IntN(len(words))]...)
		wasm = append(wasm, byte(r.IntN(256)))
	}
	files["app.wasm"] = wasm
	files["app.wasm.br"] = []byte("stale leftover, must be ignored")
	files[".DS_Store"] = []byte("dotfile, must be ignored")
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readTree reads every file under dir (slash-separated relative names).
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func build(t testing.TB, web, base string) (string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	v, err := Build(Options{Out: out, Web: web, Base: base})
	if err != nil {
		t.Fatalf("Build(base %q): %v", base, err)
	}
	return out, v
}

func TestBuildReproducible(t *testing.T) {
	web := testWeb(t)
	a, va := build(t, web, "/")
	b, vb := build(t, web, "/")
	if va != vb {
		t.Fatalf("versions differ: %s, %s", va, vb)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) || len(fa) < 20 {
		t.Fatalf("%d files vs %d files", len(fa), len(fb))
	}
	for name, want := range fa {
		got, ok := fb[name]
		if !ok {
			t.Errorf("%s only in the first build", name)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestBuildLayout(t *testing.T) {
	web := testWeb(t)
	for _, base := range []string{"/", "/tools/authdebug/"} {
		t.Run(base, func(t *testing.T) {
			out, v := build(t, web, base)
			files := readTree(t, out)
			assets := "v/" + v + "/"
			for _, name := range []string{"index.html", "404.html", "app-worker.js", "manifest.webmanifest", Marker,
				assets + "app.js", assets + "app.css", assets + "wasm_exec.js", assets + "web/app.wasm",
				assets + "web/authdebug.css", assets + "web/icon.svg", assets + "web/icon-192.png"} {
				if _, ok := files[name]; !ok {
					t.Errorf("%s missing", name)
				}
			}
			for _, name := range []string{"app.js", "web/app.wasm", assets + "web/app.wasm.br.br", assets + "web/.DS_Store"} {
				if _, ok := files[name]; ok {
					t.Errorf("%s should not be written", name)
				}
			}
			if got := string(files[assets+"web/app.wasm.br"]); got == "stale leftover, must be ignored" {
				t.Errorf("the web/ leftover app.wasm.br was copied")
			}
			if got, want := string(files[Marker]), "version="+v+"\nbase="+base+"\n"; got != want {
				t.Errorf("marker = %q, want %q", got, want)
			}
			if len(v) != 20 || strings.Trim(v, "0123456789abcdef") != "" {
				t.Errorf("version %q is not 20 hex digits", v)
			}

			// The CSP meta is the first element after the charset.
			index := string(files["index.html"])
			meta := `<meta charset="UTF-8">` + "\n    " + `<meta http-equiv="Content-Security-Policy" content="` + server.MetaContentSecurityPolicy + `">`
			if !strings.Contains(index, meta) || !strings.Contains(string(files["404.html"]), `content="`+server.MetaContentSecurityPolicy+`"`) {
				t.Errorf("index.html or 404.html lacks the CSP meta right after the charset:\n%.600s", index)
			}
			if strings.Contains(index, "frame-ancestors") {
				t.Errorf("the meta CSP carries frame-ancestors, which browsers ignore there")
			}

			// Every root-absolute URL is under the base.
			urlRE := regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)
			for _, page := range []string{"index.html", "404.html"} {
				for _, m := range urlRE.FindAllStringSubmatch(string(files[page]), -1) {
					if !strings.HasPrefix(m[1], base) {
						t.Errorf("%s: %s is not under %s", page, m[1], base)
					}
				}
			}
			manifest := string(files["manifest.webmanifest"])
			for _, want := range []string{`"scope":"` + base + `"`, `"start_url":"` + base + `"`, `"src":"` + base + assets + `web/icon-192.png"`} {
				if !strings.Contains(manifest, want) {
					t.Errorf("manifest lacks %s: %s", want, manifest)
				}
			}
			worker := string(files["app-worker.js"])
			list := regexp.MustCompile(`resourcesToCache = \[(.*)\]`).FindStringSubmatch(worker)
			if list == nil {
				t.Fatalf("no resourcesToCache in the worker")
			}
			cached := strings.Split(strings.ReplaceAll(list[1], `"`, ""), ",")
			for _, want := range []string{base, base + assets + "web/app.wasm", base + assets + "app.js", base + assets + "wasm_exec.js", base + assets + "web/icon.svg"} {
				if !slices.Contains(cached, want) {
					t.Errorf("the worker does not cache %s: %v", want, cached)
				}
			}
			appJS := string(files[assets+"app.js"])
			for _, want := range []string{`"GOAPP_ROOT_PREFIX":"` + base + `"`, `"GOAPP_STATIC_RESOURCES_URL":"` + base + assets + `web"`,
				`"GOAPP_VERSION":"` + v + `"`, `"` + base + `app-worker.js"`, `fetchWithProgress("` + base + assets + `web/app.wasm"`} {
				if !strings.Contains(appJS, want) {
					t.Errorf("app.js lacks %s", want)
				}
			}

			// Precompressed variants: every text asset and app.wasm, none for PNGs.
			for name, b := range files {
				if strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") || name == Marker {
					continue
				}
				br, hasBr := files[name+".br"]
				gz, hasGz := files[name+".gz"]
				if want := compressible(name); hasBr != want || hasGz != want {
					t.Errorf("%s: .br %v .gz %v, want %v", name, hasBr, hasGz, want)
					continue
				}
				if !hasBr {
					continue
				}
				checkGzip(t, name, gz, b)
				if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, b) {
					t.Errorf("%s.br does not decompress to %s (%v)", name, name, err)
				}
				if len(br) > len(gz) && len(b) > 1024 {
					t.Errorf("%s: brotli %d bytes > gzip %d bytes: not quality 11?", name, len(br), len(gz))
				}
			}
		})
	}
}

// checkGzip verifies a .gz decompresses to want and has an empty header:
// no FNAME/FCOMMENT/FEXTRA flags and MTIME 0 (RFC 1952 §2.3).
func checkGzip(t *testing.T, name string, gz, want []byte) {
	t.Helper()
	if len(gz) < 10 || gz[0] != 0x1f || gz[1] != 0x8b {
		t.Errorf("%s.gz is not gzip", name)
		return
	}
	if flg, mtime := gz[3], gz[4:8]; flg != 0 || !bytes.Equal(mtime, []byte{0, 0, 0, 0}) {
		t.Errorf("%s.gz header: FLG %#x MTIME % x, want 0 and 00 00 00 00", name, flg, mtime)
	}
	if gz[8] != 2 {
		t.Errorf("%s.gz XFL = %d, want 2 (best compression)", name, gz[8])
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Errorf("%s.gz: %v", name, err)
		return
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s.gz does not decompress to %s (%v)", name, name, err)
	}
}

// TestBuildServes serves a build with package server and fetches every URL
// the page, its script and the worker name: all must answer 200 under the
// base, with the right caching.
func TestBuildServes(t *testing.T) {
	web := testWeb(t)
	for _, base := range []string{"/", "/tools/authdebug/"} {
		t.Run(base, func(t *testing.T) {
			out, v := build(t, web, base)
			fsys := os.DirFS(out)
			info, err := ReadInfo(fsys)
			if err != nil || info.Base != base || info.Version != v {
				t.Fatalf("ReadInfo = %+v, %v", info, err)
			}
			srv, err := server.New(server.Options{Site: fsys, Base: info.Base})
			if err != nil {
				t.Fatal(err)
			}
			if w := srv.Warnings(); len(w) > 0 {
				t.Errorf("warnings: %v", w)
			}
			files := readTree(t, out)
			urls := map[string]bool{base: true}
			re := regexp.MustCompile(`(?:href|src)="(/[^"]*)"|"(/[^"]*\.[a-z]+|` + regexp.QuoteMeta(base) + `)"`)
			for _, name := range []string{"index.html", "404.html", "app-worker.js", "manifest.webmanifest", "v/" + v + "/app.js"} {
				for _, m := range re.FindAllStringSubmatch(string(files[name]), -1) {
					u := m[1] + m[2]
					if u != "/" || base == "/" {
						urls[u] = true
					}
				}
			}
			if len(urls) < 10 {
				t.Fatalf("found only %d URLs: %v", len(urls), urls)
			}
			for u := range urls {
				req := httptest.NewRequest("GET", u, nil)
				req.Header.Set("Accept-Encoding", "br, gzip")
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					t.Errorf("GET %s: %d", u, rec.Code)
					continue
				}
				wantCache := server.CacheRevalidate
				if strings.HasPrefix(u, base+"v/"+v+"/") {
					wantCache = server.CacheImmutable
				}
				if got := rec.Header().Get("Cache-Control"); got != wantCache {
					t.Errorf("GET %s: Cache-Control %q, want %q", u, got, wantCache)
				}
			}
		})
	}
}

func TestVersionFollowsInputs(t *testing.T) {
	web := testWeb(t)
	_, v1 := build(t, web, "/")
	_, v2 := build(t, web, "/tools/")
	if err := os.WriteFile(filepath.Join(web, "authdebug.css"), []byte("body { margin: 1px }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, v3 := build(t, web, "/")
	if v1 == v2 || v1 == v3 || v2 == v3 {
		t.Errorf("versions %s (root), %s (sub-path), %s (CSS changed) should all differ", v1, v2, v3)
	}
}

func TestBuildErrors(t *testing.T) {
	web := testWeb(t)
	noWasm := t.TempDir()
	foreign := t.TempDir()
	os.WriteFile(filepath.Join(foreign, "precious.txt"), []byte("keep me"), 0o644)
	tests := []struct {
		name string
		o    Options
		want error
	}{
		{"no app.wasm", Options{Out: t.TempDir(), Web: noWasm}, ErrNoWasm},
		{"no web dir", Options{Out: t.TempDir(), Web: filepath.Join(noWasm, "absent")}, ErrNoWasm},
		{"base without slash", Options{Out: t.TempDir(), Web: web, Base: "/tools"}, ErrBadBase},
		{"base with dot-dot", Options{Out: t.TempDir(), Web: web, Base: "/../"}, ErrBadBase},
		{"base with a quote", Options{Out: t.TempDir(), Web: web, Base: `/a"b/`}, ErrBadBase},
		{"foreign output dir", Options{Out: foreign, Web: web}, ErrNotSiteDir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Build(tt.o); !errors.Is(err, tt.want) {
				t.Errorf("Build: %v, want %v", err, tt.want)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "precious.txt")); err != nil || string(b) != "keep me" {
		t.Errorf("Build touched a foreign directory: %q %v", b, err)
	}
}

func TestRebuildKeepsPlaceholder(t *testing.T) {
	web := testWeb(t)
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "README.md"), []byte("placeholder"), 0o644)
	for range 2 { // the second build clears the first (marker present)
		if _, err := Build(Options{Out: out, Web: web}); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "README.md")); string(b) != "placeholder" {
		t.Errorf("README.md placeholder lost")
	}
	dirs, _ := os.ReadDir(filepath.Join(out, "v"))
	if len(dirs) != 1 {
		t.Errorf("%d version directories after two builds, want 1", len(dirs))
	}
}

func TestReadInfo(t *testing.T) {
	tests := []struct {
		name, marker string
		want         Info
		err          error
	}{
		{"current", "version=abc\nbase=/tools/\n", Info{"abc", "/tools/"}, nil},
		{"first format", "c4f6c54e9afd505f6bbe\n", Info{"c4f6c54e9afd505f6bbe", "/"}, nil},
		{"bad base", "version=abc\nbase=/../\n", Info{}, ErrBadBase},
		{"unknown keys", "version=abc\nfuture=1\n", Info{"abc", "/"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadInfo(fstest.MapFS{Marker: {Data: []byte(tt.marker)}})
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("ReadInfo = %+v, %v; want %+v, %v", got, err, tt.want, tt.err)
			}
		})
	}
	if _, err := ReadInfo(fstest.MapFS{}); !errors.Is(err, ErrNoMarker) {
		t.Errorf("no marker: %v", err)
	}
}

func FuzzReadInfo(f *testing.F) {
	for _, s := range []string{"version=abc\nbase=/\n", "abc", "", "base=", "=\n=\n", "version=\x00\nbase=/a/\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, marker string) {
		info, err := ReadInfo(fstest.MapFS{Marker: {Data: []byte(marker)}})
		if err == nil && !server.ValidBase(info.Base) {
			t.Fatalf("accepted base %q", info.Base)
		}
		if len(info.Version) > len(marker) {
			t.Fatalf("version longer than the marker")
		}
	})
}

func TestResolver(t *testing.T) {
	r := ui.Resolver("V", "/b/")
	for in, want := range map[string]string{
		"/":                        "/b/",
		"":                         "/b/",
		"/web":                     "/b/v/V/web",
		"/web/app.wasm":            "/b/v/V/web/app.wasm",
		"web/icon.svg":             "/b/v/V/web/icon.svg",
		"/app.js":                  "/b/v/V/app.js",
		"/app.css":                 "/b/v/V/app.css",
		"/wasm_exec.js":            "/b/v/V/wasm_exec.js",
		"/app-worker.js":           "/b/app-worker.js",
		"/manifest.webmanifest":    "/b/manifest.webmanifest",
		"/about":                   "/b/about",
		"https://issuer.test/jwks": "https://issuer.test/jwks",
		"data:image/png;base64,AA": "data:image/png;base64,AA",
		"relative.css":             "relative.css",
	} {
		if got := r.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
	if got := ui.Resolver("V", "/").Resolve("/web/x"); got != "/v/V/web/x" {
		t.Errorf("root resolver: %q", got)
	}
}

func TestAssetDirAgrees(t *testing.T) {
	if ui.AssetDir != server.AssetDir {
		t.Errorf("app.AssetDir %q != server.AssetDir %q", ui.AssetDir, server.AssetDir)
	}
}

func TestBrotliWindow(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 1 << 16, 300 << 10} {
		b := bytes.Repeat([]byte("authdebug "), n/10+1)[:n]
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(Brotli(b))))
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("Brotli round trip of %d bytes: %v", n, err)
		}
	}
}
