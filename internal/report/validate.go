package report

import "fmt"

// Validate checks that every finding has a known code, a valid severity and
// side, a title, and at least one reference. Tests call it on every Report.
func (r *Report) Validate() error {
	for i, f := range r.Findings {
		if !Known(f.Code) {
			return fmt.Errorf("finding %d %q: %w", i, f.Code, ErrUnknownCode)
		}
		switch f.Severity {
		case Error, Warning, Info:
		default:
			return fmt.Errorf("finding %d %s: severity %q: %w", i, f.Code, f.Severity, ErrBadFinding)
		}
		switch f.Side {
		case Client, Server, Both:
		default:
			return fmt.Errorf("finding %d %s: side %q: %w", i, f.Code, f.Side, ErrBadFinding)
		}
		if f.Title == "" || f.Detail == "" {
			return fmt.Errorf("finding %d %s: no title or detail: %w", i, f.Code, ErrBadFinding)
		}
		if len(f.Refs) == 0 && f.Code != InternalError && f.Code != InputUnrecognized && f.Code != InputTooLarge && f.Code != InputSkipped {
			return fmt.Errorf("finding %d %s: no spec reference: %w", i, f.Code, ErrBadFinding)
		}
	}
	return nil
}

// Codes returns the codes of the report's findings in order.
func (r *Report) Codes() []string {
	out := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		out[i] = f.Code
	}
	return out
}

// Has reports whether a finding with code is present.
func (r *Report) Has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}
