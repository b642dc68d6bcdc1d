package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// These tests render the components natively (as the static-site build
// prerenders them) and check the markup the browser will get.

// cspSafe checks markup against the page's Content-Security-Policy: no
// inline styles, no inline scripts, no event-handler attributes.
func cspSafe(t *testing.T, html string) {
	t.Helper()
	for _, bad := range []string{" style=", "<script", "javascript:", " onclick=", " onerror="} {
		if strings.Contains(html, bad) {
			t.Errorf("markup contains %q", bad)
		}
	}
}

func TestRenderFindings(t *testing.T) {
	r := loadReport(t, "expired.report.json")
	html := app.HTMLString(&findingsList{Rep: r, Sel: 0, HLPath: "tokens[0].payload.exp"})
	cspSafe(t, html)
	for _, want := range []string{
		`data-code="token.expired"`,
		`data-code="response.invalid_token"`,
		`data-code="signature.unverified"`,
		`href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4"`,
		`href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1"`,
		`rel="noopener noreferrer"`,
		`target="_blank"`,
		`The access token expired 3m ago`,
		`client must act`,
		`Highlighted in the paste box and at tokens[0].payload.exp.`,
		`1 error · 2 info`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("findings markup lacks %s", want)
		}
	}
	if e, i := strings.Index(html, "Errors —"), strings.Index(html, "Information ("); e < 0 || i < 0 || e > i {
		t.Errorf("errors are not listed before information (%d, %d)", e, i)
	}
	// Every external link opens in a new tab without opener or referrer.
	for _, a := range regexp.MustCompile(`<a [^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(a, `rel="noopener noreferrer"`) || !strings.Contains(a, `target="_blank"`) {
			t.Errorf("link %s lacks target/rel", a)
		}
	}
	if strings.Count(html, `aria-pressed`) != 3 {
		t.Errorf("want one pressable header per finding")
	}
}

func TestRenderGuard(t *testing.T) {
	r := loadReport(t, "expired.report.json")
	tests := []struct {
		name string
		c    app.Composer
	}{
		{"findings", &findingsList{Rep: r, Fault: "render"}},
		{"token", &tokenView{Rep: r, Fault: "render"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := app.HTMLString(tt.c)
			if !strings.Contains(html, `data-code="internal.error"`) || !strings.Contains(html, "authdebug failed while showing the "+tt.name) {
				t.Errorf("a panicking %s did not become an internal.error box:\n%s", tt.name, html)
			}
			if !strings.Contains(html, "Copy error report") || !strings.Contains(html, `role="alert"`) {
				t.Error("the error box has no copy button or alert role")
			}
		})
	}
	if out := safe("part", func() app.UI { var m map[string]int; m["x"]++; return nil }); out == nil {
		t.Error("safe returned nothing for a panic")
	}
}

func TestRenderToken(t *testing.T) {
	r := loadReport(t, "expired.report.json")
	html := app.HTMLString(&tokenView{Rep: r, Index: 0, HLPath: "tokens[0].payload.exp"})
	cspSafe(t, html)
	for _, want := range []string{
		`data-path="tokens[0].payload.exp"`,
		`class="member is-hl"`,
		`role="tooltip"`,
		`Expiration time: the token must not be accepted on or after this moment`,
		`2026-11-22 08:57:00 UTC`,
		`3m ago`,
		`JWS (signed)`,
		`from the Authorization header`,
		`eyJhbGci…G5A, 720 chars`,
		`Signature not checked`,
		`role="img"`,
		`class="timeline-svg"`,
		`seg seg-header`, `seg seg-payload`, `seg seg-signature`,
		`Your clock: 2026-11-22 09:00:00 UTC, 3m after exp`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("token markup lacks %s", want)
		}
	}
	// The members keep the token's order.
	if a, b := strings.Index(html, `tokens[0].payload.iss`), strings.Index(html, `tokens[0].payload.jti`); a < 0 || b < a {
		t.Error("payload members out of order")
	}
	// Without reveal mode no raw token is shown.
	if strings.Contains(html, `class="raw"`) {
		t.Error("raw token shown without reveal mode")
	}
	rev := loadReport(t, "reveal.report.json")
	html = app.HTMLString(&tokenView{Rep: rev, Index: 0})
	if !strings.Contains(html, "reveal mode is on") || !strings.Contains(html, "Signature verified") {
		t.Errorf("reveal token markup:\n%s", html)
	}
}

func TestRenderJWEAndNested(t *testing.T) {
	h := `{"alg":"RSA-OAEP-256","enc":"A256GCM"}`
	r := &report.Report{Now: exampleNow, Tokens: []report.Token{
		{Source: report.SourceOf("pasted"), Form: "jwe", Fingerprint: "eyJhbGci…abc, 900 chars", Header: []byte(h),
			Segments: []report.Segment{{Name: "header", Length: 40}, {Name: "encrypted_key", Length: 342}, {Name: "iv", Length: 16}, {Name: "ciphertext", Length: 400}, {Name: "tag", Length: 22}}},
		{Source: report.SourceOf("tokens[0].payload"), Form: "jws", Header: []byte(`{"alg":"HS256"}`), Payload: []byte(`{"sub":"x"}`)},
	}}
	html := app.HTMLString(&tokenView{Rep: r, Index: 0})
	for _, want := range []string{"JWE (encrypted)", "Encrypted (JWE)", "seg-encrypted_key", "seg-ciphertext", "seg-tag", `data-path="tokens[0].header.enc"`, "Content encryption algorithm"} {
		if !strings.Contains(html, want) {
			t.Errorf("JWE markup lacks %s", want)
		}
	}
	if html := app.HTMLString(&tokenView{Rep: r, Index: 1}); !strings.Contains(html, "nested in the payload of token 1") {
		t.Error("nested token not labelled")
	}
}

func TestRenderExchange(t *testing.T) {
	r := loadReport(t, "expired.report.json")
	html := app.HTMLString(&exchangeView{Rep: r, HLPath: "response.challenges[0].params.error"})
	cspSafe(t, html)
	for _, want := range []string{
		`401 Unauthorized`,
		`data-path="request.headers[3]"`,
		`Bearer eyJhbGci…G5A, 720 chars`,
		`class="param is-hl"`,
		`error=invalid_token: the access token is expired, revoked`,
		`realm: the protection space`,
		`Bearer: the client sends an OAuth 2.0 access token`,
		`<th scope="row">WWW-Authenticate</th>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("exchange markup lacks %s", want)
		}
	}
	// realm, then error, then error_description.
	if a, b, c := strings.Index(html, "params.realm"), strings.Index(html, "params.error\""), strings.Index(html, "params.error_description"); !(a < b && b < c) {
		t.Errorf("parameters out of order: %d %d %d", a, b, c)
	}

	st1, st2 := 307, 401
	req2 := &report.Request{Method: "GET", URL: "https://cdn.example.net/x"}
	resp2 := &report.Response{Status: &st2}
	one := 1
	multi := &report.Report{Request: req2, Response: resp2, Primary: &one, Exchanges: []report.Exchange{
		{Request: &report.Request{Method: "GET", URL: "https://api.example.com/x", Headers: []report.Header{{"Authorization", "Bearer eyJ…, 99 chars"}}}, Response: &report.Response{Status: &st1}, Note: "redirect 1 of 2"},
		{Request: req2, Response: resp2, Note: "redirect 2 of 2"},
	}}
	st407 := 407
	proxy := &report.Report{Response: &report.Response{Status: &st407,
		Headers:         []report.Header{{"Proxy-Authenticate", `Basic realm="corp"`}},
		ProxyChallenges: []report.Challenge{{Scheme: "Basic", Params: map[string]string{"realm": "corp"}}}}}
	html = app.HTMLString(&exchangeView{Rep: proxy, HLPath: "response.proxy_challenges[0].params.realm"})
	for _, want := range []string{"407 Proxy Authentication Required", "Proxy-Authenticate challenges (from a proxy)", `data-path="response.proxy_challenges[0].params.realm"`, `class="param is-hl"`} {
		if !strings.Contains(html, want) {
			t.Errorf("407 markup lacks %s", want)
		}
	}
	if p := resolvePath(viewPaths(proxy), "response.proxy_challenges[0].params.realm"); p != "response.proxy_challenges[0].params.realm" {
		t.Errorf("proxy challenge parameter resolves to %q", p)
	}

	html = app.HTMLString(&exchangeView{Rep: multi, HLPath: "exchanges[0].request.headers[0]"})
	for _, want := range []string{"Exchanges (2)", "1. GET api.example.com/x → 307 (redirect 1 of 2)", "— the refused one", `data-path="exchanges[0].request.headers[0]"`, `class="hdr is-hl"`, `data-path="response.status"`} {
		if !strings.Contains(html, want) {
			t.Errorf("multi-exchange markup lacks %s", want)
		}
	}
}

