package report

import "testing"

func TestNew(t *testing.T) {
	sp := &Span{Start: 3, End: 9}
	f := New(TokenExpired, Error, Client, "title", "detail", "fix", "exp=1", "RFC 7519 §4.1.4").At("tokens[0].payload.exp").Within(sp)
	want := Finding{Code: TokenExpired, Severity: Error, Side: Client, Title: "title", Detail: "detail", Fix: "fix", Evidence: "exp=1",
		Refs: []string{"RFC 7519 §4.1.4"}, Path: "tokens[0].payload.exp", Span: sp}
	if f.Code != want.Code || f.Severity != want.Severity || f.Side != want.Side || f.Title != want.Title || f.Detail != want.Detail ||
		f.Fix != want.Fix || f.Evidence != want.Evidence || len(f.Refs) != 1 || f.Refs[0] != want.Refs[0] || f.Path != want.Path || f.Span != sp {
		t.Errorf("New = %+v, want %+v", f, want)
	}
	if g := New(TokenNoExp, Warning, Server, "t", "", "", ""); g.Refs == nil {
		t.Error("Refs must be [] in JSON, not null")
	}
}
