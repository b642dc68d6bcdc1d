package ui

import (
	"embed"
	"strings"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

//go:embed examples/*.txt
var exampleFiles embed.FS

// exampleNow is the fixed analysis clock of the examples, so that "expired
// 3m ago" reads the same on every visit.
const exampleNow = "2026-11-22T09:00:00Z"

// example is a one-click sample input. Codes are the finding codes the
// engine must produce for it (REPORT.md's definitions); the browser tests
// assert them, and Verdict is a word the verdict must contain.
type example struct {
	ID    string
	Title string
	Blurb string
	Kind  string // what the input is, for the button
	Form  form
	Codes []string
	// Verdict is a fragment the verdict sentence must contain
	// (case-insensitive).
	Verdict string
}

var examples = []example{
	{
		ID: "expired", Title: "Expired token", Kind: "curl -v",
		Blurb:   "The server's Date says the access token expired 3 minutes earlier.",
		Codes:   []string{report.TokenExpired, report.ResponseInvalidToken},
		Verdict: "expired",
	},
	{
		ID: "docker", Title: "Docker registry pull", Kind: "curl -v",
		Blurb:   "An anonymous pull: the 401 names the token service to ask.",
		Codes:   []string{report.RequestNoCredentials, report.ResponseTokenEndpointHint},
		Verdict: "",
	},
	{
		ID: "insufficient_scope", Title: "insufficient_scope as 401", Kind: "curl -v",
		Blurb:   "The token lacks orders:write, and the server says so with the wrong status.",
		Codes:   []string{report.ResponseInsufficientScope, report.ResponseStatusMismatch, report.ClaimsScopeMissing},
		Verdict: "",
	},
	{
		ID: "bearer_colon", Title: "“Bearer:” typo", Kind: "curl command",
		Blurb:   "Copied from the browser: the scheme has a stray colon.",
		Codes:   []string{report.RequestBearerMalformed},
		Verdict: "",
	},
	{
		ID: "forbidden", Title: "403 for a missing header", Kind: "curl -v",
		Blurb:   "No credentials at all, and the gateway answers 403 instead of 401.",
		Codes:   []string{report.RequestNoCredentials, report.ResponseStatusMismatch},
		Verdict: "",
	},
	{
		ID: "clock_skew", Title: "Clock skew", Kind: "curl -v",
		Blurb:   "Valid on your clock, expired on the server's: its Date is 5m30s ahead.",
		Codes:   []string{report.ClockSkew, report.ClockExpiredAtServer},
		Verdict: "",
	},
	{
		ID: "alg_none", Title: "alg: none", Kind: "JWT",
		Blurb:   "An unsigned token claiming admin.",
		Codes:   []string{report.TokenAlgNone},
		Verdict: "none",
	},
	{
		ID: "jwe", Title: "Encrypted token (JWE)", Kind: "JWE",
		Blurb:   "Five segments: only the header can be read without the recipient's key.",
		Codes:   []string{report.TokenJWE},
		Verdict: "",
	},
	{
		ID: "redirect", Title: "Redirect dropped Authorization", Kind: "curl -v -L",
		Blurb:   "curl followed a 307 to another host and did not send the token again.",
		Codes:   []string{report.RequestRedirectDroppedAuth},
		Verdict: "redirect",
	},
	{
		ID: "refresh_refused", Title: "Refresh token refused", Kind: "HTTP request + response",
		Blurb:   "The token endpoint answers invalid_grant: the refresh token was already used.",
		Codes:   []string{report.ResponseOAuthError},
		Verdict: "invalid_grant",
	},
	{
		ID: "dpop_replayed", Title: "DPoP proof reused", Kind: "curl -v",
		Blurb:   "The proof made for the token request was sent again to the API.",
		Codes:   []string{report.RequestDPoPProof, report.ResponseOAuthError},
		Verdict: "another endpoint",
	},
	{
		ID: "proxy_407", Title: "407 from a corporate proxy", Kind: "curl -v",
		Blurb:   "The proxy, not the API, wants credentials before it opens the tunnel.",
		Codes:   []string{report.ResponseProxyAuthRequired},
		Verdict: "proxy",
	},
	{
		ID: "aud_mismatch", Title: "Wrong audience", Kind: "JWT + expected aud",
		Blurb:   "A staging token sent to production (expected audience filled in).",
		Form:    form{Aud: "https://api.acme-corp.example"},
		Codes:   []string{report.ClaimsAudMismatch},
		Verdict: "aud",
	},
	{
		ID: "server_log", Title: "The API's log says why", Kind: "server log",
		Blurb:   "A FastAPI traceback from python-jose and uvicorn's access line.",
		Codes:   []string{report.TokenExpired, report.ServerMessage},
		Verdict: "expired",
	},
	{
		ID: "browser_console", Title: "CORS in the console", Kind: "browser console",
		Blurb:   "Chromium blocked the call: the preflight does not allow Authorization.",
		Codes:   []string{report.ResponseCORSBlocksAuth},
		Verdict: "Authorization",
	},
	{
		ID: "http_debug", Title: "“Bearer None” in a Python dump", Kind: "HTTP debug",
		Blurb:   "http.client's debug output: the token variable was None.",
		Codes:   []string{report.TokenPlaceholder, report.ResponseInvalidToken},
		Verdict: "None",
	},
	{
		ID: "claims_json", Title: "Decoded claims + date +%s", Kind: "claims JSON",
		Blurb:   "A payload decoded by hand, checked against the pasted Unix time.",
		Codes:   []string{report.TokenExpired, report.SignatureUnverified},
		Verdict: "expired",
	},
}

func init() {
	for i := range examples {
		examples[i].Form.Now = exampleNow
	}
}

// exampleText returns the input text of the example with id.
func exampleText(id string) (string, bool) {
	b, err := exampleFiles.ReadFile("examples/" + id + ".txt")
	if err != nil {
		return "", false
	}
	return string(b), true
}

func findExample(id string) (example, bool) {
	for _, ex := range examples {
		if ex.ID == id {
			return ex, true
		}
	}
	return example{}, false
}

// examplesView lists the examples as buttons; Compact is the folded list
// shown under the paste box once a report is on screen.
type examplesView struct {
	app.Compo

	Compact bool
	Current string
}

func (v *examplesView) Render() (out app.UI) {
	defer guard("examples", &out)
	items := app.Range(examples).Slice(func(i int) app.UI {
		ex := examples[i]
		cls := "example"
		if ex.ID == v.Current {
			cls += " current"
		}
		return app.Li().Body(
			app.Button().
				Type("button").
				Class(cls).
				ID("example-"+ex.ID).
				DataSet("example", ex.ID).
				Aria("pressed", ex.ID == v.Current).
				OnClick(onKey("an example button", ex.ID, v.load(ex.ID))).
				Body(
					app.Span().Class("ex-title").Text(ex.Title),
					app.Span().Class("ex-kind").Text(ex.Kind),
					app.If(!v.Compact, func() app.UI {
						return app.Span().Class("ex-blurb").Text(ex.Blurb)
					}),
				),
		)
	})
	if v.Compact {
		return app.Details().Class("panel examples compact").Body(
			app.Summary().Body(app.H2().Class("summary-h").Text("Examples")),
			app.Ul().Class("example-list").Body(items),
		)
	}
	return app.Section().Class("examples").Aria("labelledby", "examples-h").Body(
		app.H2().ID("examples-h").Text("Try an example"),
		app.P().Class("hint").Text("Each one is a real-world 401 (or 403) with a fixed clock. Or paste your own: a token, an Authorization header, a raw response, a curl -v transcript, a “Copy as cURL” command, a HAR export or a WWW-Authenticate value."),
		app.Ul().Class("example-grid").Body(items),
	)
}

func (v *examplesView) load(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		ctx.NewActionWithValue(actionExample, id)
	}
}

// exampleTitle is the title of the example with id, or "".
func exampleTitle(id string) string {
	if ex, ok := findExample(id); ok {
		return strings.TrimSpace(ex.Title)
	}
	return ""
}

// Sample describes one example for the browser tests: the button's id is
// "example-"+ID, and the report must hold every code of Codes and a verdict
// containing Verdict.
type Sample struct {
	ID, Title string
	Codes     []string
	Verdict   string
}

// Samples lists the examples with the finding codes each must produce.
func Samples() []Sample {
	out := make([]Sample, len(examples))
	for i, ex := range examples {
		out[i] = Sample{ID: ex.ID, Title: ex.Title, Codes: append([]string(nil), ex.Codes...), Verdict: ex.Verdict}
	}
	return out
}
