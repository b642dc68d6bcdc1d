package ui

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

// The paste box is a textarea over a "backdrop" that repeats its text in
// transparent ink, with coloured backgrounds behind token segments and the
// evidence of the selected finding. paint computes the backdrop's pieces.

// maxPaint is the largest input the backdrop repeats; above it the page
// shows an excerpt around the evidence instead.
const maxPaint = 256 << 10

// paintRange is a byte range of the input to colour with class.
type paintRange struct {
	Start, End int
	Class      string
}

// piece is a run of the input with the classes that apply to it.
type piece struct {
	Start, End int
	Class      string // segment class, "" for none
	Mark       bool   // inside the highlighted evidence
}

// paint splits text into pieces at every boundary of ranges and of hl.
// Ranges are clamped to the text and snapped to UTF-8 boundaries; empty or
// inverted ranges are ignored; where ranges overlap, the later one wins.
func paint(text string, ranges []paintRange, hl *report.Span) []piece {
	n := len(text)
	var rs []paintRange
	for _, r := range ranges {
		s, e := snap(text, r.Start), snap(text, r.End)
		if s < e {
			rs = append(rs, paintRange{s, e, r.Class})
		}
	}
	hs, he := -1, -1
	if hl != nil {
		hs, he = snap(text, hl.Start), snap(text, hl.End)
		if hs >= he {
			hs, he = -1, -1
		}
	}
	cuts := []int{0, n}
	for _, r := range rs {
		cuts = append(cuts, r.Start, r.End)
	}
	if hs >= 0 {
		cuts = append(cuts, hs, he)
	}
	sort.Ints(cuts)
	var out []piece
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		p := piece{Start: a, End: b, Mark: hs >= 0 && a >= hs && b <= he}
		for _, r := range rs {
			if a >= r.Start && b <= r.End {
				p.Class = r.Class
			}
		}
		if k := len(out) - 1; k >= 0 && out[k].Class == p.Class && out[k].Mark == p.Mark {
			out[k].End = b
			continue
		}
		out = append(out, p)
	}
	return out
}

// snap clamps i to [0, len(text)] and moves it back to a rune start.
func snap(text string, i int) int {
	if i <= 0 {
		return 0
	}
	if i >= len(text) {
		return len(text)
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// segmentRanges colours every token segment found verbatim in the input.
func segmentRanges(r *report.Report) []paintRange {
	if r == nil {
		return nil
	}
	var out []paintRange
	for _, t := range r.Tokens {
		for _, s := range t.Segments {
			if s.Span == nil {
				continue
			}
			out = append(out, paintRange{Start: s.Span.Start, End: s.Span.End, Class: "seg-" + segClass(s.Name)})
		}
		if len(out) > 2000 {
			break
		}
	}
	return out
}

// segClass maps a segment name to a CSS class suffix.
func segClass(name string) string {
	switch name {
	case "header", "payload", "signature", "encrypted_key", "iv", "ciphertext", "tag":
		return name
	}
	return "other"
}

// excerpt is the context around a span of a large input: the line(s)
// holding it, cut to about width bytes each side.
type excerptView struct {
	Line         int // 1-based line of the span's start
	Before, Mark string
	After        string
	CutBefore    bool
	CutAfter     bool
}

func excerpt(text string, sp report.Span, width int) (excerptView, bool) {
	s, e := snap(text, sp.Start), snap(text, sp.End)
	if s >= e {
		return excerptView{}, false
	}
	ls := s
	for ls > 0 && text[ls-1] != '\n' && s-ls < width {
		ls--
	}
	le := e
	for le < len(text) && text[le] != '\n' && le-e < width {
		le++
	}
	me := e
	if me-s > 4*width {
		me = snap(text, s+4*width)
	}
	v := excerptView{
		Before:    text[snap(text, ls):s],
		Mark:      text[s:me],
		After:     text[e:snap(text, le)],
		CutBefore: ls > 0 && text[ls-1] != '\n',
		CutAfter:  le < len(text) && text[le] != '\n' || me < e,
	}
	if me < e {
		v.After = ""
	}
	v.Line = 1 + strings.Count(text[:s], "\n")
	return v, true
}
