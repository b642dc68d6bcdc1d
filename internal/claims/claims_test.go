package claims

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authdebug/authdebug/internal/report"
)

// now is the analysis clock of every test: 2026-11-22T09:00:00Z.
var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

const nowUnix = 1795338000

func obj(t testing.TB, s string) map[string]any {
	t.Helper()
	if s == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("bad test JSON %s: %v", s, err)
	}
	return m
}

// at writes a NumericDate relative to now.
func at(d time.Duration) string { return fmt.Sprint(now.Add(d).Unix()) }

func validate(t testing.TB, fs []report.Finding) {
	t.Helper()
	if err := (&report.Report{Findings: fs}).Validate(); err != nil {
		t.Fatalf("invalid finding: %v", err)
	}
	for _, f := range fs {
		if f.Fix == "" || f.Evidence == "" {
			t.Fatalf("finding %s has no fix or evidence: %+v", f.Code, f)
		}
	}
}

func find(fs []report.Finding, code string) *report.Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}

func codes(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code+"/"+string(f.Severity))
	}
	return out
}

type want struct {
	code string
	sev  report.Severity
	side report.Side
	has  []string // substrings of title+evidence+detail
	path string
}

func TestCheck(t *testing.T) {
	access := Options{Now: now, AccessToken: true}
	tests := []struct {
		name    string
		payload string
		header  string
		opts    Options
		want    []want
		not     []string // codes that must not appear
	}{
		{"expired", `{"exp":` + at(-(3*time.Hour + 12*time.Minute)) + `}`, "", access,
			[]want{{report.TokenExpired, report.Error, report.Client, []string{"The access token expired 3h12m ago", "exp=" + at(-(3*time.Hour + 12*time.Minute)) + " (2026-11-22T05:48:00Z)"}, "tokens[0].payload.exp"}},
			[]string{report.ClockLeewayWouldAccept, report.TokenNoExp}},
		{"expired exactly now", `{"exp":` + at(0) + `}`, "", Options{Now: now},
			[]want{{report.TokenExpired, report.Error, report.Client, []string{"The token expired 0s ago"}, ""}}, nil},
		{"handed out already expired", `{"exp":` + at(-10*time.Minute) + `}`, "", Options{Now: now, AccessToken: true, HandedOut: now.Add(-5 * time.Minute)},
			[]want{{report.TokenExpired, report.Error, report.Server, []string{"The token endpoint issued an access token that had expired 5m before its own Date", "response Date 2026-11-22T08:55:00Z"}, "tokens[0].payload.exp"}}, nil},
		{"handed out valid, expired since", `{"exp":` + at(-10*time.Minute) + `}`, "", Options{Now: now, AccessToken: true, HandedOut: now.Add(-time.Hour)},
			[]want{{report.TokenExpired, report.Error, report.Client, []string{"The access token expired 10m ago"}, ""}}, nil},
		{"handed out, not yet expired", `{"exp":` + at(time.Minute) + `}`, "", Options{Now: now, HandedOut: now.Add(5 * time.Minute)}, nil,
			[]string{report.TokenExpired}},
		{"valid for another minute", `{"exp":` + at(time.Minute) + `}`, "", access, nil,
			[]string{report.TokenExpired, report.ClockLeewayWouldAccept, report.TokenNoExp}},
		{"expired within leeway", `{"exp":` + at(-20*time.Second) + `}`, "", Options{Now: now, Leeway: 30 * time.Second}, nil,
			[]string{report.TokenExpired, report.ClockLeewayWouldAccept}},
		{"expired beyond leeway", `{"exp":` + at(-40*time.Second) + `}`, "", Options{Now: now, Leeway: 30 * time.Second},
			[]want{{report.TokenExpired, report.Error, report.Client, []string{"beyond the 30s leeway"}, ""},
				{report.ClockLeewayWouldAccept, report.Info, report.Server, []string{"A leeway of 60s", "expired 40s ago"}, "tokens[0].payload.exp"}}, nil},
		{"leeway 30s would accept", `{"exp":` + at(-20*time.Second) + `}`, "", access,
			[]want{{report.ClockLeewayWouldAccept, report.Info, report.Server, []string{"A leeway of 30s would have accepted this access token"}, ""}}, nil},
		{"leeway 300s would accept but is unsafe", `{"exp":` + at(-200*time.Second) + `}`, "", access,
			[]want{{report.ClockLeewayWouldAccept, report.Info, report.Server, []string{"A leeway of 300s", "more than is safe"}, ""}}, nil},
		{"no common leeway accepts", `{"exp":` + at(-10*time.Minute) + `}`, "", access,
			[]want{{report.TokenExpired, report.Error, report.Client, nil, ""}}, []string{report.ClockLeewayWouldAccept}},
		{"not yet valid", `{"exp":` + at(time.Hour) + `,"nbf":` + at(6*time.Minute) + `}`, "", access,
			[]want{{report.TokenNotYetValid, report.Error, report.Both, []string{"not valid for another 6m", "nbf="}, "tokens[0].payload.nbf"}},
			[]string{report.ClockLeewayWouldAccept}},
		{"nbf leeway 60s", `{"exp":` + at(time.Hour) + `,"nbf":` + at(50*time.Second) + `}`, "", access,
			[]want{{report.ClockLeewayWouldAccept, report.Info, report.Server, []string{"A leeway of 60s", "becomes valid in 50s"}, "tokens[0].payload.nbf"}}, nil},
		{"nbf passed", `{"exp":` + at(time.Hour) + `,"nbf":` + at(-time.Second) + `}`, "", access, nil,
			[]string{report.TokenNotYetValid}},
		{"issued in future", `{"exp":` + at(time.Hour) + `,"iat":` + at(4*time.Minute) + `}`, "", access,
			[]want{{report.TokenIssuedInFuture, report.Warning, report.Server, []string{"issued 4m in the future"}, "tokens[0].payload.iat"}}, nil},
		{"issued now", `{"exp":` + at(time.Hour) + `,"iat":` + at(0) + `}`, "", access, nil,
			[]string{report.TokenIssuedInFuture}},
		{"no exp", `{"sub":"u"}`, "", access,
			[]want{{report.TokenNoExp, report.Warning, report.Server, []string{"no exp claim"}, "tokens[0].payload"}}, nil},
		{"long lifetime", `{"iat":` + at(-time.Hour) + `,"exp":` + at(30*24*time.Hour-time.Hour) + `}`, "", access,
			[]want{{report.TokenLongLifetime, report.Warning, report.Server, []string{"valid for 30d"}, "tokens[0].payload.exp"}}, nil},
		{"24h lifetime is fine", `{"iat":` + at(-time.Hour) + `,"exp":` + at(23*time.Hour) + `}`, "", access, nil,
			[]string{report.TokenLongLifetime}},
		{"long lifetime only for access tokens", `{"iat":` + at(-time.Hour) + `,"exp":` + at(30*24*time.Hour) + `}`, "", Options{Now: now}, nil,
			[]string{report.TokenLongLifetime}},
		{"exp in milliseconds", `{"exp":1763800000000,"iat":1763796400}`, "", access,
			[]want{{report.TokenTimesInconsistent, report.Warning, report.Server, []string{"exp looks like milliseconds", "year 57"}, "tokens[0].payload.exp"}},
			[]string{report.TokenExpired, report.TokenNoExp, report.TokenLongLifetime}},
		{"exp as numeric string", `{"exp":"` + at(-time.Hour) + `"}`, "", access,
			[]want{{report.TokenMalformed, report.Error, report.Server, []string{"exp is a string"}, "tokens[0].payload.exp"},
				{report.TokenExpired, report.Error, report.Client, []string{"expired 1h ago"}, ""}}, nil},
		{"exp as date string", `{"exp":"2026-11-22T10:00:00Z"}`, "", access,
			[]want{{report.TokenMalformed, report.Error, report.Server, []string{"date string", "1795341600"}, ""}}, []string{report.TokenExpired}},
		{"exp as float", `{"exp":` + at(time.Hour) + `.5}`, "", access, nil,
			[]string{report.TokenMalformed, report.TokenExpired}},
		{"exp is boolean", `{"exp":true}`, "", access,
			[]want{{report.TokenMalformed, report.Error, report.Server, []string{"exp is true"}, ""}}, []string{report.TokenNoExp}},
		{"exp before iat", `{"iat":` + at(-time.Hour) + `,"exp":` + at(-2*time.Hour) + `}`, "", access,
			[]want{{report.TokenTimesInconsistent, report.Warning, report.Server, []string{"exp is 1h before iat"}, ""}}, nil},
		{"exp before nbf", `{"nbf":` + at(-time.Hour) + `,"exp":` + at(-2*time.Hour) + `}`, "", access,
			[]want{{report.TokenTimesInconsistent, report.Error, report.Server, []string{"exp is 1h before nbf: the token is never valid"}, ""}}, nil},
		{"iat in milliseconds", `{"iat":1763796400000,"exp":` + at(time.Hour) + `}`, "", access,
			[]want{{report.TokenTimesInconsistent, report.Error, report.Server, []string{"iat looks like milliseconds"}, ""}}, nil},
		{"out of range", `{"exp":1e300}`, "", access,
			[]want{{report.TokenMalformed, report.Error, report.Server, []string{"not a usable date"}, ""}}, nil},

		{"aud mismatch", `{"exp":` + at(time.Hour) + `,"aud":"https://other.example.com"}`, "",
			Options{Now: now, Expect: Expectations{Aud: "https://api.example.com"}},
			[]want{{report.ClaimsAudMismatch, report.Error, report.Both, []string{`is for "https://other.example.com", not "https://api.example.com"`, `aud="https://other.example.com"`}, "tokens[0].payload.aud"}}, nil},
		{"aud array mismatch with near miss", `{"exp":` + at(time.Hour) + `,"aud":["https://api.example.com/","x"]}`, "",
			Options{Now: now, Expect: Expectations{Aud: "https://api.example.com"}},
			[]want{{report.ClaimsAudMismatch, report.Error, report.Both, []string{"trailing slash", `aud=["https://api.example.com/", "x"]`}, ""}}, nil},
		{"aud array contains", `{"exp":` + at(time.Hour) + `,"aud":["x","https://api.example.com"]}`, "",
			Options{Now: now, Expect: Expectations{Aud: "https://api.example.com"}}, nil, []string{report.ClaimsAudMismatch}},
		{"aud absent", `{"exp":` + at(time.Hour) + `}`, "",
			Options{Now: now, Expect: Expectations{Aud: "api"}},
			[]want{{report.ClaimsAudMismatch, report.Error, report.Both, []string{"has no aud claim"}, ""}}, nil},
		{"iss trailing slash", `{"exp":` + at(time.Hour) + `,"iss":"https://id.example.com"}`, "",
			Options{Now: now, Expect: Expectations{Iss: "https://id.example.com/"}},
			[]want{{report.ClaimsIssMismatch, report.Error, report.Both, []string{"trailing slash", `iss="https://id.example.com"`}, "tokens[0].payload.iss"}}, nil},
		{"iss http vs https", `{"exp":` + at(time.Hour) + `,"iss":"http://id.example.com"}`, "",
			Options{Now: now, Expect: Expectations{Iss: "https://id.example.com"}},
			[]want{{report.ClaimsIssMismatch, report.Error, report.Both, []string{"http:// versus https://"}, ""}}, nil},
		{"iss azure v1 vs v2", `{"exp":` + at(time.Hour) + `,"iss":"https://sts.windows.net/tid/"}`, "",
			Options{Now: now, Expect: Expectations{Iss: "https://login.microsoftonline.com/tid/v2.0"}},
			[]want{{report.ClaimsIssMismatch, report.Error, report.Both, []string{"accessTokenAcceptedVersion"}, ""}}, nil},
		{"iss matches", `{"exp":` + at(time.Hour) + `,"iss":"https://id.example.com/"}`, "",
			Options{Now: now, Expect: Expectations{Iss: "https://id.example.com/"}}, nil, []string{report.ClaimsIssMismatch}},
		{"missing claims", `{"exp":` + at(time.Hour) + `,"sub":"u","jti":null}`, "",
			Options{Now: now, Expect: Expectations{Require: []string{"sub", "jti", "client_id"}}},
			[]want{{report.ClaimsMissing, report.Error, report.Both, []string{"required claims jti, client_id"}, "tokens[0].payload"}}, nil},
		{"required claims present", `{"exp":` + at(time.Hour) + `,"sub":"u","jti":"j"}`, "",
			Options{Now: now, Expect: Expectations{Require: []string{"sub", "jti"}}}, nil, []string{report.ClaimsMissing}},
		{"scope missing", `{"exp":` + at(time.Hour) + `,"scope":"read:orders profile"}`, "",
			Options{Now: now, Expect: Expectations{Scope: []string{"read:orders", "write:orders"}}},
			[]want{{report.ClaimsScopeMissing, report.Error, report.Client, []string{"lacks the scope write:orders", `scope="read:orders profile"`, "It has: read:orders profile"}, "tokens[0].payload.scope"}}, nil},
		{"scp array missing, case near miss", `{"exp":` + at(time.Hour) + `,"scp":["Orders.Read"]}`, "",
			Options{Now: now, Expect: Expectations{Scope: []string{"orders.read"}}},
			[]want{{report.ClaimsScopeMissing, report.Error, report.Client, []string{`scp=["Orders.Read"]`, "Near miss"}, "tokens[0].payload.scp"}}, nil},
		{"no scope claim", `{"exp":` + at(time.Hour) + `}`, "",
			Options{Now: now, Expect: Expectations{Scope: []string{"a b"}}},
			[]want{{report.ClaimsScopeMissing, report.Error, report.Client, []string{"scopes a, b", "no scope or scp claim"}, ""}}, nil},
		{"scopes present", `{"exp":` + at(time.Hour) + `,"scope":"a b c"}`, "",
			Options{Now: now, Expect: Expectations{Scope: []string{"c", "a"}}}, nil, []string{report.ClaimsScopeMissing}},

		{"id token as access token", `{"exp":` + at(time.Hour) + `,"aud":"client1","azp":"client1","nonce":"n","at_hash":"h"}`, `{"alg":"RS256","typ":"JWT"}`, access,
			[]want{{report.TokenTyp, report.Error, report.Client, []string{"OpenID Connect ID token", "at_hash present", `aud=azp="client1"`}, "tokens[0].payload"}}, nil},
		{"id token pasted alone is not a finding", `{"exp":` + at(time.Hour) + `,"aud":"client1","azp":"client1","nonce":"n","at_hash":"h"}`, `{"alg":"RS256","typ":"JWT"}`, Options{Now: now},
			nil, []string{report.TokenTyp}},
		{"access token with typ JWT", `{"exp":` + at(time.Hour) + `,"aud":"api","azp":"client1","scope":"read"}`, `{"alg":"RS256","typ":"JWT"}`, access,
			nil, []string{report.TokenTyp}},
		{"app calling itself with roles", `{"exp":` + at(time.Hour) + `,"aud":"client1","azp":"client1","roles":["Task.Write"]}`, `{"alg":"RS256","typ":"JWT"}`, access,
			nil, []string{report.TokenTyp}},
		{"cognito id token", `{"exp":` + at(time.Hour) + `,"token_use":"id"}`, `{"alg":"RS256"}`, access,
			[]want{{report.TokenTyp, report.Error, report.Client, []string{`token_use="id"`}, ""}}, nil},
		{"at+jwt wins over nonce", `{"exp":` + at(time.Hour) + `,"nonce":"n"}`, `{"alg":"RS256","typ":"at+jwt"}`, access,
			nil, []string{report.TokenTyp}},
		{"dpop proof as access token", `{"jti":"j","htm":"GET","htu":"https://api","iat":` + at(0) + `}`, `{"alg":"ES256","typ":"dpop+jwt"}`, access,
			[]want{{report.TokenTyp, report.Error, report.Client, []string{"DPoP proof", `typ="dpop+jwt"`}, "tokens[0].header.typ"}}, nil},
		{"keycloak refresh token", `{"exp":` + at(time.Hour) + `,"typ":"Refresh"}`, `{"alg":"HS256","typ":"JWT"}`, access,
			[]want{{report.TokenTyp, report.Error, report.Client, []string{"refresh token"}, "tokens[0].payload.typ"}}, nil},
		{"keycloak access token with nonce", `{"exp":` + at(time.Hour) + `,"typ":"Bearer","nonce":"n","azp":"c","aud":"c"}`, `{"alg":"RS256","typ":"JWT"}`, access,
			nil, []string{report.TokenTyp}},
		{"logout token", `{"exp":` + at(time.Hour) + `,"events":{}}`, `{"alg":"RS256","typ":"logout+jwt"}`, access,
			[]want{{report.TokenTyp, report.Warning, report.Client, []string{`typ is "logout+jwt"`}, ""}}, nil},
		{"unusual typ noted", `{"exp":` + at(time.Hour) + `,"scope":"a"}`, `{"alg":"RS256","typ":"foo"}`, access,
			[]want{{report.TokenTyp, report.Info, report.Server, []string{"at+jwt"}, ""}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			times, fs := Check(obj(t, tc.payload), obj(t, tc.header), "tokens[0]", tc.opts)
			validate(t, fs)
			if times == nil {
				t.Fatal("no times for a payload")
			}
			for _, w := range tc.want {
				f := find(fs, w.code)
				if f == nil {
					t.Fatalf("want %s, got %v", w.code, codes(fs))
				}
				if f.Severity != w.sev || f.Side != w.side {
					t.Errorf("%s: severity/side %s/%s, want %s/%s", w.code, f.Severity, f.Side, w.sev, w.side)
				}
				all := f.Title + "\n" + f.Evidence + "\n" + f.Detail + "\n" + f.Fix
				for _, h := range w.has {
					if !strings.Contains(all, h) {
						t.Errorf("%s: %q not in\n%s", w.code, h, all)
					}
				}
				if w.path != "" && f.Path != w.path {
					t.Errorf("%s: path %q, want %q", w.code, f.Path, w.path)
				}
			}
			for _, n := range tc.not {
				if f := find(fs, n); f != nil {
					t.Errorf("unexpected %s: %s", n, f.Title)
				}
			}
		})
	}
}

