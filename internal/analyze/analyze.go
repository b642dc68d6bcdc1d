package analyze

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// Run analyses the input and returns its Report. It never panics on bad
// input: problems in the pasted material are findings.
func Run(ctx context.Context, in Input, opts ...Option) (rep report.Report) {
	s := settings{now: time.Unix(0, 0).UTC()}
	for _, o := range opts {
		o(&s)
	}
	defer func() {
		if v := recover(); v != nil {
			rep = Internal(s.now, v)
		}
	}()
	if s.fault == "analyze" {
		panic("fault injected by a test")
	}
	r := report.Report{Now: s.now.Format(time.RFC3339)}
	text := strings.TrimSpace(in.Text)
	if text != "" {
		r.Inputs = append(r.Inputs, report.Part{Kind: report.KindJWT})
		r.Tokens = append(r.Tokens, decodeInterim(text, s.reveal))
		if r.Tokens[0].Header == nil || r.Tokens[0].Payload == nil {
			r.Findings = append(r.Findings, report.Finding{
				Code: report.TokenMalformed, Severity: report.Error, Side: report.Client,
				Title:  "The token is malformed",
				Detail: tokenErr(r.Tokens[0]),
				Fix:    "Send the token exactly as the issuer returned it.",
				Refs:   []string{"RFC 7515 §7.1"},
			})
		}
	}
	r.Finalize()
	return r
}

func tokenErr(t report.Token) string {
	var msgs []string
	for _, s := range t.Segments {
		if s.Error != "" {
			msgs = append(msgs, "the "+s.Name+" segment "+s.Error)
		}
	}
	if len(msgs) == 0 {
		return "It does not have the three dot-separated segments of a JWS."
	}
	return strings.Join(msgs, "; ") + "."
}

// decodeInterim is the walking skeleton's decoder; the token package replaces it.
func decodeInterim(s string, reveal bool) report.Token {
	t := report.Token{Source: "pasted", Form: "unknown", Fingerprint: report.Fingerprint(s)}
	if reveal {
		t.Raw = s
	}
	segs := strings.Split(s, ".")
	if len(segs) != 3 {
		return t
	}
	t.Form = "jws"
	names := []string{"header", "payload", "signature"}
	for i, seg := range segs {
		sg := report.Segment{Name: names[i], Length: len(seg)}
		b, err := base64.RawURLEncoding.DecodeString(seg)
		switch {
		case err != nil:
			sg.Error = "is not base64url: " + err.Error()
		case i < 2 && !json.Valid(b):
			sg.Error = "is not JSON"
		case i == 0:
			t.Header = b
		case i == 1:
			t.Payload = b
		}
		t.Segments = append(t.Segments, sg)
	}
	return t
}

// Internal is the Report for a failure of the tool itself (a recovered
// panic): one internal.error finding that asks for a bug report.
func Internal(now time.Time, v any) report.Report {
	r := report.Report{
		Now: now.UTC().Format(time.RFC3339),
		Findings: []report.Finding{{
			Code:     report.InternalError,
			Severity: report.Error,
			Side:     report.Both,
			Title:    "authdebug failed while analysing this input",
			Detail:   "This is a bug in authdebug, not a problem with what you pasted. The rest of the page keeps working.",
			Fix:      "Copy this report into a bug report (it holds no credentials), then try a smaller part of the input.",
			Evidence: fmt.Sprint(v),
		}},
	}
	r.Finalize()
	return r
}
