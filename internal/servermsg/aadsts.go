package servermsg

import "strings"

// Entra's codes come from its token endpoint and are about the grant, the
// client or the user, not the access token a resource refused: none maps to
// a token.* or claims.* code.
//
// aadsts maps the Microsoft Entra ID (Azure AD) error codes people meet most
// to a cause and what the code says (learn.microsoft.com, "Microsoft Entra
// authentication and authorization error codes").
var aadsts = map[string]struct{ cause, meaning string }{
	"50013":   {CauseBadCredentials, "the assertion failed signature validation"},
	"50058":   {"session-expired", "silent sign-in was asked for but no user is signed in"},
	"50076":   {CauseForbidden, "multi-factor authentication is required for this resource"},
	"50079":   {CauseForbidden, "the user must enrol in multi-factor authentication"},
	"50126":   {CauseBadCredentials, "invalid user name or password"},
	"50132":   {"revoked", "the session was revoked (password change, admin action)"},
	"50173":   {"revoked", "the grant expired because it was revoked (password reset, security info changed)"},
	"53003":   {CauseForbidden, "Conditional Access blocked the sign-in"},
	"65001":   {CauseForbidden, "the user or an administrator has not consented to the application"},
	"70008":   {CauseCredentialExpired, "the authorization code or refresh token expired or was already used"},
	"70011":   {"invalid-claim", "the scope requested is invalid"},
	"90002":   {"config-error", "the tenant in the URL does not exist"},
	"500011":  {"config-error", "the resource (audience) the token was asked for is not in this tenant"},
	"700016":  {"config-error", "no application with this client_id exists in the tenant"},
	"700024":  {CauseCredentialExpired, "the client assertion is not within its valid time range"},
	"700027":  {CauseBadCredentials, "the client assertion's signature does not verify with the application's registered certificates"},
	"700082":  {CauseCredentialExpired, "the refresh token expired from inactivity"},
	"7000215": {CauseBadCredentials, "the client secret is wrong: the secret's value, not its ID, must be sent"},
	"7000222": {CauseCredentialExpired, "the client secret has expired"},
}

// aadstsCode finds "AADSTS<digits>" in s.
func aadstsCode(s string) (string, bool) {
	i := strings.Index(s, "AADSTS")
	if i < 0 {
		return "", false
	}
	j := i + 6
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i+6 {
		return "", false
	}
	return s[i+6 : j], true
}
