package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// curlStart finds "curl" (or "curl.exe") at the start of a line, after an
// optional shell prompt ("$ ", "% ", "# ", "> ", "PS C:\> ", "user@host:~$ ").
func curlStart(t string) (int, bool) {
	i := strings.Index(t, "curl")
	if i < 0 || i > 80 {
		return 0, false
	}
	if i > 0 {
		p := strings.TrimRight(t[:i], " \t")
		if p == "" || !(strings.HasSuffix(p, "$") || strings.HasSuffix(p, "%") || strings.HasSuffix(p, "#") || strings.HasSuffix(p, ">")) {
			return 0, false
		}
		if strings.Contains(p, "curl") {
			return 0, false
		}
	}
	r := t[i+4:]
	r = strings.TrimPrefix(r, ".exe")
	if r != "" && r[0] != ' ' && r[0] != '\t' {
		return 0, false
	}
	return i, true
}

// CommandStyle says how a curl command line is quoted.
type CommandStyle int

// Quoting styles of a curl command line.
const (
	StyleBash       CommandStyle = iota // POSIX shell: '…', "…", $'…', \ continuations
	StyleCmd                            // Windows cmd.exe, as Chrome's "Copy as cURL (cmd)": ^"…^", ^ continuations
	StylePowerShell                     // PowerShell: backtick continuations and escapes
)

// CurlStyle guesses the quoting style of the command starting at text.
func CurlStyle(text string) CommandStyle {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimRight(first, " \t\r")
	switch {
	case strings.Contains(first, `^"`) || strings.HasSuffix(first, "^"):
		return StyleCmd
	case strings.HasSuffix(first, "`"):
		return StylePowerShell
	}
	return StyleBash
}

// CommandEnd returns the offset just past the curl command line starting at
// off: the first line break that is neither escaped (a continuation) nor
// inside a quoted string. A quote that never closes is ignored, so one stray
// apostrophe does not swallow the rest of the paste.
func CommandEnd(text string, off int) int {
	style := CurlStyle(text[off:])
	if e, ok := commandEnd(text, off, style, true); ok {
		return e
	}
	e, _ := commandEnd(text, off, style, false)
	return e
}

func commandEnd(text string, off int, style CommandStyle, multiline bool) (int, bool) {
	esc := byte('\\')
	switch style {
	case StyleCmd:
		esc = '^'
	case StylePowerShell:
		esc = '`'
	}
	var quote byte // 0, '\'', '"'
	for i := off; i < len(text); i++ {
		c := text[i]
		switch {
		case quote == 0 && c == esc:
			i++
			if i < len(text) && text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			if style == StyleCmd && i < len(text) && text[i] == '\n' {
				// Chrome writes a newline inside a value as ^ and two line breaks.
				j := i + 1
				if j < len(text) && text[j] == '\r' {
					j++
				}
				if j < len(text) && text[j] == '\n' {
					i = j
				}
			}
		case quote == 0 && c == '\n':
			e := i
			if e > off && text[e-1] == '\r' {
				e--
			}
			return e, true
		case quote == 0 && (c == '\'' || c == '"'):
			if style == StyleCmd && c == '\'' {
				continue
			}
			quote = c
		case quote != 0 && c == quote:
			quote = 0
		case quote == '"' && c == esc && style != StyleCmd:
			i++
		case quote == '\'' && c == '\\' && style == StyleBash && i > off && i+1 < len(text) && text[i+1] == '\'' && ansiQuoted(text, off, i):
			i++
		case quote != 0 && c == '\n' && (!multiline || style == StyleCmd):
			e := i
			if e > off && text[e-1] == '\r' {
				e--
			}
			return e, true
		}
	}
	if quote != 0 && multiline {
		return 0, false
	}
	return len(text), true
}

// ansiQuoted reports whether the single-quoted string containing position i
// opened as $'…' (where \' is an escape).
func ansiQuoted(text string, off, i int) bool {
	j := strings.LastIndexByte(text[off:i], '\'')
	return j > 0 && text[off+j-1] == '$'
}

func (s *scanner) matchCurl(start int) ([]Part, int, bool) {
	text := s.text
	style := CurlStyle(text[start:])
	end, ok := 0, false
	if s.cmdBudget > 0 {
		if end, ok = commandEnd(text, start, style, true); !ok {
			s.cmdBudget--
		}
	}
	if !ok {
		end, _ = commandEnd(text, start, style, false)
	}
	for end > start && isSpace(text[end-1]) {
		end--
	}
	_, next := lineAt(text, max(end-1, start))
	// A curl -v transcript right after the command belongs to it.
	o := next
	for o < len(text) {
		le, nx := lineAt(text, o)
		t, _ := trimmed(text, o, le)
		if t == "" || isProgress(t) {
			o = nx
			continue
		}
		if verboseKind(t) != 0 {
			if ve, vn, ok := s.verboseExtent(o); ok {
				return []Part{s.part(report.KindCurlVerbose, start, ve)}, vn, true
			}
		}
		break
	}
	return []Part{s.part(report.KindCurlCommand, start, end)}, next, true
}
