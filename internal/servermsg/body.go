package servermsg

import (
	"encoding/json"
	"strconv"
	"strings"
)

// candidate is one piece of text a body or header holds that may be a
// message of the server's own.
type candidate struct {
	text string
	// where says where it was: "body.detail", "body.error.message",
	// "body.html.title", "body", "challenge.error_description".
	where string
	// name is an error class printed before the message
	// ("UnauthorizedError: …"), a hint at the library.
	name string
}

// maxBody bounds the part of a body that is read.
const maxBody = 64 << 10

// messageKeys are the JSON members that carry a message or an error code in
// the bodies common stacks send (RFC 9457 title/detail, FastAPI and DRF
// detail, Express and gateways message, OAuth error_description, Okta
// errorSummary, Google error.status and details[].reason …).
var messageKeys = map[string]bool{
	"detail": true, "message": true, "msg": true, "error": true, "error_description": true,
	"errormessage": true, "error_message": true, "errorsummary": true, "errorcode": true, "title": true,
	"reason": true, "description": true, "code": true, "status": true, "name": true, "type": true,
	"messages": true, "errors": true, "details": true, "errorcauses": true,
}

// bodyCandidates extracts the texts of a body worth matching.
func bodyCandidates(body, contentType string) []candidate {
	b := strings.TrimSpace(body)
	if len(b) > maxBody {
		b = b[:maxBody]
	}
	if b == "" {
		return nil
	}
	ct := strings.ToLower(contentType)
	var out []candidate
	switch {
	case b[0] == '{' || b[0] == '[':
		var v any
		if json.Unmarshal([]byte(b), &v) == nil {
			walk(v, "body", 0, &out)
			return out
		}
	case strings.Contains(ct, "html") || strings.HasPrefix(strings.ToLower(b), "<!doctype") || strings.HasPrefix(strings.ToLower(b), "<html"):
		return htmlCandidates(b)
	}
	line := b
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if len(line) <= 1000 {
		out = append(out, named(strings.TrimSpace(line), "body"))
	}
	return out
}

func walk(v any, path string, depth int, out *[]candidate) {
	if depth > 4 || len(*out) > 40 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		// A stable order: the keys as messageKeys lists matter less than
		// the document's; sort for determinism.
		keys := make([]string, 0, len(x))
		for k := range x {
			if messageKeys[strings.ToLower(k)] {
				keys = append(keys, k)
			}
		}
		sortStrings(keys)
		for _, k := range keys {
			walk(x[k], path+"."+k, depth+1, out)
		}
	case []any:
		for i, e := range x {
			if i == 8 {
				break
			}
			walk(e, path+"["+strconv.Itoa(i)+"]", depth+1, out)
		}
	case string:
		if s := strings.TrimSpace(x); s != "" && len(s) <= 1000 {
			*out = append(*out, named(s, path))
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// named splits "UnauthorizedError: No authorization token was found" into
// the error class and the message.
func named(s, where string) candidate {
	c := candidate{text: s, where: where}
	if i := strings.Index(s, ": "); i > 5 && i < 40 && strings.HasSuffix(s[:i], "Error") && !strings.ContainsAny(s[:i], " .") {
		c.name, c.text = s[:i], strings.TrimSpace(s[i+2:])
	}
	return c
}

// htmlCandidates reads an HTML error page: its title, first heading, the
// first line of a <pre> (Express's development error page) and its text.
func htmlCandidates(b string) []candidate {
	var out []candidate
	for _, tag := range []string{"title", "h1", "h2", "pre"} {
		if s, ok := element(b, tag); ok {
			if tag == "pre" {
				if i := strings.Index(strings.ToLower(s), "<br"); i >= 0 {
					s = s[:i]
				}
			}
			s = strings.TrimSpace(unescape(stripTags(s)))
			if s != "" && len(s) <= 1000 {
				out = append(out, named(s, "body.html."+tag))
			}
		}
	}
	if t := strings.Join(strings.Fields(unescape(stripTags(b))), " "); t != "" {
		if len(t) > 2000 {
			t = t[:2000]
		}
		out = append(out, candidate{text: t, where: "body.html"})
	}
	return out
}

func element(b, tag string) (string, bool) {
	l := strings.ToLower(b)
	i := strings.Index(l, "<"+tag)
	if i < 0 {
		return "", false
	}
	j := strings.IndexByte(l[i:], '>')
	if j < 0 {
		return "", false
	}
	start := i + j + 1
	end := strings.Index(l[start:], "</"+tag)
	if end < 0 {
		return "", false
	}
	return b[start : start+end], true
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unescape decodes the character references error pages use (package html
// would link its 2,000-entity table into the browser build).
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '&' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := strings.IndexByte(s[i:], ';')
		if j < 2 || j > 8 {
			b.WriteByte('&')
			i++
			continue
		}
		ent := s[i+1 : i+j]
		r := rune(-1)
		switch ent {
		case "amp":
			r = '&'
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "quot":
			r = '"'
		case "apos":
			r = '\''
		case "nbsp":
			r = ' '
		default:
			if ent[0] == '#' {
				var n int64
				var err error
				if len(ent) > 1 && (ent[1] == 'x' || ent[1] == 'X') {
					n, err = strconv.ParseInt(ent[2:], 16, 32)
				} else {
					n, err = strconv.ParseInt(ent[1:], 10, 32)
				}
				if err == nil && n > 0 && n < 0x110000 {
					r = rune(n)
				}
			}
		}
		if r < 0 {
			b.WriteByte('&')
			i++
			continue
		}
		b.WriteRune(r)
		i += j + 1
	}
	return b.String()
}
