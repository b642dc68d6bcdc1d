package dpop

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/authdebug/authdebug/internal/claims"
	"github.com/authdebug/authdebug/internal/keys"
	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/token"
)

// Input is one request that carries a DPoP proof or uses the DPoP scheme.
type Input struct {
	// Proofs are the values of every DPoP header of the request, in order.
	Proofs []string
	// Scheme is the canonical Authorization scheme ("DPoP", "Bearer"), ""
	// when the request has no Authorization header.
	Scheme string
	// AccessToken is the credential after the scheme, exactly as sent.
	AccessToken string
	// JKT is the access token's cnf.jkt (RFC 9449 §6.1), "" when it has none
	// or is not a JWT.
	JKT string
	// Method and URL are from the request line; URL is absolute or, as in a
	// proxy log, origin-form ("/path?query"), completed by Host.
	Method, URL, Host string
	// ServerTime is the response's Date, nil when unknown: the proof's iat is
	// judged against the time of the exchange, never the analysis clock,
	// since a transcript is pasted long after the proof was made.
	ServerTime *time.Time
	// Verify checks the proof's signature with the key in its own jwk
	// header (keys.VerifyWithOwnJWK); nil skips the signature check.
	Verify func(proof string) keys.OwnKey
	// Path and Span locate the DPoP header in the Report and the input;
	// AuthPath and AuthSpan the Authorization header.
	Path, AuthPath string
	Span, AuthSpan *report.Span
}

// Windows for the proof's iat against the server's Date (RFC 9449 §11.1
// leaves it to the server; deployments use 60 s to 5 min).
const (
	strictWindow = 60 * time.Second
	looseWindow  = 5 * time.Minute
)

// maxProof bounds the proof decoded (a proof is a few hundred bytes; a
// server refuses headers over 8-16 KiB).
const maxProof = 16 << 10

const (
	refCheck  = "RFC 9449 §4.3"
	refSyntax = "RFC 9449 §4.2"
	refScheme = "RFC 9449 §7.1"
	refBind   = "RFC 9449 §6.1"
	refIat    = "RFC 9449 §11.1"
)

type checker struct {
	in    Input
	out   []report.Finding
	proof string
	h     map[string]any
	own   *keys.OwnKey // the signature check, once made
}

// ownKey checks the proof with its own jwk, once; nil when there is no
// jwk or no Verify.
func (c *checker) ownKey() *keys.OwnKey {
	if c.in.Verify == nil {
		return nil
	}
	if _, ok := c.h["jwk"].(map[string]any); !ok {
		return nil
	}
	if c.own == nil {
		res := c.in.Verify(c.proof)
		c.own = &res
	}
	return c.own
}

func (c *checker) add(sev report.Severity, side report.Side, title, detail, fix, evidence string, refs ...string) {
	c.out = append(c.out, report.New(
		report.RequestDPoPProof, sev, side,
		title, report.Detail(detail), report.Fix(fix), report.Evidence(evidence), refs...).At(c.in.Path).Within(c.in.Span))
}

// Check checks the request's DPoP proof and returns request.dpop_proof
// findings: one per problem, or one info finding for a proof that passes
// every check. It returns nothing for a request without a proof that does
// not use the DPoP scheme. It never panics on hostile input.
func Check(in Input) []report.Finding {
	c := &checker{in: in}
	c.check()
	return c.out
}

