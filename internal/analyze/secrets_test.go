package analyze

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/report"
	"github.com/authdebug/authdebug/internal/token"
)

// secretCorpus is every captured fixture the engine is tested on, plus
// inputs written to put credentials where findings quote text: an
// Authorization value with no scheme, a token with text after it, odd
// schemes, cookies, API keys, query and form credentials, Basic passwords.
func secretCorpus(t *testing.T) map[string]string {
	t.Helper()
	corpus := map[string]string{}
	for _, glob := range []string{
		"../../app/examples/*.txt",
		"../exchange/testdata/*.txt", "../exchange/testdata/*.har", "../exchange/testdata/*.json",
		"../detect/testdata/*.txt", "../detect/testdata/*.md",
		"../bench/testdata/*.txt",
		"../servermsg/testdata/real/*.txt", "../servermsg/testdata/documented/*.txt",
		"../serverlog/testdata/logs/*.txt", "../exchange/testdata/httpdebug/*.txt", "../exchange/testdata/console/*.txt",
	} {
		paths, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			corpus[filepath.ToSlash(p)] = string(b)
		}
	}
	if len(corpus) < 25 {
		t.Fatalf("only %d fixtures found: the globs are stale", len(corpus))
	}
	jwt := hs256(map[string]any{"alg": "HS256", "typ": "JWT"}, map[string]any{"sub": "u1", "exp": unix(-3600)}, []byte("0123456789abcdef0123456789abcdef"))
	req := "GET /me HTTP/1.1\r\nHost: api.example.com\r\n"
	resp := "\r\nHTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"\r\n\r\n"
	for name, text := range map[string]string{
		"no scheme, opaque":         req + "Authorization: Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI" + resp,
		"no scheme, jwt":            req + "Authorization: " + jwt + resp,
		"jwt with text after it":    req + "Authorization: " + jwt + " trailing" + resp,
		"jwt, comma, more":          req + "Authorization: " + jwt + ", Bearer other" + resp,
		"scheme-shaped secret":      req + "Authorization: sk_live_4eC39HqLyjWDarjtT1zdp7dc extra" + resp,
		"odd scheme":                req + "Authorization: ApiKey 9f8e7d6c5b4a39281706f5e4d3c2b1a0" + resp,
		"lowercase bearer":          req + "Authorization: bearer " + jwt + resp,
		"bearer colon":              req + "Authorization: Bearer: " + jwt + resp,
		"bearer twice":              req + "Authorization: Bearer Bearer " + jwt + resp,
		"quoted":                    req + "Authorization: Bearer \"" + jwt + "\"" + resp,
		"basic":                     req + "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("alice:Tr0ub4dor&3horse")) + resp,
		"basic newline":             req + "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("alice:Tr0ub4dor&3horse\n")) + resp,
		"basic no colon":            req + "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("Tr0ub4dor&3horse-alone")) + resp,
		"cookie and api key":        req + "Cookie: session=s3ss10nV4lu3AbCdEfGhIjKlMn; theme=dark\r\nX-API-Key: ak_9f8e7d6c5b4a3928170\r\n" + resp,
		"query credential":          "GET /me?access_token=QwErTyUiOpAsDfGhJkLzXcVbNm123 HTTP/1.1\r\nHost: api.example.com\r\n" + resp,
		"bare authorization line":   "Authorization: Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI",
		"bare value, no scheme":     jwt + " trailing",
		"curl -u":                   "curl -u alice:Tr0ub4dor\\&3horse https://api.example.com/me",
		"curl header no scheme":     "curl -H 'Authorization: Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI' https://api.example.com/me",
		"curl oauth2-bearer":        "curl --oauth2-bearer Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI https://api.example.com/me",
		"proxy authorization":       "GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nProxy-Authorization: Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI\r\n\r\nHTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n\r\n",
		"tab separated":             req + "Authorization: Bearer\t" + jwt + resp,
		"glued":                     req + "Authorization: Bearer" + jwt + resp,
		"digest":                    req + "Authorization: Digest username=\"alice\", response=\"6629fae49393a05397450978507c4ef1\", nonce=\"abc\"" + resp,
		"dpop as bearer":            req + "Authorization: DPoP " + jwt + "\r\nDPoP: " + jwt + resp,
		"authorization in response": "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nAuthorization: Zk9PYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdI\r\n\r\n",
	} {
		corpus["inline/"+name] = text
	}
	return corpus
}

