//go:build !js

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/authdebug/authdebug/internal/bench"
	"github.com/authdebug/authdebug/tools/wasmfile"
)

// budget is the brotli size budget of app.wasm (`make size-check`).
const budget = 1_900_000

// frameMs is one frame at 60 Hz.
const frameMs = 1000.0 / 60

type options struct {
	bin, wasm, out, cache, chromium string
	site                            string
	runs, uiRuns, latencyRuns       int
	batchLines, batchDistinct       int
	batchRuns                       int
	skipBrowser, skipBatch          bool
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "bin/authdebug", "the authdebug `binary` (with the site embedded: make build)")
	flag.StringVar(&o.wasm, "wasm", "web/app.wasm", "the app.wasm `file` to size")
	flag.StringVar(&o.site, "site", "", "serve this built site `dir` (authdebug serve --dir) instead of the one embedded in -bin, e.g. to compare a variant of app.wasm")
	flag.StringVar(&o.out, "out", "artifacts/bench.md", "also write the table to `file` (empty: do not)")
	flag.StringVar(&o.cache, "cache", ".cache", "git-ignored `dir` for npm packages")
	flag.StringVar(&o.chromium, "chromium", envOr("CHROMIUM", "/usr/bin/chromium"), "Chromium `path`")
	flag.IntVar(&o.runs, "runs", 5, "page visits (cold + warm) per measured page")
	flag.IntVar(&o.uiRuns, "ui-runs", 5, "HAR pastes through the UI")
	flag.IntVar(&o.latencyRuns, "latency-runs", 50, "window.authdebug.inspect calls per fixture")
	flag.IntVar(&o.batchLines, "batch-lines", 100_000, "tokens in the --batch input")
	flag.IntVar(&o.batchDistinct, "batch-distinct", 1000, "distinct signed tokens among them (signing is slow)")
	flag.IntVar(&o.batchRuns, "batch-runs", 3, "runs of each --batch measurement")
	flag.BoolVar(&o.skipBrowser, "skip-browser", false, "skip everything that needs Chromium")
	flag.BoolVar(&o.skipBatch, "skip-batch", false, "skip the CLI --batch throughput")
	flag.Parse()

	r := &runner{o: o, t: &Table{Title: "authdebug performance (`make bench`)"}}
	status := r.run()
	md := r.t.Markdown()
	fmt.Print("\n" + md)
	if o.out != "" {
		err := os.MkdirAll(filepath.Dir(o.out), 0o755)
		if err == nil {
			err = os.WriteFile(o.out, []byte(md), 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			status = 2
		} else {
			fmt.Fprintf(os.Stderr, "bench: wrote %s\n", o.out)
		}
	}
	os.Exit(status)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

type runner struct {
	o      options
	t      *Table
	tmp    string
	failed bool

	helloWasm string
	appURL    string
	auxURL    string
	joseVer   string
	joseDir   string

	inPage map[string]inspectResult
	jose   joseResult
	ui     []uiResult
	native map[string]Dist
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// fail records a measurement that could not be made: the table says n/a
// and the notes say why; the exit status is 1.
func (r *runner) fail(what string, err error) {
	r.failed = true
	r.logf("%s: %v", what, err)
	r.t.Note("**Not measured — %s:** %s", what, strings.TrimSpace(err.Error()))
}

func (r *runner) run() int {
	tmp, err := os.MkdirTemp("", "authdebug-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	defer os.RemoveAll(tmp)
	r.tmp = tmp
	r.env()
	r.t.Env = append(r.t.Env, "Ratios are authdebug ÷ baseline (above 1× = bigger or slower). Timings are medians unless marked p50 / p95.")

	var phases []string
	phase := func(name string, f func()) {
		t0 := time.Now()
		f()
		phases = append(phases, fmt.Sprintf("%s %s", name, time.Since(t0).Round(time.Second)))
	}
	phase("sizes", r.sizes)
	if !r.o.skipBrowser {
		stop, err := r.servers()
		if err != nil {
			r.fail("browser measurements", err)
		} else {
			phase("page loads", r.pageLoads)
			phase("in-page timings", r.inPageTimings)
			stop()
		}
	}
	phase("native", r.nativeTimings)
	r.latencyRows()
	if !r.o.skipBatch {
		phase("CLI batch", r.batch)
	}
	r.notes()
	r.t.Note("Time taken by the phases of this run: %s.", strings.Join(phases, ", "))
	if r.failed {
		return 1
	}
	return 0
}

// env describes what was measured on what.
func (r *runner) env() {
	var parts []string
	if c, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		s := "commit " + strings.TrimSpace(string(c))
		if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(strings.TrimSpace(string(st))) > 0 {
			s += " + uncommitted changes"
		}
		parts = append(parts, s)
	}
	parts = append(parts, runtime.Version())
	if !r.o.skipBrowser {
		if v, err := exec.Command(r.o.chromium, "--version").Output(); err == nil {
			parts = append(parts, strings.TrimSpace(string(v)))
		}
	}
	parts = append(parts, fmt.Sprintf("%s, %d CPUs", cpuModel(), runtime.NumCPU()))
	if l, err := os.ReadFile("/proc/loadavg"); err == nil {
		f := strings.Fields(string(l))
		if len(f) >= 3 {
			parts = append(parts, "load average at start "+strings.Join(f[:3], " "))
		}
	}
	r.t.Env = append(r.t.Env, strings.Join(parts, " · "))
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// sizes: app.wasm against the hello-world floor and the budget.
func (r *runner) sizes() {
	r.t.Section("app.wasm size (deterministic) vs Go hello-world wasm")
	r.logf("building the hello-world wasm and compressing both (brotli -q 11 takes a while)")
	hello, err := buildHello(r.tmp)
	if err != nil {
		r.fail("sizes", err)
		return
	}
	r.helloWasm = hello
	app, err := os.ReadFile(r.o.wasm)
	if err != nil {
		r.fail("sizes", fmt.Errorf("%v (run make wasm)", err))
		return
	}
	hb, err := os.ReadFile(hello)
	if err != nil {
		r.fail("sizes", err)
		return
	}
	agz, abr := wasmfile.CachedSizes(app, filepath.Join(r.o.cache, "wasmsize"))
	hgz, hbr := wasmfile.CachedSizes(hb, filepath.Join(r.o.cache, "wasmsize"))
	for _, s := range []struct {
		name string
		a, h int
	}{{"raw", len(app), len(hb)}, {"gzip -9", agz, hgz}, {"brotli -q 11", abr, hbr}} {
		r.t.Add(s.name, fmtBytes(s.a), fmtBytes(s.h), ratio(float64(s.a), float64(s.h)))
	}
	verdict := "within budget"
	if abr > budget {
		verdict = "OVER BUDGET (make size-check fails)"
	}
	r.t.Add("brotli against the size budget (make size-check)", fmtBytes(abr), "budget "+fmtBytes(budget),
		fmt.Sprintf("%s, %s", ratio(float64(abr), budget), verdict))
	r.t.Add("brotli above the hello-world floor", fmtBytes(abr-hbr), "", "")
}

// servers starts `authdebug serve` (the app, as users get it) and a
// loopback server for the hello page and the jose page; stop ends both.
func (r *runner) servers() (stop func(), err error) {
	if _, err := os.Stat(r.o.chromium); err != nil {
		return nil, fmt.Errorf("chromium not found at %s (apt-get install chromium, or -chromium PATH)", r.o.chromium)
	}
	bin, err := filepath.Abs(r.o.bin)
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--addr", "127.0.0.1:0"}
	if r.o.site != "" {
		args = append(args, "--dir", r.o.site)
	}
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%v (run make build)", err)
	}
	urlc := make(chan string, 1)
	serving := regexp.MustCompile(`serving on (http://\S+)`)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() { // keep draining: the server logs every request
			if m := serving.FindStringSubmatch(sc.Text()); m != nil && !sent {
				urlc <- m[1]
				sent = true
			}
		}
	}()
	stopApp := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
	}
	select {
	case u := <-urlc:
		r.appURL = strings.TrimSuffix(u, "/") + "/"
	case <-time.After(20 * time.Second):
		stopApp()
		return nil, errors.New("authdebug serve did not report its address")
	}

	mux := http.NewServeMux()
	goroot, _ := goOutput("env", "GOROOT")
	mux.HandleFunc("/hello/", func(w http.ResponseWriter, q *http.Request) {
		switch q.URL.Path {
		case "/hello/", "/hello/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(helloPage))
		case "/hello/wasm_exec.js":
			http.ServeFile(w, q, filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
		case "/hello/hello.wasm":
			http.ServeFile(w, q, r.helloWasm)
		default:
			http.NotFound(w, q)
		}
	})
	if dir, ver, err := r.installJose(); err != nil {
		r.fail("jose peer", err)
	} else {
		r.joseDir, r.joseVer = dir, ver
		mux.HandleFunc("/peer/", func(w http.ResponseWriter, q *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(peerPage))
		})
		mux.Handle("/peer/jose/", http.StripPrefix("/peer/jose/", http.FileServer(http.Dir(dir))))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		stopApp()
		return nil, err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	r.auxURL = "http://" + ln.Addr().String()
	r.logf("app on %s, hello and jose pages on %s", r.appURL, r.auxURL)
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		stopApp()
	}, nil
}

