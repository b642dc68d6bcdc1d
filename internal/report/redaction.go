package report

import "sort"

// Redaction is one credential or signature in the input: the byte range
// [Start, End) a share must remove, and what it is. It never holds the
// value itself.
type Redaction struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
}

// Redaction kinds. A JWS keeps its header and payload and loses its
// signature; a JWE keeps its header; everything else loses its whole value.
const (
	RedactSignature    = "signature"     // a JWS signature segment
	RedactNestedToken  = "nested_token"  // a JWS payload that is itself a token (cty: JWT)
	RedactEncrypted    = "encrypted"     // a JWE's segments after its header
	RedactToken        = "token"         // an opaque access token, or a credential of another scheme
	RedactPassword     = "password"      // a Basic credential, a curl -u or URL password, a password parameter
	RedactAPIKey       = "api_key"       // an API-key header or query parameter
	RedactCookie       = "cookie"        // a cookie value (Cookie, Set-Cookie, curl -b, HAR)
	RedactClientSecret = "client_secret" // an OAuth client secret
	RedactRefreshToken = "refresh_token" // an OAuth refresh token
	RedactCode         = "code"          // an authorization code, device code or PKCE verifier
	RedactSecret       = "secret"        // any other credential-bearing value
)

// redactRank orders kinds when two overlapping redactions merge: the kind
// of the one that says more wins.
var redactRank = map[string]int{
	RedactSignature: 1, RedactEncrypted: 2, RedactNestedToken: 3, RedactToken: 4,
	RedactSecret: 5, RedactCode: 6, RedactCookie: 7, RedactAPIKey: 8,
	RedactRefreshToken: 9, RedactClientSecret: 10, RedactPassword: 11,
}

// MergeRedactions sorts rs by position, drops empty or out-of-range ones
// (n is the input's length) and merges overlapping or touching ones: the
// merged kind is the most specific of the two (a password over a token).
func MergeRedactions(rs []Redaction, n int) []Redaction {
	var out []Redaction
	for _, r := range rs {
		r.Start, r.End = max(r.Start, 0), min(r.End, n)
		if r.Start < r.End {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	merged := out[:0]
	for _, r := range out {
		if k := len(merged) - 1; k >= 0 && (r.Start < merged[k].End || r.Start == merged[k].End && r.Kind == merged[k].Kind) {
			m := &merged[k]
			if r.End > m.End {
				m.End = r.End
			}
			if redactRank[r.Kind] > redactRank[m.Kind] {
				m.Kind = r.Kind
			}
			continue
		}
		merged = append(merged, r)
	}
	if len(merged) == 0 {
		return nil
	}
	return merged
}
