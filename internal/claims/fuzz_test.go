package claims

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// FuzzCheck runs Check, TimesOf and Clock on arbitrary JSON payloads and
// headers. Property: no panic, every finding valid, bounded output.
func FuzzCheck(f *testing.F) {
	seeds := []struct{ payload, header string }{
		{`{"exp":1795341600,"iat":1795337400,"aud":"a","iss":"i","scope":"a b"}`, `{"alg":"RS256","typ":"JWT"}`},
		{`{"exp":"1795341600","nbf":1e300,"iat":-1e300}`, `{"typ":"dpop+jwt"}`},
		{`{"exp":1763800000000,"aud":["a",1,null],"scp":[1,"x"]}`, `{"typ":"at+jwt"}`},
		{`{"exp":"2026-11-22T10:00:00Z","nonce":"n","at_hash":"h","azp":"c","aud":"c"}`, `{"typ":7}`},
		{`{"exp":null,"iat":{},"nbf":[],"typ":"Refresh","token_use":"id"}`, `{}`},
		{`{"exp":0.0000001,"iss":"http://x/","aud":"HTTPS://A/"}`, `{"typ":"logout+jwt"}`},
		{`{"exp":NaN}`, ``},
		{`[1,2]`, `null`},
	}
	for _, s := range seeds {
		f.Add(s.payload, s.header, int64(30), true)
	}
	f.Fuzz(func(t *testing.T, payload, header string, leeway int64, access bool) {
		var p, h map[string]any
		dec := json.NewDecoder(strings.NewReader(payload))
		dec.UseNumber()
		if dec.Decode(&p) != nil {
			// Still exercise the float64 path.
			_ = json.Unmarshal([]byte(payload), &p)
		}
		_ = json.Unmarshal([]byte(header), &h)
		opts := Options{
			Now:         now,
			Leeway:      time.Duration(leeway%3600) * time.Second,
			AccessToken: access,
			Expect:      Expectations{Aud: "https://api.example.com", Iss: "https://id.example.com/", Require: []string{"sub", "jti"}, Scope: []string{"read", "write"}},
		}
		times, fs := Check(p, h, "tokens[0]", opts)
		if p != nil && times == nil {
			t.Fatal("no times for a payload")
		}
		if err := (&report.Report{Findings: fs}).Validate(); err != nil {
			t.Fatal(err)
		}
		if len(fs) > 20 {
			t.Fatalf("%d findings", len(fs))
		}
		for _, f := range fs {
			if len(f.Title) > 2000 || len(f.Evidence) > 4000 || len(f.Detail) > 8000 {
				t.Fatalf("unbounded finding %s: %d/%d/%d", f.Code, len(f.Title), len(f.Evidence), len(f.Detail))
			}
		}
		tt := TimesOf(p)
		tt.Path = "tokens[0]"
		sd := now.Add(time.Duration(leeway) * time.Second)
		_, cfs := Clock(now, &sd, opts.Leeway, []TokenTimes{tt})
		if err := (&report.Report{Findings: cfs}).Validate(); err != nil {
			t.Fatal(err)
		}
	})
}
