package bench

import (
	"bufio"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/authdebug/authdebug/internal/analyze"
)

// Now is the analysis clock of every fixture: the tokens are valid (or
// expired) relative to it, so the Reports do not depend on the day the
// benchmark runs.
var Now = time.Date(2026, time.January, 15, 10, 0, 0, 0, time.UTC)

// The fixed claims of the fixture tokens.
const (
	KeyID    = "bench-rs256-2026"
	Issuer   = "https://auth.example.com/"
	Audience = "https://api.example.com"
)

//go:embed testdata/rsa2048.key.pem
var keyPEM []byte

//go:embed testdata/curl-verbose.txt
var curlTemplate string

var (
	keyOnce sync.Once
	key     *rsa.PrivateKey
)

// Key is the committed RSA-2048 signing key of the fixture tokens
// (testdata/rsa2048.key.pem; it signs nothing but benchmark fixtures).
func Key() *rsa.PrivateKey {
	keyOnce.Do(func() {
		blk, _ := pem.Decode(keyPEM)
		if blk == nil {
			panic("bench: testdata/rsa2048.key.pem is not PEM")
		}
		k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
		if err != nil {
			panic("bench: testdata/rsa2048.key.pem: " + err.Error())
		}
		key = k.(*rsa.PrivateKey)
		key.Precompute()
	})
	return key
}

// JWKS is the public half of Key as a JWK Set (RFC 7517 §5) with one RS256
// signing key whose kid is KeyID.
func JWKS() string {
	pub := Key().PublicKey
	b64 := base64.RawURLEncoding.EncodeToString
	return fmt.Sprintf(`{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":%q,"n":%q,"e":%q}]}`,
		KeyID, b64(pub.N.Bytes()), b64(big.NewInt(int64(pub.E)).Bytes()))
}

// Token returns an RS256 JWT signed with Key for user i: issued iat and
// expiring exp, with the usual access-token claims. The same arguments
// always give the same token (RSASSA-PKCS1-v1_5 is deterministic).
func Token(i int, iat, exp time.Time) string {
	header := `{"alg":"RS256","typ":"JWT","kid":"` + KeyID + `"}`
	payload := fmt.Sprintf(`{"iss":%q,"sub":"user-%d","aud":%q,"scope":"orders:read orders:write","client_id":"web-app","iat":%d,"exp":%d,"jti":"bench-%06d"}`,
		Issuer, i, Audience, iat.Unix(), exp.Unix(), i)
	b64 := base64.RawURLEncoding.EncodeToString
	signing := b64([]byte(header)) + "." + b64([]byte(payload))
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(nil, Key(), crypto.SHA256, sum[:])
	if err != nil {
		panic("bench: signing: " + err.Error())
	}
	return signing + "." + b64(sig)
}

// ValidToken is Token(i, …) issued 5 minutes before Now, expiring 55
// minutes after.
func ValidToken(i int) string { return Token(i, Now.Add(-5*time.Minute), Now.Add(55*time.Minute)) }

// ExpiredToken is Token(i, …) that expired 3h12m before Now.
func ExpiredToken(i int) string {
	return Token(i, Now.Add(-4*time.Hour-12*time.Minute), Now.Add(-3*time.Hour-12*time.Minute))
}

// Fixture is one input of the benchmarks, with the options it is analysed
// with (the same in the browser's window.authdebug.inspect, the CLI and
// analyze.Run).
type Fixture struct {
	// Name is short and stable: "token", "curl-v", "har-200".
	Name string
	// About says what it is, for the table.
	About  string
	Text   string
	Config analyze.Config
}

// Options are the analyze.Run options of the fixture (the clock is Now).
func (f Fixture) Options() []analyze.Option {
	opts, err := f.Config.Options(Now)
	if err != nil {
		panic("bench: fixture " + f.Name + ": " + err.Error())
	}
	return opts
}

func config() analyze.Config {
	return analyze.Config{Now: Now.Format(time.RFC3339), Key: JWKS()}
}

// BareToken is a typical paste: a valid RS256 access token alone, verified
// with the pasted JWKS.
func BareToken() Fixture {
	return Fixture{Name: "token", About: "bare RS256 token + pasted JWKS", Text: ValidToken(1), Config: config()}
}

