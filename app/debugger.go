package ui

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
	"github.com/authdebug/authdebug/internal/render"
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

const (
	// maxInput is the most the page analyses: the engine's input cap.
	maxInput = analyze.MaxInput
	// debounce is how long typing must pause before an analysis.
	debounce = 150 * time.Millisecond
	// yieldEvery is how much analysis work runs before yielding to the
	// browser's event loop.
	yieldEvery = 8 * time.Millisecond
)

// debugger is the page: the paste box, the keys and expectations, and the
// Report of what was pasted. It holds the state; child components render
// parts of the Report and post actions back.
type debugger struct {
	app.Compo

	ctx   app.Context // the page's own context, valid after OnMount
	ready bool        // mounted in the browser: the prerendered page is live
	early string      // typed into the prerendered page before the app loaded

	input string // the text analysed: the paste box's, or a large input held outside it
	// offBox is set while a large input (over maxPaint) is held here but
	// not in the textarea: a browser lays out all of a textarea's text, which
	// for a HAR export blocks the page for hundreds of milliseconds. The box
	// shows a preview instead; showAll puts the text back at the user's
	// request.
	offBox   bool
	showAll  bool
	form     form
	formErr  string
	example  string // id of the example on screen, if any
	fileNote string
	dragging bool

	rep     *report.Report
	repText string // the text rep was computed from
	paths   map[string]bool
	sel     int // selected finding, -1 for none
	fault   string
	pending int // debounce generation
	seq     int // analysis generation: results of older runs are dropped
	runs    int // analyses shown so far (data-run, for tests and tools)
	// stage says how much of a large report is mounted: the DOM of a big
	// report (a HAR with several tokens) is built over several frames so
	// that no single frame blocks input for long; see stages.
	stage    int
	shown    int // the run whose report is fully mounted (data-run)
	cancel   context.CancelFunc
	running  bool
	progress [2]int // done, total

	fetching   string // "jwks" or "discover" while a fetch runs
	fetchKind  string // the last fetch the user asked for
	discovered bool   // discovery succeeded: keep using its cached documents
	cache      fetchCache

	theme     string // "", "light" or "dark"
	status    string // announced politely to screen readers
	crash     string // what an event handler's panic broke, until the next report
	shareOpen bool
	shareURL  string
	copyText  string // shown when the clipboard refused the report
}

func (d *debugger) OnInit() {
	d.sel = -1
	// In the browser, the prerendered page is replaced when the app mounts:
	// keep what was typed or pasted into it before the WebAssembly loaded.
	if app.IsClient {
		if el := app.Window().GetElementByID("paste"); el != nil && el.Truthy() {
			if v := el.Get("value"); v.Type() == app.TypeString {
				d.early = v.String()
			}
		}
	}
}

func (d *debugger) OnMount(ctx app.Context) {
	d.ctx = ctx
	d.ready = true
	d.sel = -1
	ctx.Handle(actionSelect, handle("selecting a finding", d.onSelect))
	ctx.Handle(actionForm, handle("the keys and expectations", d.onForm))
	ctx.Handle(actionFetch, handle("a key fetch", d.onFetch))
	ctx.Handle(actionForget, handle("Forget fetched keys", d.onForget))
	ctx.Handle(actionExample, handle("an example", d.onExample))
	ctx.Handle(actionCrash, func(ctx app.Context, a app.Action) {
		if what, ok := a.Value.(string); ok {
			d.crash = what
		}
	})
	d.theme = loadTheme()
	applyTheme(d.theme)
	if d.openShare(ctx) {
		return
	}
	if d.early != "" {
		text := d.early
		d.early = ""
		ctx.Defer(func(ctx app.Context) {
			d.setText(text)
			d.run(d.ctx, "")
		})
	}
}

func (d *debugger) OnNav(ctx app.Context) {
	if !d.ready {
		return
	}
	d.openShare(ctx)
}

// openShare restores a share link's text and expectations from the URL
// fragment, then drops the fragment from the address bar.
func (d *debugger) openShare(ctx app.Context) bool {
	u := app.Window().URL()
	if u == nil || !strings.HasPrefix(u.Fragment, sharePrefix) {
		return false
	}
	st, _, err := decodeShare(u.Fragment)
	app.Window().Get("history").Call("replaceState", nil, "", u.Path)
	if err != nil {
		d.status = "This share link could not be read: it is damaged or was cut short."
		return true
	}
	d.form = st.Form
	d.example = ""
	d.setText(st.Text)
	d.status = "Opened a shared report: signatures and secrets were removed from it, so signature checks differ from the original."
	d.run(ctx, "")
	return true
}