func (c *checker) check() {
	in := c.in
	switch {
	case len(in.Proofs) == 0 && in.Scheme == "DPoP":
		c.out = append(c.out, report.New(
			report.RequestDPoPProof, report.Error, report.Client,
			"Authorization: DPoP was sent without a DPoP proof header",
			report.Detail("The DPoP scheme presents a token bound to the client's key; every such request must carry a DPoP "+
				"header with a proof JWT signed by that key for this method and URL (RFC 9449 §7.1). Without one the "+
				"server answers 401, usually with WWW-Authenticate: DPoP error=\"invalid_dpop_proof\" or \"invalid_token\"."),
			report.Fix("Make a fresh proof for each request (typ dpop+jwt; jwk, jti, htm, htu, iat, and ath = base64url(SHA-256(token))) "+
				"and send it as a DPoP header with the Authorization: DPoP header."),
			"Authorization: DPoP …; no DPoP header", refScheme, refCheck).At(in.AuthPath).Within(in.AuthSpan))
		return
	case len(in.Proofs) == 0:
		return
	case len(in.Proofs) > 1:
		c.add(report.Error, report.Client, fmt.Sprintf("The request carries %d DPoP headers; a server accepts exactly one", len(in.Proofs)),
			"RFC 9449 §4.3 makes \"not more than one DPoP HTTP request header field\" the first check: a request with several is refused "+
				"before any proof is read. A client library and a proxy (or a retry helper) adding their own proof is the usual cause.",
			"Send one DPoP header with one proof made for this request.", fmt.Sprintf("%d DPoP headers", len(in.Proofs)), refCheck)
		return
	}
	proof := strings.TrimSpace(in.Proofs[0])
	if len(proof) > maxProof {
		c.add(report.Error, report.Client, "The DPoP header is too large to be a proof",
			fmt.Sprintf("A DPoP proof is a compact JWT of a few hundred bytes; this header holds %d bytes, more than servers accept in one header.", len(proof)),
			"Send one compact proof JWT in the DPoP header.", fmt.Sprintf("DPoP: %d bytes", len(proof)), refSyntax)
		return
	}
	if strings.Count(proof, ".") != 2 {
		c.add(report.Error, report.Client, "The DPoP header is not a JWT",
			"The DPoP header holds one proof JWT in compact serialization: three base64url segments separated by dots (RFC 9449 §4.2).",
			"Put the signed proof JWT (header.payload.signature) in the DPoP header, nothing else.",
			fmt.Sprintf("DPoP: %d segments", strings.Count(proof, ".")+1), refSyntax, refCheck)
		return
	}
	d, _ := token.DecodeUnverified(proof)
	if d == nil || d.Header == nil || d.Payload == nil {
		what := "its header"
		if d != nil && d.Header != nil {
			what = "its payload"
		}
		c.add(report.Error, report.Client, "The DPoP proof does not decode: "+what+" is not base64url-encoded JSON",
			"A DPoP proof is a JWS whose header and payload are base64url-encoded JSON objects (RFC 9449 §4.2); the server cannot read this one.",
			"Build the proof with a JOSE library rather than by hand, and send it unchanged.", "DPoP: "+report.Clip(proof, 40), refSyntax, refCheck)
		return
	}
	c.proof, c.h = proof, d.Header
	before := len(c.out)
	c.header(d.Header)
	c.signature()
	c.claims(d.Payload)
	c.binding(d.Payload)
	if len(c.out) == before {
		htm, _ := d.Payload["htm"].(string)
		htu, _ := d.Payload["htu"].(string)
		ev := fmt.Sprintf("htm=%s; htu=%s", htm, report.Clip(htu, 100))
		if _, ok := d.Payload["ath"]; ok && in.Scheme == "DPoP" {
			ev += "; ath matches the token"
		}
		if in.JKT != "" {
			ev += "; jkt=" + in.JKT
		}
		detail := "It is a dpop+jwt signed with the key in its own jwk header, made for this method and URL"
		if in.ServerTime != nil {
			detail += " at a time close to the server's Date"
		}
		detail += "; the checks a server makes on the proof (RFC 9449 §4.3) pass here, so look elsewhere for the refusal."
		if res := c.ownKey(); res == nil || !res.Verified {
			detail = strings.Replace(detail, "signed with the key in its own jwk header", "with a jwk header (its signature was not checked)", 1)
		}
		c.add(report.Info, report.Client, "The DPoP proof fits this request", detail, "", ev, refCheck)
	}
}

