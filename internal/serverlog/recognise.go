package serverlog

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/servermsg"
)

// Message is one library message recognised in a log.
type Message struct {
	servermsg.Message
	// Start and End locate the message's line in the text read.
	Start, End int
	// Line is that line's number, from 1.
	Line int
	// Kids are the key ids the message quotes (kid-not-found, kid-missing
	// …), as written: evidence to compare with a pasted token and JWKS.
	Kids []string
}

// maxLines bounds the lines of one log read.
const maxLines = 5000

type line struct {
	raw        string // the line as written (no line break)
	t          string // trimmed
	start, end int    // of raw in the text
	n          int
}

// Recognise reads a log or stack trace and returns the library messages it
// holds, in order, each once. In a Python traceback the last exception line
// decides (earlier ones in its chain only when the last is not a library
// message); elsewhere every line counts, the best cut of each.
func Recognise(text string) []Message {
	lines := split(text)
	hint := hintOf(text)
	var out []Message
	seen := map[string]bool{}
	add := func(l line, m servermsg.Match, raw string) {
		k := m.Cause + "\x00" + strings.ToLower(raw)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, message(l, m, raw))
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.t == "Traceback (most recent call last):" {
			j, exc := traceback(lines, i)
			for k := len(exc) - 1; k >= 0; k-- {
				if m, raw, ok := best(lines[exc[k]].t, hint); ok {
					add(lines[exc[k]], m, raw)
					break
				}
			}
			i = j
			continue
		}
		m, raw, ok := best(l.t, hint)
		if j := paragraph(lines, i); j > i {
			// A message over several lines (.NET indents each of them).
			var b strings.Builder
			for _, x := range lines[i : j+1] {
				b.WriteString(x.t + "\n")
			}
			if m2, raw2, ok2 := best(strings.TrimSpace(b.String()), hint); ok2 && (!ok || m2.Score() > m.Score()) {
				l.end = lines[j].end
				m, raw, ok = m2, raw2, true
				i = j
			}
		}
		if ok {
			add(l, m, raw)
		}
	}
	return out
}

// paragraph returns the index of the last line that continues the message
// at lines[i]: lines indented as much as it is (or more) that are not
// stack frames, nor (after an unindented line) the start of the next log
// record.
func paragraph(lines []line, i int) int {
	ind := indent(lines[i].raw)
	j := i
	for k := i + 1; k < len(lines) && k <= i+8; k++ {
		n := lines[k]
		if n.t == "" || indent(n.raw) < ind || ind == 0 && (indent(n.raw) > 0 || detect.IsLogLine(n.t)) || frame(n.t) || isException(n.t) {
			break
		}
		j = k
	}
	return j
}

