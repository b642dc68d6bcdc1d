package authz

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/token"
)

// DecodeBasic decodes Basic credentials (RFC 7617 §2): base64 of
// user-id ":" password. It accepts missing padding; errors wrap ErrNotBase64
// (naming the offending character and its 1-based position) or ErrNoColon.
func DecodeBasic(cred string) (user, password string, err error) {
	b, bad, _ := decodeStd(cred)
	if bad != "" {
		return "", "", fmt.Errorf("%s: %w", bad, ErrNotBase64)
	}
	i := strings.IndexByte(string(b), ':')
	if i < 0 {
		return "", "", ErrNoColon
	}
	return string(b[:i]), string(b[i+1:]), nil
}

// decodeStd decodes standard base64, with or without padding. bad says why
// it is not base64; unpadded reports missing padding.
func decodeStd(s string) (out []byte, bad string, unpadded bool) {
	end := len(s)
	for end > 0 && s[end-1] == '=' {
		end--
	}
	for i := 0; i < end; i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
		case c == '-' || c == '_':
			return nil, fmt.Sprintf("'%c' at position %d is base64url, not the standard base64 Basic uses", c, i+1), false
		default:
			return nil, fmt.Sprintf("%s at position %d is not a base64 character", report.CharDesc(s, i), i+1), false
		}
	}
	body := s[:end]
	if len(body)%4 == 1 {
		return nil, fmt.Sprintf("%d characters cannot be base64: one is missing or extra", len(body)), false
	}
	b, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil {
		return nil, "not base64: " + err.Error(), false
	}
	return b, "", len(s)%4 != 0
}

// looksSecret says a Basic user-id is probably an API key rather than a name.
func looksSecret(u string) bool {
	for _, pre := range []string{"sk_", "rk_", "pk_", "key-", "api_", "ghp_", "glpat-"} {
		if strings.HasPrefix(u, pre) {
			return true
		}
	}
	if len(u) < 24 || strings.ContainsAny(u, "@ .") {
		return false
	}
	var digits, letters int
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters++
		}
	}
	return digits > 0 && letters > 0
}

func dots(n int) string {
	if n == 0 {
		return "(empty)"
	}
	k := n
	if k > 12 {
		k = 12
	}
	return strings.Repeat("•", k) + fmt.Sprintf(" (%d %s)", n, report.Plural(n, "char", "chars"))
}

// showUser quotes a user-id when it holds odd characters; masks it when it
// looks like a key.
func (p *parser) showUser(u string) string {
	if !p.reveal && looksSecret(u) {
		return report.Fingerprint(u)
	}
	if len(u) > 80 {
		u = clipRunes(u, 80) + "…"
	}
	q := strconv.Quote(u)
	if q[1:len(q)-1] == u && !strings.ContainsAny(u, " :") && u != "" {
		return u
	}
	return q
}

