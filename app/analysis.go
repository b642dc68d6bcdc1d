package ui

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// run starts an analysis of the paste box's text with the form's options.
// fetch is "jwks" or "discover" when the user pressed a fetch button: only
// then may the fetcher reach the network. Results of a run superseded by a
// newer one are dropped (runner).
func (p *page) run(ctx app.Context, fetch string) {
	seq := p.runner.supersede()
	text := p.box.input
	if len(text) > maxInput {
		text = text[:snap(text, maxInput)]
	}
	if strings.TrimSpace(text) == "" {
		p.rep, p.repText, p.paths, p.sel, p.fetching = nil, "", nil, -1, ""
		p.runner.idle()
		p.crash = ""
		p.status = ""
		return
	}

	opts := p.options(fetch)
	p.fault = faultHook()
	if rep, ok := reportHook(); ok {
		p.finish(ctx, rep, text, fetch)
		return
	}
	p.fetching = fetch
	if fetch != "" {
		p.fetchKind = fetch
	}
	pageCtx := p.ctx
	if !p.ready {
		pageCtx = ctx
	}
	p.runner.start(pageCtx, seq, text, opts, p.fault, func(ctx app.Context, rep *report.Report, err error) {
		if err != nil { // cancelled without a newer run: keep what is shown
			p.fetching = ""
			return
		}
		p.finish(ctx, rep, text, fetch)
	})
}

// options turns the form into the engine's options for a run, noting a
// malformed leeway or clock in formErr. fetch is run's.
func (p *page) options(fetch string) []analyze.Option {
	cfg := p.form.config()
	p.formErr = ""
	if _, err := analyze.ParseLeeway(cfg.Leeway); err != nil {
		p.formErr = err.Error()
		cfg.Leeway = ""
	}
	if cfg.Now != "" {
		if _, err := analyze.ParseNow(cfg.Now); err != nil {
			p.formErr = err.Error()
			cfg.Now = ""
		}
	}
	jwks := strings.TrimSpace(p.form.JWKS)
	var f analyze.Fetcher = cachedFetcher{&p.cache}
	switch fetch {
	case "jwks":
		cfg.JWKS = jwks
		f = liveFetcher{&p.cache, fetcher}
	case "discover":
		cfg.Discover = true
		f = liveFetcher{&p.cache, fetcher}
	default:
		if _, ok := p.cache.get(jwks); ok && jwks != "" {
			cfg.JWKS = jwks
		}
		cfg.Discover = p.discovered
	}
	opts, err := cfg.Options(time.Now())
	if err != nil {
		p.formErr = err.Error()
		opts, _ = analyze.Config{}.Options(time.Now())
	}
	return append(opts, analyze.WithFetcher(f), analyze.WithVerifier(verifier))
}

// finish puts a finished analysis on screen.
func (p *page) finish(ctx app.Context, rep *report.Report, text, fetch string) {
	var prevCode string
	if f := p.selected(); f != nil {
		prevCode = f.Code
	}
	p.rep, p.repText, p.fetching = rep, text, ""
	p.runner.running = false
	p.crash = ""
	p.runner.mount(ctx, p.lastStage(), len(text) < stagedBytes && len(rep.Tokens) <= 2 && len(rep.Exchanges) <= 10)
	p.paths = viewPaths(rep)
	p.sel = -1
	if prevCode != "" {
		for i, f := range rep.Findings {
			if f.Code == prevCode {
				p.sel = i
				break
			}
		}
	}
	failed := rep.Has(report.KeysFetchFailed)
	switch {
	case fetch == "discover" && !failed:
		p.discovered = true
	case fetch != "" && failed:
		p.status = "The key fetch failed; the keys panel says why."
	case fetch != "":
		p.status = "Keys fetched."
	default:
		p.status = "Analysed: " + rep.Verdict
	}
}

// faultHook reads the test-only fault injection switch
// window.__authdebugFault ("analyze", "render", or "event": the paste box's
// input handler).
func faultHook() string {
	v := app.Window().Get("__authdebugFault")
	if v == nil || v.Type() != app.TypeString {
		return ""
	}
	return v.String()
}

// reportHook reads the test-only window.__authdebugReport: the JSON of a
// Report to show instead of analysing, so that browser tests of the views
// do not depend on the engine's wording.
func reportHook() (*report.Report, bool) {
	v := app.Window().Get("__authdebugReport")
	if v == nil || v.Type() != app.TypeString {
		return nil, false
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(v.String()), &rep); err != nil {
		return nil, false
	}
	return &rep, true
}
