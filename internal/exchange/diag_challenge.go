// Challenge syntax: a 401 without WWW-Authenticate, a WWW-Authenticate that
// does not parse (RFC 9110 §11.6.1, §15.5.2).

package exchange

import (
	"errors"
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/challenge"
	"github.com/authdebug/authdebug/internal/report"
)

func (d *diag) challengeMissing(k int, resp *Response) {
	var names []string
	for _, h := range resp.Headers {
		names = append(names, h.Name)
	}
	detail := "RFC 9110 requires every 401 to carry at least one WWW-Authenticate challenge naming the scheme and " +
		"parameters the server accepts. Without it a client cannot tell which credentials to send, and HTTP libraries " +
		"that authenticate on a challenge (Digest, NTLM, curl --anyauth) give up."
	if e, desc, ok := oauthBodyError(resp.Body); ok {
		detail += fmt.Sprintf(" The body says error=%q", e)
		if desc != "" {
			detail += fmt.Sprintf(" (%s)", desc)
		}
		detail += "."
	}
	ev := statusLine(resp)
	if len(names) > 0 {
		ev += " — headers: " + strings.Join(names, ", ")
	} else {
		ev += " — no headers"
	}
	d.add(report.New(
		report.ResponseChallengeMissing,
		report.Warning,
		report.Server,
		"The 401 response has no WWW-Authenticate challenge",
		report.Detail(detail),
		report.Fix("Server: add a challenge to every 401, e.g. WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"; "+
			"client: use the response body or the API's documentation to learn which credentials it expects."),
		report.Evidence(ev), "RFC 9110 §15.5.2", "RFC 9110 §11.6.1").At(d.path(k, "response.headers")).Within(spanOf(resp.Span)))
}

// challengeMalformed reports a WWW-Authenticate or Proxy-Authenticate field
// (field) that does not parse.
func (d *diag) challengeMalformed(k int, resp *Response, field string, err error) {
	var se *challenge.SyntaxError
	if !errors.As(err, &se) {
		return
	}
	// The se.Field-th line of that field.
	n := -1
	idx := -1
	for i, h := range resp.Headers {
		if strings.EqualFold(h.Name, field) {
			n++
			if n == se.Field {
				idx = i
				break
			}
		}
	}
	if idx < 0 {
		return
	}
	h := resp.Headers[idx]
	f := report.New(
		report.ResponseChallengeMalformed,
		report.Warning,
		report.Server,
		fmt.Sprintf("%s does not parse at byte %d: %s", field, se.Offset, se.Msg),
		report.Detail("The field breaks the challenge grammar of RFC 9110 here. Strict clients may ignore the whole challenge, "+
			"and with it the error, scope and realm it carries; the challenges and parameters before the break were still read."),
		report.Fix("Server: fix the header — quote parameter values that are not tokens (realm=\"…\"), escape \" and \\ inside quoted "+
			"strings, separate parameters with commas and give each parameter once per challenge."),
		report.Evidence(challenge.Caret(h.Value, se.Offset)), "RFC 9110 §11.6.1", "RFC 9110 §11.2", "RFC 9110 §5.6.4").At(d.path(k, fmt.Sprintf("response.headers[%d]", idx)))
	if h.ValueSpan.End-h.ValueSpan.Start == len(h.Value) && h.ValueSpan.End > 0 {
		at := h.ValueSpan.Start + se.Offset
		f.Span = &report.Span{Start: at, End: min(at+1, h.ValueSpan.End)}
	} else {
		f.Span = spanOf(h.Span)
	}
	d.add(f)
}
