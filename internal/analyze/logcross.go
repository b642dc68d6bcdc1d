package analyze

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/serverlog"
)

// A log read with the token and keys pasted beside it: what the log says is
// compared with what the engine sees (the kid a log could not find against
// the token's and the keys', the time a log says a token expired against
// the token's exp), and the times a message quotes are the server's clock.

// rotation is the diagnosis of a kid-not-found log message when the token
// and keys were pasted too: which key set is behind, and who must act. ""
// when the paste does not tell.
func (r *run) rotation(kids []string) string {
	d := r.sentToken()
	if d == nil || len(kids) == 0 {
		return ""
	}
	kid, _ := d.Header["kid"].(string)
	if kid == "" || !contains(kids, kid) {
		return ""
	}
	var have []string
	for _, k := range r.rep.Keys {
		if k.Kid != "" && !contains(have, k.Kid) {
			have = append(have, k.Kid)
		}
	}
	if len(have) == 0 {
		return ""
	}
	if contains(have, kid) {
		return fmt.Sprintf("Key rotation: the token is signed with kid %q, which the pasted keys hold but the server could not find. The server's cached key set predates the issuer's new key. Server: refresh the JWKS cache (refetch on an unknown kid, with a rate limit) or restart the service; the client's token is fine.", kid)
	}
	return fmt.Sprintf("Key rotation: the token is signed with kid %q, and neither the server nor the pasted keys (kid %s) have it. The issuer retired that key, or the token comes from another issuer or environment. Client: get a new token from the issuer the API trusts; if new tokens still carry %q, the issuer signs with a key it does not publish, and its operator must publish it in the JWKS.", kid, quoteAll(have), kid)
}

// logTime is the time of the log record holding lines [start, end) of the
// part: the timestamp of its line, or of the nearest line before it that has
// one (a traceback's exception line has none). ok is false when none is
// found; zone tells whether the timestamp carried its zone.
func logTime(text string, start int) (t time.Time, zone, ok bool) {
	for end := start; end >= 0 && start-end < 64<<10; {
		b := strings.LastIndexByte(text[:end], '\n') + 1
		if t, zone, ok := lineTime(text[b:min(len(text), b+512)]); ok {
			return t, zone, true
		}
		if b == 0 {
			break
		}
		end = b - 1
	}
	return time.Time{}, false, false
}

// timeLayouts are the timestamps log formats write, the zoned ones first.
var timeLayouts = []struct {
	layout string
	zone   bool
}{
	{time.RFC3339Nano, true}, {"2006-01-02 15:04:05.999999999Z07:00", true}, {"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02T15:04:05.999999999", false}, {"2006-01-02 15:04:05.999999999", false},
	{"2006-01-02 15:04:05,999", false}, {"2006/01/02 15:04:05.999999", false}, {"2006/01/02 15:04:05", false},
}

// lineTime reads the timestamp at the start of a log line (after a "[" or
// "time="), or a JSON record's time field.
func lineTime(line string) (time.Time, bool, bool) {
	s := strings.TrimSpace(line)
	if strings.HasPrefix(s, "{") {
		var obj map[string]any
		if json.Unmarshal([]byte(s), &obj) == nil {
			for _, k := range []string{"time", "timestamp", "ts", "@timestamp", "asctime"} {
				switch v := obj[k].(type) {
				case string:
					if t, z, ok := parseLogTime(v); ok {
						return t, z, true
					}
				case float64:
					if v > 1e9 && v < 1e11 {
						return time.Unix(int64(v), int64((v-float64(int64(v)))*1e9)).UTC(), true, true
					}
				}
			}
		}
		return time.Time{}, false, false
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "time="), "[")
	return parseLogTime(s)
}

func parseLogTime(s string) (time.Time, bool, bool) {
	s = strings.Trim(s, `"`)
	for n := min(len(s), 35); n >= 16; n-- {
		for _, l := range timeLayouts {
			if t, err := time.Parse(l.layout, s[:n]); err == nil {
				return t.UTC(), l.zone, true
			}
		}
	}
	return time.Time{}, false, false
}

