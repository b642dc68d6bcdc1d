// Package servermsg recognises what a server says in its own words when it
// refuses a request: the body of a 4xx response — JSON such as FastAPI's
// {"detail": …}, Django REST framework, Express, Spring, an RFC 9457
// application/problem+json document, a gateway's {"message": …}, an HTML
// error page, plain text — and an RFC 6750 §3 error_description. It names the
// library or product that wrote the message and what the message means (its
// cause: expired, wrong audience, missing token …).
//
// Recognition has two layers: hand-written rules for what common products
// send (rules.go: FastAPI, DRF and SimpleJWT, express-jwt,
// express-oauth2-jwt-bearer, Spring, ASP.NET Core, Keycloak, Auth0, Okta,
// Microsoft Entra ID AADSTS codes, Google APIs, GitHub, AWS API Gateway, Kong,
// Envoy, nginx, Apache, IIS, API-key services), and the catalogue of exact
// library messages in testdata/server-errors.jsonl, compiled into
// table_gen.go by tools/servermsgtable. Match works on any one line of text,
// so the same matcher serves a log line or a console message.
//
// A server message is not a credential, but a message may quote one (an API
// key, a token): Safe fingerprints anything that looks like a credential
// before a message is shown.
//
// References: RFC 9457 (Problem Details for HTTP APIs), RFC 6750 §3 (the
// Bearer error_description), RFC 9110 §15.5.2 (401) and §15.5.4 (403).
package servermsg
