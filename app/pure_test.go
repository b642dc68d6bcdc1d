package ui

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/authdebug/authdebug/internal/report"
)

func loadReport(t testing.TB, name string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &r
}

func TestClaimGlossary(t *testing.T) {
	// Every claim the issue names is explained, and every explanation cites
	// where the claim is defined.
	payload := []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope", "scp", "azp", "client_id", "nonce",
		"auth_time", "acr", "amr", "sid", "cnf", "roles", "groups", "tid", "oid", "upn", "email", "name"}
	header := []string{"typ", "cty", "kid", "x5t", "alg", "jku", "jwk", "x5c"}
	for _, c := range payload {
		t.Run("payload/"+c, func(t *testing.T) {
			if claimInfo("payload", c) == "" {
				t.Errorf("claim %q has no explanation", c)
			}
		})
	}
	for _, c := range header {
		t.Run("header/"+c, func(t *testing.T) {
			if claimInfo("header", c) == "" {
				t.Errorf("header parameter %q has no explanation", c)
			}
		})
	}
	for k, v := range claimGlossary {
		if !strings.HasSuffix(v, ").") || !strings.Contains(v, "(") {
			t.Errorf("%s: %q does not end with its source in parentheses", k, v)
		}
	}
	if claimInfo("payload", "no-such-claim") != "" || claimInfo("header", "exp") != "" {
		t.Error("unknown names must give no explanation")
	}
	if !strings.Contains(claimInfo("payload", "exp"), "RFC 7519 §4.1.4") {
		t.Error("exp does not cite RFC 7519 §4.1.4")
	}
}