// messageTimes reads the times a message quotes: IDX10223's "Current time
// (UTC): '…'" and ValidTo, jjwt's "Current time: …", Spring's "Jwt expired
// at …". now is the server's clock when the message gives it.
func messageTimes(text string) (now, exp time.Time) {
	for _, k := range []string{"Current time (UTC): '", "Current time: "} {
		if v := after(text, k); v != "" {
			now, _ = quotedTime(v)
		}
	}
	for _, k := range []string{"ValidTo (UTC): '", "Jwt expired at ", " ago at "} {
		if v := after(text, k); v != "" {
			exp, _ = quotedTime(v)
		}
	}
	return now, exp
}

func after(text, key string) string {
	if i := strings.Index(text, key); i >= 0 {
		return text[i+len(key):]
	}
	return ""
}

// dotnetLayouts are the forms .NET prints a DateTime in (invariant and
// en-US cultures).
var dotnetLayouts = []string{"01/02/2006 15:04:05", "1/2/2006 3:04:05 PM", "1/2/2006 15:04:05", time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05"}

// quotedTime reads a time at the start of v, up to a quote, a comma or the
// end of a sentence.
func quotedTime(v string) (time.Time, bool) {
	if i := strings.IndexAny(v, "'\""); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.SplitN(v, ". ", 2)[0]), "."))
	v = strings.TrimSuffix(v, ",")
	for _, l := range dotnetLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// logClock compares what a log message says about time with the pasted
// token and the analysis clock: the server's clock from the message (IDX10223,
// jjwt) gives clock.skew and clock.expired_at_server; a log saying expired
// or not yet valid at its own timestamp while the token's exp says
// otherwise is said in detail (a clock, or another token). It returns the
// sentence to add to the message's finding.
func (r *run) logClock(p detect.Part, m serverlog.Message, said string) string {
	serverNow, exp := messageTimes(m.Raw)
	var note []string
	if !exp.IsZero() {
		note = append(note, "the message gives exp "+exp.Format(time.RFC3339))
	}
	if !serverNow.IsZero() {
		note = append(note, "the server's clock read "+serverNow.Format(time.RFC3339))
		r.messageClock(serverNow, said)
	}
	d := r.sentToken()
	if d == nil || m.Cause != "expired" && m.Cause != "not-yet-valid" {
		return strings.Join(note, "; ")
	}
	at, zone, ok := serverNow, true, !serverNow.IsZero()
	if !ok {
		at, zone, ok = logTime(p.Text, m.Start)
	}
	tokExp, hasExp := claimTime(d.Payload, "exp")
	if !ok || !hasExp {
		return strings.Join(note, "; ")
	}
	left := tokExp.Sub(at)
	if m.Cause == "expired" && left > r.s.leeway+time.Minute {
		s := fmt.Sprintf("At the log's time (%s) the pasted token still had %s before its exp (%s): the server's clock is ahead, or the log is about another token than the one pasted.",
			at.Format(time.RFC3339), humanDur(left), tokExp.Format(time.RFC3339))
		if h := left.Truncate(time.Hour) + time.Hour; !zone && h <= 14*time.Hour {
			s += fmt.Sprintf(" The log's timestamp has no zone: if it is local time %s or more behind UTC, the two agree.", humanDur(h))
		}
		note = append(note, s)
	}
	return strings.Join(note, "; ")
}

// claimTime reads a NumericDate claim.
func claimTime(p map[string]any, name string) (time.Time, bool) {
	switch v := p[name].(type) {
	case float64:
		return time.Unix(int64(v), 0).UTC(), true
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return time.Unix(n, 0).UTC(), true
		}
	}
	return time.Time{}, false
}

