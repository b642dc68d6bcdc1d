package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/challenge"
	"github.com/authdebug/authdebug/internal/report"
)

var sevMark = map[report.Severity]string{report.Error: "✗ error", report.Warning: "! warning", report.Info: "i info"}

// Text writes the human form of r: the verdict first, then the findings by
// severity, then what was decoded.
func Text(w io.Writer, r *report.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", r.Verdict)
	if len(r.Inputs) > 0 {
		kinds := make([]string, len(r.Inputs))
		for i, p := range r.Inputs {
			kinds[i] = p.Kind
			if p.Note != "" {
				kinds[i] += " (" + p.Note + ")"
			}
		}
		fmt.Fprintf(&b, "(read as: %s; now %s)\n", strings.Join(kinds, ", "), r.Now)
	}
	for _, sev := range []report.Severity{report.Error, report.Warning, report.Info} {
		for _, f := range r.Findings {
			if f.Severity != sev {
				continue
			}
			fmt.Fprintf(&b, "\n%-9s %s [%s]\n", sevMark[f.Severity], f.Title, codeAndSide(f))
			field(&b, "", f.Detail)
			field(&b, "fix: ", f.Fix)
			field(&b, "evidence: ", f.Evidence)
			if len(f.Refs) > 0 {
				field(&b, "see: ", strings.Join(f.Refs, ", "))
			}
		}
	}
	if r.Response != nil {
		challenges(&b, "WWW-Authenticate", r.Response.Challenges)
		challenges(&b, "Proxy-Authenticate", r.Response.ProxyChallenges)
	}
	for i, t := range r.Tokens {
		fmt.Fprintf(&b, "\nToken %d (%s, %s) %s\n", i+1, SourceLabel(t.Source), t.Form, t.Fingerprint)
		if t.Raw != "" {
			field(&b, "raw: ", t.Raw)
		}
		fmt.Fprintf(&b, "  header:\n%s\n", indent(pretty(t.Header), "    "))
		if t.PayloadText != nil {
			fmt.Fprintf(&b, "  payload (text):\n%s\n", indent(*t.PayloadText, "    "))
		} else {
			fmt.Fprintf(&b, "  payload:\n%s\n", indent(pretty(t.Payload), "    "))
		}
		if s := t.Signature; s != nil {
			line := s.Status
			if s.Alg != "" {
				line += " (" + s.Alg + ")"
			}
			if s.Key != nil {
				line += " with " + s.Key.Source
				if s.Key.Kid != "" {
					line += " kid " + s.Key.Kid
				}
				if s.Key.Thumbprint != "" {
					line += ", thumbprint " + s.Key.Thumbprint
				}
			}
			fmt.Fprintf(&b, "  signature: %s\n", line)
		}
		if tm := t.Times; tm != nil {
			for _, kv := range []struct {
				k string
				v *string
			}{{"iat", tm.Iat}, {"nbf", tm.Nbf}, {"exp", tm.Exp}} {
				if kv.v != nil {
					fmt.Fprintf(&b, "  %s: %s\n", kv.k, *kv.v)
				}
			}
			if tm.ExpiresInS != nil {
				fmt.Fprintf(&b, "  expires in: %s\n", Duration(*tm.ExpiresInS))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func field(b *strings.Builder, label, s string) {
	if s == "" {
		return
	}
	fmt.Fprintf(b, "          %s%s\n", label, s)
}

func pretty(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return "(does not decode)"
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

func indent(s, pre string) string {
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}

// Duration renders seconds as a short human duration: "3h12m", "-2m5s" reads
// "2m5s ago", "45s".
func Duration(s int64) string {
	neg := s < 0
	if neg {
		s = -s
	}
	var out string
	d, h, m, sec := s/86400, s/3600%24, s/60%60, s%60
	switch {
	case d > 0:
		out = fmt.Sprintf("%dd%dh", d, h)
	case h > 0:
		out = fmt.Sprintf("%dh%dm", h, m)
	case m > 0:
		out = fmt.Sprintf("%dm%ds", m, sec)
	default:
		out = fmt.Sprintf("%ds", sec)
	}
	if neg {
		return out + " ago"
	}
	return "in " + out
}

// codeAndSide is "token.expired, client must act"; an info finding asks
// nothing of anyone, so it shows only its code.
func codeAndSide(f report.Finding) string {
	if f.Severity == report.Info {
		return f.Code
	}
	return fmt.Sprintf("%s, %s must act", f.Code, f.Side)
}

// SchemeNote explains the scheme of an Authorization value in one sentence,
// or "" when the value has no scheme or an unknown one.
func SchemeNote(value string) string {
	scheme, _ := report.SplitAuthorization(value)
	return challenge.DescribeScheme(scheme)
}

// challenges prints each challenge with what its scheme and parameters mean.
func challenges(b *strings.Builder, header string, cs []report.Challenge) {
	for i, c := range cs {
		fmt.Fprintf(b, "\n%s challenge %d: %s\n", header, i+1, c.Scheme)
		ex := c.Explanations
		if ex == nil {
			ex = &report.Explanations{}
		}
		if ex.Scheme != "" {
			field(b, "", ex.Scheme)
		}
		names := make([]string, 0, len(c.Params))
		for n := range c.Params {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			line := n + "=" + strconv.Quote(clip(c.Params[n], 200))
			if d := ex.Params[n]; d != "" {
				line += " — " + d
			}
			field(b, "", line)
		}
	}
}

// SourceLabel says in words where a token was found: "from the
// Authorization header", "the id_token of the response body", "nested in
// the payload of token 1".
func SourceLabel(s report.TokenSource) string {
	switch s.Where {
	case "":
		return ""
	case report.SourcePasted:
		return "pasted on its own"
	case report.SourceHeader:
		return "from the " + s.Name + " header"
	case report.SourceCookie:
		return "from the cookie " + s.Name
	case report.SourceQuery:
		return "from the URL parameter " + s.Name
	case report.SourceUserinfo:
		return "from the URL's user information"
	case report.SourceBody:
		if s.Field != "" {
			return "the " + s.Field + " of the response body"
		}
		return "from the response body"
	case report.SourceTokenPayload:
		if s.Token != nil {
			return "nested in the payload of token " + strconv.Itoa(*s.Token+1)
		}
		return "nested in another token's payload"
	}
	return "from " + s.Where
}