func TestRelative(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "now"},
		{500 * time.Millisecond, "now"},
		{45 * time.Second, "in 45s"},
		{5 * time.Minute, "in 5m"},
		{-2 * time.Hour, "2h ago"},
		{-(3*time.Hour + 12*time.Minute + 40*time.Second), "3h12m ago"},
		{-(5*time.Minute + 30*time.Second), "5m30s ago"},
		{52 * time.Hour, "in 2d4h"},
		{-400 * 24 * time.Hour, "400d ago"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := relative(now.Add(tt.d), now); got != tt.want {
				t.Errorf("relative(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
	for s, want := range map[int64]string{330: "+5m30s", -30: "−30s", 0: "0s"} {
		if got := signedSpan(s); got != want {
			t.Errorf("signedSpan(%d) = %q, want %q", s, got, want)
		}
	}
}

func TestTimeText(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	exp := time.Date(2026, 11, 22, 8, 57, 0, 0, time.UTC)
	tests := []struct {
		name string
		loc  *time.Location
		want string
	}{
		{"utc", time.UTC, "2026-11-22 08:57:00 UTC · 3m ago"},
		{"plus1", time.FixedZone("CET", 3600), "2026-11-22 08:57:00 UTC · 09:57:00 UTC+1 · 3m ago"},
		{"minus-half", time.FixedZone("X", -(9*3600 + 30*60)), "2026-11-22 08:57:00 UTC · Nov 21 23:27:00 UTC−9:30 · 3m ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := timeText(exp, now, tt.loc); got != tt.want {
				t.Errorf("timeText = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnixClaim(t *testing.T) {
	tests := []struct {
		raw  string
		ok   bool
		want string
	}{
		{"1795337820", true, "2026-11-22T08:57:00Z"},
		{"1795337820.5", true, "2026-11-22T08:57:00Z"},
		{`"1795337820"`, false, ""},
		{"1e20", false, ""},
		{"null", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, ok := unixClaim(tt.raw)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && got.Format(time.RFC3339) != tt.want {
				t.Errorf("unixClaim(%s) = %s, want %s", tt.raw, got.Format(time.RFC3339), tt.want)
			}
		})
	}
}

func TestJSONMembersKeepOrder(t *testing.T) {
	tests := []struct {
		in   string
		keys string
	}{
		{`{"sub":"u","aud":["a","b"],"exp":1,"iss":"x"}`, "sub,aud,exp,iss"},
		{`{"b":1,"a":{"z":1,"y":2}}`, "b,a"},
		{`{}`, ""},
		{`[1,2]`, ""},
		{`"text"`, ""},
		{`{"a":1,"b":`, "a"},
		{`{"a":1,"a":2}`, "a,a"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var keys []string
			for _, m := range jsonMembers(json.RawMessage(tt.in)) {
				keys = append(keys, m.Key)
			}
			if got := strings.Join(keys, ","); got != tt.keys {
				t.Errorf("keys = %q, want %q", got, tt.keys)
			}
		})
	}
	ms := jsonMembers(json.RawMessage(`{"aud":["a","b"]}`))
	if got := prettyValue(ms[0].Value, "  "); got != "[\n    \"a\",\n    \"b\"\n  ]" {
		t.Errorf("prettyValue = %q", got)
	}
}

func TestResolvePath(t *testing.T) {
	r := loadReport(t, "expired.report.json")
	ps := viewPaths(r)
	for _, p := range []string{"tokens[0]", "tokens[0].payload.exp", "tokens[0].header.kid", "tokens[0].segments[2]",
		"tokens[0].signature", "request.headers[3]", "response.challenges[0].params.error", "response.status", "clock"} {
		if !ps[p] {
			t.Errorf("viewPaths lacks %s", p)
		}
	}
	tests := []struct{ sel, want string }{
		{"tokens[0].payload.exp", "tokens[0].payload.exp"},
		{"tokens[0].payload.aud[1]", "tokens[0].payload.aud"},
		{"tokens[0].payload.nope", "tokens[0].payload"},
		{"tokens[3].payload.exp", ""},
		{"request.headers[99]", "request"},
		{"response.challenges[0].params.scope", "response.challenges[0]"},
		{"clock.skew_s", "clock"},
		{"", ""},
		{"zzz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sel, func(t *testing.T) {
			if got := resolvePath(ps, tt.sel); got != tt.want {
				t.Errorf("resolvePath(%q) = %q, want %q", tt.sel, got, tt.want)
			}
		})
	}
}

func TestPrimaryAlias(t *testing.T) {
	st := 401
	req := &report.Request{Method: "GET", URL: "https://b.example/x"}
	resp := &report.Response{Status: &st}
	one := 1
	r := &report.Report{Request: req, Response: resp, Primary: &one, Exchanges: []report.Exchange{
		{Request: &report.Request{Method: "GET", URL: "https://a.example/x"}},
		{Request: req, Response: resp},
	}}
	tests := []struct{ in, want string }{
		{"exchanges[1].request.headers[0]", "request.headers[0]"},
		{"exchanges[1]", "response"},
		{"exchanges[0].request.url", "exchanges[0].request.url"},
		{"tokens[0]", "tokens[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := primaryAlias(r, tt.in); got != tt.want {
				t.Errorf("primaryAlias(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if ps := viewPaths(r); !ps["exchanges[0].request.url"] || !ps["request.url"] {
		t.Errorf("viewPaths of a redirect chain: %v", ps)
	}
}

func TestPaint(t *testing.T) {
	text := "ab.cd.ef tail"
	seg := []paintRange{{0, 2, "seg-header"}, {3, 5, "seg-payload"}, {6, 8, "seg-signature"}}
	tests := []struct {
		name   string
		ranges []paintRange
		hl     *report.Span
		want   string
	}{
		{"plain", nil, nil, "[ab.cd.ef tail]"},
		{"segments", seg, nil, "[ab|seg-header][.][cd|seg-payload][.][ef|seg-signature][ tail]"},
		{"highlight inside", seg, &report.Span{Start: 3, End: 5}, "[ab|seg-header][.][cd|seg-payload*][.][ef|seg-signature][ tail]"},
		{"highlight across", seg, &report.Span{Start: 1, End: 4}, "[a|seg-header][b|seg-header*][.*][c|seg-payload*][d|seg-payload][.][ef|seg-signature][ tail]"},
		{"clamped", []paintRange{{-5, 2, "x"}, {9, 99, "y"}}, &report.Span{Start: 10, End: 500}, "[ab|x][.cd.ef ][t|y][ail|y*]"},
		{"inverted ignored", []paintRange{{5, 2, "x"}}, &report.Span{Start: 4, End: 4}, "[ab.cd.ef tail]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := showPieces(text, paint(text, tt.ranges, tt.hl)); got != tt.want {
				t.Errorf("paint = %s\nwant    %s", got, tt.want)
			}
		})
	}
	// A span cutting a multi-byte character is snapped to its start.
	u := "é€x"
	ps := paint(u, []paintRange{{1, 4, "c"}}, nil)
	for _, p := range ps {
		if !utf8.ValidString(u[p.Start:p.End]) {
			t.Errorf("piece %q is not valid UTF-8", u[p.Start:p.End])
		}
	}
}

func showPieces(text string, ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("[" + text[p.Start:p.End])
		if p.Class != "" {
			b.WriteString("|" + p.Class)
		}
		if p.Mark {
			b.WriteString("*")
		}
		b.WriteString("]")
	}
	return b.String()
}

func FuzzPaint(f *testing.F) {
	f.Add("ab.cd.ef", 0, 2, 3, 5, 1, 4)
	f.Add("é€x\n", 1, 4, -1, 99, 2, 2)
	f.Fuzz(func(t *testing.T, text string, a0, a1, b0, b1, h0, h1 int) {
		ps := paint(text, []paintRange{{a0, a1, "a"}, {b0, b1, "b"}}, &report.Span{Start: h0, End: h1})
		at := 0
		for _, p := range ps {
			if p.Start != at || p.End <= p.Start {
				t.Fatalf("pieces do not tile the text: %+v", ps)
			}
			if p.Start > 0 && p.Start < len(text) && !utf8.RuneStart(text[p.Start]) {
				t.Fatalf("piece starts inside a character: %+v", p)
			}
			at = p.End
		}
		if at != len(text) {
			t.Fatalf("pieces end at %d of %d", at, len(text))
		}
		if len(ps) > 7 {
			t.Fatalf("%d pieces for 3 ranges", len(ps))
		}
	})
}

func TestSegmentRangesAndExcerpt(t *testing.T) {
	r := loadReport(t, "expired.report.json")
	rs := segmentRanges(r)
	if len(rs) != 3 || rs[0].Class != "seg-header" || rs[2].Class != "seg-signature" {
		t.Fatalf("segmentRanges = %+v", rs)
	}
	text := "line one\nline two has the EVIDENCE here\nline three"
	i := strings.Index(text, "EVIDENCE")
	ex, ok := excerpt(text, report.Span{Start: i, End: i + 8}, 6)
	if !ok {
		t.Fatal("no excerpt")
	}
	if ex.Line != 2 || ex.Mark != "EVIDENCE" || ex.Before != "s the " || ex.After != " here" || !ex.CutBefore || ex.CutAfter {
		t.Errorf("excerpt = %+v", ex)
	}
	if _, ok := excerpt(text, report.Span{Start: 5, End: 5}, 6); ok {
		t.Error("an empty span gave an excerpt")
	}
}

func TestTimelineModel(t *testing.T) {
	r := loadReport(t, "expired.report.json")
	m, ok := timelineModel(r.Tokens[0].Times, r.Clock, r.Now)
	if !ok {
		t.Fatal("no timeline")
	}
	x := map[string]tlMark{}
	for _, mk := range m.Marks {
		x[mk.Key] = mk
	}
	if !(x["iat"].X < x["exp"].X && x["exp"].X < x["local"].X) {
		t.Errorf("marks out of order: %+v", m.Marks)
	}
	if x["local"].X != x["server"].X || x["local"].Row == x["server"].Row {
		t.Errorf("coinciding clocks must be on different label rows: %+v %+v", x["local"], x["server"])
	}
	var classes []string
	for _, b := range m.Bands {
		classes = append(classes, b.Class)
		if b.X0 < tlPad-0.01 || b.X1 > tlW-tlPad+0.01 {
			t.Errorf("band %+v outside the axis", b)
		}
	}
	if got := strings.Join(classes, ","); got != "tl-valid,tl-late,tl-leeway" {
		t.Errorf("bands = %s", got)
	}
	for _, want := range []string{"Issued 2026-11-22 07:57:00 UTC", "expires 2026-11-22 08:57:00 UTC (lifetime 1h)", "Your clock: 2026-11-22 09:00:00 UTC, 3m after exp", "0s ahead of your clock", "Leeway 30s."} {
		if !strings.Contains(m.Summary, want) {
			t.Errorf("summary %q lacks %q", m.Summary, want)
		}
	}
	svg := timelineSVG(m, "tl-0", "exp")
	for _, bad := range []string{"style=", "<script", "javascript:"} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG contains %q", bad)
		}
	}
	if !strings.Contains(svg, `class="tl-mark tl-exp tl-hl"`) || !strings.Contains(svg, `url(#tl-0-hatch)`) {
		t.Errorf("SVG lacks the highlighted exp mark or the leeway hatch:\n%s", svg)
	}
	if _, ok := timelineModel(nil, r.Clock, r.Now); ok {
		t.Error("a token without times has a timeline")
	}
	if _, ok := timelineModel(&report.Times{}, nil, ""); ok {
		t.Error("empty times have a timeline")
	}
	// Skew: the server's Date ahead of the local clock, no iat.
	sd, exp := "2026-11-22T09:05:30Z", "2026-11-22T09:02:00Z"
	m, ok = timelineModel(&report.Times{Exp: &exp}, &report.Clock{Local: "2026-11-22T09:00:00Z", ServerDate: &sd}, "")
	if !ok || !strings.Contains(m.Summary, "Your clock: 2026-11-22 09:00:00 UTC, 2m before exp") || !strings.Contains(m.Summary, "3m30s after exp; 5m30s ahead of your clock") {
		t.Errorf("skew summary = %q", m.Summary)
	}
}

