//go:build !js

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// browser is one headless Chromium with a fresh profile.
type browser struct {
	ctx     context.Context // the first tab; its cancel closes the browser
	cancel  func()
	profile string
}

// launch starts Chromium with a new, empty profile (a cold start: no HTTP
// cache, no service worker, no code cache) and opens its first tab.
func launch(chromium string) (*browser, error) {
	profile, err := os.MkdirTemp("", "authdebug-bench-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	b := &browser{ctx: ctx, profile: profile}
	b.cancel = func() {
		cancelC()
		cancelA()
		// Chromium's children may still write to the profile for a moment.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	// The first action starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		b.cancel()
		return nil, fmt.Errorf("starting chromium: %w", err)
	}
	return b, nil
}

func (b *browser) close() { b.cancel() }

// tab opens a new tab in the same browser (same profile). The tab lives
// until cancel, so it is created by an action without a timeout.
func (b *browser) tab() (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("opening a tab: %w", err)
	}
	return ctx, cancel, nil
}

// onNewDocument runs src in every document the tab loads, before the
// page's own scripts.
func onNewDocument(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// await evaluates a JavaScript expression whose value is a Promise and
// decodes what it resolves to, within timeout.
func await[T any](ctx context.Context, timeout time.Duration, js string) (T, error) {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return chromedp.Run(tctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// navigate loads url in the tab (up to the load event).
func navigate(ctx context.Context, timeout time.Duration, url string, before ...chromedp.Action[chromedp.Void]) error {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return chromedp.Do(tctx, append(before, chromedp.Navigate(url))...)
}

// jsValue is v as a JavaScript literal (JSON, with U+2028/U+2029 escaped,
// which encoding/json does).
func jsValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// visit is what one page load measured.
type visit struct {
	// Ready is navigation start → the app marked itself ready
	// (main[data-ready="true"]); for the hello page, the same as Done.
	Ready float64 `json:"ready"`
	// Done is navigation start → the first Report rendered (the hello
	// page: its wasm instantiated and run to the end).
	Done float64 `json:"done"`
	// Wasm is navigation start → the end of app.wasm's response (resource
	// timing), 0 when unknown.
	Wasm  float64 `json:"wasm"`
	Error string  `json:"error"`
}

// appProbe, run in every new document of a tab, waits for the app to be
// ready, pastes the token into #paste as a browser paste does (a paste event,
// then, unless the page took the paste over, the value and an input event
// of type insertFromPaste), and resolves window.__bench with the times, in
// ms since navigation start, at which the app became ready and #verdict
// showed a Report. A MutationObserver records the DOM changes as they
// happen, so the figures do not depend on how often the harness polls.
const appProbe = `(() => {
  if (location.protocol !== "http:") return;
  const text = %s;
  // afterPaint calls cb once the next frame (with the DOM as it is now) has
  // been rendered: a task queued from requestAnimationFrame runs after it.
  const afterPaint = (cb) => requestAnimationFrame(() => {
    const mc = new MessageChannel();
    mc.port1.onmessage = () => cb(performance.now());
    mc.port2.postMessage(null);
  });
  const wasmEnd = () => {
    const e = performance.getEntriesByType("resource").find(e => /app\.wasm($|\?)/.test(e.name));
    return e ? e.responseEnd : 0;
  };
  window.__bench = new Promise((resolve) => {
    let ready = 0, before = null, beforeNode = null, pasted = false;
    const verdict = () => document.getElementById("verdict");
    const paste = () => {
      const el = document.getElementById("paste");
      const v = verdict();
      beforeNode = v; before = v ? v.textContent.trim() : null;
      el.focus();
      const dt = new DataTransfer();
      dt.setData("text/plain", text);
      const ev = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
      if (el.dispatchEvent(ev)) {
        el.value = text;
        el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
      }
      check();
    };
    const check = () => {
      if (!ready) {
        if (document.querySelector('main[data-ready="true"]') && document.getElementById("paste")) {
          ready = performance.now();
          setTimeout(() => { pasted = true; paste(); }, 0);
        }
        return;
      }
      if (!pasted) return;
      const v = verdict();
      const t = v ? v.textContent.trim() : "";
      if (t !== "" && (v !== beforeNode || t !== before)) {
        obs.disconnect();
        afterPaint((done) => resolve({ready, done, wasm: wasmEnd(), error: ""}));
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve({ready, done: -1, wasm: wasmEnd(), error: ready ? "no #verdict rendered after the paste" : "the app never set main[data-ready=true]"}); }, %d);
  });
})()`

// helloPage loads the hello-world wasm with Go's wasm_exec.js and resolves
// window.__bench when the program has run.
const helloPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hello wasm</title>
<script src="wasm_exec.js"></script>
<script>
window.__bench = (async () => {
  const go = new Go();
  const r = await WebAssembly.instantiateStreaming(fetch("hello.wasm"), go.importObject);
  await go.run(r.instance);
  const t = performance.now();
  const e = performance.getEntriesByType("resource").find(e => e.name.endsWith("hello.wasm"));
  return {ready: t, done: t, wasm: e ? e.responseEnd : 0, error: ""};
})();
</script></head><body><p>hello</p></body></html>
`

// peerPage imports jose's browser (Web API) build.
const peerPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>jose peer</title>
<script type="module">
import * as jose from "./jose/index.js";
window.jose = jose;
window.__joseReady = true;
</script></head><body><p>jose</p></body></html>
`

const pageTimeout = 60 * time.Second

// measureVisits loads url twice in one browser: cold in the fresh profile,
// then — after the service worker (if any) is ready and caches have had a
// moment to be written — warm, in a new tab. probe, when not empty, is
// installed in each tab before its navigation.
func measureVisits(chromium, url, probe string) (cold, warm visit, err error) {
	b, err := launch(chromium)
	if err != nil {
		return cold, warm, err
	}
	defer b.close()
	load := func(ctx context.Context) (visit, error) {
		var before []chromedp.Action[chromedp.Void]
		if probe != "" {
			before = append(before, onNewDocument(probe))
		}
		if err := navigate(ctx, pageTimeout, url, before...); err != nil {
			return visit{}, err
		}
		v, err := await[visit](ctx, pageTimeout+5*time.Second, "window.__bench")
		if err == nil && v.Error != "" {
			err = errors.New(v.Error)
		}
		return v, err
	}
	if cold, err = load(b.ctx); err != nil {
		return cold, warm, fmt.Errorf("cold visit: %w", err)
	}
	// Let the service worker install (go-app's caches every resource) and
	// the code cache be written before the second visit.
	if _, err := await[bool](b.ctx, 20*time.Second, `(async () => {
		if (!("serviceWorker" in navigator) || !navigator.serviceWorker.getRegistration) return false;
		const reg = await navigator.serviceWorker.getRegistration();
		if (!reg) return false;
		await Promise.race([navigator.serviceWorker.ready, new Promise(r => setTimeout(r, 15000))]);
		return true;
	})()`); err != nil {
		return cold, warm, fmt.Errorf("waiting for the service worker: %w", err)
	}
	time.Sleep(time.Second)
	if err := navigate(b.ctx, pageTimeout, "about:blank"); err != nil {
		return cold, warm, err
	}
	tab, cancel, err := b.tab()
	if err != nil {
		return cold, warm, err
	}
	defer cancel()
	if warm, err = load(tab); err != nil {
		return cold, warm, fmt.Errorf("warm visit: %w", err)
	}
	return cold, warm, nil
}

// fixtureJS is a fixture as the in-page loops take it.
type fixtureJS struct {
	Name string `json:"name"`
	Text string `json:"text"`
	Opts any    `json:"opts"`
}

// inspectLoop times window.authdebug.inspect on each fixture: first warmup
// rounds over all the fixtures (so V8 has tiered up the hot code and the Go
// heap has grown to its working size before any timing), then up to runs
// timed calls per fixture (fewer when a fixture's calls exceed capMs in
// total, but at least minRuns). It also returns a summary of each fixture's
// Report so the table can show what was computed.
const inspectLoop = `(async (fx, runs, warmup, minRuns, capMs) => {
  const out = {};
  for (let i = 0; i < warmup; i++) for (const f of fx) await authdebug.inspect(f.text, f.opts);
  for (const f of fx) {
    const ds = [];
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await authdebug.inspect(f.text, f.opts);
      ds.push(performance.now() - t0);
      if (ds.length >= minRuns && performance.now() - start > capMs) break;
    }
    const total = performance.now() - start;
    const r = await authdebug.inspect(f.text, f.opts);
    const tok = (r.tokens || [])[0];
    out[f.name] = {ms: ds, total, verdict: r.verdict || "", codes: (r.findings || []).map(x => x.code),
      signature: tok && tok.signature ? tok.signature.status : "", inputs: (r.inputs || []).map(x => x.kind)};
  }
  return out;
})(%s, %d, %d, %d, %d)`

// inspectResult is one fixture's in-page figures.
type inspectResult struct {
	MS []float64 `json:"ms"`
	// Total is the whole timed loop: Total/len(MS) is a mean finer than
	// performance.now()'s 0.1 ms resolution.
	Total     float64  `json:"total"`
	Verdict   string   `json:"verdict"`
	Codes     []string `json:"codes"`
	Signature string   `json:"signature"`
	Inputs    []string `json:"inputs"`
}

// joseLoop verifies the token with jose as an app would: a local JWKS from
// the pasted JSON, then jwtVerify (RS256 only, at the fixture's clock).
const joseLoop = `(async (token, jwks, nowSec, runs, warmup) => {
  const currentDate = new Date(nowSec * 1000);
  let sub = "";
  const once = async () => {
    const set = jose.createLocalJWKSet(jwks);
    const r = await jose.jwtVerify(token, set, {currentDate, algorithms: ["RS256"]});
    sub = r.payload.sub;
  };
  for (let i = 0; i < warmup; i++) await once();
  const ds = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    ds.push(performance.now() - t0);
  }
  return {ms: ds, total: performance.now() - start, sub};
})(%s, %s, %d, %d, %d)`

type joseResult struct {
	MS    []float64 `json:"ms"`
	Total float64   `json:"total"`
	Sub   string    `json:"sub"`
}

// uiPaste pastes text into the page's #paste the way a browser paste does
// and measures, from the paste: the time until #verdict shows a Report (in
// the DOM, then painted), the longest long task (PerformanceObserver
// "longtask": main-thread tasks over 50 ms) and the longest gap between
// requestAnimationFrame callbacks (frames the page could not draw). The
// harness loads the page afresh before each paste, so a Report identical to
// the previous one still counts.
const uiPaste = `(async (text, timeoutMs) => {
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  if (document.visibilityState !== "visible") throw new Error("the app's tab is not visible: animation frames would not run");
  const el = document.getElementById("paste");
  const vtext = () => { const v = document.getElementById("verdict"); return v ? v.textContent.trim() : null; };
  el.focus();
  await sleep(200);
  const beforeNode = document.getElementById("verdict"), before = vtext();
  await frame();
  const tasks = [];
  const po = new PerformanceObserver(l => { for (const e of l.getEntries()) tasks.push([e.startTime, e.duration]); });
  po.observe({type: "longtask"});
  let last = -1, maxGap = 0, on = true;
  const raf = () => { const t = performance.now(); if (last >= 0) maxGap = Math.max(maxGap, t - last); last = t; if (on) requestAnimationFrame(raf); };
  requestAnimationFrame(raf);
  await frame();
  const t0 = performance.now();
  last = t0;
  let mo;
  const done = new Promise(resolve => {
    const check = () => {
      const v = document.getElementById("verdict");
      const t = v ? v.textContent.trim() : "";
      if (t !== "" && (v !== beforeNode || t !== before)) {
        mo.disconnect();
        const dom = performance.now();
        requestAnimationFrame(() => {
          const mc = new MessageChannel();
          mc.port1.onmessage = () => resolve([dom, performance.now()]);
          mc.port2.postMessage(null);
        });
      }
    };
    mo = new MutationObserver(check);
    mo.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    setTimeout(() => { mo.disconnect(); resolve([-1, -1]); }, timeoutMs);
  });
  const dt = new DataTransfer();
  dt.setData("text/plain", text);
  if (el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}))) {
    el.value = text;
    el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
  }
  const [tDom, t1] = await done;
  await frame(); await frame();
  on = false;
  await sleep(100);
  po.disconnect();
  let longest = 0;
  for (const [s, d] of tasks) if (s + d >= t0) longest = Math.max(longest, d);
  return {dom: tDom < 0 ? -1 : tDom - t0, render: t1 < 0 ? -1 : t1 - t0, longest, maxGap, tasks: tasks.length};
})(%s, %d)`

type uiResult struct {
	// DOM is paste → #verdict in the DOM; Render → the frame showing it
	// painted.
	DOM     float64 `json:"dom"`
	Render  float64 `json:"render"`
	Longest float64 `json:"longest"`
	MaxGap  float64 `json:"maxGap"`
	Tasks   int     `json:"tasks"`
}

// waitApp waits until the app is mounted and window.authdebug exists.
const waitApp = `(async () => {
  for (let t = 0; t < 60000; t += 20) {
    if (document.querySelector('main[data-ready="true"]') && window.authdebug && window.authdebug.inspect) return true;
    await new Promise(r => setTimeout(r, 20));
  }
  return false;
})()`
