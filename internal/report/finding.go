package report

// Detail, Fix and Evidence are the texts of a finding, each its own type so
// that New cannot be called with two of them swapped: a string literal
// converts to any of them implicitly, but a string variable or expression
// must be converted by name (report.Fix(s)), which makes a swap visible.
type (
	// Detail says what a finding means.
	Detail string
	// Fix says what to change, and who.
	Fix string
	// Evidence is the exact header, claim or byte range, never a
	// credential's value.
	Evidence string
)

// New is the one way the engine builds a finding (the few that are built up
// field by field, title chosen later, set each field by name): its code, severity, who
// must act, title, what it means, what to do, the evidence and the
// specifications it cites. At and Within add where the evidence is.
func New(code string, sev Severity, side Side, title string, detail Detail, fix Fix, evidence Evidence, refs ...string) Finding {
	if refs == nil {
		refs = []string{}
	}
	return Finding{Code: code, Severity: sev, Side: side, Title: title, Detail: string(detail), Fix: string(fix), Evidence: string(evidence), Refs: refs}
}

// At returns f located in the Report by path ("tokens[0].payload.exp").
func (f Finding) At(path string) Finding {
	f.Path = path
	return f
}

// Within returns f located in the input by span (nil: nowhere verbatim).
func (f Finding) Within(span *Span) Finding {
	f.Span = span
	return f
}