func indent(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// frame reports a stack frame line.
func frame(t string) bool {
	return strings.HasPrefix(t, "at ") || strings.HasPrefix(t, "File \"") || strings.HasPrefix(t, "... ") || strings.HasPrefix(t, "--- ")
}

// LastException is the last line of the text that names an exception (a
// traceback's final line), or its last non-blank line: what an unrecognised
// log is quoted by. It may quote a credential: show it through
// servermsg.Safe.
func LastException(text string) string {
	lines := split(text)
	last := ""
	for _, l := range lines {
		if l.t != "" && l.raw[0] != ' ' && l.raw[0] != '\t' && isException(l.t) {
			last = l.t
		}
	}
	if last == "" {
		for k := len(lines) - 1; k >= 0; k-- {
			if lines[k].t != "" {
				return lines[k].t
			}
		}
	}
	return last
}

func split(text string) []line {
	var ls []line
	off := 0
	for off < len(text) && len(ls) < maxLines {
		i := strings.IndexByte(text[off:], '\n')
		end, next := len(text), len(text)
		if i >= 0 {
			end, next = off+i, off+i+1
		}
		raw := strings.TrimSuffix(text[off:end], "\r")
		ls = append(ls, line{raw: raw, t: strings.TrimSpace(raw), start: off, end: off + len(raw), n: len(ls) + 1})
		off = next
	}
	return ls
}

// traceback returns the index of the last line of the Python traceback
// starting at lines[i] (chained tracebacks included) and the indexes of its
// exception lines: non-indented lines after the frames.
func traceback(lines []line, i int) (int, []int) {
	var exc []int
	j := i + 1
	last := i
	for ; j < len(lines); j++ {
		l := lines[j]
		switch {
		case l.t == "":
			continue
		case l.t == "Traceback (most recent call last):" || strings.HasPrefix(l.t, "During handling of the above") || strings.HasPrefix(l.t, "The above exception was the direct"):
		case l.raw[0] == ' ' || l.raw[0] == '\t':
		case isException(l.t):
			exc = append(exc, j)
		default:
			return last, exc
		}
		last = j
	}
	return last, exc
}

// isException reports "module.ClassError: message" and the like.
func isException(t string) bool {
	name, _, _ := strings.Cut(t, ":")
	if name == "" || strings.ContainsAny(name, " \t") {
		return strings.HasPrefix(t, "Caused by: ")
	}
	for _, suf := range []string{"Error", "Exception", "Warning", "Fault", "Failure", "Expired", "Invalid"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// best tries the cuts of one line and returns the best match and the cut
// that made it.
func best(t, hint string) (servermsg.Match, string, bool) {
	var top servermsg.Match
	raw, found := "", false
	for _, c := range cuts(t) {
		if len(c) < 4 {
			continue
		}
		m, ok := servermsg.MatchText(c, hint)
		if ok && falsePositive(t, c, m) {
			continue
		}
		if ok && (!found || m.Score() > top.Score() || m.Score() == top.Score() && len(c) < len(raw)) {
			top, raw, found = m, c, true
		}
	}
	return top, raw, found
}

// falsePositive rejects a time cause read from words a log uses in another
// sense: a TLS certificate that expired, a cache entry, a licence, a
// password, a lease.
// A word inside an exact message is the library's own ("The associated
// certificate has expired"); around it, or inside a loose match, it is not.
func falsePositive(t, cut string, m servermsg.Match) bool {
	switch m.Cause {
	case "expired", "not-yet-valid", "session-expired", "iat-future":
	default:
		return false
	}
	l := strings.ToLower(t)
	if m.Exact() {
		if i := strings.Index(t, cut); i >= 0 {
			l = strings.ToLower(t[:i] + " " + t[i+len(cut):])
		}
	}
	for _, w := range fpWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// fpWords are things other than a token that expire or come due.
var fpWords = []string{"certificate", "x509", "tls", "cache", "licen", "password", "lease", "subscription", "trial", "cookie", "coupon", "invoice", "otp", "one-time", "reset link", "invitation", "lock"}

// cuts are the ways to read a line's message out of its noise: the line,
// the fields of a JSON log object or logfmt record that carry a message, and
// what follows each ": ", "] " or " - " (a logger name, a level, an
// exception class).
func cuts(t string) []string {
	var out []string
	if strings.HasPrefix(t, "{") {
		var obj map[string]any
		if json.Unmarshal([]byte(t), &obj) == nil {
			for _, k := range []string{"error", "err", "exception", "exc_info", "msg", "message", "detail", "reason", "error_description"} {
				if v, ok := obj[k].(string); ok && v != "" {
					if i := strings.LastIndexByte(strings.TrimSpace(v), '\n'); i >= 0 {
						out = append(out, cuts(strings.TrimSpace(strings.TrimSpace(v)[i+1:]))...)
					}
					out = append(out, cuts(v)...)
				}
			}
			return append(out, t)
		}
	}
	if strings.Contains(t, "=") {
		for _, k := range []string{"err", "error", "msg", "message", "reason"} {
			if v, ok := logfmt(t, k); ok && v != "" {
				out = append(out, cuts(v)...)
			}
		}
	}
	out = append(out, t)
	for i, n := 0, 0; i < len(t) && n < 12; i++ {
		if i+2 <= len(t) && (t[i:i+2] == ": " || t[i:i+2] == "] " || t[i:i+2] == "> ") || i+3 <= len(t) && t[i:i+3] == " - " {
			rest := strings.TrimLeft(t[i+1:], " -:")
			if rest != "" {
				out = append(out, rest)
				n++
			}
		}
	}
	// A trailing "[in /path/file.py:12]", nginx's ", client: …" and its
	// leading "*5 " connection number are not the message.
	for _, c := range out {
		if k := strings.Index(c, ", client: "); k > 0 {
			c = c[:k]
			out = append(out, c)
		}
		if len(c) > 2 && c[0] == '*' && isDigit(c[1]) {
			if k := strings.IndexByte(c, ' '); k > 0 {
				out = append(out, c[k+1:])
			}
		}
		if k := strings.LastIndex(c, " ["); k > 0 && strings.HasSuffix(c, "]") {
			out = append(out, c[:k])
		}
	}
	return out
}

// logfmt returns the value of key in a logfmt record (key=value, or
// key="quoted \"value\"").
func logfmt(t, key string) (string, bool) {
	for i := 0; i < len(t); {
		k := strings.Index(t[i:], key+"=")
		if k < 0 {
			return "", false
		}
		k += i
		if k > 0 && t[k-1] != ' ' {
			i = k + len(key) + 1
			continue
		}
		v := t[k+len(key)+1:]
		if strings.HasPrefix(v, `"`) {
			var b strings.Builder
			for j := 1; j < len(v); j++ {
				switch v[j] {
				case '\\':
					if j+1 < len(v) {
						j++
						b.WriteByte(v[j])
					}
				case '"':
					return b.String(), true
				default:
					b.WriteByte(v[j])
				}
			}
			return b.String(), true
		}
		if e := strings.IndexByte(v, ' '); e >= 0 {
			v = v[:e]
		}
		return v, true
	}
	return "", false
}

func message(l line, m servermsg.Match, raw string) Message {
	msg := Message{Start: l.start, End: l.end, Line: l.n}
	msg.Library, msg.Cause, msg.Alternatives = m.Library, m.Cause, m.Alternatives
	msg.Raw, msg.Text = raw, servermsg.Safe(raw)
	msg.Where = fmt.Sprintf("log.line[%d]", l.n)
	msg.Meaning = servermsg.Meaning(m.Cause)
	msg.Specific = m.Cause != "generic-invalid"
	for _, f := range m.Fills {
		msg.Fills = append(msg.Fills, servermsg.Safe(strings.TrimSpace(f)))
	}
	if strings.HasPrefix(m.Cause, "kid") {
		msg.Kids = kids(raw)
	}
	return msg
}

// kids returns the quoted values of a message about a kid: 'k2', "k2",
// `kid: k2`, kid=k2.
func kids(raw string) []string {
	var out []string
	for _, q := range []string{"'", `"`, "`"} {
		parts := strings.Split(raw, q)
		for i := 1; i+1 < len(parts); i += 2 {
			if v := parts[i]; v != "" && len(v) <= 200 && !strings.ContainsAny(v, " \t") {
				out = append(out, v)
			}
		}
	}
	if len(out) == 0 {
		l := strings.ToLower(raw)
		for _, p := range []string{"kid: ", "kid=", "kid "} {
			if i := strings.Index(l, p); i >= 0 {
				fs := strings.Fields(raw[i+len(p):])
				if len(fs) == 0 {
					break
				}
				if v := strings.Trim(fs[0], `.,;:()[]{}`); v != "" && len(v) <= 200 {
					out = append(out, v)
				}
				break
			}
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