func TestFormConfig(t *testing.T) {
	f := form{Aud: " https://api ", Scope: "a, b c", Require: "sub,aud", Alg: "RS256 ES256", Leeway: "30s", Secret: "s3cr3t", Now: exampleNow}
	c := f.config()
	if c.Aud != "https://api" || strings.Join(c.Scope, "|") != "a|b|c" || strings.Join(c.Alg, "|") != "RS256|ES256" ||
		strings.Join(c.Require, "|") != "sub|aud" || c.Secret != "s3cr3t" || c.JWKS != "" || c.Discover {
		t.Errorf("config = %+v", c)
	}
	if n := f.expectations(); n != 6 {
		t.Errorf("expectations = %d, want 6", n)
	}
	if !f.keyMaterial() || (form{}).keyMaterial() {
		t.Error("keyMaterial")
	}
	b, _ := json.Marshal(f)
	if strings.Contains(string(b), "s3cr3t") {
		t.Errorf("the form's JSON holds the secret: %s", b)
	}
}

func TestExamples(t *testing.T) {
	if len(examples) < 8 {
		t.Fatalf("%d examples, want at least 8", len(examples))
	}
	// The issue asks for these situations.
	for _, id := range []string{"expired", "docker", "insufficient_scope", "bearer_colon", "forbidden", "clock_skew", "alg_none", "jwe", "redirect"} {
		if _, ok := findExample(id); !ok {
			t.Errorf("no example %q", id)
		}
	}
	seen := map[string]bool{}
	for _, ex := range examples {
		t.Run(ex.ID, func(t *testing.T) {
			if seen[ex.ID] {
				t.Errorf("duplicate id")
			}
			seen[ex.ID] = true
			text, ok := exampleText(ex.ID)
			if !ok || strings.TrimSpace(text) == "" {
				t.Fatal("no input text")
			}
			if ex.Form.Now != exampleNow {
				t.Errorf("the clock is not fixed: %q", ex.Form.Now)
			}
			if len(ex.Codes) == 0 {
				t.Error("no expected finding code")
			}
			for _, c := range ex.Codes {
				if !report.Known(c) {
					t.Errorf("unknown code %q", c)
				}
			}
			if ex.Title == "" || ex.Blurb == "" || ex.Kind == "" {
				t.Error("missing title, blurb or kind")
			}
		})
	}
	// The token of the expired example expired 3 minutes before the fixed
	// clock; the clock-skew one is still valid on it.
	now, _ := time.Parse(time.RFC3339, exampleNow)
	for id, wantExpIn := range map[string]time.Duration{"expired": -3 * time.Minute, "clock_skew": 2 * time.Minute} {
		text, _ := exampleText(id)
		exp := firstExp(t, text)
		if got := exp.Sub(now); got != wantExpIn {
			t.Errorf("%s: exp − now = %v, want %v", id, got, wantExpIn)
		}
	}
	if text, _ := exampleText("jwe"); strings.Count(strings.TrimSpace(text), ".") != 4 {
		t.Error("the JWE example does not have five segments")
	}
}

