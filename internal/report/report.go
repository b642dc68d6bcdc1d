package report

import "encoding/json"

// Version is the version of the Report JSON contract.
const Version = 1

// Severity says how much a finding explains a refusal.
type Severity string

const (
	// Error means the finding alone explains a refusal.
	Error Severity = "error"
	// Warning is a defect that may matter.
	Warning Severity = "warning"
	// Info explains and changes nothing.
	Info Severity = "info"
)

// Side says who must act on a finding.
type Side string

const (
	Client Side = "client"
	Server Side = "server"
	Both   Side = "both"
)

// Span is a byte range [Start, End) in the analysed input text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Report is the result of one analysis. See REPORT.md for the contract.
type Report struct {
	Version int    `json:"version"`
	Now     string `json:"now"`
	Inputs  []Part `json:"inputs"`

	// Request and Response are the primary exchange: the one whose answer
	// explains the refusal (the last one carrying a 401/403, or the only one).
	Request  *Request  `json:"request"`
	Response *Response `json:"response"`
	// Exchanges lists every request/response pair when the paste held more
	// than one (a curl -v transcript with redirects, a HAR export). Omitted
	// when there is at most one.
	Exchanges []Exchange `json:"exchanges,omitempty"`
	// Primary is the index in Exchanges of the exchange the verdict is
	// about (the one Request and Response show); omitted with Exchanges.
	Primary *int `json:"primary,omitempty"`

	Tokens []Token `json:"tokens"`
	// Keys lists the key material the analysis was given or fetched.
	Keys     []Key     `json:"keys,omitempty"`
	Clock    *Clock    `json:"clock"`
	Findings []Finding `json:"findings"`
	// ServerMessages are the messages of the server's own that were
	// recognised (REPORT.md server_messages), in the order of the exchanges.
	ServerMessages []RecognisedMessage `json:"server_messages,omitempty"`
	Verdict        string              `json:"verdict"`
	// Redactions locate every credential and signature the engine
	// recognised in the input, ordered and not overlapping: what a share
	// link or a copied report removes (internal/redact). Never the values.
	Redactions []Redaction `json:"redactions,omitempty"`
}

// RecognisedMessage is one recognised message of the server's own: a 4xx body
// (FastAPI detail, DRF, Express, problem+json, a gateway's message, an HTML
// error page) or a challenge's error_description.
type RecognisedMessage struct {
	// Library is the library or product that wrote it ("FastAPI",
	// "express-jwt", "AWS API Gateway", "python-jose (FastAPI)").
	Library string `json:"library"`
	// Cause is what it means: expired, wrong-audience, missing-token,
	// generic-invalid, bad-credentials, wrong-route, forbidden … (see
	// internal/servermsg).
	Cause string `json:"cause"`
	// Code is the finding code raised or confirmed for the cause, "" when the
	// message is reported only as server.message.
	Code string `json:"code,omitempty"`
	// Message is the server's text, with anything that looks like a
	// credential fingerprinted.
	Message string `json:"message"`
	// Meaning says what the message means.
	Meaning string `json:"meaning"`
	// Where says where it was: "body.detail", "body.html.pre",
	// "challenges[0].error_description" …, prefixed "exchanges[i]." when the
	// paste held several exchanges.
	Where string `json:"where"`
	// Span locates the message in the input, when it is there verbatim.
	Span *Span `json:"span,omitempty"`
}

// Part is one detected part of the pasted text.
type Part struct {
	Kind string `json:"kind"`
	// Span locates the part in the input, when it is a contiguous piece of it.
	Span *Span `json:"span,omitempty"`
	// Note says what was understood or skipped (e.g. "12 of 200 HAR entries analysed").
	Note string `json:"note,omitempty"`
}

