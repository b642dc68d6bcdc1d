package deploy_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/authdebug/authdebug/internal/site"
	"github.com/authdebug/authdebug/server"
	"github.com/authdebug/authdebug/server/deploy"
)

// TestHeadersFile keeps _headers in step with the server's policy.
func TestHeadersFile(t *testing.T) {
	rules := map[string]map[string]string{}
	var cur string
	sc := bufio.NewScanner(strings.NewReader(deploy.Headers()))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		case !strings.HasPrefix(line, " "):
			cur = line
			rules[cur] = map[string]string{}
		default:
			k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || cur == "" {
				t.Fatalf("bad line %q", line)
			}
			rules[cur][k] = v
		}
	}
	all := rules["/*"]
	for _, kv := range server.SecurityHeaders {
		if all[kv.Name] != kv.Value {
			t.Errorf("_headers /*: %s = %q, want %q", kv.Name, all[kv.Name], kv.Value)
		}
	}
	if _, ok := all["Cache-Control"]; ok {
		t.Errorf("_headers /* sets Cache-Control: it would be joined with the per-path values")
	}
	if got := rules["/"+server.AssetDir+"/*"]["Cache-Control"]; got != server.CacheImmutable {
		t.Errorf("_headers versioned assets: Cache-Control %q", got)
	}
	for _, p := range []string{"/", "/index.html", "/app-worker.js", "/manifest.webmanifest", "/404.html"} {
		if got := rules[p]["Cache-Control"]; got != server.CacheRevalidate {
			t.Errorf("_headers %s: Cache-Control %q, want %q", p, got, server.CacheRevalidate)
		}
	}
}

// TestNginxConfText keeps nginx.conf's headers and types in step with the
// server (the live comparison below needs nginx installed; this does not).
func TestNginxConfText(t *testing.T) {
	conf := deploy.NginxConf()
	for _, kv := range server.SecurityHeaders {
		want := fmt.Sprintf("add_header %s %q always;", kv.Name, kv.Value)
		if !strings.Contains(conf, want) {
			t.Errorf("nginx.conf lacks %s", want)
		}
	}
	typeRE := regexp.MustCompile(`(?m)^\s+([a-z]+/[a-z0-9.+-]+)\s+([a-z0-9 ]+);$`)
	n := 0
	for _, m := range typeRE.FindAllStringSubmatch(conf, -1) {
		for _, ext := range strings.Fields(m[2]) {
			n++
			want := server.ContentType("x." + ext)
			got := m[1]
			if strings.HasPrefix(got, "text/") {
				got += "; charset=utf-8"
			}
			if got != want {
				t.Errorf("nginx.conf types: .%s is %s, authdebug serve sends %s", ext, got, want)
			}
		}
	}
	if n < 15 {
		t.Errorf("found only %d types in nginx.conf", n)
	}
	if !strings.Contains(conf, `"~/`+server.AssetDir+`/[0-9a-f]{20}/" "`+server.CacheImmutable+`"`) {
		t.Errorf("nginx.conf does not mark %s/<version>/ immutable", server.AssetDir)
	}
	if _, err := deploy.NginxConfig(deploy.NginxParams{Listen: "x", Root: "r", Pid: "p", ErrorLog: "e"}); err != nil {
		t.Errorf("NginxConfig: %v", err)
	}
}

