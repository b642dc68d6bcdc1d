package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/console"
	"github.com/authdebug/authdebug/internal/report"
)

// ---- the browser console (report.KindBrowserConsole) ----

// consoleContinues reports a line that belongs to the console output before
// it: another recognised message, or a stack frame printed under an
// exception ("    at run (http://…:4:19)").
func consoleContinues(raw, t string) bool {
	if strings.HasPrefix(t, "at ") && raw != "" && (raw[0] == ' ' || raw[0] == '\t') {
		return true
	}
	return console.IsLine(t)
}

// matchConsole reads console output from the line at off: recognised
// messages, their stack frames, and single blank lines between them. The
// part names the browser whose wording its first message is.
func (s *scanner) matchConsole(off int, t string, tOff int) ([]Part, int, bool) {
	text := s.text
	end := tOff + len(t)
	_, next := lineAt(text, off)
	for o, n := next, 0; o < len(text) && n < maxDebugLines; n++ {
		le, nx := lineAt(text, o)
		lt, lOff := trimmed(text, o, le)
		if lt == "" {
			if nx >= len(text) {
				break
			}
			le2, _ := lineAt(text, nx)
			if t2, _ := trimmed(text, nx, le2); !console.IsLine(t2) {
				break
			}
			o = nx
			continue
		}
		if !consoleContinues(text[o:le], lt) {
			break
		}
		end, next = lOff+len(lt), nx
		o = nx
	}
	p := s.part(report.KindBrowserConsole, tOff, end)
	if ms := console.Recognise(t); len(ms) > 0 {
		p.Flavor = ms[0].Browser
	}
	return []Part{p}, next, true
}