func TestRenderKeys(t *testing.T) {
	r := &report.Report{
		Keys: []report.Key{
			{Source: "jwks-url", Origin: "https://id.example.com/jwks", Kid: "k1", Kty: "RSA", Bits: 2048, Alg: "RS256", Thumbprint: "NzbLsXh8"},
			{Source: "certificate", Kty: "EC", Crv: "P-256", Certificate: &report.Certificate{Subject: "CN=id.example.com", Issuer: "CN=Example CA", NotBefore: "2026-01-01T00:00:00Z", NotAfter: "2027-01-01T00:00:00Z"}},
		},
		Findings: []report.Finding{{Code: report.KeysFetchFailed, Severity: report.Warning, Side: report.Server,
			Title: "The JWKS at https://id.example.com/jwks could not be read: CORS", Detail: "The server answered without Access-Control-Allow-Origin.", Fix: "Paste the JWKS instead."}},
	}
	html := app.HTMLString(&keysUsed{Rep: r, HLPath: "keys[1]"})
	for _, want := range []string{"JWKS fetched from", "https://id.example.com/jwks", "RSA 2048 bits", "NzbLsXh8", "CN=id.example.com", "CN=Example CA", "2027-01-01T00:00:00Z", `class="key is-hl"`} {
		if !strings.Contains(html, want) {
			t.Errorf("keys markup lacks %s", want)
		}
	}
	panel := app.HTMLString(&keysPanel{Rep: r, FetchKind: "jwks", Form: form{JWKS: "https://id.example.com/jwks", Aud: "api"}})
	cspSafe(t, panel)
	for _, want := range []string{`id="fetch-result"`, "could not be read: CORS", "Paste the JWKS instead.", `data-code="keys.fetch_failed"`,
		`type="password"`, `for="secret"`, `for="aud"`, `value="api"`, "1 set"} {
		if !strings.Contains(panel, want) {
			t.Errorf("keys panel lacks %s", want)
		}
	}
	r.Findings = nil
	panel = app.HTMLString(&keysPanel{Rep: r, FetchKind: "jwks"})
	if !strings.Contains(panel, "Fetched 1 key from https://id.example.com/jwks") {
		t.Error("the panel does not say what the fetch gave")
	}
}