// installJose installs the npm package jose (major version 6) into the cache
// directory once, and returns its browser build's directory and version.
func (r *runner) installJose() (dir, version string, err error) {
	prefix, err := filepath.Abs(filepath.Join(r.o.cache, "npm"))
	if err != nil {
		return "", "", err
	}
	pkg := filepath.Join(prefix, "node_modules", "jose")
	if _, err := os.Stat(filepath.Join(pkg, "package.json")); err != nil {
		r.logf("installing jose@6 into %s", prefix)
		cmd := exec.Command("npm", "install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", "--loglevel=error", "jose@6")
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", "", fmt.Errorf("npm install jose@6: %v\n%s", err, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err != nil {
		return "", "", err
	}
	var meta struct{ Version string }
	if err := json.Unmarshal(b, &meta); err != nil {
		return "", "", err
	}
	for _, d := range []string{"dist/webapi", "dist/browser"} { // jose 6, jose 5
		if _, err := os.Stat(filepath.Join(pkg, d, "index.js")); err == nil {
			return filepath.Join(pkg, d), meta.Version, nil
		}
	}
	return "", "", fmt.Errorf("jose %s has no dist/webapi or dist/browser build", meta.Version)
}

// pageLoads: time to interactive, cold and warm, of the app and of the
// hello page, alternating, each visit pair in a fresh browser.
func (r *runner) pageLoads() {
	r.t.Section(fmt.Sprintf("Time to interactive, headless Chromium, loopback (median of %d) vs a page running the hello-world wasm", r.o.runs))
	token := bench.BareToken().Text
	probe := fmt.Sprintf(appProbe, jsValue(token), pageTimeout.Milliseconds())
	var appCold, appWarm, appReadyCold, appReadyWarm, appWasmCold, appWasmWarm, helloCold, helloWarm []float64
	var appErr, helloErr error
	for i := range r.o.runs {
		r.logf("page loads %d/%d", i+1, r.o.runs)
		if appErr == nil {
			c, w, err := measureVisits(r.o.chromium, r.appURL, probe)
			if err != nil {
				appErr = err
			} else {
				appCold, appWarm = append(appCold, c.Done), append(appWarm, w.Done)
				appReadyCold, appReadyWarm = append(appReadyCold, c.Ready), append(appReadyWarm, w.Ready)
				appWasmCold, appWasmWarm = append(appWasmCold, c.Wasm), append(appWasmWarm, w.Wasm)
			}
		}
		if helloErr == nil {
			c, w, err := measureVisits(r.o.chromium, r.auxURL+"/hello/", "")
			if err != nil {
				helloErr = err
			} else {
				helloCold, helloWarm = append(helloCold, c.Done), append(helloWarm, w.Done)
			}
		}
	}
	if appErr != nil {
		r.fail("time to interactive of the app", appErr)
	}
	if helloErr != nil {
		r.fail("time to interactive of the hello page", helloErr)
	}
	med := func(xs []float64) float64 {
		if len(xs) == 0 {
			return math.NaN()
		}
		return Median(xs)
	}
	for _, v := range []struct {
		name              string
		done, ready, wasm []float64
		base              []float64
		baseTemplate      string
	}{
		{"cold: navigation → first Report of a pasted token painted (fresh profile)", appCold, appReadyCold, appWasmCold, helloCold, "hello page, cold: %s"},
		{"warm: the same, second visit (worker and caches filled)", appWarm, appReadyWarm, appWasmWarm, helloWarm, "hello page, warm: %s"},
	} {
		val := fmtMs(med(v.done))
		if len(v.ready) > 0 {
			val += fmt.Sprintf(" (app.wasm loaded at %s, app ready at %s)", fmtMs(med(v.wasm)), fmtMs(med(v.ready)))
		}
		r.t.Add(v.name, val, fmt.Sprintf(v.baseTemplate, fmtMs(med(v.base))), ratio(med(v.done), med(v.base)))
	}
}