func TestCheckNilPayload(t *testing.T) {
	times, fs := Check(nil, nil, "tokens[0]", Options{Now: now})
	if times != nil || fs != nil {
		t.Fatalf("got %v %v", times, fs)
	}
}

func TestCheckTimes(t *testing.T) {
	p := obj(t, `{"iat":`+at(-10*time.Minute)+`,"nbf":`+at(-10*time.Minute)+`,"exp":`+at(50*time.Minute)+`}`)
	times, _ := Check(p, nil, "tokens[0]", Options{Now: now})
	if *times.Exp != "2026-11-22T09:50:00Z" || *times.Iat != "2026-11-22T08:50:00Z" || *times.Nbf != "2026-11-22T08:50:00Z" {
		t.Errorf("times %s %s %s", *times.Iat, *times.Nbf, *times.Exp)
	}
	if *times.ExpiresInS != 3000 || *times.LifetimeS != 3600 {
		t.Errorf("expires_in %d lifetime %d", *times.ExpiresInS, *times.LifetimeS)
	}
	// Without a clock, no expires_in and no time findings.
	times, fs := Check(obj(t, `{"exp":1}`), nil, "tokens[0]", Options{})
	if times.ExpiresInS != nil || find(fs, report.TokenExpired) != nil {
		t.Errorf("zero Now must skip relative checks: %v %v", times.ExpiresInS, codes(fs))
	}
	// Milliseconds are not shown as a date.
	times, _ = Check(obj(t, `{"exp":1763800000000}`), nil, "tokens[0]", Options{Now: now})
	if times.Exp != nil {
		t.Errorf("exp in ms shown as %s", *times.Exp)
	}
}