// setText puts text into the paste box, or holds it beside the box when
// it is large.
func (d *debugger) setText(text string) {
	d.input = text
	d.showAll = false
	d.offBox = len(text) > maxPaint
	if el := app.Window().GetElementByID("paste"); el.Truthy() {
		if d.offBox {
			el.Set("value", "")
		} else {
			el.Set("value", text)
		}
	}
}

func (d *debugger) Render() (out app.UI) {
	defer guard("page", &out)
	return app.Div().Class("shell").Body(
		app.A().Class("skip").Href("#results").Text("Skip to the diagnosis").OnClick(on("the skip link", d.skip)),
		app.Header().Class("top").Body(
			app.Div().Class("brand").Body(
				app.Img().Class("logo").Src("/web/icon.svg").Alt("").Role("presentation").Width(36).Height(36),
				app.Div().Body(
					app.H1().Text("authdebug"),
					app.P().Class("tagline").Text("Why did the API answer 401? Paste what you have — it never leaves this page."),
				),
			),
			d.themeButton(),
		),
		app.Main().ID("main").Class("page").DataSet("ready", d.ready).Body(
			app.Section().Class("col-input").Aria("labelledby", "input-h").Body(
				app.H2().ID("input-h").Class("visually-hidden").Text("Input"),
				safe("paste box", d.renderEditor),
				&keysPanel{Form: d.form, Err: d.formErr, Rep: d.rep, Fetching: d.fetching, FetchKind: d.fetchKind, Cached: d.cache.len()},
				app.If(d.rep != nil, func() app.UI {
					return &examplesView{Compact: true, Current: d.example}
				}),
			),
			app.Section().ID("results").Class("col-results").TabIndex(-1).Aria("labelledby", "results-h").Body(
				app.H2().ID("results-h").Class("visually-hidden").Text("Diagnosis"),
				app.P().ID("status").Class("visually-hidden").Role("status").Aria("live", "polite").Text(d.status),
				app.If(d.crash != "", func() app.UI { return crashFor("page", d.crash) }),
				d.renderResults(),
			),
		),
		app.Footer().Class("foot").Body(
			app.P().Text("authdebug runs entirely in your browser: what you paste is analysed here and sent nowhere. The only requests it makes are the key fetches you ask for."),
		),
	)
}

func (d *debugger) renderResults() app.UI {
	if d.rep == nil {
		return &examplesView{Current: d.example}
	}
	r := d.rep
	hlPath := d.hlPath()
	complete := d.shown == d.runs
	bytes := 0
	if complete {
		bytes = len(d.repText)
	}
	return app.Div().Class("report").DataSet("bytes", bytes).DataSet("run", d.shown).DataSet("complete", complete).Body(
		safe("verdict", d.renderVerdict),
		&findingsList{Rep: r, Sel: d.sel, Fault: d.fault, Large: len(d.repText) > maxPaint, HLPath: hlPath},
		app.If(len(r.Tokens) > 0 && d.stage >= 2, func() app.UI {
			return app.Section().Class("tokens").Aria("labelledby", "tokens-h").Body(
				app.H2().ID("tokens-h").Text(plural(len(r.Tokens), "Token", "Tokens")),
				app.Range(r.Tokens).Slice(func(i int) app.UI {
					if i >= maxTokensShown || i >= d.stage-1 {
						return nil
					}
					return &tokenView{Rep: r, Index: i, HLPath: hlPath, Fault: d.fault}
				}),
				app.If(len(r.Tokens) > maxTokensShown, func() app.UI {
					return app.P().Class("hint").Text(strconv.Itoa(len(r.Tokens)-maxTokensShown) + " more tokens are not shown.")
				}),
			)
		}),
		app.If(d.stage >= d.lastStage() && (r.Request != nil || r.Response != nil || len(r.Exchanges) > 1), func() app.UI {
			return &exchangeView{Rep: r, HLPath: hlPath}
		}),
		app.If(d.stage >= d.lastStage() && len(r.Keys) > 0, func() app.UI {
			return &keysUsed{Rep: r, HLPath: hlPath}
		}),
	)
}

// Stages of mounting a report: 1 the verdict and findings, then one stage
// per token view, then the exchanges and keys (lastStage). go-app builds a
// view's DOM in one go, and for a HAR with several tokens that took ~190 ms
// in one frame; in stages each frame builds a part. Small reports, the
// common case while typing, are mounted whole at once.
func (d *debugger) lastStage() int {
	if d.rep == nil {
		return 1
	}
	return 2 + min(len(d.rep.Tokens), maxTokensShown)
}

