package exchange

import (
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

func TestToReportMasks(t *testing.T) {
	tk := testTokens(t)
	in := "GET https://api.example.com/v1/me?access_token=" + tk.Valid + " HTTP/1.1\n" +
		"Authorization: Bearer " + tk.Expired + "\nCookie: session=abcdefghijklmnopqrstuvwxyz; theme=dark\n" +
		"X-Api-Key: sk_live_0123456789abcdef\nAccept: application/json\n\n" +
		"HTTP/1.1 401 Unauthorized\nSet-Cookie: session=zyxwvutsrqponmlkjihgfedcba; Path=/; HttpOnly\n" +
		"WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"\nWWW-Authenticate: Basic realm=\"legacy\n"
	exs, _ := parseText(t, in)
	if len(exs) != 1 {
		t.Fatalf("%d exchanges", len(exs))
	}
	secrets := []string{tk.Valid, tk.Expired, "abcdefghijklmnopqrstuvwxyz", "sk_live_0123456789abcdef", "zyxwvutsrqponmlkjihgfedcba"}
	rq, rs := ToReport(exs[0], false)
	all := rq.URL
	for _, h := range append(rq.Headers, rs.Headers...) {
		all += "\n" + h.Name() + ": " + h.Value()
	}
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("masked report shows %q…", s[:10])
		}
	}
	for _, want := range []string{"Authorization: Bearer eyJhbGci…", "Cookie: session=abcdefgh…xyz, 26 chars; theme=…, 4 chars",
		"Accept: application/json", "Set-Cookie: session=zyxwvuts…cba, 26 chars; Path=/; HttpOnly", "X-Api-Key: sk_live_…def, 24 chars"} {
		if !strings.Contains(all, want) {
			t.Errorf("masked headers lack %q:\n%s", want, all)
		}
	}
	if rs.Status == nil || *rs.Status != 401 || rq.Span == nil || rs.Span == nil {
		t.Errorf("status/spans: %+v %+v", rs.Status, rq.Span)
	}
	// Both WWW-Authenticate lines: the second is broken but its challenge is kept.
	if len(rs.Challenges) != 2 || rs.Challenges[0].Params["error"] != "invalid_token" || rs.Challenges[1].Scheme != "Basic" {
		t.Errorf("challenges %+v", rs.Challenges)
	}
	rq, rs = ToReport(exs[0], true)
	if v, _ := Get(exs[0].Request.Headers, "Authorization"); rq.Headers[0].Value() != v || !strings.Contains(rq.URL, tk.Valid) {
		t.Error("reveal did not show the credentials")
	}
	// Status 0 → null.
	_, rs = ToReport(Exchange{Response: &Response{Headers: []Header{{Name: "WWW-Authenticate", Value: "Bearer"}}}}, false)
	if rs.Status != nil || len(rs.Challenges) != 1 {
		t.Errorf("status-0 response: %+v", rs)
	}
	if rq, rs := ToReport(Exchange{}, false); rq != nil || rs != nil {
		t.Error("empty exchange gave a request or response")
	}
}

func TestDate(t *testing.T) {
	want := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	tests := []struct {
		v  string
		ok bool
	}{
		{"Sun, 06 Nov 1994 08:49:37 GMT", true},
		{"Sunday, 06-Nov-94 08:49:37 GMT", true},
		{"Sun Nov  6 08:49:37 1994", true},
		{"Sun, 06 Nov 1994 08:49:37 +0000", true},
		{"yesterday", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			r := &Response{Headers: []Header{{Name: "date", Value: tt.v}}}
			got, ok := r.Date()
			if ok != tt.ok || ok && !got.Equal(want) {
				t.Errorf("Date(%q) = %v, %v", tt.v, got, ok)
			}
		})
	}
	if _, ok := (&Response{}).Date(); ok {
		t.Error("Date without a Date header")
	}
	if _, ok := (*Response)(nil).Date(); ok {
		t.Error("Date on nil")
	}
}

func TestPrimary(t *testing.T) {
	r := func(st int) *Response { return &Response{Status: st} }
	tests := []struct {
		exs  []Exchange
		want int
	}{
		{nil, -1},
		{[]Exchange{{Request: &Request{}}}, 0},
		{[]Exchange{{Response: r(302)}, {Response: r(401)}, {Response: r(200)}}, 1},
		{[]Exchange{{Response: r(403)}, {Response: r(401)}}, 1},
		{[]Exchange{{Response: r(200)}, {Request: &Request{}}}, 0},
	}
	for i, tt := range tests {
		if got := Primary(tt.exs); got != tt.want {
			t.Errorf("case %d: Primary = %d, want %d", i, got, tt.want)
		}
	}
	_ = report.KindHAR
}