// Input kinds (REPORT.md "Input kinds").
const (
	KindJWT                 = "jwt"
	KindJWE                 = "jwe"
	KindAuthorizationHeader = "authorization-header"
	KindHTTPResponse        = "http-response"
	KindHTTPRequest         = "http-request"
	KindCurlVerbose         = "curl-verbose"
	KindCurlCommand         = "curl-command"
	KindHAR                 = "har"
	KindWWWAuthenticate     = "www-authenticate"
	KindJWKS                = "jwks"
	KindJWK                 = "jwk"
	KindPEM                 = "pem"
	// KindServerLog is log lines or a stack trace of a server's token
	// validation (internal/serverlog).
	KindServerLog = "server-log"
	// KindClaimsJSON is a token payload someone already decoded (a JSON
	// object of registered claims), alone or with a Unix time from date +%s.
	KindClaimsJSON = "claims-json"
	// KindHTTPDebug is a client's wire dump: Python http.client/requests
	// (send:/reply:/header:), wget -d, Node's NODE_DEBUG=http.
	KindHTTPDebug = "http-debug"
	// KindBrowserConsole is the browser console's CORS, fetch and network
	// errors (Chromium, Firefox, Safari).
	KindBrowserConsole = "browser-console"
	// KindUnknown is text that matched no kind; an input.unrecognized finding says so.
	KindUnknown = "unknown"
)

// Header is one header field as sent: [name, value]. Credentials in values
// are fingerprinted unless the caller asked to reveal them.
type Header [2]string

// Name returns the field name.
func (h Header) Name() string { return h[0] }

// Value returns the field value.
func (h Header) Value() string { return h[1] }

// Request is what the client sent.
type Request struct {
	Method  string   `json:"method"`
	URL     string   `json:"url"`
	Headers []Header `json:"headers"`
	// Span locates the request in the input, when known.
	Span *Span `json:"span,omitempty"`
}

// Response is what the server answered.
type Response struct {
	// Status is nil when only response headers were pasted.
	Status     *int        `json:"status"`
	Headers    []Header    `json:"headers"`
	Challenges []Challenge `json:"challenges"`
	// ProxyChallenges are the Proxy-Authenticate challenges (a 407 from a
	// proxy); an addition to REPORT.md, omitted when there are none.
	ProxyChallenges []Challenge `json:"proxy_challenges,omitempty"`
	Span            *Span       `json:"span,omitempty"`
}

// Exchange is one request and the response to it. Either may be nil.
type Exchange struct {
	Request  *Request  `json:"request"`
	Response *Response `json:"response"`
	// Note says where it came from ("HAR entry 3", "redirect 2 of 3").
	Note string `json:"note,omitempty"`
}

// Challenge is one parsed WWW-Authenticate challenge (RFC 9110 §11.6.1).
type Challenge struct {
	Scheme  string  `json:"scheme"`
	Token68 *string `json:"token68"`
	// Params are keyed by lower-cased name; values are unquoted and unescaped.
	Params map[string]string `json:"params"`
	// Explanations say what the scheme and each parameter mean, with their
	// specification: the text the page shows and the CLI prints. Omitted
	// when nothing is known about the scheme or its parameters.
	Explanations *Explanations `json:"explanations,omitempty"`
}

// Explanations explain one challenge.
type Explanations struct {
	// Scheme explains the authentication scheme; "" for an unknown one.
	Scheme string `json:"scheme,omitempty"`
	// Params explain parameters by lower-cased name; for "error" the
	// explanation is of its value (invalid_token, insufficient_scope …).
	Params map[string]string `json:"params,omitempty"`
}

// Token is one JWT/JWE found in the input.
type Token struct {
	// Source says where it was found.
	Source TokenSource `json:"source"`
	// Form is "jws", "jwe" or "unknown".
	Form string `json:"form"`
	// Fingerprint is the token shortened for display: "eyJhbGci…x4Q, 812 chars".
	Fingerprint string `json:"fingerprint"`
	// Raw is the whole token, present only when the caller asked to reveal credentials.
	Raw string `json:"raw,omitempty"`
	// Segments locate each compact-serialisation segment in the input.
	Segments []Segment `json:"segments,omitempty"`

	// Header and Payload are the decoded JSON objects as they appear in the
	// token (original member order), or null when they cannot be decoded.
	Header  json.RawMessage `json:"header"`
	Payload json.RawMessage `json:"payload"`
	// PayloadText holds a payload that decodes but is not JSON (shown as text).
	PayloadText *string `json:"payload_text,omitempty"`

	Signature *Signature `json:"signature"`
	Times     *Times     `json:"times"`
}

