package analyze

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authdebug/authdebug/internal/keys/discovery"
	"github.com/authdebug/authdebug/internal/keys/gocrypto"
	"github.com/authdebug/authdebug/internal/report"
)

// FuzzRun drives the whole pipeline (detection, transcripts, tokens, keys,
// diagnosis, verdict) with a paste and key material. Run recovers every
// panic into an internal.error finding, which keeps the page alive but would
// hide a bug from the per-parser fuzz targets: here it is a failure. Every
// input must also give a verdict and well-formed findings.
func FuzzRun(f *testing.F) {
	files, _ := filepath.Glob("../exchange/testdata/*.txt")
	har, _ := filepath.Glob("../exchange/testdata/*.har")
	examples, _ := filepath.Glob("../../app/examples/*.txt")
	examples = append(examples, globAll("../exchange/testdata/httpdebug/*.txt", "../exchange/testdata/console/*.txt", "../serverlog/testdata/logs/*.txt")...)
	for _, p := range append(append(files, har...), examples...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "", "")
	}
	tok := rs256(map[string]any{"alg": "RS256", "kid": "k1"}, map[string]any{"sub": "u1", "iss": "https://issuer.example", "exp": unix(-60)})
	pub, err := os.ReadFile("testdata/rsa-test.pub.pem")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tok, string(pub), "")
	f.Add("Authorization: Bearer "+tok, "", "https://issuer.example/jwks")
	f.Add(hs256(map[string]any{"alg": "HS256", "cty": "JWT"}, "e30.e30.", []byte("secret")), "secret", "")
	f.Add("HTTP/1.1 401\r\nWWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"a b\"\r\nDate: Sun, 22 Nov 2026 09:00:00 GMT\r\n\r\n", `{"keys":[]}`, "")
	f.Add(`curl 'https://api.example/x?api_key=abc' -H 'authorization: bearer  `+tok+`'`, "", "")

	f.Fuzz(func(t *testing.T, text, key, jwksURL string) {
		fetch := discovery.FetcherFunc(func(context.Context, string) ([]byte, error) { return []byte(key), nil })
		rep, err := Run(context.Background(), Input{Text: text},
			WithNow(now), WithKeyText(key), WithJWKSURL(jwksURL), WithDiscover(jwksURL != ""),
			WithAudience("api"), WithIssuer("https://issuer.example/"), WithRequire("sub"), WithScope("read"),
			WithFetcher(fetch), WithVerifier(gocrypto.New()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(rep.Verdict) == "" {
			t.Fatal("empty verdict")
		}
		for _, fd := range rep.Findings {
			if fd.Code == report.InternalError {
				t.Fatalf("internal error: %s\n%s", fd.Detail, fd.Evidence)
			}
			if fd.Code == "" || fd.Title == "" {
				t.Fatalf("finding without code or title: %+v", fd)
			}
			switch fd.Severity {
			case report.Error, report.Warning, report.Info:
			default:
				t.Fatalf("%s: severity %q", fd.Code, fd.Severity)
			}
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatalf("report does not marshal: %v", err)
		}
	})
}

func globAll(globs ...string) []string {
	var out []string
	for _, g := range globs {
		ps, _ := filepath.Glob(g)
		out = append(out, ps...)
	}
	return out
}
