package servermsg

import (
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// Safe returns a server message fit to show: every word that looks like a
// credential (a JWT, an API key, a long random string) is replaced by its
// fingerprint. Stripe and OpenAI quote part of the key they refused; a
// framework's debug page may quote the token.
func Safe(s string) string {
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if !wordByte(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && wordByte(s[j]) {
			j++
		}
		w := strings.TrimRight(s[i:j], ".")
		if credentialLike(w) {
			b.WriteString("[" + report.Fingerprint(w) + "]")
			b.WriteString(s[i+len(w) : j])
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.+/=~*", c) >= 0
}

var keyPrefixes = []string{"sk_", "sk-", "pk_", "rk_", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "xox", "AKIA", "ASIA", "glpat-", "AIza"}

// credentialLike says whether a word could be a credential.
func credentialLike(w string) bool {
	if len(w) < 12 {
		return false
	}
	if strings.HasPrefix(w, "eyJ") || strings.Count(w, ".") == 2 && len(w) > 30 && !strings.Contains(w, "/") {
		return true
	}
	for _, p := range keyPrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	if len(w) < 24 || strings.HasPrefix(w, "http") || strings.Contains(w, "://") || dottedName(w) {
		return false
	}
	var lower, upper, digit bool
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
			digit = true
		}
	}
	return digit && (lower || upper) && !strings.Contains(w, "/")
}

// dottedName reports a module or class name such as
// sqlite3.OperationalError or jose.exceptions.JWTError: short identifiers
// joined by dots, which a stack trace is full of.
func dottedName(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, p := range strings.Split(w, ".") {
		if p == "" || len(p) >= 24 || !(p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z' || p[0] == '_') {
			return false
		}
		for i := 0; i < len(p); i++ {
			if c := p[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}