// CurlVerbose is a `curl -v` transcript of a request refused with 401
// because its bearer token expired (testdata/curl-verbose.txt), with the JWKS.
func CurlVerbose() Fixture {
	return Fixture{
		Name: "curl-v", About: "curl -v transcript of a 401 (expired token) + JWKS",
		Text:   strings.ReplaceAll(curlTemplate, "{{TOKEN}}", ExpiredToken(2)),
		Config: config(),
	}
}

// HARFixture is a browser HAR export of n requests (see HAR), with the JWKS.
func HARFixture(n int) Fixture {
	return Fixture{
		Name: fmt.Sprintf("har-%d", n), About: fmt.Sprintf("HAR export, %d entries, 4 tokens, 401s + JWKS", n),
		Text: HAR(n), Config: config(),
	}
}

// ServerLogFixture is n lines of an API's log: uvicorn access lines and
// application INFO lines around one python-jose traceback of an expired
// token (the message a developer pastes from the server), with the token.
func ServerLogFixture(n int) Fixture {
	var b strings.Builder
	t0 := Now.Add(-10 * time.Minute)
	trace := []string{
		"%s ERROR [app.auth] token rejected: Signature has expired.",
		"Traceback (most recent call last):",
		`  File "/srv/api/app/auth.py", line 41, in current_user`,
		`    claims = jwt.decode(token, settings.jwt_key, algorithms=["RS256"], audience="api")`,
		`  File "/usr/lib/python3/dist-packages/jose/jwt.py", line 157, in decode`,
		"    _validate_claims(",
		`  File "/usr/lib/python3/dist-packages/jose/jwt.py", line 314, in _validate_exp`,
		`    raise ExpiredSignatureError("Signature has expired.")`,
		"jose.exceptions.ExpiredSignatureError: Signature has expired.",
	}
	for i := 0; i < n; i++ {
		ts := t0.Add(time.Duration(i) * 2 * time.Second).Format("2006-01-02 15:04:05,000")
		switch {
		case i == n/2:
			b.WriteString(fmt.Sprintf(trace[0], ts) + "\n")
			for _, l := range trace[1:] {
				b.WriteString(l + "\n")
			}
			i += len(trace) - 1
		case i%3 == 0:
			fmt.Fprintf(&b, "INFO:     10.0.%d.%d:5%04d - \"GET /v1/orders/%d HTTP/1.1\" 200 OK\n", i%7, i%250, i, i)
		case i%3 == 1:
			fmt.Fprintf(&b, "%s INFO [app.orders] listed %d orders for tenant t-%d in %d ms\n", ts, i%40, i%9, 3+i%17)
		default:
			fmt.Fprintf(&b, "%s DEBUG [sqlalchemy.engine] SELECT orders.id FROM orders WHERE orders.tenant = %%(t)s LIMIT %d\n", ts, i%50)
		}
	}
	return Fixture{
		Name: fmt.Sprintf("log-%d", n), About: fmt.Sprintf("server log, %d lines, one python-jose traceback", n),
		Text: b.String(), Config: config(),
	}
}

// Fixtures are the inputs `make bench` times in the browser and natively:
// the bare token, the curl -v transcript, a 200-entry HAR and a 200-line
// server log.
func Fixtures() []Fixture {
	return []Fixture{BareToken(), CurlVerbose(), HARFixture(200), ServerLogFixture(200)}
}

