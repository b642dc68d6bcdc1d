package report

import (
	"strconv"
	"strings"
)

// TokenSource says where a token was found (REPORT.md "Fields beyond the
// example"): {"where": "request.header", "name": "Authorization"},
// {"where": "response.body", "field": "access_token"}, {"where": "pasted"},
// {"where": "token.payload", "token": 0} for a token nested in another.
type TokenSource struct {
	// Where is "pasted", "request.header", "request.cookie", "request.query",
	// "request.userinfo", "response.body" or "token.payload".
	Where string `json:"where"`
	// Name is the header, cookie or query parameter.
	Name string `json:"name,omitempty"`
	// Field is the member of a JSON response body.
	Field string `json:"field,omitempty"`
	// Token is the index of the token whose payload holds this one.
	Token *int `json:"token,omitempty"`
}

// Token source kinds.
const (
	SourcePasted       = "pasted"
	SourceHeader       = "request.header"
	SourceCookie       = "request.cookie"
	SourceQuery        = "request.query"
	SourceUserinfo     = "request.userinfo"
	SourceBody         = "response.body"
	SourceTokenPayload = "token.payload"
)

// FromRequest reports whether the token was sent by the client.
func (s TokenSource) FromRequest() bool { return strings.HasPrefix(s.Where, "request.") }

// SourceOf reads the engine's dotted source names ("request.authorization",
// "request.cookie.session", "request.header.X-Api-Key",
// "request.query.access_token", "response.body.id_token",
// "tokens[2].payload", "pasted") into a TokenSource. Any other name is kept
// whole in Where.
func SourceOf(name string) TokenSource {
	switch name {
	case "request.authorization":
		return TokenSource{Where: SourceHeader, Name: "Authorization"}
	case "request.proxy-authorization":
		return TokenSource{Where: SourceHeader, Name: "Proxy-Authorization"}
	case SourceUserinfo, SourcePasted, SourceBody:
		return TokenSource{Where: name}
	}
	for _, p := range []string{SourceCookie, SourceHeader, SourceQuery} {
		if n, ok := strings.CutPrefix(name, p+"."); ok {
			return TokenSource{Where: p, Name: n}
		}
	}
	if f, ok := strings.CutPrefix(name, SourceBody+"."); ok {
		return TokenSource{Where: SourceBody, Field: f}
	}
	if in, ok := strings.CutPrefix(name, "tokens["); ok {
		if n, ok := strings.CutSuffix(in, "].payload"); ok {
			if i, err := strconv.Atoi(n); err == nil {
				return TokenSource{Where: SourceTokenPayload, Token: &i}
			}
		}
	}
	return TokenSource{Where: name}
}
