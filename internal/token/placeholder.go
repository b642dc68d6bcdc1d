package token

import (
	"strings"
)

// exactPlaceholders are values a variable takes when it was never set, or
// documentation text pasted as is. Keys are lower case.
var exactPlaceholders = map[string]string{
	"undefined":        "JavaScript's undefined: the variable holding the token was never set",
	"null":             "null: the variable holding the token was null",
	"none":             "Python's None: the variable holding the token was None",
	"nil":              "nil: the variable holding the token was nil",
	"nan":              "NaN: a number was expected where the token should be",
	"[object object]":  "JavaScript's [object Object]: an object was turned into a string instead of reading its token field (e.g. the whole token response instead of its access_token)",
	"[object promise]": "JavaScript's [object Promise]: the promise returning the token was not awaited",
	"bearer":           "the word Bearer alone: the token after it was empty",
	"true":             "a boolean where the token should be",
	"false":            "a boolean where the token should be",
	"token":            "the word token: documentation text, not a token",
	"access_token":     "the word access_token: documentation text, not a token",
	"accesstoken":      "the word accessToken: documentation text, not a token",
	"jwt":              "the word JWT: documentation text, not a token",
	"id_token":         "the word id_token: documentation text, not a token",
	"changeme":         "a documentation placeholder",
	"todo":             "a documentation placeholder",
	"xxx":              "a documentation placeholder",
	"...":              "a documentation placeholder",
	"…":                "a documentation placeholder",
	"-":                "a documentation placeholder",
}

// placeholderWords appear in documentation placeholders such as
// YOUR_TOKEN, <your-token-here>, INSERT_TOKEN_HERE, REPLACE_ME.
// Each must be a whole word (between '_', '-', '.', ' ' or the ends); a
// word starting with "your" also counts (YourAccessToken).
var placeholderWords = map[string]bool{"here": true, "replace": true, "insert": true, "placeholder": true, "paste": true, "redacted": true}

func isWordChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == ' ' || c == '.'
}

func allWordChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordChar(s[i]) {
			return false
		}
	}
	return true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Placeholder reports whether s (already trimmed of surrounding quotes and
// whitespace) is a placeholder rather than a token, and says what kind:
// empty, undefined, null, None, nil, NaN, [object Object], ${token},
// {{token}}, <token>, $TOKEN, %TOKEN%, YOUR_TOKEN, <your-token-here>,
// "Bearer" alone, or a masked value like ****.
func Placeholder(s string) (what string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "an empty value: the variable holding the token was empty", true
	}
	if len(s) > 128 {
		return "", false
	}
	l := strings.ToLower(s)
	if w, ok := exactPlaceholders[l]; ok {
		return w, true
	}
	inner := func(open, close string) (string, bool) {
		if strings.HasPrefix(s, open) && strings.HasSuffix(s, close) && len(s) > len(open)+len(close) {
			return strings.TrimSpace(s[len(open) : len(s)-len(close)]), true
		}
		return "", false
	}
	if v, ok := inner("${", "}"); ok && v != "" {
		return "an unexpanded template variable ${" + v + "} (shell or JavaScript template literal)", true
	}
	if v, ok := inner("{{", "}}"); ok && v != "" {
		return "an unexpanded template variable {{" + v + "}} (Postman, Insomnia, Handlebars or Jinja)", true
	}
	if v, ok := inner("#{", "}"); ok && v != "" {
		return "an unexpanded template variable #{" + v + "}", true
	}
	if v, ok := inner("<", ">"); ok && v != "" && allWordChars(v) {
		return "a documentation placeholder <" + v + ">", true
	}
	if v, ok := inner("{", "}"); ok && isIdent(v) {
		return "an unexpanded format placeholder {" + v + "}", true
	}
	if v, ok := inner("[", "]"); ok && v != "" && allWordChars(v) && !strings.ContainsAny(v, ".") {
		return "a documentation placeholder [" + v + "]", true
	}
	if v, ok := inner("%", "%"); ok && isIdent(v) {
		return "an unexpanded Windows variable %" + v + "%", true
	}
	if strings.HasPrefix(s, "$") && isIdent(strings.TrimPrefix(strings.TrimPrefix(s[1:], "env:"), "ENV:")) {
		return "an unexpanded shell variable " + s + " (single quotes, or the variable is not exported)", true
	}
	if strings.HasPrefix(s, "process.env.") && isIdent(s[len("process.env."):]) {
		return "the text " + s + " instead of its value", true
	}
	if allWordChars(s) && len(s) <= 64 {
		words := strings.FieldsFunc(l, func(r rune) bool { return r == '_' || r == '-' || r == '.' || r == ' ' })
		for _, w := range words {
			if placeholderWords[w] || strings.HasPrefix(w, "your") {
				return "a documentation placeholder " + s, true
			}
		}
	}
	if masked(s) {
		return "a masked value: the token was copied from a screen that hides it", true
	}
	return "", false
}

// masked reports a value made only of masking characters (****, ••••, xxxx).
func masked(s string) bool {
	n := 0
	for _, r := range s {
		switch r {
		case '*', '•', '●', 'x', 'X', '#':
			n++
		default:
			return false
		}
	}
	return n >= 3
}
