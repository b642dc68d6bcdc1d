// Package challenge parses WWW-Authenticate and Proxy-Authenticate field
// values into challenges and explains their schemes and parameters.
//
// The grammar is RFC 9110 §11.6.1 (WWW-Authenticate = #challenge), §11.2–11.3
// (challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]), §5.6.1 (the
// list rule and its empty elements), §5.6.2 (token), §5.6.3 (OWS, BWS) and
// §5.6.4 (quoted-string, quoted-pair). Obsolete line folding (RFC 9112 §5.2)
// is read as a space. Scheme-specific parameters are described from RFC 6750
// §3 (Bearer), RFC 7617 (Basic), RFC 7616 (Digest), RFC 9449 (DPoP), RFC 9728
// (resource_metadata) and the Docker registry token specification.
//
// Parse is strict about the grammar (so a broken header is reported, with the
// byte offset where it breaks) but lenient about what it returns: every
// challenge that parsed before the error, and after it where the grammar lets
// the parser resynchronise at the next comma, is still returned.
package challenge
