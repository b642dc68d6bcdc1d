package detect

import (
	"encoding/json"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// ---- a decoded token payload (report.KindClaimsJSON) ----

// notClaims are members that make a JSON object something else: an OAuth
// token response (RFC 6749 §5.1), an error body, a key, a HAR, a log record.
var notClaims = []string{"access_token", "token_type", "id_token", "refresh_token", "error", "keys", "kty", "log", "level", "msg"}

// ClaimsLike reports whether a JSON object is a token payload: at least one
// NumericDate claim (exp, iat, nbf: RFC 7519 §4.1.4–4.1.6) and two
// registered or common claims in all, and nothing that makes it another
// kind.
func ClaimsLike(seg string) bool {
	if len(seg) > 64<<10 {
		return false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(seg), &obj) != nil {
		return false
	}
	for _, k := range notClaims {
		if _, ok := obj[k]; ok {
			return false
		}
	}
	times, n := 0, 0
	for _, k := range []string{"exp", "iat", "nbf"} {
		if v := obj[k]; len(v) > 0 && (isDigit(v[0]) || v[0] == '-') {
			times++
		}
	}
	for _, k := range []string{"iss", "sub", "aud", "jti", "azp", "scope", "scp", "client_id"} {
		if _, ok := obj[k]; ok {
			n++
		}
	}
	return times >= 1 && times+n >= 2
}

// IsUnixTime reports a line that is a Unix time as date +%s prints it
// (seconds: 9 to 11 digits).
func IsUnixTime(t string) bool {
	if len(t) < 9 || len(t) > 11 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) {
			return false
		}
	}
	return true
}

// isDateCommand reports the command line "date +%s" (after a prompt).
func isDateCommand(t string) bool {
	t = strings.TrimSpace(strings.TrimLeft(t, "$%#> "))
	return t == "date +%s" || t == "date -u +%s"
}

// claimsPart is the claims-json part of the object [tOff, end), with the
// date +%s line (and its command) right before or after it.
func (s *scanner) claimsPart(tOff, end, next int) ([]Part, int, bool) {
	text := s.text
	start := tOff
	if s.unkStart >= 0 && timeBlock(text[s.unkStart:s.unkEnd]) {
		start = s.unkStart
		s.unkStart = -1
	}
	for o, k := next, 0; o < len(text) && k < 2; k++ {
		le, nx := lineAt(text, o)
		t, tOff := trimmed(text, o, le)
		switch {
		case t == "" && k == 0:
			k = -1 // blank lines between
		case isDateCommand(t):
		case IsUnixTime(t):
			end, next = tOff+len(t), nx
			k = 2
		default:
			k = 2
		}
		o = nx
	}
	return []Part{s.part(report.KindClaimsJSON, start, end)}, next, true
}

// timeBlock reports text that is only a date +%s command and its output.
func timeBlock(t string) bool {
	seen := false
	for _, l := range strings.Split(t, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || isDateCommand(l):
		case IsUnixTime(l) && !seen:
			seen = true
		default:
			return false
		}
	}
	return seen
}
