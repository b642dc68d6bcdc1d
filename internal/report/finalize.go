package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

func sevRank(s Severity) int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// Sort orders findings most likely cause of a refusal first: by severity,
// then by the Catalogue's order of likelihood; ties keep their order.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := cmp.Compare(sevRank(a.Severity), sevRank(b.Severity)); c != 0 {
			return c
		}
		return cmp.Compare(Rank(a.Code), Rank(b.Code))
	})
}

// Finalize sorts the findings, drops exact duplicates, makes nil slices
// empty (so JSON shows [] rather than null for lists) and writes the verdict.
func (r *Report) Finalize() {
	r.Version = Version
	if r.Inputs == nil {
		r.Inputs = []Part{}
	}
	if r.Tokens == nil {
		r.Tokens = []Token{}
	}
	seen := make(map[string]bool, len(r.Findings))
	out := r.Findings[:0]
	for _, f := range r.Findings {
		if f.Refs == nil {
			f.Refs = []string{}
		}
		k := f.Code + "\x00" + f.Path + "\x00" + f.Title + "\x00" + f.Evidence
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	r.Findings = out
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	Sort(r.Findings)
	r.Verdict = Verdict(r)
}

// Verdict names the single most likely cause in one sentence.
func Verdict(r *Report) string {
	if len(r.Findings) > 0 && r.Findings[0].Severity == Error {
		f := r.Findings[0]
		v := strings.TrimSuffix(f.Title, ".")
		if f.Fix != "" {
			v += ": " + lowerFirst(strings.TrimSuffix(firstSentence(f.Fix), "."))
		}
		return v + "."
	}
	if len(r.Inputs) == 0 {
		return "Nothing to analyse: paste a token, an Authorization header, a 401 response, a curl -v transcript, a curl command or a HAR export."
	}
	warnings := 0
	for _, f := range r.Findings {
		if f.Severity == Warning {
			warnings++
		}
	}
	if r.Response != nil && r.Response.Status != nil && *r.Response.Status >= 200 && *r.Response.Status < 300 {
		v := fmt.Sprintf("The server accepted the request (HTTP %d)", *r.Response.Status)
		switch {
		case warnings == 1:
			return v + "; one warning may matter for later requests: " + lowerFirst(strings.TrimSuffix(r.Findings[0].Title, ".")) + "."
		case warnings > 1:
			return fmt.Sprintf("%s; %d warnings may matter for later requests, the first: %s.", v, warnings, lowerFirst(strings.TrimSuffix(r.Findings[0].Title, ".")))
		}
		return v + "."
	}
	switch {
	case warnings == 1:
		return "Nothing here alone explains a refusal; one warning may matter: " + lowerFirst(strings.TrimSuffix(r.Findings[0].Title, ".")) + "."
	case warnings > 1:
		return fmt.Sprintf("Nothing here alone explains a refusal; %d warnings may matter, the first: %s.", warnings, lowerFirst(strings.TrimSuffix(r.Findings[0].Title, ".")))
	}
	return "Nothing here explains a refusal."
}

// firstSentence is s up to the end of its first sentence: a ". " that does
// not end an abbreviation ("e.g.", "i.e.", "etc.", "vs.") or stand inside
// parentheses or quotes.
func firstSentence(s string) string {
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '"':
			quoted = !quoted
		case '.':
			if depth > 0 || quoted || i+1 >= len(s) || s[i+1] != ' ' || abbreviation(s[:i+1]) {
				continue
			}
			return s[:i+1]
		}
	}
	return s
}

// abbreviation reports whether s ends with an abbreviation's full stop.
func abbreviation(s string) bool {
	for _, a := range []string{"e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "No."} {
		if strings.HasSuffix(s, a) && (len(s) == len(a) || s[len(s)-len(a)-1] == ' ' || s[len(s)-len(a)-1] == '(') {
			return true
		}
	}
	return false
}

// lowerFirst lower-cases the first letter unless the first word looks like an
// acronym or a name (e.g. "JWKS", "DPoP", "Bearer").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	w := s
	if i := strings.IndexAny(s, " :,"); i >= 0 {
		w = s[:i]
	}
	if len(w) > 1 && strings.ToLower(w[1:]) != w[1:] {
		return s
	}
	if w == "I" || strings.ContainsAny(w, "._-/") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