// inPageTimings: window.authdebug.inspect on the fixtures, jose on the
// token, and the HAR pasted through the UI, in one browser.
func (r *runner) inPageTimings() {
	b, err := launch(r.o.chromium)
	if err != nil {
		r.fail("in-page timings", err)
		return
	}
	defer b.close()
	ctx := b.ctx
	if err := navigate(ctx, pageTimeout, r.appURL); err != nil {
		r.fail("in-page timings", err)
		return
	}
	if ok, err := await[bool](ctx, pageTimeout+5*time.Second, waitApp); err != nil || !ok {
		r.fail("in-page timings", fmt.Errorf("the app did not become ready with window.authdebug.inspect (%v)", err))
		return
	}
	var fx []fixtureJS
	for _, f := range bench.Fixtures() {
		fx = append(fx, fixtureJS{Name: f.Name, Text: f.Text, Opts: f.Config})
	}
	r.logf("in-page: window.authdebug.inspect × %d per fixture", r.o.latencyRuns)
	res, err := await[map[string]inspectResult](ctx, 10*time.Minute,
		fmt.Sprintf(inspectLoop, jsValue(fx), r.o.latencyRuns, 10, 10, 30_000))
	if err != nil {
		r.fail("window.authdebug.inspect latency", err)
	} else {
		r.inPage = res
	}

	if r.joseDir != "" {
		r.logf("in-page: jose × %d", r.o.latencyRuns)
		var jr joseResult
		tab, cancel, err := b.tab()
		if err == nil {
			err = navigate(tab, pageTimeout, r.auxURL+"/peer/")
			if err == nil {
				_, err = await[bool](tab, 30*time.Second, `(async () => { for (let i = 0; i < 1500 && !window.__joseReady; i++) await new Promise(r => setTimeout(r, 20)); return !!window.__joseReady; })()`)
			}
			if err == nil {
				tok := bench.BareToken()
				jr, err = await[joseResult](tab, 5*time.Minute, fmt.Sprintf(joseLoop, jsValue(tok.Text), tok.Config.Key, bench.Now.Unix(), r.o.latencyRuns, 5))
			}
			cancel() // close the tab: the app's tab must be the visible one again
		}
		if err == nil && jr.Sub != "user-1" {
			err = fmt.Errorf("jose verified the token but read sub %q", jr.Sub)
		}
		if err != nil {
			r.fail("jose peer", err)
		} else {
			r.jose = jr
		}
	}

	// Animation frames only run in the visible tab.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.BringToFront, cdp.Empty{})
		return err
	})); err != nil {
		r.fail("HAR pasted through the UI", err)
		return
	}
	r.logf("in-page: HAR pasted through the UI × %d", r.o.uiRuns)
	har := bench.HARFixture(200).Text
	for range r.o.uiRuns {
		err := navigate(ctx, pageTimeout, r.appURL)
		if err == nil {
			var ok bool
			if ok, err = await[bool](ctx, pageTimeout+5*time.Second, waitApp); err == nil && !ok {
				err = errors.New("the app did not become ready")
			}
		}
		var u uiResult
		if err == nil {
			u, err = await[uiResult](ctx, 2*time.Minute, fmt.Sprintf(uiPaste, jsValue(har), 60_000))
		}
		if err == nil && u.Render < 0 {
			err = errors.New("no new #verdict rendered within 60 s of pasting the HAR into #paste")
		}
		if err != nil {
			r.fail("HAR pasted through the UI", err)
			r.ui = nil
			break
		}
		r.ui = append(r.ui, u)
	}
}
