//go:build !js

package main

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/bench"
)

// nativeTimings: the fixtures through analyze.Run natively.
func (r *runner) nativeTimings() {
	r.native = map[string]Dist{}
	for _, f := range bench.Fixtures() {
		r.logf("native: %s", f.Name)
		ds, err := nativeLoop(f, max(r.o.latencyRuns, 50), 5000, time.Second)
		if err != nil {
			r.fail("native "+f.Name, err)
			continue
		}
		r.native[f.Name] = Summarize(ds)
	}
}

// latencyRows writes the in-page, peer and responsiveness sections.
func (r *runner) latencyRows() {
	r.t.Section(fmt.Sprintf("Paste → Report: window.authdebug.inspect in the page (p50 / p95 of %d calls) vs the native engine", r.o.latencyRuns))
	tokenDist := Summarize(nil)
	for _, f := range bench.Fixtures() {
		page := Summarize(nil)
		if res, ok := r.inPage[f.Name]; ok {
			page = Summarize(res.MS)
		}
		if f.Name == "token" {
			tokenDist = page
		}
		nat, ok := r.native[f.Name]
		base := "n/a"
		if ok {
			base = "native: " + fmtP50P95(nat)
		} else {
			nat = Summarize(nil)
		}
		label := fmt.Sprintf("%s (%s)", f.About, kB(len(f.Text)))
		if page.N > 0 && page.N != r.o.latencyRuns {
			label += fmt.Sprintf(", %d calls", page.N)
		}
		r.t.Add(label, fmtP50P95(page), base, "wasm/native "+ratio(page.P50, nat.P50))
	}
	under := "n/a"
	if tokenDist.N > 0 {
		if tokenDist.P95 < frameMs {
			under = "yes: under one frame"
		} else {
			under = "NO: over one frame"
		}
	}
	r.t.Add("typical paste (bare token + JWKS) in the page, p95", fmtMs(tokenDist.P95), "one frame at 60 Hz: "+fmtMs(frameMs), ratio(tokenDist.P95, frameMs)+", "+under)

	r.t.Section("Peer: the same token verified with the same JWKS in the same Chromium (p50 / p95)")
	jose := Summarize(r.jose.MS)
	joseName := "jose"
	if r.joseVer != "" {
		joseName = "jose " + r.joseVer
	}
	ourMean, joseMean := math.NaN(), math.NaN()
	if res, ok := r.inPage["token"]; ok && len(res.MS) > 0 {
		ourMean = res.Total / float64(len(res.MS))
	}
	if len(r.jose.MS) > 0 {
		joseMean = r.jose.Total / float64(len(r.jose.MS))
	}
	r.t.Add("authdebug.inspect(token, {key: jwks}) vs createLocalJWKSet + jwtVerify (ratio of means)",
		fmtP50P95(tokenDist)+", mean "+fmtMs(ourMean),
		joseName+": "+fmtP50P95(jose)+", mean "+fmtMs(joseMean), ratio(ourMean, joseMean))

	r.t.Section(fmt.Sprintf("Responsiveness: the 200-entry HAR pasted into the page's #paste (median of %d)", r.o.uiRuns))
	var dom, render, longest, gap []float64
	for _, u := range r.ui {
		dom, render = append(dom, u.DOM), append(render, u.Render)
		longest, gap = append(longest, u.Longest), append(gap, u.MaxGap)
	}
	med := func(xs []float64) float64 {
		if len(xs) == 0 {
			return math.NaN()
		}
		return Median(xs)
	}
	harPage := Summarize(nil)
	if res, ok := r.inPage[bench.HARFixture(200).Name]; ok {
		harPage = Summarize(res.MS)
	}
	r.t.Add("paste → #verdict in the DOM", fmtMs(med(dom)), "inspect() alone, p50: "+fmtMs(harPage.P50), ratio(med(dom), harPage.P50))
	r.t.Add("paste → the report painted", fmtMs(med(render)), "inspect() alone, p50: "+fmtMs(harPage.P50), ratio(med(render), harPage.P50))
	r.t.Add("longest main-thread long task meanwhile (0: none over 50 ms)", fmtMs(med(longest)), "one frame: "+fmtMs(frameMs), ratio(med(longest), frameMs))
	r.t.Add("longest gap between animation frames meanwhile", fmtMs(med(gap)), "one frame: "+fmtMs(frameMs), ratio(med(gap), frameMs))
}

