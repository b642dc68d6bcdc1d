package report

import "strings"

// AuthSchemes maps lower-cased authentication scheme names to their
// registered spelling: the IANA HTTP Authentication Scheme Registry (RFC 9110
// §16.4) plus vendor schemes common in APIs.
var AuthSchemes = map[string]string{
	"bearer":           "Bearer",
	"basic":            "Basic",
	"dpop":             "DPoP",
	"digest":           "Digest",
	"negotiate":        "Negotiate",
	"ntlm":             "NTLM",
	"aws4-hmac-sha256": "AWS4-HMAC-SHA256",
	"hoba":             "HOBA",
	"mutual":           "Mutual",
	"scram-sha-1":      "SCRAM-SHA-1",
	"scram-sha-256":    "SCRAM-SHA-256",
	"vapid":            "vapid",
	"privatetoken":     "PrivateToken",
	"concealed":        "Concealed",
	"gnap":             "GNAP",
	"token":            "token",
	"apikey":           "ApiKey",
	"sswss":            "SSWS",
	"ssws":             "SSWS",
}

// SplitAuthorization splits an Authorization (or Proxy-Authorization) value
// into its scheme and credentials, "Bearer eyJ…" into "Bearer" and "eyJ…".
// The scheme is "" when the first word cannot be one: a value with no
// scheme ("Authorization: <token>") is all credential, and whatever is shown
// of a scheme is shown verbatim, so a word that looks like a secret rather
// than a scheme name (long, dotted, digit-heavy) is never called a scheme.
// A trailing ':' ("Bearer: eyJ…") is dropped from the scheme.
func SplitAuthorization(v string) (scheme, cred string) {
	v = strings.TrimSpace(v)
	word, rest := v, ""
	if i := strings.IndexAny(v, " \t"); i >= 0 {
		word, rest = v[:i], v[i+1:]
	}
	name := strings.TrimSuffix(word, ":")
	if _, ok := AuthSchemes[strings.ToLower(name)]; ok {
		return name, strings.TrimLeft(rest, " \t")
	}
	if rest == "" || !LooksLikeScheme(name) {
		return "", v
	}
	return name, strings.TrimLeft(rest, " \t")
}

// LooksLikeScheme reports whether s is shaped like an authentication scheme
// name rather than a credential: a letter, then at most 23 letters, digits,
// '-' or '_', with few digits. Known schemes always qualify.
func LooksLikeScheme(s string) bool {
	if _, ok := AuthSchemes[strings.ToLower(s)]; ok {
		return true
	}
	if s == "" || len(s) > 24 || !isLetter(s[0]) {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isLetter(c), c == '-', c == '_':
		case c >= '0' && c <= '9':
			digits++
		default:
			return false
		}
	}
	return digits <= 4
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