// Segment is one dot-separated part of a compact token.
type Segment struct {
	// Name is "header", "payload", "signature" (JWS) or "header",
	// "encrypted_key", "iv", "ciphertext", "tag" (JWE).
	Name string `json:"name"`
	// Span is the segment's byte range in the input; nil when the token was
	// not found verbatim in the input (e.g. decoded from a Basic credential).
	Span *Span `json:"span,omitempty"`
	// Length is the segment's length in characters.
	Length int `json:"length"`
	// Error says why the segment does not decode; empty when it does.
	Error string `json:"error,omitempty"`
}

// Signature is the verdict on a JWS signature.
type Signature struct {
	Status string  `json:"status"`
	Alg    string  `json:"alg"`
	Key    *KeyRef `json:"key"`
}

// Signature statuses.
const (
	SigVerified    = "verified"
	SigInvalid     = "invalid"
	SigUnverified  = "unverified"
	SigUntrusted   = "untrusted"
	SigUnsupported = "unsupported"
)

// KeyRef names the key a signature was checked with.
type KeyRef struct {
	// Source is "secret", "pem", "certificate", "jwk", "jwks", "jwks-url",
	// "discovery", or "token-header" for a key the token carried itself.
	Source string `json:"source"`
	Kid    string `json:"kid,omitempty"`
	// Thumbprint is the RFC 7638 SHA-256 thumbprint, base64url, when known.
	Thumbprint string `json:"thumbprint,omitempty"`
	// Kty is the key type: "RSA", "EC", "OKP", "oct".
	Kty string `json:"kty,omitempty"`
}

// Times holds the token's registered time claims in RFC 3339 UTC.
type Times struct {
	Iat *string `json:"iat"`
	Nbf *string `json:"nbf"`
	Exp *string `json:"exp"`
	// ExpiresInS is exp − now in seconds (negative: expired that long ago).
	ExpiresInS *int64 `json:"expires_in_s"`
	// LifetimeS is exp − iat in seconds.
	LifetimeS *int64 `json:"lifetime_s"`
}

// Clock shows the clocks the analysis compared.
type Clock struct {
	// Local is the local (browser or CLI) clock, RFC 3339.
	Local string `json:"local"`
	// ServerDate is the response's Date header, RFC 3339, or null.
	ServerDate *string `json:"server_date"`
	// SkewS is server_date − local in seconds, or null without a Date.
	SkewS *int64 `json:"skew_s"`
	// LeewayS is the leeway the time checks allowed, in seconds.
	LeewayS int64 `json:"leeway_s"`
}

// Finding is one diagnosed problem or explanation.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Side     Side     `json:"side"`
	Title    string   `json:"title"`
	Detail   string   `json:"detail"`
	Fix      string   `json:"fix"`
	Evidence string   `json:"evidence"`
	Refs     []string `json:"refs"`
	// Span locates the evidence in the input text, when it is there verbatim.
	Span *Span `json:"span,omitempty"`
	// Path locates the evidence in the Report ("tokens[0].payload.exp",
	// "response.challenges[0].params.error"), for faces that highlight it.
	Path string `json:"path,omitempty"`
}

// Key describes one key the analysis was given or fetched (never the secret
// or private material itself).
type Key struct {
	// Source is "secret", "pem", "certificate", "jwk", "jwks", "jwks-url",
	// "discovery" or "token-header".
	Source string `json:"source"`
	// Origin says where exactly: the URL fetched, or "pasted".
	Origin     string `json:"origin,omitempty"`
	Kid        string `json:"kid,omitempty"`
	Kty        string `json:"kty,omitempty"`
	Alg        string `json:"alg,omitempty"`
	Use        string `json:"use,omitempty"`
	Crv        string `json:"crv,omitempty"`
	Bits       int    `json:"bits,omitempty"`
	Thumbprint string `json:"thumbprint,omitempty"`
	// Encoding says how a secret was read: "utf-8", "base64" or "base64url".
	Encoding    string       `json:"encoding,omitempty"`
	Certificate *Certificate `json:"certificate,omitempty"`
}

// Certificate summarises an X.509 certificate carrying a key.
type Certificate struct {
	Subject   string `json:"subject"`
	Issuer    string `json:"issuer"`
	NotBefore string `json:"not_before"`
	NotAfter  string `json:"not_after"`
}