// firstExp decodes the exp claim of the first JWT in text.
func firstExp(t *testing.T, text string) time.Time {
	t.Helper()
	i := strings.Index(text, "eyJ")
	if i < 0 {
		t.Fatal("no token")
	}
	end := i
	for end < len(text) && (isB64URL(text[end]) || text[end] == '.') {
		end++
	}
	parts := strings.Split(text[i:end], ".")
	st, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ Exp int64 }
	if err := json.Unmarshal(st, &p); err != nil {
		t.Fatal(err)
	}
	return time.Unix(p.Exp, 0).UTC()
}

// Two identical retries: the Report's primary index decides, not equality.
func TestPrimaryExchangeFromReport(t *testing.T) {
	st := 401
	x := report.Exchange{Request: &report.Request{Method: "GET", URL: "https://a.example/x"}, Response: &report.Response{Status: &st}}
	for _, p := range []int{0, 1} {
		r := &report.Report{Request: x.Request, Response: x.Response, Exchanges: []report.Exchange{x, x}, Primary: &p}
		if got := primaryExchange(r); got != p {
			t.Errorf("primary %d: primaryExchange = %d", p, got)
		}
	}
	if got := primaryExchange(&report.Report{Exchanges: []report.Exchange{x, x}}); got != -1 {
		t.Errorf("no primary: primaryExchange = %d, want -1", got)
	}
}

func isB64URL(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
