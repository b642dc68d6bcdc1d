package servermsg

// Hand-written rules for what common stacks send in a response body, beyond
// the library catalogue (table_gen.go). The wording of each message is the
// product's; the meaning is ours.

// Causes the catalogue does not have, for messages about credentials other
// than a JWT, or about something other than the credential.
const (
	// CauseBadCredentials: the secret itself is wrong or unknown (a wrong
	// password, a rolled or mistyped API key, a personal access token that was
	// revoked).
	CauseBadCredentials = "bad-credentials"
	// CauseWrongRoute: the path, method or stage does not exist; the
	// gateway's wording only sounds like an authentication problem.
	CauseWrongRoute = "wrong-route"
	// CauseForbidden: the caller is known but a policy denies the request.
	CauseForbidden = "forbidden"
	// CauseCredentialExpired: a credential other than the JWT expired (an
	// AWS session token, a client secret).
	CauseCredentialExpired = "credential-expired"
)

type rule struct {
	product string
	cause   string
	msg     string // as the product writes it; placeholders as in the catalogue
	// ctx, when set, is a product the response's headers or shape must
	// name (see hints): "Unauthorized" means something only in context.
	ctx string
	// meaning, when set, says more than the cause's general meaning.
	meaning string
}

var rules = []rule{
	// FastAPI / Starlette (fastapi/security/*.py, the security tutorial).
	{product: "FastAPI", cause: "missing-token", msg: "Not authenticated",
		meaning: "FastAPI's security dependency (OAuth2PasswordBearer, HTTPBearer, APIKeyHeader) found no credentials in the request: no Authorization header, or one without the expected scheme."},
	{product: "FastAPI", cause: "generic-invalid", msg: "Could not validate credentials",
		meaning: "The wording of FastAPI's security tutorial: the application's own get_current_user could not decode or validate the token, and hides which check failed (expired, signature, audience …)."},
	{product: "FastAPI", cause: "wrong-scheme", msg: "Invalid authentication credentials",
		meaning: "FastAPI's HTTPBearer/HTTPBasic found an Authorization header whose scheme is not the one it expects."},
	{product: "FastAPI", cause: CauseBadCredentials, msg: "Incorrect username or password"},

	// Django REST framework (rest_framework/authentication.py, exceptions.py).
	{product: "Django REST framework", cause: "missing-token", msg: "Authentication credentials were not provided.",
		meaning: "DRF's NotAuthenticated: none of the view's authentication classes found credentials it reads (DRF's TokenAuthentication reads \"Token <key>\", SimpleJWT \"Bearer <token>\"; a header of another scheme counts as none)."},
	{product: "Django REST framework", cause: CauseBadCredentials, msg: "Invalid token.",
		meaning: "DRF's TokenAuthentication did not find this key in its token table: it was deleted, regenerated, or belongs to another database."},
	{product: "Django REST framework", cause: CauseBadCredentials, msg: "Invalid username/password."},
	{product: "Django REST framework", cause: "malformed", msg: "Invalid token header. No credentials provided."},
	{product: "Django REST framework", cause: "malformed", msg: "Invalid token header. Token string should not contain spaces."},
	{product: "Django REST framework", cause: "malformed", msg: "Invalid basic header. No credentials provided."},
	{product: "Django REST framework", cause: "revoked", msg: "User inactive or deleted."},
	{product: "Django REST framework", cause: "generic-invalid", msg: "Incorrect authentication credentials."},
	{product: "Django REST framework", cause: CauseForbidden, msg: "You do not have permission to perform this action."},
	// SimpleJWT (rest_framework_simplejwt/authentication.py, tokens.py).
	{product: "djangorestframework-simplejwt", cause: "generic-invalid", msg: "Given token not valid for any token type",
		meaning: "SimpleJWT tried each of its token classes and none accepted the token; the reason is in messages[].message."},
	{product: "djangorestframework-simplejwt", cause: "generic-invalid", msg: "Token is invalid or expired",
		meaning: "SimpleJWT (before 5.3) says this for an expired token, a bad signature and a malformed token alike: the token's own findings say which."},
	{product: "djangorestframework-simplejwt", cause: "expired", msg: "Token is expired"},
	{product: "djangorestframework-simplejwt", cause: "generic-invalid", msg: "Token is invalid"},
	{product: "djangorestframework-simplejwt", cause: "revoked", msg: "Token is blacklisted"},
	{product: "djangorestframework-simplejwt", cause: "malformed", msg: "Authorization header must contain two space-delimited values"},
	{product: "djangorestframework-simplejwt", cause: "wrong-type", msg: "Token has wrong type"},
	{product: "djangorestframework-simplejwt", cause: "missing-claim", msg: "Token contained no recognizable user identification"},
	{product: "djangorestframework-simplejwt", cause: "revoked", msg: "User not found"},

	// express-jwt, express-oauth2-jwt-bearer: Express's default error handler
	// prints "<name>: <message>"; "Unauthorized" alone is express-oauth2's
	// UnauthorizedError for a request without a token.
	{product: "express-oauth2-jwt-bearer", cause: "missing-token", msg: "Unauthorized", ctx: "UnauthorizedError"},
	{product: "express-oauth2-jwt-bearer", cause: "wrong-audience", msg: "Unexpected 'aud' value"},
	{product: "express-oauth2-jwt-bearer", cause: "wrong-issuer", msg: "Unexpected 'iss' value"},
	{product: "express-oauth2-jwt-bearer (jose)", cause: "expired", msg: "\"exp\" claim timestamp check failed", ctx: "Express"},
	{product: "express-oauth2-jwt-bearer (jose)", cause: "bad-signature", msg: "signature verification failed", ctx: "Express"},

	// Spring Boot's error controller for Spring Security's 401/403.
	{product: "Spring Boot (Spring Security)", cause: "generic-invalid", msg: "Unauthorized", ctx: "Spring",
		meaning: "Spring Boot's /error JSON for a 401 from Spring Security: the body never says why; BearerTokenAuthenticationEntryPoint puts the reason in WWW-Authenticate's error_description, and the server log has the exception."},
	{product: "Spring Boot (Spring Security)", cause: CauseForbidden, msg: "Forbidden", ctx: "Spring"},

	// ASP.NET Core ProblemDetails for a bare 401.
	{product: "ASP.NET Core", cause: "generic-invalid", msg: "Unauthorized", ctx: "ASP.NET",
		meaning: "ASP.NET Core's ProblemDetails (RFC 9457) for a 401: JwtBearer writes the reason in WWW-Authenticate's error_description (\"The token expired at …\"), not in the body."},

	// Keycloak.
	{product: "Keycloak", cause: "generic-invalid", msg: "HTTP 401 Unauthorized"},
	{product: "Keycloak", cause: "generic-invalid", msg: "Token verification failed"},

	// Auth0 (Management API, Authentication API).
	{product: "Auth0", cause: "expired", msg: "Expired token received for JSON Web Token validation"},
	{product: "Auth0", cause: "missing-token", msg: "Missing authentication"},
	{product: "Auth0", cause: "malformed", msg: "Bad HTTP authentication header format"},
	{product: "Auth0", cause: "generic-invalid", msg: "Invalid token", ctx: "Auth0"},
	{product: "Auth0", cause: "wrong-audience", msg: "Bad audience: {0}"},
	{product: "Auth0", cause: "insufficient-scope", msg: "Insufficient scope, expected any of: {0}"},

	// Okta (errorCode/errorSummary).
	{product: "Okta", cause: "generic-invalid", msg: "Invalid token provided", ctx: "Okta"},
	{product: "Okta", cause: "generic-invalid", msg: "E0000011"},
	{product: "Okta", cause: "session-expired", msg: "E0000005"},
	{product: "Okta", cause: CauseForbidden, msg: "E0000006"},
	{product: "Okta", cause: "insufficient-scope", msg: "The access token provided does not contain the required scopes."},

	// Microsoft Graph / Entra ID resources (besides AADSTS codes, aadsts.go).
	{product: "Microsoft Graph", cause: "generic-invalid", msg: "InvalidAuthenticationToken"},
	{product: "Microsoft Graph", cause: "expired", msg: "Lifetime validation failed, the token is expired."},
	{product: "Microsoft Graph", cause: "expired", msg: "Access token has expired or is not yet valid."},
	{product: "Microsoft Graph", cause: "wrong-audience", msg: "Access token validation failure. Invalid audience."},
	{product: "Microsoft Graph", cause: "malformed", msg: "CompactToken parsing failed with error code: {0}"},
	{product: "Microsoft Graph", cause: "malformed", msg: "IDX14100: JWT is not well formed"},

	// Google APIs (google.rpc.Status, ErrorInfo.reason).
	{product: "Google APIs", cause: "missing-token", msg: "CREDENTIALS_MISSING"},
	{product: "Google APIs", cause: "expired", msg: "ACCESS_TOKEN_EXPIRED"},
	{product: "Google APIs", cause: "wrong-type", msg: "ACCESS_TOKEN_TYPE_UNSUPPORTED",
		meaning: "Google accepts only OAuth 2 access tokens here: an ID token, an API key or another issuer's token was sent as Bearer."},
	{product: "Google APIs", cause: "insufficient-scope", msg: "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
	{product: "Google APIs", cause: CauseBadCredentials, msg: "API_KEY_INVALID"},
	{product: "Google APIs", cause: "missing-token", msg: "Request is missing required authentication credential. {0}"},
	{product: "Google APIs", cause: "generic-invalid", msg: "Request had invalid authentication credentials. {0}"},
	{product: "Google APIs", cause: "insufficient-scope", msg: "Request had insufficient authentication scopes."},
	{product: "Google APIs", cause: "generic-invalid", msg: "UNAUTHENTICATED", ctx: "Google"},

	// GitHub REST API.
	{product: "GitHub", cause: CauseBadCredentials, msg: "Bad credentials",
		meaning: "GitHub does not know this token: it was revoked, it expired (fine-grained and OAuth tokens expire), or it is mistyped. GitHub does not say which."},
	{product: "GitHub", cause: "missing-token", msg: "Requires authentication"},
	{product: "GitHub", cause: "insufficient-scope", msg: "Resource not accessible by integration"},
	{product: "GitHub", cause: "insufficient-scope", msg: "Resource not accessible by personal access token"},

	// AWS API Gateway (x-amzn-errortype names the exception).
	{product: "AWS API Gateway", cause: CauseWrongRoute, msg: "Missing Authentication Token",
		meaning: "API Gateway's MissingAuthenticationTokenException: despite its name it usually means no resource or method matches the request's path, method or stage (a typo, a missing stage prefix, an undeployed change); only for IAM-authorised methods does it mean a missing SigV4 signature."},
	{product: "AWS API Gateway", cause: "generic-invalid", msg: "Unauthorized", ctx: "AWS",
		meaning: "API Gateway's UnauthorizedException: the Cognito or Lambda authorizer refused the request (no token in the identity source header, or the token was rejected); API Gateway does not say which, the authorizer's logs do."},
	{product: "AWS API Gateway", cause: CauseForbidden, msg: "User is not authorized to access this resource"},
	{product: "AWS API Gateway", cause: CauseForbidden, msg: "User is not authorized to access this resource with an explicit deny"},
	{product: "AWS API Gateway", cause: CauseForbidden, msg: "Forbidden", ctx: "AWS",
		meaning: "API Gateway's ForbiddenException: the API key (x-api-key) is missing or not in a usage plan, a resource policy denies the caller, or the authorizer's policy denied it."},
	{product: "AWS API Gateway (Cognito authorizer)", cause: "expired", msg: "The incoming token has expired"},
	{product: "AWS API Gateway HTTP API JWT authorizer", cause: "wrong-audience", msg: "the token does not have a valid audience"},
	{product: "AWS API Gateway HTTP API JWT authorizer", cause: "expired", msg: "the token has expired"},
	{product: "AWS", cause: CauseBadCredentials, msg: "The security token included in the request is invalid"},
	{product: "AWS", cause: CauseCredentialExpired, msg: "The security token included in the request is expired"},
	{product: "AWS", cause: CauseBadCredentials, msg: "The request signature we calculated does not match the signature you provided. {0}"},

	// Kong (key-auth, jwt, basic-auth plugins).
	{product: "Kong key-auth", cause: "missing-token", msg: "No API key found in request"},
	{product: "Kong", cause: CauseBadCredentials, msg: "Invalid authentication credentials", ctx: "Kong"},
	{product: "Kong", cause: CauseBadCredentials, msg: "Unauthorized", ctx: "Kong",
		meaning: "Kong's jwt or basic-auth plugin found no credential it accepts: none was sent where the plugin looks (Authorization: Bearer, the jwt query parameter or cookie), or the consumer is unknown."},

	// Envoy / Istio.
	{product: "Envoy jwt_authn", cause: "missing-token", msg: "Jwt is missing"},
	{product: "Envoy RBAC", cause: CauseForbidden, msg: "RBAC: access denied"},

	// Web servers' own error pages: the refusal came from the front server.
	{product: "nginx", cause: "generic-invalid", msg: "401 Authorization Required", ctx: "nginx",
		meaning: "nginx's own 401 page: nginx itself refused (auth_basic, auth_request, auth_jwt), before the application was asked."},
	{product: "nginx", cause: CauseForbidden, msg: "403 Forbidden", ctx: "nginx",
		meaning: "nginx's own 403 page: an allow/deny rule, auth_request answering 403, or file permissions; the application did not answer."},
	{product: "Apache httpd", cause: "generic-invalid", msg: "This server could not verify that you are authorized to access the document requested. {0}",
		meaning: "Apache's own 401 page (mod_auth_basic, mod_auth_digest, mod_auth_openidc …): Apache refused before the application was asked."},
	{product: "IIS", cause: CauseBadCredentials, msg: "401 - Unauthorized: Access is denied due to invalid credentials."},
	{product: "IIS", cause: "generic-invalid", msg: "HTTP Error 401.{0} - Unauthorized"},

	// API-key services.
	{product: "Stripe", cause: CauseBadCredentials, msg: "Invalid API Key provided: {0}"},
	{product: "OpenAI", cause: CauseBadCredentials, msg: "Incorrect API key provided: {0}"},
	{product: "OpenAI", cause: "missing-token", msg: "You didn't provide an API key. {0}"},
	{product: "Anthropic", cause: CauseBadCredentials, msg: "invalid x-api-key"},
}

var compiledRules = func() []pattern {
	ps := make([]pattern, len(rules))
	for i, r := range rules {
		ps[i] = compile(r.msg)
	}
	return ps
}()
