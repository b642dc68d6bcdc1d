package ui

import (
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The paste box: the textarea over its highlighting backdrop, drag and
// drop, the file picker, large inputs held beside the box with a preview,
// the clock note and the evidence excerpt. Its state is a pasteBox the page
// owns; its handlers are the page's, since every change of the text starts
// an analysis and resets what was derived from the old text.

// pasteBox is the paste box's state.
type pasteBox struct {
	input string // the text analysed: the box's, or a large input held outside it
	// offBox is set while a large input (over maxPaint) is held here but
	// not in the textarea: a browser lays out all of a textarea's text, which
	// for a HAR export blocks the page for hundreds of milliseconds. The box
	// shows a preview instead; showAll puts the text back at the user's
	// request.
	offBox   bool
	showAll  bool
	fileNote string
	dragging bool
}

// set puts text into the paste box, or holds it beside the box when it is
// large.
func (b *pasteBox) set(text string) {
	b.input = text
	b.showAll = false
	b.offBox = len(text) > maxPaint
	if el := app.Window().GetElementByID("paste"); el.Truthy() {
		if b.offBox {
			el.Set("value", "")
		} else {
			el.Set("value", text)
		}
	}
}

func (p *page) renderEditor() app.UI {
	var pieces []piece
	large := len(p.box.input) > maxPaint
	if !large {
		var ranges []paintRange
		var hl *report.Span
		if p.rep != nil && p.repText == p.box.input {
			ranges = segmentRanges(p.rep)
			if f := p.selected(); f != nil {
				hl = f.Span
			}
		}
		pieces = paint(p.box.input, ranges, hl)
	}
	cls := "editor"
	if p.box.dragging {
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
						pc := pieces[i]
						s := p.box.input[pc.Start:pc.End]
						switch {
						case pc.Mark:
							return app.Mark().Class("hl " + pc.Class).Text(s)
						case pc.Class != "":
							return app.Span().Class(pc.Class).Text(s)
						}
						return app.Text(s)
					})
				}),
				app.If(!large && strings.HasSuffix(p.box.input, "\n"), func() app.UI {
					return app.Text(" ") // a trailing newline still takes a line in the textarea
				}),
			),
			app.Textarea().
				ID("paste").
				Class(pasteClass(large, p.box.offBox)).
				Placeholder(p.box.placeholder()).
				Spellcheck(false).
				AutoFocus(true).
				Attr("autocomplete", "off").
				Attr("autocapitalize", "off").
				Attr("autocorrect", "off").
				Aria("describedby", "paste-hint").
				OnInput(on("input in the paste box", p.onInput)).
				OnPaste(on("a paste", p.onPaste)).
				OnScroll(on("scrolling the paste box", p.onScroll)).
				OnDragOver(on("a drag over the paste box", p.onDragOver)).
				OnDragLeave(on("a drag leaving the paste box", p.onDragLeave)).
				OnDrop(on("a drop", p.onDrop)),
		),
		app.Div().Class("input-tools").Body(
			app.Button().ID("open-file").Class("btn").Type("button").Text("Open a file…").OnClick(on("Open a file", p.pickFile)),
			app.Input().ID("file").Class("visually-hidden").Type("file").TabIndex(-1).Aria("hidden", true).
				Accept(".har,.txt,.log,.json,.jwt,.http,.pem,.jwks,text/plain,application/json").
				OnChange(on("the file picker", p.onFile)),
			app.Span().ID("paste-hint").Class("hint").Text(p.box.hint()),
			app.If(p.runner.running && p.fetching == "", func() app.UI {
				return &progressRow{Done: p.runner.progress[0], Total: p.runner.progress[1]}
			}),
		),
		app.If(p.box.offBox, p.renderOffBox),
		app.If(p.example != "" || p.form.Now != "", func() app.UI {
			return p.renderClockNote()
		}),
		app.If(large, p.renderExcerpt),
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