// webDir writes a small web/ directory for site.Build.
func webDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"authdebug.css": "body { margin: 0 }\n" + strings.Repeat("/* style */\n", 50),
		"icon.svg":      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`,
		"icon-192.png":  "\x89PNG\r\n\x1a\n192",
		"icon-512.png":  "\x89PNG\r\n\x1a\n512",
		"app.wasm":      "\x00asm\x01\x00\x00\x00" + strings.Repeat("\x00\x01runtime.wasm", 4000),
	}
	// The repository's hand-written assets (the page's handler names them).
	if entries, err := os.ReadDir(filepath.Join("..", "..", "web")); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), "app.wasm") && !strings.HasPrefix(e.Name(), ".") {
				if b, err := os.ReadFile(filepath.Join("..", "..", "web", e.Name())); err == nil {
					files[e.Name()] = string(b)
				}
			}
		}
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func nginxPath() string {
	p, _ := deploy.FindNginx()
	return p
}

// startNginx runs nginx with the shipped configuration serving root.
func startNginx(t *testing.T, root, base string) string {
	t.Helper()
	n, err := deploy.StartNginx(root, base, t.TempDir(), true)
	if errors.Is(err, deploy.ErrNoNginx) {
		t.Skip("nginx is not installed (Debian package nginx; make test installs it)")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Stop)
	// The shipped configuration loads without a warning.
	elog, _ := os.ReadFile(filepath.Join(n.Prefix, "error.log"))
	if out := n.Output() + string(elog); strings.Contains(out, "[warn]") || strings.Contains(out, "[emerg]") {
		t.Errorf("nginx warns about nginx.conf:\n%s", out)
	}
	return n.URL
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func get(t *testing.T, method, url string, hdr ...string) reply {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	tr := &http.Transport{DisableCompression: true}
	res, err := (&http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return reply{res.StatusCode, res.Header, b}
}

func decoded(t *testing.T, r reply) []byte {
	t.Helper()
	switch r.header.Get("Content-Encoding") {
	case "":
		return r.body
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return b
	case "br":
		b, err := io.ReadAll(brotli.NewReader(bytes.NewReader(r.body)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatalf("Content-Encoding %q", r.header.Get("Content-Encoding"))
	return nil
}

// TestNginxMatchesServe builds a site, serves it with nginx (the shipped
// nginx.conf) and with package server, and compares what each sends.
func TestNginxMatchesServe(t *testing.T) {
	if nginxPath() == "" {
		t.Skip("nginx is not installed (Debian package nginx; make test installs it)")
	}
	web := webDir(t)
	for _, base := range []string{"/", "/tools/authdebug/"} {
		t.Run(base, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, filepath.FromSlash(base))
			v, err := site.Build(site.Options{Out: out, Web: web, Base: base})
			if err != nil {
				t.Fatal(err)
			}
			ngx := startNginx(t, root, base)
			srv, err := server.New(server.Options{Site: os.DirFS(out), Base: base})
			if err != nil {
				t.Fatal(err)
			}
			ours := httptest.NewServer(srv)
			defer ours.Close()

			assets := base + "v/" + v + "/"
			const all = "gzip, deflate, br, zstd"
			tests := []struct {
				method, path, ae string
				status           int
				file             string // what the decoded body must be
				enc              string
			}{
				{"GET", base, all, 200, "index.html", "br"},
				{"GET", base, "gzip", 200, "index.html", "gzip"},
				{"GET", base, "", 200, "index.html", ""},
				{"GET", base, "br;q=0, gzip", 200, "index.html", "gzip"},
				{"GET", base + "index.html", "br", 200, "index.html", "br"},
				{"GET", base + "app-worker.js", all, 200, "app-worker.js", "br"},
				{"GET", base + "manifest.webmanifest", all, 200, "manifest.webmanifest", "br"},
				{"GET", base + "404.html", "gzip", 200, "404.html", "gzip"},
				{"GET", assets + "app.js", all, 200, "v/" + v + "/app.js", "br"},
				{"GET", assets + "wasm_exec.js", "gzip", 200, "v/" + v + "/wasm_exec.js", "gzip"},
				{"GET", assets + "app.css", "", 200, "v/" + v + "/app.css", ""},
				{"GET", assets + "web/app.wasm", all, 200, "v/" + v + "/web/app.wasm", "br"},
				{"GET", assets + "web/app.wasm", "gzip", 200, "v/" + v + "/web/app.wasm", "gzip"},
				{"GET", assets + "web/app.wasm", "", 200, "v/" + v + "/web/app.wasm", ""},
				{"HEAD", assets + "web/app.wasm", all, 200, "", "br"},
				{"GET", assets + "web/icon.svg", all, 200, "v/" + v + "/web/icon.svg", "br"},
				{"GET", assets + "web/icon-192.png", all, 200, "v/" + v + "/web/icon-192.png", ""},
				{"GET", assets + "web/authdebug.css", "gzip", 200, "v/" + v + "/web/authdebug.css", "gzip"},
				{"GET", base + "nope.js", all, 404, "404.html", ""},
				{"GET", base + ".authdebug-site", "", 404, "", ""},
				{"GET", base + "index.html.br", "br", 404, "", ""},
				{"GET", assets + "web/app.wasm.gz", "", 404, "", ""},
				{"GET", assets + "web/", "", 404, "", ""},
				{"POST", base, "", 405, "", ""},
				{"DELETE", assets + "app.js", "", 405, "", ""},
			}
			for _, tt := range tests {
				t.Run(tt.method+" "+tt.path+" "+tt.ae, func(t *testing.T) {
					var got [2]reply
					for i, u := range []string{ngx, ours.URL} {
						r := get(t, tt.method, u+tt.path, "Accept-Encoding", tt.ae)
						got[i] = r
						who := []string{"nginx", "authdebug serve"}[i]
						if r.status != tt.status {
							t.Fatalf("%s: status %d, want %d", who, r.status, tt.status)
						}
						for _, kv := range server.SecurityHeaders {
							if g := r.header.Values(kv.Name); len(g) != 1 || g[0] != kv.Value {
								t.Errorf("%s: %s = %q", who, kv.Name, g)
							}
						}
						if tt.status == 405 && r.header.Get("Allow") != "GET, HEAD" {
							t.Errorf("%s: Allow = %q", who, r.header.Get("Allow"))
						}
						if tt.status != 200 && tt.status != 404 {
							continue
						}
						wantCache := server.CacheRevalidate
						if tt.status == 200 && strings.HasPrefix(tt.path, assets) {
							wantCache = server.CacheImmutable
						}
						if g := r.header.Values("Cache-Control"); len(g) != 1 || g[0] != wantCache {
							t.Errorf("%s: Cache-Control %q, want %q", who, g, wantCache)
						}
						if tt.status != 200 {
							if tt.file != "" && !bytes.Equal(decoded(t, r), mustRead(t, filepath.Join(out, tt.file))) {
								t.Errorf("%s: the 404 body is not 404.html", who)
							}
							continue
						}
						if g := r.header.Get("Content-Encoding"); g != tt.enc {
							t.Errorf("%s: Content-Encoding %q, want %q", who, g, tt.enc)
						}
						wantCT := server.ContentType(tt.path)
						if strings.HasSuffix(tt.path, "/") {
							wantCT = server.ContentType("index.html")
						}
						if g := r.header.Get("Content-Type"); g != wantCT {
							t.Errorf("%s: Content-Type %q, want %q", who, g, wantCT)
						}
						vary := strings.Contains(r.header.Get("Vary"), "Accept-Encoding")
						if wantVary := !strings.HasSuffix(tt.path, ".png"); vary != wantVary {
							t.Errorf("%s: Vary %q, want Accept-Encoding: %v", who, r.header.Values("Vary"), wantVary)
						}
						et := r.header.Get("ETag")
						if !strings.HasPrefix(et, `"`) || !strings.HasSuffix(et, `"`) {
							t.Errorf("%s: ETag %q is not a quoted strong tag", who, et)
						}
						if cl := r.header.Get("Content-Length"); tt.method == "GET" && cl != fmt.Sprint(len(r.body)) {
							t.Errorf("%s: Content-Length %s for %d bytes", who, cl, len(r.body))
						}
						if tt.method == "GET" && !bytes.Equal(decoded(t, r), mustRead(t, filepath.Join(out, tt.file))) {
							t.Errorf("%s: decoded body is not %s", who, tt.file)
						}
						// The 304 flow with the tag just received.
						nm := get(t, tt.method, []string{ngx, ours.URL}[i]+tt.path, "Accept-Encoding", tt.ae, "If-None-Match", et)
						if nm.status != 304 || len(nm.body) != 0 {
							t.Errorf("%s: If-None-Match %s: %d with %d bytes, want 304", who, et, nm.status, len(nm.body))
						}
						if g := nm.header.Get("Content-Security-Policy"); g != server.ContentSecurityPolicy {
							t.Errorf("%s: 304 without the CSP", who)
						}
					}
					if tt.status == 200 && tt.method == "HEAD" && got[0].header.Get("Content-Length") != got[1].header.Get("Content-Length") {
						t.Errorf("HEAD Content-Length: nginx %s, authdebug serve %s", got[0].header.Get("Content-Length"), got[1].header.Get("Content-Length"))
					}
				})
			}
			// Traversal: nginx normalises or refuses; neither serves outside root.
			for _, p := range []string{"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/v/..%2f..%2f..%2fetc/passwd", `/..\..\etc\passwd`, "/index.html%00.png"} {
				for i, u := range []string{ngx, ours.URL} {
					r := rawGet(t, u, p)
					if r != 400 && r != 404 {
						t.Errorf("%s GET %s: %d, want 400 or 404", []string{"nginx", "authdebug serve"}[i], p, r)
					}
				}
			}
		})
	}
}

// rawGet sends a request line as written (no client-side cleaning).
func rawGet(t *testing.T, base, path string) int {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", path)
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	res.Body.Close()
	return res.StatusCode
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// StartNginx takes a root relative to the caller's directory (as `make
// bench-server` passes static/site); nginx itself would resolve it against
// its prefix and answer 404 for everything.
func TestStartNginxRelativeRoot(t *testing.T) {
	if nginxPath() == "" {
		t.Skip("nginx is not installed (Debian package nginx; make test installs it)")
	}
	root := t.TempDir()
	out := filepath.Join(root, "site")
	if _, err := site.Build(site.Options{Out: out, Web: webDir(t), Base: "/"}); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root) // after webDir, which is found relative to the package
	url := startNginx(t, "site", "/")
	if r := get(t, "GET", url+"/", "Accept-Encoding", "br"); r.status != 200 {
		t.Errorf("GET / with the relative root \"site\": %d", r.status)
	}
}