// stagedBytes is the input size from which a report is mounted in stages.
const stagedBytes = 64 << 10

func (d *debugger) startStages(ctx app.Context) {
	if len(d.repText) < stagedBytes && len(d.rep.Tokens) <= 2 && len(d.rep.Exchanges) <= 10 {
		d.stage, d.shown = d.lastStage(), d.runs
		return
	}
	d.stage = 1
	d.nextStage(ctx, d.runs)
}

// nextStage mounts the next part of run's report in a later frame.
func (d *debugger) nextStage(ctx app.Context, run int) {
	ctx.After(time.Millisecond, func(ctx app.Context) {
		if d.runs != run || d.rep == nil {
			return // a newer report replaced it
		}
		d.stage++
		if d.stage >= d.lastStage() {
			d.shown = run
			return
		}
		d.nextStage(ctx, run)
	})
}

// hlPath is the rendered element the selected finding points at.
func (d *debugger) hlPath() string {
	f := d.selected()
	if f == nil || f.Path == "" {
		return ""
	}
	return resolvePath(d.paths, primaryAlias(d.rep, f.Path))
}

func (d *debugger) selected() *report.Finding {
	if d.rep == nil || d.sel < 0 || d.sel >= len(d.rep.Findings) {
		return nil
	}
	return &d.rep.Findings[d.sel]
}

func (d *debugger) renderVerdict() app.UI {
	r := d.rep
	sev, side := "ok", ""
	if len(r.Findings) > 0 {
		sev, side = string(r.Findings[0].Severity), string(r.Findings[0].Side)
	}
	if sev != string(report.Error) {
		side = ""
	}
	return app.Section().ID("verdict-banner").Class("verdict sev-"+sev).Aria("labelledby", "verdict-h").Body(
		app.H2().ID("verdict-h").Class("verdict-h").Text(verdictHeading(sev)),
		app.P().ID("verdict").Class("verdict-text").Text(r.Verdict),
		app.If(side != "", func() app.UI {
			return app.P().Class("who").Body(
				app.Span().Class("who-label").Text("Who must act: "),
				app.Strong().ID("verdict-side").Text(sideText(side)),
			)
		}),
		app.Div().Class("actions").Body(
			app.Button().ID("copy-report").Class("btn primary").Type("button").Text("Copy report").
				Title("Copy the diagnosis as Markdown for a ticket (credentials as fingerprints)").
				OnClick(on("Copy report", d.copyReport)),
			app.Button().ID("share-open").Class("btn").Type("button").Text("Share link…").
				Aria("expanded", d.shareOpen).Aria("controls", "share-panel").
				OnClick(on("the share button", d.toggleShare)),
		),
		app.If(d.copyText != "", func() app.UI {
			return app.Div().Class("copy-fallback").Body(
				app.Label().For("copy-fallback").Text("The browser did not let the page use the clipboard. Select this text and copy it:"),
				app.Textarea().ID("copy-fallback").ReadOnly(true).Rows(8).Text(d.copyText),
			)
		}),
		app.If(d.shareOpen, d.renderShare),
	)
}

func (d *debugger) renderProgress() app.UI {
	done, total := d.progress[0], d.progress[1]
	p := app.Progress().ID("progress").Class("progress").Aria("label", "Analysing")
	if total > 0 {
		p = p.Max(total).Value(done)
	}
	return app.Span().Class("progress-row").Role("status").Body(p, app.Span().Class("hint").Text("Analysing…"))
}

func (d *debugger) renderShare() app.UI {
	return app.Div().ID("share-panel").Class("share").Role("region").Aria("labelledby", "share-h").Body(
		app.H3().ID("share-h").Text("Share this diagnosis as a link"),
		app.P().Class("warn").Text("The link carries your pasted text after the # of the address, which browsers never send to a server. What the analysis recognised as a credential or a signature is removed first; your secret and keys are left out. Everything else stays as pasted — the headers and claims of tokens, and personal data in them, included: remove what must not be shared first."),
		app.P().ID("share-removes").Text(d.shareNote()),
		app.If(d.shareURL == "", func() app.UI {
			return app.Div().Class("actions").Body(
				app.Button().ID("share-create").Class("btn primary").Type("button").Text("Create link").OnClick(on("Create link", d.createShare)),
				app.Button().Class("btn").Type("button").Text("Cancel").OnClick(on("the share button", d.toggleShare)),
			)
		}).Else(func() app.UI {
			return app.Div().Class("share-out").Body(
				app.Label().For("share-url").Text("Link (copied to the clipboard if the browser allowed it):"),
				app.Input().ID("share-url").Type("text").ReadOnly(true).Value(d.shareURL),
			)
		}),
	)
}

