package serverlog

import "strings"

// frameHints map what a stack frame, an exception class or a logger name
// shows of a library to a word of the catalogue's library name, which
// servermsg.MatchText uses to choose between libraries writing the same
// words. More specific markers first.
var frameHints = []struct{ marker, lib string }{
	{"jose/jwt.py", "python-jose"}, {"jose/jws.py", "python-jose"}, {"jose/jwk.py", "python-jose"},
	{"jose.exceptions.", "python-jose"}, {"site-packages/jose/", "python-jose"}, {"dist-packages/jose/", "python-jose"},
	{"jwt/api_jwt.py", "PyJWT"}, {"jwt/api_jws.py", "PyJWT"}, {"jwt/jwks_client.py", "PyJWT"}, {"jwt.exceptions.", "PyJWT"},
	{"site-packages/jwt/", "PyJWT"}, {"dist-packages/jwt/", "PyJWT"},
	{"authlib/", "Authlib"}, {"authlib.jose", "Authlib"},
	{"node_modules/jwks-rsa/", "jwks-rsa"}, {"JwksError", "jwks-rsa"}, {"SigningKeyNotFoundError", "jwks-rsa"},
	{"node_modules/express-oauth2-jwt-bearer/", "express-oauth2-jwt-bearer"},
	{"node_modules/express-jwt/", "express-jwt"}, {"UnauthorizedError", "express-jwt"},
	{"node_modules/jsonwebtoken/", "jsonwebtoken"}, {"TokenExpiredError", "jsonwebtoken"}, {"JsonWebTokenError", "jsonwebtoken"}, {"NotBeforeError", "jsonwebtoken"},
	{"node_modules/njwt/", "njwt"}, {"node_modules/@okta/", "okta"},
	{"node_modules/passport-jwt/", "passport-jwt"},
	{"node_modules/jose/", "jose (panva)"}, {"ERR_JWT_", "jose (panva)"}, {"ERR_JWS_", "jose (panva)"}, {"ERR_JWKS_", "jose (panva)"},
	{"node_modules/aws-jwt-verify/", "aws-jwt-verify"}, {"node_modules/firebase-admin/", "firebase-admin"},
	{"golang-jwt/jwt", "golang-jwt"}, {"lestrrat-go/jwx/v3", "jwx v3"}, {"lestrrat-go/jwx/v2", "jwx v2"},
	{"coreos/go-oidc", "go-oidc"}, {"MicahParks/keyfunc", "keyfunc"}, {"istio", "Istio"},
	{"io.jsonwebtoken.", "jjwt"}, {"com.nimbusds.", "Nimbus"}, {"com.auth0.jwt", "auth0/java-jwt"},
	{"org.springframework.security", "Spring Security"}, {"org.keycloak.", "Keycloak"},
	{"Microsoft.AspNetCore.Authentication.JwtBearer", "JwtBearer"},
	{"Microsoft.IdentityModel.Tokens", "Microsoft.IdentityModel.Tokens"},
	{"Microsoft.IdentityModel.JsonWebTokens", "Microsoft.IdentityModel.JsonWebTokens"},
	{"System.IdentityModel.Tokens.Jwt", "System.IdentityModel.Tokens.Jwt"},
	{"Microsoft.IdentityModel.Protocols", "Microsoft.IdentityModel.Protocols"},
	{"Microsoft.Identity.Web", "Microsoft.Identity.Web"},
	{"envoy", "Envoy"}, {"jwt_authn", "Envoy"}, {"[kong]", "Kong"}, {"kong", "Kong"},
}

// hintOf is the library a log names by its frames and class names, "" when
// none.
func hintOf(text string) string {
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	for _, h := range frameHints {
		if strings.Contains(text, h.marker) {
			return h.lib
		}
	}
	return ""
}
