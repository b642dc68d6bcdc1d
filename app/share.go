package ui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// A share link keeps the pasted text and the expectations in the URL
// fragment ("#share=…"), which browsers never send to a server. Before the
// text goes into the link, redact removes what would let someone replay a
// credential: the signature of every JWS, the content of every JWE, the
// password of Basic credentials and of curl's -u option. The secret, the
// pasted keys and reveal mode are never part of the link.

const sharePrefix = "share="

// maxShareText bounds what a share link may carry.
const maxShareText = 8 << 20

var errShare = errors.New("not a readable authdebug share link")

// shareState is what a share link carries.
type shareState struct {
	V    int    `json:"v"`
	Text string `json:"t"`
	Form form   `json:"o"`
}

// encodeShare returns the fragment (without "#") of a share link for text
// and f, redacted.
func encodeShare(text string, f form) string {
	f.Secret, f.Key, f.Reveal = "", "", false
	st := shareState{V: 1, Text: redact(text), Form: f}
	b, _ := json.Marshal(st)
	// Plain base64url of the JSON: compressing would link compress/flate
	// into the page (about 22 KB brotli) to shorten links that browsers
	// accept at this length anyway.
	return sharePrefix + base64.RawURLEncoding.EncodeToString(b)
}

// decodeShare reads a fragment made by encodeShare (with or without the
// leading "#"). ok is false when the fragment is not a share link.
func decodeShare(frag string) (shareState, bool, error) {
	frag = strings.TrimPrefix(frag, "#")
	if !strings.HasPrefix(frag, sharePrefix) {
		return shareState{}, false, nil
	}
	enc := strings.TrimRight(frag[len(sharePrefix):], "=")
	if base64.RawURLEncoding.DecodedLen(len(enc)) > 2*maxShareText {
		return shareState{}, true, errShare
	}
	b, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return shareState{}, true, errShare
	}
	var st shareState
	if err := json.Unmarshal(b, &st); err != nil || st.V != 1 || len(st.Text) > maxShareText {
		return shareState{}, true, errShare
	}
	st.Form.Secret, st.Form.Key, st.Form.Reveal = "", "", false
	return st, true, nil
}

// redact strips what would let a reader of the text replay a credential,
// and keeps everything else byte for byte.
func redact(text string) string {
	text = redactCompact(text, 0)
	text = redactBasic(text)
	return redactCurlUser(text)
}

func isB64URL(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// redactCompact removes the signature of every JWS (header.payload.sig →
// header.payload.) and everything but the header of every JWE. A nested
// token in a payload is redacted too.
func redactCompact(text string, depth int) string {
	var b strings.Builder
	last := 0 // text[:last] is written to b
	i := 0
	for i < len(text) {
		if !isB64URL(text[i]) {
			i++
			continue
		}
		start := i
		for i < len(text) && (isB64URL(text[i]) || text[i] == '.') {
			i++
		}
		run := strings.TrimRight(text[start:i], ".")
		if !strings.HasPrefix(run, "eyJ") {
			continue
		}
		parts := strings.Split(run, ".")
		var repl string
		switch len(parts) {
		case 3:
			payload := parts[1]
			if depth < 3 {
				payload = redactNested(payload, depth)
			}
			repl = parts[0] + "." + payload + "."
		case 5:
			repl = parts[0] + "...."
		default:
			continue
		}
		b.WriteString(text[last:start])
		b.WriteString(repl)
		last = start + len(run)
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// redactNested redacts a token that a JWS payload carries (cty: JWT).
func redactNested(payload string, depth int) string {
	dec, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil || !bytes.HasPrefix(dec, []byte("eyJ")) {
		return payload
	}
	red := redactCompact(string(dec), depth+1)
	if red == string(dec) {
		return payload
	}
	return base64.RawURLEncoding.EncodeToString([]byte(red))
}

// redactBasic replaces the password of "Basic <base64(user:pass)>"
// credentials by "REDACTED", keeping the user and the shape.
func redactBasic(text string) string {
	var b strings.Builder
	last, from := 0, 0
	for {
		k := indexFold(text[from:], "basic ")
		if k < 0 {
			break
		}
		start := from + k + len("basic ")
		for start < len(text) && text[start] == ' ' {
			start++
		}
		end := start
		for end < len(text) && (isB64URL(text[end]) || text[end] == '+' || text[end] == '/' || text[end] == '=') {
			end++
		}
		from = max(end, start)
		dec, err := base64.StdEncoding.DecodeString(text[start:end])
		if err != nil || end == start {
			continue
		}
		user, _, ok := strings.Cut(string(dec), ":")
		if !ok {
			continue
		}
		b.WriteString(text[last:start])
		b.WriteString(base64.StdEncoding.EncodeToString([]byte(user + ":REDACTED")))
		last = end
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring case.
func indexFold(s, lowerNeedle string) int {
	n := len(lowerNeedle)
	for i := 0; i+n <= len(s); i++ {
		if s[i]|0x20 == lowerNeedle[0] && strings.EqualFold(s[i:i+n], lowerNeedle) {
			return i
		}
	}
	return -1
}

// redactCurlUser replaces the password in curl's -u/--user user:password
// (plain, quoted or attached: -u user:pw, -u 'user:pw', --user=user:pw).
func redactCurlUser(text string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '-' || i > 0 && text[i-1] != ' ' && text[i-1] != '\t' && text[i-1] != '\n' {
			continue
		}
		rest := text[i:]
		var n int
		switch {
		case strings.HasPrefix(rest, "--user"):
			n = len("--user")
		case strings.HasPrefix(rest, "-u"):
			n = len("-u")
		default:
			continue
		}
		start := i + n
		if n == len("--user") {
			if start >= len(text) || text[start] != ' ' && text[start] != '=' {
				continue // --user-agent and friends
			}
			start++
		}
		for start < len(text) && text[start] == ' ' {
			start++
		}
		quote := byte(0)
		if start < len(text) && (text[start] == '\'' || text[start] == '"') {
			quote = text[start]
			start++
		}
		end := start
		for end < len(text) && text[end] != '\n' && (quote != 0 && text[end] != quote || quote == 0 && text[end] != ' ' && text[end] != '\t') {
			end++
		}
		colon := strings.IndexByte(text[start:end], ':')
		if colon < 0 || start+colon+1 == end {
			continue
		}
		b.WriteString(text[last : start+colon+1])
		b.WriteString("REDACTED")
		last = end
		i = end - 1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}