func TestFloat64Payload(t *testing.T) {
	// Callers that decode without UseNumber pass float64.
	var p map[string]any
	if err := json.Unmarshal([]byte(`{"exp":`+at(-2*time.Hour)+`}`), &p); err != nil {
		t.Fatal(err)
	}
	_, fs := Check(p, nil, "tokens[3]", Options{Now: now})
	f := find(fs, report.TokenExpired)
	if f == nil || !strings.Contains(f.Title, "expired 2h ago") || f.Path != "tokens[3].payload.exp" {
		t.Fatalf("got %v", fs)
	}
}

func TestScopes(t *testing.T) {
	tests := []struct {
		payload string
		want    []string
		ok      bool
	}{
		{`{"scope":"a b  c"}`, []string{"a", "b", "c"}, true},
		{`{"scp":["x","y"]}`, []string{"x", "y"}, true},
		{`{"scp":"x y"}`, []string{"x", "y"}, true},
		{`{"scope":"a b","scp":["b","c"]}`, []string{"a", "b", "c"}, true},
		{`{"scope":""}`, nil, true},
		{`{"scope":42}`, nil, true},
		{`{"sub":"u"}`, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.payload, func(t *testing.T) {
			got, ok := Scopes(obj(t, tc.payload))
			if ok != tc.ok || fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v %v, want %v %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestNumericDate(t *testing.T) {
	tests := []struct {
		v    any
		want string
		err  error
	}{
		{json.Number("1795338000"), "2026-11-22T09:00:00Z", nil},
		{float64(1795338000.5), "2026-11-22T09:00:00.5Z", nil},
		{1795338000, "2026-11-22T09:00:00Z", nil},
		{int64(0), "1970-01-01T00:00:00Z", nil},
		{"1795338000", "", ErrNotNumericDate},
		{true, "", ErrNotNumericDate},
		{nil, "", ErrNotNumericDate},
		{json.Number("1763800000000"), "", ErrDateOutOfRange},
		{json.Number("-1e300"), "", ErrDateOutOfRange},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.v), func(t *testing.T) {
			got, err := NumericDate(tc.v)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			if err == nil && got.Format(time.RFC3339Nano) != tc.want {
				t.Errorf("got %s, want %s", got.Format(time.RFC3339Nano), tc.want)
			}
		})
	}
}

func TestTimesOf(t *testing.T) {
	tt := TimesOf(obj(t, `{"iat":"1795338000","exp":1763800000000,"nbf":false}`))
	if tt.Iat == nil || tt.Iat.Unix() != nowUnix {
		t.Errorf("numeric string iat not read: %v", tt.Iat)
	}
	if tt.Exp != nil || tt.Nbf != nil {
		t.Errorf("exp in ms or boolean nbf read as a date: %v %v", tt.Exp, tt.Nbf)
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{45 * time.Second, "45s"},
		{2*time.Minute + 5*time.Second, "2m5s"},
		{2 * time.Minute, "2m"},
		{3*time.Hour + 12*time.Minute + 40*time.Second, "3h12m"},
		{-(4*24*time.Hour + 3*time.Hour), "4d3h"},
		{(2*365 + 30) * 24 * time.Hour, "2y30d"},
	}
	for _, tc := range tests {
		if got := HumanDuration(tc.d); got != tc.want {
			t.Errorf("HumanDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestExpectationsEmpty(t *testing.T) {
	if !(Expectations{}).Empty() || (Expectations{Scope: []string{"a"}}).Empty() || (Expectations{Aud: "a"}).Empty() {
		t.Error("Empty is wrong")
	}
}

func TestNearMiss(t *testing.T) {
	tests := []struct{ got, want, has string }{
		{"https://a/", "https://a", "trailing slash"},
		{"http://a", "https://a", "http://"},
		{"API", "api", "letter case"},
		{" api", "api", "whitespace"},
		{"HTTP://A/", "https://a", "scheme or a trailing slash"},
		{"api", "api", ""},
		{"api1", "api2", ""},
	}
	for _, tc := range tests {
		got := nearMiss(tc.got, tc.want)
		if tc.has == "" && got != "" || !strings.Contains(got, tc.has) {
			t.Errorf("nearMiss(%q, %q) = %q, want %q", tc.got, tc.want, got, tc.has)
		}
	}
}

// fixture is one realistic token body in testdata/realistic.json.
type fixture struct {
	Name        string          `json:"name"`
	Header      json.RawMessage `json:"header"`
	Payload     json.RawMessage `json:"payload"`
	AccessToken bool            `json:"access_token"`
	Expect      Expectations    `json:"expect"`
	Want        []string        `json:"want"`
	Not         []string        `json:"not"`
}

// TestRealistic runs payloads shaped like those of common issuers (Auth0,
// Microsoft Entra ID, Google, Keycloak, Okta, Cognito) through Check.
func TestRealistic(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "realistic.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fx []fixture
	if err := json.Unmarshal(b, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx) < 8 {
		t.Fatalf("only %d fixtures", len(fx))
	}
	for _, f := range fx {
		t.Run(f.Name, func(t *testing.T) {
			_, fs := Check(obj(t, string(f.Payload)), obj(t, string(f.Header)), "tokens[0]",
				Options{Now: now, AccessToken: f.AccessToken, Expect: f.Expect})
			validate(t, fs)
			for _, w := range f.Want {
				code, sev, _ := strings.Cut(w, "/")
				g := find(fs, code)
				if g == nil {
					t.Errorf("want %s, got %v", w, codes(fs))
				} else if sev != "" && string(g.Severity) != sev {
					t.Errorf("%s: severity %s", w, g.Severity)
				}
			}
			for _, n := range f.Not {
				if find(fs, n) != nil {
					t.Errorf("unexpected %s in %v", n, codes(fs))
				}
			}
		})
	}
}

func TestClock(t *testing.T) {
	ptr := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	exp := func(d time.Duration) TokenTimes { return TokenTimes{Path: "tokens[0]", Exp: ptr(d)} }
	tests := []struct {
		name   string
		server *time.Time
		times  []TokenTimes
		want   []want
		not    []string
		skew   *int64
	}{
		{"no date header", nil, []TokenTimes{exp(time.Hour)}, nil, []string{report.ClockSkew, report.ClockExpiredAtServer}, nil},
		{"small skew", ptr(10 * time.Second), nil, nil, []string{report.ClockSkew}, nil},
		{"server ahead", ptr(2*time.Minute + 5*time.Second), nil,
			[]want{{report.ClockSkew, report.Warning, report.Both, []string{"2m5s ahead of the local clock", "Date: Sun, 22 Nov 2026 09:02:05 UTC"}, ""}}, nil, nil},
		{"server behind", ptr(-45 * time.Second), nil,
			[]want{{report.ClockSkew, report.Warning, report.Both, []string{"45s behind"}, ""}}, nil, nil},
		{"old transcript", ptr(-3 * time.Hour), nil,
			[]want{{report.ClockSkew, report.Info, report.Both, []string{"3h behind", "probably old"}, ""}}, nil, nil},
		{"expired at server", ptr(2 * time.Minute), []TokenTimes{exp(time.Minute)},
			[]want{{report.ClockExpiredAtServer, report.Error, report.Both, []string{"expired at the server's time", "exp="}, "tokens[0].payload.exp"}}, nil, nil},
		{"not yet valid at server", ptr(-2 * time.Minute), []TokenTimes{{Path: "tokens[1]", Nbf: ptr(-time.Minute)}},
			[]want{{report.ClockExpiredAtServer, report.Error, report.Both, []string{"not yet valid at the server's time"}, "tokens[1].payload.nbf"}}, nil, nil},
		{"valid at server, expired locally", ptr(-2 * time.Minute), []TokenTimes{exp(-time.Minute)},
			[]want{{report.ClockExpiredAtServer, report.Info, report.Both, []string{"still valid at the server's time"}, ""}}, nil, nil},
		{"valid by both", ptr(2 * time.Minute), []TokenTimes{exp(time.Hour)}, nil, []string{report.ClockExpiredAtServer}, nil},
		{"expired by both", ptr(2 * time.Minute), []TokenTimes{exp(-time.Hour)}, nil, []string{report.ClockExpiredAtServer}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, fs := Clock(now, tc.server, 0, tc.times)
			validate(t, fs)
			if c == nil || c.Local != "2026-11-22T09:00:00Z" {
				t.Fatalf("clock %+v", c)
			}
			if tc.server == nil && (c.ServerDate != nil || c.SkewS != nil) {
				t.Errorf("server date invented: %+v", c)
			}
			if tc.server != nil && (c.SkewS == nil || *c.SkewS != tc.server.Unix()-nowUnix) {
				t.Errorf("skew %v", c.SkewS)
			}
			for _, w := range tc.want {
				f := find(fs, w.code)
				if f == nil {
					t.Fatalf("want %s, got %v", w.code, codes(fs))
				}
				if f.Severity != w.sev || f.Side != w.side {
					t.Errorf("%s: %s/%s", w.code, f.Severity, f.Side)
				}
				for _, h := range w.has {
					if !strings.Contains(f.Title+"\n"+f.Evidence+"\n"+f.Detail, h) {
						t.Errorf("%s: %q not in %q / %q", w.code, h, f.Title, f.Evidence)
					}
				}
				if w.path != "" && f.Path != w.path {
					t.Errorf("path %q", f.Path)
				}
			}
			for _, n := range tc.not {
				if find(fs, n) != nil {
					t.Errorf("unexpected %s", n)
				}
			}
		})
	}
	c, _ := Clock(now, nil, 90*time.Second, nil)
	if c.LeewayS != 90 {
		t.Errorf("leeway %d", c.LeewayS)
	}
}

func ExampleCheck() {
	payload := map[string]any{
		"iss": "https://id.example.com/",
		"aud": "https://api.example.com/",
		"exp": json.Number("1795326480"), // 2026-11-22T05:48:00Z
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	_, fs := Check(payload, map[string]any{"alg": "RS256"}, "tokens[0]", Options{
		Now:         now,
		AccessToken: true,
		Expect:      Expectations{Aud: "https://api.example.com"},
	})
	for _, f := range fs {
		fmt.Printf("%s (%s): %s\n  %s\n", f.Code, f.Severity, f.Title, f.Evidence)
	}
	// Output:
	// token.expired (error): The access token expired 3h12m ago
	//   exp=1795326480 (2026-11-22T05:48:00Z)
	// claims.aud_mismatch (error): The access token is for "https://api.example.com/", not "https://api.example.com"
	//   aud="https://api.example.com/"
}

func TestCheckScopes(t *testing.T) {
	payload := map[string]any{"scope": "orders:read profile"}
	tests := []struct {
		name string
		need []string
		want int
	}{
		{"missing one", []string{"orders:write"}, 1},
		{"space-separated need", []string{"orders:read orders:write"}, 1},
		{"all present", []string{"orders:read", "profile"}, 0},
		{"nothing needed", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := CheckScopes(payload, "tokens[0]", tt.need, "the server's challenge", true)
			if len(fs) != tt.want {
				t.Fatalf("%d findings, want %d: %v", len(fs), tt.want, fs)
			}
			if tt.want == 1 && (fs[0].Code != report.ClaimsScopeMissing || !strings.Contains(fs[0].Detail, "Required by the server's challenge") || !strings.Contains(fs[0].Title, "orders:write")) {
				t.Errorf("finding = %+v", fs[0])
			}
		})
	}
}
