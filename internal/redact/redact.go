package redact

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// kinds lists the redaction kinds in the order Summary names them, with
// their singular and plural nouns.
var kinds = []struct{ kind, one, many string }{
	{report.RedactSignature, "signature", "signatures"},
	{report.RedactNestedToken, "nested token", "nested tokens"},
	{report.RedactEncrypted, "encrypted token body", "encrypted token bodies"},
	{report.RedactToken, "token", "tokens"},
	{report.RedactRefreshToken, "refresh token", "refresh tokens"},
	{report.RedactPassword, "password", "passwords"},
	{report.RedactAPIKey, "API key", "API keys"},
	{report.RedactCookie, "cookie", "cookies"},
	{report.RedactClientSecret, "client secret", "client secrets"},
	{report.RedactCode, "authorization code", "authorization codes"},
	{report.RedactSecret, "other secret", "other secrets"},
}

// Marker is what Text puts in place of a removed range of the given kind:
// "‹signature-removed›", "‹api-key-removed›".
func Marker(kind string) string {
	if kind == "" {
		kind = report.RedactSecret
	}
	return "‹" + strings.ReplaceAll(kind, "_", "-") + "-removed›"
}

// Text returns input with every range of rs replaced by its Marker and
// everything else byte for byte. rs are spans in input (as the Report of
// input has them); overlapping ones are merged and ranges outside input
// are ignored.
func Text(input string, rs []report.Redaction) string {
	rs = report.MergeRedactions(rs, len(input))
	if len(rs) == 0 {
		return input
	}
	var b strings.Builder
	b.Grow(len(input))
	last := 0
	for _, r := range rs {
		b.WriteString(input[last:r.Start])
		b.WriteString(Marker(r.Kind))
		last = r.End
	}
	b.WriteString(input[last:])
	return b.String()
}

// Count is how many of one kind Text removes.
type Count struct {
	Kind string `json:"kind"`
	N    int    `json:"n"`
	// Noun names them: "signature", "2 bearer tokens" is N and Noun.
	Noun string `json:"noun"`
}

// Counts says how many of each kind Text removes, in a fixed order of kinds.
func Counts(input string, rs []report.Redaction) []Count {
	n := map[string]int{}
	for _, r := range report.MergeRedactions(rs, len(input)) {
		n[r.Kind]++
	}
	var out []Count
	for _, k := range kinds {
		if c := n[k.kind]; c > 0 {
			noun := k.one
			if c > 1 {
				noun = k.many
			}
			out = append(out, Count{Kind: k.kind, N: c, Noun: noun})
			delete(n, k.kind)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(n)) { // kinds this package does not know yet
		out = append(out, Count{Kind: k, N: n[k], Noun: strings.ReplaceAll(k, "_", " ")})
	}
	return out
}

// Summary says what Text removes, "1 signature, 2 tokens, 1 password", or
// "" when it removes nothing.
func Summary(input string, rs []report.Redaction) string {
	var parts []string
	for _, c := range Counts(input, rs) {
		parts = append(parts, strconv.Itoa(c.N)+" "+c.Noun)
	}
	return strings.Join(parts, ", ")
}
