package ui

import (
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Actions the child components post to the page.
const (
	actionSelect  = "authdebug.select"  // value: finding index
	actionForm    = "authdebug.form"    // value: form
	actionFetch   = "authdebug.fetch"   // value: "jwks" or "discover"
	actionForget  = "authdebug.forget"  // forget fetched keys
	actionExample = "authdebug.example" // value: example id
)

// page is the debugger's one page. It holds only what its parts share:
// the text (in the paste box's state), the keys and expectations, the last
// Report and the selected finding, the key cache, and the status line. Its
// parts are:
//
//   - the paste box (pastebox.go): state in pasteBox, handlers on the page;
//   - the analysis (analysis.go, runner.go): what to analyse is the page's
//     run, when and how is the runner's (debounce, yield, cancel, progress,
//     staged mounting); progressRow shows the progress;
//   - verdictBar (verdict.go): the verdict, Copy report and the share link;
//   - themeToggle (theme.go): the theme;
//   - the views of the Report: findingsList, tokenView, exchangeView,
//     keysPanel, keysUsed, examplesView.
type page struct {
	app.Compo

	ctx   app.Context // the page's own context, valid after OnMount
	ready bool        // mounted in the browser: the prerendered page is live
	early string      // typed into the prerendered page before the app loaded

	box     pasteBox
	runner  runner
	form    form
	formErr string
	example string // id of the example on screen, if any

	rep     *report.Report
	repText string // the text rep was computed from
	paths   map[string]bool
	sel     int // selected finding, -1 for none
	fault   string

	fetching   string // "jwks" or "discover" while a fetch runs
	fetchKind  string // the last fetch the user asked for
	discovered bool   // discovery succeeded: keep using its cached documents
	cache      fetchCache

	status string // announced politely to screen readers
	crash  string // what an event handler's panic broke, until the next report
	// shareReset and shareClose tell the verdict bar that the input
	// changed (a copied report or share link no longer fits) or that an
	// example replaced it (the share panel closes).
	shareReset, shareClose int
}

func (p *page) OnInit() {
	p.sel = -1
	// In the browser, the prerendered page is replaced when the app mounts:
	// keep what was typed or pasted into it before the WebAssembly loaded.
	if app.IsClient {
		if el := app.Window().GetElementByID("paste"); el != nil && el.Truthy() {
			if v := el.Get("value"); v.Type() == app.TypeString {
				p.early = v.String()
			}
		}
	}
}

func (p *page) OnMount(ctx app.Context) {
	p.ctx = ctx
	p.ready = true
	p.sel = -1
	ctx.Handle(actionSelect, handle("selecting a finding", p.onSelect))
	ctx.Handle(actionForm, handle("the keys and expectations", p.onForm))
	ctx.Handle(actionFetch, handle("a key fetch", p.onFetch))
	ctx.Handle(actionForget, handle("Forget fetched keys", p.onForget))
	ctx.Handle(actionExample, handle("an example", p.onExample))
	ctx.Handle(actionCrash, func(ctx app.Context, a app.Action) {
		if what, ok := a.Value.(string); ok {
			p.crash = what
		}
	})
	ctx.Handle(actionStatus, func(ctx app.Context, a app.Action) {
		if msg, ok := a.Value.(string); ok {
			p.status = msg
		}
	})
	if p.openShare(ctx) {
		return
	}
	if p.early != "" {
		text := p.early
		p.early = ""
		ctx.Defer(func(ctx app.Context) {
			p.box.set(text)
			p.run(p.ctx, "")
		})
	}
}

func (p *page) OnNav(ctx app.Context) {
	if !p.ready {
		return
	}
	p.openShare(ctx)
}

// openShare restores a share link's text and expectations from the URL
// fragment, then drops the fragment from the address bar.
func (p *page) openShare(ctx app.Context) bool {
	u := app.Window().URL()
	if u == nil || !strings.HasPrefix(u.Fragment, sharePrefix) {
		return false
	}
	st, _, err := decodeShare(u.Fragment)
	app.Window().Get("history").Call("replaceState", nil, "", u.Path)
	if err != nil {
		p.status = "This share link could not be read: it is damaged or was cut short."
		return true
	}
	p.form = st.Form
	p.example = ""
	p.box.set(st.Text)
	p.status = "Opened a shared report: signatures and secrets were removed from it, so signature checks differ from the original."
	p.run(ctx, "")
	return true
}

func (p *page) Render() (out app.UI) {
	defer guard("page", &out)
	return app.Div().Class("shell").Body(
		app.A().Class("skip").Href("#results").Text("Skip to the diagnosis").OnClick(on("the skip link", p.skip)),
		app.Header().Class("top").Body(
			app.Div().Class("brand").Body(
				app.Img().Class("logo").Src("/web/icon.svg").Alt("").Role("presentation").Width(36).Height(36),
				app.Div().Body(
					app.H1().Text("authdebug"),
					app.P().Class("tagline").Text("Why did the API answer 401? Paste what you have — it never leaves this page."),
				),
			),
			&themeToggle{},
		),
		app.Main().ID("main").Class("page").DataSet("ready", p.ready).Body(
			app.Section().Class("col-input").Aria("labelledby", "input-h").Body(
				app.H2().ID("input-h").Class("visually-hidden").Text("Input"),
				safe("paste box", p.renderEditor),
				&keysPanel{Form: p.form, Err: p.formErr, Rep: p.rep, Fetching: p.fetching, FetchKind: p.fetchKind, Cached: p.cache.len()},
				app.If(p.rep != nil, func() app.UI {
					return &examplesView{Compact: true, Current: p.example}
				}),
			),
			app.Section().ID("results").Class("col-results").TabIndex(-1).Aria("labelledby", "results-h").Body(
				app.H2().ID("results-h").Class("visually-hidden").Text("Diagnosis"),
				app.P().ID("status").Class("visually-hidden").Role("status").Aria("live", "polite").Text(p.status),
				app.If(p.crash != "", func() app.UI { return crashFor("page", p.crash) }),
				p.renderResults(),
			),
		),
		app.Footer().Class("foot").Body(
			app.P().Text("authdebug runs entirely in your browser: what you paste is analysed here and sent nowhere. The only requests it makes are the key fetches you ask for."),
		),
	)
}

func (p *page) skip(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if el := app.Window().GetElementByID("results"); el.Truthy() {
		el.Call("focus")
	}
}

func (p *page) renderResults() app.UI {
	if p.rep == nil {
		return &examplesView{Current: p.example}
	}
	r := p.rep
	hlPath := p.hlPath()
	complete := p.runner.shown == p.runner.runs
	bytes := 0
	if complete {
		bytes = len(p.repText)
	}
	return app.Div().Class("report").DataSet("bytes", bytes).DataSet("run", p.runner.shown).DataSet("complete", complete).Body(
		&verdictBar{Rep: r, Text: p.repText, Current: p.repText == p.box.input, Form: p.form, Reset: p.shareReset, Close: p.shareClose},
		&findingsList{Rep: r, Sel: p.sel, Fault: p.fault, Large: len(p.repText) > maxPaint, HLPath: hlPath},
		app.If(len(r.Tokens) > 0 && p.runner.stage >= 2, func() app.UI {
			return app.Section().Class("tokens").Aria("labelledby", "tokens-h").Body(
				app.H2().ID("tokens-h").Text(plural(len(r.Tokens), "Token", "Tokens")),
				app.Range(r.Tokens).Slice(func(i int) app.UI {
					if i >= maxTokensShown || i >= p.runner.stage-1 {
						return nil
					}
					return &tokenView{Rep: r, Index: i, HLPath: hlPath, Fault: p.fault}
				}),
				app.If(len(r.Tokens) > maxTokensShown, func() app.UI {
					return app.P().Class("hint").Text(strconv.Itoa(len(r.Tokens)-maxTokensShown) + " more tokens are not shown.")
				}),
			)
		}),
		app.If(p.runner.stage >= p.lastStage() && (r.Request != nil || r.Response != nil || len(r.Exchanges) > 1), func() app.UI {
			return &exchangeView{Rep: r, HLPath: hlPath}
		}),
		app.If(p.runner.stage >= p.lastStage() && len(r.Keys) > 0, func() app.UI {
			return &keysUsed{Rep: r, HLPath: hlPath}
		}),
	)
}

// lastStage is the stage at which the report is mounted whole (see
// runner.mount): 1 the verdict and findings, then one stage per token view,
// then the exchanges and keys.
func (p *page) lastStage() int {
	if p.rep == nil {
		return 1
	}
	return 2 + min(len(p.rep.Tokens), maxTokensShown)
}

// hlPath is the rendered element the selected finding points at.
func (p *page) hlPath() string {
	f := p.selected()
	if f == nil || f.Path == "" {
		return ""
	}
	return resolvePath(p.paths, primaryAlias(p.rep, f.Path))
}

func (p *page) selected() *report.Finding {
	if p.rep == nil || p.sel < 0 || p.sel >= len(p.rep.Findings) {
		return nil
	}
	return &p.rep.Findings[p.sel]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func primaryAlias(r *report.Report, p string) string {
	if r == nil || !strings.HasPrefix(p, "exchanges[") {
		return p
	}
	i := primaryExchange(r)
	if i < 0 {
		return p
	}
	prefix := idx("exchanges", i)
	if p == prefix {
		if r.Response != nil {
			return "response"
		}
		return "request"
	}
	if strings.HasPrefix(p, prefix+".") {
		return p[len(prefix)+1:]
	}
	return p
}

// ---------------------------------------------------------------------------
// Actions from the children.

func (p *page) onSelect(ctx app.Context, a app.Action) {
	i, ok := a.Value.(int)
	if !ok {
		return
	}
	if p.sel == i {
		p.sel = -1
		return
	}
	p.sel = i
	ctx.Defer(func(app.Context) { revealEvidence() })
}

// revealEvidence scrolls the highlighted evidence into view: the mark in
// the paste box (scrolling the textarea itself) and the marked element of
// the decoded views.
func revealEvidence() {
	doc := app.Window().Get("document")
	if mark := doc.Call("querySelector", "#backdrop mark.hl"); mark.Truthy() {
		if ta := app.Window().GetElementByID("paste"); ta.Truthy() {
			top := mark.Get("offsetTop").Float() - 24
			if top < 0 {
				top = 0
			}
			ta.Set("scrollTop", top)
			if bd := app.Window().GetElementByID("backdrop"); bd.Truthy() {
				bd.Set("scrollTop", ta.Get("scrollTop"))
			}
			ta.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	}
	if ex := app.Window().GetElementByID("excerpt"); ex.Truthy() {
		ex.Call("scrollIntoView", map[string]any{"block": "nearest"})
	}
	if el := doc.Call("querySelector", ".is-hl"); el.Truthy() {
		el.Call("scrollIntoView", map[string]any{"block": "nearest"})
	}
}

func (p *page) onForm(ctx app.Context, a app.Action) {
	f, ok := a.Value.(form)
	if !ok {
		return
	}
	nowChanged := f.Now != p.form.Now
	p.form = f
	if nowChanged {
		p.example = ""
	}
	p.runner.later(ctx, func() { p.run(p.ctx, "") })
}

func (p *page) onFetch(ctx app.Context, a app.Action) {
	kind, _ := a.Value.(string)
	if kind != "jwks" && kind != "discover" {
		return
	}
	if strings.TrimSpace(p.box.input) == "" && kind == "discover" {
		p.status = "Paste a token first: discovery starts from its iss claim."
		return
	}
	p.run(p.ctx, kind)
}

func (p *page) onForget(ctx app.Context, a app.Action) {
	p.cache.clear()
	p.discovered = false
	p.fetchKind = ""
	p.run(p.ctx, "")
}

func (p *page) onExample(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	ex, ok := findExample(id)
	if !ok {
		return
	}
	text, ok := exampleText(id)
	if !ok {
		return
	}
	p.example = id
	p.form = ex.Form
	p.cache.clear()
	p.discovered = false
	p.fetchKind = ""
	p.shareClose++
	p.box.set(text)
	p.run(p.ctx, "")
}