func verdictHeading(sev string) string {
	switch sev {
	case "error":
		return "Most likely cause"
	case "warning":
		return "Nothing explains a refusal for sure"
	case "info":
		return "Nothing here explains a refusal"
	}
	return "Verdict"
}

func sideText(side string) string {
	switch side {
	case "client":
		return "the client (the caller)"
	case "server":
		return "the server (the API or its issuer)"
	case "both":
		return "both the client and the server"
	}
	return side
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ---------------------------------------------------------------------------
// The paste box.

func (d *debugger) renderEditor() app.UI {
	var pieces []piece
	large := len(d.input) > maxPaint
	if !large {
		var ranges []paintRange
		var hl *report.Span
		if d.rep != nil && d.repText == d.input {
			ranges = segmentRanges(d.rep)
			if f := d.selected(); f != nil {
				hl = f.Span
			}
		}
		pieces = paint(d.input, ranges, hl)
	}
	cls := "editor"
	if d.dragging {
		cls += " dragging"
	}
	return app.Div().Class("input-area").Body(
		app.Label().For("paste").Class("label").Text("Token, header, response, curl -v, curl command, HAR or WWW-Authenticate"),
		app.Div().Class(cls).Body(
			// The backdrop stays in the DOM, empty for a large input: were it
			// dropped, go-app would see another first child and replace the
			// textarea too, and removing a textarea holding a large paste
			// blocks the page (~180 ms for 800 kB) and loses the caret.
			app.Div().ID("backdrop").Class("backdrop").Aria("hidden", true).Body(
				app.If(!large, func() app.UI {
					return app.Range(pieces).Slice(func(i int) app.UI {
						p := pieces[i]
						s := d.input[p.Start:p.End]
						switch {
						case p.Mark:
							return app.Mark().Class("hl " + p.Class).Text(s)
						case p.Class != "":
							return app.Span().Class(p.Class).Text(s)
						}
						return app.Text(s)
					})
				}),
				app.If(!large && strings.HasSuffix(d.input, "\n"), func() app.UI {
					return app.Text(" ") // a trailing newline still takes a line in the textarea
				}),
			),
			app.Textarea().
				ID("paste").
				Class(pasteClass(large, d.offBox)).
				Placeholder(d.placeholder()).
				Spellcheck(false).
				AutoFocus(true).
				Attr("autocomplete", "off").
				Attr("autocapitalize", "off").
				Attr("autocorrect", "off").
				Aria("describedby", "paste-hint").
				OnInput(on("input in the paste box", d.onInput)).
				OnPaste(on("a paste", d.onPaste)).
				OnScroll(on("scrolling the paste box", d.onScroll)).
				OnDragOver(on("a drag over the paste box", d.onDragOver)).
				OnDragLeave(on("a drag leaving the paste box", d.onDragLeave)).
				OnDrop(on("a drop", d.onDrop)),
		),
		app.Div().Class("input-tools").Body(
			app.Button().ID("open-file").Class("btn").Type("button").Text("Open a file…").OnClick(on("Open a file", d.pickFile)),
			app.Input().ID("file").Class("visually-hidden").Type("file").TabIndex(-1).Aria("hidden", true).
				Accept(".har,.txt,.log,.json,.jwt,.http,.pem,.jwks,text/plain,application/json").
				OnChange(on("the file picker", d.onFile)),
			app.Span().ID("paste-hint").Class("hint").Text(d.inputHint()),
			app.If(d.running && d.fetching == "", d.renderProgress),
		),
		app.If(d.offBox, d.renderOffBox),
		app.If(d.example != "" || d.form.Now != "", func() app.UI {
			return d.renderClockNote()
		}),
		app.If(large, d.renderExcerpt),
	)
}

// pasteClass is the paste box's class: a large input shown in the box is
// not wrapped, which spares the browser line-breaking all of it on every
// layout; while a large input is held beside it, the empty box is short.
func pasteClass(large, offBox bool) string {
	switch {
	case offBox:
		return "paste short"
	case large:
		return "paste large"
	}
	return "paste"
}

func (d *debugger) placeholder() string {
	if d.offBox {
		return "Paste or type here to replace the " + sizeText(len(d.input)) + " input shown below."
	}
	return "eyJhbGciOi…   or   HTTP/1.1 401 Unauthorized …   or   curl -v …"
}

// maxPreview is how much of a large input the preview shows.
const maxPreview = 1500

// renderOffBox stands in for a large input kept out of the textarea: its
// size, its beginning, and the ways to show it in full or clear it.
func (d *debugger) renderOffBox() app.UI {
	preview := d.input
	cut := len(preview) > maxPreview
	if cut {
		preview = preview[:snap(preview, maxPreview)]
	}
	return app.Div().ID("large-input").Class("large-input").Body(
		app.P().Body(
			app.Strong().Text(sizeText(len(d.input))+" to analyse, "),
			app.Text("kept out of the text box so that the page stays responsive. The analysis reads all of it; "+
				"the box above takes a new paste."),
		),
		app.Pre().Class("preview").Body(
			app.Text(preview),
			app.If(cut, func() app.UI { return app.Span().Class("hint").Text(" …") }),
		),
		app.Div().Class("large-tools").Body(
			app.Button().ID("show-all").Class("btn").Type("button").Text("Show all of it in the box (slow)").OnClick(on("Show all", d.onShowAll)),
			app.Button().ID("clear-input").Class("btn").Type("button").Text("Clear").OnClick(on("Clear", d.onClear)),
		),
	)
}

// sizeText is a byte count for people: "812 bytes", "823 KiB", "5.0 MiB".
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		// Tenths by integer arithmetic: strconv's float formatting would add
		// its tables to app.wasm for this one number.
		t := (n*10 + 1<<19) >> 20
		return strconv.Itoa(t/10) + "." + strconv.Itoa(t%10) + " MiB"
	case n > 10<<10:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

func (d *debugger) onShowAll(ctx app.Context, e app.Event) {
	d.offBox, d.showAll = false, true
	if el := app.Window().GetElementByID("paste"); el.Truthy() {
		el.Set("value", d.input)
		el.Call("focus")
	}
}

func (d *debugger) onClear(ctx app.Context, e app.Event) {
	d.fileNote, d.example = "", ""
	d.setText("")
	if el := app.Window().GetElementByID("paste"); el.Truthy() {
		el.Call("focus")
	}
	d.run(d.ctx, "")
}

// onPaste takes a large paste before the textarea does: the text goes
// where the paste would have put it, and the result is held beside the box.
func (d *debugger) onPaste(ctx app.Context, e app.Event) {
	cd := e.Get("clipboardData")
	if !cd.Truthy() || d.showAll {
		return // (after "Show all", the box is the user's to edit)
	}
	el := ctx.JSSrc()
	// (JavaScript strings have no Length() here: syscall/js only measures
	// objects, so the texts are copied to measure them.)
	pasted := cd.Call("getData", "text/plain").String()
	v := ""
	if !d.offBox {
		v = el.Get("value").String()
	}
	if len(pasted)+len(v) <= maxPaint {
		return // small: the textarea inserts it and fires input
	}
	e.PreventDefault()
	text := pasted
	if !d.offBox {
		// Where the paste would have gone: over the selection.
		a, b := el.Get("selectionStart").Int(), el.Get("selectionEnd").Int()
		if a >= 0 && a <= b {
			// selectionStart/End count UTF-16 units; convert.
			a, b = utf16Offset(v, a), utf16Offset(v, b)
			text = v[:a] + pasted + v[b:]
		}
	}
	d.fileNote, d.example, d.copyText, d.shareURL = "", "", "", ""
	d.setText(text)
	d.run(d.ctx, "")
}

// utf16Offset converts an offset in UTF-16 code units into a byte offset
// in s.
func utf16Offset(s string, u int) int {
	n := 0
	for i, r := range s {
		if n >= u {
			return i
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return len(s)
}

func (d *debugger) inputHint() string {
	switch {
	case d.fileNote != "":
		return d.fileNote
	case d.input == "":
		return "…or drop a HAR or transcript file here."
	}
	n := len(d.input)
	s := sizeText(n)
	if n > maxInput {
		s += " — only the first 8 MiB are analysed"
	}
	return s
}

func (d *debugger) renderClockNote() app.UI {
	msg := "The analysis clock is fixed at " + d.form.Now + "."
	if t := exampleTitle(d.example); t != "" {
		msg = "Example “" + t + "”: the analysis clock is fixed at " + d.form.Now + " so the times read the same every time."
	}
	return app.P().Class("clock-note").Body(
		app.Text(msg+" "),
		app.Button().ID("use-my-clock").Class("btn link").Type("button").Text("Use my clock").OnClick(on("Use my clock", d.useMyClock)),
	)
}

// renderExcerpt shows the selected finding's evidence for inputs too large
// for the backdrop.
func (d *debugger) renderExcerpt() app.UI {
	f := d.selected()
	if f == nil || f.Span == nil || d.repText != d.input {
		return nil
	}
	ex, ok := excerpt(d.input, *f.Span, 160)
	if !ok {
		return nil
	}
	return app.Figure().ID("excerpt").Class("excerpt").Body(
		app.FigCaption().Text("In your input, line "+strconv.Itoa(ex.Line)+":"),
		app.Pre().Body(
			app.If(ex.CutBefore, func() app.UI { return app.Text("…") }),
			app.Text(ex.Before),
			app.Mark().Class("hl").Text(ex.Mark),
			app.Text(ex.After),
			app.If(ex.CutAfter, func() app.UI { return app.Text("…") }),
		),
	)
}

func (d *debugger) onInput(ctx app.Context, e app.Event) {
	if faultHook() == "event" {
		panic("fault injected by a test (window.__authdebugFault = \"event\")")
	}
	v := ctx.JSSrc().Get("value").String()
	switch {
	case d.offBox && v == "":
		// The box was emptied while a large input is held beside it:
		// keep that input (Clear drops it).
		ctx.PreventUpdate()
		return
	case len(v) > maxPaint && !d.showAll:
		// A large text dropped or set by a script: hold it beside the box.
		d.input, d.offBox = v, true
		ctx.JSSrc().Set("value", "")
	default:
		d.input, d.offBox = v, false
		if len(v) <= maxPaint {
			d.showAll = false
		}
	}
	d.fileNote = ""
	d.example = ""
	d.copyText = ""
	d.shareURL = ""
	it := e.Get("inputType")
	kind := ""
	if it.Type() == app.TypeString {
		kind = it.String()
	}
	// Typing waits for a pause; a paste, a drop or a scripted change
	// (no inputType) is analysed at once.
	if strings.HasPrefix(kind, "insert") && kind != "insertFromPaste" && kind != "insertFromDrop" || strings.HasPrefix(kind, "delete") || strings.HasPrefix(kind, "history") {
		d.pending++
		p := d.pending
		ctx.After(debounce, func(ctx app.Context) {
			if p == d.pending {
				d.run(d.ctx, "")
			}
		})
		return
	}
	d.run(d.ctx, "")
}

func (d *debugger) onScroll(ctx app.Context, e app.Event) {
	if bd := app.Window().GetElementByID("backdrop"); bd.Truthy() {
		bd.Set("scrollTop", ctx.JSSrc().Get("scrollTop"))
		bd.Set("scrollLeft", ctx.JSSrc().Get("scrollLeft"))
	}
	ctx.PreventUpdate()
}

func hasFiles(e app.Event) bool {
	dt := e.Get("dataTransfer")
	if !dt.Truthy() {
		return false
	}
	types := dt.Get("types")
	if !types.Truthy() {
		return false
	}
	for i := 0; i < types.Length(); i++ {
		if types.Index(i).String() == "Files" {
			return true
		}
	}
	return false
}

func (d *debugger) onDragOver(ctx app.Context, e app.Event) {
	if !hasFiles(e) {
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault()
	if d.dragging {
		ctx.PreventUpdate()
	}
	d.dragging = true
}

func (d *debugger) onDragLeave(ctx app.Context, e app.Event) {
	d.dragging = false
}

func (d *debugger) onDrop(ctx app.Context, e app.Event) {
	d.dragging = false
	dt := e.Get("dataTransfer")
	if !dt.Truthy() || !dt.Get("files").Truthy() || dt.Get("files").Length() == 0 {
		return // dropped text: the textarea inserts it and fires input
	}
	e.PreventDefault()
	d.readFile(dt.Get("files").Index(0))
}

func (d *debugger) pickFile(ctx app.Context, e app.Event) {
	if el := app.Window().GetElementByID("file"); el.Truthy() {
		el.Call("click")
	}
}

func (d *debugger) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	d.readFile(files.Index(0))
	ctx.JSSrc().Set("value", "")
}

// readFile loads a dropped or picked file into the paste box and analyses
// it (at most maxInput bytes of it).
func (d *debugger) readFile(file app.Value) {
	name := file.Get("name").String()
	size := file.Get("size").Int()
	blob := file
	note := "Read " + name
	if size > maxInput {
		blob = file.Call("slice", 0, maxInput)
		note += " (first 8 MiB of " + strconv.Itoa(size>>20) + " MiB)"
	}
	d.fileNote = "Reading " + name + "…"
	blob.Call("text").Then(func(v app.Value) {
		text := v.String()
		d.ctx.Dispatch(func(ctx app.Context) {
			d.example = ""
			d.setText(text)
			d.fileNote = note
			d.run(ctx, "")
		})
	})
}

func (d *debugger) useMyClock(ctx app.Context, e app.Event) {
	d.form.Now = ""
	d.example = ""
	d.run(d.ctx, "")
}

func (d *debugger) skip(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if el := app.Window().GetElementByID("results"); el.Truthy() {
		el.Call("focus")
	}
}

// ---------------------------------------------------------------------------
// Analysis.

// run starts an analysis of the paste box's text with the form's options.
// fetch is "jwks" or "discover" when the user pressed a fetch button: only
// then may the fetcher reach the network. Results of a run superseded by a
// newer one are dropped.
func (d *debugger) run(ctx app.Context, fetch string) {
	d.pending++
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
	d.seq++
	seq := d.seq
	text := d.input
	if len(text) > maxInput {
		text = text[:snap(text, maxInput)]
	}
	if strings.TrimSpace(text) == "" {
		d.rep, d.repText, d.paths, d.sel, d.running, d.fetching = nil, "", nil, -1, false, ""
		d.crash = ""
		d.status = ""
		return
	}

	cfg := d.form.config()
	d.formErr = ""
	if _, err := analyze.ParseLeeway(cfg.Leeway); err != nil {
		d.formErr = err.Error()
		cfg.Leeway = ""
	}
	if cfg.Now != "" {
		if _, err := analyze.ParseNow(cfg.Now); err != nil {
			d.formErr = err.Error()
			cfg.Now = ""
		}
	}
	jwks := strings.TrimSpace(d.form.JWKS)
	var f analyze.Fetcher = cachedFetcher{&d.cache}
	switch fetch {
	case "jwks":
		cfg.JWKS = jwks
		f = liveFetcher{&d.cache, fetcher}
	case "discover":
		cfg.Discover = true
		f = liveFetcher{&d.cache, fetcher}
	default:
		if _, ok := d.cache.get(jwks); ok && jwks != "" {
			cfg.JWKS = jwks
		}
		cfg.Discover = d.discovered
	}
	opts, err := cfg.Options(time.Now())
	if err != nil {
		d.formErr = err.Error()
		opts, _ = analyze.Config{}.Options(time.Now())
	}
	d.fault = faultHook()
	if rep, ok := reportHook(); ok {
		d.finish(ctx, rep, text, fetch)
		return
	}
	opts = append(opts, analyze.WithFetcher(f), analyze.WithVerifier(verifier))

	fault := d.fault
	rctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	d.running = true
	d.progress = [2]int{}
	d.fetching = fetch
	if fetch != "" {
		d.fetchKind = fetch
	}
	page := d.ctx
	if !d.ready {
		page = ctx
	}
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
				if d.seq == seq {
					d.progress = [2]int{done, total}
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
			if d.seq != seq {
				return
			}
			d.cancel = nil
			cancel()
			if err != nil { // cancelled without a newer run: keep what is shown
				d.running, d.fetching = false, ""
				return
			}
			d.finish(ctx, &rep, text, fetch)
		})
	})
}