func (b *pasteBox) placeholder() string {
	if b.offBox {
		return "Paste or type here to replace the " + sizeText(len(b.input)) + " input shown below."
	}
	return "eyJhbGciOi…   or   HTTP/1.1 401 Unauthorized …   or   curl -v …"
}

// maxPreview is how much of a large input the preview shows.
const maxPreview = 1500

// renderOffBox stands in for a large input kept out of the textarea: its
// size, its beginning, and the ways to show it in full or clear it.
func (p *page) renderOffBox() app.UI {
	preview := p.box.input
	cut := len(preview) > maxPreview
	if cut {
		preview = preview[:snap(preview, maxPreview)]
	}
	return app.Div().ID("large-input").Class("large-input").Body(
		app.P().Body(
			app.Strong().Text(sizeText(len(p.box.input))+" to analyse, "),
			app.Text("kept out of the text box so that the page stays responsive. The analysis reads all of it; "+
				"the box above takes a new paste."),
		),
		app.Pre().Class("preview").Body(
			app.Text(preview),
			app.If(cut, func() app.UI { return app.Span().Class("hint").Text(" …") }),
		),
		app.Div().Class("large-tools").Body(
			app.Button().ID("show-all").Class("btn").Type("button").Text("Show all of it in the box (slow)").OnClick(on("Show all", p.onShowAll)),
			app.Button().ID("clear-input").Class("btn").Type("button").Text("Clear").OnClick(on("Clear", p.onClear)),
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

func (p *page) onShowAll(ctx app.Context, e app.Event) {
	p.box.offBox, p.box.showAll = false, true
	if el := app.Window().GetElementByID("paste"); el.Truthy() {
		el.Set("value", p.box.input)
		el.Call("focus")
	}
}

func (p *page) onClear(ctx app.Context, e app.Event) {
	p.box.fileNote, p.example = "", ""
	p.box.set("")
	if el := app.Window().GetElementByID("paste"); el.Truthy() {
		el.Call("focus")
	}
	p.run(p.ctx, "")
}

// onPaste takes a large paste before the textarea does: the text goes
// where the paste would have put it, and the result is held beside the box.
func (p *page) onPaste(ctx app.Context, e app.Event) {
	cd := e.Get("clipboardData")
	if !cd.Truthy() || p.box.showAll {
		return // (after "Show all", the box is the user's to edit)
	}
	el := ctx.JSSrc()
	// (JavaScript strings have no Length() here: syscall/js only measures
	// objects, so the texts are copied to measure them.)
	pasted := cd.Call("getData", "text/plain").String()
	v := ""
	if !p.box.offBox {
		v = el.Get("value").String()
	}
	if len(pasted)+len(v) <= maxPaint {
		return // small: the textarea inserts it and fires input
	}
	e.PreventDefault()
	text := pasted
	if !p.box.offBox {
		// Where the paste would have gone: over the selection.
		a, b := el.Get("selectionStart").Int(), el.Get("selectionEnd").Int()
		if a >= 0 && a <= b {
			// selectionStart/End count UTF-16 units; convert.
			a, b = utf16Offset(v, a), utf16Offset(v, b)
			text = v[:a] + pasted + v[b:]
		}
	}
	p.box.fileNote, p.example = "", ""
	p.shareReset++
	p.box.set(text)
	p.run(p.ctx, "")
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

func (b *pasteBox) hint() string {
	switch {
	case b.fileNote != "":
		return b.fileNote
	case b.input == "":
		return "…or drop a HAR or transcript file here."
	}
	n := len(b.input)
	s := sizeText(n)
	if n > maxInput {
		s += " — only the first 8 MiB are analysed"
	}
	return s
}

func (p *page) renderClockNote() app.UI {
	msg := "The analysis clock is fixed at " + p.form.Now + "."
	if t := exampleTitle(p.example); t != "" {
		msg = "Example “" + t + "”: the analysis clock is fixed at " + p.form.Now + " so the times read the same every time."
	}
	return app.P().Class("clock-note").Body(
		app.Text(msg+" "),
		app.Button().ID("use-my-clock").Class("btn link").Type("button").Text("Use my clock").OnClick(on("Use my clock", p.useMyClock)),
	)
}

// renderExcerpt shows the selected finding's evidence for inputs too large
// for the backdrop.
func (p *page) renderExcerpt() app.UI {
	f := p.selected()
	if f == nil || f.Span == nil || p.repText != p.box.input {
		return nil
	}
	ex, ok := excerpt(p.box.input, *f.Span, 160)
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

func (p *page) onInput(ctx app.Context, e app.Event) {
	if faultHook() == "event" {
		panic("fault injected by a test (window.__authdebugFault = \"event\")")
	}
	v := ctx.JSSrc().Get("value").String()
	switch {
	case p.box.offBox && v == "":
		// The box was emptied while a large input is held beside it:
		// keep that input (Clear drops it).
		ctx.PreventUpdate()
		return
	case len(v) > maxPaint && !p.box.showAll:
		// A large text dropped or set by a script: hold it beside the box.
		p.box.input, p.box.offBox = v, true
		ctx.JSSrc().Set("value", "")
	default:
		p.box.input, p.box.offBox = v, false
		if len(v) <= maxPaint {
			p.box.showAll = false
		}
	}
	p.box.fileNote = ""
	p.example = ""
	p.shareReset++
	it := e.Get("inputType")
	kind := ""
	if it.Type() == app.TypeString {
		kind = it.String()
	}
	// Typing waits for a pause; a paste, a drop or a scripted change
	// (no inputType) is analysed at once.
	if strings.HasPrefix(kind, "insert") && kind != "insertFromPaste" && kind != "insertFromDrop" || strings.HasPrefix(kind, "delete") || strings.HasPrefix(kind, "history") {
		p.runner.later(ctx, func() { p.run(p.ctx, "") })
		return
	}
	p.run(p.ctx, "")
}

func (p *page) onScroll(ctx app.Context, e app.Event) {
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

func (p *page) onDragOver(ctx app.Context, e app.Event) {
	if !hasFiles(e) {
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault()
	if p.box.dragging {
		ctx.PreventUpdate()
	}
	p.box.dragging = true
}

func (p *page) onDragLeave(ctx app.Context, e app.Event) {
	p.box.dragging = false
}

func (p *page) onDrop(ctx app.Context, e app.Event) {
	p.box.dragging = false
	dt := e.Get("dataTransfer")
	if !dt.Truthy() || !dt.Get("files").Truthy() || dt.Get("files").Length() == 0 {
		return // dropped text: the textarea inserts it and fires input
	}
	e.PreventDefault()
	p.readFile(dt.Get("files").Index(0))
}

func (p *page) pickFile(ctx app.Context, e app.Event) {
	if el := app.Window().GetElementByID("file"); el.Truthy() {
		el.Call("click")
	}
}

func (p *page) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	p.readFile(files.Index(0))
	ctx.JSSrc().Set("value", "")
}

// readFile loads a dropped or picked file into the paste box and analyses
// it (at most maxInput bytes of it).
func (p *page) readFile(file app.Value) {
	name := file.Get("name").String()
	size := file.Get("size").Int()
	blob := file
	note := "Read " + name
	if size > maxInput {
		blob = file.Call("slice", 0, maxInput)
		note += " (first 8 MiB of " + strconv.Itoa(size>>20) + " MiB)"
	}
	p.box.fileNote = "Reading " + name + "…"
	blob.Call("text").Then(func(v app.Value) {
		text := v.String()
		p.ctx.Dispatch(func(ctx app.Context) {
			p.example = ""
			p.box.set(text)
			p.box.fileNote = note
			p.run(ctx, "")
		})
	})
}

func (p *page) useMyClock(ctx app.Context, e app.Event) {
	p.form.Now = ""
	p.example = ""
	p.run(p.ctx, "")
}
