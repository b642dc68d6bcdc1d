package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// ---- server logs and stack traces (report.KindServerLog) ----

// logLevels are the level words log formats print, upper- or lower-case.
var logLevels = []string{"ERROR", "ERR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE", "FATAL", "CRITICAL", "SEVERE", "FAIL", "CRIT", "DBUG", "NOTICE"}

// IsLogLine reports whether a trimmed line starts a log record: a Python
// traceback, a timestamped or levelled line, logfmt (level=… msg=…), a JSON
// log object on one line, a Nest or .NET console line, or an exception line
// (jose.exceptions.ExpiredSignatureError: …, Error: jwt expired).
func IsLogLine(t string) bool {
	switch {
	case t == "Traceback (most recent call last):":
		return true
	case strings.HasPrefix(t, "[Nest] "):
		return true
	case strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}"):
		return len(t) < 16<<10 && sniffJSON(t) == "" && (strings.Contains(t, `"level"`) || strings.Contains(t, `"severity"`) || strings.Contains(t, `"levelname"`) || strings.Contains(t, `"lvl"`)) &&
			(strings.Contains(t, `"msg"`) || strings.Contains(t, `"message"`) || strings.Contains(t, `"error"`) || strings.Contains(t, `"err"`))
	case strings.Contains(t, "level=") && (strings.Contains(t, "msg=") || strings.Contains(t, "err=") || strings.Contains(t, "error=")):
		return true
	}
	if n := timestampLen(t); n > 0 {
		rest := strings.TrimLeft(t[n:], " ]")
		return rest != "" // a timestamp then anything: a log line
	}
	if levelPrefix(t) {
		return true
	}
	return exceptionLine(t)
}

// levelPrefix reports a line that starts with a level: "ERROR:root:…",
// "INFO:     127.0.0.1:…", "fail: Microsoft.AspNetCore…[1]", "[ERROR] …",
// "ERROR [main] …".
func levelPrefix(t string) bool {
	s := strings.TrimPrefix(t, "[")
	for _, l := range logLevels {
		if len(s) <= len(l) || !strings.EqualFold(s[:len(l)], l) {
			continue
		}
		if s[:len(l)] != l && s[:len(l)] != strings.ToLower(l) {
			continue // "Error" in prose, not a level
		}
		switch c := s[len(l)]; {
		case c == ':' && l == strings.ToLower(l):
			// .NET console: "fail: Category[1]"
			return strings.HasSuffix(t, "]") || strings.HasPrefix(s[len(l)+1:], " Microsoft.")
		case c == ':' || c == ']':
			return true
		case c == ' ' || c == '\t':
			rest := strings.TrimSpace(s[len(l):])
			return l == strings.ToUpper(l) && (strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "-") || len(l) >= 4 && strings.Count(rest, " ") >= 2)
		}
	}
	return false
}

// timestampLen is the length of a leading timestamp: 2026-12-07 15:28:11,123,
// 2026-12-07T15:28:11.123Z, 2026/12/07 15:28:11 (Go's log), [2026-12-07 …],
// 15:28:11.123; 0 when there is none.
func timestampLen(t string) int {
	s := strings.TrimPrefix(t, "[")
	skip := len(t) - len(s)
	digits := func(i, n int) bool {
		if i+n > len(s) {
			return false
		}
		for k := i; k < i+n; k++ {
			if !isDigit(s[k]) {
				return false
			}
		}
		return true
	}
	i := 0
	switch {
	case digits(0, 4) && len(s) > 10 && (s[4] == '-' || s[4] == '/') && digits(5, 2) && s[7] == s[4] && digits(8, 2):
		i = 10
		if i < len(s) && (s[i] == ' ' || s[i] == 'T') && digits(i+1, 2) && i+3 < len(s) && s[i+3] == ':' {
			i++
		} else {
			return 0
		}
	case digits(0, 2) && len(s) > 5 && s[2] == ':':
	default:
		return 0
	}
	if !digits(i, 2) || i+5 >= len(s) || s[i+2] != ':' || !digits(i+3, 2) {
		return 0
	}
	i += 5
	for i < len(s) && (isDigit(s[i]) || strings.IndexByte(":.,+-Z", s[i]) >= 0) {
		i++
	}
	return skip + i
}

// exceptionLine reports "pkg.module.SomethingError: message",
// "io.jsonwebtoken.ExpiredJwtException: …", "Error: jwt expired",
// "Caused by: …", "panic: …": a line naming an exception class.
func exceptionLine(t string) bool {
	if strings.HasPrefix(t, "Caused by: ") || strings.HasPrefix(t, "panic: ") || strings.HasPrefix(t, "Unhandled exception. ") {
		return true
	}
	name, _, ok := strings.Cut(t, ":")
	if !ok {
		name = t
	}
	if name == "" || strings.ContainsAny(name, " \t-") || !isIdentStart(name[0]) {
		return false
	}
	for _, suf := range []string{"Error", "Exception", "Warning", "Fault", "Failure"} {
		if strings.HasSuffix(name, suf) {
			return ok || strings.Contains(name, ".")
		}
	}
	return false
}

func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

// logContinues reports a line that belongs to the log record before it: a
// stack frame (Python "  File …", Java/.NET/Node "at …"), an indented
// message line, "Caused by:", "... 12 more", a traceback's joining words.
func logContinues(raw, t string) bool {
	switch {
	case raw != "" && (raw[0] == ' ' || raw[0] == '\t'):
		return true
	case strings.HasPrefix(t, "at ") || strings.HasPrefix(t, "... ") || strings.HasPrefix(t, "--- End of"):
		return true
	case strings.HasPrefix(t, "During handling of the above exception") || strings.HasPrefix(t, "The above exception was the direct cause"):
		return true
	case strings.HasPrefix(t, "goroutine ") || strings.HasPrefix(t, "^"):
		return true
	}
	return IsLogLine(t)
}

// matchLog reads a log: the line at off and every line after it that
// belongs to a log record, across single blank lines inside a traceback.
func (s *scanner) matchLog(off int, t string, tOff int) ([]Part, int, bool) {
	if !IsLogLine(t) {
		return nil, 0, false
	}
	text := s.text
	end := tOff + len(t)
	_, next := lineAt(text, off)
	for o := next; o < len(text); {
		le, nx := lineAt(text, o)
		lt, lOff := trimmed(text, o, le)
		if lt == "" {
			// A blank line inside a traceback ("During handling …") or
			// between records: continue only if a log line follows.
			o2 := nx
			for o2 < len(text) {
				le2, nx2 := lineAt(text, o2)
				if t2, _ := trimmed(text, o2, le2); t2 != "" {
					break
				}
				o2 = nx2
			}
			if o2 >= len(text) {
				break
			}
			le2, _ := lineAt(text, o2)
			t2, _ := trimmed(text, o2, le2)
			if !IsLogLine(t2) && !strings.HasPrefix(t2, "During handling") && !strings.HasPrefix(t2, "The above exception") {
				break
			}
			o = o2
			continue
		}
		if !logContinues(text[o:le], lt) || isFence(lt) {
			break
		}
		end, next = lOff+len(lt), nx
		o = nx
	}
	return []Part{s.part(report.KindServerLog, tOff, end)}, next, true
}