// header checks typ, alg and jwk (RFC 9449 §4.2, §4.3 steps 4-7).
func (c *checker) header(h map[string]any) {
	typ, _ := h["typ"].(string)
	if t := strings.ToLower(typ); t != "dpop+jwt" && t != "application/dpop+jwt" {
		c.add(report.Error, report.Client, fmt.Sprintf("The DPoP proof's typ is %s, not \"dpop+jwt\"", jsonText(h["typ"])),
			"A server accepts a proof only with typ dpop+jwt (RFC 9449 §4.2), so an ordinary JWT (an access or ID token) cannot be replayed as a proof.",
			"Set the proof's JOSE header typ to \"dpop+jwt\".", "typ="+jsonText(h["typ"]), refSyntax, refCheck)
	}
	alg, _ := h["alg"].(string)
	if alg == "" || strings.EqualFold(alg, "none") || strings.HasPrefix(strings.ToUpper(alg), "HS") {
		c.add(report.Error, report.Client, fmt.Sprintf("The DPoP proof's alg is %s; a proof must be signed with an asymmetric key", jsonText(h["alg"])),
			"The proof shows possession of a private key whose public half is in its jwk header (RFC 9449 §4.2); none and the HMAC algorithms prove nothing and are refused.",
			"Sign the proof with the client's private key: ES256 is the usual choice (also RS256, PS256, EdDSA).", "alg="+jsonText(h["alg"]), refSyntax, refCheck)
	}
	if _, ok := h["jwk"].(map[string]any); !ok {
		c.add(report.Error, report.Client, "The DPoP proof has no jwk header (the public key that checks it)",
			"A proof carries the client's public key in its jwk header (RFC 9449 §4.2); the server verifies the proof with it and binds the token to its thumbprint.",
			"Put the public JWK of the signing key in the proof's header as jwk.", "jwk="+jsonText(h["jwk"]), refSyntax, refCheck)
	}
}

// signature checks the proof with its own key (RFC 9449 §4.3 steps 6-7).
func (c *checker) signature() {
	res := c.ownKey()
	if res == nil {
		return // no jwk (reported by header) or no verifier
	}
	if res.Private {
		c.add(report.Error, report.Client, "The DPoP proof's jwk header contains the private key",
			"The jwk header must hold the public key only (RFC 9449 §4.3): a proof with the private key hands it to every server and proxy that sees the request, and anyone with it can make proofs for the bound tokens.",
			"Treat this key as leaked: make a new key pair, put only its public members (kty, crv, x, y / n, e) in jwk, and get new tokens bound to it.",
			"jwk has private members (\"d\")", refCheck)
	}
	switch res.Fault {
	case "", keys.FaultUnsupported, keys.FaultHeader, keys.FaultAlg:
		// verified, not checkable here, or reported by header
	case keys.FaultJWK:
		c.add(report.Error, report.Client, "The DPoP proof's jwk is not a usable public key",
			"A server verifies the proof with the public key in its jwk header (RFC 9449 §4.3); here "+res.Problem+", so no server can check the proof.",
			"Put the complete public JWK of the signing key in jwk, as your JOSE library exports it.", res.Problem, refCheck, "RFC 7517 §4")
	default:
		c.add(report.Error, report.Client, "The DPoP proof's signature does not verify with its own jwk",
			"A server verifies the proof with the public key in its jwk header (RFC 9449 §4.3); here "+res.Problem+". "+
				"The proof was signed with another key than the one it names, or altered after signing.",
			"Sign the proof with the private key whose public half is in jwk, and send it unchanged.", res.Problem, refCheck)
	}
}

// claims checks jti, htm, htu and iat (RFC 9449 §4.2, §4.3 steps 8-11).
func (c *checker) claims(p map[string]any) {
	var missing []string
	for _, name := range []string{"jti", "htm", "htu", "iat"} {
		if v, ok := p[name]; !ok || v == nil || v == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		c.add(report.Error, report.Client, "The DPoP proof lacks "+strings.Join(missing, ", "),
			"Every proof carries jti (unique per proof, against replay), htm (the method), htu (the URI) and iat (when it was made) (RFC 9449 §4.2); a server refuses a proof without them.",
			"Add "+strings.Join(missing, ", ")+" to the proof's claims; make a new proof, with a new jti, for every request.",
			"missing: "+strings.Join(missing, ", "), refSyntax, refCheck)
	}
	if htu, ok := p["htu"].(string); ok {
		c.htu(htu)
	} else if v, present := p["htu"]; present && v != nil {
		c.add(report.Error, report.Client, "The DPoP proof's htu is not a string", "htu is the request's URI as a string (RFC 9449 §4.2).",
			"Set htu to the request's URI, without query and fragment.", "htu="+jsonText(v), refSyntax)
	}
	if htm, ok := p["htm"].(string); ok && c.in.Method != "" && htm != c.in.Method {
		detail := "A proof is made for one HTTP method (RFC 9449 §4.3 step 8): the server compares htm with the request's method exactly."
		if strings.EqualFold(htm, c.in.Method) {
			detail += " The comparison is case-sensitive, and methods are upper case."
		}
		c.add(report.Error, report.Client, fmt.Sprintf("The DPoP proof is for %s but the request is %s", report.Clip(htm, 20), c.in.Method),
			detail, fmt.Sprintf("Make the proof for this request: htm=%q.", c.in.Method),
			fmt.Sprintf("htm=%q; request method %s", report.Clip(htm, 20), c.in.Method), refCheck)
	}
	c.iat(p["iat"])
}

