package claims

import (
	"fmt"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
)

// mediaType normalises a typ value: lower case, without "application/" (RFC 7515 §4.1.9).
func mediaType(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimPrefix(s, "application/")
}

// typ checks that a token sent as an access token is one: not an ID token,
// a DPoP proof, a refresh token or a token of another explicit type.
func (c *checker) typ() {
	typRaw, _ := strOf(c.header["typ"])
	typ := mediaType(typRaw)
	ptyp, _ := strOf(c.payload["typ"]) // Keycloak: "Bearer", "ID", "Refresh"
	ptyp = strings.ToLower(ptyp)
	use, _ := strOf(c.payload["token_use"]) // Amazon Cognito: "access", "id"
	use = strings.ToLower(use)
	hpath := c.path + ".header.typ"
	typEv := "typ=" + report.Quote(typRaw, 60)
	if _, ok := c.header["typ"]; !ok {
		typEv = "no typ in header"
	}

	switch {
	case typ == "dpop+jwt":
		c.add(report.New(report.TokenTyp, report.Error, report.Client,
			"A DPoP proof was sent as the access token (typ dpop+jwt)",
			"A DPoP proof (RFC 9449 §4.2) is a one-time JWT that proves possession of a key; it goes in the DPoP header, and the access token goes in Authorization. A server rejects a proof used as an access token.",
			"Send the access token in Authorization: DPoP <access token> and the proof in a separate DPoP: <proof> header.",
			report.Evidence(typEv), "RFC 9449 §4.2", "RFC 9449 §7.1", "RFC 8725 §3.11").At(hpath))
		return
	case ptyp == "refresh" || typ == "refresh+jwt":
		ev := typEv
		path := hpath
		if ptyp == "refresh" {
			ev, path = "payload typ=\"Refresh\"", c.path+".payload.typ"
		}
		c.add(report.New(report.TokenTyp, report.Error, report.Client,
			"A refresh token was sent as the access token",
			"A refresh token is only for the token endpoint, to get new access tokens (RFC 6749 §1.5); resource servers reject it.",
			"Send the access_token from the token response, and keep the refresh_token for the token endpoint.",
			report.Evidence(ev), "RFC 6749 §1.5", "RFC 8725 §3.12").At(path))
		return
	case typ == "at+jwt" || ptyp == "bearer" || use == "access":
		return // explicitly an access token
	}

	if why := c.idTokenSigns(ptyp, use); why != "" {
		c.add(report.New(report.TokenTyp, report.Error, report.Client,
			"This looks like an OpenID Connect ID token; APIs expect the access token",
			"An ID token tells the client who signed in (OpenID Connect Core §2); its audience is the client, not the API, so resource servers reject it. Sending the id_token instead of the access_token from the token response is a very common mistake (RFC 8725 §2.8, cross-JWT confusion).",
			"Send the access_token from the token response, not the id_token; if the access token is opaque or lacks the API's audience, request it with the API's audience or scope.",
			report.Evidence(why), "OpenID Connect Core 1.0 §2", "RFC 8725 §2.8", "RFC 9068 §2.1").At(c.path + ".payload"))
		return
	}

	switch {
	case strings.HasSuffix(typ, "+jwt") || typ == "id_token":
		c.add(report.New(report.TokenTyp, report.Warning, report.Client,
			fmt.Sprintf("The token's typ is %s, not an access-token type", report.Quote(typRaw, 60)),
			"Explicitly typed JWTs (RFC 8725 §3.11) are rejected where another kind is expected: this token says it is something other than an access token (at+jwt, RFC 9068 §2.1), such as a logout token or a security event.",
			"Send the access token the API expects.",
			report.Evidence(typEv), "RFC 8725 §3.11", "RFC 9068 §2.1").At(hpath))
	case typ != "" && typ != "jwt" && typ != "jose" && typ != "jws":
		c.add(report.New(report.TokenTyp, report.Info, report.Server,
			fmt.Sprintf("The access token's typ is %s; JWT access tokens are typed at+jwt", report.Quote(typRaw, 60)),
			"RFC 9068 §2.1 types JWT access tokens as \"at+jwt\"; most issuers write \"JWT\", which servers accept. A server that enforces RFC 9068 rejects other types.",
			"If the API enforces RFC 9068, have the issuer type access tokens as at+jwt.",
			report.Evidence(typEv), "RFC 9068 §2.1", "RFC 7515 §4.1.9").At(hpath))
	}
}

// idTokenSigns lists what makes the payload look like an ID token, or "".
func (c *checker) idTokenSigns(ptyp, use string) string {
	var signs []string
	if ptyp == "id" {
		signs = append(signs, `payload typ="ID"`)
	}
	if use == "id" {
		signs = append(signs, `token_use="id"`)
	}
	for _, k := range []string{"at_hash", "c_hash", "s_hash"} {
		if _, ok := c.payload[k]; ok {
			signs = append(signs, k+" present")
		}
	}
	_, hasScope := Scopes(c.payload)
	if _, ok := c.payload["nonce"]; ok && !hasScope {
		signs = append(signs, "nonce present")
	}
	_, hasRoles := c.payload["roles"]
	if azp, ok := strOf(c.payload["azp"]); ok && !hasScope && !hasRoles {
		if auds, ok := stringsOf(c.payload["aud"]); ok && len(auds) == 1 && auds[0] == azp {
			signs = append(signs, "aud=azp="+report.Quote(azp, 80))
		}
	}
	if len(signs) == 0 {
		return ""
	}
	if !hasScope {
		signs = append(signs, "no scope")
	}
	return strings.Join(signs, "; ")
}