func (p *parser) basic(c *Credentials, cs, ce int) {
	cred := p.v[cs:ce]
	refs := []string{"RFC 7617 §2"}
	if cred == "" {
		p.add(report.New(report.RequestBasicMalformed, report.Error, report.Client,
			"The header says Basic with no credentials after it",
			"Basic credentials are the base64 of user-id \":\" password after the scheme (RFC 7617 §2); this header has none, so the variables holding them were empty.",
			"Send \"Authorization: Basic <base64 of user:password>\".",
			report.Evidence("Authorization: "+c.Scheme), refs...), cs, ce)
		return
	}
	if what, ok := token.Placeholder(cred); ok {
		p.add(report.New(report.TokenPlaceholder, report.Error, report.Client,
			fmt.Sprintf("The client sent the placeholder %s instead of Basic credentials", strconv.Quote(clipRunes(cred, 64))),
			report.Detail("This is "+what+": the code that builds the request did not have the credentials when it ran."),
			"Make sure the variables holding the user and password are set before the request is sent.",
			report.Evidence("Basic "+strconv.Quote(clipRunes(cred, 64))), "RFC 7617 §2"), cs, ce)
		return
	}
	if strings.HasPrefix(cred, "eyJ") && strings.Count(cred, ".") >= 2 {
		p.add(report.New(report.RequestBasicMalformed, report.Error, report.Client,
			"A JWT was sent with the Basic scheme",
			"Basic carries base64(user:password) (RFC 7617 §2); this credential is a JWT, which belongs after \"Bearer\" (RFC 6750 §2.1). The server tries to decode it as a user and password and fails.",
			"Send \"Authorization: Bearer <token>\".",
			report.Evidence(c.Scheme+" "+mask(cred, p.reveal)), "RFC 7617 §2", "RFC 6750 §2.1"), cs, ce)
		return
	}
	b, bad, unpadded := decodeStd(cred)
	if bad != "" {
		p.add(report.New(report.RequestBasicMalformed, report.Error, report.Client,
			"The Basic credentials are not base64: "+bad,
			"Basic credentials are the standard base64 (with '+', '/' and '=' padding) of user-id \":\" password (RFC 7617 §2). These cannot be decoded, so the server rejects them; often the user and password were sent in clear, or encoded twice.",
			"Send base64(\"user:password\"), e.g. what curl -u user:password produces.",
			report.Evidence(c.Scheme+" "+mask(cred, p.reveal)), refs...), cs, ce)
		return
	}
	if unpadded {
		p.add(report.New(report.RequestBasicMalformed, report.Warning, report.Client,
			"The Basic credentials lack their '=' padding",
			"Standard base64 pads to a multiple of 4 characters with '=' (RFC 4648 §4); lenient servers accept it without, strict decoders (Go's base64.StdEncoding, Python's b64decode) reject it.",
			"Send the padded base64 of \"user:password\".",
			report.Evidence(c.Scheme+" "+mask(cred, p.reveal)), "RFC 7617 §2", "RFC 4648 §4"), cs, ce)
	}
	s := string(b)
	i := strings.IndexByte(s, ':')
	if i < 0 {
		p.add(report.New(report.RequestBasicMalformed, report.Error, report.Client,
			fmt.Sprintf("The Basic credentials decode to %d bytes with no ':' between user and password", len(b)),
			"Basic credentials are base64 of user-id \":\" password (RFC 7617 §2). Without the colon the server cannot split them: only a user, only a password, or a token was encoded.",
			"Encode \"user:password\" (with the colon), or, for an API key or token, use the scheme the API documents (often Bearer, or the key as user with an empty password).",
			report.Evidence("decoded: "+mask(s, p.reveal)), refs...), cs, ce)
		return
	}
	c.User, c.Password = s[:i], s[i+1:]
	pw := dots(utf8.RuneCountInString(c.Password))
	if p.reveal {
		pw = strconv.Quote(c.Password)
	}
	ev := p.showUser(c.User) + " : " + pw
	detail := fmt.Sprintf("The credentials decode to the user %s and a password of %d characters (RFC 7617 §2).", p.showUser(c.User), utf8.RuneCountInString(c.Password))
	if !utf8.ValidString(s) {
		detail += " They are not valid UTF-8: a server that expects UTF-8 (RFC 7617 §2.1 charset) may fail to match them."
	}
	if title, why, ok := basicFlaw(c.User, c.Password, utf8.ValidString(s)); ok {
		p.add(report.New(report.RequestBasicMalformed, report.Error, report.Client, title,
			report.Detail(detail+" "+why+" The server compares the decoded bytes exactly, so the password does not match even when it was typed right."),
			"Encode exactly user:password, with no newline: printf '%s' 'user:password' | base64 (not echo, which adds one; or echo -n), or let the client do it (curl -u 'user:password', requests' auth=(user, password)).",
			report.Evidence(ev), refs...), cs, ce)
		return
	}
	if c.User == "" {
		p.add(report.New(report.RequestBasicMalformed, report.Warning, report.Client,
			"The Basic credentials have an empty user",
			report.Detail(detail+" The user-id is empty: most servers reject that, though some APIs ask for exactly this (an Azure DevOps personal access token goes in the password with an empty user)."),
			"Put the user before the colon, unless the API documents an empty user.",
			report.Evidence(ev), refs...), cs, ce)
		return
	}
	if c.Password == "" {
		detail += " The password is empty, as APIs that take an API key as the user (Stripe, for example) expect; otherwise the password variable was empty."
	}
	p.add(report.New(report.RequestBasicCredentials, report.Info, report.Client,
		fmt.Sprintf("Basic credentials for the user %s", p.showUser(c.User)),
		report.Detail(detail+" Basic sends them with every request, only base64-encoded, so they must travel over HTTPS."),
		"If they are refused, check the user and password themselves: the encoding is correct.",
		report.Evidence(ev), refs...), cs, ce)
}

// basicFlaw names what is wrong in decoded Basic credentials that decode
// well but hold bytes the user did not mean: a line ending (echo without
// -n piped into base64), spaces around either part, control characters,
// percent-encoding (a URL's userinfo copied as is), or bytes that are not
// UTF-8 (RFC 7617 §2.1: servers that announce charset="UTF-8" expect it).
func basicFlaw(user, pass string, validUTF8 bool) (title, why string, ok bool) {
	both := user + ":" + pass
	switch {
	case strings.HasSuffix(pass, "\n") || strings.HasSuffix(pass, "\r"):
		return "The Basic credentials end with a line break: the password includes it",
			"The decoded credentials end in a newline (or CR LF), which becomes part of the password: what echo 'user:password' | base64 produces, since echo adds a newline.", true
	case strings.ContainsAny(both, "\r\n"):
		return "The Basic credentials hold a line break",
			"The decoded user or password contains a CR or LF, which no one types into a password: the value was read from a file or variable with its line ending.", true
	case strings.TrimSpace(user) != user || strings.TrimSpace(pass) != pass:
		return "The Basic credentials have spaces around the user or password",
			"The decoded user or password starts or ends with a space or tab, which becomes part of it (usually copied with the surrounding whitespace).", true
	case strings.IndexFunc(both, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return "The Basic credentials hold control characters",
			"The decoded user or password contains control characters (RFC 7617 §2 excludes them).", true
	case percentEncoded(both):
		return "The Basic credentials are percent-encoded",
			"The decoded user or password contains %XX escapes (such as %40 for @): Basic carries the raw characters, so a userinfo copied from a URL must be decoded first.", true
	case !validUTF8:
		return "The Basic credentials are not valid UTF-8",
			"The decoded bytes are not UTF-8 (Latin-1 or another legacy encoding): a server that announces charset=\"UTF-8\" (RFC 7617 §2.1) encodes the stored password in UTF-8 and does not match.", true
	}
	return "", "", false
}

// percentEncoded reports a %XX escape of a character that needs no escape
// in Basic (@ : / space % and non-ASCII are the common ones).
func percentEncoded(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '%' && isHex(s[i+1]) && isHex(s[i+2]) {
			switch strings.ToUpper(s[i+1 : i+3]) {
			case "40", "3A", "2F", "20", "25", "23", "3F", "26", "2B", "3D", "C3", "C2", "E2":
				return true
			}
		}
	}
	return false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
