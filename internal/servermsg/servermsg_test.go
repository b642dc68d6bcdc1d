package servermsg

import (
	"strings"
	"testing"
)

func TestRecognise(t *testing.T) {
	for _, c := range []struct {
		body, hdr, lib, cause string
	}{
		{`{"detail":"Not authenticated"}`, "", "FastAPI", "missing-token"},
		{`{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"message":"Token is invalid or expired"}]}`, "", "simplejwt", "generic-invalid"},
		{`{"message":"Missing Authentication Token"}`, "x-amzn-errortype", "AWS API Gateway", CauseWrongRoute},
		{`{"message":"Unauthorized"}`, "x-amzn-errortype", "AWS API Gateway", "generic-invalid"},
		{"Jwt is expired", "", "Envoy", "expired"},
		{`{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`, "", "Entra", CauseBadCredentials},
	} {
		r := Response{Status: 401, Body: c.body}
		if c.hdr != "" {
			r.Headers = [][2]string{{c.hdr, "x"}}
		}
		ms := Recognise(r)
		if len(ms) == 0 || !strings.Contains(ms[0].Library, c.lib) || ms[0].Cause != c.cause {
			t.Errorf("%s: %+v, want %s %s", c.body, ms, c.lib, c.cause)
		}
	}
	if ms := Recognise(Response{Status: 200, Body: `{"detail":"Not authenticated"}`}); len(ms) != 0 {
		t.Errorf("2xx: %+v", ms)
	}
	if ms := Recognise(Response{Status: 401, Body: `{"message":"Unauthorized"}`}); len(ms) != 0 {
		t.Errorf("a bare Unauthorized names no library: %+v", ms)
	}
}

// Every catalogue message is recognised as its own words, with its cause
// or that of another library writing the same words.
func TestCatalogueSelfMatch(t *testing.T) {
	for i, r := range catalogue {
		p := compiled[i]
		if p.literal < minExact || len(p.pieces) == 1 && generic[p.pieces[0]] {
			continue
		}
		text := strings.NewReplacer("{0}", "x", "%s", "x").Replace(r.message)
		m, ok := MatchText(text, "")
		if !ok {
			t.Errorf("%q (%s) not recognised", r.message, libraries[r.lib])
			continue
		}
		if m.Library != libraries[r.lib] && !contains(m.Alternatives, libraries[r.lib]) && m.score < 10000+p.literal {
			t.Logf("%q: %s, not %s", r.message, m.Library, libraries[r.lib])
		}
	}
}

func TestSafe(t *testing.T) {
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlc2lnbmF0dXJl"
	for _, s := range []string{"token " + jwt + " is bad", "Incorrect API key provided: sk-proj-abcdefghijklmnop1234", "Invalid token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b."} {
		out := Safe(s)
		for _, secret := range []string{jwt, "sk-proj-abcdefghijklmnop1234", "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"} {
			if strings.Contains(out, secret) {
				t.Errorf("Safe(%q) = %q", s, out)
			}
		}
	}
	if got := Safe("Signature has expired."); got != "Signature has expired." {
		t.Errorf("Safe changed a plain message: %q", got)
	}
}

func FuzzRecognise(f *testing.F) {
	for _, s := range []string{`{"detail":"Not authenticated"}`, "<html><title>401 Authorization Required</title><pre>UnauthorizedError: jwt expired<br></pre></html>",
		`{"error":{"message":"Incorrect API key provided: sk-x"}}`, "The token expired at '11/22/2026 08:58:00'", "{", "&#x;&#99999999;"} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, body, desc string) {
		ms := Recognise(Response{Status: 401, Body: body, Descriptions: []string{desc}})
		for _, m := range ms {
			if m.Library == "" || m.Cause == "" || m.Meaning == "" {
				t.Fatalf("incomplete %+v", m)
			}
			if strings.Contains(m.Text, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln") {
				t.Fatalf("a token in %q", m.Text)
			}
		}
		MatchText(body, desc)
	})
}
