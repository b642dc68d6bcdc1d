package analyze

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/detect"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/serverlog"
	"github.com/authdebug/authdebug/internal/servermsg"
)

// logMessages reads the pasted server logs (internal/serverlog): each
// recognised library message raises server.message, and the cause's own code
// when the engine had not seen the cause itself, as a response body's words
// do (serverMessages). A log in which nothing is recognised is one
// input.unrecognized quoting its last exception line.
func (r *run) logMessages(parts []detect.Part) {
	done := map[string]bool{}
	for _, sm := range r.rep.ServerMessages {
		if sm.Code != "" {
			done[sm.Cause] = true // a body already said it
		}
	}
	for _, p := range parts {
		msgs := serverlog.Recognise(p.Text)
		if !r.accessFindings(p, len(msgs) > 0) && len(msgs) == 0 {
			r.add(unrecognizedLog(p))
		}
		if len(msgs) > 0 {
			r.noteInput(p, msgs[0].Library)
		} else {
			r.noteInput(p, serverlog.FramesLibrary(p.Text))
		}
		for _, m := range msgs {
			sm := report.RecognisedMessage{Library: m.Library, Cause: m.Cause, Message: m.Text, Meaning: m.Meaning,
				Where: m.Where, Span: &report.Span{Start: p.Start + m.Start, End: p.Start + m.End}}
			if k := strings.Index(p.Text[m.Start:m.End], m.Raw); k >= 0 {
				sm.Span = &report.Span{Start: p.Start + m.Start + k, End: p.Start + m.Start + k + len(m.Raw)}
			}
			if !done[m.Cause] {
				done[m.Cause] = true
				sm.Code = r.logMessage(p, m, sm)
			} else if c := causeCodes[m.Cause]; c != "" && r.rep.Has(c) {
				sm.Code = c
			}
			r.rep.ServerMessages = append(r.rep.ServerMessages, sm)
		}
	}
}

// logMessage raises the findings for one log message and returns the code
// it raised or confirmed for the cause ("" when none).
func (r *run) logMessage(p detect.Part, m serverlog.Message, sm report.RecognisedMessage) string {
	said := saidOf(sm.Where, m.Message)
	if k := r.kidEvidence(m.Kids); k != "" {
		said += "; " + k
	}
	clockNote := r.logClock(p, m, said)
	rotation := r.rotation(m.Kids)
	f := messageFinding(m.Message, fmt.Sprintf("The server's log: %s says %s", m.Library, report.Quote(m.Text, 120)), said, []string{"RFC 6750 §3.1"}, sm.Span)
	code := r.causeCode(m.Cause)
	confirmed := ""
	switch {
	case code == "":
		f.Severity = report.Error
		if !m.Specific {
			f.Severity = report.Warning
			f.Detail += " It names no cause: the lines around it in the log, or the response, may say more."
		}
	case r.has(code):
		f.Severity = report.Info
		f.Detail += " This agrees with the " + code + " finding."
		r.enrich(code, said)
		if rotation != "" {
			r.explain(code, rotation)
		}
		confirmed = code
	case code == report.SignatureKidNotFound && r.otherKid(m.Kids):
		f.Severity = report.Warning
		f.Detail += " The kid the log names is not the pasted token's: the log is about another token, or the server reads another one than the one pasted."
	case tokenIntrinsic[code] && r.sentToken() != nil:
		f.Severity = report.Warning
		if strings.Contains(clockNote, "At the log's time") {
			f.Title = "The server's log and the pasted token disagree: " + m.Library + " says " + report.Quote(m.Text, 80)
		} else {
			f.Detail += " The token pasted does not show this by the analysis clock: the server's clock or leeway differs, the log is about another token than the one pasted, or the wording covers more than one fault."
		}
	default:
		cf := causeFinding(code, m.Message, said, sm.Span)
		cf.Detail = m.Meaning + " The engine could not check this itself (no token, expectation or key for it was pasted): the server's log is the evidence."
		if rotation != "" {
			cf.Detail += " " + rotation
		}
		r.add(cf)
		f.Severity = report.Info
		f.Detail += " Raised as " + code + ", with this log line as its evidence."
		confirmed = code
	}
	if clockNote != "" {
		f.Detail += " " + upperFirst(clockNote) + "."
		f.Detail = strings.ReplaceAll(f.Detail, "..", ".")
	}
	r.add(f)
	return confirmed
}

// explain adds a sentence to the detail of the first finding of code.
func (r *run) explain(code, s string) {
	for k := range r.rep.Findings {
		if f := &r.rep.Findings[k]; f.Code == code {
			f.Detail += " " + s
			return
		}
	}
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// otherKid reports whether the pasted token has a kid and the log names
// others.
func (r *run) otherKid(kids []string) bool {
	d := r.sentToken()
	if d == nil || len(kids) == 0 {
		return false
	}
	kid, _ := d.Header["kid"].(string)
	return kid != "" && !contains(kids, kid)
}

// kidEvidence compares the key ids a log message quotes with the pasted
// token's kid and the pasted or fetched keys.
func (r *run) kidEvidence(kids []string) string {
	if len(kids) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the log names kid %s", quoteAll(kids))
	if d := r.sentToken(); d != nil {
		if kid, _ := d.Header["kid"].(string); kid != "" {
			if contains(kids, kid) {
				fmt.Fprintf(&b, ", the kid of the pasted token")
			} else {
				fmt.Fprintf(&b, ", but the pasted token's kid is %q: the log is about another token, or the server reads another one", kid)
			}
		}
	}
	var have []string
	for _, k := range r.rep.Keys {
		if k.Kid != "" && !contains(have, k.Kid) {
			have = append(have, k.Kid)
		}
	}
	if len(have) > 0 {
		in := false
		for _, k := range kids {
			in = in || contains(have, k)
		}
		if in {
			fmt.Fprintf(&b, "; the keys pasted have it (%s): the server's key set is older than the one pasted", quoteAll(have))
		} else {
			fmt.Fprintf(&b, "; the keys pasted have kid %s, not it", quoteAll(have))
		}
	}
	return b.String()
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", servermsg.Safe(s))
	}
	return strings.Join(q, ", ")
}

// unrecognizedLog is the input.unrecognized finding of a log in which no
// library message was recognised: it quotes the last exception line, made
// safe.
func unrecognizedLog(p detect.Part) report.Finding {
	last := servermsg.Safe(serverlog.LastException(p.Text))
	from := ""
	if lib := serverlog.FramesLibrary(p.Text); lib != "" {
		from = " Its frames (or its exception's module) name " + servermsg.Safe(lib) + ": that is where it was raised."
	}
	return report.New(report.InputUnrecognized, report.Warning, report.Client,
		"A server log was pasted, but no token library's message was recognised in it: "+report.Quote(last, 100),
		report.Detail("The log's last exception line is not one of the messages of the token libraries, frameworks and gateways authdebug knows, so it explains nothing here by itself."+from),
		"Paste the log lines written when the request was refused (the authentication handler's error or warning and its exception), or the failing request and response (curl -v, a HAR export).",
		report.Evidence(report.Quote(last, 200))).Within(&report.Span{Start: p.Start, End: p.End})
}

// noteInput names what wrote the input part p (its Report note), when
// detection did not.
func (r *run) noteInput(p detect.Part, note string) {
	for k := range r.rep.Inputs {
		if in := &r.rep.Inputs[k]; in.Span != nil && in.Span.Start == p.Start && in.Span.End == p.End && in.Note == "" {
			in.Note = servermsg.Safe(note)
			return
		}
	}
}