// messageClock raises clock.skew when the server's clock a message quotes
// differs from the analysis clock by more than 30 s and no response Date
// did so already, and clock.expired_at_server when the pasted token was
// still valid locally but expired by the server's clock.
func (r *run) messageClock(server time.Time, said string) {
	if r.rep.Has(report.ClockSkew) {
		return
	}
	skew := server.Sub(r.s.now)
	ev := report.Evidence(fmt.Sprintf("%s; local: %s", said, r.s.now.Format(time.RFC3339)))
	if skew.Abs() > 30*time.Second {
		dir := "ahead of"
		if skew < 0 {
			dir = "behind"
		}
		r.add(report.New(report.ClockSkew, report.Warning, report.Both,
			fmt.Sprintf("The server's message gives its clock as %s, %s %s the local clock", server.Format(time.RFC3339), humanDur(skew.Abs()), dir),
			"The message quotes the time the server checked the token at. When it is far from the local clock, either the log is old (it describes an earlier request) or one of the clocks is wrong; the server judges exp and nbf by its own.",
			"If the log is fresh, synchronise the server's clock (NTP); otherwise analyse with the log's time as now (--now).", ev, "RFC 7519 §4.1.4"))
	}
	d := r.sentToken()
	if d == nil {
		return
	}
	if exp, ok := claimTime(d.Payload, "exp"); ok && exp.After(r.s.now.Add(r.s.leeway)) && !exp.After(server.Add(r.s.leeway)) {
		r.add(report.New(report.ClockExpiredAtServer, report.Error, report.Both,
			"The token is still valid by the local clock but was expired by the server's, as its message says",
			report.Detail(fmt.Sprintf("exp is %s; the server checked it at %s by its own clock.", exp.Format(time.RFC3339), server.Format(time.RFC3339))),
			"Get a fresh token and synchronise the server's clock (NTP); a small leeway (30–60 s) on the server absorbs normal drift.", ev, "RFC 7519 §4.1.4"))
	}
}

// humanDur writes a duration as 3h5m, 12m, 40s.
func humanDur(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case h > 0 && m > 0:
		return fmt.Sprintf("%dh%dm", h, m)
	case h > 0:
		return fmt.Sprintf("%dh", h)
	case m > 0 && sec > 0:
		return fmt.Sprintf("%dm%ds", m, sec)
	case m > 0:
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%ds", sec)
}

// accessFindings reports the refused requests a log's access lines show
// (uvicorn, gunicorn: "GET /users/me HTTP/1.1" 401): the path and status as
// the server's own evidence. With a library message in the same log they
// are its context; alone they are a warning that names no cause.
func (r *run) accessFindings(p detect.Part, recognised bool) bool {
	seen := map[string]bool{}
	any := false
	for _, a := range serverlog.AccessLines(p.Text) {
		if a.Status != 401 && a.Status != 403 && a.Status != 407 {
			continue
		}
		k := fmt.Sprintf("%s %s %d", a.Method, a.Path, a.Status)
		if seen[k] || len(seen) >= 3 {
			continue
		}
		seen[k] = true
		any = true
		path := exchange.MaskURL(a.Path, r.s.reveal)
		sev, detail := report.Warning, "The access log says the request was refused, not why: the application's own log lines written with it (the authentication handler's warning or exception) say why."
		if recognised {
			sev, detail = report.Info, "The access log line of the refused request; the library message in the same log says why."
		}
		span := &report.Span{Start: p.Start + a.Start, End: p.Start + a.End}
		r.rep.ServerMessages = append(r.rep.ServerMessages, report.RecognisedMessage{Library: "access log", Cause: "refused",
			Message: fmt.Sprintf("%s %s %d", a.Method, path, a.Status), Meaning: detail, Where: fmt.Sprintf("log.line[%d]", a.Line), Span: span})
		r.add(report.New(report.ServerMessage, sev, report.Both,
			fmt.Sprintf("The server's access log: %s %s was answered %d", a.Method, path, a.Status), report.Detail(detail),
			"Paste the log lines written with it, or the failing request and response (curl -v, a HAR export).",
			report.Evidence(fmt.Sprintf("log.line[%d]: %s %s → %d", a.Line, a.Method, path, a.Status)), "RFC 9110 §15.5.2").Within(span))
	}
	return any
}
