//go:build !js

package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/bench"
	"github.com/chromedp/chromedp"
)

// apiCase is one input with the options of both faces: the CLI flags and
// the options object of window.authdebug.inspect.
type apiCase struct {
	name string
	text string
	opts map[string]any
}

func (c apiCase) flags() []string {
	args := []string{"inspect", "--json"}
	for _, k := range sortedKeys(c.opts) {
		switch v := c.opts[k].(type) {
		case bool:
			if v {
				args = append(args, "--"+k)
			}
		case []string:
			args = append(args, "--"+k, strings.Join(v, ","))
		case string:
			if k == "key" {
				continue // written to a file below
			}
			args = append(args, "--"+k, v)
		}
	}
	return args
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestAPIMatchesCLI: window.authdebug.inspect resolves to the same Report
// as `authdebug inspect --json` for the same input and options — every
// example of the page, and a token checked with keys and expectations.
func TestAPIMatchesCLI(t *testing.T) {
	requireBrowser(t)
	root := repoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "app", "examples", "*.txt"))
	if err != nil || len(files) < 8 {
		t.Fatalf("examples: %v (%d files)", err, len(files))
	}
	var cases []apiCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, apiCase{name: filepath.Base(f), text: string(b), opts: map[string]any{"now": "2026-11-22T09:00:00Z"}})
	}
	// The real captures of what developers hold: server logs, the browser
	// console, client wire dumps.
	for _, pat := range []string{"internal/serverlog/testdata/logs/*.txt", "internal/exchange/testdata/console/chromium_*.txt", "internal/exchange/testdata/httpdebug/*.txt"} {
		caps, _ := filepath.Glob(filepath.Join(root, pat))
		if len(caps) == 0 {
			t.Fatalf("no captures at %s", pat)
		}
		for _, f := range caps {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, apiCase{name: filepath.Base(f), text: string(b), opts: map[string]any{"now": "2026-12-07T15:40:00Z"}})
		}
	}
	fx := bench.Fixtures()
	cases = append(cases, apiCase{name: "curl -v with the JWKS", text: fx[1].Text, opts: map[string]any{"now": fx[1].Config.Now, "key": fx[1].Config.Key}})
	cases = append(cases, apiCase{name: "token with keys and expectations", text: "Authorization: Bearer " + fx[0].Text, opts: map[string]any{
		"now": fx[0].Config.Now, "leeway": "30s", "key": fx[0].Config.Key, "aud": "https://billing.example.com",
		"iss": "https://login.example.com", "alg": []string{"RS256", "ES256"}, "require": []string{"sub", "tid"}, "scope": []string{"orders:write"},
	}})

	url := serve(t)
	ctx := browser(t, 3*time.Minute)
	if err := chromedp.Do(ctx, waitReady(url)); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := c.flags()
			if k, ok := c.opts["key"].(string); ok {
				kf := filepath.Join(t.TempDir(), "key.json")
				if err := os.WriteFile(kf, []byte(k), 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, "--key", kf)
			}
			cmd := exec.Command(binary(t), append(args, "-f", "-")...)
			cmd.Stdin = strings.NewReader(c.text)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() > 1 {
				t.Fatalf("authdebug %v: %v\n%s", args, err, errb.String())
			}
			optsJSON, _ := json.Marshal(c.opts)
			textJSON, _ := json.Marshal(c.text)
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](
				`window.authdebug.inspect(`+string(textJSON)+`, `+string(optsJSON)+`).then(r => JSON.stringify(r))`,
				chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("window.authdebug.inspect: %v", err)
			}
			var cli, page any
			if err := json.Unmarshal(out.Bytes(), &cli); err != nil {
				t.Fatalf("CLI output: %v", err)
			}
			if err := json.Unmarshal([]byte(got), &page); err != nil {
				t.Fatalf("page output: %v", err)
			}
			if !reflect.DeepEqual(cli, page) {
				a, _ := json.MarshalIndent(cli, "", " ")
				b, _ := json.MarshalIndent(page, "", " ")
				t.Errorf("the page's Report differs from the CLI's:\n%s", firstDiff(string(a), string(b)))
			}
			if m, ok := page.(map[string]any); !ok || len(m["findings"].([]any)) == 0 {
				t.Errorf("empty report: %s", got)
			}
		})
	}
	// A bad option rejects the promise with a message.
	msg, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`window.authdebug.inspect("x", {now: "yesterday"}).then(() => "resolved", e => String(e))`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(msg, "RFC 3339") {
		t.Errorf("bad option: %q, %v", msg, err)
	}
}

// firstDiff shows the first differing line of two texts with context.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			lo := max(0, i-3)
			return "CLI:\n" + strings.Join(la[lo:min(len(la), i+3)], "\n") + "\npage:\n" + strings.Join(lb[lo:min(len(lb), i+3)], "\n")
		}
	}
	return "lengths differ"
}

// Hostile options (BigInt, cyclic, a getter that throws) reject the
// promise with an Error, and the Go program behind the page keeps running:
// a plain call afterwards still resolves.
func TestAPIHostileOptionsKeepPageAlive(t *testing.T) {
	requireBrowser(t)
	url := serve(t)
	ctx := browser(t, 3*time.Minute)
	if err := chromedp.Do(ctx, waitReady(url)); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, opts, want string }{
		{"BigInt", `{leeway: 10n}`, "BigInt"},
		{"cyclic", `(() => { const o = {}; o.o = o; return o })()`, "circular"},
		{"getter that throws", `{get now() { throw new Error("boom") }}`, "boom"},
		{"Symbol", `Symbol("s")`, "options must be an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](
				`window.authdebug.inspect("x", `+tt.opts+`).then(() => "resolved", e => (e instanceof Error ? "Error: " : "not an Error: ") + e.message)`,
				chromedp.EvalAwaitPromise))
			if err != nil || !strings.HasPrefix(got, "Error: ") || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, %v; want an Error mentioning %q", got, err, tt.want)
			}
		})
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`window.authdebug.inspect("Authorization: Bearer x", {now: "2026-11-22T09:00:00Z"}).then(r => r.findings.length)`, chromedp.EvalAwaitPromise))
	if err != nil || n == 0 {
		t.Fatalf("after the hostile calls, a plain call gave %d findings, %v", n, err)
	}
}