// credentialValues lists the credentials a Report shows when reveal was
// asked for: whole tokens and their signatures, the credential part of
// Authorization values, cookie and API-key values, credential query
// parameters, Basic user passwords.
func credentialValues(r report.Report) []string {
	var out []string
	add := func(s string) {
		s = strings.Trim(strings.TrimSpace(s), `"'`)
		if _, placeholder := token.Placeholder(s); len(s) >= 8 && !placeholder {
			out = append(out, s)
		}
	}
	for _, tk := range r.Tokens {
		add(tk.Raw)
		if i := strings.LastIndexByte(tk.Raw, '.'); i >= 0 && strings.Count(tk.Raw, ".") == 2 {
			add(tk.Raw[i+1:])
		}
	}
	reqs := []*report.Request{r.Request}
	for _, ex := range r.Exchanges {
		reqs = append(reqs, ex.Request)
	}
	resps := []*report.Response{r.Response}
	for _, ex := range r.Exchanges {
		resps = append(resps, ex.Response)
	}
	var hs []report.Header
	for _, q := range reqs {
		if q == nil {
			continue
		}
		hs = append(hs, q.Headers...)
		if u, err := url.Parse(q.URL); err == nil {
			for k, vs := range u.Query() {
				switch strings.ToLower(k) {
				case "access_token", "token", "api_key", "apikey", "key", "client_secret", "password", "id_token", "refresh_token":
					for _, v := range vs {
						add(v)
					}
				}
			}
			if pw, ok := u.User.Password(); ok {
				add(pw)
			}
		}
	}
	for _, p := range resps {
		if p != nil {
			hs = append(hs, p.Headers...)
		}
	}
	for _, h := range hs {
		switch n := strings.ToLower(h.Name()); {
		case n == "authorization" || n == "proxy-authorization":
			scheme, cred := report.SplitAuthorization(h.Value())
			add(cred)
			if strings.EqualFold(scheme, "Basic") {
				if b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred)); err == nil {
					if _, pw, ok := strings.Cut(string(b), ":"); ok {
						add(pw)
					} else {
						add(string(b))
					}
				}
			}
		case n == "cookie":
			for _, kv := range strings.Split(h.Value(), ";") {
				if _, v, ok := strings.Cut(kv, "="); ok {
					add(v)
				}
			}
		case n == "dpop" || strings.Contains(n, "api-key") || strings.Contains(n, "token"):
			add(h.Value())
		}
	}
	return out
}

// No finding (title, detail, fix, evidence), verdict or header shown
// without reveal carries a credential value that reveal would show: the
// whole corpus, every code.
func TestNoFindingCarriesACredential(t *testing.T) {
	corpus := secretCorpus(t)
	checked := 0
	for name, text := range corpus {
		t.Run(name, func(t *testing.T) {
			opts := []Option{WithNow(now)}
			revealed, _ := Run(context.Background(), Input{Text: text}, append(opts, WithReveal(true))...)
			secrets := credentialValues(revealed)
			if len(secrets) == 0 {
				return
			}
			checked++
			r, _ := Run(context.Background(), Input{Text: text}, opts...)
			b, err := json.Marshal(struct {
				Findings []report.Finding
				Verdict  string
				Request  *report.Request
				Exch     []report.Exchange
				Tokens   []report.Token
			}{r.Findings, r.Verdict, r.Request, r.Exchanges, r.Tokens})
			if err != nil {
				t.Fatal(err)
			}
			shown := string(b)
			for _, s := range secrets {
				js, _ := json.Marshal(s)
				if strings.Contains(shown, strings.Trim(string(js), `"`)) {
					t.Errorf("the Report without reveal carries the credential %s", report.Fingerprint(s))
					for _, f := range r.Findings {
						if strings.Contains(f.Title+f.Detail+f.Fix+f.Evidence, s) {
							t.Errorf("  in finding %s %q", f.Code, report.Fingerprint(f.Title))
						}
					}
				}
			}
		})
	}
	if checked < 20 {
		t.Errorf("only %d inputs carried credentials: the extraction is broken", checked)
	}
}
