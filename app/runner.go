package ui

import (
	"context"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

const (
	// maxInput is the most the page analyses: the engine's input cap.
	maxInput = analyze.MaxInput
	// debounce is how long typing must pause before an analysis.
	debounce = 150 * time.Millisecond
	// yieldEvery is how much analysis work runs before yielding to the
	// browser's event loop.
	yieldEvery = 8 * time.Millisecond
	// stagedBytes is the input size from which a report is mounted in
	// stages.
	stagedBytes = 64 << 10
)

// runner schedules the page's analyses: it debounces typing, runs
// analyze.Run in ctx.Async with a progress callback that yields to the
// browser, cancels a run that a newer one supersedes (whose result is then
// dropped), and mounts a finished report in stages. The page owns it and
// decides what to analyse (run in analysis.go); the runner only decides
// when.
type runner struct {
	pending  int // debounce generation
	seq      int // analysis generation: results of older runs are dropped
	cancel   context.CancelFunc
	running  bool
	progress [2]int // done, total

	runs int // analyses shown so far (data-run, for tests and tools)
	// stage says how much of a large report is mounted: the DOM of a big
	// report (a HAR with several tokens) is built over several frames so
	// that no single frame blocks input for long; see mount.
	stage int
	last  int // the stage at which the report is whole; 0 once it is gone
	shown int // the run whose report is fully mounted (data-run)
}

// later calls f once the input has paused for debounce, unless a later
// call or a run supersedes it first.
func (r *runner) later(ctx app.Context, f func()) {
	r.pending++
	p := r.pending
	ctx.After(debounce, func(ctx app.Context) {
		if p == r.pending {
			f()
		}
	})
}

// supersede drops a pending debounce and cancels the run in flight. It
// returns the generation of the run that replaces them.
func (r *runner) supersede() int {
	r.pending++
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
	r.seq++
	return r.seq
}

// idle marks that there is nothing to analyse: no run, no report.
func (r *runner) idle() {
	r.running = false
	r.last = 0
}

// start analyses text as run seq in page.Async. done is called in a
// Dispatch with the result, unless a newer run superseded this one; err
// is set (analyze.ErrCanceled) when the run was cancelled without a newer
// one, and then nothing of it is to be shown.
func (r *runner) start(page app.Context, seq int, text string, opts []analyze.Option, fault string, done func(ctx app.Context, rep *report.Report, err error)) {
	rctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.running = true
	r.progress = [2]int{}
	page.Async(func() {
		// Yield to the browser first; before a long analysis, long enough
		// for the page to draw its progress indicator (go-app renders on
		// its next frame, then the browser paints).
		if len(text) > maxPaint {
			time.Sleep(50 * time.Millisecond)
		} else {
			time.Sleep(time.Millisecond)
		}
		last := time.Now()
		progress := func(done, total int) {
			if time.Since(last) < yieldEvery {
				return
			}
			page.Dispatch(func(app.Context) {
				if r.seq == seq {
					r.progress = [2]int{done, total}
				}
			})
			time.Sleep(time.Millisecond) // in the browser: yield to the event loop
			last = time.Now()
		}
		// A run superseded by a newer one is cancelled: Run stops at its
		// next step with analyze.ErrCanceled, and nothing of it is shown.
		rep, err := analyze.Run(rctx, analyze.Input{Text: text}, append(opts, analyze.WithProgress(progress))...)
		if fault == "analyze" { // a browser test: what the engine returns when it panics
			rep, err = analyze.Internal(time.Now(), "fault injected by a test"), nil
		}
		page.Dispatch(func(ctx app.Context) {
			if r.seq != seq {
				return
			}
			r.cancel = nil
			cancel()
			r.running = false
			if err != nil { // cancelled without a newer run: keep what is shown
				done(ctx, nil, err)
				return
			}
			done(ctx, &rep, nil)
		})
	})
}

// mount counts a finished run and mounts its report: 1 the verdict and
// findings, then one stage per token view, then the exchanges and keys
// (last). go-app builds a view's DOM in one go, and for a HAR with several
// tokens that took ~190 ms in one frame; in stages each frame builds a
// part. Small reports (whole), the common case while typing, are mounted
// whole at once.
func (r *runner) mount(ctx app.Context, last int, whole bool) {
	r.runs++
	r.last = last
	if whole {
		r.stage, r.shown = last, r.runs
		return
	}
	r.stage = 1
	r.nextStage(ctx, r.runs)
}

// nextStage mounts the next part of run's report in a later frame.
func (r *runner) nextStage(ctx app.Context, run int) {
	ctx.After(time.Millisecond, func(ctx app.Context) {
		if r.runs != run || r.last == 0 {
			return // a newer report replaced it
		}
		r.stage++
		if r.stage >= r.last {
			r.shown = run
			return
		}
		r.nextStage(ctx, run)
	})
}

// progressRow is the "Analysing…" indicator beside the paste box.
type progressRow struct {
	app.Compo

	Done, Total int
}

func (p *progressRow) Render() (out app.UI) {
	defer guard("progress", &out)
	bar := app.Progress().ID("progress").Class("progress").Aria("label", "Analysing")
	if p.Total > 0 {
		bar = bar.Max(p.Total).Value(p.Done)
	}
	return app.Span().Class("progress-row").Role("status").Body(bar, app.Span().Class("hint").Text("Analysing…"))
}