func TestRenderPage(t *testing.T) {
	html := app.HTMLString(&page{})
	cspSafe(t, html)
	for _, want := range []string{`id="paste"`, `data-ready`, `class="skip"`, `href="#results"`, `id="results"`, `id="open-file"`, `type="file"`,
		`id="example-expired"`, `id="theme"`, `id="keys-panel"`, `<h1>authdebug</h1>`} {
		if !strings.Contains(html, want) {
			t.Errorf("page markup lacks %s", want)
		}
	}
	// Every form control has a label.
	for _, id := range []string{"paste", "secret", "key", "jwks", "aud", "iss", "scope", "require", "alg", "leeway", "now", "reveal"} {
		if !strings.Contains(html, `for="`+id+`"`) {
			t.Errorf("control #%s has no label", id)
		}
	}
	// Headings do not skip levels.
	levels := regexp.MustCompile(`<h([1-6])`).FindAllStringSubmatch(html, -1)
	prev := 0
	for _, l := range levels {
		n := int(l[1][0] - '0')
		if n > prev+1 {
			t.Errorf("heading h%d follows h%d", n, prev)
		}
		prev = n
	}

	d := &page{rep: loadReport(t, "expired.report.json"), sel: 0}
	d.paths = viewPaths(d.rep)
	d.box.input = "x"
	d.runner.stage = d.lastStage() // as finish does for a small report
	html = app.HTMLString(d)
	cspSafe(t, html)
	for _, want := range []string{`id="verdict"`, `The access token expired 3m ago: get a new access token`, `class="verdict sev-error"`,
		`the client (the caller)`, `id="copy-report"`, `id="share-open"`, `class="member is-hl"`} {
		if !strings.Contains(html, want) {
			t.Errorf("report page lacks %s", want)
		}
	}
}