// finish puts a finished analysis on screen.
func (d *debugger) finish(ctx app.Context, rep *report.Report, text, fetch string) {
	var prevCode string
	if f := d.selected(); f != nil {
		prevCode = f.Code
	}
	d.rep, d.repText, d.running, d.fetching = rep, text, false, ""
	d.crash = ""
	d.runs++
	d.startStages(ctx)
	d.paths = viewPaths(rep)
	d.sel = -1
	if prevCode != "" {
		for i, f := range rep.Findings {
			if f.Code == prevCode {
				d.sel = i
				break
			}
		}
	}
	failed := rep.Has(report.KeysFetchFailed)
	switch {
	case fetch == "discover" && !failed:
		d.discovered = true
	case fetch != "" && failed:
		d.status = "The key fetch failed; the keys panel says why."
	case fetch != "":
		d.status = "Keys fetched."
	default:
		d.status = "Analysed: " + rep.Verdict
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

// primaryAlias maps "exchanges[i]…" to "…" when exchange i is the primary
// exchange, which the exchange view renders with the unprefixed paths.
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

func (d *debugger) onSelect(ctx app.Context, a app.Action) {
	i, ok := a.Value.(int)
	if !ok {
		return
	}
	if d.sel == i {
		d.sel = -1
		return
	}
	d.sel = i
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

func (d *debugger) onForm(ctx app.Context, a app.Action) {
	f, ok := a.Value.(form)
	if !ok {
		return
	}
	nowChanged := f.Now != d.form.Now
	d.form = f
	if nowChanged {
		d.example = ""
	}
	d.pending++
	p := d.pending
	ctx.After(debounce, func(ctx app.Context) {
		if p == d.pending {
			d.run(d.ctx, "")
		}
	})
}

func (d *debugger) onFetch(ctx app.Context, a app.Action) {
	kind, _ := a.Value.(string)
	if kind != "jwks" && kind != "discover" {
		return
	}
	if strings.TrimSpace(d.input) == "" && kind == "discover" {
		d.status = "Paste a token first: discovery starts from its iss claim."
		return
	}
	d.run(d.ctx, kind)
}

func (d *debugger) onForget(ctx app.Context, a app.Action) {
	d.cache.clear()
	d.discovered = false
	d.fetchKind = ""
	d.run(d.ctx, "")
}

func (d *debugger) onExample(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	ex, ok := findExample(id)
	if !ok {
		return
	}
	text, ok := exampleText(id)
	if !ok {
		return
	}
	d.example = id
	d.form = ex.Form
	d.cache.clear()
	d.discovered = false
	d.fetchKind = ""
	d.shareOpen, d.shareURL, d.copyText = false, "", ""
	d.setText(text)
	d.run(d.ctx, "")
}

// ---------------------------------------------------------------------------
// Copy and share.

func (d *debugger) copyReport(ctx app.Context, e app.Event) {
	if d.rep == nil {
		return
	}
	md := render.Markdown(d.rep)
	if d.repText == d.input {
		md = render.MarkdownWithInput(d.rep, d.repText)
	}
	copyText(ctx, md, func(ctx app.Context, ok bool) {
		if ok {
			d.copyText = ""
			d.status = "Report copied as Markdown."
			return
		}
		d.copyText = md
		d.status = "The clipboard is not available; the report is shown for you to copy."
	})
}

func (d *debugger) toggleShare(ctx app.Context, e app.Event) {
	d.shareOpen = !d.shareOpen
	d.shareURL = ""
	if d.shareOpen {
		ctx.Defer(func(app.Context) {
			if el := app.Window().GetElementByID("share-create"); el.Truthy() {
				el.Call("focus")
			}
		})
	}
}

func (d *debugger) createShare(ctx app.Context, e app.Event) {
	u := app.Window().URL()
	base := ""
	if u != nil {
		base = u.Scheme + "://" + u.Host + u.Path
	}
	// The text the Report was made from, so that its redactions fit it.
	frag, err := encodeShare(d.repText, d.shareRep(), d.form)
	if err != nil {
		d.status = "No share link: " + strings.TrimPrefix(err.Error(), errNoShare.Error()+": ") + "."
		return
	}
	d.shareURL = base + "#" + frag
	copyText(ctx, d.shareURL, func(ctx app.Context, ok bool) {
		if ok {
			d.status = "Share link copied."
		}
	})
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("share-url"); el.Truthy() {
			el.Call("focus")
			el.Call("select")
		}
	})
}

// ---------------------------------------------------------------------------
// Theme.

const themeKey = "authdebug.theme"

func (d *debugger) themeButton() app.UI {
	dark := d.effectiveDark()
	label := "Dark theme"
	return app.Button().ID("theme").Class("btn theme").Type("button").
		Aria("pressed", dark).
		Title("Switch between the light and the dark theme").
		OnClick(on("the theme button", d.toggleTheme)).
		Body(
			app.Span().Class("theme-icon").Aria("hidden", true).Text(map[bool]string{true: "☾", false: "☀"}[dark]),
			app.Text(" "+label),
		)
}

func (d *debugger) effectiveDark() bool {
	switch d.theme {
	case "dark":
		return true
	case "light":
		return false
	}
	if !d.ready {
		return false
	}
	mq := app.Window().Call("matchMedia", "(prefers-color-scheme: dark)")
	return mq.Truthy() && mq.Get("matches").Truthy()
}

func (d *debugger) toggleTheme(ctx app.Context, e app.Event) {
	if d.effectiveDark() {
		d.theme = "light"
	} else {
		d.theme = "dark"
	}
	applyTheme(d.theme)
	if ls := app.Window().Get("localStorage"); ls.Truthy() {
		ls.Call("setItem", themeKey, d.theme)
	}
}

func loadTheme() string {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	v := ls.Call("getItem", themeKey)
	if v.Type() != app.TypeString {
		return ""
	}
	switch s := v.String(); s {
	case "light", "dark":
		return s
	}
	return ""
}

func applyTheme(theme string) {
	root := app.Window().Get("document").Get("documentElement")
	if !root.Truthy() {
		return
	}
	if theme == "" {
		root.Call("removeAttribute", "data-theme")
		return
	}
	root.Call("setAttribute", "data-theme", theme)
}