// htu compares the proof's htu with the request's URI, ignoring query and
// fragment, after RFC 3986 §6.2.2-6.2.3 normalisation (RFC 9449 §4.3 step 9).
func (c *checker) htu(htu string) {
	u, err := url.Parse(htu)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		c.add(report.Error, report.Client, "The DPoP proof's htu is not an absolute http(s) URI",
			"htu is the full URI of the request: scheme, host and path, without query and fragment (RFC 9449 §4.2).",
			"Set htu to the request's URI, e.g. https://api.example.com/resource.", "htu="+report.Clip(htu, 100), refSyntax, refCheck)
		return
	}
	want, partial := c.target()
	if want == nil {
		return
	}
	got := normal(u)
	exp := normal(want)
	if partial {
		got = got[strings.Index(got, "://")+3:]
		exp = exp[strings.Index(exp, "://")+3:]
	}
	if got == exp {
		return
	}
	title := "The DPoP proof's htu does not match the request's URI"
	detail := "A proof is made for one URI (RFC 9449 §4.3 step 9): the server compares htu with the URI it was called at, ignoring query and fragment."
	samePath := strings.TrimSuffix(u.EscapedPath(), "/") == strings.TrimSuffix(want.EscapedPath(), "/")
	switch {
	case !samePath && !strings.EqualFold(u.Hostname(), want.Hostname()):
		title = "The DPoP proof was made for another endpoint (" + report.Clip(normal(u), 80) + ")"
		detail += " Host and path differ: this proof was made for another endpoint (often the token endpoint) and reused; a proof is bound to one request."
	case !partial && !strings.EqualFold(u.Scheme, want.Scheme):
		detail += " The scheme differs: the client built htu from a base URL with the other scheme, or (if the client is right) the server sits behind a TLS-terminating proxy and compares with the http URI it sees instead of its public one."
	case !strings.EqualFold(u.Hostname(), want.Hostname()) || port(u) != port(want):
		detail += " The host or port differs: the client built htu from another base URL, or (if the client is right) the server sits behind a gateway and compares with its internal host name instead of its public URI."
	case samePath:
		detail += " Only a trailing slash differs, and servers compare exactly."
	default:
		detail += " The path differs: a proof made for one endpoint (often the token endpoint) was reused for another."
	}
	c.add(report.Error, report.Client, title,
		detail, "Make a new proof for this request with htu set to "+report.Clip(exp, 120)+".",
		fmt.Sprintf("htu=%s; request %s", report.Clip(htu, 120), report.Clip(exp, 120)), refCheck)
}

// target is the request's URI without query and fragment; partial says the
// scheme is unknown (an origin-form request line with a Host header).
func (c *checker) target() (*url.URL, bool) {
	raw := c.in.URL
	if strings.HasPrefix(raw, "/") {
		if c.in.Host == "" {
			return nil, false
		}
		raw = "https://" + c.in.Host + raw
		u, err := url.Parse(raw)
		if err != nil {
			return nil, false
		}
		return u, true
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, false
	}
	return u, false
}