// batch: `authdebug inspect --batch --json` throughput against golang-jwt.
func (r *runner) batch() {
	r.t.Section(fmt.Sprintf("CLI: authdebug inspect --batch --json, %s RS256 tokens (median of %d) vs golang-jwt in-process",
		thousands(int64(r.o.batchLines)), r.o.batchRuns))
	r.logf("batch: signing %d tokens for %d lines", r.o.batchDistinct, r.o.batchLines)
	tokens, jwks, err := batchFiles(r.tmp, r.o.batchLines, r.o.batchDistinct)
	if err != nil {
		r.fail("CLI throughput", err)
		return
	}
	for _, v := range []struct {
		label, base string
		jwks        string
		verify      bool
	}{
		{"with --key jwks.json (decode, verify, check)", "golang-jwt Parse (RS256 verify + time claims)", jwks, true},
		{"without a key (decode, check)", "golang-jwt ParseUnverified", "", false},
	} {
		var ours, theirs []float64
		runs := r.o.batchRuns
		for i := 0; i < runs; i++ {
			r.logf("batch %s: run %d/%d", v.label, i+1, runs)
			d, err := runBatch(r.o.bin, tokens, v.jwks, r.o.batchLines)
			if err != nil {
				r.fail("CLI throughput "+v.label, err)
				break
			}
			ours = append(ours, float64(r.o.batchLines)/d.Seconds())
			if i == 0 && d > 20*time.Second {
				runs = 1 // keep make bench within minutes on a slow engine
				r.t.Note("The --batch run %q took %s, so it ran once.", v.label, d.Round(time.Second))
			}
			pd, n, err := peerBatch(tokens, v.verify)
			if err != nil {
				r.fail("golang-jwt baseline", err)
				break
			}
			theirs = append(theirs, float64(n)/pd.Seconds())
		}
		if len(ours) == 0 || len(theirs) == 0 {
			continue
		}
		o, p := Median(ours), Median(theirs)
		// Both as time per token: authdebug ÷ baseline.
		r.t.Add(v.label, fmt.Sprintf("%s (%s per token)", fmtRate(o), fmtMs(1000/o)),
			fmt.Sprintf("%s: %s", v.base, fmtRate(p)), ratio(p, o))
	}
}

// notes say what each fixture gave, so a figure can be read against the
// work it measures.
func (r *runner) notes() {
	for _, f := range bench.Fixtures() {
		res, ok := r.inPage[f.Name]
		if !ok {
			continue
		}
		sig := ""
		if res.Signature != "" {
			sig = "; signature " + res.Signature
		}
		codes := "none"
		if len(res.Codes) > 0 {
			codes = strings.Join(res.Codes, ", ")
		}
		r.t.Note("Fixture %s (%s): inputs [%s]; findings: %s%s; verdict: %q.", f.Name, kB(len(f.Text)), strings.Join(res.Inputs, ", "), codes, sig, res.Verdict)
	}
	r.t.Note("Time to interactive runs in the page: performance.now() (ms since navigation start) when main[data-ready=\"true\"] appears, a paste of the bare token into #paste (paste event, then an input event of type insertFromPaste), and when #verdict shows the Report; each cold/warm pair uses a new Chromium with an empty profile; the warm visit opens a new tab after the service worker is ready.")
	r.t.Note("In-page timings use performance.now(), which Chromium coarsens to 0.1 ms without cross-origin isolation; native timings are analyze.Run plus json.Marshal of the Report in this process.")
	r.t.Note("The --batch input repeats %s distinct signed tokens; every line is analysed on its own, so repeats cost as much as new tokens. The baseline reads the same file in-process with the key already parsed.", thousands(int64(r.o.batchDistinct)))
}

func kB(n int) string {
	if n < 1000 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.0f kB", float64(n)/1e3)
}
