package analyze

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/exchange"
	"github.com/authdebug/authdebug/internal/report"
)

// shellVars reads a pasted command's shell variables the way the shell does.
// In double quotes or unquoted, "$TOKEN" is replaced when the command runs:
// the paste shows the command, not what it sent, so a placeholder finding
// there is a warning to check the variable, not the cause of a refusal. In
// single quotes it is sent as written, and the fix is the quotes.
func (r *run) shellVars() {
	for _, ex := range r.exs {
		if ex.Request == nil {
			continue
		}
		for _, h := range ex.Request.Headers {
			within := h.ValueSpan
			if within.End == 0 {
				within = h.Span // the value is not verbatim (escapes)
			}
			if h.ShellVar == 0 || within.End == 0 {
				continue
			}
			for k := range r.rep.Findings {
				f := &r.rep.Findings[k]
				name := shellVarName(h.Value)
				if f.Code != report.TokenPlaceholder {
					continue
				}
				if f.Span == nil && !strings.Contains(f.Evidence, name) || f.Span != nil && (f.Span.Start < within.Start || f.Span.End > within.End) {
					continue
				}
				switch h.ShellVar {
				case exchange.ShellExpands:
					f.Severity = report.Warning
					f.Title = fmt.Sprintf("The command takes the credential from %s, which the shell fills in when it runs", name)
					f.Detail = fmt.Sprintf("%s is outside single quotes in the %s header, so the shell replaces it before curl runs: the paste shows the command, not what it sent. If the variable is empty or unset where the command runs, curl sends the header without a credential and the server refuses it.", name, h.Name)
					f.Fix = fmt.Sprintf("In the shell that runs the command, check that %s is set: echo ${#%s} prints its length (0 means empty); export it if a script or another shell sets it. To see what was sent, run the command with -v and paste the transcript.", name, bare(name))
				case exchange.ShellLiteral:
					f.Detail = strings.Replace(f.Detail, " (single quotes, or the variable is not exported)", " (the header is in single quotes)", 1)
					f.Fix = fmt.Sprintf("Single quotes stop the shell from expanding %s, so curl sent the name itself: put the header in double quotes (-H \"%s: … %s\") or close the single quotes around the variable.", name, h.Name, name)
				}
			}
		}
	}
}

// shellVarName is the first $NAME, ${NAME} or $env:NAME in v.
func shellVarName(v string) string {
	for i := 0; i < len(v); i++ {
		if v[i] != '$' {
			continue
		}
		j := i + 1
		if j < len(v) && v[j] == '{' {
			for j < len(v) && v[j] != '}' {
				j++
			}
			if j < len(v) {
				j++
			}
			return v[i:j]
		}
		if len(v) >= j+4 && (v[j:j+4] == "env:" || v[j:j+4] == "ENV:") {
			j += 4
		}
		for j < len(v) && (v[j] == '_' || v[j] >= 'A' && v[j] <= 'Z' || v[j] >= 'a' && v[j] <= 'z' || v[j] >= '0' && v[j] <= '9') {
			j++
		}
		return v[i:j]
	}
	return "the variable"
}

// bare is a variable's name without $, ${…} or env:, for ${#NAME}.
func bare(name string) string {
	n := name
	if len(n) > 0 && n[0] == '$' {
		n = n[1:]
	}
	if len(n) > 1 && n[0] == '{' && n[len(n)-1] == '}' {
		n = n[1 : len(n)-1]
	}
	if len(n) > 4 && (n[:4] == "env:" || n[:4] == "ENV:") {
		n = n[4:]
	}
	return n
}