// normal renders a URI as compared: lower-case scheme and host, no default
// port, "/" for an empty path, no query or fragment.
func normal(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if p := port(u); p != "" && p != defaultPort(scheme) {
		host += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return scheme + "://" + host + path
}

func port(u *url.URL) string {
	p := u.Port()
	if p == defaultPort(strings.ToLower(u.Scheme)) {
		return ""
	}
	return p
}

func defaultPort(scheme string) string {
	switch scheme {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// iat judges the proof's age against the server's Date (RFC 9449 §11.1).
func (c *checker) iat(v any) {
	if v == nil {
		return
	}
	n, ok := v.(json.Number)
	if !ok {
		c.add(report.Error, report.Client, "The DPoP proof's iat is not a number",
			"iat is a NumericDate: seconds since 1970 as a JSON number (RFC 7519 §2, RFC 9449 §4.2).",
			"Set iat to the current time in seconds, as a number.", "iat="+jsonText(v), refSyntax)
		return
	}
	f, err := n.Float64()
	if err != nil || f < 0 || f > 1e11 {
		c.add(report.Error, report.Client, "The DPoP proof's iat is not a time in seconds",
			"iat is seconds since 1970 (RFC 7519 §2); this value is out of range (milliseconds instead of seconds is the usual slip).",
			"Set iat to the current time in seconds.", "iat="+n.String(), refSyntax)
		return
	}
	if c.in.ServerTime == nil {
		return
	}
	iat := time.Unix(int64(f), 0).UTC()
	diff := c.in.ServerTime.Sub(iat)
	abs := diff
	if abs < 0 {
		abs = -abs
	}
	if abs <= strictWindow {
		return
	}
	when := "made " + claims.HumanDuration(abs) + " before the server's Date"
	if diff < 0 {
		when = "dated " + claims.HumanDuration(abs) + " after the server's Date"
	}
	sev := report.Warning
	if abs > looseWindow {
		sev = report.Error
	}
	detail := "Servers accept a proof only within a short window around their own time (RFC 9449 §11.1; 60 s to 5 minutes is usual) and may ask for a server nonce instead. "
	if diff < 0 {
		detail += "A proof from the future means the client's clock is ahead of the server's."
	} else {
		detail += "An old proof is either reused (each request needs a new one, with a new jti) or made on a client whose clock is behind."
	}
	c.add(sev, report.Both, "The DPoP proof was "+when,
		detail, "Make a new proof for every request, with iat from a synchronised clock (NTP); if the server sends DPoP-Nonce, use its nonce.",
		fmt.Sprintf("iat=%s (%s); server Date %s", n.String(), iat.Format(time.RFC3339), c.in.ServerTime.UTC().Format(time.RFC3339)), refIat, refCheck)
}

// binding checks ath against the presented token and the key against the
// token's cnf.jkt (RFC 9449 §4.3 step 12, §6.1).
func (c *checker) binding(p map[string]any) {
	in := c.in
	if in.Scheme != "DPoP" || in.AccessToken == "" {
		return
	}
	sum := sha256.Sum256([]byte(in.AccessToken))
	want := base64.RawURLEncoding.EncodeToString(sum[:])
	switch ath, _ := p["ath"].(string); {
	case ath == "":
		c.add(report.Error, report.Client, "The DPoP proof has no ath, though it presents an access token",
			"With an access token, the proof must carry ath, the base64url SHA-256 of the token (RFC 9449 §4.2, §7), so a proof made for one token cannot carry another. A proof without ath is a token-endpoint proof.",
			"Add ath = base64url(SHA-256(access token)) to the proof's claims.", "ath absent; the token's hash is "+want, refSyntax, "RFC 9449 §7")
	case ath != want:
		c.add(report.Error, report.Client, "The DPoP proof's ath is not the hash of the token sent",
			"ath must be the base64url SHA-256 of the exact access token in Authorization (RFC 9449 §4.3 step 12). The proof was made for another token (an old one before a refresh), or the hash was taken over \"DPoP <token>\" or hex-encoded.",
			"Compute ath from the token you send: base64url (no padding) of SHA-256 over its ASCII bytes.",
			fmt.Sprintf("ath=%s; SHA-256 of the token sent=%s", report.Clip(ath, 60), want), refCheck, "RFC 9449 §7")
	}
	if in.JKT == "" {
		return
	}
	if res := c.ownKey(); res != nil && res.Thumbprint != "" && res.Thumbprint != in.JKT {
		c.add(report.Error, report.Client, "The DPoP proof is signed by another key than the one the token is bound to",
			"The access token's cnf.jkt is the RFC 7638 thumbprint of the key it was issued to; the server refuses a proof whose jwk has another thumbprint (RFC 9449 §6.1). The client made a new key pair (a restart, another instance, cleared storage) but kept the old token.",
			"Sign proofs with the key the token was issued to, or get a new token with a proof from the current key.",
			fmt.Sprintf("cnf.jkt=%s; proof jwk thumbprint=%s", in.JKT, res.Thumbprint), refBind, refCheck)
	}
}

// jsonText shows a JSON value in evidence ("absent" for none).
func jsonText(v any) string {
	if v == nil {
		return "absent"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return report.Clip(string(b), 60)
}