// A large report is mounted in stages: the verdict and findings first, then
// one token per frame, then the exchanges; data-run changes only when all
// is mounted, so tests and tools wait for the whole report.
func TestRenderStages(t *testing.T) {
	d := &page{rep: loadReport(t, "expired.report.json"), sel: -1}
	d.runner.runs, d.runner.shown = 3, 2
	d.paths = viewPaths(d.rep)
	d.repText = strings.Repeat("x", stagedBytes)
	last := d.lastStage()
	if last != 2+len(d.rep.Tokens) {
		t.Fatalf("lastStage %d for %d tokens", last, len(d.rep.Tokens))
	}
	for stage := 1; stage <= last; stage++ {
		d.runner.stage = stage
		if stage == last {
			d.runner.shown = d.runner.runs
		}
		html := app.HTMLString(d)
		tokens := strings.Count(html, `class="token`)
		if want := min(stage-1, len(d.rep.Tokens)); tokens < want || (stage == 1 && tokens != 0) {
			t.Errorf("stage %d: %d token views, want %d", stage, tokens, want)
		}
		hasExchange := strings.Contains(html, `id="exchange-h"`)
		if hasExchange != (stage == last) {
			t.Errorf("stage %d: exchange view shown = %v", stage, hasExchange)
		}
		complete := strings.Contains(html, `data-run="3"`)
		if complete != (stage == last) || !strings.Contains(html, `id="verdict"`) {
			t.Errorf("stage %d: complete = %v, verdict shown = %v", stage, complete, strings.Contains(html, `id="verdict"`))
		}
	}
}

// A large input held beside the box: the box is empty and short, the
// backdrop is there (so the textarea is never replaced) but empty, and the
// preview shows the input's beginning with its size and the two ways out.
func TestRenderOffBox(t *testing.T) {
	big := "Authorization: Bearer eyJ.e30.sig\n" + strings.Repeat("x-pad: "+strings.Repeat("a", 90)+"\n", 4000)
	d := &page{box: pasteBox{input: big, offBox: true}}
	html := app.HTMLString(d)
	cspSafe(t, html)
	for _, want := range []string{`id="large-input"`, `id="show-all"`, `id="clear-input"`, `class="paste short"`, `id="backdrop"`,
		sizeText(len(big)) + " to analyse", "Paste or type here to replace the " + sizeText(len(big)) + " input", "Authorization: Bearer eyJ.e30.sig"} {
		if !strings.Contains(html, want) {
			t.Errorf("off-box markup lacks %s", want)
		}
	}
	if strings.Count(html, "x-pad") > maxPreview/90 {
		t.Errorf("the preview repeats %d lines of the input", strings.Count(html, "x-pad"))
	}
	if i := strings.Index(html, `id="backdrop"`); i < 0 || !strings.Contains(html[i:i+200], `></div>`) {
		t.Errorf("the backdrop is not empty")
	}
	// Shown in the box on request: not wrapped, no preview.
	d.box.offBox, d.box.showAll = false, true
	html = app.HTMLString(d)
	if !strings.Contains(html, `class="paste large"`) || strings.Contains(html, `id="large-input"`) {
		t.Error("Show all: the box is not the large one, or the preview stayed")
	}
}

func TestSizeAndOffsets(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 bytes"}, {812, "812 bytes"}, {10 << 10, "10240 bytes"}, {823574, "804 KiB"}, {5 << 20, "5.0 MiB"}} {
		if got := sizeText(c.n); got != c.want {
			t.Errorf("sizeText(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	// selectionStart/End count UTF-16 units: "é" is one, "𝄞" two.
	s := "aé𝄞b"
	for _, c := range []struct{ u, want int }{{0, 0}, {1, 1}, {2, 3}, {4, 7}, {5, 8}, {9, 8}} {
		if got := utf16Offset(s, c.u); got != c.want {
			t.Errorf("utf16Offset(%q, %d) = %d, want %d", s, c.u, got, c.want)
		}
	}
}

// The verdict bar keeps its copy fallback and share link until the page
// says the input changed (Reset), and closes its share panel when an
// example replaced the input (Close).
func TestVerdictBarResets(t *testing.T) {
	v := &verdictBar{Rep: loadReport(t, "expired.report.json"), Reset: 4, Close: 2}
	v.OnInit()
	v.shareOpen, v.shareURL, v.copyText = true, "https://x/#share=1", "md"
	v.OnUpdate(app.Context{})
	if !v.shareOpen || v.shareURL == "" || v.copyText == "" {
		t.Fatal("an update without a new input dropped the share state")
	}
	if html := app.HTMLString(v); !strings.Contains(html, `id="share-url"`) || !strings.Contains(html, `id="copy-fallback"`) {
		t.Error("the open share panel or the copy fallback is not rendered")
	}
	v.Reset++
	v.OnUpdate(app.Context{})
	if !v.shareOpen || v.shareURL != "" || v.copyText != "" {
		t.Errorf("after an input: open %v, url %q, copy %q; want open, both empty", v.shareOpen, v.shareURL, v.copyText)
	}
	v.Close++
	v.OnUpdate(app.Context{})
	if v.shareOpen {
		t.Error("an example did not close the share panel")
	}
}
