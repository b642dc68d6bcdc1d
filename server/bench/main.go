// Command bench compares `authdebug serve` with nginx (the shipped
// server/deploy/nginx.conf) serving the same build, with wrk: the same
// files, the same Accept-Encoding, the same connections and duration, one
// after the other on this machine. It prints requests per second and the
// 99th percentile latency of each, and their ratio. It is what
// `make bench-server` runs; it is not a test.
//
//	go run ./server/bench [-bin bin/authdebug] [-site static/site] [-d 5s] [-c 32] [-t 2]
//
// Both serve precompressed files: authdebug serve picks NAME.br or NAME.gz
// by Accept-Encoding, and nginx uses gzip_static for .gz and, since Debian's
// nginx has no brotli module, the configuration's map-and-rewrite for .br.
// So br is compared with br and gzip with gzip. Both run without an access
// log. It needs wrk and nginx (Debian packages wrk and nginx).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/site"
	"github.com/authdebug/authdebug/server/deploy"
)

func main() {
	bin := flag.String("bin", "bin/authdebug", "the authdebug binary")
	dir := flag.String("site", "static/site", "the built site to serve")
	dur := flag.Duration("d", 5*time.Second, "duration of each wrk run")
	conns := flag.Int("c", 32, "wrk connections")
	threads := flag.Int("t", 2, "wrk threads")
	flag.Parse()
	if err := run(*bin, *dir, *dur, *conns, *threads); err != nil {
		fmt.Fprintln(os.Stderr, "bench-server:", err)
		os.Exit(2)
	}
}

func run(bin, dir string, dur time.Duration, conns, threads int) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is not installed (Debian package wrk)")
	}
	info, err := site.ReadInfo(os.DirFS(dir))
	if err != nil {
		return fmt.Errorf("%s: %w (run make static)", dir, err)
	}
	if info.Base != "/" {
		return fmt.Errorf("%s was built with --base %s; benchmark a root build", dir, info.Base)
	}
	ours, stop, err := startServe(bin, dir)
	if err != nil {
		return err
	}
	defer stop()
	prefix, err := os.MkdirTemp("", "authdebug-bench-nginx-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(prefix)
	ngx, err := deploy.StartNginx(dir, "/", prefix, false)
	if err != nil {
		return err
	}
	defer ngx.Stop()

	wasm := "/v/" + info.Version + "/web/app.wasm"
	cases := []struct{ name, path, ae string }{
		{"index.html", "/", "br"},
		{"index.html", "/", "gzip"},
		{"app.wasm", wasm, "br"},
		{"app.wasm", wasm, "gzip"},
	}
	fmt.Printf("wrk -t%d -c%d -d%s, site %s (version %s), one server at a time\n\n", threads, conns, dur, dir, info.Version)
	fmt.Printf("%-11s %-5s %9s | %14s %10s | %14s %10s | %9s %9s\n", "file", "enc", "bytes", "authdebug req/s", "p99", "nginx req/s", "p99", "req/s ×", "p99 ×")
	for _, c := range cases {
		var res [2]result
		var size int
		for i, base := range []string{ours, ngx.URL} {
			n, err := check(base+c.path, c.ae)
			if err != nil {
				return fmt.Errorf("%s: %w", []string{"authdebug serve", "nginx"}[i], err)
			}
			size = n
			if res[i], err = runWrk(base+c.path, c.ae, dur, conns, threads); err != nil {
				return err
			}
		}
		fmt.Printf("%-11s %-5s %9d | %14.0f %10s | %14.0f %10s | %9.2f %9.2f\n", c.name, c.ae, size,
			res[0].rps, res[0].p99, res[1].rps, res[1].p99, res[0].rps/res[1].rps, float64(res[0].p99)/float64(res[1].p99))
	}
	fmt.Println("\n× = authdebug serve / nginx (req/s: higher is better for authdebug; p99: lower is better)")
	return nil
}

// startServe runs `authdebug serve --dir DIR` on a free port without an
// access log and returns its URL.
func startServe(bin, dir string) (string, func(), error) {
	cmd := exec.Command(bin, "serve", "--dir", dir, "--addr", "127.0.0.1:0", "--quiet")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("%s: %w (run make build)", bin, err)
	}
	stop := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	re := regexp.MustCompile(`serving on (http://[^/\s]+)`)
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, stderr) }()
			return m[1], stop, nil
		}
	}
	stop()
	return "", nil, fmt.Errorf("authdebug serve did not start")
}

// check fetches url once and verifies the coding wrk will measure.
func check(url, ae string) (int, error) {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", ae)
	res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != ae {
		return 0, fmt.Errorf("GET %s (Accept-Encoding: %s): %d, Content-Encoding %q", url, ae, res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	return len(b), nil
}

type result struct {
	rps float64
	p99 time.Duration
}

var (
	rpsRE = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	p99RE = regexp.MustCompile(`99%\s+([\d.]+)(us|ms|s)\b`)
)

func runWrk(url, ae string, dur time.Duration, conns, threads int) (result, error) {
	out, err := exec.Command("wrk", "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns),
		"-d", strconv.Itoa(int(dur.Seconds()))+"s", "--latency", "-H", "Accept-Encoding: "+ae, url).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk %s: %v\n%s", url, err, out)
	}
	s := string(out)
	m1, m2 := rpsRE.FindStringSubmatch(s), p99RE.FindStringSubmatch(s)
	if m1 == nil || m2 == nil {
		return result{}, fmt.Errorf("cannot read wrk's output:\n%s", s)
	}
	if strings.Contains(s, "Non-2xx") {
		return result{}, fmt.Errorf("wrk %s saw errors:\n%s", url, s)
	}
	rps, _ := strconv.ParseFloat(m1[1], 64)
	v, _ := strconv.ParseFloat(m2[1], 64)
	unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[m2[2]]
	return result{rps, time.Duration(v * float64(unit)).Round(time.Microsecond)}, nil
}