// WriteTokenLines writes n RS256 tokens, one per line, for
// `authdebug inspect --batch`: distinct different valid tokens (signing is
// the slow part of generating them), repeated in turn. Each line is analysed
// on its own, so repeats cost the engine as much as new tokens.
func WriteTokenLines(w io.Writer, n, distinct int) error {
	distinct = max(1, min(distinct, n))
	toks := make([]string, distinct)
	for i := range toks {
		toks[i] = ValidToken(1000 + i)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	for i := range n {
		bw.WriteString(toks[i%distinct])
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// HAR types: the subset of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/)
// that Chromium's "Save all as HAR" writes, in its field order.
type (
	harFile struct {
		Log harLog `json:"log"`
	}
	harLog struct {
		Version string     `json:"version"`
		Creator harNameVer `json:"creator"`
		Pages   []harPage  `json:"pages"`
		Entries []harEntry `json:"entries"`
	}
	harNameVer struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	harPage struct {
		StartedDateTime string             `json:"startedDateTime"`
		ID              string             `json:"id"`
		Title           string             `json:"title"`
		PageTimings     map[string]float64 `json:"pageTimings"`
	}
	harEntry struct {
		StartedDateTime string      `json:"startedDateTime"`
		Time            float64     `json:"time"`
		Request         harRequest  `json:"request"`
		Response        harResponse `json:"response"`
		Cache           struct{}    `json:"cache"`
		Timings         harTimings  `json:"timings"`
		ServerIPAddress string      `json:"serverIPAddress"`
		ResourceType    string      `json:"_resourceType"`
		Connection      string      `json:"connection"`
		PageRef         string      `json:"pageref"`
	}
	harRequest struct {
		Method      string       `json:"method"`
		URL         string       `json:"url"`
		HTTPVersion string       `json:"httpVersion"`
		Cookies     []harNameVal `json:"cookies"`
		Headers     []harNameVal `json:"headers"`
		QueryString []harNameVal `json:"queryString"`
		PostData    *harPostData `json:"postData,omitempty"`
		HeadersSize int          `json:"headersSize"`
		BodySize    int          `json:"bodySize"`
	}
	harResponse struct {
		Status      int          `json:"status"`
		StatusText  string       `json:"statusText"`
		HTTPVersion string       `json:"httpVersion"`
		Cookies     []harNameVal `json:"cookies"`
		Headers     []harNameVal `json:"headers"`
		Content     harContent   `json:"content"`
		RedirectURL string       `json:"redirectURL"`
		HeadersSize int          `json:"headersSize"`
		BodySize    int          `json:"bodySize"`
	}
	harNameVal struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	harPostData struct {
		MimeType string `json:"mimeType"`
		Text     string `json:"text"`
	}
	harContent struct {
		Size     int    `json:"size"`
		MimeType string `json:"mimeType"`
		Text     string `json:"text,omitempty"`
	}
	harTimings struct {
		Blocked float64 `json:"blocked"`
		DNS     float64 `json:"dns"`
		SSL     float64 `json:"ssl"`
		Connect float64 `json:"connect"`
		Send    float64 `json:"send"`
		Wait    float64 `json:"wait"`
		Receive float64 `json:"receive"`
	}
)

const userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

// HAR returns a deterministic HAR export of n requests by a single-page app
// over ten minutes before Now: every tenth a static asset, every tenth a
// CORS preflight, the rest API calls with a bearer token that rotates every
// quarter of the entries (4 tokens); the last quarter's token has expired,
// so those calls get 401 with a Bearer invalid_token challenge.
func HAR(n int) string {
	quarter := max(1, (n+3)/4)
	toks := []string{ValidToken(10), ValidToken(11), ValidToken(12), ExpiredToken(13)}
	start := Now.Add(-10 * time.Minute)
	f := harFile{Log: harLog{
		Version: "1.2",
		Creator: harNameVer{Name: "WebInspector", Version: "537.36"},
		Pages: []harPage{{
			StartedDateTime: stamp(start), ID: "page_1", Title: "https://app.example.com/orders",
			PageTimings: map[string]float64{"onContentLoad": 412.7, "onLoad": 803.1},
		}},
	}}
	for i := range n {
		at := start.Add(time.Duration(i) * 2500 * time.Millisecond)
		date := at.UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT") // RFC 9110 §5.6.7 IMF-fixdate
		e := harEntry{
			StartedDateTime: stamp(at), Time: 40 + float64(i%7)*3.5,
			Timings:         harTimings{Blocked: 1.2, DNS: -1, SSL: -1, Connect: -1, Send: 0.1, Wait: 38 + float64(i%7)*3.5, Receive: 0.7},
			ServerIPAddress: "203.0.113.10", Connection: "443", PageRef: "page_1",
		}
		switch i % 10 {
		case 0: // a static asset, no credentials
			body := fmt.Sprintf("/* chunk %d */\n%s", i, strings.Repeat("export const a=()=>null;", 40))
			e.ResourceType = "script"
			e.Request = harReq("GET", fmt.Sprintf("https://app.example.com/assets/chunk-%03d.js", i), "app.example.com", nil)
			e.Response = harResp(200, date, "application/javascript", body, harNameVal{"cache-control", "public, max-age=31536000, immutable"})
		case 1: // a CORS preflight of the next API call
			e.ResourceType = "preflight"
			e.Request = harReq("OPTIONS", fmt.Sprintf("https://api.example.com/v1/orders/%d", i+1), "api.example.com", nil,
				harNameVal{"access-control-request-method", "GET"},
				harNameVal{"access-control-request-headers", "authorization"},
				harNameVal{"origin", "https://app.example.com"})
			e.Response = harResp(204, date, "", "",
				harNameVal{"access-control-allow-origin", "https://app.example.com"},
				harNameVal{"access-control-allow-headers", "authorization, content-type"},
				harNameVal{"access-control-allow-methods", "GET, POST, PUT, DELETE"},
				harNameVal{"access-control-max-age", "600"})
		default: // an API call with the current token
			tok := toks[min(i/quarter, 3)]
			auth := []harNameVal{{"authorization", "Bearer " + tok}, {"origin", "https://app.example.com"}}
			e.ResourceType = "fetch"
			method := "GET"
			if i%5 == 4 {
				method = "POST"
			}
			e.Request = harReq(method, fmt.Sprintf("https://api.example.com/v1/orders/%d", i), "api.example.com", auth)
			if method == "POST" {
				e.Request.PostData = &harPostData{MimeType: "application/json", Text: fmt.Sprintf(`{"order":%d,"status":"paid"}`, i)}
				e.Request.BodySize = len(e.Request.PostData.Text)
			}
			if i/quarter >= 3 {
				e.Response = harResp(401, date, "application/json", `{"error":"invalid_token","error_description":"The access token expired"}`,
					harNameVal{"www-authenticate", `Bearer realm="api", error="invalid_token", error_description="The access token expired"`},
					harNameVal{"access-control-allow-origin", "https://app.example.com"},
					harNameVal{"cache-control", "no-store"})
			} else {
				e.Response = harResp(200, date, "application/json", orderJSON(i),
					harNameVal{"access-control-allow-origin", "https://app.example.com"},
					harNameVal{"cache-control", "private, no-cache"})
			}
		}
		f.Log.Entries = append(f.Log.Entries, e)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		panic("bench: HAR: " + err.Error())
	}
	return string(b)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func harReq(method, url, authority string, extra []harNameVal, more ...harNameVal) harRequest {
	path := url[strings.Index(url[len("https://"):], "/")+len("https://"):]
	h := []harNameVal{
		{":authority", authority}, {":method", method}, {":path", path}, {":scheme", "https"},
		{"accept", "application/json, text/plain, */*"}, {"accept-encoding", "gzip, deflate, br, zstd"},
		{"accept-language", "en-GB,en;q=0.9"},
	}
	h = append(h, extra...)
	h = append(h, more...)
	h = append(h, harNameVal{"referer", "https://app.example.com/"}, harNameVal{"sec-fetch-mode", "cors"}, harNameVal{"user-agent", userAgent})
	return harRequest{Method: method, URL: url, HTTPVersion: "h2", Cookies: []harNameVal{}, Headers: h, QueryString: []harNameVal{}, HeadersSize: -1}
}

func harResp(status int, date, mime, body string, extra ...harNameVal) harResponse {
	h := []harNameVal{{"date", date}, {"server", "envoy"}}
	if mime != "" {
		h = append(h, harNameVal{"content-type", mime}, harNameVal{"content-length", fmt.Sprint(len(body))})
	}
	h = append(h, extra...)
	return harResponse{
		Status: status, StatusText: "", HTTPVersion: "h2", Cookies: []harNameVal{}, Headers: h,
		Content: harContent{Size: len(body), MimeType: mime, Text: body}, HeadersSize: -1, BodySize: len(body),
	}
}

func orderJSON(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"id":%d,"status":"open","customer":{"id":"c-%d","name":"Customer %d"},"lines":[`, i, i*17%1000, i)
	for j := range 6 {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"sku":"SKU-%04d","qty":%d,"price":"%d.%02d"}`, (i*31+j*7)%10000, 1+j%3, 5+i%50, (i*j)%100)
	}
	b.WriteString(`],"currency":"EUR"}`)
	return b.String()
}
