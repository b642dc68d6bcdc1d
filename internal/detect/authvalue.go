package detect

import (
	"strings"

	"github.com/authdebug/authdebug/internal/challenge"
	"github.com/authdebug/authdebug/internal/report"
)

var credSchemes = map[string]bool{
	"bearer": true, "basic": true, "dpop": true, "token": true, "apikey": true, "api-key": true,
	"negotiate": true, "ntlm": true, "digest": true, "aws4-hmac-sha256": true, "hoba": true, "gnap": true,
	"mac": true, "jwt": true, "sso-key": true, "otp": true, "privatetoken": true,
}

// authParamStart reports whether s starts with an auth-param (token BWS "="
// BWS value) or a comma, as in a challenge value.
func authParamStart(s string) bool {
	s = strings.TrimLeft(s, " \t")
	if strings.HasPrefix(s, ",") {
		return true
	}
	i := 0
	for i < len(s) && IsTchar(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	r := strings.TrimLeft(s[i:], " \t")
	if !strings.HasPrefix(r, "=") {
		return false
	}
	r = strings.TrimLeft(r[1:], " \t")
	return r != "" && r[0] != '=' && r[0] != ','
}

// credWord reports whether rest (what follows a scheme) looks like one
// credential: a single word that is not an ordinary lower-case English word
// ("Basic authentication"), or a placeholder ("Bearer undefined"). A repeated
// scheme ("Bearer Bearer eyJ…") is allowed: the authz package reports it.
func credWord(rest string) bool {
	f := strings.Fields(rest)
	if len(f) == 2 && credSchemes[strings.ToLower(f[0])] {
		f = f[1:]
	}
	if len(f) != 1 {
		return false
	}
	w := strings.Trim(f[0], "\"'`,;")
	if isPlaceholder(w) {
		return true
	}
	if len(w) < 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return true
		}
	}
	return false
}

// authValueKind classifies a bare value: an Authorization credential
// ("Bearer eyJ…", "Basic dXNl…", "bearer: x") or a challenge ("Bearer
// realm=\"x\", error=\"invalid_token\""). "" when it is neither.
func authValueKind(t string) string {
	i := 0
	for i < len(t) && IsTchar(t[i]) {
		i++
	}
	if i == 0 || len(t) > 64<<10 {
		return ""
	}
	scheme := strings.ToLower(t[:i])
	rest := t[i:]
	known := credSchemes[scheme]
	switch {
	case rest == "":
		if known && (scheme == "bearer" || scheme == "basic" || scheme == "dpop") {
			return report.KindAuthorizationHeader
		}
		return ""
	case rest[0] == ':':
		if known && (strings.TrimSpace(rest[1:]) == "" || credWord(rest[1:])) {
			return report.KindAuthorizationHeader
		}
		return ""
	case rest[0] != ' ' && rest[0] != '\t':
		return ""
	}
	if authParamStart(rest) {
		l := strings.ToLower(rest)
		if scheme == "digest" && (strings.Contains(l, "response=") || strings.Contains(l, "username=")) || scheme == "aws4-hmac-sha256" {
			return report.KindAuthorizationHeader
		}
		if !known {
			if _, err := challenge.Parse(t); err != nil {
				return ""
			}
		}
		return report.KindWWWAuthenticate
	}
	if known && credWord(rest) {
		return report.KindAuthorizationHeader
	}
	return ""
}
